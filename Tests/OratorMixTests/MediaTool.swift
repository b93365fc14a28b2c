import Foundation

/// Runs ffmpeg/ffprobe for the tests and measures outputs with them, independently of OratorMix.
enum MediaTool {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs a tool; returns (stdout, stderr); throws if it exits non-zero.
    @discardableResult
    static func run(_ name: String, _ arguments: [String]) throws -> (output: Data, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("mixtest-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(name) \(arguments.joined(separator: " ")) failed: \(errors.suffix(500))")
        }
        return (data, errors)
    }

    /// Integrated loudness (LUFS) and true peak (dBTP) from FFmpeg's own ebur128 filter.
    static func ebur128(_ url: URL) throws -> (integrated: Double, truePeak: Double) {
        let errors = try run("ffmpeg", ["-nostdin", "-nostats", "-i", url.path, "-af", "ebur128=peak=true", "-f", "null", "-"]).errors
        guard let summary = errors.range(of: "Summary:") else { throw Failure(description: "no ebur128 summary") }
        let tail = String(errors[summary.upperBound...])
        func value(after label: String) throws -> Double {
            guard let range = tail.range(of: label) else { throw Failure(description: "no '\(label)' in ebur128 summary") }
            let number = tail[range.upperBound...].drop { $0 == " " }.prefix { "-+.0123456789inf".contains($0) }
            guard let parsed = Double(number) else { throw Failure(description: "bad '\(label)' value in ebur128 summary") }
            return parsed
        }
        return (try value(after: "I:"), try value(after: "Peak:"))
    }

    /// Decoded audio as mono float at `rate`.
    static func monoSamples(_ url: URL, rate: Int) throws -> [Float] {
        let data = try run("ffmpeg", ["-nostdin", "-v", "error", "-i", url.path, "-ac", "1", "-ar", "\(rate)", "-f", "f32le", "pipe:1"]).output
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    /// ffprobe's JSON for streams, format and chapters.
    static func probe(_ url: URL) throws -> [String: Any] {
        let data = try run("ffprobe", ["-v", "error", "-show_streams", "-show_format", "-show_chapters", "-of", "json", url.path]).output
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw Failure(description: "bad ffprobe json") }
        return json
    }
}

/// A fresh temporary folder per test, removed when the test's value goes away.
final class TemporaryFolder {
    let url: URL

    init(_ name: String = "mix") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("orator-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Names of everything in the folder.
    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
}
