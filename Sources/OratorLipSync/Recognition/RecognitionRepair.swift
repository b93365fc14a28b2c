import Foundation
import OratorCore

/// Fills the holes PocketSphinx leaves in speech: where it hears silence or noise but the
/// recording clearly has voice, the acoustic estimate supplies the phones instead, so the mouth
/// does not rest in the middle of a word.
enum RecognitionRepair {
    /// Holes shorter than this are left alone (stop closures are silent).
    static let minimumHole = 0.06

    static func repair(_ recognized: [TimedPhone], estimate: SpeechTimeline, voiceActivity: VoiceActivity) -> [TimedPhone] {
        let speech = voiceActivity.speechIntervals
        var result = recognized.filter { $0.phone != .silence }
        for phone in recognized where phone.phone == .silence {
            for hole in TimelineVoicing.intersect(phone.start...phone.end, with: speech)
            where hole.upperBound - hole.lowerBound >= minimumHole {
                for fill in estimate.phones where fill.phone != .silence {
                    let start = max(fill.start, hole.lowerBound), end = min(fill.end, hole.upperBound)
                    if end - start >= TimelineVoicing.minimumPhone {
                        result.append(TimedPhone(phone: fill.phone, start: start, end: end, symbol: "~" + fill.phone.rawValue))
                    }
                }
            }
        }
        return result.sorted { $0.start < $1.start }
    }
}
