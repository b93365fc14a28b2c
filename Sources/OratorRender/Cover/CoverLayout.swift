import OratorCore

/// Where a cover's parts go: the speakers' faces in circles in a square panel on the right (one
/// large; two on a diagonal; three in a triangle; four in a grid) and the text in the column
/// left of it. Sizes scale with the cover's height (the reference is 720 pixels).
struct CoverLayout: Equatable {
    struct Circle: Equatable {
        var x: Double, y: Double, diameter: Double
    }

    let size: FrameSize
    let circles: [Circle]
    /// The text column: left edge, width.
    let textX: Double, textWidth: Double
    /// Pixels per reference pixel.
    let unit: Double

    init(size: FrameSize, faces: Int) {
        self.size = size
        let unit = Double(size.height) / 720
        let margin = 64 * unit
        let count = min(max(faces, 0), 4)
        let panel = count == 0 ? 0 : (count == 1 ? 500 : 560) * unit
        let left = Double(size.width) - margin - panel, top = (Double(size.height) - panel) / 2
        // Centres as fractions of the panel, and the diameter in reference pixels.
        let places: [(Double, Double)], diameter: Double
        switch count {
        case 0: places = []; diameter = 0
        case 1: places = [(0.5, 0.5)]; diameter = 460
        case 2: places = [(0.29, 0.3), (0.71, 0.7)]; diameter = 310
        case 3: places = [(0.25, 0.27), (0.75, 0.27), (0.5, 0.74)]; diameter = 250
        default: places = [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)]; diameter = 244
        }
        circles = places.map { Circle(x: left + $0.0 * panel, y: top + $0.1 * panel, diameter: (diameter * unit).rounded()) }
        textX = margin
        textWidth = (count == 0 ? Double(size.width) - margin : left - 40 * unit) - margin
        self.unit = unit
    }

    /// The side of the square a face is drawn at for its circle (even, at least 16).
    var faceSide: Int { max(16, Int(circles.first?.diameter ?? 0) & ~1) }
}
