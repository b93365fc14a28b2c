import OratorCore
import Testing
@testable import OratorMotion

@Suite("Pose styles and accents on stressed syllables")
struct PoseStyleTests {
    /// 120 two-syllable words over about a minute; every third word's second vowel is long (stressed).
    static let speech = speech(words: 120, from: 0.3)

    /// `count` two-syllable words from `start`, 0.29 s each (0.40 s for the stressed ones, every
    /// third from the first) with 0.12 s of silence after each.
    static func speech(words count: Int, from start: Double) -> SpeechTimeline {
        var phones: [TimedPhone] = [], words: [TimedWord] = []
        var time = start
        for index in 0..<count {
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
    }

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

    @Test("short clips at the default seed nod and raise the brows on different syllables")
    func shortClips() {
        // 40 clips of 9 words (3 stressed), each starting a little later than the one before.
        let accents = (0..<40).map { clip in
            var random = SeededRandom(seed: 0)
            return HeadMotion(timeline: Self.speech(words: 9, from: 0.3 + 0.037 * Double(clip)), random: &random).accents
        }
        // About 1 - 0.78^3 = 53% of them raise the brows at least once (22% of stressed syllables).
        let raising = accents.filter { $0.contains { $0.brow > 0 } }.count
        #expect(raising >= 10 && raising <= 32, "\(raising) of 40 clips raise the brows")
        let patterns = Set(accents.map { $0.map { "\($0.nod > 0)\($0.brow > 0)" }.joined(separator: ",") })
        #expect(patterns.count >= 6, "\(patterns.count) different accent patterns in 40 clips")
    }

    @Test("a stressed syllable's accent does not depend on the speech before it")
    func accentsKeyedByTime() {
        var random = SeededRandom(seed: 3)
        let whole = HeadMotion(timeline: Self.speech, random: &random).accents
        // The same speech without its first 30 words: the later words keep their times.
        var later = Self.speech
        let cut = later.words[30].start
        later.words.removeFirst(30)
        later.phones.removeAll { $0.start < cut }
        random = SeededRandom(seed: 3)
        let tail = HeadMotion(timeline: later, random: &random).accents
        let expected = whole.filter { $0.time >= cut }
        #expect(tail.count == expected.count && !tail.isEmpty)
        for (a, b) in zip(tail, expected) {
            #expect(a.time == b.time && a.nod == b.nod && a.brow == b.brow)
        }
    }

    @Test("the same seed and style give the same motion")
    func deterministic() {
        #expect(track(.lively, seed: 9) == track(.lively, seed: 9))
        #expect(track(.lively, seed: 9) != track(.nodding, seed: 9))
    }
}
