import OratorCore

/// One speaker's turn: who spoke (nil when there is only one voice) and the timed words said.
public struct CaptionTurn: Sendable, Codable, Equatable {
    /// The name shown in captions (`Alex`), or nil for no label.
    public var speaker: String?
    /// The words in time order, in seconds of the media the captions go with.
    public var words: [TimedWord]

    /// Makes a turn.
    public init(speaker: String?, words: [TimedWord]) {
        self.speaker = speaker
        self.words = words
    }

    /// The same turn with every word moved by `seconds` (e.g. the intro's length, `MixResult.speechOffset`).
    public func shifted(by seconds: Double) -> CaptionTurn {
        CaptionTurn(speaker: speaker, words: words.map { TimedWord(text: $0.text, start: $0.start + seconds, end: $0.end + seconds) })
    }
}

/// One caption on screen: a time span and up to two lines of text.
public struct Caption: Sendable, Codable, Equatable {
    /// When it appears, in seconds.
    public var start: Double
    /// When it goes, in seconds.
    public var end: Double
    /// Who is speaking (also when the label is not shown).
    public var speaker: String?
    /// Whether the first line starts with the speaker's name (the first caption of a turn).
    public var showsSpeaker: Bool
    /// The lines, without the speaker label.
    public var lines: [String]

    /// Makes a caption.
    public init(start: Double, end: Double, speaker: String?, showsSpeaker: Bool, lines: [String]) {
        self.start = start
        self.end = end
        self.speaker = speaker
        self.showsSpeaker = showsSpeaker
        self.lines = lines
    }

    /// The label that precedes the first line when shown (`Alex: `).
    public var label: String? {
        guard showsSpeaker, let speaker, !speaker.isEmpty else { return nil }
        return "\(speaker): "
    }
}

/// How captions are cut and timed. Defaults follow common subtitling guidance: two lines of
/// at most 42 characters, shown for 1 to 7 seconds, a new caption at each sentence and pause.
public struct CaptionConfiguration: Sendable, Codable, Equatable {
    /// Most characters per line (a single longer word still gets its own line).
    public var maxLineLength: Int
    /// Most lines per caption.
    public var maxLines: Int
    /// Shortest time a caption stays up, in seconds (it lingers into the following silence).
    public var minDuration: Double
    /// Longest time a caption stays up, in seconds.
    public var maxDuration: Double
    /// A silence at least this long (seconds) between words always starts a new caption.
    public var pauseBreak: Double
    /// Which captions carry the speaker's name.
    public var speakerLabels: SpeakerLabels

    /// When the speaker's name is shown.
    public enum SpeakerLabels: String, Sendable, Codable {
        /// On the first caption of each turn.
        case turnStart
        /// On every caption.
        case everyCaption
        /// Never.
        case none
    }

    /// Makes a configuration; every argument has the default above.
    public init(maxLineLength: Int = 42, maxLines: Int = 2, minDuration: Double = 1.0, maxDuration: Double = 7.0,
                pauseBreak: Double = 0.6, speakerLabels: SpeakerLabels = .turnStart) {
        self.maxLineLength = maxLineLength
        self.maxLines = maxLines
        self.minDuration = minDuration
        self.maxDuration = maxDuration
        self.pauseBreak = pauseBreak
        self.speakerLabels = speakerLabels
    }
}
