import Foundation
import OratorCore

/// Writes the word and phone timings of a lip-sync result as JSON:
/// `{"metadata": {"soundFile", "duration", "method"}, "words": [{"start", "end", "word"}],
/// "phones": [{"start", "end", "phone"}]}`, times in seconds with three decimals; pauses are
/// left out of `phones`. Recognized words (no transcript) also carry `"confidence"`, 0 to 1.
public enum TimingExporter {
    /// The timings of `result` as JSON text.
    public static func json(_ result: LipSyncResult, soundFile: String) -> String {
        json(result.timeline, soundFile: soundFile, method: result.method,
             confidences: result.recognizedWords.count == result.timeline.words.count ? result.recognizedWords.map(\.confidence) : nil)
    }

    /// The timings of `timeline` as JSON text; `confidences`, if given, has one value per word.
    public static func json(_ timeline: SpeechTimeline, soundFile: String, method: LipSyncMethod, confidences: [Double]? = nil) -> String {
        func time(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
        var text = "{\n  \"metadata\": {\n    \"soundFile\": \(JSONText.quoted(soundFile)),\n"
        text += "    \"duration\": \(time(timeline.duration)),\n    \"method\": \"\(method.rawValue)\"\n  },\n"
        text += "  \"words\": [\n"
        text += timeline.words.enumerated().map { index, word in
            let confidence = confidences.map { String(format: ", \"confidence\": %.3f", $0[index]) } ?? ""
            return "    { \"start\": \(time(word.start)), \"end\": \(time(word.end)), \"word\": \(JSONText.quoted(word.text))\(confidence) }"
        }.joined(separator: ",\n")
        text += timeline.words.isEmpty ? "  ],\n" : "\n  ],\n"
        text += "  \"phones\": [\n"
        let phones = timeline.phones.filter { $0.phone != .silence }
        text += phones.map {
            "    { \"start\": \(time($0.start)), \"end\": \(time($0.end)), \"phone\": \"\($0.phone.rawValue)\" }"
        }.joined(separator: ",\n")
        text += phones.isEmpty ? "  ]\n}\n" : "\n  ]\n}\n"
        return text
    }
}
