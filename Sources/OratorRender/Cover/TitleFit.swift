import Foundation

/// A title broken into lines and sized to fit a column: the largest size at which it wraps into
/// at most `maxLines` lines without breaking a word, its lines then evened out so the last is not
/// a lone word. At the smallest size a word too long for a line is broken, and a title still too
/// long ends in an ellipsis: the text never runs out of its column.
struct TitleFit: Equatable {
    var lines: [String]
    var fontSize: Double

    /// Measures a line's width at a font size.
    typealias Measure = (String, Double) -> Double

    /// Fits `text` into `width` at one of `sizes` (largest first), breaking lines between words.
    static func fit(_ text: String, width: Double, maxLines: Int, sizes: [Double], measure: Measure) -> TitleFit {
        fit(text.split(whereSeparator: \.isWhitespace).map(String.init), joiner: " ", width: width, maxLines: maxLines,
            sizes: sizes, measure: measure)
    }

    /// Fits `units` (words, or names that should stay whole) joined by `joiner` within a line.
    static func fit(_ units: [String], joiner: String, width: Double, maxLines: Int, sizes: [Double], measure: Measure) -> TitleFit {
        guard let smallest = sizes.last, !units.isEmpty, maxLines > 0 else { return TitleFit(lines: [], fontSize: sizes.first ?? 0) }
        for size in sizes where units.allSatisfy({ measure($0, size) <= width }) {
            let count = wrap(units, joiner: joiner, width: width) { measure($0, size) }.count
            if count <= maxLines {
                return TitleFit(lines: balanced(units, joiner: joiner, lines: count, width: width) { measure($0, size) }, fontSize: size)
            }
        }
        func fits(_ line: String) -> Bool { measure(line, smallest) <= width }
        let pieces = units.flatMap { broken($0, fits: fits) }
        var lines = wrap(pieces, joiner: joiner, width: width) { measure($0, smallest) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = ellipsized(lines[maxLines - 1], fits: fits)
        }
        return TitleFit(lines: lines, fontSize: smallest)
    }

    /// `line` shortened to end in an ellipsis that fits: whole words dropped from the end, or
    /// characters when a single word is left.
    private static func ellipsized(_ line: String, fits: (String) -> Bool) -> String {
        var words = line.split(separator: " ").map(String.init)
        while words.count > 1, !fits(words.joined(separator: " ") + "…") { words.removeLast() }
        var last = words.joined(separator: " ")
        while !last.isEmpty, !fits(last + "…") { last.removeLast() }
        let trimmed = last.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
        return (trimmed.isEmpty ? last : trimmed) + "…"
    }

    /// Greedy wrapping: each line takes units while they fit.
    static func wrap(_ words: [String], joiner: String = " ", width: Double, measure: (String) -> Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in words {
            let candidate = current.isEmpty ? word : current + joiner + word
            if current.isEmpty || measure(candidate) <= width {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The same number of lines, wrapped at the narrowest width that still gives that many.
    private static func balanced(_ words: [String], joiner: String, lines count: Int, width: Double,
                                 measure: (String) -> Double) -> [String] {
        var low = words.map(measure).max() ?? 0, high = width
        for _ in 0..<16 where high - low > 1 {
            let middle = (low + high) / 2
            if wrap(words, joiner: joiner, width: middle, measure: measure).count <= count { high = middle } else { low = middle }
        }
        return wrap(words, joiner: joiner, width: high, measure: measure)
    }

    /// `word` cut into pieces that each fit a line.
    private static func broken(_ word: String, fits: (String) -> Bool) -> [String] {
        guard !fits(word) else { return [word] }
        var pieces: [String] = []
        var current = ""
        for character in word {
            if !current.isEmpty, !fits(current + String(character)) {
                pieces.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
