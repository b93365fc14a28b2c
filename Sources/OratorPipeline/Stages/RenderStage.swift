import Foundation
import OratorCaptions
import OratorCore
import OratorVideo

/// Stage `render`: `motion.bin` + avatar -> `chunk.mp4`, one slice of the frames encoded as
/// H.264. Slices are rendered independently and joined with the soundtrack by the encode stage;
/// when the whole video is one slice, the soundtrack can be encoded in the same pass instead
/// (`soundtrack`), and the chunk is then the finished video.
public struct RenderStage: Sendable {
    public static let name = "render"
    /// Bump when any renderer draws differently.
    public static let version = 2

    public var avatar: AvatarSource
    public var encoding: VideoEncoderConfiguration
    public var slice: FrameSlice
    public var jobs: Int
    /// Audio to encode (AAC) into the chunk beside the frames, or nil for a video-only chunk.
    public var soundtrack: URL?
    /// Captions (ASS, in seconds of the whole video) to burn into the picture.
    public var captions: URL?

    public init(avatar: AvatarSource, encoding: VideoEncoderConfiguration, slice: FrameSlice, jobs: Int, soundtrack: URL? = nil) {
        self.avatar = avatar
        self.encoding = encoding
        self.slice = slice
        self.jobs = jobs
        self.soundtrack = soundtrack
    }

    public func key(motion: URL) throws(OratorError) -> CacheKey {
        var parts: [CacheKeyPart] = [
            try .file("motion", motion), try avatar.cacheKeyPart(), try .value("encoding", encoding), try .value("slice", slice),
        ]
        if let soundtrack { parts.append(try .file("soundtrack", soundtrack)) }
        if let captions { parts.append(try .file("captions", captions)) }
        return CacheKey(stage: Self.name, version: Self.version, parts: parts)
    }

    /// Renders this slice of the motion file's frames with `renderer` into `folder`.
    public func run(motion url: URL, renderer: any FrameRendering, into folder: URL,
                    progress: any StageProgressReporting) throws(OratorError) {
        let header = try MotionTrackFile.header(url)
        let frames = slice.range(of: header.count)
        let track = try MotionTrackFile.read(url, frames: frames)
        let burn = try captions.map { file throws(OratorError) in
            try CaptionShift.burnFile(file, from: Double(frames.lowerBound) / header.fps, in: folder)
        }
        defer { if let burn { try? FileManager.default.removeItem(at: burn) } }
        let encoder = try FFmpegVideoEncoder(configuration: encoding, audio: soundtrack, output: folder.appendingPathComponent(StageFiles.chunk),
                                             videoFilter: burn.map(CaptionBurnIn.filter(for:)))
        do throws(OratorError) {
            try FrameStreamer(jobs: jobs).stream(track, renderer: renderer, encoder: encoder, progress: progress)
            try encoder.finish()
        } catch {
            encoder.cancel()
            throw error
        }
    }
}
