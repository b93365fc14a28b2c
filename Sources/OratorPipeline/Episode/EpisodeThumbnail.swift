import Foundation
import OratorCore
import OratorFace
import OratorRender

/// An episode's cover picture: each speaker's avatar drawn at rest (eyes open, mouth closed)
/// by the same renderer the video uses, laid out by `CoverRenderer` with the title and the
/// speakers' names on the accent colour, and written as a 1280x720 PNG.
struct EpisodeThumbnail {
    var title: String
    /// Display names of the named speakers (empty for a single unnamed one).
    var names: [String]
    var avatars: [AvatarSource]
    var accent: RGBColor
    var engines: Engines

    /// Refuses, before any work, a cover path that is not a PNG.
    static func check(_ url: URL) throws(OratorError) {
        guard url.pathExtension.lowercased() == "png" else {
            throw OratorError(.invalidInput, "thumbnail \(url.path) must end in .png (the cover is a PNG image)")
        }
    }

    /// The cover's pixels.
    func render() throws(OratorError) -> FrameBuffer {
        let cover = try CoverRenderer(accent: accent)
        let count = min(avatars.count, CoverRenderer.maxFaces)
        let side = cover.faceSide(faces: count)
        var faces: [CoverFace] = []
        for avatar in avatars.prefix(count) {
            // The presenter is drawn larger and shown from the shoulders up.
            let size = FrameSize(square: avatar == .builtin ? (side * 4 / 3) & ~1 : side)
            let renderer = try engines.renderer(Self.framed(avatar), size)
            var face = FrameBuffer(size: renderer.size)
            try renderer.render(MotionFrame(), into: &face)
            faces.append(CoverFace(frame: face, focus: avatar == .builtin ? BuiltinAvatarRenderer.portraitRegion(in: renderer.size) : nil))
        }
        return try cover.render(title: title, names: names, faces: faces)
    }

    /// Writes the cover to `url` (atomically).
    func write(to url: URL) throws(OratorError) {
        try Self.check(url)
        try FramePNG.write(render(), to: url)
    }

    /// A photo animated in place (`full`) shows the whole photo; on a cover the face is framed
    /// with hair and shoulders (`extcrop`) so it fills its circle.
    static func framed(_ avatar: AvatarSource) -> AvatarSource {
        guard case let .photo(url, options) = avatar, options.preprocess == .full else { return avatar }
        return .photo(url, AvatarSource.PhotoOptions(preprocess: .extcrop, faceIndex: options.faceIndex))
    }
}
