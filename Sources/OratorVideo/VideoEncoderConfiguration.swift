import Foundation
import OratorCore

/// How the finished video is encoded. The defaults give H.264 High, yuv420p, AAC 48 kHz in an
/// MP4 with the index at the front: what browsers and upload sites play.
public struct VideoEncoderConfiguration: Sendable, Codable, Equatable {
    /// Frame size in pixels (even sides).
    public var size: FrameSize
    /// Frames per second.
    public var fps: Double
    /// libx264 speed preset (`ultrafast` ... `veryslow`).
    public var preset: String
    /// libx264 constant rate factor: lower is better quality and bigger files.
    public var crf: Int
    /// AAC bit rate in kbit/s.
    public var audioKilobitsPerSecond: Int
    /// Output audio sample rate in Hz.
    public var audioSampleRate: Int
    /// The H.264 encoder.
    public var codec: VideoCodec

    public init(size: FrameSize = FrameSize(square: 512), fps: Double = 25, preset: String = VideoQuality.defaultPreset,
                crf: Int = VideoQuality.defaultCRF, audioKilobitsPerSecond: Int = 128, audioSampleRate: Int = 48_000, codec: VideoCodec = .libx264) {
        self.size = size
        self.fps = fps
        self.preset = preset
        self.crf = crf
        self.audioKilobitsPerSecond = audioKilobitsPerSecond
        self.audioSampleRate = audioSampleRate
        self.codec = codec
    }

    /// The settings `quality` picks (libx264's preset and CRF; NVENC keys off the CRF too).
    public init(size: FrameSize, fps: Double, quality: VideoQuality, codec: VideoCodec = .libx264) {
        let (preset, crf) = quality.x264
        self.init(size: size, fps: fps, preset: preset, crf: crf, codec: codec)
    }

    /// FFmpeg arguments that read raw planar YUV 4:2:0 frames (`PlanarFrame`) from stdin and the
    /// audio file, and write `output`.
    public func ffmpegArguments(audio: String?, output: String, videoFilter: String? = nil) -> [String] {
        var arguments = [
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "yuv420p", "-video_size", size.description,
            // Two frames queued behind the pipe, not eight: at 1080p each is 3 MB (15 MB less, no slower).
            "-framerate", fpsText, "-thread_queue_size", "2", "-i", "pipe:0",
        ]
        if let audio { arguments += ["-i", audio] }
        arguments += ["-map", "0:v:0"]
        if let videoFilter { arguments += ["-vf", videoFilter] }
        if audio != nil { arguments += ["-map", "1:a:0"] }
        switch codec {
        case .libx264:
            arguments += ["-c:v", "libx264", "-preset", preset, "-crf", "\(crf)"]
            arguments += Self.x264Threading(size: size, cores: ProcessInfo.processInfo.activeProcessorCount)
        case .nvenc:
            arguments += ["-c:v", "h264_nvenc", "-preset", "p4", "-rc", "vbr", "-cq", "\(crf + 3)", "-b:v", "0"]
        }
        arguments += ["-pix_fmt", "yuv420p", "-profile:v", "high", "-r", fpsText]
        if audio != nil {
            arguments += ["-c:a", "aac", "-b:a", "\(audioKilobitsPerSecond)k", "-ar", "\(audioSampleRate)"]
        }
        // The index goes to the front for streaming, except in audio-less intermediate chunks.
        if audio != nil { arguments += ["-movflags", "+faststart"] }
        arguments += ["-f", "mp4", output]
        return arguments
    }

    /// x264's threading for frames of `size` on a machine with `cores`. From 2 megapixels up
    /// (1080p), one frame thread a core (x264's own choice is 1.5 a core) and 2 frames buffered
    /// for its lookahead thread (its own is the B-frames + 1, 4 at these presets): FFmpeg then
    /// peaks at 246-249 MB instead of 279-286 for the 1080p episode, at a median 1.01 of the
    /// wall time and SSIM 0.99996 against x264's defaults. No lookahead buffer (`sync-lookahead=0`)
    /// measured 11% slower, 1 frame 4% (BENCHMARKS.md). Smaller frames keep x264's defaults.
    static func x264Threading(size: FrameSize, cores: Int) -> [String] {
        guard size.width * size.height >= 1920 * 1080 else { return [] }
        return ["-threads", "\(max(1, cores))", "-x264-params", "sync-lookahead=2"]
    }

    /// Which encoder runs and where, for reports.
    public var encoderDescription: String {
        switch codec {
        case .libx264: "libx264 \(preset) crf \(crf) (CPU)"
        case .nvenc: "h264_nvenc p4 cq \(crf + 3) (GPU)"
        }
    }

    private var fpsText: String {
        fps == fps.rounded() ? String(Int(fps)) : String(fps)
    }
}
