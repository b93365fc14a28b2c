import Foundation
import OratorCore

/// Streams 16-bit PCM (mono or interleaved channels) to a WAV file, so long audio never sits in
/// memory whole: the one WAV writer.
public final class WAVFileWriter {
    /// The file being written.
    public let url: URL
    /// Frames per second.
    public let sampleRate: Int
    /// Channels per frame.
    public let channels: Int
    /// Frames written so far.
    public private(set) var frameCount = 0
    private let handle: FileHandle
    private var closed = false

    /// Creates (or truncates) `url` and writes a header that `close()` completes.
    public init(url: URL, sampleRate: Int, channels: Int = 1) throws(OratorError) {
        self.url = url
        self.sampleRate = sampleRate
        self.channels = channels
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw OratorError(.unwritableOutput, "cannot create \(url.path)")
        }
        do { handle = try FileHandle(forWritingTo: url) } catch {
            throw OratorError(.unwritableOutput, "cannot open \(url.path) for writing", cause: "\(error)")
        }
        try write(header(frames: 0))
    }

    deinit { if !closed { try? handle.close() } }

    /// Length written so far, in seconds.
    public var duration: Double { Double(frameCount) / Double(sampleRate) }

    /// Appends interleaved samples in -1...1 (clipped, then scaled by 32767 and truncated).
    public func append(_ samples: [Float]) throws(OratorError) {
        try append(pcm16: samples.map { Int16(max(-1, min(1, $0)) * 32767) })
    }

    /// Appends interleaved samples already quantized to 16 bits.
    public func append(pcm16 samples: [Int16]) throws(OratorError) {
        #if _endian(little)
        let bytes = samples.withUnsafeBytes { Array($0) }
        #else
        let bytes = samples.map { $0.littleEndian }.withUnsafeBytes { Array($0) }
        #endif
        try write(bytes)
        frameCount += samples.count / channels
    }

    /// Appends `seconds` of silence.
    public func appendSilence(seconds: Double) throws(OratorError) {
        var remaining = Int((seconds * Double(sampleRate)).rounded())
        while remaining > 0 {
            let chunk = min(remaining, sampleRate)
            try append(pcm16: [Int16](repeating: 0, count: chunk * channels))
            remaining -= chunk
        }
    }

    /// Rewrites the header with the final length and closes the file.
    public func close() throws(OratorError) {
        closed = true
        do {
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: header(frames: frameCount))
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

    /// The canonical 44-byte header of 16-bit PCM WAV.
    private func header(frames: Int) -> [UInt8] {
        let blockAlign = channels * 2
        let dataBytes = UInt32(frames * blockAlign)
        var out = [UInt8]()
        func u32(_ value: UInt32) { out += withUnsafeBytes(of: value.littleEndian, Array.init) }
        func u16(_ value: UInt16) { out += withUnsafeBytes(of: value.littleEndian, Array.init) }
        out += Array("RIFF".utf8); u32(36 + dataBytes); out += Array("WAVE".utf8)
        out += Array("fmt ".utf8); u32(16); u16(1); u16(UInt16(channels))
        u32(UInt32(sampleRate)); u32(UInt32(sampleRate * blockAlign)); u16(UInt16(blockAlign)); u16(16)
        out += Array("data".utf8); u32(dataBytes)
        return out
    }
}
