import Foundation

/// SubRip (`.srt`): numbered captions, `HH:MM:SS,mmm` times, the speaker's name as text.
enum SRTFormat {
    static func text(_ captions: [Caption]) -> String {
        var out = ""
        let shown = zip(captions, SubtitleTime.spans(captions, perSecond: 1000)).filter { $0.1.end > $0.1.start }
        for (index, (caption, span)) in shown.enumerated() {
            out += "\(index + 1)\n"
            out += "\(SubtitleTime.clock(span.start, separator: ",")) --> \(SubtitleTime.clock(span.end, separator: ","))\n"
            var lines = caption.lines
            if let label = caption.label, !lines.isEmpty { lines[0] = label + lines[0] }
            out += lines.joined(separator: "\n") + "\n\n"
        }
        return out
    }
}

/// WebVTT (`.vtt`): a `<v Speaker>` voice span on every caption (for players and screen
/// readers) and the visible name on the first caption of a turn, as in the SRT.
enum WebVTTFormat {
    static func text(_ captions: [Caption]) -> String {
        var out = "WEBVTT\n\n"
        let shown = zip(captions, SubtitleTime.spans(captions, perSecond: 1000)).filter { $0.1.end > $0.1.start }
        for (index, (caption, span)) in shown.enumerated() {
            out += "\(index + 1)\n"
            out += "\(SubtitleTime.clock(span.start, separator: ".")) --> \(SubtitleTime.clock(span.end, separator: "."))\n"
            var lines = caption.lines.map(escape)
            if let label = caption.label, !lines.isEmpty { lines[0] = escape(label) + lines[0] }
            if let speaker = caption.speaker, !speaker.isEmpty, !lines.isEmpty {
                let name = escape(speaker).replacingOccurrences(of: ">", with: "")
                lines[0] = "<v \(name)>" + lines[0]
            }
            out += lines.joined(separator: "\n") + "\n\n"
        }
        return out
    }

    /// WebVTT cue text escapes `&`, `<` and `>`; `-->` cannot appear in a cue.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
