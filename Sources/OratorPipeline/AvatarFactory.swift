import Foundation
import OratorCore
import OratorRender

/// Makes the frame renderer for an avatar choice, checking its files first.
public enum AvatarFactory {
    /// The renderer that draws `avatar` at `size`.
    public static func renderer(for avatar: AvatarSource, size: FrameSize) throws(OratorError) -> any FrameRendering {
        switch avatar {
        case .builtin:
            return try BuiltinAvatarRenderer(size: size)
        case let .pack(folder):
            return try SpriteAvatarRenderer(pack: AvatarPack.load(from: folder), size: size)
        case let .photo(url):
            throw OratorError(.invalidAvatar, "photo avatars are not wired yet: \(url.path)")
        }
    }
}
