import Foundation
internal import FaceShim
import OratorCore

/// Animates one portrait photo by warping a triangle mesh over its face landmarks.
///
/// Each frame starts from the framed photo; the triangles whose corners move (jaw, lips, lids,
/// brows, and everything inside the fixed outer ring when the head turns) are re-sampled from
/// the photo, and an open mouth gets a painted inside. The renderer holds only immutable state,
/// so `render` may run on several threads at once.
public struct PhotoAvatarRenderer: FrameRendering {
    /// The frame size (for `full`, the photo's size rounded down to even sides).
    public let size: FrameSize
    /// The animated face's landmarks in output-frame pixels, as found on the photo (before any motion).
    public let face: FaceLandmarks

    let canvas: ShimImage
    let rig: FaceRig
    let palette: MouthPalette
    private let sourceXY: [Float]

    /// Loads the photo at `url`, finds its face and prepares the mesh.
    ///
    /// Throws `noFaceFound` when the photo has no detectable face, `decodeFailed` when it is not
    /// a readable image, `fileNotFound` when it does not exist.
    public init(photoAt url: URL, configuration: PhotoAvatarConfiguration = PhotoAvatarConfiguration(),
                analyzer: FaceAnalyzer) throws(OratorError) {
        let photo = try ShimImage.read(url)
        let found = try analyzer.face(in: photo, named: url.lastPathComponent, selection: configuration.face)
        try self.init(photo: photo, named: url.lastPathComponent, face: found, configuration: configuration)
    }

    /// Loads the photo at `url` and prepares the mesh over `face`, the landmarks found on this
    /// photo before (`FaceAnalyzer.face(inPhotoAt:selection:)`, `orator stage face`), without
    /// detecting them again; `configuration.face` is not used. The same landmarks give the
    /// same frames as the initializer that detects them.
    public init(photoAt url: URL, face: FaceLandmarks,
                configuration: PhotoAvatarConfiguration = PhotoAvatarConfiguration()) throws(OratorError) {
        try self.init(photo: PortraitPhoto(contentsOf: url), face: face, configuration: configuration)
    }

    /// Prepares the mesh over `face`, the landmarks found on `photo` (`FaceAnalyzer.face(in:selection:)`);
    /// `configuration.face` is not used.
    public init(photo: PortraitPhoto, face: FaceLandmarks,
                configuration: PhotoAvatarConfiguration = PhotoAvatarConfiguration()) throws(OratorError) {
        guard face.points.count == 68 else {
            throw OratorError(.invalidInput, "a face needs 68 landmarks, this one has \(face.points.count)")
        }
        try self.init(photo: photo.image, named: photo.name, face: face, configuration: configuration)
    }

    /// Loads the landmark model from `configuration.modelPath` and then the photo.
    public init(photoAt url: URL, configuration: PhotoAvatarConfiguration = PhotoAvatarConfiguration()) throws(OratorError) {
        try self.init(photoAt: url, configuration: configuration, analyzer: FaceAnalyzer(modelPath: configuration.modelPath))
    }

    private init(photo: ShimImage, named name: String, face found: FaceLandmarks,
                 configuration: PhotoAvatarConfiguration) throws(OratorError) {
        let framing = try PhotoFraming(mode: configuration.preprocess, face: found, photoWidth: photo.width,
                                       photoHeight: photo.height, outputSize: configuration.size, photoName: name)
        let canvas = try photo.resampled(by: framing.map, width: framing.size.width, height: framing.size.height,
                                         padding: .blurred)
        try self.init(canvas: canvas, face: found.transformed(by: framing.map))
    }

    init(canvas: ShimImage, face: FaceLandmarks) throws(OratorError) {
        self.canvas = canvas
        self.size = FrameSize(width: canvas.width, height: canvas.height)
        var pixels = FrameBuffer(size: size)
        try canvas.copy(into: &pixels)
        self.face = face
        self.rig = try FaceRig(landmarks: face, innerLips: LipContourFinder.trace(face, in: pixels), canvasSize: size)
        self.sourceXY = rig.source.flatMap { [Float($0.x), Float($0.y)] }
        let p = face.points
        let lowerLip = [48, 59, 58, 57, 56, 55, 54, 64, 65, 66, 67, 60].map { p[$0] }
        let lips = try canvas.meanColor(inside: lowerLip)
        let leftCheek = try canvas.meanColor(inside: [p[1], p[31], p[48], p[3]])
        let rightCheek = try canvas.meanColor(inside: [p[15], p[35], p[54], p[13]])
        self.palette = MouthPalette(lips: lips, skin: leftCheek.mixed(with: rightCheek, 0.5))
    }

    /// Where every mesh vertex goes for `motion`, in frame pixels.
    func vertexPositions(for motion: MotionFrame) -> [Vec2] {
        var points = rig.neutral
        ExpressionModel.apply(motion, to: &points, rig: rig)
        HeadPoseModel.apply(motion, to: &points, rig: rig)
        return points.map(rig.frame.canvas)
    }

    /// Draws the photo with the face posed by `motion`.
    public func render(_ motion: MotionFrame, into buffer: inout FrameBuffer) throws(OratorError) {
        _ = try update(motion, over: &buffer, previous: nil)
    }

    /// Draws the photo with the face posed by `motion` over a frame it drew before: only the
    /// photo under `previous` and under this frame's moved triangles is copied again. Returns
    /// the box around the moved triangles (the warp writes only inside them) and the mouth's
    /// clip, grown by 2 pixels for the warp's interpolation and the mouth's feathered edge.
    public func update(_ motion: MotionFrame, over buffer: inout FrameBuffer, previous: PixelRegion?) throws(OratorError) -> PixelRegion? {
        guard buffer.size == size else {
            throw OratorError(.renderFailed, "frame buffer is \(buffer.size), the photo avatar draws \(size)")
        }
        let target = vertexPositions(for: motion)
        let targetXY = target.flatMap { [Float($0.x), Float($0.y)] }
        var moved: [Int32] = []
        moved.reserveCapacity(rig.triangles.count)
        for start in stride(from: 0, to: rig.triangles.count, by: 3) {
            let corners = rig.triangles[start..<start + 3]
            if corners.contains(where: { (target[Int($0)] - rig.source[Int($0)]).length > 0.01 }) {
                moved.append(contentsOf: corners)
            }
        }
        let upperLip = FaceRig.upperLip.map { target[$0] }, lowerLip = FaceRig.lowerLip.map { target[$0] }
        let mouth = MouthPainter.paint(upperLip: upperLip, lowerLip: lowerLip, motion: motion, palette: palette)
        let touched = moved.map { target[Int($0)] } + (mouth?.clip ?? [])
        let changed = Self.box(around: touched).expanded(by: 2).clamped(width: size.width, height: size.height)
        if let previous {
            try canvas.copy(previous.union(changed), into: &buffer)
        } else {
            try canvas.copy(into: &buffer)
        }
        let stride = Int32(buffer.bytesPerRow), width = Int32(size.width), height = Int32(size.height)
        let status = buffer.pixels.withUnsafeMutableBufferPointer { pixels in
            sourceXY.withUnsafeBufferPointer { source in
                targetXY.withUnsafeBufferPointer { destination in
                    moved.withUnsafeBufferPointer { triangles in
                        fs_warp_triangles(canvas.handle, pixels.baseAddress, width, height, stride, source.baseAddress,
                                          destination.baseAddress, triangles.baseAddress, Int32(triangles.count / 3))
                    }
                }
            }
        }
        try checkShim(status, .renderFailed, "cannot warp the photo")
        if let mouth {
            try composite(mouth.shapes, clip: mouth.clip, feather: 0.7, into: &buffer)
        }
        return changed
    }

    /// The whole-pixel box holding `points` (empty when there are none).
    static func box(around points: some Sequence<Vec2>) -> PixelRegion {
        var low = Vec2(.infinity, .infinity), high = Vec2(-.infinity, -.infinity)
        for point in points {
            low = pointwiseMin(low, point)
            high = pointwiseMax(high, point)
        }
        guard low.x <= high.x else { return PixelRegion(x: 0, y: 0, width: 0, height: 0) }
        let left = Int(low.x.rounded(.down)), top = Int(low.y.rounded(.down))
        return PixelRegion(x: left, y: top, width: Int(high.x.rounded(.up)) - left + 1, height: Int(high.y.rounded(.up)) - top + 1)
    }
}
