import Foundation
import OratorCore

/// Streams 16-bit PCM into an audio file in the format its extension names, written under a
/// temporary name and put in place by `finish()`: WAV directly (`WAVFileWriter`), the others
/// encoded by FFmpeg reading the samples on its standard input. Encoded files are bit-exact
/// (no random stream serials, no encoder tags), so the same samples give the same bytes.
public final class AudioFileWriter {
    /// The formats, by file extension.
    public enum Format: String, Sendable, CaseIterable {
        case wav, flac, ogg, opus, m4a, mp3

        /// FFmpeg's encoder and muxer arguments (none for WAV, which is written directly).
        func arguments(kilobitsPerSecond: Int) -> [String] {
            switch self {
            case .wav: []
            case .flac: ["-c:a", "flac", "-f", "flac"]
            case .ogg: ["-c:a", "libvorbis", "-q:a", "5", "-f", "ogg"]
            case .opus: ["-c:a", "libopus", "-b:a", "\(kilobitsPerSecond)k", "-f", "ogg"]
            case .m4a: ["-c:a", "aac", "-b:a", "\(kilobitsPerSecond)k", "-movflags", "+faststart", "-f", "ipod"]
            case .mp3: ["-c:a", "libmp3lame", "-b:a", "\(kilobitsPerSecond)k", "-f", "mp3"]
            }
        }
    }

    /// The file being written.
    public let url: URL
    public let format: Format
    public let sampleRate: Int
    public let channels: Int
    private let output: AtomicOutput
    private let sink: Sink
    private var done = false

    private enum Sink {
        case wave(WAVFileWriter)
        case ffmpeg(ChildProcess)
    }

    /// The format `url`'s extension names; another extension is an error that lists them.
    public static func format(of url: URL) throws(OratorError) -> Format {
        guard let format = Format(rawValue: url.pathExtension.lowercased()) else {
            let known = Format.allCases.map { ".\($0.rawValue)" }.joined(separator: ", ")
            throw OratorError(.invalidInput, "cannot tell the audio format of \(url.path): end it in \(known)")
        }
        return format
    }

    /// Starts writing `url` (its folder must exist; an existing file is replaced when finished).
    public init(url: URL, sampleRate: Int, channels: Int, kilobitsPerSecond: Int = 192) throws(OratorError) {
        self.url = url
        self.sampleRate = sampleRate
        self.channels = channels
        format = try Self.format(of: url)
        output = try AtomicOutput(destination: url)
        if format == .wav {
            sink = .wave(try WAVFileWriter(url: output.temporary, sampleRate: sampleRate, channels: channels))
            return
        }
        let arguments = ["-nostdin", "-v", "error", "-y", "-f", "s16le", "-ar", "\(sampleRate)", "-ac", "\(channels)", "-i", "pipe:0",
                         "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact"]
            + format.arguments(kilobitsPerSecond: kilobitsPerSecond) + [output.temporary.path]
        let child: ChildProcess
        do {
            child = try ChildProcess(try ExternalTool.locate("ffmpeg"), arguments, errorCode: .encoderFailed,
                                     what: "encoding \(url.lastPathComponent)", input: .pipe, output: .discard)
        } catch {
            output.discard()
            throw error
        }
        guard child.input != nil else { throw OratorError(.internalFailure, "ffmpeg was started without an input pipe") }
        sink = .ffmpeg(child)
    }

    deinit { if !done { discard() } }

    /// Appends interleaved samples.
    public func append(pcm16 samples: [Int16]) throws(OratorError) {
        switch sink {
        case let .wave(writer): try writer.append(pcm16: samples)
        case let .ffmpeg(child):
            if !samples.withUnsafeBytes({ child.write($0) }) {
                _ = child.exitStatus()
                throw OratorError(.encoderFailed, "ffmpeg stopped while encoding \(url.lastPathComponent)", cause: child.lastErrorLine)
            }
        }
    }

    /// Completes the file and puts it in place.
    public func finish() throws(OratorError) {
        guard !done else { return }
        done = true
        do {
            switch sink {
            case let .wave(writer): try writer.close()
            case let .ffmpeg(child): try child.wait()
            }
        } catch {
            output.discard()
            throw error
        }
        try output.commit()
    }

    /// Stops and removes the partial file.
    public func discard() {
        done = true
        if case let .ffmpeg(child) = sink { child.terminate() }
        output.discard()
    }
}
