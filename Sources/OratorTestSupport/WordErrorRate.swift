import Foundation

/// Word error rate as speech recognition reports it: the fewest substitutions, insertions and
/// deletions that turn the recognized words into the reference, over the reference's word count.
/// Both sides are compared in lower case without punctuation, with spoken and written forms of
/// a few titles taken as the same word (the CMU dictionary has `mr`, transcripts say `mister`).
public enum WordErrorRate {
    /// Errors and the number of reference words.
    public static func errors(reference: String, recognized: [String]) -> (errors: Int, words: Int) {
        let truth = normalized(reference.split(whereSeparator: { $0.isWhitespace }).map(String.init))
        let heard = normalized(recognized)
        var previous = Array(0...heard.count)
        for (row, word) in truth.enumerated() {
            var current = [row + 1] + Array(repeating: 0, count: heard.count)
            for column in stride(from: 1, through: heard.count, by: 1) {
                let substitution = previous[column - 1] + (word == heard[column - 1] ? 0 : 1)
                current[column] = min(substitution, previous[column] + 1, current[column - 1] + 1)
            }
            previous = current
        }
        return (previous[heard.count], truth.count)
    }

    private static let sameWord = ["mr": "mister", "mrs": "missus", "dr": "doctor"]

    private static func normalized(_ words: [String]) -> [String] {
        words.compactMap { word in
            let letters = word.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "'" }
            return letters.isEmpty ? nil : sameWord[letters] ?? letters
        }
    }
}
