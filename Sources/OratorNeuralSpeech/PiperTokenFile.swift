import OratorCore

/// sherpa-onnx's tokens file for a Piper voice: one `SYMBOL ID` line per phoneme symbol of the
/// voice's `phoneme_id_map` (the space symbol included, written as a line that starts with a space).
public struct PiperTokenFile: Sendable, Equatable {
    /// Each symbol (one Unicode scalar) and its model input ID.
    public let symbols: [String: Int]

    /// The tokens of a voice's phoneme map. Every symbol must be one Unicode scalar mapped to
    /// exactly one ID, which is how Piper voices are made.
    public init(phonemeIDMap: [String: [Int]]) throws(OratorError) {
        var symbols: [String: Int] = [:]
        for (symbol, ids) in phonemeIDMap {
            // sherpa-onnx reads `SYMBOL ID` with C++ streams: a space symbol works, other blanks do not.
            guard symbol.unicodeScalars.count == 1, ids.count == 1, let id = ids.first, id >= 0,
                  symbol == " " || !symbol.unicodeScalars.allSatisfy(\.properties.isWhitespace) else {
                throw OratorError(.invalidInput, "the voice's phoneme map entry '\(symbol)' -> \(ids) is not one symbol to one ID; sherpa-onnx cannot read it")
            }
            symbols[symbol] = id
        }
        self.symbols = symbols
    }

    /// Parses a tokens file's text.
    public init(parsing text: String) throws(OratorError) {
        var symbols: [String: Int] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let space = line.lastIndex(of: " "), let id = Int(line[line.index(after: space)...]) else {
                throw OratorError(.invalidInput, "bad tokens file line '\(line)'")
            }
            symbols[String(line[..<space])] = id
        }
        self.symbols = symbols
    }

    /// The file's text, ordered by ID so it reads like sherpa-onnx's own tokens files.
    public var text: String {
        symbols.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
            .map { "\($0.key) \($0.value)\n" }
            .joined()
    }

    /// The phoneme map this file stands for (each symbol to its one ID).
    public var phonemeIDMap: [String: [Int]] {
        symbols.mapValues { [$0] }
    }
}
