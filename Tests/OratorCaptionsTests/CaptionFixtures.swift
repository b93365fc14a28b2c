import Foundation
import OratorCore
import OratorCaptions
import OratorTestSupport

/// Timed words for caption tests, timed like synthetic speech: about 0.06 s per letter,
/// short gaps between words, longer after sentences and between speakers.
enum CaptionFixtures {
    static let dialogue: [(String, String)] = [
        ("Alex", "Welcome back to the show. Today we are talking about honey bees, which pollinate a third of what we eat, and why their numbers have been falling for years."),
        ("Sam", "Thanks, Alex. It is great to be here."),
        ("Alex", "So. Where should we start?"),
        ("Sam", "Let's start with the hive itself, because the way a colony organises its work is remarkable: tens of thousands of workers, one queen, and a few hundred drones."),
    ]

    /// Turns with word times; a pause of `pause` seconds is inserted before `pauseBeforeWord` (index in turn 0).
    static func turns(pause: Double = 0, pauseBeforeWord: Int = -1) -> [CaptionTurn] {
        var time = 0.4
        var turns: [CaptionTurn] = []
        for (speaker, text) in dialogue {
            var words: [TimedWord] = []
            for (index, token) in text.split(separator: " ").enumerated() {
                if turns.isEmpty, index == pauseBeforeWord { time += pause }
                let length = 0.1 + 0.06 * Double(token.count)
                words.append(TimedWord(text: String(token), start: time, end: time + length))
                time += length + (token.last.map { ".?!".contains($0) } == true ? 0.35 : 0.04)
            }
            turns.append(CaptionTurn(speaker: speaker, words: words))
            time += 0.8
        }
        return turns
    }

    /// Speech spans: each word's span.
    static func speech(_ turns: [CaptionTurn]) -> [ClosedRange<Double>] {
        turns.flatMap(\.words).map { $0.start...$0.end }
    }
}

/// Reads SRT and WebVTT back into (start, end, lines), independently of the writer.
enum SubtitleParser {
    struct Cue { var start: Double; var end: Double; var lines: [String] }

    static func parse(_ text: String) throws -> [Cue] {
        var cues: [Cue] = []
        let blocks = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
        for block in blocks {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            guard let timing = lines.firstIndex(where: { $0.contains(" --> ") }) else { continue }
            let parts = lines[timing].components(separatedBy: " --> ")
            guard parts.count == 2, let start = seconds(parts[0]), let end = seconds(parts[1]) else {
                throw MediaTool.Failure("bad timing line '\(lines[timing])'")
            }
            cues.append(Cue(start: start, end: end, lines: Array(lines[(timing + 1)...])))
        }
        return cues
    }

    /// `HH:MM:SS,mmm` or `HH:MM:SS.mmm`.
    static func seconds(_ text: String) -> Double? {
        let fields = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".").split(separator: ":")
        guard fields.count == 3, let h = Double(fields[0]), let m = Double(fields[1]), let s = Double(fields[2]),
              fields[2].split(separator: ".").last?.count == 3 else { return nil }
        return h * 3600 + m * 60 + s
    }
}
