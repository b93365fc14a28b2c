import Foundation
import OratorCore

/// Head and brow motion: slow idle sway on every axis (sums of incommensurate sinusoids with
/// seeded frequencies and phases), livelier while speaking, small nods and brow raises on
/// stressed syllables, and breathing; `PoseStyle` sets the amounts.
///
/// A word's stressed syllable is its longest vowel, and the word counts as stressed when that
/// vowel is longer than the typical one around it: espeak-ng and neural voices lengthen stressed
/// vowels, and in a recording the aligned or recognized vowels carry the speaker's own timing.
struct HeadMotion {
    /// Sideways head shift (fraction of the frame height) per degree of yaw: the head sways a
    /// little with its turns.
    static let shiftPerDegree = 0.0009

    struct Sample { var yaw: Float; var pitch: Float; var roll: Float; var shiftX: Float; var shiftY: Float; var brow: Float }

    private struct Wave { var amplitude: Double; var frequency: Double; var phase: Double }
    struct Accent { var time: Double; var nod: Double; var brow: Double }

    private var yawWaves: [Wave] = [], pitchWaves: [Wave] = [], rollWaves: [Wave] = []
    private(set) var accents: [Accent] = []
    private let speech: [(start: Double, end: Double)]
    private let breathPhase: Double

    init(timeline: SpeechTimeline, style: PoseStyle = .natural, random: inout SeededRandom) {
        let parameters = style.parameters
        func waves(_ amplitude: Double, _ random: inout SeededRandom) -> [Wave] {
            (0..<3).map { index in
                Wave(amplitude: amplitude / Double(index + 1), frequency: random.uniform(0.06...0.35) * Double(index + 1),
                     phase: random.uniform(0...(2 * .pi)))
            }
        }
        yawWaves = waves(2.2 * parameters.sway, &random)
        pitchWaves = waves(1.3 * parameters.sway, &random)
        rollWaves = waves(1.0 * parameters.sway, &random)
        breathPhase = random.uniform(0...(2 * .pi))
        let accentDraws = SeededRandom(seed: random.next())
        for syllable in Self.stressedSyllables(timeline) {
            var draw = accentDraws.fork(Self.milliseconds(syllable))
            let nod = draw.uniform(0...1) < parameters.nodChance ? draw.uniform(parameters.nodDegrees) : 0
            let brow = draw.uniform(0...1) < parameters.browChance ? draw.uniform(parameters.browRaise) : 0
            if nod > 0 || brow > 0 { accents.append(Accent(time: syllable, nod: nod, brow: brow)) }
        }
        speech = timeline.words.map { ($0.start, $0.end) }
    }

    func sample(at time: Double) -> Sample {
        let talking = speakingWeight(at: time)
        let liveliness = 0.7 + 0.6 * talking
        func sum(_ waves: [Wave]) -> Double {
            waves.reduce(0) { $0 + $1.amplitude * sin(2 * .pi * $1.frequency * time + $1.phase) }
        }
        var nod = 0.0, brow = 0.0
        for accent in accents where abs(time - accent.time) < 0.5 {
            let phase = (time - accent.time + 0.1) / 0.5
            guard phase >= 0, phase <= 1 else { continue }
            let bump = sin(.pi * phase) * sin(.pi * phase)
            nod += accent.nod * bump
            brow += accent.brow * bump
        }
        let yaw = sum(yawWaves) * liveliness
        let breath = sin(2 * .pi * 0.23 * time + breathPhase)
        return Sample(yaw: Float(yaw), pitch: Float(sum(pitchWaves) * liveliness + nod),
                      roll: Float(sum(rollWaves) * liveliness), shiftX: Float(yaw * Self.shiftPerDegree),
                      shiftY: Float(0.004 * breath + nod * 0.0015), brow: Float(brow + 0.1 * talking))
    }

    /// The stream of the accent on the stressed syllable at `time`: that time to the millisecond.
    /// So whether a syllable nods or raises the brows depends neither on its place in the clip
    /// nor on the syllables before it. (Drawn in turn from one stream, every clip with the same
    /// seed had the same accents by syllable number: at seed 0 the first 12 stressed syllables
    /// of any clip never raised the brows, so no short clip did.)
    private static func milliseconds(_ time: Double) -> UInt64 {
        time.isFinite ? UInt64(min(max(0, (time * 1000).rounded()), 1e15)) : 0
    }

    /// The start of each stressed word's longest vowel (see the type's description), in order.
    static func stressedSyllables(_ timeline: SpeechTimeline) -> [Double] {
        var phoneIndex = 0
        var longest: [TimedPhone] = []
        for word in timeline.words {
            while phoneIndex < timeline.phones.count, timeline.phones[phoneIndex].end <= word.start + 1e-6 { phoneIndex += 1 }
            var best: TimedPhone?
            var index = phoneIndex
            while index < timeline.phones.count, timeline.phones[index].start < word.end - 1e-6 {
                let phone = timeline.phones[index]
                if phone.phone.isVowel, phone.end - phone.start > (best.map { $0.end - $0.start } ?? 0) { best = phone }
                index += 1
            }
            if let best { longest.append(best) }
        }
        guard !longest.isEmpty else { return [] }
        longest.sort { $0.start < $1.start }
        // Typical: the median of the longest vowels that start from `typicalBefore` before this
        // one to `typicalAfter` after it, so a word is judged by the speech around it (and a
        // timeline spoken so far gives its words the same stress as the whole one will).
        var stressed: [Double] = []
        var lower = 0, upper = 0
        for vowel in longest {
            while lower < longest.count, longest[lower].start < vowel.start - typicalBefore { lower += 1 }
            while upper < longest.count, longest[upper].start <= vowel.start + typicalAfter { upper += 1 }
            let lengths = longest[lower..<upper].map { $0.end - $0.start }.sorted()
            if vowel.end - vowel.start > lengths[lengths.count / 2] * 1.1 { stressed.append(vowel.start) }
        }
        return stressed
    }

    /// The stretch of speech a word's stress is judged against (see `stressedSyllables`), seconds.
    static let typicalBefore = 30.0, typicalAfter = 1.0

    /// 1 inside a word, easing to 0 over 0.3 s outside.
    private func speakingWeight(at time: Double) -> Double {
        var best = 0.0
        for span in speech where time > span.start - 0.3 && time < span.end + 0.3 {
            let distance = time < span.start ? span.start - time : (time > span.end ? time - span.end : 0)
            best = max(best, 1 - distance / 0.3)
            if best >= 1 { break }
        }
        return best
    }
}
