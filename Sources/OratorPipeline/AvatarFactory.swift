import Foundation
import OratorCore
import OratorFace
import OratorRender

/// Makes the frame renderer for an avatar choice, checking its files first.
public enum AvatarFactory {
    /// The renderer that draws `avatar` at `size`. For a photo, `face` is its landmarks found
    /// before (`orator stage face`), used instead of detecting them again.
    public static func renderer(for avatar: AvatarSource, size: FrameSize,
                                face: FaceLandmarks? = nil) throws(OratorError) -> any FrameRendering {
        switch avatar {
        case .builtin:
            return try BuiltinAvatarRenderer(size: size)
        case let .pack(folder):
            return try SpriteAvatarRenderer(pack: AvatarPack.load(from: folder), size: size)
        case let .photo(url, options):
            let configuration = PhotoAvatarConfiguration(
                size: size, preprocess: options.preprocess, face: options.faceIndex.map(FaceSelection.index) ?? .largest)
            if let face { return try PhotoAvatarRenderer(photoAt: url, face: face, configuration: configuration) }
            // The landmark model goes before the renderer's frame buffers are made, so the two
            // are never held at once (at 1080p beside word recognition: 250 MB against 267).
            let photo = try PortraitPhoto(contentsOf: url)
            let found = try SharedFaceAnalyzer.get().face(in: photo, selection: configuration.face)
            SharedFaceAnalyzer.release()
            return try PhotoAvatarRenderer(photo: photo, face: found, configuration: configuration)
        }
    }
}

/// One dlib model per process (loading it takes a second or more), made on first use. A run
/// frees it once its photo's face is found (about 80 MB that the frames no longer need),
/// unless the process runs many jobs (`keepLoaded`, for batch and serve).
enum SharedFaceAnalyzer {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var analyzer: FaceAnalyzer?  // guarded by `lock`
    nonisolated(unsafe) private static var kept = false  // guarded by `lock`

    static func get() throws(OratorError) -> FaceAnalyzer {
        lock.lock()
        defer { lock.unlock() }
        if let analyzer { return analyzer }
        let made = try FaceAnalyzer()
        analyzer = made
        return made
    }

    /// Keeps the model between runs from now on.
    static func keepLoaded() {
        lock.withLock { kept = true }
    }

    /// Frees the model unless it is kept; a caller still using it holds its own reference, so
    /// the model goes when that caller is done.
    static func release() {
        let dropped = lock.withLock { () -> Bool in
            guard !kept, analyzer != nil else { return false }
            analyzer = nil
            return true
        }
        if dropped { ProcessMemory.returnFreedMemory() }
    }
}
