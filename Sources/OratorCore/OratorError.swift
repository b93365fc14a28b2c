import Foundation

/// The one error type every Orator stage throws.
///
/// It carries a stable `code` for programs, a `message` a person can act on, and an optional
/// `cause` (the lower-level reason, such as a C library's status text). The CLI prints
/// `error: <message>` and exits non-zero.
public struct OratorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, machine-readable category.
    public enum Code: String, Sendable, Codable {
        case invalidInput
        case fileNotFound
        case unreadableFile
        case unwritableOutput
        case emptyScript
        case speechFailed
        case toolMissing
        case encoderFailed
        case renderFailed
        case invalidAvatar
        case noFaceFound
        case decodeFailed
        case internalFailure
        /// The caller stopped the run (a deleted job); not a failure of the input.
        case cancelled
    }

    /// The category of failure.
    public var code: Code
    /// One line that names the file or value at fault and what to do about it.
    public var message: String
    /// Lower-level detail (a library's status text, a tool's stderr), if any.
    public var cause: String?

    /// Makes an error with a code, a user-facing message and an optional cause.
    public init(_ code: Code, _ message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// One line: the message, and the first line of the cause (a parser's caret diagram or a
    /// tool's log never spills onto more lines).
    public var description: String {
        let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        let detail = cause?.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }
        guard let detail else { return line }
        return "\(line) (\(detail.count > 240 ? detail.prefix(240) + "..." : detail))"
    }
}
