import Foundation
import OratorCore
import OratorRender
import OratorTestSupport
import Testing

/// Two-speaker episodes, measured on the output with FFmpeg (an independent meter).
@Suite("orator create, podcast episodes", .serialized)
struct EpisodeEndToEndTests {
    static let episode = """
        ---
        title: Test Show
        speakers:
          ALEX: { name: Alex, voice: en-us }
          SAM: { name: Sam, voice: en-gb, pitch: 65 }
        ---
        # Opening
        ALEX: Hello and welcome to the test show, where we measure everything.
        SAM: Thanks Alex, it is good to be here today.
        [pause 1s]
        # Closing
        ALEX: That is all for now. Goodbye.
        """

    /// SRT cues as (start, end, text).
    static func srtCues(_ file: URL) throws -> [(Double, Double, String)] {
        let text = try String(contentsOf: file, encoding: .utf8)
        func seconds(_ stamp: Substring) -> Double {
            let parts = stamp.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".").split(separator: ":")
            return Double(parts[0])! * 3600 + Double(parts[1])! * 60 + Double(parts[2])!
        }
        return text.components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n")
            guard lines.count >= 3, let arrow = lines[1].range(of: "-->") else { return nil }
            return (seconds(lines[1][..<arrow.lowerBound]), seconds(lines[1][arrow.upperBound...]), lines[2...].joined(separator: " "))
        }
    }

    @Test("mix at -16 LUFS, true peak <= -1 dBTP; captions inside speech; only the active speaker's mouth moves")
    func twoSpeakers() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("show.txt", contents: Self.episode)
        let out = folder.url.appendingPathComponent("show.mp4")
        let size = FrameSize(width: 480, height: 270)
        let result = try OratorBinary.run(["create", script.path, "-o", out.path, "--size", "480x270", "--captions", "srt,vtt",
                                           "--music", "none", "--still", "--no-cache", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Set(folder.contents()) == ["show.txt", "show.mp4", "show.srt", "show.vtt", "show.description.txt"])

        let measured = try MediaTool.ebur128(out)
        #expect(abs(measured.integrated - -16) <= 1, "integrated \(measured.integrated) LUFS")
        #expect(measured.truePeak <= -1, "true peak \(measured.truePeak) dBTP")

        let cues = try Self.srtCues(folder.url.appendingPathComponent("show.srt"))
        #expect(cues.count >= 3)
        #expect(cues.first?.2.hasPrefix("Alex:") == true, "\(cues.first?.2 ?? "")")
        #expect(cues.contains { $0.2.hasPrefix("Sam:") })
        let vtt = try String(contentsOf: folder.url.appendingPathComponent("show.vtt"), encoding: .utf8)
        #expect(vtt.hasPrefix("WEBVTT"))
        let audio = try MediaTool.monoSamples(out)
        for cue in cues {
            #expect(cue.1 > cue.0 && cue.1 - cue.0 <= 7.01)
            let voiced = stride(from: cue.0, to: cue.1, by: 0.05).filter { rms(audio, from: $0, to: $0 + 0.05) > 0.01 }.count
            #expect(Double(voiced) / ((cue.1 - cue.0) / 0.05) > 0.5, "cue \(cue) is mostly not speech")
        }

        // Who speaks when, from the captions; mouth activity per cell on the decoded frames.
        let layout = SceneLayout(size: size, speakers: 2)
        let frames = try MediaTool.grayFrames(out, width: size.width, height: size.height)
        func activity(_ cell: Int) -> [Double] {
            let c = layout.cells[cell]
            let mouth = BuiltinAvatarRenderer.mouthRegion(in: FrameSize(width: c.width, height: c.height))
            let region = PixelRegion(x: c.x + mouth.x, y: c.y + mouth.y, width: mouth.width, height: mouth.height)
            let rest = crop(frames[0], width: size.width, region: region)
            return frames.map { meanDifference(crop($0, width: size.width, region: region), rest) }
        }
        let alex = activity(0), sam = activity(1)
        var alexFrames = 0, samFrames = 0, alexTalking = 0, samQuietWhileAlex = 0, samTalking = 0, alexQuietWhileSam = 0
        var speaker = ""
        for cue in cues {
            // Captions name the speaker on the first caption of each turn.
            if cue.2.hasPrefix("Alex:") { speaker = "Alex" } else if cue.2.hasPrefix("Sam:") { speaker = "Sam" }
            for frame in Int(cue.0 * 25)..<min(frames.count, Int(cue.1 * 25)) {
                if speaker == "Alex" {
                    alexFrames += 1
                    if alex[frame] > 4 { alexTalking += 1 }
                    if sam[frame] < 1.5 { samQuietWhileAlex += 1 }
                } else {
                    samFrames += 1
                    if sam[frame] > 4 { samTalking += 1 }
                    if alex[frame] < 1.5 { alexQuietWhileSam += 1 }
                }
            }
        }
        #expect(alexFrames > 40 && samFrames > 40)
        #expect(Double(alexTalking) / Double(alexFrames) > 0.5, "Alex's mouth moved in \(alexTalking) of \(alexFrames) frames")
        #expect(Double(samTalking) / Double(samFrames) > 0.5, "Sam's mouth moved in \(samTalking) of \(samFrames) frames")
        #expect(Double(samQuietWhileAlex) / Double(alexFrames) > 0.95, "Sam listened in \(samQuietWhileAlex) of \(alexFrames) frames")
        #expect(Double(alexQuietWhileSam) / Double(samFrames) > 0.95, "Alex listened in \(alexQuietWhileSam) of \(samFrames) frames")
    }

    @Test("audio-only: a podcast file with chapters and title")
    func audioOnly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("show.txt", contents: Self.episode)
        let out = folder.url.appendingPathComponent("show.m4a")
        let result = try OratorBinary.run(["create", script.path, "-o", out.path, "--audio-only", "--no-cache", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try MediaTool.output("ffprobe", ["-v", "error", "-show_chapters", "-show_format", "-of", "json", out.path])
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"Opening\"") && text.contains("\"Closing\""), "\(text)")
        #expect(text.contains("Test Show"))
        let streams = try MediaProbe.probe(out).streams
        #expect(!streams.contains { $0.codec_type == "video" })
        #expect(streams.contains { $0.codec_type == "audio" && $0.codec_name == "aac" })
    }

    @Test("bad episode input: one clear line naming the script line or file, nothing written", arguments: [
        ("---\nspeakers:\n  ALEX: {}\n---\nBOB: Hi there.", "show.txt:5:1: unknown speaker 'BOB'"),
        ("ALEX: Hi. [pause soon]", "show.txt:1:11: bad pause duration"),
        ("ALEX: Hi. [music missing.ogg]\nALEX: More.", "music file not found"),
        ("---\nspeakers:\n  ALEX: { avatar: nobody.jpg }\n---\nALEX: Hi.", "avatar of ALEX not found"),
    ])
    func badInput(_ text: String, _ message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("show.txt", contents: text)
        let result = try OratorBinary.run(["create", script.path, "-o", folder.url.appendingPathComponent("o.mp4").path, "--no-cache", "-q"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(Set(folder.contents()) == ["show.txt"])
    }

    @Test("a music file that does not decode names the file")
    func badMusic() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = try folder.file("show.txt", contents: "ALEX: Hello there.")
        let music = try folder.file("noise.mp3", contents: "this is not audio")
        let result = try OratorBinary.run(["create", script.path, "-o", folder.url.appendingPathComponent("o.mp4").path,
                                           "--music", music.path, "--no-cache", "-q"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("noise.mp3"), "\(result.stderr)")
        #expect(Set(folder.contents()) == ["show.txt", "noise.mp3"])
    }

    func crop(_ frame: [UInt8], width: Int, region: PixelRegion) -> [UInt8] {
        var out: [UInt8] = []
        for y in region.y..<(region.y + region.height) { out += frame[(y * width + region.x)..<(y * width + region.x + region.width)] }
        return out
    }

    func meanDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        zip(a, b).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(max(1, a.count))
    }

    func rms(_ samples: [Float], from: Double, to: Double, rate: Int = 16_000) -> Double {
        let lower = min(samples.count, Int(from * Double(rate))), upper = min(samples.count, Int(to * Double(rate)))
        guard upper > lower else { return 0 }
        return (samples[lower..<upper].reduce(0.0) { $0 + Double($1 * $1) } / Double(upper - lower)).squareRoot()
    }
}
