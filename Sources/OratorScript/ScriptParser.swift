import Foundation
import OratorCore

/// Reads Orator's script format (documented in the README and docs/script-format.md):
/// an optional front-matter block between `---` lines (title, speakers, music); `# Heading`
/// lines; `NAME: text` speaker turns; lines of text forming paragraphs; blank lines as pauses;
/// and inline cues `[pause 1.5s]`, `[music FILE]`, `[music stop]`, `[smile]`, `[happy 0.6]`. Errors
/// name the line and column.
public struct ScriptParser: Sendable {
    /// Length of the pause a blank line makes, seconds.
    public var paragraphPause: Double
    /// Gap between two speakers' turns, seconds.
    public var turnGap: Double

    public init(paragraphPause: Double = 0.6, turnGap: Double = 0.35) {
        self.paragraphPause = paragraphPause
        self.turnGap = turnGap
    }

    /// Reads and parses a script file; missing, unreadable, non-UTF-8, malformed or empty
    /// scripts are errors that name the file (and the line and column).
    public func parse(contentsOf url: URL) throws(OratorError) -> Script {
        let text = try InputFile.readText(url, role: "script", limit: InputLimits.textBytes)
        let script = try parse(text, source: url.path)
        guard script.segments.contains(where: { if case .speech = $0 { true } else { false } }) else {
            throw OratorError(.emptyScript, "script \(url.path) has nothing to say (it is empty or only headings)")
        }
        return script
    }

    /// Parses script text; `source` names it in errors.
    public func parse(_ text: String, source: String = "script") throws(OratorError) -> Script {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var state = ScriptBuilder(parser: self, source: source)
        var index = 0
        if let first = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
           lines[first].trimmingCharacters(in: .whitespaces) == "---" {
            guard let close = lines[(first + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
                throw OratorError(.invalidInput, "\(source):\(first + 1):1: front matter starts with --- but never ends (add a closing --- line)")
            }
            try FrontMatter.apply(lines[(first + 1)..<close].joined(separator: "\n"), firstLine: first + 2, source: source, to: &state.script)
            state.declaredSpeakers = !state.script.speakers.isEmpty
            index = close + 1
        }
        while index < lines.count {
            try state.consume(line: lines[index], number: index + 1)
            index += 1
        }
        state.finish()
        return state.script
    }
}
