import Foundation
import OratorCore

/// Which avatar speaks: the built-in illustrated presenter, an avatar pack folder, or a photo.
public enum AvatarSource: Sendable, Equatable, CustomStringConvertible {
    case builtin
    case pack(URL)
    case photo(URL)

    /// Interprets a `--avatar` value: `builtin`, a folder (an avatar pack) or an image file.
    public init(argument: String) throws(OratorError) {
        if argument == "builtin" { self = .builtin; return }
        let url = URL(fileURLWithPath: argument)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw OratorError(.fileNotFound, "avatar not found: \(argument) (use builtin, an avatar pack folder or a photo)")
        }
        self = isDirectory.boolValue ? .pack(url) : .photo(url)
    }

    public var description: String {
        switch self {
        case .builtin: "built-in presenter"
        case let .pack(url): "avatar pack \(url.lastPathComponent)"
        case let .photo(url): "photo \(url.lastPathComponent)"
        }
    }
}

extension AvatarSource {
    /// The avatar's part of a render cache key: its kind and the content of its files.
    public func cacheKeyPart() throws(OratorError) -> CacheKeyPart {
        switch self {
        case .builtin: try .value("avatar", "builtin")
        case let .pack(folder): try .folder("avatar-pack", folder)
        case let .photo(file): try .file("avatar-photo", file)
        }
    }
}
