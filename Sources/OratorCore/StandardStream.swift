import Foundation

/// Standard output and standard error, written with errors handled: a full disk, a closed
/// pipe or a closed descriptor becomes an `OratorError`, never a crash.
public enum StandardStream {
    nonisolated(unsafe) private static var outputClosedAtStart = false
    // Safe: written once by `prepare()` at start-up, before any other thread exists.
    private static let firstFailure = FailureBox()

    /// Call first at start-up. A standard descriptor that is closed (`>&-`) is opened on a
    /// harmless device, so no file Orator opens later takes its number (and receives what
    /// was meant for the terminal); writes to a closed standard output then fail with a clear error.
    public static func prepare() {
        for descriptor: Int32 in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            let replacement = descriptor == STDOUT_FILENO ? open("/dev/full", O_WRONLY) : open("/dev/null", O_RDWR)
            if replacement >= 0, replacement != descriptor {
                dup2(replacement, descriptor)
                close(replacement)
            }
            if descriptor == STDOUT_FILENO { outputClosedAtStart = true }
        }
    }

    /// Writes `text` to standard output, all of it, or throws.
    public static func writeOutput(_ text: String) throws(OratorError) {
        if outputClosedAtStart { throw failure("it is closed") }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(String(cString: strerror(errno)))
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Writes `text` to standard error; nothing more can be done if that fails.
    public static func writeError(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Writes a line to standard output from code that cannot throw; a failure is kept and
    /// reported by `finish()`.
    public static func printLine(_ text: String, terminator: String = "\n") {
        do throws(OratorError) { try writeOutput(text + terminator) } catch { firstFailure.keep(error) }
    }

    /// Throws the first failure `printLine` met, if any. Call when the command is done.
    public static func finish() throws(OratorError) {
        if let error = firstFailure.value { throw error }
    }

    final class FailureBox: @unchecked Sendable {
        // Safe: `stored` is only touched while `lock` is held.
        private let lock = NSLock()
        private var stored: OratorError?
        func keep(_ error: OratorError) { lock.withLock { if stored == nil { stored = error } } }
        var value: OratorError? { lock.withLock { stored } }
    }

    private static func failure(_ reason: String) -> OratorError {
        OratorError(.unwritableOutput, "cannot write to standard output: \(reason)")
    }
}
