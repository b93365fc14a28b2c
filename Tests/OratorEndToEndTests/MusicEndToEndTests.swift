import Foundation
import OratorCore
import OratorTestSupport
import Testing

/// Composed music beds through the built binary: `orator music`, and episodes whose bed Orator
/// composes, measured on the output (loudness with FFmpeg's meter, the bed under the speech).
@Suite("composed music beds", .serialized)
struct MusicEndToEndTests {
    /// The example episode of the repository.
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/episode.txt")

    @Test("orator music writes the bed and its MIDI file")
    func music() throws {
        let folder = try TemporaryFolder("music-e2e")
        let bed = folder.file("bed.ogg"), midi = folder.file("bed.mid")
        let result = try OratorBinary.run(["music", "--mood", "upbeat", "--tempo", "118", "--key", "G", "--length", "20s", "--seed", "7",
                                           "-o", bed.path, "--midi", midi.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("118.0 BPM") && result.stderr.contains("G,"), "\(result.stderr)")
        let stream = try #require(try MediaProbe.probe(bed).streams.first)
        #expect(stream.codec_name == "vorbis" && stream.sample_rate == "48000")
        #expect(abs((Double(stream.duration ?? "") ?? 0) - 20) < 0.1)
        #expect(try Data(contentsOf: midi).prefix(4) == Data("MThd".utf8))
    }

    @Test("bad music options: one line naming the value and the fix, nothing written", arguments: [
        (["--key", "H"], "invalid key 'H'"), (["--tempo", "400"], "invalid tempo '400'"), (["--length", "forever"], "invalid length 'forever'"),
        (["--mood", "jazzy"], "jazzy"), (["--seed", "x"], "invalid seed 'x'"),
    ])
    func badMusic(_ options: [String], _ message: String) throws {
        let folder = try TemporaryFolder("music-e2e")
        let result = try OratorBinary.run(["music", "-o", folder.file("bed.ogg").path] + options)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(folder.contents().isEmpty)
    }

    @Test("orator create examples/episode.txt --music generate:calm: the episode at -16 LUFS, true peak <= -1 dBTP")
    func episode() throws {
        let folder = try TemporaryFolder("music-e2e")
        let out = folder.file("episode.mp4")
        let result = try OratorBinary.run(["create", Self.example.path, "-o", out.path, "--music", "generate:calm", "--size", "320x180",
                                           "--still", "--no-cache", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        let measured = try MediaTool.ebur128(out)
        #expect(abs(measured.integrated - -16) <= 1, "integrated \(measured.integrated) LUFS")
        #expect(measured.truePeak <= -1, "true peak \(measured.truePeak) dBTP")
    }

    @Test("music: generate calm in the front matter: the composed bed is mixed, ducked and audible under the speech")
    func bedUnderSpeech() throws {
        let folder = try TemporaryFolder("music-e2e")
        let text = try String(contentsOf: Self.example, encoding: .utf8).replacingOccurrences(of: "music: music/bed.ogg", with: "music: generate calm")
        let script = try folder.file("show.txt", contents: text)
        let speech = folder.file("speech"), withBed = folder.file("with"), without = folder.file("without")
        for arguments in [["stage", "speak", "--in", script.path, "--out", speech.path],
                          ["stage", "mix", "--in", speech.path, "--script", script.path, "--out", withBed.path],
                          ["stage", "mix", "--in", speech.path, "--script", script.path, "--out", without.path, "--music", "none"]] {
            let result = try OratorBinary.run(arguments + ["-q"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let mixed = withBed.appendingPathComponent("mix.wav")
        let loudness = try MediaTool.ebur128(mixed)
        #expect(abs(loudness.integrated - -16) <= 1, "integrated \(loudness.integrated) LUFS")
        let measure = try BedMeasure(mix: mixed, speechOnly: without.appendingPathComponent("mix.wav"))
        #expect(measure.underSpeech > -32 && measure.underSpeech < -8, "bed under speech: \(measure.underSpeech) dB re speech")
        #expect(measure.inGaps > measure.underSpeech + 3, "ducking: gaps \(measure.inGaps) dB, under speech \(measure.underSpeech) dB")
    }
}

/// The bed of a mix, found as what remains when the speech-only mix (scaled by least squares)
/// is taken away, and its level relative to the speech where the speech-only mix is loud.
struct BedMeasure {
    /// The bed's RMS relative to the speech's, in dB, in 20 ms windows with speech.
    var underSpeech: Double
    /// The bed's RMS in windows without speech, relative to the speech's RMS under speech, in dB.
    var inGaps: Double

    init(mix: URL, speechOnly: URL) throws {
        let a = try MediaTool.monoSamples(mix, rate: 16_000), b = try MediaTool.monoSamples(speechOnly, rate: 16_000)
        let count = min(a.count, b.count)
        var ab = 0.0, bb = 0.0
        for index in 0..<count { ab += Double(a[index]) * Double(b[index]); bb += Double(b[index]) * Double(b[index]) }
        let gain = ab / max(bb, 1e-12)
        let window = 320
        var speechEnergy = 0.0, bedUnder = 0.0, bedGaps = 0.0, speechWindows = 0, gapWindows = 0
        for start in stride(from: 0, to: count - window, by: window) {
            var s = 0.0, r = 0.0
            for index in start..<(start + window) {
                let speech = gain * Double(b[index])
                s += speech * speech
                r += (Double(a[index]) - speech) * (Double(a[index]) - speech)
            }
            if s / Double(window) > 1e-4 { speechEnergy += s; bedUnder += r; speechWindows += 1 }
            else if s / Double(window) < 1e-7 { bedGaps += r; gapWindows += 1 }
        }
        let speechLevel = speechEnergy / Double(max(1, speechWindows))
        underSpeech = 10 * log10(bedUnder / max(speechEnergy, 1e-12))
        inGaps = 10 * log10(bedGaps / Double(max(1, gapWindows)) / max(speechLevel, 1e-12))
    }
}
