import Foundation

/// Finds the command-line tools Orator relies on (FFmpeg, ffprobe); `ChildProcess` runs them.
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
}
