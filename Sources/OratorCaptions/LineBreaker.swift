/// Splits a caption's words into at most `maxLines` lines of at most `maxLength` characters,
/// using as few lines as possible, balancing their lengths and preferring to break after
/// punctuation and not after short function words ("the", "of", ...).
struct LineBreaker {
    let maxLength: Int
    let maxLines: Int

    /// The lines for `words` with `prefix` (a speaker label) before the first, or nil if they do
    /// not fit. The prefix is not included in the returned first line.
    func lines(for words: [String], prefix: String = "") -> [String]? {
        guard !words.isEmpty else { return [] }
        let prefixLength = prefix.count
        let lengths = words.map(\.count)
        func length(_ from: Int, _ to: Int) -> Int {
            lengths[from..<to].reduce(0, +) + (to - from - 1) + (from == 0 ? prefixLength : 0)
        }
        // A word longer than a line is allowed only alone on its line.
        func fits(_ from: Int, _ to: Int) -> Bool { length(from, to) <= maxLength || to - from == 1 }
        for lineCount in 1...max(1, maxLines) {
            if let breaks = bestBreaks(count: words.count, lines: lineCount, fits: fits, length: length, words: words) {
                var result: [String] = []
                var start = 0
                for end in breaks + [words.count] {
                    result.append(words[start..<end].joined(separator: " "))
                    start = end
                }
                return result
            }
        }
        return nil
    }

    /// Break positions (word indices that start lines 2...) minimising the imbalance and penalties.
    private func bestBreaks(count: Int, lines: Int, fits: (Int, Int) -> Bool, length: (Int, Int) -> Int,
                            words: [String]) -> [Int]? {
        guard lines <= count else { return nil }
        if lines == 1 { return fits(0, count) ? [] : nil }
        let target = Double(length(0, count) - (lines - 1)) / Double(lines)
        // best[line][start]: cost and breaks for words[start...] laid out in `line` lines.
        var best = [[(cost: Double, breaks: [Int])?]](repeating: [(cost: Double, breaks: [Int])?](repeating: nil, count: count + 1),
                                                       count: lines + 1)
        for start in 0..<count where fits(start, count) {
            best[1][start] = (Self.lineCost(length(start, count), target), [])
        }
        if lines >= 2 {
            for line in 2...lines {
                for start in 0..<count {
                    for end in (start + 1)..<count where fits(start, end) {
                        guard let rest = best[line - 1][end] else { continue }
                        let cost = Self.lineCost(length(start, end), target) + Self.breakPenalty(after: words[end - 1]) + rest.cost
                        if best[line][start].map({ cost < $0.cost }) ?? true {
                            best[line][start] = (cost, [end] + rest.breaks)
                        }
                    }
                }
            }
        }
        return best[lines][0]?.breaks
    }

    private static func lineCost(_ length: Int, _ target: Double) -> Double {
        let difference = Double(length) - target
        return difference * difference
    }

    /// Breaking after punctuation reads well; after an article or preposition it does not.
    static func breakPenalty(after word: String) -> Double {
        if let last = word.last, ",;:.?!\u{2014}".contains(last) { return -60 }
        let weak: Set<String> = ["a", "an", "the", "of", "to", "in", "on", "at", "and", "or", "but", "for", "with", "my", "your", "our", "its", "their", "his", "her",
                                "this", "that", "is", "are", "was", "be", "i", "we", "you", "they", "very"]
        return weak.contains(word.lowercased()) ? 80 : 0
    }
}
