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
            if !before.isEmpty { add(before, line: line) }
            let cueColumn = restColumn + rest.distance(from: rest.startIndex, to: open)
            guard let close = rest[open...].firstIndex(of: "]") else {
                throw OratorError(.invalidInput, "\(source):\(line):\(cueColumn): '[' without a closing ']'")
            }
            let cue = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            flush()
            script.segments.append(try ScriptCue.parse(cue, location: "\(source):\(line):\(cueColumn)", line: line))
            restColumn = cueColumn + rest.distance(from: open, to: close) + 1
            rest = rest[rest.index(after: close)...]
        }
        let tail = rest.trimmingCharacters(in: .whitespaces)
        if !tail.isEmpty { add(tail, line: line) }
    }

    private mutating func add(_ text: String, line: Int) {
        if paragraph.isEmpty { paragraphLine = line }
        paragraph.append(text)
    }

    /// Ends the current paragraph; between two paragraphs comes an automatic pause, shorter
    /// at a change of speaker, unless a cue already stands between them.
    mutating func flush() {
        guard !paragraph.isEmpty else { return }
        if case let .speech(_, _, previous) = script.segments.last {
            script.segments.append(.pause(previous == speaker ? parser.paragraphPause : parser.turnGap))
        }
        script.segments.append(.speech(paragraph.joined(separator: " "), line: paragraphLine, speaker: speaker))
        paragraph.removeAll()
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
