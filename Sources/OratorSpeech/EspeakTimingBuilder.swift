import Foundation
import OratorCore

/// Turns libespeak-ng's raw events into a `SpeechSegment`: phone intervals (each phone lasts
/// until the next event), words with the text they cover, and silences for pauses.
struct EspeakTimingBuilder {
    let text: String
    let sampleRate: Int

    func segment(from collected: EspeakCollector) -> SpeechSegment {
        let audio = PCMBuffer(sampleRate: sampleRate, samples: collected.samples.map { Float($0) / 32768 })
        let duration = audio.duration
        var phones: [TimedPhone] = []
        var owners: [Int] = []  // the WORD event each phone followed
        for (index, event) in collected.phonemes.enumerated() {
            let start = Double(event.milliseconds) / 1000
            let next = index + 1 < collected.phonemes.count
                ? Double(collected.phonemes[index + 1].milliseconds) / 1000 : duration
            let end = min(max(next, start), duration)
            guard end > start else { continue }
            let phone = IPAPhoneMap.phone(for: event.symbol)
            if let last = phones.last, last.phone == .silence, phone == .silence {
                phones[phones.count - 1].end = end
            } else {
                phones.append(TimedPhone(phone: phone, start: start, end: end, symbol: event.symbol))
                owners.append(event.word)
            }
        }
        return SpeechSegment(audio: audio, timeline: SpeechTimeline(
            phones: phones, words: words(from: collected, phones: phones, owners: owners), duration: duration))
    }

    /// Words of the text with times: each WORD event owns the phones that followed it. espeak-ng
    /// sometimes reports one event for several words ("in the"), so an event's phones are shared
    /// among the text words it covers in proportion to their length; an event that starts inside
    /// a word (espeak-ng splits "I'm") adds its phones to that word.
    private func words(from collected: EspeakCollector, phones: [TimedPhone], owners: [Int]) -> [TimedWord] {
        let tokens = TextTokens(text)
        var words: [TimedWord] = []
        var assigned = Set<Int>()
        for (index, event) in collected.words.enumerated() {
            let spoken = phones.indices.filter { owners[$0] == index && phones[$0].phone != .silence }.map { phones[$0] }
            guard !spoken.isEmpty else { continue }
            let lower = event.textPosition - 1
            // The next real word event bounds this one's text (espeak-ng also sends zero-length
            // events that point back into the text at clause ends).
            let upper = collected.words[(index + 1)...].first { $0.length > 0 && $0.textPosition - 1 > lower }
                .map { $0.textPosition - 1 } ?? Int.max
            let covered = tokens.words.enumerated().filter { $0.element.offset >= lower && $0.element.offset < upper && !assigned.contains($0.offset) }
            guard !covered.isEmpty else {
                if !words.isEmpty { words[words.count - 1].end = max(words[words.count - 1].end, spoken.last!.end) }
                continue
            }
            covered.forEach { assigned.insert($0.offset) }
            let letters = covered.reduce(0) { $0 + $1.element.text.count }
            var used = 0, letterSum = 0
            for (position, item) in covered.enumerated() {
                letterSum += item.element.text.count
                let remaining = covered.count - position - 1
                let share = remaining == 0 ? spoken.count
                    : max(used + 1, min(spoken.count - remaining, Int((Double(spoken.count * letterSum) / Double(letters)).rounded())))
                let first = min(used, spoken.count - 1), last = max(first, min(share, spoken.count) - 1)
                words.append(TimedWord(text: item.element.text, start: spoken[first].start, end: spoken[last].end))
                used = share
            }
        }
        return words
    }
}

/// The words of a text with their character offsets, punctuation trimmed.
struct TextTokens {
    struct Token { var text: String; var offset: Int }
    let words: [Token]

    init(_ text: String) {
        var tokens: [Token] = []
        var current = "", start = 0
        for (offset, character) in text.enumerated() {
            if character.isWhitespace {
                if !current.isEmpty { tokens.append(Token(text: current, offset: start)) }
                current = ""
            } else {
                if current.isEmpty { start = offset }
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(Token(text: current, offset: start)) }
        // Quotes, brackets and symbols go; sentence punctuation stays with its word, for captions.
        let keep = CharacterSet(charactersIn: ".,!?;:")
        let strip = CharacterSet.punctuationCharacters.union(.symbols).subtracting(keep)
        words = tokens.compactMap { token in
            let leading = token.text.prefix { $0.isPunctuation || $0.isSymbol }
            let core = token.text.dropFirst(leading.count).trimmingCharacters(in: strip)
            guard core.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
            return Token(text: core, offset: token.offset + leading.count)
        }
    }
}
