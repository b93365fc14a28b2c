import Foundation
import OratorCore

/// Decodes an audio file with an FFmpeg subprocess into interleaved 32-bit float frames at the
/// mix's rate and channel count, read a block at a time so nothing long sits in memory.
final class DecodedAudioStream {
    /// The file being decoded.
    let url: URL
    /// What the file is to the user ("music file", "speech track"), for error messages.
    let role: String
    /// Channels per frame.
    let channels: Int
    /// Frames handed out so far.
    private(set) var framesRead = 0
    private let process: Process
    private let output: FileHandle
    private let errors: StderrCollector
    private var pending = Data()
    private var reachedEnd = false
    private var checked = false

    /// Starts decoding `url` to `channels` channels at `sampleRate`.
    init(url: URL, role: String, sampleRate: Int, channels: Int) throws(OratorError) {
        self.url = url
        self.role = role
        self.channels = channels
        try InputFile.requireRegular(url, role: role)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw OratorError(.fileNotFound, "\(role) not found: \(url.path)")
        }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw OratorError(.unreadableFile, "cannot read \(role) \(url.path)")
        }
        let arguments = ["-nostdin", "-v", "error", "-i", url.path, "-map", "0:a:0", "-vn", "-sn", "-dn",
                         "-ac", "\(channels)", "-ar", "\(sampleRate)", "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ExternalTool.locate("ffmpeg"))
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do { try process.runTracked() } catch {
            throw OratorError(.toolMissing, "could not start ffmpeg to decode \(role) \(url.path)", cause: "\(error)")
        }
        self.process = process
        self.output = stdout.fileHandleForReading
        self.errors = StderrCollector(stderr.fileHandleForReading)
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? output.close()
        process.waitTracked()
    }

    /// Up to `frames` interleaved frames; fewer (possibly none) only at the end of the audio.
    func read(frames: Int) throws(OratorError) -> [Float] {
        let wanted = frames * channels * MemoryLayout<Float>.size
        while pending.count < wanted, !reachedEnd {
            let chunk: Data?
            do { chunk = try output.read(upToCount: wanted - pending.count) } catch {
                throw OratorError(.decodeFailed, "cannot read decoded audio of \(role) \(url.path)", cause: "\(error)")
            }
            if let chunk, !chunk.isEmpty { pending.append(chunk) } else { reachedEnd = true }
        }
        let frameBytes = channels * MemoryLayout<Float>.size
        let usable = min(wanted, pending.count / frameBytes * frameBytes)
        var samples = [Float](repeating: 0, count: usable / MemoryLayout<Float>.size)
        samples.withUnsafeMutableBytes { target in
            pending.withUnsafeBytes { source in target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<usable])) }
        }
        pending.removeSubrange(0..<usable)
        framesRead += samples.count / channels
        if reachedEnd, !checked { try finish() }
        return samples
    }

    /// Waits for FFmpeg and throws, naming the file, if it failed to decode it.
    func finish() throws(OratorError) {
        checked = true
        process.waitTracked()
        let detail = ExternalTool.lastLine(of: errors.text())
        guard process.terminationStatus == 0 else {
            throw OratorError(.decodeFailed, "cannot decode \(role) \(url.path): not audio FFmpeg can read", cause: detail)
        }
    }

    /// Stops FFmpeg early (the caller has all it needs).
    func stop() {
        if process.isRunning { process.terminate() }
        try? output.close()
        process.waitTracked()
    }
}

/// Drains a subprocess's stderr on its own thread so the process never blocks on a full pipe.
final class StderrCollector: @unchecked Sendable {
    // Safe: `data` is written by the reader thread and read only after `done` is signalled.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)
    private var waited = false

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
        thread.start()
    }

    /// Everything the process wrote to stderr (waits for the pipe to close).
    func text() -> String {
        if !waited { done.wait(); waited = true }
        return String(decoding: data, as: UTF8.self)
    }
}
