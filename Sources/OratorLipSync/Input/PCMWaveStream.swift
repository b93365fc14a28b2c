import Foundation
import OratorCore

/// Reads 16-bit PCM WAV files directly, in chunks, mixing channels down: the common case,
/// without the tenth of a second it takes to start FFmpeg. Anything else (another encoding,
/// another container, a rate outside the accepted range) is left to FFmpeg.
struct PCMWaveStream {
    let handle: FileHandle
    let channels: Int
    let dataBytes: Int
    let sampleRate: Int

    /// Opens `url` if it is a 16-bit PCM WAV file at one of `sampleRates`; nil otherwise.
    init?(url: URL, sampleRates: ClosedRange<Int>) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        var header: (channels: Int, rate: Int, bits: Int, format: Int)?
        guard let riff = try? handle.read(upToCount: 12), riff.count == 12,
              riff.prefix(4) == Data("RIFF".utf8), riff.suffix(4) == Data("WAVE".utf8) else {
            try? handle.close()
            return nil
        }
        while let chunk = try? handle.read(upToCount: 8), chunk.count == 8 {
            let bytes = [UInt8](chunk)
            let size = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
            let id = String(decoding: bytes[0..<4], as: UTF8.self)
            if id == "fmt ", size >= 16, let body = try? handle.read(upToCount: size), body.count == size {
                let fmt = [UInt8](body)
                func u16(_ at: Int) -> Int { Int(fmt[at]) | Int(fmt[at + 1]) << 8 }
                // 0xFFFE (extensible) stores the real format in the first two bytes of its GUID.
                let format = u16(0) == 0xFFFE && size >= 26 ? u16(24) : u16(0)
                header = (u16(2), u16(4) | u16(6) << 16, u16(14), format)
                if size % 2 == 1 { _ = try? handle.read(upToCount: 1) }
            } else if id == "data", let format = header, format.format == 1, format.bits == 16,
                      sampleRates.contains(format.rate), format.channels >= 1 {
                self.handle = handle
                sampleRate = format.rate
                channels = format.channels
                dataBytes = size
                return
            } else {
                guard (try? handle.seek(toOffset: handle.offsetInFile + UInt64(size + size % 2))) != nil else { break }
            }
        }
        try? handle.close()
        return nil
    }

    /// Calls `body` with chunks of mono samples; returns how many were read.
    func read(chunkFrames: Int, _ body: (ArraySlice<Float>) throws(OratorError) -> Void) throws(OratorError) -> Int {
        defer { try? handle.close() }
        let frameBytes = 2 * channels
        var remaining = dataBytes - dataBytes % frameBytes
        var total = 0
        while remaining > 0 {
            let wanted = min(remaining, chunkFrames * frameBytes)
            guard let data = try? handle.read(upToCount: wanted), !data.isEmpty else { break }
            let frames = data.count / frameBytes
            var samples = [Float](repeating: 0, count: frames)
            data.withUnsafeBytes { raw in
                for frame in 0..<frames {
                    var sum: Float = 0
                    for channel in 0..<channels {
                        let at = frame * frameBytes + channel * 2
                        sum += Float(Int16(bitPattern: UInt16(raw[at]) | UInt16(raw[at + 1]) << 8))
                    }
                    samples[frame] = sum / (32768 * Float(channels))
                }
            }
            remaining -= data.count
            total += frames
            try body(samples[...])
        }
        return total
    }
}
