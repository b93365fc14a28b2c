/// Draws the hair: short at the sides, a side part on the viewer's left, and the top swept
/// over to the right in a soft quiff.
///
/// The outer edge is silhouette and barely moves as the head turns; the hairline and the part
/// lie on the head's surface and move with the face.
struct HairPainter {
    let palette: PresenterPalette
    let texture: ShadingTexture
    let pose: HeadPose

    /// The silhouette, from above the left ear over the top to above the right ear.
    private static let outline: [(x: Double, y: Double)] = [
        (337, 404), (323, 344), (326, 282), (346, 230), (378, 188), (424, 158), (476, 142),
        (528, 142), (576, 150), (622, 166), (658, 194), (680, 236), (689, 290), (685, 350),
        (666, 404),
    ]
    /// The hairline, from the right sideburn across the forehead to the left one.
    private static let hairline: [(x: Double, y: Double)] = [
        (653, 404), (650, 350), (640, 304), (606, 280), (556, 274), (504, 278), (458, 286),
        (418, 298), (390, 316), (369, 350), (358, 404),
    ]
    /// Strands combed from the part across the top, in head coordinates.
    private static let strands: [[(x: Double, y: Double)]] = [
        [(418, 292), (470, 210), (600, 200), (648, 262)],
        [(422, 250), (480, 178), (590, 172), (664, 226)],
        [(440, 300), (500, 240), (580, 238), (626, 282)],
    ]

    private func place(_ point: (x: Double, y: Double), onFace: Bool) -> (x: Double, y: Double) {
        onFace ? pose.projectOnFace(point.x, point.y, bump: 6) : pose.project(point.x, point.y, depth: 0)
    }

    func paint(on canvas: CairoCanvas) {
        let points = Self.outline.map { place($0, onFace: false) } + Self.hairline.map { place($0, onFace: true) }
        canvas.smoothClosedCurve(through: points)
        texture.fillCurrentPath(on: canvas)
        for strand in Self.strands {
            let p = strand.map { place($0, onFace: true) }
            canvas.move(p[0].x, p[0].y)
            canvas.curve(p[1].x, p[1].y, p[2].x, p[2].y, p[3].x, p[3].y)
        }
        canvas.stroke(palette.hairLight.lighter(0.12), width: 3, alpha: 0.3)
        // The part.
        let part = [(414, 298), (416, 262), (426, 226), (444, 192)].map { place($0, onFace: true) }
        canvas.move(part[0].x, part[0].y)
        canvas.curve(part[1].x, part[1].y, part[2].x, part[2].y, part[3].x, part[3].y)
        canvas.stroke(palette.hair.darker(0.45), width: 2.2, alpha: 0.5)
    }
}
