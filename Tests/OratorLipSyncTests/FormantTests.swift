import Foundation
import OratorCore
@testable import OratorLipSync
import Testing

@Suite("Formants")
struct FormantTests {
    /// A vowel made the textbook way: a glottal pulse train through a cascade of resonators.
    static func vowel(formants: [(frequency: Double, bandwidth: Double)], pitch: Double, sampleRate: Int, seconds: Double = 0.5) -> [Float] {
        let count = Int(seconds * Double(sampleRate))
        let period = Double(sampleRate) / pitch
        var signal = (0..<count).map { index -> Double in
            let phase = Double(index).truncatingRemainder(dividingBy: period)
            return phase < 1 ? 1 : 0
        }
        for (frequency, bandwidth) in formants {
            let radius = exp(-Double.pi * bandwidth / Double(sampleRate))
            let angle = 2 * Double.pi * frequency / Double(sampleRate)
            let a1 = 2 * radius * cos(angle), a2 = -radius * radius, gain = 1 - a1 - a2
            var y1 = 0.0, y2 = 0.0
            for index in signal.indices {
                let y = gain * signal[index] + a1 * y1 + a2 * y2
                y2 = y1; y1 = y
                signal[index] = y
            }
        }
        let peak = signal.map(abs).max() ?? 1
        return signal.map { Float(0.5 * $0 / peak) }
    }

    static func medianFormants(_ samples: [Float], sampleRate: Int) -> (first: Float, second: Float) {
        var extractor = FeatureExtractor(sampleRate: sampleRate, formants: true)
        extractor.consume(samples)
        let features = extractor.finish()
        let frames = (5..<features.frameCount - 5).filter { features.firstFormant[$0] > 0 }
        let first = frames.map { features.firstFormant[$0] }.sorted(), second = frames.map { features.secondFormant[$0] }.sorted()
        return (first[first.count / 2], second[second.count / 2])
    }

    /// F1, F2, pitch (Hz) and sample rate: "ah" (open), "ee" (close front), "oo" (close back,
    /// rounded), "eh", a woman's "ah" and "ee", at the rates recordings and espeak-ng use.
    @Test(arguments: [
        [730.0, 1090, 120, 16_000], [270, 2290, 120, 16_000], [300, 870, 120, 22_050],
        [530, 1840, 210, 22_050], [850, 1220, 220, 44_100], [310, 2790, 230, 16_000],
    ])
    func findsTheFirstTwoFormantsOfSynthesizedVowels(_ values: [Double]) {
        let (f1, f2, pitch, sampleRate) = (values[0], values[1], values[2], Int(values[3]))
        let samples = Self.vowel(formants: [(f1, 70), (f2, 90), (2600 + f2 / 4, 120), (3500, 150)], pitch: pitch, sampleRate: sampleRate)
        let found = Self.medianFormants(samples, sampleRate: sampleRate)
        // Linear prediction is pulled toward the nearest harmonic, more so for high voices.
        #expect(abs(Double(found.first) - f1) < 0.12 * f1 + max(30, pitch / 3), "F1 \(found.first) for \(f1)")
        #expect(abs(Double(found.second) - f2) < 0.1 * f2, "F2 \(found.second) for \(f2)")
    }

    @Test func openVowelsHaveAHigherFirstFormant() {
        let open = Self.medianFormants(Self.vowel(formants: [(750, 80), (1200, 90), (2500, 120)], pitch: 110, sampleRate: 16_000), sampleRate: 16_000)
        let close = Self.medianFormants(Self.vowel(formants: [(300, 60), (2200, 90), (2900, 120)], pitch: 110, sampleRate: 16_000), sampleRate: 16_000)
        #expect(open.first > close.first * 1.8)
        #expect(close.second > open.second * 1.5)
    }

    @Test func noFormantsInSilenceOrUnlessAsked() {
        var extractor = FeatureExtractor(sampleRate: 16_000, formants: true)
        extractor.consume([Float](repeating: 0, count: 8000))
        let silent = extractor.finish()
        #expect(silent.firstFormant.count == silent.frameCount && silent.firstFormant.allSatisfy { $0 == 0 })
        var plain = FeatureExtractor(sampleRate: 16_000)
        plain.consume(Self.vowel(formants: [(700, 80), (1200, 90)], pitch: 120, sampleRate: 16_000))
        #expect(plain.finish().firstFormant.isEmpty)
    }

    @Test func polynomialRootsAreFound() {
        // (z - 0.5)(z + 0.25)(z^2 - 2 * 0.9 cos(0.6) z + 0.81): roots 0.5, -0.25, 0.9 e^(+-0.6i).
        let c = 2 * 0.9 * cos(0.6)
        let coefficients = [-c - 0.25, 0.81 - 0.125 + 0.25 * c, 0.125 * c - 0.25 * 0.81, -0.125 * 0.81]
        let roots = PolynomialRoots.roots(ofMonic: coefficients)
        func has(_ real: Double, _ imaginary: Double) -> Bool {
            roots.contains { abs($0.real - real) < 1e-6 && abs($0.imaginary - imaginary) < 1e-6 }
        }
        #expect(has(0.5, 0) && has(-0.25, 0) && has(0.9 * cos(0.6), 0.9 * sin(0.6)) && has(0.9 * cos(0.6), -0.9 * sin(0.6)))
    }
}
