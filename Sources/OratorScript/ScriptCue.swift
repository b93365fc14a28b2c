import OratorCore
import Foundation

/// Inline cues: `[pause 1.5s]`, `[pause 500ms]`, `[music FILE]`, `[music generate MOOD]`, `[music stop]`,
/// and expressions (`[smile]`, `[happy 0.6]`; see `TimedExpression.parseCue`).
enum ScriptCue {
    /// The expression a cue names, with its intensity; nil for any other cue.
    static func expression(_ cue: String, location: String) throws(OratorError) -> (FacialExpression, Float)? {
        do { return try TimedExpression.parseCue(cue) } catch {
            throw OratorError(.invalidInput, "\(location): \(error.message)")
        }
    }

    static func parse(_ cue: String, location: String, line: Int) throws(OratorError) -> ScriptSegment {
        let parts = cue.split(separator: " ", maxSplits: 1).map(String.init)
        switch parts.first?.lowercased() {
        case "pause":
            guard parts.count == 2, let seconds = duration(parts[1]), seconds > 0, seconds <= 600 else {
                throw OratorError(.invalidInput, "\(location): bad pause duration '\(parts.count == 2 ? parts[1] : "")' (use e.g. [pause 1.5s] or [pause 500ms], up to 600 s)")
            }
            return .pause(seconds)
        case "music":
            guard parts.count == 2 else {
                throw OratorError(.invalidInput, "\(location): [music] needs a file, 'generate MOOD' or 'stop', e.g. [music bed.mp3] or [music generate calm]")
            }
            let argument = parts[1].trimmingCharacters(in: .whitespaces)
            if argument.lowercased() == "stop" { return .music(nil, line: line) }
            do { return .music(try ScriptMusic.parse(argument), line: line) } catch {
                throw OratorError(.invalidInput, "\(location): \(error.message)")
            }
        default:
            throw OratorError(.invalidInput, "\(location): unknown cue '[\(cue)]' (known: [pause 1.5s], [music FILE], [music generate MOOD], [music stop], and the expressions [\(FacialExpression.allCases.map(\.rawValue).joined(separator: "], ["))] with an optional intensity, e.g. [happy 0.6])")
        }
    }

    /// `1.5s`, `1.5`, `500ms`.
    static func duration(_ text: String) -> Double? {
        let value = text.lowercased().trimmingCharacters(in: .whitespaces)
        if value.hasSuffix("ms") { return Double(value.dropLast(2)).map { $0 / 1000 } }
        if value.hasSuffix("s") { return Double(value.dropLast()) }
        return Double(value)
    }
}
