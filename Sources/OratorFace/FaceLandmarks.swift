import OratorCore

/// Where a face detector found a face, in image pixels.
public struct FaceBox: Sendable, Codable, Equatable {
    public var left: Double
    public var top: Double
    public var right: Double
    public var bottom: Double
    /// The detector's confidence (HOG score; higher is surer).
    public var score: Double

    public init(left: Double, top: Double, right: Double, bottom: Double, score: Double) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
        self.score = score
    }

    public var width: Double { right - left }
    public var height: Double { bottom - top }
    /// The centre of the box.
    public var center: SIMD2<Double> { SIMD2((left + right) / 2, (top + bottom) / 2) }
}

/// One face: its detection box and the 68 landmarks of the iBUG 300-W layout that dlib's
/// shape predictor produces (0-16 jaw, 17-26 brows, 27-35 nose, 36-47 eyes, 48-67 lips).
public struct FaceLandmarks: Sendable, Codable, Equatable {
    /// The detection box.
    public var box: FaceBox
    /// 68 points in image pixels.
    public var points: [SIMD2<Double>]

    public init(box: FaceBox, points: [SIMD2<Double>]) {
        self.box = box
        self.points = points
    }

    /// The eye on the viewer's left or right of the picture.
    public enum Eye: Sendable {
        /// Landmarks 36-41 (the person's right eye).
        case left
        /// Landmarks 42-47.
        case right

        var indices: Range<Int> { self == .left ? 36..<42 : 42..<48 }
    }

    /// Mean of an eye's six points.
    public func eyeCenter(_ eye: Eye) -> SIMD2<Double> {
        eye.indices.reduce(SIMD2<Double>.zero) { $0 + points[$1] } / 6
    }

    /// Distance between the eye centres, the face's unit of size.
    public var interocularDistance: Double { (eyeCenter(.right) - eyeCenter(.left)).length }

    /// Eye aspect ratio (Soukupova and Cech): lid-to-lid height over corner-to-corner width,
    /// about 0.25-0.35 for an open eye and under 0.15 for a closed one.
    public func eyeAspectRatio(_ eye: Eye) -> Double {
        let p = eye.indices.map { points[$0] }
        let width = (p[3] - p[0]).length
        guard width > 0 else { return 0 }
        return ((p[1] - p[5]).length + (p[2] - p[4]).length) / (2 * width)
    }

    /// The opening between the inner lips (mean of the three inner-lip gaps) divided by the
    /// interocular distance: near 0 for closed lips, about 0.3-0.5 for a wide-open mouth.
    public var mouthOpening: Double {
        let unit = interocularDistance
        guard unit > 0 else { return 0 }
        let gaps = [(61, 67), (62, 66), (63, 65)].map { (points[$0.1] - points[$0.0]).length }
        return gaps.reduce(0, +) / 3 / unit
    }

    /// The landmarks' bounding box (left, top, right, bottom).
    var bounds: (min: SIMD2<Double>, max: SIMD2<Double>) {
        var low = points[0], high = points[0]
        for point in points {
            low = pointwiseMin(low, point)
            high = pointwiseMax(high, point)
        }
        return (low, high)
    }

    /// The same face with every point (and the box) mapped through `map`.
    func transformed(by map: AffineMap) -> FaceLandmarks {
        let corner1 = map.apply(SIMD2(box.left, box.top)), corner2 = map.apply(SIMD2(box.right, box.bottom))
        let mappedBox = FaceBox(left: min(corner1.x, corner2.x), top: min(corner1.y, corner2.y),
                                right: max(corner1.x, corner2.x), bottom: max(corner1.y, corner2.y), score: box.score)
        return FaceLandmarks(box: mappedBox, points: points.map(map.apply))
    }
}
