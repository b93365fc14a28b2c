import Foundation
import OratorCore
import OratorVideo

/// Stage `render`: `motion.bin` + avatar -> `chunk.mp4`, one slice of the frames encoded as
/// H.264 (video only). Slices are rendered independently and joined by the encode stage.
public struct RenderStage: Sendable {
    public static let name = "render"
    /// Bump when any renderer draws differently.
    public static let version = 1

    public var avatar: AvatarSource
    public var encoding: VideoEncoderConfiguration
    public var slice: FrameSlice
    public var jobs: Int

    public init(avatar: AvatarSource, encoding: VideoEncoderConfiguration, slice: FrameSlice, jobs: Int) {
        self.avatar = avatar
        self.encoding = encoding
        self.slice = slice
        self.jobs = jobs
    }

    public func key(motion: URL) throws(OratorError) -> CacheKey {
        CacheKey(stage: Self.name, version: Self.version, parts: [
            try .file("motion", motion), try avatar.cacheKeyPart(), try .value("encoding", encoding), try .value("slice", slice),
        ])
    }

    /// Renders this slice of the motion file's frames with `renderer` into `folder`.
    public func run(motion url: URL, renderer: any FrameRendering, into folder: URL,
                    progress: any StageProgressReporting) throws(OratorError) {
        let track = try MotionTrackFile.read(url, frames: slice.range(of: MotionTrackFile.header(url).count))
        let encoder = try FFmpegVideoEncoder(configuration: encoding, audio: nil, output: folder.appendingPathComponent(StageFiles.chunk))
        do throws(OratorError) {
            try FrameStreamer(jobs: jobs).stream(track, renderer: renderer, encoder: encoder, progress: progress)
            try encoder.finish()
        } catch {
            encoder.cancel()
            throw error
        }
    }
}
