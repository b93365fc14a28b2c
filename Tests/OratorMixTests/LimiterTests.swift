import Foundation
import OratorAudio
@testable import OratorMix
import OratorTestSupport
import Testing

/// The true-peak limiter and the block-wise ducking gains, checked directly.
@Suite struct LimiterTests {
    @Test func quietAudioPassesThroughUnchangedAndUndelayed() {
        var limiter = TruePeakLimiter(channels: 2, sampleRate: 48_000, ceilingDecibels: -1)
        let input = (0..<30_000).map { Float(sin(Double($0) * 0.05) * 0.3) }
        var output: [Float] = []
        for start in stride(from: 0, to: input.count, by: 2_222) {
            output += limiter.process(Array(input[start..<min(input.count, start + 2_222)]))
        }
        output += limiter.flush()
        #expect(output == input)
        #expect(limiter.maxReduction == 0)
    }

    @Test func interSamplePeaksAreCaught() throws {
        // A 12 kHz sine sampled at 45 degrees: every sample is at 0.707 (-3 dBFS) but the wave
        // peaks at 1.0 (0 dBTP) between samples. A sample-peak limiter at -3 dB would pass it
        // untouched; a true-peak limiter must take about 3 dB off.
        let rate = 48_000
        let input = (0..<rate).map { Float(sin(Double.pi / 2 * Double($0) + Double.pi / 4)) }
        var limiter = TruePeakLimiter(channels: 1, sampleRate: rate, ceilingDecibels: -3)
        let output = limiter.process(input) + limiter.flush()
        #expect(output.count == input.count)
        let folder = try TemporaryFolder()
        func truePeak(_ samples: [Float], _ name: String) throws -> Double {
            let wav = folder.file(name)
            let writer = try WAVFileWriter(url: wav, sampleRate: rate)
            try writer.append(samples)
            try writer.close()
            return try MediaTool.ebur128(wav).truePeak
        }
        // FFmpeg's meter reads this extreme tone about 0.6 dB high, so compare before and after.
        let before = try truePeak(input, "input.wav"), after = try truePeak(output, "limited.wav")
        #expect(before - after >= 2.8, "true peak went from \(before) to \(after) dBTP")
        #expect(before - after <= 3.5, "limited \(before - after) dB: far more than needed")
        #expect(after <= -2.3)
        let samplePeak = 20 * log10(Double(output[1_000..<47_000].map(abs).max() ?? 1))
        #expect(abs(samplePeak - -6.02) < 0.2, "sample peaks at \(samplePeak) dBFS, true peak 3 dB above")
    }

    @Test func blockGainsMatchTheEnvelope() {
        let envelope = DuckingEnvelope(activity: [0.5...0.9, 2...2.4], configuration: DuckingConfiguration())
        var cursor = 0
        var gains: [Float] = []
        for start in stride(from: 0, to: 48_000 * 4, by: 4_800) {
            gains += envelope.gains(firstSample: start, count: 4_800, sampleRate: 48_000, cursor: &cursor)
        }
        let worst = gains.indices.map { abs(Double(gains[$0]) - envelope.gain(at: Double($0) / 48_000)) }.max() ?? 1
        #expect(worst < 1e-6)
    }
}
