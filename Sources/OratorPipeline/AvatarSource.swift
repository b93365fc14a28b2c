import Foundation
import OratorCore
import OratorFace

/// Which avatar speaks: the built-in illustrated presenter, an avatar pack folder, or a photo.
public enum AvatarSource: Sendable, Equatable, CustomStringConvertible {
    case builtin
    case pack(URL)
    case photo(URL, PhotoOptions)

    /// How a photo is framed and which face speaks.
    public struct PhotoOptions: Sendable, Codable, Equatable {
        /// `crop`, `extcrop`, `resize` or `full` (SadTalker's meanings).
        public var preprocess: PreprocessMode
        /// Which face, 0-based left to right; nil for the largest.
        public var faceIndex: Int?

        public init(preprocess: PreprocessMode = .crop, faceIndex: Int? = nil) {
            self.preprocess = preprocess
            self.faceIndex = faceIndex
        }
    }

    /// Interprets a `--avatar` value: `builtin`, a folder (an avatar pack) or an image file.
    public init(argument: String, photo: PhotoOptions = PhotoOptions()) throws(OratorError) {
        if argument == "builtin" { self = .builtin; return }
        let url = URL(fileURLWithPath: argument)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw OratorError(.fileNotFound, "avatar not found: \(argument) (use builtin, an avatar pack folder or a photo)")
        }
        self = isDirectory.boolValue ? .pack(url) : .photo(url, photo)
    }

    public var description: String {
        switch self {
        case .builtin: "built-in presenter"
        case let .pack(url): "avatar pack \(url.lastPathComponent)"
        case let .photo(url, options): "photo \(url.lastPathComponent) (\(options.preprocess.rawValue))"
        }
    }

    /// The avatar's part of a render cache key: its kind and the content of its files.
    public func cacheKeyPart() throws(OratorError) -> CacheKeyPart {
        switch self {
        case .builtin: try .value("avatar", "builtin")
        case let .pack(folder): try .folder("avatar-pack", folder)
        case let .photo(file, options):
            CacheKeyPart(label: "avatar-photo", digest: try Digest.ofFile(file) + (try CacheKeyPart.value("photo", options)).digest)
        }
    }

    /// The size frames come out at: the requested size, except `full` mode, which keeps the
    /// photo's own size (rounded down to even sides).
    public func outputSize(requested: FrameSize) throws(OratorError) -> FrameSize {
        guard case let .photo(url, options) = self, options.preprocess == .full else { return requested }
        let image = try FrameImageWriter.readImage(at: url)
        return FrameSize(width: image.size.width & ~1, height: image.size.height & ~1)
    }
}
