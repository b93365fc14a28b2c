import Foundation

/// Timestamps in the forms subtitle formats use, from whole milliseconds so rounding never
/// makes neighbouring captions overlap.
enum SubtitleTime {
    /// Milliseconds, rounded.
    static func milliseconds(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }

    /// `HH:MM:SS,mmm` (SRT) or `HH:MM:SS.mmm` (WebVTT).
    static func clock(_ milliseconds: Int, separator: Character) -> String {
        let hours = milliseconds / 3_600_000, minutes = milliseconds / 60_000 % 60
        let seconds = milliseconds / 1000 % 60, rest = milliseconds % 1000
        return "\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2))\(separator)\(pad(rest, 3))"
    }

    /// `H:MM:SS.cc` (ASS, centiseconds).
    static func assClock(_ centiseconds: Int) -> String {
        let hours = centiseconds / 360_000, minutes = centiseconds / 6_000 % 60
        let seconds = centiseconds / 100 % 60, rest = centiseconds % 100
        return "\(hours):\(pad(minutes, 2)):\(pad(seconds, 2)).\(pad(rest, 2))"
    }

    /// `H:MM:SS.cc` -> seconds; nil when it is not that form.
    static func assSeconds(_ text: String) -> Double? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 3, let h = Double(parts[0]), let m = Double(parts[1]), let s = Double(parts[2]) else { return nil }
        return h * 3600 + m * 60 + s
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Start and end ticks (at `perSecond`) for every caption, with each end clamped to the next start.
    static func spans(_ captions: [Caption], perSecond: Double) -> [(start: Int, end: Int)] {
        var spans = captions.map { (start: Int(($0.start * perSecond).rounded()), end: Int(($0.end * perSecond).rounded())) }
        for index in spans.indices.dropLast() where spans[index].end > spans[index + 1].start {
            spans[index].end = spans[index + 1].start
        }
        return spans
    }
}
