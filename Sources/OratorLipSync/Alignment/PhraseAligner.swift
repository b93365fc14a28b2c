import Foundation
import OratorCore

/// Aligns recognized words phrase by phrase: each run of words without a pause of
/// `pauseSeconds` (and at most `maximumSeconds` long) is spoken by espeak-ng and warped onto
/// its own stretch of the recording, where PocketSphinx heard it. A misrecognized phrase then
/// cannot pull its neighbours out of place, and alignment holds one phrase at a time instead of
/// the whole recognized text.
struct PhraseAligner: Sendable {
    var aligner: ForcedAligner
    /// A silence at least this long between two words ends a phrase.
    var pauseSeconds = 0.3
    /// Phrases are cut at their longest pause once they reach this length.
    var maximumSeconds = 20.0
    /// Recording kept on each side of a phrase's words (what PocketSphinx's word edges may miss).
    var marginSeconds = 0.2

    /// The aligned phones of every phrase on the recording's clock (no words: the caller has them).
    func align(_ words: [RecognizedWord], to recording: AcousticFeatures, voiceActivity: VoiceActivity) throws(OratorError) -> SpeechTimeline {
        var timeline = SpeechTimeline(duration: recording.duration)
        var previousEnd = 0
        for phrase in phrases(words) {
            let lower = max(previousEnd, AcousticFeatures.frame(at: phrase.first!.start - marginSeconds))
            let upper = min(recording.frameCount, AcousticFeatures.frame(at: phrase.last!.end + marginSeconds) + 1)
            guard upper - lower >= 5 else { continue }
            let frames = lower..<upper
            let activity = VoiceActivity(isSpeech: Array(voiceActivity.isSpeech[frames]))
            let text = phrase.map(\.text).joined(separator: " ")
            let aligned = try aligner.align(text, to: recording.frames(frames), voiceActivity: activity)
            let offset = Double(lower) / AcousticFeatures.frameRate
            for phone in aligned.timeline.phones where phone.phone != .silence {
                timeline.phones.append(TimedPhone(phone: phone.phone, start: phone.start + offset, end: phone.end + offset, symbol: phone.symbol))
            }
            previousEnd = upper
        }
        return timeline
    }

    /// Words grouped at pauses, and long groups cut at their longest inner pause.
    func phrases(_ words: [RecognizedWord]) -> [[RecognizedWord]] {
        var groups: [[RecognizedWord]] = []
        for word in words {
            if let last = groups.last?.last, word.start - last.end < pauseSeconds {
                groups[groups.count - 1].append(word)
            } else {
                groups.append([word])
            }
        }
        var result: [[RecognizedWord]] = []
        var pending = groups
        while let group = pending.first {
            pending.removeFirst()
            guard group.count > 1, group.last!.end - group.first!.start > maximumSeconds else { result.append(group); continue }
            let gaps = (1..<group.count).map { group[$0].start - group[$0 - 1].end }
            let cut = (gaps.indices.max { gaps[$0] < gaps[$1] } ?? 0) + 1
            pending.insert(contentsOf: [Array(group[..<cut]), Array(group[cut...])], at: 0)
        }
        return result
    }
}
