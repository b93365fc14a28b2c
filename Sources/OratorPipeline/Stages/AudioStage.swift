import Foundation
import OratorCore
import OratorVideo

/// Stage `audio`: the soundtrack (any format FFmpeg reads) -> `audio.m4a`, AAC at the output
/// sample rate. It runs beside the render stage, so the final join only copies streams.
public struct AudioStage: Sendable {
    public static let name = "audio"
    public static let version = 2
    /// The encoded soundtrack.
    public static let file = "audio.m4a"

    public var encoding: VideoEncoderConfiguration

    public init(encoding: VideoEncoderConfiguration) {
        self.encoding = encoding
    }

    public func key(audio: URL) throws(OratorError) -> CacheKey {
        CacheKey(stage: Self.name, version: Self.version, parts: [
            try .file("audio", audio), try .value("bitrate", encoding.audioKilobitsPerSecond), try .value("rate", encoding.audioSampleRate),
        ])
    }

    /// Encodes `audio` into `folder`.
    public func run(audio: URL, into folder: URL) throws(OratorError) {
        let ffmpeg = try ExternalTool.locate("ffmpeg")
        try ChildProcess.run(ffmpeg, [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", audio.path, "-vn",
            "-c:a", "aac", "-b:a", "\(encoding.audioKilobitsPerSecond)k", "-ar", "\(encoding.audioSampleRate)",
            "-f", "mp4", folder.appendingPathComponent(Self.file).path,
        ], errorCode: .encoderFailed, what: "encoding the soundtrack \(audio.lastPathComponent)")
    }
}
