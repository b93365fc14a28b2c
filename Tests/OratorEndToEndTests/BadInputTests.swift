import Foundation
import OratorTestSupport
import Testing

@Suite("orator create and speak, bad input", .serialized)
struct BadInputTests {
    /// Runs a failing command and checks: non-zero exit, one `error:` line naming `mention`,
    /// and no file left in the output folder beyond `expected`.
    func expectFailure(_ arguments: [String], mentioning mention: String, folder: TemporaryFolder,
                       leaving expected: Set<String>, environment: [String: String] = [:]) throws {
        let result = try OratorBinary.run(arguments + ["-q"], environment: environment)
        #expect(result.status != 0)
        let lines = result.stderr.split(whereSeparator: \.isNewline)
        #expect(lines.count == 1, "expected one line, got: \(result.stderr)")
        #expect(lines.first?.hasPrefix("error: ") == true, "\(result.stderr)")
        #expect(result.stderr.contains(mention), "\(result.stderr) should mention \(mention)")
        #expect(Set(folder.contents()) == expected, "left behind: \(folder.contents())")
    }

    @Test("missing script")
    func missingScript() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try expectFailure(["create", folder.url.appendingPathComponent("nope.txt").path, "-o", folder.url.appendingPathComponent("o.mp4").path],
                          mentioning: "nope.txt", folder: folder, leaving: [])
    }

    @Test("empty script")
    func emptyScript() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("empty.txt", contents: "\n\n")
        try expectFailure(["create", script.path, "-o", folder.url.appendingPathComponent("o.mp4").path],
                          mentioning: "empty.txt", folder: folder, leaving: ["empty.txt"])
    }

    @Test("text espeak-ng cannot speak")
    func unspeakable() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("dots.txt", contents: "... --- ...\n")
        try expectFailure(["create", script.path, "-o", folder.url.appendingPathComponent("o.mp4").path],
                          mentioning: "dots.txt:1: nothing speakable", folder: folder, leaving: ["dots.txt"])
    }

    @Test("output folder that does not exist or cannot be written")
    func unwritableOutput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("s.txt", contents: "Hello.")
        try expectFailure(["create", script.path, "-o", folder.url.appendingPathComponent("missing/o.mp4").path],
                          mentioning: "does not exist", folder: folder, leaving: ["s.txt"])
        let locked = folder.url.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o555])
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        if getuid() != 0 {  // root may write anywhere
            try expectFailure(["create", script.path, "-o", locked.appendingPathComponent("o.mp4").path],
                              mentioning: "not writable", folder: folder, leaving: ["s.txt", "locked"])
        }
    }

    @Test("FFmpeg missing")
    func ffmpegMissing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("s.txt", contents: "Hello.")
        try expectFailure(["create", script.path, "-o", folder.url.appendingPathComponent("o.mp4").path],
                          mentioning: "ffmpeg not found", folder: folder, leaving: ["s.txt"],
                          environment: ["PATH": folder.url.path])
    }

    @Test("invalid size and unknown voice")
    func badOptions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("s.txt", contents: "Hello.")
        let out = folder.url.appendingPathComponent("o.mp4").path
        try expectFailure(["create", script.path, "-o", out, "--size", "511"], mentioning: "even", folder: folder, leaving: ["s.txt"])
        try expectFailure(["create", script.path, "-o", out, "--voice", "zz-nope"], mentioning: "zz-nope", folder: folder, leaving: ["s.txt"])
    }

    @Test("speak writes the WAV and its timings, and nothing on failure")
    func speak() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("s.txt", contents: "Bob met Fred.")
        let wav = folder.url.appendingPathComponent("s.wav")
        let result = try OratorBinary.run(["speak", script.path, "-o", wav.path, "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Set(folder.contents()) == ["s.txt", "s.wav", "s.phonemes.json"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("s.phonemes.json"))) as? [String: Any]
        let words = (json?["words"] as? [[String: Any]])?.compactMap { $0["text"] as? String }
        #expect(words == ["Bob", "met", "Fred."])
    }
}
