/// A point or vector in image pixels; x to the right, y down.
typealias Vec2 = SIMD2<Double>

extension SIMD2 where Scalar == Double {
    /// Euclidean length.
    var length: Double { (x * x + y * y).squareRoot() }

    /// Dot product.
    func dot(_ other: SIMD2<Double>) -> Double { x * other.x + y * other.y }

    /// Linear interpolation from self (t = 0) to `other` (t = 1).
    func mix(_ other: SIMD2<Double>, _ t: Double) -> SIMD2<Double> { self + (other - self) * t }
}

/// A 2-D affine map `p' = (a x + b y + c, d x + e y + f)`.
struct AffineMap: Sendable, Equatable {
    var a: Double, b: Double, c: Double
    var d: Double, e: Double, f: Double

    /// Uniform scale by `scale` followed by a shift by `offset`.
    static func scale(_ scale: Double, then offset: Vec2) -> AffineMap {
        AffineMap(a: scale, b: 0, c: offset.x, d: 0, e: scale, f: offset.y)
    }

    /// The identity map.
    static let identity = AffineMap(a: 1, b: 0, c: 0, d: 0, e: 1, f: 0)

    /// Row-major 2x3 coefficients, as OpenCV expects.
    var coefficients: [Double] { [a, b, c, d, e, f] }

    /// Where `point` goes.
    func apply(_ point: Vec2) -> Vec2 { Vec2(a * point.x + b * point.y + c, d * point.x + e * point.y + f) }

    /// The average linear scale factor.
    var scaleFactor: Double { abs(a * e - b * d).squareRoot() }
}

/// Catmull-Rom interpolation through `points` (an open curve), `perSegment` samples per span.
func smoothCurve(through points: [Vec2], perSegment: Int) -> [Vec2] {
    guard points.count > 2, perSegment > 1 else { return points }
    var curve: [Vec2] = []
    for index in 0..<(points.count - 1) {
        let p0 = points[max(index - 1, 0)], p1 = points[index]
        let p2 = points[index + 1], p3 = points[min(index + 2, points.count - 1)]
        for step in 0..<perSegment {
            let t = Double(step) / Double(perSegment)
            let t2 = t * t, t3 = t2 * t
            let a = p1 * 2
            let b = (p2 - p0) * t
            let c = (p0 * 2 - p1 * 5 + p2 * 4 - p3) * t2
            let d = (p1 * 3 - p0 - p2 * 3 + p3) * t3
            curve.append((a + b + c + d) * 0.5)
        }
    }
    curve.append(points[points.count - 1])
    return curve
}
