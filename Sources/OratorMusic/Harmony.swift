import OratorCore

/// A chord relative to the key: its root in semitones above the tonic and the intervals above
/// the root. Written as Roman numerals (`I`, `vi`, `bVII`, `ii7`, `IVmaj7`, `Isus2`, `Vadd9`).
struct Chord: Sendable, Equatable, CustomStringConvertible {
    /// Semitones from the tonic to the root, 0-11.
    var root: Int
    /// Semitones above the root, the root (0) first.
    var intervals: [Int]
    /// The numeral it was written as.
    var numeral: String

    /// Parses a Roman numeral: an optional `b` or `#`, I-VII (capitals major, small letters minor),
    /// then any of `dim`, `sus2`, `sus4`, `7`, `maj7`, `add9`, `9`.
    init(_ numeral: String) {
        self.numeral = numeral
        var text = Substring(numeral)
        var shift = 0
        if text.first == "b" { shift = -1; text = text.dropFirst() } else if text.first == "#" { shift = 1; text = text.dropFirst() }
        let numerals = [("VII", 11), ("III", 4), ("VI", 9), ("IV", 5), ("II", 2), ("V", 7), ("I", 0)]  // longest first
        var degree = 0
        var minor = false
        for (name, semitones) in numerals where text.uppercased().hasPrefix(name) {
            degree = semitones
            minor = text.first?.isLowercase == true
            text = text.dropFirst(name.count)
            break
        }
        root = ((degree + shift) % 12 + 12) % 12
        var third = minor ? 3 : 4
        var fifth = 7
        var extra: [Int] = []
        let suffix = String(text)
        if suffix.contains("dim") { third = 3; fifth = 6 }
        if suffix.contains("sus2") { third = 2 }
        if suffix.contains("sus4") { third = 5 }
        if suffix.contains("maj7") { extra.append(11) } else if suffix.contains("7") { extra.append(suffix.contains("dim") ? 9 : 10) }
        if suffix.contains("9") { extra.append(14) }
        intervals = [0, third, fifth] + extra
    }

    /// The chord's pitch classes in `key`, root first.
    func pitchClasses(in key: MusicKey) -> [Int] {
        intervals.map { (key.tonic + root + $0) % 12 }
    }

    /// The root's pitch class in `key`.
    func rootPitchClass(in key: MusicKey) -> Int { (key.tonic + root) % 12 }

    var description: String { numeral }
}

/// Scales the sparse melodic parts (bells, piano motifs) choose notes from.
enum Scale {
    /// The major or natural-minor pentatonic of `key`: five pitch classes that sound over any
    /// diatonic chord of it.
    static func pentatonic(_ key: MusicKey) -> [Int] {
        (key.isMinor ? [0, 3, 5, 7, 10] : [0, 2, 4, 7, 9]).map { (key.tonic + $0) % 12 }
    }
}

/// MIDI note numbers for pitch classes in a register.
enum Register {
    /// Every note of pitch class `pitchClass` in `range`.
    static func notes(of pitchClass: Int, in range: ClosedRange<Int>) -> [Int] {
        stride(from: range.lowerBound, through: range.upperBound, by: 1).filter { $0 % 12 == pitchClass }
    }

    /// The note of `pitchClass` in `range` nearest to `target`.
    static func nearest(_ pitchClass: Int, to target: Int, in range: ClosedRange<Int>) -> Int {
        notes(of: pitchClass, in: range).min { (abs($0 - target), $0) < (abs($1 - target), $1) } ?? range.lowerBound
    }
}
