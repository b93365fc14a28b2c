import Foundation
import OratorCore

/// Makes a timeline agree with where the recording actually has speech: phones are trimmed
/// out of pauses (the mouth rests there) and words are shrunk to their voiced part.
enum TimelineVoicing {
    /// Phones shorter than this after trimming are dropped.
    static let minimumPhone = 0.02

    /// Pauses shorter than this are left to the phones (a stop's closure is silent too).
    static let minimumPause = 0.2

    static func apply(_ voiceActivity: VoiceActivity, to timeline: SpeechTimeline) -> SpeechTimeline {
        var speech: [ClosedRange<Double>] = []
        for interval in voiceActivity.speechIntervals {
            if let last = speech.last, interval.lowerBound - last.upperBound < minimumPause {
                speech[speech.count - 1] = last.lowerBound...interval.upperBound
            } else {
                speech.append(interval)
            }
        }
        var result = SpeechTimeline(duration: timeline.duration)
        for phone in timeline.phones where phone.phone != .silence {
            for piece in intersect(phone.start...phone.end, with: speech) where piece.upperBound - piece.lowerBound >= minimumPhone {
                result.phones.append(TimedPhone(phone: phone.phone, start: piece.lowerBound, end: piece.upperBound, symbol: phone.symbol))
            }
        }
        result.phones = withSilences(result.phones, duration: timeline.duration)
        for word in timeline.words {
            let pieces = intersect(word.start...max(word.start, word.end), with: speech)
            if let first = pieces.first, let last = pieces.last {
                result.words.append(TimedWord(text: word.text, start: first.lowerBound, end: last.upperBound))
            } else {
                result.words.append(word)
            }
        }
        return result
    }

    /// The parts of `interval` that lie inside any of `regions` (sorted, disjoint).
    static func intersect(_ interval: ClosedRange<Double>, with regions: [ClosedRange<Double>]) -> [ClosedRange<Double>] {
        var pieces: [ClosedRange<Double>] = []
        for region in regions where region.upperBound > interval.lowerBound && region.lowerBound < interval.upperBound {
            pieces.append(max(region.lowerBound, interval.lowerBound)...min(region.upperBound, interval.upperBound))
        }
        return pieces
    }

    /// Fills the gaps between phones with explicit silence, so the timeline covers its duration.
    static func withSilences(_ phones: [TimedPhone], duration: Double) -> [TimedPhone] {
        var result: [TimedPhone] = []
        var cursor = 0.0
        for phone in phones.sorted(by: { $0.start < $1.start }) {
            let start = max(phone.start, cursor)
            guard phone.end > start else { continue }
            if start - cursor > 1e-6 { result.append(TimedPhone(phone: .silence, start: cursor, end: start)) }
            result.append(TimedPhone(phone: phone.phone, start: start, end: phone.end, symbol: phone.symbol))
            cursor = phone.end
        }
        if duration - cursor > 1e-6 { result.append(TimedPhone(phone: .silence, start: cursor, end: duration)) }
        return result
    }
}
