import Foundation
import OratorCore

/// Music a script asks for: a file it names, or a bed for Orator to compose.
public enum ScriptMusic: Sendable, Codable, Hashable {
    /// An audio file, as written in the script (relative to it).
    case file(String)
    /// A composed bed (`generate calm`, `generate upbeat tempo=110 seed=3`).
    case generate(MusicRequest)

    /// Reads `music:`'s value or a `[music ...]` cue's argument: `generate` and the words
    /// `MusicRequest(words:)` reads, or else a file name.
    public static func parse(_ text: String) throws(OratorError) -> ScriptMusic {
        if let request = try MusicRequest.generating(text) { return .generate(request) }
        return .file(text.trimmingCharacters(in: .whitespaces))
    }

    /// The file, if it is one.
    public var file: String? {
        if case let .file(path) = self { path } else { nil }
    }
}
