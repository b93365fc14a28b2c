/// Chooses how to spread each chord over a part's voices so that, from one chord to the next,
/// the voices move as little as possible (common tones held, the rest stepping to the nearest
/// chord tone), as an arranger writes pad and keyboard parts.
struct VoiceLeading: Sendable {
    /// The part's register (MIDI notes).
    var range: ClosedRange<Int>
    /// Notes per chord.
    var voices: Int
    /// The widest span a voicing may have, in semitones.
    var maximumSpread = 19
    /// Where the voicing's middle should stay, so it does not drift out of the register.
    var centre: Int { (range.lowerBound + range.upperBound) / 2 }

    /// The voicing of `chord` (pitch classes, root first) nearest to `previous` (nil: the first
    /// chord, placed in close position around the register's centre). Sorted low to high.
    func voice(_ pitchClasses: [Int], after previous: [Int]?) -> [Int] {
        let candidates = Self.voicings(of: pitchClasses, voices: voices, range: range, maximumSpread: maximumSpread)
        guard !candidates.isEmpty else { return [Register.nearest(pitchClasses[0], to: centre, in: range)] }
        return candidates.min { cost($0, previous) < cost($1, previous) } ?? candidates[0]
    }

    /// Movement from `previous` (summed over voices matched low to high), plus the distance of
    /// the voicing's middle from the register's centre, plus a penalty for crowded low notes.
    private func cost(_ voicing: [Int], _ previous: [Int]?) -> Double {
        let middle = Double(voicing.reduce(0, +)) / Double(voicing.count)
        var total = abs(middle - Double(centre)) * (previous == nil ? 4 : 0.35)
        if let previous, previous.count == voicing.count {
            total += zip(voicing, previous).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) }
        } else if let previous {
            total += voicing.reduce(0.0) { sum, note in sum + Double(previous.map { abs($0 - note) }.min() ?? 0) }
        }
        for (low, high) in zip(voicing, voicing.dropFirst()) where low < 55 && high - low < 3 { total += 6 }
        return total
    }

    /// Every sorted set of `voices` distinct notes in `range` that uses each pitch class at least
    /// once (root, third and colour tones first, as far as the voices allow) and spans at most `maximumSpread`.
    static func voicings(of pitchClasses: [Int], voices: Int, range: ClosedRange<Int>, maximumSpread: Int) -> [[Int]] {
        // With fewer voices than notes, the fifth is the one left out (root, third, then colour tones).
        let priority = pitchClasses.count > 3 ? [pitchClasses[0], pitchClasses[1]] + pitchClasses[3...] + [pitchClasses[2]] : pitchClasses
        let required = Set(priority.prefix(voices))
        let allowed = Set(pitchClasses)
        let notes = range.filter { allowed.contains($0 % 12) }
        var result: [[Int]] = []
        var current: [Int] = []
        func extend(from index: Int) {
            if current.count == voices {
                if Set(current.map { $0 % 12 }).isSuperset(of: required) { result.append(current) }
                return
            }
            guard index < notes.count else { return }
            for next in index..<notes.count {
                if let first = current.first, notes[next] - first > maximumSpread { break }
                current.append(notes[next])
                extend(from: next + 1)
                current.removeLast()
            }
        }
        extend(from: 0)
        return result
    }
}
