import Foundation
import OratorCore

/// Decodes any audio file FFmpeg reads to mono float samples and hands them over in chunks, so
/// a long recording is never held in memory whole. It applies the same checks and messages as
/// `AudioDecoder`, which decodes into one buffer. 16-bit WAV files at 16 to 48 kHz are read
/// directly at their own rate (every stage works at any rate from 16 kHz up); anything else is
/// decoded by FFmpeg to `fallbackRate`.
struct AudioFileStream {
    let url: URL
    /// Samples per second delivered.
    let sampleRate: Int
    /// Samples per chunk.
    var chunkSamples = 32_000
    private let wave: PCMWaveStream?

    /// Checks that `url` exists and is readable, and picks how to decode it.
    init(url: URL, fallbackRate: Int = 16_000, directRates: ClosedRange<Int> = 16_000...48_000) throws(OratorError) {
        try InputFile.requireRegular(url, role: "audio file")
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw OratorError(.unreadableFile, "cannot read audio file \(url.path)")
        }
        self.url = url
        wave = PCMWaveStream(url: url, sampleRates: directRates)
        sampleRate = wave?.sampleRate ?? fallbackRate
    }

    /// Calls `body` with consecutive chunks of the decoded audio; returns the sample count.
    @discardableResult
    func read(_ body: (ArraySlice<Float>) throws(OratorError) -> Void) throws(OratorError) -> Int {
        if let wave {
            let total = try wave.read(chunkFrames: chunkSamples, body)
            guard total > 0 else { throw OratorError(.decodeFailed, "audio file \(url.path) contains no audio") }
            return total
        }
        let ffmpeg = try ExternalTool.locate("ffmpeg")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = ["-nostdin", "-v", "error", "-i", url.path, "-vn", "-ac", "1", "-ar", "\(sampleRate)",
                             "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.runTracked() } catch {
            throw OratorError(.decodeFailed, "could not start \(ffmpeg) to decode \(url.path)", cause: "\(error)")
        }
        let errorText = StderrCollector(errors.fileHandleForReading)
        var total = 0
        var carry: [UInt8] = []
        var failure: OratorError?
        while failure == nil {
            let data = output.fileHandleForReading.readData(ofLength: chunkSamples * 4)
            if data.isEmpty { break }
            carry += data
            let whole = carry.count / 4 * 4
            let samples = carry[..<whole].withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            carry.removeFirst(whole)
            total += samples.count
            do { try body(samples[...]) } catch { failure = error }
        }
        if failure != nil { process.terminate() }
        output.fileHandleForReading.closeFile()
        process.waitTracked()
        if let failure { throw failure }
        guard process.terminationStatus == 0 else {
            throw OratorError(.decodeFailed, "cannot decode audio file \(url.path): not an audio format FFmpeg reads",
                              cause: ExternalTool.lastLine(of: errorText.text()))
        }
        guard total > 0 else { throw OratorError(.decodeFailed, "audio file \(url.path) contains no audio") }
        return total
    }
}

/// Drains a tool's stderr on its own thread so that a chatty tool never blocks on a full pipe.
private final class StderrCollector: @unchecked Sendable {
    // Safe: `data` is written by the reader thread and read only after `done` is signalled.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    func text() -> String {
        done.wait()
        done.signal()
        return String(decoding: data, as: UTF8.self)
    }
}
