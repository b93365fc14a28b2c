import OratorCore

/// One chord as the band plays it: where it sits and how each part voices it.
struct ChordSpan {
    var chord: Chord
    /// First tick.
    var start: Int
    /// Bars it lasts.
    var bars: Int
    /// The pad's notes (voice-led from the chord before).
    var pad: [Int]
    /// The keyboard's notes (voice-led in its own register).
    var keys: [Int]
    /// The bass's root note.
    var bass: Int
    /// The next chord's bass note (approach notes lead to it).
    var nextBass: Int
    /// Tick after the last.
    var end: Int { start + bars * 4 * ScoreBuilder.beat }
}

/// Writes the pitched parts (pad, keys, bass, timpani) of one chord in the mood's rhythms.
struct MelodicParts {
    static let pad = 0, keys = 1, bass = 2, timpani = 3

    let style: MoodStyle
    /// The key the bells draw their scale from.
    let key: MusicKey
    /// Which of the rhythm's variants this bed plays (drawn once, so the body repeats exactly).
    let variant: Int
    /// Draws for the melodic lines (motif, bells).
    var melody: SplitMix64
    private var lastMelodic: Int?

    init(style: MoodStyle, key: MusicKey, random: inout SplitMix64) {
        self.style = style
        self.key = key
        variant = random.below(3)
        melody = random.fork(7)
    }

    /// The pad holds the chord; in a mood with swells its expression rises and falls over it.
    func pad(_ span: ChordSpan, into score: inout ScoreBuilder, velocity: Int = 64) {
        let beats = Double(span.bars * 4)
        for key in span.pad {
            score.note(channel: Self.pad, key: key, velocity: velocity, at: span.start, beats: 0, length: beats, limit: span.end)
        }
        guard style.swells else { return }
        let peak = span.start + (span.end - span.start) * 3 / 5
        score.ramp(channel: Self.pad, controller: 11, from: 70, to: 112, at: span.start, ticks: peak - span.start)
        score.ramp(channel: Self.pad, controller: 11, from: 112, to: 86, at: peak, ticks: span.end - peak)
    }

    /// The keyboard part in the mood's rhythm; `scale` softens it (intro).
    mutating func keys(_ span: ChordSpan, into score: inout ScoreBuilder, scale: Double = 1) {
        let notes = span.keys
        func play(_ key: Int, _ velocity: Int, _ beat: Double, _ length: Double, loose: Int = 6) {
            score.note(channel: Self.keys, key: key, velocity: Int(Double(velocity) * scale), at: span.start, beats: beat,
                       length: length, limit: span.end, looseness: loose)
        }
        for bar in 0..<span.bars {
            let b = Double(bar * 4)
            switch style.keysRhythm {
            case .arpeggio:
                let order = notes.count > 2 ? Array(notes.indices) + notes.indices.dropFirst().dropLast().reversed() : Array(notes.indices)
                for eighth in 0..<8 {
                    let index = order[(bar * 8 + eighth) % order.count]
                    play(notes[index], eighth == 0 ? 60 : eighth % 2 == 0 ? 52 : 46, b + Double(eighth) / 2, 1.5)
                }
            case .stabs:
                let rhythms: [[(Double, Double)]] = [[(0, 0.45), (1.5, 0.45), (3, 0.45)],
                                                     [(0, 0.45), (1, 0.3), (2, 0.45), (2.5, 0.3), (3.5, 0.3)],
                                                     [(0.5, 0.3), (1.5, 0.3), (2.5, 0.3), (3.5, 0.3)]]
                for (beat, length) in rhythms[variant] { for key in notes { play(key, 66, b + beat, length, loose: 3) } }
            case .pulse:
                let figures = [[0, 2, 1, 2], [0, 1, 2, 1], [0, 2, 0, 1]]
                for eighth in 0..<8 {
                    let index = min(notes.count - 1, figures[variant][eighth % 4])
                    play(notes[index], eighth % 4 == 0 ? 66 : 54, b + Double(eighth) / 2, 0.4, loose: 0)
                }
            case .comp:
                let rhythms: [[(Double, Double)]] = [[(0, 1.4), (2.5, 0.9)], [(0, 0.9), (1.5, 0.4), (3, 0.9)], [(0.5, 1.2), (2.5, 1.2)]]
                for (beat, length) in rhythms[variant] {
                    for (order, key) in notes.enumerated() { play(key, 58, b + beat + Double(order) * 0.02, length, loose: 0) }
                }
            case .motif:
                for half in 0..<2 where melody.chance(0.75) {
                    play(melodicNote(from: span.keys.map { $0 + 12 }, range: (style.keysRange.lowerBound + 12)...(style.keysRange.upperBound + 12)),
                         54, b + Double(half * 2), 2.2, loose: 0)
                }
            case .bells:
                let tones = Scale.pentatonic(key)
                for _ in 0..<melody.between(0...2) {
                    let pool = (72...96).filter { tones.contains($0 % 12) }
                    play(melodicNote(from: pool, range: 72...96), 44, b + Double(melody.below(8)) / 2, 3, loose: 0)
                }
            }
        }
    }

    /// A note of `pool` near the last melodic note (a step or two away), so lines move smoothly.
    private mutating func melodicNote(from pool: [Int], range: ClosedRange<Int>) -> Int {
        let candidates = pool.filter { range.contains($0) }.sorted()
        guard !candidates.isEmpty else { return pool.first ?? 72 }
        let previous = lastMelodic ?? candidates[candidates.count / 2]
        let nearest = candidates.enumerated().min { abs($0.element - previous) < abs($1.element - previous) }?.offset ?? 0
        let index = max(0, min(candidates.count - 1, nearest + melody.between(-2...2)))
        lastMelodic = candidates[index]
        return candidates[index]
    }

    /// The bass line in the mood's rhythm.
    func bass(_ span: ChordSpan, into score: inout ScoreBuilder, looseness: Int = 4) {
        let root = span.bass
        let fifth = root + 7 <= style.bassRange.upperBound ? root + 7 : root - 5
        func play(_ key: Int, _ velocity: Int, _ beat: Double, _ length: Double) {
            score.note(channel: Self.bass, key: key, velocity: velocity, at: span.start, beats: beat, length: length, limit: span.end,
                       looseness: looseness)
        }
        for bar in 0..<span.bars {
            let b = Double(bar * 4), last = bar == span.bars - 1
            switch style.bassRhythm {
            case .halves:
                play(root, 74, b, 1.9)
                play(variant == 1 ? fifth : root, 66, b + 2, 1.9)
            case .eighths:
                for eighth in 0..<8 {
                    let key = eighth == 6 && variant != 0 ? (variant == 1 ? root + 12 : fifth) : root
                    play(key, eighth == 0 ? 90 : eighth % 2 == 0 ? 80 : 70, b + Double(eighth) / 2, 0.45)
                }
            case .pulse:
                for eighth in 0..<8 { play(root, eighth % 4 == 0 ? 86 : 72, b + Double(eighth) / 2, 0.4) }
            case .walking:
                play(root, 82, b, 1.3)
                play(variant == 2 ? root + 12 : fifth, 70, b + 2.5, 0.6)
                let approach = span.nextBass + (span.nextBass > root ? -1 : 1)
                play(last ? approach : fifth, 64, b + 3.5, 0.4)
            case .long:
                if bar == 0 { play(root, 70, 0, Double(span.bars * 4) - 0.1) }
            }
        }
    }

    /// A timpani stroke on the chord's root at its start (cinematic).
    func timpani(_ span: ChordSpan, into score: inout ScoreBuilder, velocity: Int = 72) {
        guard style.timpani else { return }
        let key = Register.nearest(span.bass % 12, to: 45, in: 40...55)
        score.note(channel: Self.timpani, key: key, velocity: velocity, at: span.start, beats: 0, length: 2, limit: span.end)
    }
}
