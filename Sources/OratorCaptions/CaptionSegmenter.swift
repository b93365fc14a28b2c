import Foundation
import OratorCore

/// Cuts timed words into readable captions: a new caption at each sentence end, each pause of
/// `pauseBreak` or more, and whenever the text would no longer fit in the lines; long captions
/// break at a phrase boundary (comma, colon) when there is one in their second half. Captions
/// never overlap, start when their first word starts and stay at least `minDuration` where the
/// next caption leaves room.
public struct CaptionSegmenter: Sendable {
    /// Line length, line count and timing rules.
    public var configuration: CaptionConfiguration

    /// Makes a segmenter.
    public init(configuration: CaptionConfiguration = CaptionConfiguration()) {
        self.configuration = configuration
    }

    /// Captions for `turns`, in time order. `mediaDuration`, when given, caps the last caption.
    /// Words with bad times or turns whose words overlap another turn are an `invalidInput` error.
    public func captions(for turns: [CaptionTurn], mediaDuration: Double? = nil) throws(OratorError) -> [Caption] {
        try validate(turns)
        let ordered = turns.filter { !$0.words.isEmpty }.sorted { $0.words[0].start < $1.words[0].start }
        var groups: [(speaker: String?, showsSpeaker: Bool, words: [TimedWord])] = []
        for turn in ordered {
            let words = turn.words.compactMap { word -> TimedWord? in
                let text = word.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                return text.isEmpty ? nil : TimedWord(text: text, start: word.start, end: word.end)
            }
            for (index, group) in split(words, speaker: turn.speaker).enumerated() {
                let label = configuration.speakerLabels == .everyCaption || (configuration.speakerLabels == .turnStart && index == 0)
                groups.append((turn.speaker, label && turn.speaker != nil, group))
            }
        }
        let breaker = LineBreaker(maxLength: configuration.maxLineLength, maxLines: configuration.maxLines)
        var captions: [Caption] = []
        for (index, group) in groups.enumerated() {
            let start = group.words[0].start
            let spoken = group.words.map(\.end).max() ?? start
            var end = max(spoken, start + configuration.minDuration)
            if index + 1 < groups.count { end = min(end, groups[index + 1].words[0].start) }
            if let mediaDuration { end = min(end, mediaDuration) }
            guard end > start else {
                throw OratorError(.invalidInput, "caption words at \(start) s overlap the next turn's words")
            }
            let prefix = group.showsSpeaker ? "\(group.speaker ?? ""): " : ""
            let texts = group.words.map(\.text)
            let lines = breaker.lines(for: texts, prefix: prefix) ?? [texts.joined(separator: " ")]
            captions.append(Caption(start: start, end: end, speaker: group.speaker, showsSpeaker: group.showsSpeaker, lines: lines))
        }
        return captions
    }

    /// Groups one turn's words into captions.
    private func split(_ words: [TimedWord], speaker: String?) -> [[TimedWord]] {
        let breaker = LineBreaker(maxLength: configuration.maxLineLength, maxLines: configuration.maxLines)
        let labelled = configuration.speakerLabels != .none && speaker != nil
        var groups: [[TimedWord]] = []
        var current: [TimedWord] = []
        func prefix() -> String {
            guard labelled, let speaker, configuration.speakerLabels == .everyCaption || groups.isEmpty else { return "" }
            return "\(speaker): "
        }
        func fits(_ candidate: [TimedWord]) -> Bool {
            breaker.lines(for: candidate.map(\.text), prefix: prefix()) != nil
                && (candidate.last?.end ?? 0) - (candidate.first?.start ?? 0) <= configuration.maxDuration
        }
        for (index, word) in words.enumerated() {
            if let last = current.last {
                if word.start - last.end >= configuration.pauseBreak {
                    groups.append(current); current = []
                } else if !fits(current + [word]) {
                    groups.append(cut(&current))
                    if !current.isEmpty, !fits(current + [word]) { groups.append(current); current = [] }
                }
            }
            current.append(word)
            // A sentence ends the caption once it has been up long enough or a pause follows.
            if Self.endsSentence(word.text), index + 1 < words.count {
                let longEnough = word.end - current[0].start >= configuration.minDuration
                if longEnough || words[index + 1].start - word.end >= configuration.pauseBreak {
                    groups.append(current); current = []
                }
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    /// Where to end a full caption: after its last phrase boundary (comma, colon, sentence end)
    /// if at least half a line comes before it, else before any trailing weak words ("the", "of").
    /// Returns the finished caption and leaves the carried-over words in `current`.
    private func cut(_ current: inout [TimedWord]) -> [TimedWord] {
        let punctuation = ",;:.?!\u{2014}\u{2026}"
        var length = 0
        var boundary: Int?
        for (index, word) in current.enumerated().dropLast() {
            length += word.text.count + (index > 0 ? 1 : 0)
            if let last = word.text.last, punctuation.contains(last), length >= configuration.maxLineLength / 2 { boundary = index }
        }
        var end = boundary.map { $0 + 1 } ?? current.count
        if boundary == nil {
            while end > 2, LineBreaker.breakPenalty(after: current[end - 1].text) > 0 { end -= 1 }
        }
        let finished = Array(current[..<end])
        current = Array(current[end...])
        return finished
    }

    /// True when the word ends a sentence (`.`, `?`, `!`, `…`, possibly before a closing quote).
    static func endsSentence(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "\"'\u{201D}\u{2019})]"))
        guard let last = trimmed.last else { return false }
        return ".?!\u{2026}".contains(last)
    }

    private func validate(_ turns: [CaptionTurn]) throws(OratorError) {
        for turn in turns {
            var previous = -Double.infinity
            for word in turn.words {
                guard word.start.isFinite, word.end.isFinite, word.start >= 0, word.end >= word.start, word.start >= previous else {
                    throw OratorError(.invalidInput, "caption word '\(word.text)' of \(turn.speaker ?? "the speaker") has bad times (\(word.start) to \(word.end) s)")
                }
                previous = word.start
            }
        }
    }
}
