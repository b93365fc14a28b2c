import Foundation
import OratorCore

/// The `fmt ` facts of a WAV file and where its samples are: the one WAV header parser.
struct WAVFormat {
    /// 1 for integer PCM (the real format of an extensible header, 0xFFFE, is read from its GUID).
    var formatTag: Int
    var channels: Int
    var sampleRate: Int
    var bitsPerSample: Int
    /// Offset of the first sample byte, and how many bytes of samples the header declares.
    var dataOffset: UInt64
    var dataBytes: Int

    /// Whether the samples are 16-bit integer PCM.
    var isPCM16: Bool { formatTag == 1 && bitsPerSample == 16 && channels >= 1 && sampleRate > 0 }

    /// Walks the RIFF chunks of `handle` from its start to the `data` chunk, leaving the handle
    /// at the first sample; nil when it is not a WAV file with a `fmt ` chunk before its data.
    static func read(_ handle: FileHandle) -> WAVFormat? {
        guard let riff = try? handle.read(upToCount: 12), riff.count == 12,
              riff.prefix(4) == Data("RIFF".utf8), riff.suffix(4) == Data("WAVE".utf8) else { return nil }
        var format: WAVFormat?
        while let chunk = try? handle.read(upToCount: 8), chunk.count == 8 {
            let bytes = [UInt8](chunk)
            let size = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
            let id = String(decoding: bytes[0..<4], as: UTF8.self)
            if id == "fmt ", size >= 16, let body = try? handle.read(upToCount: size), body.count == size {
                let fmt = [UInt8](body)
                func u16(_ at: Int) -> Int { Int(fmt[at]) | Int(fmt[at + 1]) << 8 }
                let tag = u16(0) == 0xFFFE && size >= 26 ? u16(24) : u16(0)
                format = WAVFormat(formatTag: tag, channels: u16(2), sampleRate: u16(4) | u16(6) << 16,
                                   bitsPerSample: u16(14), dataOffset: 0, dataBytes: 0)
                if size % 2 == 1 { _ = try? handle.read(upToCount: 1) }
            } else if id == "data", var found = format {
                found.dataOffset = handle.offsetInFile
                found.dataBytes = size
                return found
            } else {
                guard (try? handle.seek(toOffset: handle.offsetInFile + UInt64(size + size % 2))) != nil else { return nil }
            }
        }
        return nil
    }
}

/// Reads 16-bit PCM WAV files without FFmpeg. For anything else use `AudioDecoder`.
public enum WAVFileReader {
    /// Reads `duration` seconds from `start` of a 16-bit PCM WAV file (the first channel), seeking
    /// to them so a long file is never read whole. Times outside the file read as silence.
    public static func read(_ url: URL, from start: Double, duration: Double) throws(OratorError) -> PCMBuffer {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw OratorError(.unreadableFile, "cannot read \(url.path)")
        }
        defer { try? handle.close() }
        guard let format = WAVFormat.read(handle), format.isPCM16 else {
            throw OratorError(.decodeFailed, "\(url.path) is not 16-bit PCM WAV")
        }
        let rate = format.sampleRate
        let frameBytes = 2 * format.channels
        let total = format.dataBytes / frameBytes
        let first = Int((start * Double(rate)).rounded(.down))
        let count = max(0, Int((duration * Double(rate)).rounded()))
        var samples = [Float](repeating: 0, count: count)
        let readFirst = max(0, first), readLast = min(total, first + count)
        guard readLast > readFirst else { return PCMBuffer(sampleRate: rate, samples: samples) }
        do {
            try handle.seek(toOffset: format.dataOffset + UInt64(readFirst * frameBytes))
            let bytes = [UInt8](try handle.read(upToCount: (readLast - readFirst) * frameBytes) ?? Data())
            var index = 0
            while index * frameBytes + 1 < bytes.count {
                let at = index * frameBytes
                samples[readFirst - first + index] = Float(Int16(bitPattern: UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8)) / 32768
                index += 1
            }
        } catch {
            throw OratorError(.unreadableFile, "cannot read \(url.path)", cause: "\(error)")
        }
        return PCMBuffer(sampleRate: rate, samples: samples)
    }
}

/// A 16-bit PCM WAV file read in blocks of mono samples (channels mixed down), for `AudioDecoder`.
final class WAVStream {
    let format: WAVFormat
    private let handle: FileHandle
    private var remaining: Int

    /// Opens `url` if it is a 16-bit PCM WAV file at one of `sampleRates`; nil otherwise.
    init?(url: URL, sampleRates: ClosedRange<Int>) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        guard let format = WAVFormat.read(handle), format.isPCM16, sampleRates.contains(format.sampleRate) else {
            try? handle.close()
            return nil
        }
        self.handle = handle
        self.format = format
        let frameBytes = 2 * format.channels
        remaining = format.dataBytes - format.dataBytes % frameBytes
    }

    deinit { close() }

    /// Up to `frames` mono samples; fewer only at the end.
    func read(frames: Int) -> [Float] {
        let channels = format.channels
        let frameBytes = 2 * channels
        let wanted = min(remaining, frames * frameBytes)
        guard wanted > 0, let data = try? handle.read(upToCount: wanted), !data.isEmpty else {
            remaining = 0
            return []
        }
        let count = data.count / frameBytes
        var samples = [Float](repeating: 0, count: count)
        data.withUnsafeBytes { raw in
            for frame in 0..<count {
                var sum: Float = 0
                for channel in 0..<channels {
                    let at = frame * frameBytes + channel * 2
                    sum += Float(Int16(bitPattern: UInt16(raw[at]) | UInt16(raw[at + 1]) << 8))
                }
                samples[frame] = sum / (32768 * Float(channels))
            }
        }
        remaining -= data.count
        return samples
    }

    func close() {
        remaining = 0
        try? handle.close()
    }
}
