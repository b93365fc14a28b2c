import Foundation
import OratorCore

/// Decodes any audio file FFmpeg reads (wav, mp3, m4a, flac, ogg, a video's soundtrack, ...)
/// into interleaved 32-bit float frames at a requested rate and channel count, a block at a
/// time, so a long recording never sits in memory whole. The one audio decoder every stage uses.
///
/// With `nativeWAVRates`, a mono decode of a 16-bit PCM WAV file at one of those rates skips
/// FFmpeg and reads the file at its own rate (channels mixed down): the common case, without
/// the tenth of a second FFmpeg takes to start. `sampleRate` says which rate is delivered.
public final class AudioDecoder {
    /// The file being decoded.
    public let url: URL
    /// What the file is to the user ("audio file", "music file"), for error messages.
    public let role: String
    /// Frames per second delivered.
    public let sampleRate: Int
    /// Channels per frame.
    public let channels: Int
    /// Frames handed out so far.
    public private(set) var framesRead = 0
    private let source: Source
    private var reachedEnd = false

    private enum Source {
        case ffmpeg(ChildProcess)
        case wave(WAVStream)
    }

    /// Checks that `url` is a readable regular file and starts decoding it.
    public init(url: URL, role: String = "audio file", sampleRate: Int, channels: Int = 1,
                nativeWAVRates: ClosedRange<Int>? = nil) throws(OratorError) {
        try InputFile.requireRegular(url, role: role)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw OratorError(.unreadableFile, "cannot read \(role) \(url.path)")
        }
        self.url = url
        self.role = role
        self.channels = channels
        if channels == 1, let rates = nativeWAVRates, let wave = WAVStream(url: url, sampleRates: rates) {
            source = .wave(wave)
            self.sampleRate = wave.format.sampleRate
            return
        }
        self.sampleRate = sampleRate
        let arguments = ["-nostdin", "-v", "error", "-i", url.path, "-map", "0:a:0", "-vn", "-sn", "-dn",
                         "-ac", "\(channels)", "-ar", "\(sampleRate)", "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1"]
        source = .ffmpeg(try ChildProcess(try ExternalTool.locate("ffmpeg"), arguments, errorCode: .decodeFailed,
                                          what: "decoding \(role) \(url.path)"))
    }

    /// Up to `frames` interleaved frames; fewer only at the end of the audio, none after it.
    /// At the end it throws if FFmpeg failed, or if the file held no audio at all.
    public func read(frames: Int) throws(OratorError) -> [Float] {
        guard !reachedEnd, frames > 0 else { return [] }
        let samples: [Float]
        switch source {
        case let .ffmpeg(child):
            let frameBytes = channels * MemoryLayout<Float>.size
            let data = try child.read(upToCount: frames * frameBytes)
            let usable = data.count / frameBytes * frameBytes
            samples = data.prefix(usable).withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            if usable < frames * frameBytes { try end() }
        case let .wave(wave):
            samples = wave.read(frames: frames)
            if samples.count < frames { try end() }
        }
        framesRead += samples.count / channels
        if reachedEnd, framesRead == 0 {
            throw OratorError(.decodeFailed, "\(role) \(url.path) contains no audio")
        }
        return samples
    }

    /// Stops decoding early (the caller has all it needs).
    public func stop() {
        reachedEnd = true
        switch source {
        case let .ffmpeg(child): child.terminate()
        case let .wave(wave): wave.close()
        }
    }

    private func end() throws(OratorError) {
        reachedEnd = true
        switch source {
        case let .ffmpeg(child):
            do { try child.wait() } catch {
                throw OratorError(.decodeFailed, "cannot decode \(role) \(url.path): not an audio format FFmpeg reads",
                                  cause: error.cause)
            }
        case let .wave(wave): wave.close()
        }
    }
}

extension AudioDecoder {
    /// Decodes all of `url` to mono at `sampleRate` into one buffer (for short files).
    public static func decodeAll(_ url: URL, sampleRate: Int = 16_000) throws(OratorError) -> PCMBuffer {
        let decoder = try AudioDecoder(url: url, sampleRate: sampleRate)
        var samples: [Float] = []
        while true {
            let block = try decoder.read(frames: sampleRate)
            if block.isEmpty { break }
            samples += block
        }
        return PCMBuffer(sampleRate: sampleRate, samples: samples)
    }
}
