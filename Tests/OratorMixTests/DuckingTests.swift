import Foundation
import OratorCore
import OratorMix
import OratorTestSupport
import Testing

/// The bed drops under speech, measured in the finished mix: a 440 Hz tone bed under a synthetic
/// voice whose harmonics (multiples of 125 Hz) stay clear of 440 Hz, so the tone's level can be
/// read by a narrow filter both during speech and in the gaps.
@Suite struct DuckingTests {
    static let speech: [ClosedRange<Double>] = [1...3, 3.5...5, 7...9]

    @Test func bedIsDuckedUnderSpeechAndRecoversInGaps() throws {
        let folder = try TemporaryFolder()
        let voice = folder.file("voice.wav")
        try MixFixtures.syntheticVoice(voice, intervals: Self.speech, seconds: 10.5)
        let bed = folder.file("tone.ogg")
        try MixFixtures.toneBed(bed, frequency: 440, seconds: 2.3)
        let output = folder.file("mix.wav")
        let configuration = PodcastMixConfiguration(bedFadeIn: 0.1, bedFadeOut: 0.1)
        let result = try PodcastMixer(configuration: configuration)
            .mix(speech: voice, activity: Self.speech, beds: [MusicBed(file: bed)], output: output)
        #expect(result.limiterReduction < 0.5, "the limiter would confound the measurement")

        let rate = 48_000
        let samples = try MediaTool.monoSamples(output, rate: rate)
        func bedLevel(_ start: Double, _ end: Double) -> Double {
            ToneMeter.level(of: samples, rate: rate, frequency: 440, from: start, to: end)
        }
        let gaps = [bedLevel(0.3, 0.8), bedLevel(5.6, 6.8)]
        let underSpeech = [bedLevel(1.5, 2.5), bedLevel(4.0, 4.9), bedLevel(7.5, 8.5)]
        let heldPause = bedLevel(3.1, 3.4)
        let gapLevel = gaps.reduce(0, +) / Double(gaps.count)
        #expect(abs(gaps[0] - gaps[1]) < 0.5, "the bed comes back to the same level: \(gaps)")
        for level in underSpeech + [heldPause] {
            let depth = gapLevel - level
            #expect(depth >= 10, "bed only \(depth) dB down under speech")
            #expect(depth <= 14, "bed \(depth) dB down; ducking should be about 12 dB")
        }
        // The drop starts before speech and the recovery takes a while after it.
        let lead = gapLevel - bedLevel(0.88, 0.98)
        #expect(lead > 2 && lead < 11, "bed \(lead) dB down in the 120 ms before speech")
        let release = gapLevel - bedLevel(5.05, 5.15)
        #expect(release > 5, "bed only \(release) dB down 100 ms after speech")
    }

    @Test func envelopeIsSmoothAndBlocksMatchPointEvaluation() {
        let envelope = DuckingEnvelope(activity: Self.speech, configuration: DuckingConfiguration())
        #expect(envelope.regions == [1...5, 7...9], "the 0.5 s pause is bridged, the 2 s gap is not")
        let rate = 48_000
        var previous = envelope.gain(at: 0)
        var largestStep = 0.0
        for index in 1..<(10 * rate) {
            let gain = envelope.gain(at: Double(index) / Double(rate))
            largestStep = max(largestStep, abs(20 * log10(gain / previous)))
            previous = gain
        }
        #expect(largestStep < 0.01, "gain jumps \(largestStep) dB between samples")
        #expect(abs(20 * log10(envelope.gain(at: 2)) + 12) < 1e-9)
        #expect(envelope.gain(at: 0.84) == 1 && envelope.gain(at: 5.51) == 1)
        #expect(envelope.gain(at: 0.92) < 1 && envelope.gain(at: 5.4) < 1)
    }

    @Test func musicCuesBecomeCrossFadingBeds() {
        let a = URL(fileURLWithPath: "/music/a.mp3"), b = URL(fileURLWithPath: "/music/b.ogg")
        let beds = MusicBed.beds(fromCues: [(0, a), (30, b), (60, nil), (90, a)], fadeOut: 3)
        #expect(beds == [MusicBed(file: a, start: 0, end: 33), MusicBed(file: b, start: 30, end: 63), MusicBed(file: a, start: 90, end: nil)])
    }
}
