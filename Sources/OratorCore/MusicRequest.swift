import Foundation

/// What a composed music bed should be: a mood, and optionally a tempo, a key and a seed. Scripts
/// (`music: generate calm`), `orator music` and `orator create --music generate:calm` all make one;
/// OratorMusic composes from it.
public struct MusicRequest: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The character of the bed; it chooses tempo range, harmony, instruments and drums.
    public var mood: MusicMood
    /// Beats per minute; nil lets the composer pick one in the mood's range.
    public var tempo: Double?
    /// The key; nil lets the composer pick one the mood suits.
    public var key: MusicKey?
    /// Seeds every choice the composer makes: the same request gives the same bed.
    public var seed: UInt64

    /// Tempi the composer accepts, in beats per minute.
    public static let tempoRange: ClosedRange<Double> = 40...200

    /// Makes a request; every argument has a default (a calm bed, seed 1).
    public init(mood: MusicMood = .calm, tempo: Double? = nil, key: MusicKey? = nil, seed: UInt64 = 1) {
        self.mood = mood
        self.tempo = tempo
        self.key = key
        self.seed = seed
    }

    /// Parses the words after `generate`: a mood, then any of `tempo=BPM` (or `90bpm`), `key=Am`,
    /// `seed=N`, separated by spaces or commas (`upbeat tempo=110 key=G seed=3`). Empty: a calm bed.
    public init(words: String) throws(OratorError) {
        self.init()
        let tokens = words.split { $0 == " " || $0 == "," || $0 == "\t" }.map(String.init)
        for (index, token) in tokens.enumerated() {
            let lowered = token.lowercased()
            if lowered.hasSuffix("bpm") {
                tempo = try Self.tempo(String(token.dropLast(3)))
            } else if lowered.hasPrefix("tempo=") {
                tempo = try Self.tempo(String(token.dropFirst(6)))
            } else if lowered.hasPrefix("key=") {
                key = try MusicKey(name: String(token.dropFirst(4)))
            } else if lowered.hasPrefix("seed=") {
                seed = try Self.seed(String(token.dropFirst(5)))
            } else if index == 0, !token.contains("=") {
                mood = try MusicMood(name: token)
            } else {
                throw OratorError(.invalidInput, "unknown music setting '\(token)' (use a mood, then tempo=BPM, key=KEY, seed=N, e.g. 'upbeat tempo=110 key=G seed=3')")
            }
        }
    }

    /// The request in `text` if it asks for a composed bed (`generate`, `generate calm`,
    /// `generate:lofi,seed=3`, any case); nil if it names something else (a file).
    public static func generating(_ text: String) throws(OratorError) -> MusicRequest? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let prefix = trimmed.prefix("generate".count + 1).lowercased()
        guard prefix == "generate" || prefix == "generate " || prefix == "generate:" else { return nil }
        return try MusicRequest(words: String(trimmed.dropFirst(prefix.count)))
    }

    /// A tempo in BPM from text, checked against `tempoRange`.
    public static func tempo(_ text: String) throws(OratorError) -> Double {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, tempoRange.contains(value) else {
            throw OratorError(.invalidInput, "invalid tempo '\(text)': use \(Int(tempoRange.lowerBound)) to \(Int(tempoRange.upperBound)) beats per minute, e.g. 90")
        }
        return value
    }

    /// A seed from text: a whole number from 0 to 2^64 - 1.
    public static func seed(_ text: String) throws(OratorError) -> UInt64 {
        guard let value = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
            throw OratorError(.invalidInput, "invalid seed '\(text)': use a whole number from 0, e.g. 7")
        }
        return value
    }

    /// The request in the words `init(words:)` reads.
    public var description: String {
        var words = [mood.rawValue]
        if let tempo { words.append("tempo=\(tempo.rounded() == tempo ? String(Int(tempo)) : String(tempo))") }
        if let key { words.append("key=\(key)") }
        words.append("seed=\(seed)")
        return words.joined(separator: " ")
    }
}

/// The moods Orator composes in.
public enum MusicMood: String, Sendable, Codable, CaseIterable, Hashable {
    /// Slow, warm pads and a soft electric piano; no drums.
    case calm
    /// Bright pop: piano stabs, eighth-note bass, a light kit.
    case upbeat
    /// A driving minor-key pulse for news and explainers, with four-on-the-floor drums.
    case news
    /// Jazz-tinged seventh chords, swung drums, a mellow electric piano.
    case lofi
    /// Strings with swells, low brass and timpani; no kit.
    case cinematic
    /// Long pad chords and sparse bells; no drums.
    case ambient

    /// The mood named `name` (any case); other names are an error listing the moods.
    public init(name: String) throws(OratorError) {
        guard let mood = MusicMood(rawValue: name.lowercased()) else {
            let known = MusicMood.allCases.map(\.rawValue).joined(separator: ", ")
            throw OratorError(.invalidInput, "unknown music mood '\(name)' (use one of \(known))")
        }
        self = mood
    }
}

/// A key: a tonic pitch class and major or minor, named as musicians write it (`C`, `Am`, `F#m`, `Bb`).
public struct MusicKey: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The tonic's pitch class, 0 (C) to 11 (B).
    public var tonic: Int
    /// True for a minor key.
    public var isMinor: Bool

    /// Makes a key from a pitch class (taken modulo 12) and a mode.
    public init(tonic: Int, isMinor: Bool) {
        self.tonic = ((tonic % 12) + 12) % 12
        self.isMinor = isMinor
    }

    /// Reads a key name: a letter A-G, an optional `#` or `b`, and `m` (or `min`, `minor`) for minor.
    public init(name: String) throws(OratorError) {
        let text = name.trimmingCharacters(in: .whitespaces)
        let letters: [Character: Int] = ["C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11]
        guard let first = text.first, let base = letters[Character(first.uppercased())] else {
            throw Self.invalid(name)
        }
        var rest = text.dropFirst()
        var pitch = base
        if rest.first == "#" || rest.first == "♯" { pitch += 1; rest = rest.dropFirst() }
        else if rest.first == "b" || rest.first == "♭" { pitch -= 1; rest = rest.dropFirst() }
        let mode = rest.trimmingCharacters(in: .whitespaces).lowercased()
        guard ["", "m", "min", "minor", "maj", "major"].contains(mode) else { throw Self.invalid(name) }
        self.init(tonic: pitch, isMinor: mode.hasPrefix("m") && !mode.hasPrefix("maj"))
    }

    private static func invalid(_ name: String) -> OratorError {
        OratorError(.invalidInput, "invalid key '\(name)': use a note A-G with an optional # or b, and m for minor, e.g. C, Am, F#m, Bb")
    }

    /// The conventional name: sharps for the sharp keys, flats for the flat ones (`F#m`, `Bb`).
    public var description: String {
        let sharps = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
        let flats = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"]
        let usesFlats: Set<Int> = isMinor ? [0, 2, 3, 5, 7, 10] : [1, 3, 5, 8, 10]
        return (usesFlats.contains(tonic) ? flats : sharps)[tonic] + (isMinor ? "m" : "")
    }
}
