import Foundation
import OratorCore

/// The opening between the inner lips, traced on the photo: points along the upper and the
/// lower lip from corner to corner (`FaceRig.upperLip`, `FaceRig.lowerLip`), in canvas pixels.
struct InnerLipContour: Sendable, Equatable {
    var upper: [Vec2]
    var lower: [Vec2]
}

/// Traces the inner lips on the photo itself.
///
/// dlib's model often places the inner lips of a smile across the teeth (it saw mostly closed
/// mouths), and joins them with straight lines where the real edge curves. Teeth left inside
/// the lip triangles would ride on the lips when the mouth moves, so the contour is sampled at
/// nine columns across the mouth and each point is slid along the face's vertical axis to where
/// the red of the lip gives way to teeth (bright, not red) or the mouth's dark inside.
enum LipContourFinder {
    static func trace(_ landmarks: FaceLandmarks, in image: FrameBuffer) -> InnerLipContour {
        let p = landmarks.points
        let frame = FaceFrame(landmarks: landmarks)
        let outerUpper = (48...54).map { frame.local(p[$0]) }
        let outerLower = [48, 59, 58, 57, 56, 55, 54].map { frame.local(p[$0]) }
        // Start from dlib's inner lips with the traced points spaced along them.
        var upper = FaceRig.upperLip.map { position($0, p, frame) }
        var lower = FaceRig.lowerLip.map { position($0, p, frame) }
        var tracedUpper = upper, tracedLower = lower
        var found = 0
        for index in 1..<(upper.count - 1) {
            let x = (upper[index].x + lower[index].x) / 2
            guard let top = height(of: outerUpper, at: x), let bottom = height(of: outerLower, at: x),
                  let edges = scan(image, frame: frame, x: x, from: top, to: bottom) else { continue }
            tracedUpper[index].y = edges.upper
            tracedLower[index].y = edges.lower
            found += 1
        }
        // Teeth gaps and highlights make single columns jitter; the lip edges are smooth curves.
        if found >= 3 {
            upper = smoothed(tracedUpper)
            lower = smoothed(tracedLower)
        }
        return InnerLipContour(upper: upper.map(frame.canvas), lower: lower.map(frame.canvas))
    }

    /// The points moved onto a least-squares quartic y(x) through them, the corners held fast.
    private static func smoothed(_ points: [Vec2]) -> [Vec2] {
        let left = points[0].x, span = max(points[points.count - 1].x - left, 1e-6)
        let degree = 4
        var normal = [[Double]](repeating: [Double](repeating: 0, count: degree + 1), count: degree + 1)
        var right = [Double](repeating: 0, count: degree + 1)
        for (index, point) in points.enumerated() {
            let weight = index == 0 || index == points.count - 1 ? 25.0 : 1.0
            let u = (point.x - left) / span
            let powers = (0...degree).map { pow(u, Double($0)) }
            for row in 0...degree {
                right[row] += weight * powers[row] * point.y
                for column in 0...degree { normal[row][column] += weight * powers[row] * powers[column] }
            }
        }
        guard let coefficients = solve(normal, right) else { return points }
        var result = points
        for index in 1..<(points.count - 1) {
            let u = (points[index].x - left) / span
            result[index].y = (0...degree).reduce(0) { $0 + coefficients[$1] * pow(u, Double($1)) }
        }
        return result
    }

    /// Gaussian elimination with partial pivoting; nil for a singular system.
    private static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double]? {
        var a = matrix, b = vector
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            guard abs(a[pivot][column]) > 1e-12 else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in (0..<n).reversed() {
            x[row] = (b[row] - ((row + 1)..<n).reduce(0) { $0 + a[row][$1] * x[$1] }) / a[row][row]
        }
        return x
    }

    /// A lip vertex in face coordinates: a landmark, or a point on the line between two.
    private static func position(_ vertex: Int, _ points: [Vec2], _ frame: FaceFrame) -> Vec2 {
        if vertex < 68 { return frame.local(points[vertex]) }
        let traced = FaceRig.tracedLipPoints.first { $0.vertex == vertex }!
        return frame.local(points[traced.from].mix(points[traced.to], traced.fraction))
    }

    /// The y of a left-to-right polyline at `x`, if `x` is within it.
    private static func height(of line: [Vec2], at x: Double) -> Double? {
        for (a, b) in zip(line, line.dropFirst()) where (min(a.x, b.x)...max(a.x, b.x)).contains(x) {
            return b.x == a.x ? a.y : a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)
        }
        return nil
    }

    /// Where lip pixels end and begin again along a vertical line from the outer upper lip to
    /// the outer lower lip, or nil if the line is lip all the way (closed lips).
    private static func scan(_ image: FrameBuffer, frame: FaceFrame, x: Double, from top: Double, to bottom: Double)
        -> (upper: Double, lower: Double)? {
        let step = 0.5
        let count = Int((bottom - top) / step)
        guard count > 8 else { return nil }
        let samples = (0...count).map { sample(image, frame.canvas(Vec2(x, top + Double($0) * step))) }
        // The lip's own colour: the reddest fifth of the line (lips are redder than skin,
        // teeth and the inside of the mouth).
        let rednesses = samples.map { $0.red - $0.green }.sorted()
        let redness = rednesses[rednesses.count * 4 / 5]
        guard redness > 8 else { return nil }
        let luma = median(samples.filter { $0.red - $0.green > 0.7 * redness }.map(\.luma))
        let isLip = samples.map { $0.red - $0.green > 0.7 * redness && $0.luma > 0.6 * luma }
        // The opening is the first run of non-lip (two pixels or more) below the upper lip; it
        // ends where lip starts again (a highlight further down the lower lip is not an edge).
        let run = Int(2 / step)
        func runs(_ wanted: Bool, at index: Int) -> Bool {
            index + run <= samples.count && (index..<index + run).allSatisfy { isLip[$0] == wanted }
        }
        // The scan may start on skin above the lip, so the opening is searched for only below
        // the first stretch of lip.
        guard let lipStart = (0..<samples.count).first(where: { runs(true, at: $0) }),
              let first = ((lipStart + run)..<samples.count).first(where: { runs(false, at: $0) }),
              first + run < samples.count,
              let last = ((first + run)..<samples.count).first(where: { runs(true, at: $0) })
        else { return nil }
        // Half-lit edge pixels belong to the opening: a lip that keeps them shows a pale rim
        // of teeth when it closes.
        let margin = 0.75
        return (top + Double(first) * step - margin, top + Double(last) * step + margin)
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// Bilinear sample of a BGRA frame (edges clamped).
    static func sample(_ image: FrameBuffer, _ point: Vec2) -> ColorBGR {
        let width = image.size.width, height = image.size.height
        let x = min(max(point.x, 0), Double(width - 1)), y = min(max(point.y, 0), Double(height - 1))
        let x0 = Int(x), y0 = Int(y), x1 = min(x0 + 1, width - 1), y1 = min(y0 + 1, height - 1)
        let fx = x - Double(x0), fy = y - Double(y0)
        func channel(_ offset: Int) -> Double {
            func at(_ px: Int, _ py: Int) -> Double { Double(image.pixels[(py * width + px) * 4 + offset]) }
            let top = at(x0, y0) + (at(x1, y0) - at(x0, y0)) * fx
            let bottom = at(x0, y1) + (at(x1, y1) - at(x0, y1)) * fx
            return top + (bottom - top) * fy
        }
        return ColorBGR(blue: channel(0), green: channel(1), red: channel(2))
    }
}
