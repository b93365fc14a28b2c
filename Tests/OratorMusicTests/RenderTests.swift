import Foundation
import OratorCore
import OratorMusic
import OratorTestSupport
import Testing

/// Rendered beds (FluidSynth with Debian's FluidR3 SoundFont), measured on the audio.
@Suite("rendered beds", .serialized)
struct RenderTests {
    /// Interleaved stereo samples of a 16-bit WAV that `WAVFileWriter` wrote (44-byte header).
    static func samples(_ url: URL) throws -> [Int16] {
        let data = try Data(contentsOf: url)
        return data.dropFirst(44).withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
    }

    static func render(_ request: MusicRequest, length: Double, to url: URL) throws -> Composition {
        let piece = try MusicComposer().compose(request, length: length)
        try MusicRenderer().render(piece, to: url)
        return piece
    }

    @Test("the same seed gives the same bytes (WAV and Ogg Vorbis); another seed another bed")
    func sameBytes() throws {
        let folder = try TemporaryFolder("music")
        for name in ["a.wav", "b.wav", "a.ogg", "b.ogg"] {
            _ = try Self.render(MusicRequest(mood: .lofi, seed: 21), length: 12, to: folder.file(name))
        }
        _ = try Self.render(MusicRequest(mood: .lofi, seed: 22), length: 12, to: folder.file("c.wav"))
        let a = try Data(contentsOf: folder.file("a.wav")), b = try Data(contentsOf: folder.file("b.wav"))
        #expect(a.count == 44 + 12 * 48_000 * 4)
        #expect(a == b)
        #expect(try Data(contentsOf: folder.file("a.ogg")) == Data(contentsOf: folder.file("b.ogg")))
        #expect(try Data(contentsOf: folder.file("c.wav")) != a)
    }

    @Test("aubio finds the requested tempo within 2% in a drum mood", arguments: [(MusicMood.upbeat, 120.0), (.news, 100), (.lofi, 86)])
    func tempo(_ mood: MusicMood, _ bpm: Double) throws {
        let folder = try TemporaryFolder("music")
        let file = folder.file("bed.wav")
        _ = try Self.render(MusicRequest(mood: mood, tempo: bpm, seed: 7), length: 40, to: file)
        let text = String(decoding: try MediaTool.output("aubio", ["tempo", "-i", file.path]), as: UTF8.self)
        let measured = try #require(Double(text.split(separator: " ").first ?? ""), "aubio said '\(text)'")
        #expect(abs(measured / bpm - 1) <= 0.02, "aubio measured \(measured) BPM for \(bpm)")
    }

    @Test("a loop joins end to start without a click", arguments: [MusicMood.lofi, .calm, .cinematic])
    func seamlessLoop(_ mood: MusicMood) throws {
        let folder = try TemporaryFolder("music")
        let loop = try MusicComposer().composeLoop(MusicRequest(mood: mood, seed: 3))
        try MusicRenderer().render(loop, to: folder.file("loop.wav"))
        let audio = try Self.samples(folder.file("loop.wav"))
        #expect(abs(Double(audio.count / 2) - loop.duration * 48_000) <= 1)
        // The same body rendered from silence and cut where it ends: what a naive loop does.
        var naive = loop
        naive.audioStart = 0
        naive.isLoop = false
        try MusicRenderer(configuration: MusicRenderConfiguration(finalFade: 0)).render(naive, to: folder.file("naive.wav"))
        let steps = Self.steps(audio)
        let sorted = steps.inside.sorted()
        let median = sorted[sorted.count / 2], p99 = sorted[sorted.count * 99 / 100]
        let naiveSeam = Self.steps(try Self.samples(folder.file("naive.wav"))).seam
        // The threshold: the step that 1% of the loop's own sample-to-sample steps exceed. A click
        // stands far above it; the naive loop's seam does.
        #expect(steps.seam <= p99, "seam step \(steps.seam), inside the loop median \(median), 99th percentile \(p99), largest \(sorted.last ?? 0)")
        #expect(naiveSeam > p99, "a naive loop's seam step \(naiveSeam) should stand out over \(p99)")
    }

    /// Every sample-to-sample step of a stereo signal (the larger channel's), and the step from
    /// its last frame back to its first.
    static func steps(_ audio: [Int16]) -> (inside: [Int], seam: Int) {
        let frames = audio.count / 2
        func step(_ a: Int, _ b: Int) -> Int {
            max(abs(Int(audio[a * 2]) - Int(audio[b * 2])), abs(Int(audio[a * 2 + 1]) - Int(audio[b * 2 + 1])))
        }
        return ((1..<frames).map { step($0, $0 - 1) }, step(0, frames - 1))
    }

    @Test("beds have headroom and are not silent", arguments: MusicMood.allCases)
    func level(_ mood: MusicMood) throws {
        let folder = try TemporaryFolder("music")
        let file = folder.file("bed.wav")
        _ = try Self.render(MusicRequest(mood: mood, seed: 1), length: 30, to: file)
        let measured = try MediaTool.ebur128(file)
        #expect(measured.integrated > -27 && measured.integrated < -14, "\(mood): \(measured.integrated) LUFS")
        #expect(measured.truePeak < -0.5, "\(mood): true peak \(measured.truePeak) dBTP")
        let audio = try Self.samples(file)
        #expect(audio.suffix(200).allSatisfy { abs(Int($0)) < 40 }, "the bed ends in silence")
    }

    @Test("a missing SoundFont names the file and the fix")
    func missingSoundFont() throws {
        let folder = try TemporaryFolder("music")
        let renderer = MusicRenderer(configuration: MusicRenderConfiguration(soundFont: folder.file("none.sf2")))
        let piece = try MusicComposer().compose(MusicRequest(), length: 5)
        let error = try #require(throws: OratorError.self) { try renderer.render(piece, to: folder.file("bed.wav")) }
        #expect(error.message.contains("none.sf2") && error.message.contains("fluid-soundfont-gm"))
        #expect(folder.contents().isEmpty)
    }
}
