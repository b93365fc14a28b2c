import Foundation
import OratorCore

/// What `--transcript` says about a recording's words: a text file with them, `auto` (recognize
/// them; the default), or `none` (recognize phones only, the path before word recognition).
/// A file really named `auto` or `none` is given as `./auto`.
public enum TranscriptOption: Sendable, Equatable {
    case automatic
    case none
    case file(URL)

    /// Parses the option's value; paths are against the working folder.
    public init(argument: String) {
        switch argument {
        case "auto": self = .automatic
        case "none": self = .none
        default: self = .file(URL(fileURLWithPath: argument).standardizedFileURL)
        }
    }

    /// The transcript file, if one was given.
    public var file: URL? { if case let .file(url) = self { url } else { nil } }

    /// False only for `none`.
    public var recognizesWords: Bool { self != .none }
}
