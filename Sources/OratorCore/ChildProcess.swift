import Foundation
import Synchronization

/// One child process (FFmpeg, ffprobe, python): the one way Orator starts a tool, streams its
/// standard input or output, and turns its exit status into an `OratorError`.
///
/// Standard error is drained by a reader thread that keeps only its last 64 KiB, so a chatty
/// tool never blocks on a full pipe and never fills memory; a failure's `cause` is the tool's
/// last meaningful line. The child is tracked by `Cleanup` while it runs (an interruption stops
/// it) and terminated if the owner lets go of it early.
public final class ChildProcess {
    /// Where the child's standard input comes from.
    public enum Input: Sendable {
        /// `/dev/null`.
        case none
        /// A pipe the caller writes through `input`.
        case pipe
    }

    /// Where the child's standard output goes.
    public enum Output: Sendable {
        /// Discarded (`/dev/null`).
        case discard
        /// A pipe the caller reads with `read(upToCount:)` or `readToEnd()`.
        case pipe
    }

    /// What the child does, for messages ("decoding take1.wav").
    public let what: String
    /// The code of the error thrown when the child fails.
    public let errorCode: OratorError.Code
    /// The write end of the child's standard input (`Input.pipe` only).
    public let input: FileHandle?
    private let process = Process()
    private let output: FileHandle?
    private let errors: StderrTail
    private var exited = false

    /// Starts `executable` with `arguments` (and `environment` entries replacing inherited ones);
    /// a start failure throws `errorCode` naming `what`.
    public init(_ executable: String, _ arguments: [String], errorCode: OratorError.Code = .internalFailure, what: String,
                input: Input = .none, output: Output = .pipe, environment: [String: String] = [:]) throws(OratorError) {
        self.what = what
        self.errorCode = errorCode
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let stdin = input == .pipe ? Pipe() : nil
        let stdout = output == .pipe ? Pipe() : nil
        let stderr = Pipe()
        process.standardInput = stdin ?? FileHandle.nullDevice
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = stderr
        if stdin != nil { signal(SIGPIPE, SIG_IGN) }
        do { try process.runTracked() } catch {
            throw OratorError(errorCode, "could not start \(executable) for \(what)", cause: "\(error)")
        }
        self.input = stdin?.fileHandleForWriting
        self.output = stdout?.fileHandleForReading
        errors = StderrTail(stderr.fileHandleForReading)
    }

    deinit { terminate() }

    /// Writes all of `bytes` to standard input (through interruptions); false when the pipe is
    /// gone (the child stopped reading) or the child was started without one.
    public func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let input, let base = bytes.baseAddress else { return input != nil }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(input.fileDescriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Up to `count` bytes of standard output: fewer only at its end, empty once it has ended.
    public func read(upToCount count: Int) throws(OratorError) -> Data {
        guard let output else { return Data() }
        var data = Data()
        while data.count < count {
            let chunk: Data?
            do { chunk = try output.read(upToCount: count - data.count) } catch {
                throw OratorError(errorCode, "cannot read the output of \(what)", cause: "\(error)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            data.append(chunk)
        }
        return data
    }

    /// The rest of standard output.
    public func readToEnd() throws(OratorError) -> Data {
        guard let output else { return Data() }
        do { return try output.readToEnd() ?? Data() } catch {
            throw OratorError(errorCode, "cannot read the output of \(what)", cause: "\(error)")
        }
    }

    /// Closes standard input (if piped), waits for the child to exit and throws `errorCode`
    /// ("`what` failed", with the tool's last meaningful stderr line) unless it exited with 0.
    public func wait() throws(OratorError) {
        try? input?.close()
        reap()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw OratorError(errorCode, "\(what) failed", cause: lastErrorLine)
        }
    }

    /// Closes standard input (if piped), waits for the child to exit and returns its exit status
    /// (128 + the signal number if a signal ended it), for callers that judge the status themselves.
    public func exitStatus() -> Int32 {
        try? input?.close()
        reap()
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    /// The child's process id.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// Stops the child (SIGTERM) if it still runs and waits for it; nothing is thrown.
    public func terminate() {
        guard !exited else { return }
        try? input?.close()
        if process.isRunning { process.terminate() }
        try? output?.close()
        reap()
    }

    /// The last meaningful line the child wrote to stderr ("" when none); waits for stderr to close.
    public var lastErrorLine: String { Self.lastMeaningfulLine(of: errors.text()) }

    /// The last 64 KiB the child wrote to stderr; waits for stderr to close.
    public var errorText: String { errors.text() }

    /// The child's own peak resident memory in MB (its `VmHWM`), read as it exits; nil before
    /// it has been waited for, or when it had exited before (a finished child's memory is gone
    /// from /proc). `getrusage`'s figure for children would not do: a child started late in a
    /// run reports at least the parent's own peak, which it inherits through `exec`.
    public private(set) var peakResidentMB: Double?

    /// The largest `peakResidentMB` of any child this process has waited for.
    public static var largestPeakResidentMB: Double { peaks.withLock { $0 } }
    private static let peaks = Mutex(0.0)

    private func reap() {
        guard !exited else { return }
        exited = true
        let process = process
        peakResidentMB = Self.peakResident(of: process.processIdentifier) { process.isRunning }
        if let peak = peakResidentMB { Self.peaks.withLock { $0 = max($0, peak) } }
        process.waitTracked()
        errors.waitForEnd()
    }

    /// Reads `VmHWM` from /proc until the process's memory is gone (or `running` says it was
    /// reaped, so its id may belong to another process), and returns the last reading in MB (nil
    /// if there was none). Every 2 ms at first, as an encoder flushing its last frames exits
    /// within a second; then less often, up to every 50 ms, for a child that runs long.
    private static func peakResident(of pid: Int32, running: () -> Bool) -> Double? {
        var last: Double?
        var pause: useconds_t = 2000
        while running(), let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap({ Double($0) }) {
            last = kilobytes / 1024
            usleep(pause)
            pause = min(50_000, pause * 3 / 2)
        }
        return last
    }

    /// The last line of a tool's stderr that says something: blank lines and FFmpeg's closing
    /// "Conversion failed!" are skipped, and a line is cut to 500 characters.
    public static func lastMeaningfulLine(of text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let line = lines.last { !$0.isEmpty && $0 != "Conversion failed!" } ?? lines.last { !$0.isEmpty } ?? ""
        return line.count > 500 ? String(line.prefix(500)) + "..." : line
    }
}

extension ChildProcess {
    /// Runs a tool to completion and returns its standard output; throws with its stderr on failure.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], errorCode: OratorError.Code = .internalFailure,
                           what: String) throws(OratorError) -> Data {
        let child = try ChildProcess(executable, arguments, errorCode: errorCode, what: what)
        let output = try child.readToEnd()
        try child.wait()
        return output
    }

    /// `run` off the cooperative pool; cancelling the task kills the child, and the call then
    /// throws `errorCode` ("`what` was cancelled").
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], errorCode: OratorError.Code = .internalFailure,
                           what: String) async throws(OratorError) -> Data {
        let child = try ChildProcess(executable, arguments, errorCode: errorCode, what: what)
        let handle = KillHandle(child.processIdentifier)
        let result: Result<Data, OratorError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let box = UncheckedChild(child)
                DispatchQueue.global().async {
                    continuation.resume(returning: Result { () throws(OratorError) in
                        let output = try box.child.readToEnd()
                        try box.child.wait()
                        return output
                    })
                }
            }
        } onCancel: {
            handle.kill()
        }
        if Task.isCancelled, case .failure = result {
            throw OratorError(errorCode, "\(what) was cancelled")
        }
        return try result.get()
    }
}

/// Kills one child by its process id from a cancellation handler.
private struct KillHandle: Sendable {
    let pid: Int32
    init(_ pid: Int32) { self.pid = pid }
    func kill() { _ = Foundation.kill(pid, SIGKILL) }
}

/// Hands a `ChildProcess` to the one worker that waits for it.
private struct UncheckedChild: @unchecked Sendable {
    // Safe: after the hand-over only the worker touches the child until it resumes the caller.
    let child: ChildProcess
    init(_ child: ChildProcess) { self.child = child }
}

/// Drains a child's stderr on its own thread, keeping the last `limit` bytes; `waitForEnd()`
/// blocks (without spinning) until the pipe closes.
private final class StderrTail: @unchecked Sendable {
    // Safe: `tail` is written by the reader thread only before `finished` is signalled, and read
    // by others only after waiting for that signal.
    private var tail = Data()
    private let finished = DispatchSemaphore(value: 0)
    private var ended = false
    private let limit = 64 * 1024

    init(_ handle: FileHandle) {
        Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                tail.append(chunk)
                if tail.count > 2 * limit { tail = tail.suffix(limit) }
            }
            try? handle.close()
            finished.signal()
        }.start()
    }

    func waitForEnd() {
        guard !ended else { return }
        finished.wait()
        ended = true
    }

    func text() -> String {
        waitForEnd()
        return String(decoding: tail.suffix(limit), as: UTF8.self)
    }
}
