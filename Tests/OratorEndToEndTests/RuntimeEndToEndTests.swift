import Foundation
import OratorTestSupport
import Testing

@Suite("Pipeline runtime: cache, resume, batch, stage commands", .serialized)
struct RuntimeEndToEndTests {
    static let script = "Hello there. This video is made twice.\n\nThe second time comes from the cache.\n"

    struct Report: Decodable {
        struct Stage: Decodable { var stage: String; var cache: String }
        var stages: [Stage]
        func cache(_ name: String) -> String? { stages.first { $0.stage == name }?.cache }
    }

    func report(_ url: URL) throws -> Report { try JSONDecoder().decode(Report.self, from: Data(contentsOf: url)) }

    @Test("an unchanged re-run is a cache hit; a size change re-runs only render (one chunk: soundtrack in the render pass)")
    func warmAndSizeOnly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("s.txt", contents: Self.script)
        let cache = folder.url.appendingPathComponent("cache").path
        func create(_ name: String, size: String) throws -> Report {
            let out = folder.url.appendingPathComponent("\(name).mp4"), json = folder.url.appendingPathComponent("\(name).json")
            let result = try OratorBinary.run(["create", script.path, "-o", out.path, "--size", size, "--cache", cache, "--report", json.path, "-q"])
            #expect(result.status == 0, "\(result.stderr)")
            return try report(json)
        }
        let cold = try create("cold", size: "128")
        #expect(cold.cache("speak") == "miss" && cold.cache("render") == "miss")
        let warm = try create("warm", size: "128")
        for stage in ["speak", "motion", "render"] { #expect(warm.cache(stage) == "hit", "\(stage)") }
        #expect(cold.cache("audio") == nil && cold.cache("encode") == nil, "a one-chunk video needs no separate audio or join stage")
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("cold.mp4")) == Data(contentsOf: folder.url.appendingPathComponent("warm.mp4")))
        let resized = try create("resized", size: "96")
        #expect(resized.cache("speak") == "hit" && resized.cache("motion") == "hit")
        #expect(resized.cache("render") == "miss")
        let probe = try MediaProbe.probe(folder.url.appendingPathComponent("resized.mp4"))
        #expect(probe.streams.first { $0.codec_type == "video" }?.width == 96)
        #expect(probe.streams.first { $0.codec_type == "audio" }?.codec_name == "aac")
    }

    @Test("a killed run leaves no output or corrupt entry, and the re-run resumes and succeeds")
    func killedRun() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let long = String(repeating: "This sentence keeps the renderer busy for a while longer. ", count: 20)
        let script = try folder.file("long.txt", contents: long)
        let cache = folder.url.appendingPathComponent("cache")
        let out = folder.url.appendingPathComponent("out.mp4")
        let process = Process()
        process.executableURL = OratorBinary.url
        process.arguments = ["create", script.path, "-o", out.path, "--size", "256", "--cache", cache.path, "--progress", "json", "--jobs", "1"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it once the second render chunk is under way (the first chunk is then cached).
        var pending = ""
        reading: while true {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            pending += String(decoding: data, as: UTF8.self)
            while let newline = pending.firstIndex(of: "\n") {
                let line = String(pending[..<newline])
                pending = String(pending[pending.index(after: newline)...])
                struct Event: Decodable { var stage: String; var done: Int? }
                if let event = try? JSONDecoder().decode(Event.self, from: Data(line.utf8)),
                   event.stage == "render", (event.done ?? 0) > 650 { break reading }
            }
        }
        process.interrupt()
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(!folder.contents().contains { $0.contains("partial") }, "\(folder.contents())")

        let json = folder.url.appendingPathComponent("r.json")
        let rerun = try OratorBinary.run(["create", script.path, "-o", out.path, "--size", "256", "--cache", cache.path, "--report", json.path, "-q"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let resumed = try report(json)
        #expect(resumed.cache("render") == "partial", "finished chunks are reused")
        #expect(resumed.cache("audio") != nil && resumed.cache("encode") == "miss", "several chunks are joined by the encode stage")
        let stream = try MediaProbe.probe(out).streams.first { $0.codec_type == "video" }
        #expect(stream?.codec_name == "h264")
        #expect(try MediaTool.grayFrames(out, width: 256, height: 256).count > 1000)
    }

    @Test("a batch with one bad job finishes the others and exits with the number failed")
    func batchWithBadJob() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let good1 = try folder.file("one.txt", contents: "First episode.")
        let bad = try folder.file("bad.txt", contents: "")
        let good2 = try folder.file("two.txt", contents: "Second episode.")
        let result = try OratorBinary.run(["batch", good1.path, bad.path, good2.path, "--out-dir", folder.url.path, "--size", "96", "--no-cache"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.txt"))
        #expect(Set(folder.contents()) == ["one.txt", "bad.txt", "two.txt", "one.mp4", "two.mp4"])
    }

    @Test("stage commands chained by hand give the same video as create")
    func stagesEqualCreate() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("s.txt", contents: Self.script)
        let work = folder.url.path
        let steps: [[String]] = [
            ["stage", "speak", "--in", script.path, "--out", "\(work)/speech", "-q"],
            ["stage", "motion", "--in", "\(work)/speech", "--out", "\(work)/motion", "--seed", "4"],
            ["stage", "render", "--in", "\(work)/motion", "--out", "\(work)/c0", "--chunk", "0/1", "--size", "128", "-q"],
            ["stage", "audio", "--in", "\(work)/speech/speech.wav", "--out", "\(work)/audio"],
            ["stage", "encode", "--in", "\(work)/c0", "--audio", "\(work)/audio/audio.m4a", "--out", "\(work)/staged.mp4"],
            ["create", script.path, "-o", "\(work)/created.mp4", "--size", "128", "--seed", "4", "--no-cache", "-q"],
        ]
        for step in steps {
            let result = try OratorBinary.run(step)
            #expect(result.status == 0, "\(step.prefix(2)): \(result.stderr)")
        }
        let staged = folder.url.appendingPathComponent("staged.mp4"), created = folder.url.appendingPathComponent("created.mp4")
        #expect(try MediaTool.grayFrames(staged, width: 128, height: 128) == MediaTool.grayFrames(created, width: 128, height: 128))
        #expect(try MediaTool.monoSamples(staged) == MediaTool.monoSamples(created))
    }
}
