import Foundation
import OratorCore

/// Reads a 16-bit PCM WAV file (mono or the first channel of several) into memory.
/// For anything else use `AudioDecoder`, which goes through FFmpeg.
public enum WAVFileReader {
    /// Reads `url`; throws if it is not 16-bit PCM WAV.
    public static func read(_ url: URL) throws(OratorError) -> PCMBuffer {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw OratorError(.unreadableFile, "cannot read \(url.path)")
        }
        let bytes = [UInt8](data)
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        guard bytes.count >= 12, String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF",
              String(decoding: bytes[8..<12], as: UTF8.self) == "WAVE" else {
            throw OratorError(.decodeFailed, "\(url.path) is not a WAV file")
        }
        var offset = 12
        var channels = 1, rate = 0, bits = 0
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = u32(offset + 4)
            let body = offset + 8
            if id == "fmt " {
                channels = u16(body + 2); rate = u32(body + 4); bits = u16(body + 14)
            } else if id == "data" {
                guard bits == 16, rate > 0 else {
                    throw OratorError(.decodeFailed, "\(url.path) is not 16-bit PCM WAV")
                }
                let end = min(bytes.count, body + size)
                let frameBytes = 2 * channels
                var samples = [Float]()
                samples.reserveCapacity((end - body) / frameBytes)
                var index = body
                while index + 1 < end {
                    samples.append(Float(Int16(bitPattern: UInt16(u16(index)))) / 32768)
                    index += frameBytes
                }
                return PCMBuffer(sampleRate: rate, samples: samples)
            }
            offset = body + size + (size & 1)
        }
        throw OratorError(.decodeFailed, "\(url.path) has no audio data")
    }
}

extension WAVFileReader {
    /// Reads `duration` seconds from `start` of a 16-bit PCM WAV file (the first channel), seeking
    /// to them so a long file is never read whole. Times outside the file read as silence.
    public static func read(_ url: URL, from start: Double, duration: Double) throws(OratorError) -> PCMBuffer {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw OratorError(.unreadableFile, "cannot read \(url.path)")
        }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
        func u32(_ at: Int) -> Int { Int(header[at]) | Int(header[at + 1]) << 8 | Int(header[at + 2]) << 16 | Int(header[at + 3]) << 24 }
        func u16(_ at: Int) -> Int { Int(header[at]) | Int(header[at + 1]) << 8 }
        var offset = 12, channels = 1, rate = 0, bits = 0
        while offset + 8 <= header.count {
            let id = String(decoding: header[offset..<offset + 4], as: UTF8.self)
            let size = u32(offset + 4)
            if id == "fmt " { channels = u16(offset + 10); rate = u32(offset + 12); bits = u16(offset + 22) }
            if id == "data" {
                guard bits == 16, rate > 0, channels > 0 else { break }
                let frameBytes = 2 * channels
                let total = size / frameBytes
                let first = Int((start * Double(rate)).rounded(.down))
                let count = max(0, Int((duration * Double(rate)).rounded()))
                var samples = [Float](repeating: 0, count: count)
                let readFirst = max(0, first), readLast = min(total, first + count)
                guard readLast > readFirst else { return PCMBuffer(sampleRate: rate, samples: samples) }
                do {
                    try handle.seek(toOffset: UInt64(offset + 8 + readFirst * frameBytes))
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
            offset += 8 + size + (size & 1)
        }
        throw OratorError(.decodeFailed, "\(url.path) is not 16-bit PCM WAV")
    }
}
