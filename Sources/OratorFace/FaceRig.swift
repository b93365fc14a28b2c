internal import FaceShim
import OratorCore

/// The animation mesh of one face: the 68 landmarks with the inner lips traced on the photo,
/// derived points that move with the face (more inner-lip points, forehead, eyelid folds,
/// cheeks), a ring around hair and neck that moves only with the head, and a fixed outer ring
/// and canvas border that keep the body and backdrop still. Built once per photo; immutable.
struct FaceRig: Sendable {
    /// Vertex positions in the photo canvas (the warp's source).
    let source: [Vec2]
    /// Vertex positions in face coordinates with the lips closed: the pose every frame starts from.
    let neutral: [Vec2]
    /// Depth of each vertex in interocular units (see `FaceTemplate`).
    let depth: [Double]
    /// How much of the head's rigid motion each vertex follows (1 face, about 0.5 neck, 0 body).
    let headWeight: [Double]
    /// Vertex-index triples.
    let triangles: [Int32]
    /// The face's axes in the canvas.
    let frame: FaceFrame
    /// Index ranges of the derived vertices.
    let foreheadRange: Range<Int>
    let creaseRange: Range<Int>
    let cheekRange: Range<Int>

    /// The landmarks each eyelid fold point lies between: (eye point, brow point).
    static let creasePairs: [(eye: Int, brow: Int)] = [
        (36, 18), (37, 19), (38, 20), (39, 21), (42, 22), (43, 23), (44, 24), (45, 25),
    ]

    /// The inner-lip outline, corner to corner: the landmarks plus traced points between them
    /// (two between each corner and its neighbour, one between the middle points).
    static let upperLip = [60, 68, 69, 61, 70, 62, 71, 63, 72, 73, 64]
    static let lowerLip = [60, 74, 75, 67, 76, 66, 77, 65, 78, 79, 64]
    /// Where the traced inner-lip points sit between landmarks: (vertex, landmark before, landmark after, fraction).
    static let tracedLipPoints: [(vertex: Int, from: Int, to: Int, fraction: Double)] = [
        (68, 60, 61, 1.0 / 3), (69, 60, 61, 2.0 / 3), (70, 61, 62, 0.5), (71, 62, 63, 0.5), (72, 63, 64, 1.0 / 3), (73, 63, 64, 2.0 / 3),
        (74, 60, 67, 1.0 / 3), (75, 60, 67, 2.0 / 3), (76, 67, 66, 0.5), (77, 66, 65, 0.5), (78, 65, 64, 1.0 / 3), (79, 65, 64, 2.0 / 3),
    ]

    init(landmarks: FaceLandmarks, innerLips: InnerLipContour, canvasSize: FrameSize) throws(OratorError) {
        let frame = FaceFrame(landmarks: landmarks)
        let unit = frame.unit
        var points = landmarks.points.map(frame.local) + [Vec2](repeating: .zero, count: Self.tracedLipPoints.count)
        for (index, vertex) in Self.upperLip.enumerated() { points[vertex] = frame.local(innerLips.upper[index]) }
        for (index, vertex) in Self.lowerLip.enumerated() { points[vertex] = frame.local(innerLips.lower[index]) }
        let local = points
        var depth = FaceTemplate.landmarkDepth + Self.tracedLipPoints.map {
            FaceTemplate.landmarkDepth[$0.from] + (FaceTemplate.landmarkDepth[$0.to] - FaceTemplate.landmarkDepth[$0.from]) * $0.fraction
        }
        var weight = [Double](repeating: 1, count: points.count)

        // Forehead: above the brows, rigid with the skull.
        let foreheadStart = points.count
        let browBases = [local[17], local[19], (local[21] + local[22]) / 2, local[24], local[26]]
        for (index, base) in browBases.enumerated() {
            points.append(base + Vec2(0, -0.5 * unit))
            depth.append(FaceTemplate.foreheadDepth[index])
            weight.append(1)
        }
        // Eyelid folds: in a blink they come down with the lid, and the skin above them (between
        // fold and brow) stretches over the eye.
        let creaseStart = points.count
        for pair in Self.creasePairs {
            points.append(local[pair.eye].mix(local[pair.brow], 0.35))
            depth.append(FaceTemplate.landmarkDepth[pair.eye] + 0.05)
            weight.append(1)
        }
        // Cheeks: spread the jaw's pull over the lower face instead of one long triangle.
        let cheekStart = points.count
        for (jaw, inner, amount) in [(2, 31, 0.45), (4, 48, 0.5), (14, 35, 0.45), (12, 54, 0.5)] {
            points.append(local[jaw].mix(local[inner], amount))
            depth.append((FaceTemplate.landmarkDepth[jaw] + FaceTemplate.landmarkDepth[inner]) / 2)
            weight.append(1)
        }
        let faceCount = points.count

        // Hair and neck ring (moves with the head, not the jaw) and the fixed outer ring.
        let center = Vec2(0, 0.35 * unit)
        let outline = stride(from: 0, through: 16, by: 2).map { local[$0] } + (foreheadStart..<creaseStart).reversed().map { points[$0] }
        let isForehead = (0..<outline.count).map { $0 >= 9 }
        let neckWeight: [Double] = [1, 1, 0.8, 0.6, 0.5, 0.6, 0.8, 1, 1]
        var anchors = AnchorSet(frame: frame, canvas: canvasSize, spacing: 0.25 * unit)
        anchors.existing = points.map(frame.canvas)
        for (index, point) in outline.enumerated() {
            let ring = center + (point - center) * (isForehead[index] ? 1.6 : 1.45)
            anchors.add(local: ring, depth: FaceTemplate.silhouetteDepth,
                        weight: isForehead[index] ? 1 : neckWeight[index])
        }
        // The fixed ring, twice as dense, is kept as a closed fence of mesh edges so that no
        // moving triangle reaches past it into the untouched photo.
        var fence: [Int?] = []
        for (index, point) in outline.enumerated() {
            let next = outline[(index + 1) % outline.count]
            let scale = isForehead[index] ? 2.45 : 2.3, nextScale = isForehead[(index + 1) % outline.count] ? 2.45 : 2.3
            let here = center + (point - center) * scale, after = center + (next - center) * nextScale
            fence.append(anchors.add(local: here, depth: 0, weight: 0))
            fence.append(anchors.add(local: here.mix(after, 0.5), depth: 0, weight: 0))
        }
        anchors.addBorder()

        let sourceFace = points.map(frame.canvas)
        self.source = sourceFace + anchors.canvasPoints
        self.depth = depth + anchors.depths
        self.headWeight = weight + anchors.weights
        self.frame = frame
        self.foreheadRange = foreheadStart..<creaseStart
        self.creaseRange = creaseStart..<cheekStart
        self.cheekRange = cheekStart..<faceCount
        var neutral = points + anchors.canvasPoints.map(frame.local)
        ExpressionModel.closeMouth(&neutral, unit: unit)
        self.neutral = neutral
        let firstAnchor = sourceFace.count
        let fenceEdges = fence.indices.compactMap { index -> (Int, Int)? in
            guard let a = fence[index], let b = fence[(index + 1) % fence.count] else { return nil }
            return (firstAnchor + a, firstAnchor + b)
        }
        self.triangles = try Self.triangulate(source, frame: frame, canvas: canvasSize, fence: fenceEdges)
    }

    /// Delaunay triangles over the source positions, with closed lips and eyes nudged apart
    /// first so the mouth and eye openings get their own triangles.
    private static func triangulate(_ points: [Vec2], frame: FaceFrame, canvas: FrameSize,
                                    fence: [(Int, Int)]) throws(OratorError) -> [Int32] {
        var layout = points.map(frame.local)
        let minimumGap = 0.08 * frame.unit
        let lips = zip(Self.upperLip.dropFirst().dropLast(), Self.lowerLip.dropFirst().dropLast()).map { ($0, $1) }
        for (upper, lower) in lips + [(37, 41), (38, 40), (43, 47), (44, 46)] {
            let gap = layout[lower].y - layout[upper].y
            if gap < minimumGap {
                layout[upper].y -= (minimumGap - gap) / 2
                layout[lower].y += (minimumGap - gap) / 2
            }
        }
        // Delaunay needs distinct points; landmarks of a degenerate face can coincide.
        var taken = Set<SIMD2<Float>>()
        var canvasLayout = layout.map { SIMD2<Float>(frame.canvas($0)) }
        for index in canvasLayout.indices {
            while taken.contains(canvasLayout[index]) { canvasLayout[index].x += 0.01 }
            taken.insert(canvasLayout[index])
        }
        let flat = canvasLayout.flatMap { [$0.x, $0.y] }
        var triangles = [Int32](repeating: 0, count: 3 * 4 * points.count)
        var count: Int32 = 0
        let status = flat.withUnsafeBufferPointer { xy in
            triangles.withUnsafeMutableBufferPointer {
                fs_triangulate(xy.baseAddress, Int32(points.count), Float(canvas.width), Float(canvas.height),
                               $0.baseAddress, Int32($0.count / 3), &count)
            }
        }
        try checkShim(status, .internalFailure, "cannot build the face mesh")
        return ConstrainedEdges.enforce(ConstrainedEdges.faceOutlines + fence, in: Array(triangles.prefix(3 * Int(count))),
                                        points: layout)
    }
}

/// Collects anchor vertices outside the face, skipping any that fall off the canvas or crowd
/// a vertex already placed.
private struct AnchorSet {
    let frame: FaceFrame
    let canvas: FrameSize
    let spacing: Double
    var existing: [Vec2] = []
    var canvasPoints: [Vec2] = []
    var depths: [Double] = []
    var weights: [Double] = []

    init(frame: FaceFrame, canvas: FrameSize, spacing: Double) {
        self.frame = frame
        self.canvas = canvas
        self.spacing = spacing
    }

    /// Adds a point unless it is off the canvas or crowded; returns its index among the anchors.
    @discardableResult
    mutating func add(local: Vec2, depth: Double, weight: Double) -> Int? {
        let point = frame.canvas(local)
        let margin = spacing
        guard point.x > margin, point.y > margin,
              point.x < Double(canvas.width - 1) - margin, point.y < Double(canvas.height - 1) - margin else { return nil }
        return append(point, depth: depth, weight: weight)
    }

    mutating func addBorder() {
        let width = Double(canvas.width - 1), height = Double(canvas.height - 1)
        let steps = 8
        for step in 0..<steps {
            let t = Double(step) / Double(steps)
            for point in [Vec2(t * width, 0), Vec2(width, t * height), Vec2((1 - t) * width, height), Vec2(0, (1 - t) * height)] {
                append(point, depth: 0, weight: 0, force: true)
            }
        }
    }

    @discardableResult
    private mutating func append(_ point: Vec2, depth: Double, weight: Double, force: Bool = false) -> Int? {
        if !force, existing.contains(where: { ($0 - point).length < spacing }) { return nil }
        existing.append(point)
        canvasPoints.append(point)
        depths.append(depth)
        weights.append(weight)
        return canvasPoints.count - 1
    }
}
