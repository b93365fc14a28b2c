import Foundation
import OratorCore

/// One soft-edged filled polygon to paint.
struct PaintShape: Sendable {
    var polygon: [Vec2]
    var color: ColorBGR
    var opacity: Double
    /// Edge softness (Gaussian sigma) in pixels.
    var blur: Double
}

/// The colours of the inside of the mouth, matched to the photo's lips, skin and light.
struct MouthPalette: Sendable, Equatable {
    var cavity: ColorBGR
    var throat: ColorBGR
    var tongue: ColorBGR
    var teeth: ColorBGR
    var teethShade: ColorBGR

    init(lips: ColorBGR, skin: ColorBGR) {
        // Fixed hues (a dark red cavity, a pink tongue, warm white teeth) at the photo's brightness.
        let light = max(0.5, min(1.1, skin.luma / 185))
        cavity = ColorBGR(blue: 38, green: 34, red: 80).scaled(light)
        throat = ColorBGR(blue: 18, green: 15, red: 38).scaled(light)
        tongue = ColorBGR(blue: 110, green: 105, red: 196).mixed(with: lips, 0.3).scaled(light)
        let warmWhite = ColorBGR(blue: 214, green: 230, red: 242).scaled(light)
        teeth = warmWhite.mixed(with: skin.scaled(235 * light / max(skin.luma, 1)), 0.08)
        teethShade = teeth.scaled(0.6)
        // A black-and-white (or strongly tinted-down) photo gets a colourless mouth to match.
        let chroma = max(skin.red, skin.green, skin.blue) - min(skin.red, skin.green, skin.blue)
        let colourfulness = max(0, min(1, (chroma - 4) / 20))
        for path in [\MouthPalette.cavity, \.throat, \.tongue, \.teeth, \.teethShade] {
            let color = self[keyPath: path]
            let gray = ColorBGR(blue: color.luma, green: color.luma, red: color.luma)
            self[keyPath: path] = gray.mixed(with: color, colourfulness)
        }
    }
}

/// Draws the inside of an open mouth: a dark, shaded cavity, upper and lower teeth that follow
/// the lips, and a tongue, all clipped to the opening between the inner lips.
enum MouthPainter {
    /// The clip outline and the shapes to paint between the inner-lip outlines `upperLip` and
    /// `lowerLip` (canvas points from the left corner to the right); closed lips get only the
    /// dark line where they meet, and lips that have collapsed to nothing get nothing.
    static func paint(upperLip: [Vec2], lowerLip: [Vec2], motion: MotionFrame, palette: MouthPalette)
        -> (clip: [Vec2], shapes: [PaintShape])? {
        let upper = smoothCurve(through: upperLip, perSegment: 4)
        let lower = smoothCurve(through: lowerLip, perSegment: 4)
        let leftCorner = upperLip[0], rightCorner = upperLip[upperLip.count - 1]
        let across = rightCorner - leftCorner
        let width = across.length
        guard width > 2 else { return nil }
        let axis = across / width
        let down = Vec2(-axis.y, axis.x)
        let gap = zip(upper, lower).map { ($1 - $0).dot(down) }.max() ?? 0
        guard gap > 0.6 else { return closedLips(upper: upper, lower: lower, down: down, palette: palette) }

        let clip = upper + lower.dropFirst().dropLast().reversed()
        let middle = (upper[upper.count / 2] + lower[lower.count / 2]) / 2
        let tongueUp = Double(max(0, min(1, motion.tongueUp)))
        let teethOnLip = Double(max(0, min(1, motion.teethOnLip)))
        var shapes: [PaintShape] = []

        // Cavity, darker toward the throat and in the corners.
        shapes.append(PaintShape(polygon: clip, color: palette.cavity, opacity: 1, blur: 0))
        shapes.append(PaintShape(polygon: ellipse(middle + down * 0.15 * gap, axis: axis, radii: Vec2(0.32 * width, 0.38 * gap)),
                                 color: palette.throat, opacity: 0.75, blur: 0.25 * gap + 1))
        for (corner, inward) in [(leftCorner, axis), (rightCorner, -axis)] {
            shapes.append(PaintShape(polygon: ellipse(corner + inward * 0.04 * width, axis: axis, radii: Vec2(0.1 * width, 0.45 * gap + 1.5)),
                                     color: palette.throat, opacity: 0.5, blur: 0.04 * width))
        }

        // Tongue, behind the lower teeth; raised toward the upper teeth for L.
        if gap > 0.1 * width {
            let lowerMiddle = lower[lower.count / 2]
            let center = lowerMiddle - down * (0.1 + 0.35 * tongueUp) * gap
            let radii = Vec2((0.3 - 0.08 * tongueUp) * width, (0.3 + 0.12 * tongueUp) * gap)
            shapes.append(PaintShape(polygon: ellipse(center, axis: axis, radii: radii), color: palette.tongue, opacity: 1, blur: 0.8))
            shapes.append(PaintShape(polygon: ellipse(center - down * radii.y * 0.3, axis: axis, radii: radii * 0.5),
                                     color: palette.tongue.scaled(1.18), opacity: 0.4, blur: 0.3 * radii.y))
        }

        // Lower teeth rise from the lower lip, mostly hidden behind it.
        let lowerHeight = min(0.07 * width, 0.4 * gap)
        let lowerRow = TeethRow(curve: lower, height: -lowerHeight, down: down, axis: axis)
        shapes.append(PaintShape(polygon: lowerRow.band(0.3...0.7, depth: 0.7), color: palette.teethShade, opacity: 0.8, blur: 0.6))
        for tooth in TeethRow.lowerTeeth {
            shapes.append(PaintShape(polygon: lowerRow.tooth(tooth), color: palette.teeth.scaled(0.82 * tooth.light), opacity: 0.9, blur: 0.5))
        }

        // Upper teeth hang from the upper lip; for F and V they reach down onto the lower lip.
        let upperHeight = max(min(0.16 * width, 0.55 * gap), teethOnLip * gap * 1.05)
        let upperRow = TeethRow(curve: upper, height: upperHeight, down: down, axis: axis)
        shapes.append(PaintShape(polygon: upperRow.band(0.1...0.9, depth: 0.75), color: palette.teethShade, opacity: 0.9, blur: 0.6))
        for tooth in TeethRow.upperTeeth {
            shapes.append(PaintShape(polygon: upperRow.tooth(tooth), color: palette.teeth.scaled(tooth.light), opacity: 1, blur: 0.45))
        }

        // The lips shade the top of the teeth and the edge of the lower lip.
        let lipShadow = TeethRow(curve: upper, height: 0.2 * upperHeight + 0.5, down: down, axis: axis)
        shapes.append(PaintShape(polygon: lipShadow.band(0...1, depth: 1), color: palette.throat, opacity: 0.3, blur: 0.6 + 0.012 * width))
        let lowerShadow = TeethRow(curve: lower, height: -1.5, down: down, axis: axis)
        shapes.append(PaintShape(polygon: lowerShadow.band(0...1, depth: 1), color: palette.throat, opacity: 0.25, blur: 1))
        return (clip, shapes)
    }

    /// Closed lips meet in a soft dark line.
    private static func closedLips(upper: [Vec2], lower: [Vec2], down: Vec2, palette: MouthPalette)
        -> (clip: [Vec2], shapes: [PaintShape]) {
        let seam = zip(upper, lower).map { ($0 + $1) / 2 }
        let line = seam.map { $0 - down * 0.6 } + seam.reversed().map { $0 + down * 0.6 }
        let clip = seam.map { $0 - down * 3 } + seam.reversed().map { $0 + down * 3 }
        let shape = PaintShape(polygon: line, color: palette.throat, opacity: 0.4, blur: 0.8)
        return (clip, [shape])
    }

    private static func ellipse(_ center: Vec2, axis: Vec2, radii: Vec2, steps: Int = 20) -> [Vec2] {
        let down = Vec2(-axis.y, axis.x)
        return (0..<steps).map {
            let angle = Double($0) / Double(steps) * 2 * .pi
            return center + axis * (radii.x * cos(angle)) + down * (radii.y * sin(angle))
        }
    }
}

/// One visible tooth: where it sits along the lip (0-1, corner to corner), its length as a
/// fraction of the row's, its brightness, and whether it comes to a point (canines).
struct Tooth {
    var span: ClosedRange<Double>
    var length: Double
    var light: Double
    var pointed = false
}

/// A row of teeth along one lip, drawn tooth by tooth from just behind the lip edge to the
/// biting edge. Teeth further round the arch look narrower, shorter and darker.
struct TeethRow {
    let curve: [Vec2]
    /// Length of the middle teeth along `down` (negative for the lower row, which rises).
    let height: Double
    let down: Vec2
    let axis: Vec2

    /// Upper teeth from the viewer's left: premolar, canine, lateral and central incisors, and mirrored.
    static let upperTeeth: [Tooth] = {
        let half = [
            Tooth(span: 0.5...0.615, length: 1, light: 1), Tooth(span: 0.615...0.7, length: 0.86, light: 0.95),
            Tooth(span: 0.7...0.775, length: 0.9, light: 0.88, pointed: true), Tooth(span: 0.775...0.84, length: 0.72, light: 0.74),
            Tooth(span: 0.84...0.9, length: 0.58, light: 0.6),
        ]
        return half + half.map { Tooth(span: (1 - $0.span.upperBound)...(1 - $0.span.lowerBound), length: $0.length, light: $0.light, pointed: $0.pointed) }
    }()

    /// The lower incisors and canines, smaller than the upper.
    static let lowerTeeth: [Tooth] = {
        let half = [
            Tooth(span: 0.5...0.57, length: 1, light: 1), Tooth(span: 0.57...0.64, length: 0.95, light: 0.95),
            Tooth(span: 0.64...0.71, length: 0.85, light: 0.85, pointed: true),
        ]
        return half + half.map { Tooth(span: (1 - $0.span.upperBound)...(1 - $0.span.lowerBound), length: $0.length, light: $0.light, pointed: $0.pointed) }
    }()

    /// The point on the lip at `t` (0-1).
    func root(at t: Double) -> Vec2 {
        let position = min(max(t, 0), 1) * Double(curve.count - 1)
        let index = min(Int(position), curve.count - 2)
        return curve[index].mix(curve[index + 1], position - Double(index))
    }

    private var behindLip: Vec2 { down * (height >= 0 ? -2.0 : 2.0) }

    /// One tooth outline: straight sides from behind the lip, a rounded (or pointed) biting edge,
    /// inset a little from its neighbours so the gaps show near the tips.
    func tooth(_ tooth: Tooth) -> [Vec2] {
        let inset = 0.06 * (tooth.span.upperBound - tooth.span.lowerBound)
        let left = tooth.span.lowerBound + inset, right = tooth.span.upperBound - inset
        let length = height * tooth.length
        var outline = [root(at: left) + behindLip, root(at: right) + behindLip]
        let edge: [(Double, Double)] = tooth.pointed
            ? [(1, 0.72), (0.75, 0.9), (0.5, 1), (0.25, 0.9), (0, 0.72)]
            : [(1, 0.8), (0.9, 0.95), (0.7, 1), (0.3, 1), (0.1, 0.95), (0, 0.8)]
        for (fraction, reach) in edge {
            let t = left + (right - left) * fraction
            outline.append(root(at: t) + down * (length * reach))
        }
        return outline
    }

    /// A band along the lip over `span`, `depth` of the row's height deep (shadow behind the teeth).
    func band(_ span: ClosedRange<Double>, depth: Double) -> [Vec2] {
        let steps = 12
        let ts = (0...steps).map { span.lowerBound + (span.upperBound - span.lowerBound) * Double($0) / Double(steps) }
        return ts.map { root(at: $0) + behindLip } + ts.reversed().map { root(at: $0) + down * (height * depth) }
    }
}
