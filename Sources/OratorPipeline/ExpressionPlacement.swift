import OratorCore
import OratorScript

/// Where a script's expression cues fall in time: at the start of the word they stand before.
///
/// A cue counts the segment's words split at whitespace; the engine's timed words are those
/// words with punctuation trimmed, less any it did not speak (a lone dash). The two lists are
/// matched in order, each text word to the next timed word with the same letters, looking a
/// few words ahead; a cue before a word that was not spoken takes the next spoken word's start.
enum ExpressionPlacement {
    static func place(_ cues: [ScriptExpression], in text: String, timeline: SpeechTimeline) -> [TimedExpression] {
        guard !cues.isEmpty else { return [] }
        let starts = wordStarts(text: text, words: timeline.words, end: timeline.duration)
        return cues.map { cue in
            TimedExpression(start: starts[min(max(0, cue.word), starts.count - 1)], expression: cue.expression, intensity: cue.intensity)
        }
    }

    /// The start of each text word, then the end of the speech (for a cue after the last word).
    static func wordStarts(text: String, words: [TimedWord], end: Double) -> [Double] {
        let tokens = text.split(whereSeparator: \.isWhitespace).map { normalized(String($0)) }
        var matched = [Double?](repeating: nil, count: tokens.count)
        var next = 0
        for (index, token) in tokens.enumerated() where !token.isEmpty {
            guard let found = words[next...].prefix(4).firstIndex(where: { normalized($0.text) == token }) else { continue }
            matched[index] = words[found].start
            next = found + 1
        }
        let speechEnd = words.last?.end ?? end
        var starts = [Double](repeating: speechEnd, count: tokens.count + 1)
        var following = speechEnd
        for index in tokens.indices.reversed() {
            if let time = matched[index] { following = time }
            starts[index] = following
        }
        return starts
    }

    private static func normalized(_ word: String) -> String {
        String(word.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
