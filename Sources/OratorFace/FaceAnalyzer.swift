import Foundation
internal import FaceShim
import OratorCore

/// Which face of a photo to animate.
public enum FaceSelection: Sendable, Codable, Equatable {
    /// The face with the largest detection box.
    case largest
    /// The face at this position counting from 0, faces ordered left to right.
    case index(Int)
}

/// Finds faces and their 68 landmarks with dlib's HOG frontal face detector and shape predictor.
///
/// Large photos are scaled down for detection (which only needs the face's rough position) and
/// the landmarks are then predicted on the full-resolution image.
public final class FaceAnalyzer: @unchecked Sendable {
    // Safe: dlib's detector keeps scratch state, so every call into the shim holds `lock`.
    private let detector: OpaquePointer
    private let lock = NSLock()

    /// Where Debian's `libdlib-data` installs the 68-point landmark model.
    public static let defaultModelPath = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat"

    /// The longest side, in pixels, a photo is scaled down to before detection.
    public let detectionMaxSide: Int

    /// Where dlib's face detector and landmark model are kept once decoded: `face/` in Orator's
    /// cache folder.
    public static var defaultModelCache: URL { CacheLocation.folder("face") }

    /// Loads the detector and the landmark model (about 100 MB). Both are read from `modelCache`
    /// where they were kept before, and kept there the first time: dlib decodes the detector
    /// from its headers in 0.25 s or more and the landmark model from its own format in 0.4-1 s;
    /// read back, they take about 6 ms and 0.05-0.09 s (the kept model is 69 MB). A kept model
    /// made from another file (by size and modification time), or damaged, is replaced. nil, or a
    /// folder that cannot be made, decodes both every time. The same detector and landmarks either way.
    public init(modelPath: String = FaceAnalyzer.defaultModelPath, detectionMaxSide: Int = 1280,
                modelCache: URL? = FaceAnalyzer.defaultModelCache) throws(OratorError) {
        guard FileManager.default.fileExists(atPath: modelPath) else {
            throw OratorError(.fileNotFound, "landmark model \(modelPath) does not exist (install Debian's libdlib-data, or give the path of shape_predictor_68_face_landmarks.dat)")
        }
        let cache = modelCache.flatMap { folder in
            (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)).map { folder.path }
        }
        var handle: OpaquePointer?
        try checkShim(fs_detector_create(modelPath, cache, &handle), .unreadableFile, "cannot load the landmark model \(modelPath)")
        guard let handle else { throw OratorError(.internalFailure, "the face detector was not created") }
        self.detector = handle
        self.detectionMaxSide = max(64, detectionMaxSide)
    }

    deinit { fs_detector_destroy(detector) }

    /// Every face in the image file at `url`, ordered left to right.
    public func faces(inImageAt url: URL) throws(OratorError) -> [FaceLandmarks] {
        try faces(in: ShimImage.read(url))
    }

    /// The upright size of the image file at `url` (EXIF orientation applied) and every face in
    /// it, left to right: what a service shows in a preview before a job starts.
    public func survey(imageAt url: URL) throws(OratorError) -> (width: Int, height: Int, faces: [FaceLandmarks]) {
        let image = try ShimImage.read(url)
        return (image.width, image.height, try faces(in: image))
    }

    /// Every face at least 80 px wide in a rendered frame, ordered left to right (frames are
    /// searched at their own size only, which is quick enough to measure every frame of a clip).
    public func faces(in frame: FrameBuffer) throws(OratorError) -> [FaceLandmarks] {
        try faces(in: ShimImage(frame: frame), thorough: false)
    }

    /// The landmarks of a face known to be near `box` in `frame` (a detection's box from an earlier
    /// frame, moved with the face): no detection, so following a face through a video costs a
    /// few milliseconds a frame.
    public func landmarks(in frame: FrameBuffer, near box: FaceBox) throws(OratorError) -> FaceLandmarks {
        try landmarks(in: ShimImage(frame: frame), box: box)
    }

    /// The selected face of the photo at `url`, or a `noFaceFound` error a person can act on.
    public func face(inPhotoAt url: URL, selection: FaceSelection = .largest) throws(OratorError) -> FaceLandmarks {
        try face(in: ShimImage.read(url), named: url.lastPathComponent, selection: selection)
    }

    /// The selected face of `photo`, or a `noFaceFound` error a person can act on.
    public func face(in photo: PortraitPhoto, selection: FaceSelection = .largest) throws(OratorError) -> FaceLandmarks {
        try face(in: photo.image, named: photo.name, selection: selection)
    }

    func face(in image: ShimImage, named name: String, selection: FaceSelection) throws(OratorError) -> FaceLandmarks {
        try Self.select(selection, from: faces(in: image), named: name)
    }

    /// The face `selection` picks among `found` (left to right, as `faces` and `survey` give
    /// them), or the error a person can act on; `name` names the photo.
    public static func select(_ selection: FaceSelection, from found: [FaceLandmarks], named name: String) throws(OratorError) -> FaceLandmarks {
        guard !found.isEmpty else {
            throw OratorError(.noFaceFound, "no face found in \(name) (use a clear, frontal photo; the face should be at least 80 px wide)")
        }
        switch selection {
        case .largest:
            return found.max { $0.box.width * $0.box.height < $1.box.width * $1.box.height }!
        case .index(let index):
            guard found.indices.contains(index) else {
                let range = found.count == 1 ? "only face 0" : "faces 0-\(found.count - 1), left to right"
                throw OratorError(.invalidInput, "face \(index) requested but \(name) has \(range)")
            }
            return found[index]
        }
    }

    /// Faces in `image`, left to right. Photos are searched at most `detectionMaxSide` pixels
    /// long; a `thorough` search of a photo that is small at that scale also looks at it
    /// doubled, so faces down to about 40 px wide are found.
    func faces(in image: ShimImage, thorough: Bool = true) throws(OratorError) -> [FaceLandmarks] {
        let longest = max(image.width, image.height)
        let scale = min(1, Double(detectionMaxSide) / Double(longest))
        let upsample: Int32 = thorough && Double(longest) * scale < 1000 ? 1 : 0
        var boxes = try detect(in: image, scale: scale, upsample: upsample)
        if boxes.isEmpty, thorough, scale < 1 {
            boxes = try detect(in: image, scale: min(1, scale * 2), upsample: 0)
        }
        // Badges, prints and patterned backgrounds give weak false detections: keep a detection
        // if it is fairly sure in itself or not far below the surest one.
        let best = boxes.map(\.score).max() ?? 0
        boxes = boxes.filter { $0.score >= min(0.4 * best, 0.5) }
        var faces: [FaceLandmarks] = []
        for box in boxes.sorted(by: { $0.left + $0.right < $1.left + $1.right }) {
            faces.append(try landmarks(in: image, box: box))
        }
        return faces
    }

    private func detect(in image: ShimImage, scale: Double, upsample: Int32) throws(OratorError) -> [FaceBox] {
        var boxes = [fs_face_box](repeating: fs_face_box(), count: 64)
        var count: Int32 = 0
        let status = lock.withLock {
            boxes.withUnsafeMutableBufferPointer {
                fs_detect_faces(detector, image.handle, scale, upsample, $0.baseAddress, Int32($0.count), &count)
            }
        }
        try checkShim(status, .internalFailure, "face detection failed")
        return boxes.prefix(Int(min(count, 64))).map {
            FaceBox(left: $0.left, top: $0.top, right: $0.right, bottom: $0.bottom, score: $0.score)
        }
    }

    private func landmarks(in image: ShimImage, box: FaceBox) throws(OratorError) -> FaceLandmarks {
        var xy = [Float](repeating: 0, count: 136)
        let shimBox = fs_face_box(left: box.left, top: box.top, right: box.right, bottom: box.bottom, score: box.score)
        let status = lock.withLock {
            xy.withUnsafeMutableBufferPointer { fs_predict_landmarks(detector, image.handle, shimBox, $0.baseAddress) }
        }
        try checkShim(status, .internalFailure, "landmark prediction failed")
        let points = (0..<68).map { SIMD2(Double(xy[2 * $0]), Double(xy[2 * $0 + 1])) }
        return FaceLandmarks(box: box, points: points)
    }
}
