import Foundation
import OratorTestSupport
import Testing

/// `orator animate` on the real public-domain portrait and real recorded speech.
@Suite("orator animate, end to end", .serialized)
struct AnimateEndToEndTests {
    static let librivox = "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav"
    static let transcript = "he was not an ill disposed young man"

    /// The astronaut portrait fetched by scripts/fetch-fixtures.
    static func portrait() throws -> URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent(".build-fixtures/astronaut.png")
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("missing \(url.path): run scripts/fetch-fixtures (scripts/test does)")
            throw CocoaError(.fileNoSuchFile)
        }
        return url
    }

    @Test("a portrait speaks a recording with its transcript: H.264 + AAC, the length of the audio")
    func portraitSpeaks() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = try folder.file("t.txt", contents: Self.transcript)
        let out = folder.url.appendingPathComponent("a.mp4")
        let result = try OratorBinary.run(["animate", "--image", try Self.portrait().path, "--audio", Self.librivox,
                                           "--transcript", text.path, "-o", out.path, "--size", "256", "--no-cache", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        let probe = try MediaProbe.probe(out)
        let video = probe.streams.first { $0.codec_type == "video" }
        let audio = probe.streams.first { $0.codec_type == "audio" }
        #expect(video?.codec_name == "h264" && video?.pix_fmt == "yuv420p" && video?.width == 256)
        #expect(audio?.codec_name == "aac")
        let input = try MediaProbe.probe(URL(fileURLWithPath: Self.librivox))
        let inputSeconds = Double(input.format.duration ?? "0") ?? 0
        #expect(abs((Double(video?.duration ?? "0") ?? 0) - inputSeconds) <= 0.1)
        // The face moves where the speech is: frames differ from the first one.
        let frames = try MediaTool.grayFrames(out, width: 256, height: 256)
        let changed = frames.filter { frame in zip(frame, frames[0]).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) } > 256 * 256 / 2 }
        #expect(changed.count > frames.count / 4)
    }

    @Test("a recording without a transcript gets captions from its recognized words, sidecar and burnt in")
    func captionsFromRecognizedWords() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.url.appendingPathComponent("talk.mp4")
        let result = try OratorBinary.run(["animate", "--image", try Self.portrait().path, "--audio", Self.librivox,
                                           "--captions", "srt,vtt,burn", "-o", out.path, "--size", "256", "--still", "--no-cache", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        let srt = try String(contentsOf: folder.url.appendingPathComponent("talk.srt"), encoding: .utf8)
        let vtt = try String(contentsOf: folder.url.appendingPathComponent("talk.vtt"), encoding: .utf8)
        #expect(vtt.hasPrefix("WEBVTT"))
        // "he was not an ill disposed young man": most words are heard right; the first is capitalized.
        let words = Set(srt.lowercased().split { !$0.isLetter }.map(String.init))
        #expect(["he", "was", "not", "young", "man"].allSatisfy(words.contains), "\(srt)")
        #expect(srt.contains("He was"))
        // Burnt in: while the words are spoken the bottom of the picture has white text on it,
        // and before the speech (the first 0.4 s) it has none.
        let frames = try MediaTool.grayFrames(out, width: 256, height: 256)
        func whiteInBottom(_ frame: [UInt8]) -> Int { frame[(200 * 256)...].filter { $0 > 240 }.count }
        #expect(whiteInBottom(frames[2]) < 20)
        #expect(whiteInBottom(frames[40]) > 100, "\(whiteInBottom(frames[40]))")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("talk.description.txt").path))
    }

    @Test("full mode keeps the photo's size")
    func fullMode() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.url.appendingPathComponent("full.mp4")
        let result = try OratorBinary.run(["animate", "--image", try Self.portrait().path, "--audio", "/usr/share/sounds/alsa/Front_Center.wav",
                                           "--preprocess", "full", "-o", out.path, "--no-cache", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        let video = try MediaProbe.probe(out).streams.first { $0.codec_type == "video" }
        #expect(video?.width == 512 && video?.height == 512)
    }

    @Test("a photo without a face: one clear line, nothing written")
    func noFace() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let blank = folder.url.appendingPathComponent("wall.png")
        _ = try MediaTool.output("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "color=c=gray:s=320x240", "-frames:v", "1", blank.path])
        let out = folder.url.appendingPathComponent("o.mp4")
        let result = try OratorBinary.run(["animate", "--image", blank.path, "--audio", "/usr/share/sounds/alsa/Front_Center.wav",
                                           "-o", out.path, "--no-cache", "-q"])
        #expect(result.status != 0)
        #expect(result.stderr == "error: no face found in wall.png (use a clear, frontal photo; the face should be at least 80 px wide)\n"
                || result.stderr.hasPrefix("error: no face found in"), "\(result.stderr)")
        #expect(Set(folder.contents()) == ["wall.png"])
    }

    @Test("corrupt audio: one clear line naming the file")
    func corruptAudio() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let audio = try folder.file("broken.mp3", contents: "not really an mp3")
        let out = folder.url.appendingPathComponent("o.mp4")
        let result = try OratorBinary.run(["animate", "--image", try Self.portrait().path, "--audio", audio.path, "-o", out.path, "--no-cache", "-q"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("broken.mp3"), "\(result.stderr)")
        #expect(Set(folder.contents()) == ["broken.mp3"])
    }
}
