import Foundation

/// Advanced SubStation Alpha (`.ass`) for burning captions in with FFmpeg's libass `subtitles`
/// filter: one bottom-centred style sized to the video, speaker names in their colours.
enum ASSFormat {
    static func text(_ captions: [Caption], style: CaptionStyle, lineLength: Int) -> String {
        let size = style.fontSize(lineLength: lineLength)
        let outline = max(1, (Double(size) * style.outlineScale * 10).rounded() / 10)
        let margin = Int((Double(style.videoHeight) * style.bottomMarginScale).rounded())
        let side = Int((Double(style.videoWidth) * 0.05).rounded())
        var out = """
        [Script Info]
        ; Written by Orator
        ScriptType: v4.00+
        PlayResX: \(style.videoWidth)
        PlayResY: \(style.videoHeight)
        WrapStyle: 2
        ScaledBorderAndShadow: yes

        [V4+ Styles]
        Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
        Style: Caption,\(field(style.fontName)),\(size),\(style.textColor.ass()),\(style.textColor.ass()),\(style.outlineColor.ass()),\(CaptionColor.black.ass(alpha: 0x80)),\(style.bold ? -1 : 0),0,0,0,100,100,0,0,1,\(outline),0,2,\(side),\(side),\(margin),1

        [Events]
        Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text

        """
        let colors = style.colors(for: captions)
        for (caption, span) in zip(captions, SubtitleTime.spans(captions, perSecond: 100)) where span.end > span.start {
            var lines = caption.lines.map(escape)
            if let label = caption.label, !lines.isEmpty {
                let color = caption.speaker.flatMap { colors[$0] } ?? style.textColor
                lines[0] = "{\\c\(color.assInline)}\(escape(label.trimmingCharacters(in: .whitespaces))){\\r} " + lines[0]
            }
            out += "Dialogue: 0,\(SubtitleTime.assClock(span.start)),\(SubtitleTime.assClock(span.end)),Caption,"
            out += "\(field(caption.speaker ?? "")),0,0,0,,\(lines.joined(separator: "\\N"))\n"
        }
        return out
    }

    /// ASS has no escape for `{`, `}` or `\` in text: show look-alikes instead of override codes.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\u{29F5}").replacingOccurrences(of: "{", with: "(")
            .replacingOccurrences(of: "}", with: ")")
    }

    /// Fields before Text are comma-separated: drop commas from names.
    private static func field(_ text: String) -> String {
        text.replacingOccurrences(of: ",", with: " ")
    }
}
