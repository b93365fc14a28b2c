/// A parsed script: what to say, in order, with pauses and headings.
public struct Script: Sendable, Codable, Equatable {
    /// The first `# Title` line, if any.
    public var title: String?
    /// The script's content in order.
    public var segments: [ScriptSegment]

    public init(title: String? = nil, segments: [ScriptSegment] = []) {
        self.title = title
        self.segments = segments
    }

    /// All spoken text joined, for engines or aligners that take the whole text.
    public var spokenText: String {
        segments.compactMap { if case let .speech(text, _) = $0 { text } else { nil } }.joined(separator: "\n\n")
    }
}

/// One piece of a script.
public enum ScriptSegment: Sendable, Codable, Equatable {
    /// A paragraph to speak, with the 1-based line it starts on.
    case speech(String, line: Int)
    /// Silence of the given length in seconds.
    case pause(Double)
    /// A `# Heading` line (the first one is the title); later headings start chapters.
    case heading(String, line: Int)
}
