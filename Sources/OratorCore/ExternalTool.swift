import Foundation

/// Finds and runs command-line tools Orator relies on (FFmpeg, ffprobe).
public enum ExternalTool {
    /// The absolute path of `name` on `PATH`, or a `toolMissing` error that says how to install it.
    public static func locate(_ name: String, package: String = "ffmpeg") throws(OratorError) -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw OratorError(.toolMissing, "\(name) not found on PATH (install it: apt-get install \(package))")
    }

    /// Runs a tool to completion and returns its standard output; throws with its stderr on failure.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], errorCode: OratorError.Code = .internalFailure,
                           what: String) throws(OratorError) -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do { try process.runTracked() } catch {
            throw OratorError(errorCode, "could not start \(executable) for \(what)", cause: "\(error)")
        }
        // Read both pipes concurrently so a chatty tool cannot block on a full pipe.
        let errorBox = DataBox()
        let reader = Thread { errorBox.data = stderr.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitTracked()
        while !errorBox.isSet { usleep(1000) }
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errorBox.data ?? Data(), as: UTF8.self)
            throw OratorError(errorCode, "\(what) failed", cause: lastLine(of: text))
        }
        return output
    }

    /// The last non-empty line of a tool's stderr, which is usually the one that says what went wrong.
    public static func lastLine(of text: String) -> String {
        text.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
    }
}

/// A one-shot box for data handed from a reader thread to the waiting caller.
private final class DataBox: @unchecked Sendable {
    // Safe: written once by the reader thread before `isSet` flips, read only after.
    private let lock = NSLock()
    private var storage: Data?
    private var done = false
    var data: Data? {
        get { lock.withLock { storage } }
        set { lock.withLock { storage = newValue; done = true } }
    }
    var isSet: Bool { lock.withLock { done } }
}
