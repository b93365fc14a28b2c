import Foundation
import OratorCore
import OratorMix
import OratorTestSupport
import Testing

/// The finished mix meets its loudness target and true-peak ceiling, measured by FFmpeg's
/// ebur128 filter (an independent meter), on real read speech with a loud noise bed.
@Suite struct LoudnessTests {
    @Test(arguments: [-16.0, -23.0, -14.0])
    func mixMeetsTargetAndPeakCeiling(target: Double) throws {
        let folder = try TemporaryFolder()
        let speech = try MixFixtures.realSpeech()
        let bed = folder.file("bed.mp3")
        try MixFixtures.noiseBed(bed, seconds: 3)
        let output = folder.file("mix.wav")
        let mixer = PodcastMixer(configuration: PodcastMixConfiguration(targetLoudness: target))
        let result = try mixer.mix(speech: speech, activity: try EnergyActivity.intervals(speech),
                                   beds: [MusicBed(file: bed)], output: output)

        let measured = try MediaTool.ebur128(output)
        #expect(abs(measured.integrated - target) <= 1.0, "integrated \(measured.integrated) LUFS for target \(target)")
        #expect(measured.truePeak <= -1.0, "true peak \(measured.truePeak) dBTP")
        #expect(abs(measured.integrated - result.integratedLoudness) <= 0.5,
                "FFmpeg says \(measured.integrated) LUFS, libebur128 said \(result.integratedLoudness)")
        #expect(result.truePeak <= -1.0)

        let probe = try MediaTool.probeJSON(output)
        let stream = try #require((probe["streams"] as? [[String: Any]])?.first)
        #expect(stream["sample_rate"] as? String == "48000")
        #expect(stream["channels"] as? Int == 2)
        let duration = Double((probe["format"] as? [String: Any])?["duration"] as? String ?? "") ?? 0
        #expect(abs(duration - 7.1) < 0.02, "mix lasts \(duration) s, the speech 7.1 s")
        #expect(abs(result.duration - duration) < 0.01)
        #expect(folder.contents() == ["bed.mp3", "mix.wav"], "no partial files left behind")
    }

    @Test func limiterKeepsLoudSpeechUnderTheCeiling() throws {
        // A hot target forces limiting on speech peaks; the mix must still land on target.
        let folder = try TemporaryFolder()
        let speech = try MixFixtures.realSpeech()
        let output = folder.file("hot.wav")
        let mixer = PodcastMixer(configuration: PodcastMixConfiguration(targetLoudness: -10))
        let result = try mixer.mix(speech: speech, activity: [], output: output)
        let measured = try MediaTool.ebur128(output)
        #expect(result.limiterReduction > 1, "limiter reduced \(result.limiterReduction) dB; this target should need it")
        #expect(abs(measured.integrated - -10) <= 1.0, "integrated \(measured.integrated)")
        #expect(measured.truePeak <= -1.0, "true peak \(measured.truePeak)")
        #expect(abs(result.integratedLoudness - -10) <= 0.3, "\(result.masteringPasses) passes")
    }
}
