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
            }
        }
        return SpeechSegment(audio: audio, timeline: SpeechTimeline(
            phones: phones, words: words(from: collected, phones: phones, duration: duration), duration: duration))
    }

    /// Words of the text with times. espeak-ng sometimes reports one WORD event for several
    /// words ("in the"), so each event's phones are shared among the text words it covers in
    /// proportion to their length; a word starts at its first phone.
    private func words(from collected: EspeakCollector, phones: [TimedPhone], duration: Double) -> [TimedWord] {
        let tokens = TextTokens(text)
        var words: [TimedWord] = []
        for (index, event) in collected.words.enumerated() {
            let start = Double(event.milliseconds) / 1000
            let nextStart = index + 1 < collected.words.count ? Double(collected.words[index + 1].milliseconds) / 1000 : duration
            let spoken = phones.filter { $0.phone != .silence && $0.start >= start - 0.015 && $0.start < nextStart - 0.015 }
            let lower = event.textPosition - 1
            let upper = index + 1 < collected.words.count ? collected.words[index + 1].textPosition - 1 : Int.max
            var covered = tokens.words.filter { $0.offset >= lower && $0.offset < upper }
            if covered.isEmpty { covered = tokens.words.filter { $0.offset <= lower }.suffix(1) }
            guard !covered.isEmpty else { continue }
            guard !spoken.isEmpty else {
                words += covered.map { TimedWord(text: $0.text, start: start, end: start) }
                continue
            }
            let letters = covered.reduce(0) { $0 + $1.text.count }
            var used = 0, letterSum = 0
            for (position, token) in covered.enumerated() {
                letterSum += token.text.count
                let share = position == covered.count - 1
                    ? spoken.count
                    : max(used + 1, min(spoken.count - (covered.count - position - 1), Int((Double(spoken.count * letterSum) / Double(letters)).rounded())))
                let own = spoken[min(used, spoken.count - 1)..<max(min(used, spoken.count - 1) + 1, min(share, spoken.count))]
                words.append(TimedWord(text: token.text, start: own.first!.start, end: own.last!.end))
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
        words = tokens.compactMap { token in
            let trimmed = token.text.trimmingCharacters(in: .punctuationCharacters.union(.symbols))
            let lead = token.text.prefix { $0.isPunctuation || $0.isSymbol }.count
            return trimmed.isEmpty ? nil : Token(text: trimmed, offset: token.offset + lead)
        }
    }
}
