/// A speech sound in the ARPAbet set used by the CMU dictionary and PocketSphinx,
/// plus `silence`. Every speech engine and recognizer maps its own phone names onto this
/// set so that one mouth-shape table serves them all.
public enum Phone: String, Sendable, Codable, CaseIterable {
    // Vowels
    case aa = "AA", ae = "AE", ah = "AH", ao = "AO", aw = "AW", ay = "AY"
    case eh = "EH", er = "ER", ey = "EY", ih = "IH", iy = "IY"
    case ow = "OW", oy = "OY", uh = "UH", uw = "UW"
    // Consonants
    case b = "B", ch = "CH", d = "D", dh = "DH", f = "F", g = "G", hh = "HH", jh = "JH"
    case k = "K", l = "L", m = "M", n = "N", ng = "NG", p = "P", r = "R", s = "S", sh = "SH"
    case t = "T", th = "TH", v = "V", w = "W", y = "Y", z = "Z", zh = "ZH"
    /// No speech: a pause, breath or the edges of the recording.
    case silence = "SIL"

    /// True for vowels and diphthongs.
    public var isVowel: Bool {
        switch self {
        case .aa, .ae, .ah, .ao, .aw, .ay, .eh, .er, .ey, .ih, .iy, .ow, .oy, .uh, .uw: true
        default: false
        }
    }

    /// Parses an ARPAbet name, ignoring a trailing stress digit ("AH0" -> `.ah`).
    public init?(arpabet name: String) {
        let trimmed = name.uppercased().filter { !$0.isNumber }
        if trimmed == "SIL" || trimmed == "+SPN+" || trimmed == "+NSN+" { self = .silence; return }
        self.init(rawValue: trimmed)
    }
}

/// A phone with its start and end time in seconds from the start of the audio.
public struct TimedPhone: Sendable, Codable, Equatable {
    public var phone: Phone
    public var start: Double
    public var end: Double
    /// The engine's own name for the sound (an espeak-ng mnemonic, a PocketSphinx phone).
    public var symbol: String

    public init(phone: Phone, start: Double, end: Double, symbol: String = "") {
        self.phone = phone
        self.start = start
        self.end = end
        self.symbol = symbol.isEmpty ? phone.rawValue : symbol
    }

    /// Length in seconds.
    public var duration: Double { end - start }
}

/// A word with its start and end time in seconds.
public struct TimedWord: Sendable, Codable, Equatable {
    public var text: String
    public var start: Double
    public var end: Double

    public init(text: String, start: Double, end: Double) {
        self.text = text
        self.start = start
        self.end = end
    }
}

/// What was said and when: the timing of every phone and word of a stretch of audio.
public struct SpeechTimeline: Sendable, Codable, Equatable {
    /// Phones in time order, with silences between phrases.
    public var phones: [TimedPhone]
    /// Words in time order.
    public var words: [TimedWord]
    /// Length of the audio the timeline describes, in seconds.
    public var duration: Double
    /// Expressions the script asks for (`[smile]`), in time order.
    public var expressions: [TimedExpression]

    public init(phones: [TimedPhone] = [], words: [TimedWord] = [], duration: Double = 0, expressions: [TimedExpression] = []) {
        self.phones = phones
        self.words = words
        self.duration = duration
        self.expressions = expressions
    }

    private enum CodingKeys: String, CodingKey { case phones, words, duration, expressions }

    /// Reads a timeline; `expressions` is optional (timelines from before it existed, and from
    /// other tools, have none).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(phones: try c.decode([TimedPhone].self, forKey: .phones), words: try c.decode([TimedWord].self, forKey: .words),
                  duration: try c.decode(Double.self, forKey: .duration),
                  expressions: try c.decodeIfPresent([TimedExpression].self, forKey: .expressions) ?? [])
    }

    /// Writes a timeline, leaving out `expressions` when there are none (the file stays the
    /// same as before for scripts without expression cues).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(phones, forKey: .phones)
        try c.encode(words, forKey: .words)
        try c.encode(duration, forKey: .duration)
        if !expressions.isEmpty { try c.encode(expressions, forKey: .expressions) }
    }

    /// Appends another timeline that starts `offset` seconds into this one.
    public mutating func append(_ other: SpeechTimeline, at offset: Double) {
        phones += other.phones.map {
            TimedPhone(phone: $0.phone, start: $0.start + offset, end: $0.end + offset, symbol: $0.symbol)
        }
        words += other.words.map { TimedWord(text: $0.text, start: $0.start + offset, end: $0.end + offset) }
        expressions += other.expressions.map { $0.shifted(by: offset) }
        duration = max(duration, offset + other.duration)
    }
}
