import Foundation
import OratorCaptions
import OratorCore
import OratorRender
import OratorVideo

/// Stage `render` for episodes: `scene.json` + the speakers' avatars + the mix (for the
/// visualization) -> `chunk.mp4` for one slice of the frames, with captions burnt in when asked.
public struct SceneRenderStage: Sendable {
    /// Where each speaker's renderer comes from (not part of the key).
    public var engines = Engines.standard
    public static let version = 3

    public var avatars: [AvatarSource]
    public var names: [String]
    public var style: SceneStyle
    public var background: EpisodeOptions.Background?
    public var encoding: VideoEncoderConfiguration
    public var slice: FrameSlice
    public var jobs: Int
    /// Audio to encode (AAC) into the chunk beside the frames, or nil for a video-only chunk
    /// (see `RenderStage.soundtrack`).
    public var soundtrack: URL?

    public func key(scene: URL, mix: URL, captions: URL?) throws(OratorError) -> CacheKey {
        var parts: [CacheKeyPart] = [
            try .file("scene", scene), try .value("names", names), try .value("style", style),
            try .value("encoding", encoding), try .value("slice", slice),
        ]
        parts += try avatars.map { avatar throws(OratorError) in try avatar.cacheKeyPart() }
        if style.visualization.kind != .none { parts.append(try .file("mix", mix)) }
        if let captions { parts.append(try .file("captions", captions)) }
        if let soundtrack { parts.append(try .file("soundtrack", soundtrack)) }
        switch background {
        case let .color(color)?: parts.append(try .value("background", color))
        case let .image(url)?: parts.append(try .file("background-image", url))
        case let .blurred(url)?: parts.append(try .file("background-blurred", url))
        case nil: break
        }
        return CacheKey(stage: RenderStage.name, version: Self.version, parts: parts)
    }

    /// Renders this slice into `folder`.
    public func run(scene url: URL, mix: URL, captions: URL?, into folder: URL, progress: any StageProgressReporting) throws(OratorError) {
        let scene = try StageFiles.readJSON(SceneStage.Output.self, from: url)
        let renderer = try makeRenderer()
        let frames = slice.range(of: scene.frameCount)
        let visualizer = AudioVisualizer(audio: mix, fps: scene.fps, smoothing: style.visualization.smoothing)
        let shifted = try captions.map { file throws(OratorError) in
            try CaptionShift.burnFile(file, from: Double(frames.lowerBound) / scene.fps, in: folder)
        }
        defer { if let shifted { try? FileManager.default.removeItem(at: shifted) } }
        let encoder = try FFmpegVideoEncoder(configuration: encoding, audio: soundtrack,
                                             output: folder.appendingPathComponent(StageFiles.chunk), videoFilter: shifted.map(CaptionBurnIn.filter(for:)))
        do throws(OratorError) {
            let needsAudio = style.visualization.kind != .none
            try FrameStreamer(jobs: jobs).stream(count: frames.count, size: renderer.layout.size, encoder: encoder, progress: progress,
                                                 prepare: { range throws(OratorError) in
                let visuals = needsAudio ? try visualizer.frames((frames.lowerBound + range.lowerBound)..<(frames.lowerBound + range.upperBound)) : []
                return range.map { index in
                    let frame = frames.lowerBound + index
                    let visual = needsAudio ? visuals[index - range.lowerBound] : (levels: [Float](), wave: [Float]())
                    return SceneFrame(speakers: scene.tracks.map { $0.frames[min(frame, $0.frames.count - 1)] },
                                      active: scene.active[frame] >= 0 ? scene.active[frame] : nil,
                                      levels: visual.levels, wave: visual.wave, time: Double(frame) / scene.fps)
                }
            }, render: { scene, buffer, _ throws(OratorError) in
                try renderer.render(scene, into: &buffer)
                return nil
            })
            try encoder.finish()
        } catch {
            encoder.cancel()
            throw error
        }
    }

    private func makeRenderer() throws(OratorError) -> SceneRenderer {
        let layout = SceneLayout(size: encoding.size, speakers: avatars.count, visualization: style.visualization)
        var renderers: [any FrameRendering] = []
        for (avatar, cell) in zip(avatars, layout.cells) {
            renderers.append(try engines.renderer(avatar, FrameSize(width: cell.width, height: cell.height)))
        }
        var style = style
        var pixels: FrameBuffer?
        switch background {
        case let .color(color)?: style.background = color
        case let .image(url)?: pixels = try BackgroundImage.load(url, size: encoding.size, blur: false)
        case let .blurred(url)?: pixels = try BackgroundImage.load(url, size: encoding.size, blur: true)
        case nil: break
        }
        return try SceneRenderer(layout: layout, style: style, avatars: renderers,
                                 names: avatars.count > 1 || style.lowerThirds && !names.allSatisfy(\.isEmpty) ? names : names.map { _ in "" },
                                 background: pixels)
    }
}

/// Loads a background image scaled to cover the frame (and blurred if asked) through FFmpeg.
enum BackgroundImage {
    static func load(_ url: URL, size: FrameSize, blur: Bool) throws(OratorError) -> FrameBuffer {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw OratorError(.fileNotFound, "background image not found: \(url.path)")
        }
        let ffmpeg = try ExternalTool.locate("ffmpeg")
        var filter = "scale=\(size.width):\(size.height):force_original_aspect_ratio=increase,crop=\(size.width):\(size.height)"
        if blur { filter += ",gblur=sigma=\(max(8, size.height / 40)),eq=brightness=-0.08" }
        let data = try ChildProcess.run(ffmpeg, ["-nostdin", "-v", "error", "-i", url.path, "-frames:v", "1", "-vf", filter,
                                                 "-f", "rawvideo", "-pix_fmt", "bgra", "pipe:1"],
                                        errorCode: .decodeFailed, what: "reading background image \(url.lastPathComponent)")
        guard data.count == size.bgraByteCount else {
            throw OratorError(.decodeFailed, "cannot read background image \(url.path)")
        }
        var frame = FrameBuffer(size: size)
        frame.pixels = [UInt8](data)
        for index in Swift.stride(from: 3, to: frame.pixels.count, by: 4) { frame.pixels[index] = 255 }
        return frame
    }
}
