import Foundation
import OratorCore

/// Reads Orator's plain-text script format (documented in the README):
/// UTF-8 text; `# Title` lines are headings (the first is the title); lines of text form a
/// paragraph; a blank line between paragraphs is a pause.
public struct ScriptParser: Sendable {
    /// Length of the pause a blank line makes, seconds.
    public var paragraphPause: Double

    public init(paragraphPause: Double = 0.6) {
        self.paragraphPause = paragraphPause
    }

    /// Reads and parses a script file; missing, unreadable, non-UTF-8 or empty files are errors
    /// that name the file.
    public func parse(contentsOf url: URL) throws(OratorError) -> Script {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw OratorError(.fileNotFound, "script not found: \(url.path)")
        }
        guard !isDirectory.boolValue else {
            throw OratorError(.unreadableFile, "script \(url.path) is a folder, not a text file")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw OratorError(.unreadableFile, "cannot read script \(url.path) (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw OratorError(.invalidInput, "script \(url.path) is not UTF-8 text")
        }
        let script = parse(text)
        guard script.segments.contains(where: { if case .speech = $0 { true } else { false } }) else {
            throw OratorError(.emptyScript, "script \(url.path) has nothing to say (it is empty or only headings)")
        }
        return script
    }

    /// Parses script text.
    public func parse(_ text: String) -> Script {
        var script = Script()
        var paragraph: [String] = []
        var paragraphLine = 0
        func flush() {
            guard !paragraph.isEmpty else { return }
            if case .speech = script.segments.last { script.segments.append(.pause(paragraphPause)) }
            script.segments.append(.speech(paragraph.joined(separator: " "), line: paragraphLine))
            paragraph.removeAll()
        }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flush()
            } else if line.hasPrefix("#") {
                flush()
                let heading = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                guard !heading.isEmpty else { continue }
                if script.title == nil { script.title = heading }
                script.segments.append(.heading(heading, line: index + 1))
            } else {
                if paragraph.isEmpty { paragraphLine = index + 1 }
                paragraph.append(line)
            }
        }
        flush()
        return script
    }
}
