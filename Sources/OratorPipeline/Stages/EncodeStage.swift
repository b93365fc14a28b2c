import Foundation
import OratorCore
import OratorVideo

/// Stage `encode`: rendered chunks + soundtrack -> `video.mp4`. The chunks' H.264 is joined
/// without re-encoding (FFmpeg's concat demuxer); an AAC soundtrack from the audio stage is
/// copied as is (anything else is encoded to AAC); the index is moved to the front for streaming.
public struct EncodeStage: Sendable {
    public static let name = "encode"
    public static let version = 1

    public var encoding: VideoEncoderConfiguration

    public init(encoding: VideoEncoderConfiguration) {
        self.encoding = encoding
    }

    public func key(chunks: [URL], audio: URL) throws(OratorError) -> CacheKey {
        var parts: [CacheKeyPart] = []
        for (index, chunk) in chunks.enumerated() { parts.append(try .file("chunk\(index)", chunk)) }
        parts.append(try .file("audio", audio))
        parts.append(try .value("encoding", encoding))
        return CacheKey(stage: Self.name, version: Self.version, parts: parts)
    }

    /// Copies an already encoded AAC soundtrack; encodes anything else.
    private func audioArguments(for audio: URL) -> [String] {
        if audio.pathExtension == "m4a" { return ["-c:a", "copy"] }
        return ["-c:a", "aac", "-b:a", "\(encoding.audioKilobitsPerSecond)k", "-ar", "\(encoding.audioSampleRate)"]
    }

    /// Joins `chunks` in order with `audio` into `output`.
    public func run(chunks: [URL], audio: URL, output: URL) throws(OratorError) {
        guard !chunks.isEmpty else { throw OratorError(.invalidInput, "encode needs at least one rendered chunk") }
        for url in chunks + [audio] where !FileManager.default.fileExists(atPath: url.path) {
            throw OratorError(.fileNotFound, "encode input not found: \(url.path)")
        }
        // One chunk is read as it is; several are joined by the concat demuxer.
        var input = ["-i", chunks[0].path]
        var list: URL?
        if chunks.count > 1 {
            let listing = output.deletingLastPathComponent().appendingPathComponent(".concat-\(UInt32.random(in: 0...UInt32.max)).txt")
            let lines = chunks.map { "file '\($0.path.replacingOccurrences(of: "'", with: "'\\''"))'" }.joined(separator: "\n")
            do { try Data((lines + "\n").utf8).write(to: listing) } catch {
                throw OratorError(.unwritableOutput, "cannot write \(listing.path)", cause: "\(error)")
            }
            input = ["-f", "concat", "-safe", "0", "-i", listing.path]
            list = listing
        }
        defer { if let list { try? FileManager.default.removeItem(at: list) } }
        let ffmpeg = try ExternalTool.locate("ffmpeg")
        try ChildProcess.run(ffmpeg, [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        ] + input + [
            "-i", audio.path,
            "-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy",
        ] + audioArguments(for: audio) + [
            "-movflags", "+faststart", "-f", "mp4", output.path,
        ], errorCode: .encoderFailed, what: "joining the video chunks with the audio")
    }
}
