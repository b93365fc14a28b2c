import Foundation
import OratorCore
import OratorMix
import OratorTestSupport
import Testing

/// A bed much shorter than the episode loops for the whole stretch, with no gaps, dips or
/// early end at the seams, whatever the codec's padding.
@Suite struct BedLoopTests {
    @Test(arguments: ["mp3", "ogg", "m4a"])
    func shortBedFillsItsWholeStretch(format: String) throws {
        let folder = try TemporaryFolder()
        let voice = folder.file("voice.wav")
        try MixFixtures.syntheticVoice(voice, intervals: [0.1...0.3], seconds: 12)
        let bed = folder.file("loop.\(format)")
        try MixFixtures.noiseBed(bed, seconds: 0.7)
        let output = folder.file("mix.wav")
        let configuration = PodcastMixConfiguration(bedFadeIn: 0.1, bedFadeOut: 0.1, loopCrossfade: 0.1)
        _ = try PodcastMixer(configuration: configuration)
            .mix(speech: voice, activity: [], beds: [MusicBed(file: bed, start: 0.5, end: 11.5)], output: output)

        let samples = try MediaTool.monoSamples(output, rate: 48_000)
        let levels = stride(from: 0.7, to: 11.3, by: 0.05).map { start -> Double in
            let slice = samples[Int(start * 48_000)..<Int((start + 0.05) * 48_000)]
            return 10 * log10(slice.reduce(0.0) { $0 + Double($1 * $1) } / Double(slice.count) + 1e-20)
        }
        let median = levels.sorted()[levels.count / 2]
        let worst = levels.map { abs($0 - median) }.max() ?? 99
        #expect(worst < 3, "bed level strays \(worst) dB from its median over 15 repeats of a 0.7 s \(format)")
        let after = samples[Int(11.6 * 48_000)..<Int(11.9 * 48_000)].map(abs).max() ?? 1
        #expect(after < 1e-3, "bed ends at 11.5 s")
    }
}
