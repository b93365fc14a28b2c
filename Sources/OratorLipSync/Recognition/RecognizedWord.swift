import Foundation

/// A word heard in a recording without a transcript.
public struct RecognizedWord: Sendable, Codable, Equatable {
    /// The word as the CMU dictionary spells it (lower case).
    public var text: String
    /// Start and end in seconds, as PocketSphinx found them.
    public var start: Double
    public var end: Double
    /// The share of PocketSphinx's lattice paths that have this word at its middle (0...1): near
    /// 1 when no other word competed, low where the recognizer was unsure.
    public var confidence: Double

    public init(text: String, start: Double, end: Double, confidence: Double) {
        self.text = text
        self.start = start
        self.end = end
        self.confidence = confidence
    }
}

extension PocketSphinxDecoder.Segment {
    /// The word this segment recognized, or nil for silence, breath and noise markers
    /// (`<s>`, `</s>`, `<sil>`, `[NOISE]`, `[SPEECH]`, ...).
    var word: RecognizedWord? {
        guard let first = symbol.first, first != "<", first != "[" else { return nil }
        return RecognizedWord(text: PocketSphinxDecoder.baseWord(symbol), start: start, end: end, confidence: confidence ?? 0)
    }
}
