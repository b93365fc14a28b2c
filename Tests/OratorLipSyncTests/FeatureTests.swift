import Foundation
import OratorCore
@testable import OratorLipSync
import Testing

@Suite("Acoustic features")
struct FeatureTests {
    @Test(arguments: [3, 17, 64, 100])
    func powerSpectrumMatchesDirectTransform(_ frequencyBin: Int) {
        let size = 256
        let signal = (0..<size).map { Float(sin(2 * Double.pi * Double(frequencyBin) * Double($0) / Double(size)) + 0.3 * cos(Double($0) * 0.9)) }
        var power = [Float](repeating: 0, count: size / 2 + 1)
        var real = [Float](repeating: 0, count: size), imaginary = [Float](repeating: 0, count: size)
        signal.withUnsafeBufferPointer { FourierTransform(size: size).powerSpectrum(of: $0, into: &power, real: &real, imaginary: &imaginary) }
        for bin in 0...size / 2 {
            var re = 0.0, im = 0.0
            for (n, x) in signal.enumerated() {
                re += Double(x) * cos(2 * Double.pi * Double(bin * n) / Double(size))
                im -= Double(x) * sin(2 * Double.pi * Double(bin * n) / Double(size))
            }
            #expect(abs(Double(power[bin]) - (re * re + im * im)) < 1e-2 * max(1, re * re + im * im))
        }
        #expect(power.indices.max { power[$0] < power[$1] } == frequencyBin)
    }

    @Test func frameBoundariesLieBetweenWindowCentres() {
        // Frame 10's 25 ms window starts at 100 ms (centre 112.5 ms), frame 9's centre is 102.5 ms.
        #expect(abs(AcousticFeatures.boundary(beforeFrame: 10) - 0.1075) < 1e-12)
        #expect(abs(AcousticFeatures.boundary(beforeFrame: 0) - 0.0075) < 1e-12)
    }

    @Test func voiceActivityFindsSpeechBetweenPauses() throws {
        // Pause, then a sentence, then a longer pause, then another: speech where espeak spoke.
        let first = try Fixtures.spoken("Good morning to you.", voice: "en-us", wordsPerMinute: 160)
        let second = try Fixtures.spoken("See you later.", voice: "en-us", wordsPerMinute: 160)
        let rate = first.audio.sampleRate
        var samples = [Float](repeating: 0, count: rate / 2) + first.audio.samples
        samples += Fixtures.noise(seconds: 1, sampleRate: rate, rms: 0.002).samples + second.audio.samples
        var extractor = FeatureExtractor(sampleRate: rate)
        extractor.consume(samples)
        let activity = VoiceActivityDetector().detect(extractor.finish())
        #expect(activity.regions.count == 2)
        #expect(!activity.isSpeech(at: 0.3))
        #expect(activity.isSpeech(at: 0.5 + first.timeline.phones.first { $0.phone.isVowel }!.start + 0.02))
        #expect(!activity.isSpeech(at: 0.5 + first.audio.duration + 0.5))
    }
}
