import Foundation
import OratorCore

/// Runs the built `orator` executable (it sits beside the test bundle in the build folder).
struct OratorBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var url: URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        // On Linux the runner is `<build>/<Package>PackageTests.xctest`; elsewhere it may be nested.
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("orator")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return runner.deletingLastPathComponent().appendingPathComponent("orator")
    }

    /// Runs `orator` with `arguments`; `environment` entries replace the inherited ones.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let child = try ChildProcess(url.path, arguments, what: "orator \(arguments.joined(separator: " "))", environment: environment)
        let output = try child.readToEnd()
        let status = child.exitStatus()
        return Result(status: status, stdout: String(decoding: output, as: UTF8.self), stderr: child.errorText)
    }
}
