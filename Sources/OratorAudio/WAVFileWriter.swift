import Foundation
import OratorCore

/// Streams mono 16-bit PCM to a WAV file, so long speech never sits in memory whole.
public final class WAVFileWriter {
    /// The file being written.
    public let url: URL
    /// Samples per second.
    public let sampleRate: Int
    /// Samples written so far.
    public private(set) var sampleCount = 0
    private let handle: FileHandle

    /// Creates (or truncates) `url` and writes a header that `close()` completes.
    public init(url: URL, sampleRate: Int) throws(OratorError) {
        self.url = url
        self.sampleRate = sampleRate
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw OratorError(.unwritableOutput, "cannot create \(url.path)")
        }
        do { handle = try FileHandle(forWritingTo: url) } catch {
            throw OratorError(.unwritableOutput, "cannot open \(url.path) for writing", cause: "\(error)")
        }
        try write(WAVHeader.bytes(sampleRate: sampleRate, sampleCount: 0))
    }

    /// Length written so far, in seconds.
    public var duration: Double { Double(sampleCount) / Double(sampleRate) }

    /// Appends samples in -1...1 (clipped).
    public func append(_ samples: [Float]) throws(OratorError) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(samples.count * 2)
        for sample in samples {
            let value = Int16(max(-1, min(1, sample)) * 32767)
            bytes.append(UInt8(truncatingIfNeeded: value))
            bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        }
        try write(bytes)
        sampleCount += samples.count
    }

    /// Appends `seconds` of silence.
    public func appendSilence(seconds: Double) throws(OratorError) {
        var remaining = Int((seconds * Double(sampleRate)).rounded())
        while remaining > 0 {
            let chunk = min(remaining, sampleRate)
            try append([Float](repeating: 0, count: chunk))
            remaining -= chunk
        }
    }

    /// Rewrites the header with the final length and closes the file.
    public func close() throws(OratorError) {
        do {
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: WAVHeader.bytes(sampleRate: sampleRate, sampleCount: sampleCount))
            try handle.close()
        } catch {
            throw OratorError(.unwritableOutput, "cannot finish \(url.path)", cause: "\(error)")
        }
    }

    private func write(_ bytes: [UInt8]) throws(OratorError) {
        do { try handle.write(contentsOf: bytes) } catch {
            throw OratorError(.unwritableOutput, "cannot write \(url.path)", cause: "\(error)")
        }
    }
}

/// The 44-byte canonical header of a mono 16-bit PCM WAV file.
enum WAVHeader {
    static func bytes(sampleRate: Int, sampleCount: Int) -> [UInt8] {
        let dataBytes = UInt32(sampleCount * 2)
        var out = [UInt8]()
        func u32(_ v: UInt32) { out += withUnsafeBytes(of: v.littleEndian, Array.init) }
        func u16(_ v: UInt16) { out += withUnsafeBytes(of: v.littleEndian, Array.init) }
        out += Array("RIFF".utf8); u32(36 + dataBytes); out += Array("WAVE".utf8)
        out += Array("fmt ".utf8); u32(16); u16(1); u16(1)
        u32(UInt32(sampleRate)); u32(UInt32(sampleRate * 2)); u16(2); u16(16)
        out += Array("data".utf8); u32(dataBytes)
        return out
    }
}
