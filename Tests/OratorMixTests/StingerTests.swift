import Foundation
import OratorCore
import OratorMix
import OratorTestSupport
import Testing

/// An intro and outro surround the speech, and the speech is shifted by exactly the intro's length.
@Suite struct StingerTests {
    @Test func introShiftsSpeechAndOutroFollows() throws {
        let folder = try TemporaryFolder()
        let voice = folder.file("voice.wav")
        try MixFixtures.syntheticVoice(voice, intervals: [1...2.5], seconds: 3)
        let intro = folder.file("intro.flac"), outro = folder.file("outro.mp3")
        try MixFixtures.toneBed(intro, frequency: 880, seconds: 1.0)
        try MixFixtures.toneBed(outro, frequency: 660, seconds: 0.5)
        let output = folder.file("mix.wav")
        let result = try PodcastMixer().mix(speech: voice, activity: [1...2.5], intro: intro, outro: outro, output: output)
        #expect(abs(result.speechOffset - 1.0) < 0.001)
        #expect(abs(result.duration - 4.5) < 0.03, "duration \(result.duration)")

        let rate = 48_000
        let samples = try MediaTool.monoSamples(output, rate: rate)
        func rms(_ start: Double, _ end: Double) -> Double {
            let slice = samples[Int(start * 48_000)..<Int(end * 48_000)]
            return 20 * log10(max(1e-9, sqrt(slice.reduce(0.0) { $0 + Double($1 * $1) } / Double(slice.count))))
        }
        #expect(ToneMeter.level(of: samples, rate: rate, frequency: 880, from: 0.1, to: 0.9) > -40)
        #expect(rms(1.1, 1.95) < -60, "silence between the intro and the speech at 2.0 s")
        #expect(rms(2.05, 2.3) > -30, "speech starts at 1.0 s + the 1.0 s intro")
        #expect(ToneMeter.level(of: samples, rate: rate, frequency: 660, from: 4.05, to: 4.45) > -40)
        #expect(ToneMeter.level(of: samples, rate: rate, frequency: 660, from: 2.0, to: 3.5) < -80)
    }
}
