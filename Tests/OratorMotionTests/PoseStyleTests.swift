import OratorCore
import Testing
@testable import OratorMotion

@Suite("Pose styles and accents on stressed syllables")
struct PoseStyleTests {
    /// 120 two-syllable words over about a minute; every third word's second vowel is long (stressed).
    static let speech: SpeechTimeline = {
        var phones: [TimedPhone] = [], words: [TimedWord] = []
        var time = 0.3
        for index in 0..<120 {
            let start = time
            let stressed = index % 3 == 0
            for (phone, length) in [(Phone.b, 0.06), (.ah, 0.08), (.n, 0.06), (.iy, stressed ? 0.2 : 0.09)] {
                phones.append(TimedPhone(phone: phone, start: time, end: time + length))
                time += length
            }
            words.append(TimedWord(text: "word\(index)", start: start, end: time))
            phones.append(TimedPhone(phone: .silence, start: time, end: time + 0.12))
            time += 0.12
        }
        return SpeechTimeline(phones: phones, words: words, duration: time + 0.5)
    }()

    @Test("stressed syllables are the words' long vowels, at the vowel's start")
    func stressed() {
        let syllables = HeadMotion.stressedSyllables(Self.speech)
        let expected = Self.speech.phones.filter { $0.phone == .iy && $0.end - $0.start > 0.15 }.map(\.start)
        #expect(syllables == expected)
        #expect(syllables.count == 40)
    }

    func track(_ style: PoseStyle, seed: UInt64 = 5) -> MotionTrack {
        MotionSynthesizer(configuration: MotionConfiguration(seed: seed, poseStyle: style))
            .track(cues: VisemeTrackBuilder().cues(for: Self.speech), timeline: Self.speech, duration: Self.speech.duration)
    }

    func deviation(_ values: [Float]) -> Double {
        let mean = values.reduce(0, +) / Float(values.count)
        return Double((values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(values.count)).squareRoot())
    }

    @Test("calm sways less than natural, lively more; nodding nods on most stressed syllables")
    func styles() {
        let yaw = PoseStyle.allCases.map { ($0, deviation(track($0).frames.map(\.headYaw))) }
        let by = Dictionary(uniqueKeysWithValues: yaw)
        #expect(by[.calm]! < by[.natural]! * 0.8 && by[.lively]! > by[.natural]! * 1.2, "\(yaw)")
        func nods(_ style: PoseStyle) -> Int {
            var random = SeededRandom(seed: 5)
            return HeadMotion(timeline: Self.speech, style: style, random: &random).accents.filter { $0.nod > 0 }.count
        }
        #expect(nods(.nodding) >= 26 && nods(.calm) <= 14, "nodding \(nods(.nodding)), calm \(nods(.calm)) of 40")
        #expect(nods(.natural) > nods(.calm) && nods(.lively) > nods(.natural))
    }

    @Test("the same seed and style give the same motion")
    func deterministic() {
        #expect(track(.lively, seed: 9) == track(.lively, seed: 9))
        #expect(track(.lively, seed: 9) != track(.nodding, seed: 9))
    }
}
