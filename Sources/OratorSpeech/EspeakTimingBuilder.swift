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

    /// Words from WORD events; each ends where its last spoken phone ends.
    private func words(from collected: EspeakCollector, phones: [TimedPhone], duration: Double) -> [TimedWord] {
        let characters = Array(text)
        var words: [TimedWord] = []
        for (index, event) in collected.words.enumerated() {
            let start = Double(event.milliseconds) / 1000
            let nextStart = index + 1 < collected.words.count ? Double(collected.words[index + 1].milliseconds) / 1000 : duration
            let spoken = phones.filter { $0.phone != .silence && $0.start >= start - 1e-6 && $0.start < nextStart - 1e-6 }
            let end = spoken.last?.end ?? nextStart
            let lower = max(0, min(characters.count, event.textPosition - 1))
            let upper = max(lower, min(characters.count, lower + event.length))
            let word = String(characters[lower..<upper]).trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
            words.append(TimedWord(text: word, start: start, end: max(end, start)))
        }
        return words
    }
}

