import Foundation
import OratorCore
import OratorFace

/// Real inputs for the tests: the public-domain astronaut portrait from the scikit-image wheel
/// (fetched by scripts/fetch-fixtures) and dlib's landmark model from Debian's libdlib-data.
enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The astronaut portrait, fetched on first use; fails with the script's own message.
    static func astronaut() throws -> URL {
        try fetched.get().appendingPathComponent("astronaut.png")
    }

    private static let fetched: Result<URL, FixtureError> = {
        let script = repositoryRoot.appendingPathComponent("scripts/fetch-fixtures")
        let process = Process()
        process.executableURL = script
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            return .failure(FixtureError("cannot run \(script.path): \(error)"))
        }
        let folder = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(FixtureError("scripts/fetch-fixtures failed (needs pip and network access to PyPI): \(message)"))
        }
        return .success(URL(fileURLWithPath: folder.trimmingCharacters(in: .whitespacesAndNewlines)))
    }()

    /// One analyzer shared by every test (loading the model takes about a second).
    static let analyzer: Result<FaceAnalyzer, OratorError> = Result { () throws(OratorError) in try FaceAnalyzer() }

    static func sharedAnalyzer() throws -> FaceAnalyzer { try analyzer.get() }

    /// A folder for files a test writes, removed by the caller.
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orator-face-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
