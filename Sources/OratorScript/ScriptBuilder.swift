import Foundation
import OratorCore

/// The parser's state while it reads a script line by line.
struct ScriptBuilder {
    let parser: ScriptParser
    let source: String
    var script = Script()
    var declaredSpeakers = false
    private var paragraph: [String] = []
    private var paragraphLine = 0
    private var speaker: String?
    /// Expression cues waiting for the paragraph they belong to, with their word in it.
    private var pendingExpressions: [ScriptExpression] = []

    init(parser: ScriptParser, source: String) {
        self.parser = parser
        self.source = source
    }

    mutating func consume(line raw: String, number: Int) throws(OratorError) {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.isEmpty { flush(); return }
        if line.hasPrefix("#") {
            flush()
            let heading = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            guard !heading.isEmpty else { return }
            if script.title == nil { script.title = heading }
            script.segments.append(.heading(heading, line: number))
            return
        }
        var body = Substring(line)
        var column = raw.distance(from: raw.startIndex, to: raw.firstIndex { !$0.isWhitespace } ?? raw.startIndex) + 1
        if let turn = Self.speakerTurn(in: line) {
            flush()
            if declaredSpeakers, script.speaker(named: turn.name) == nil {
                let known = script.speakers.map(\.name).joined(separator: ", ")
                throw OratorError(.invalidInput, "\(source):\(number):\(column): unknown speaker '\(turn.name)' (the front matter declares \(known))")
            }
            if script.speaker(named: turn.name) == nil { script.speakers.append(ScriptSpeaker(name: turn.name)) }
            speaker = turn.name
            column += line.distance(from: line.startIndex, to: turn.rest.startIndex)
            body = turn.rest
        }
        try consumeText(body, line: number, column: column)
    }

    /// Splits text around `[cue]`s.
    private mutating func consumeText(_ text: Substring, line: Int, column: Int) throws(OratorError) {
        var rest = text
        var restColumn = column
        while let open = rest.firstIndex(of: "[") {
            let before = rest[..<open].trimmingCharacters(in: .whitespaces)
            if !before.isEmpty { try add(before, line: line, column: restColumn) }
            let cueColumn = restColumn + rest.distance(from: rest.startIndex, to: open)
            guard let close = rest[open...].firstIndex(of: "]") else {
                throw OratorError(.invalidInput, "\(source):\(line):\(cueColumn): '[' without a closing ']'")
            }
            let cue = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            let location = "\(source):\(line):\(cueColumn)"
            if let (expression, intensity) = try ScriptCue.expression(cue, location: location) {
                // An expression does not break the paragraph: it takes effect at the next word.
                let word = paragraph.reduce(0) { $0 + Self.wordCount($1) }
                pendingExpressions.append(ScriptExpression(expression: expression, intensity: intensity, word: word, line: line))
            } else {
                flush()
                script.segments.append(try ScriptCue.parse(cue, location: location, line: line))
            }
            restColumn = cueColumn + rest.distance(from: open, to: close) + 1
            rest = rest[rest.index(after: close)...]
        }
        let tail = rest.trimmingCharacters(in: .whitespaces)
        if !tail.isEmpty { try add(tail, line: line, column: restColumn) }
    }

    private mutating func add(_ text: String, line: Int, column: Int) throws(OratorError) {
        try Self.checkWords(text, location: "\(source):\(line)", column: column)
        if paragraph.isEmpty { paragraphLine = line }
        paragraph.append(text)
    }

    /// Refuses a "word" longer than `InputLimits.wordLetters` (a pasted hash or a run of
    /// letters would be spelled out for minutes).
    static func checkWords(_ text: String, location: String, column: Int) throws(OratorError) {
        var start = 0, length = 0, offset = 0
        for character in text {
            if character.isWhitespace {
                length = 0
            } else {
                if length == 0 { start = offset }
                length += 1
                if length > InputLimits.wordLetters {
                    let word = text.dropFirst(start).prefix { !$0.isWhitespace }
                    throw OratorError(.invalidInput, "\(location):\(column + start): a word of \(word.count) characters is too long to speak (the limit is \(InputLimits.wordLetters)); add spaces or remove it")
                }
            }
            offset += 1
        }
    }

    /// Ends the current paragraph; between two paragraphs comes an automatic pause, shorter
    /// at a change of speaker, unless a cue already stands between them.
    mutating func flush() {
        guard !paragraph.isEmpty else { return }
        if case let .speech(_, _, previous) = script.segments.last {
            script.segments.append(.pause(previous == speaker ? parser.paragraphPause : parser.turnGap))
        }
        let pieces = Self.breathGroups(paragraph.joined(separator: " "))
        var first = 0
        for (index, piece) in pieces.enumerated() {
            let end = first + Self.wordCount(piece)
            let isLast = index == pieces.count - 1
            // Cues are taken in order, so every one left stands at or after this piece's first word.
            let due = pendingExpressions.filter { isLast || $0.word < end }
            pendingExpressions.removeFirst(due.count)
            for cue in due {
                var local = cue
                local.word = cue.word - first
                script.segments.append(.expression(local))
            }
            script.segments.append(.speech(piece, line: paragraphLine, speaker: speaker))
            first = end
        }
        paragraph.removeAll()
    }

    /// Ends the script: expressions after the last word take effect after it.
    mutating func finish() {
        flush()
        for cue in pendingExpressions {
            var atEnd = cue
            atEnd.word = 0
            script.segments.append(.expression(atEnd))
        }
        pendingExpressions.removeAll()
    }

    static func wordCount(_ text: String) -> Int { text.split(whereSeparator: \.isWhitespace).count }

    /// Bytes of UTF-8 in one spoken segment: a longer paragraph is spoken as several segments (split
    /// after sentences, or between words), so speech memory stays flat however long it is.
    static let segmentCharacters = 1500

    /// `text` in pieces of at most `segmentCharacters`, split after `.`, `!` or `?` where possible.
    static func breathGroups(_ text: String) -> [String] {
        guard text.utf8.count > segmentCharacters else { return [text] }
        var pieces: [String] = []
        var current = ""
        var sentence = ""
        func close(_ part: String) {
            if current.utf8.count + part.utf8.count + 1 > segmentCharacters, !current.isEmpty {
                pieces.append(current)
                current = ""
            }
            if part.utf8.count > segmentCharacters {
                for word in part.split(separator: " ") {
                    if current.utf8.count + word.utf8.count + 1 > segmentCharacters, !current.isEmpty { pieces.append(current); current = "" }
                    current += current.isEmpty ? String(word) : " " + word
                }
            } else {
                current += current.isEmpty ? part : " " + part
            }
        }
        for word in text.split(separator: " ") {
            sentence += sentence.isEmpty ? String(word) : " " + word
            if let last = word.last, ".!?".contains(last) { close(sentence); sentence = "" }
        }
        if !sentence.isEmpty { close(sentence) }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// `NAME: text` where NAME is capitals, digits, spaces, `_` or `-` (up to 32 characters).
    static func speakerTurn(in line: String) -> (name: String, rest: Substring)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let name = line[..<colon]
        guard (1...32).contains(name.count), name.first?.isLetter == true,
              name.allSatisfy({ ($0.isLetter && $0.isUppercase) || $0.isNumber || $0 == "_" || $0 == "-" || $0 == " " }),
              !name.hasSuffix(" ") else { return nil }
        return (String(name), line[line.index(after: colon)...].drop { $0 == " " })
    }
}
