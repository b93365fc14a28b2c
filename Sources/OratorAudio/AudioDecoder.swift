import Foundation
import OratorCore

/// Decodes any audio file FFmpeg reads (wav, mp3, m4a, flac, ogg, ...) into mono PCM at a
/// chosen sample rate; stereo is mixed down.
public struct AudioDecoder: Sendable {
    /// The sample rate of the decoded audio.
    public var sampleRate: Int

    public init(sampleRate: Int = 16_000) {
        self.sampleRate = sampleRate
    }

    /// Decodes `url`; an unreadable, undecodable or empty file is an error naming it.
    public func decode(_ url: URL) throws(OratorError) -> PCMBuffer {
        try InputFile.requireRegular(url, role: "audio file")
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw OratorError(.unreadableFile, "cannot read audio file \(url.path)")
        }
        let ffmpeg = try ExternalTool.locate("ffmpeg")
        let data: Data
        do {
            data = try ExternalTool.run(ffmpeg, [
                "-nostdin", "-v", "error", "-i", url.path, "-vn", "-ac", "1", "-ar", "\(sampleRate)",
                "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1",
            ], errorCode: .decodeFailed, what: "decoding \(url.lastPathComponent)")
        } catch {
            throw OratorError(.decodeFailed, "cannot decode audio file \(url.path): not an audio format FFmpeg reads", cause: error.cause)
        }
        let samples = data.withUnsafeBytes { raw in Array(raw.bindMemory(to: Float.self)) }
        guard !samples.isEmpty else {
            throw OratorError(.decodeFailed, "audio file \(url.path) contains no audio")
        }
        return PCMBuffer(sampleRate: sampleRate, samples: samples)
    }
}
