import Foundation
import OratorCore

/// Streams interleaved 16-bit PCM (any channel count) to a WAV file. `WAVFileWriter` in
/// OratorAudio writes mono only; the mix is stereo.
final class PCM16WAVWriter {
    /// The file being written.
    let url: URL
    private let channels: Int
    private let sampleRate: Int
    private var frames = 0
    private let handle: FileHandle

    /// Creates (or truncates) `url`; `close()` completes the header.
    init(url: URL, channels: Int, sampleRate: Int) throws(OratorError) {
        self.url = url
        self.channels = channels
        self.sampleRate = sampleRate
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw OratorError(.unwritableOutput, "cannot create \(url.path)")
        }
        do { handle = try FileHandle(forWritingTo: url) } catch {
            throw OratorError(.unwritableOutput, "cannot open \(url.path) for writing", cause: "\(error)")
        }
        try write(Data(header(frames: 0)))
    }

    deinit { try? handle.close() }

    /// Appends interleaved samples already quantized to 16 bits.
    func append(_ samples: [Int16]) throws(OratorError) {
        let data = samples.withUnsafeBufferPointer { Data(buffer: $0) }
        try write(data)
        frames += samples.count / channels
    }

    /// Rewrites the header with the final length and closes the file.
    func close() throws(OratorError) {
        do {
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: header(frames: frames))
            try handle.close()
        } catch {
            throw OratorError(.unwritableOutput, "cannot finish \(url.path)", cause: "\(error)")
        }
    }

    private func write(_ data: Data) throws(OratorError) {
        do { try handle.write(contentsOf: data) } catch {
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
