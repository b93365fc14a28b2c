/// A named facial expression: D-ID's `driver_expressions` names (`neutral`, `happy`,
/// `surprise`, `serious`) plus Orator's `smile` (a gentler `happy`) and `sad`.
public enum FacialExpression: String, Sendable, Codable, CaseIterable, Equatable {
    case neutral, happy, smile, surprise, serious, sad

    /// The names, for error messages: "neutral, happy, smile, surprise, serious, sad".
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// An expression that takes effect at `start` seconds and holds until the next one; the face
/// eases into it (see `MotionSynthesizer`). `intensity` is 0...1 (D-ID's range).
public struct TimedExpression: Sendable, Codable, Equatable {
    public var start: Double
    public var expression: FacialExpression
    public var intensity: Float
    /// Seconds the face takes to ease into it (nil: 0.25 s).
    public var transition: Double?

    public init(start: Double, expression: FacialExpression, intensity: Float = 1, transition: Double? = nil) {
        self.start = start
        self.expression = expression
        self.intensity = intensity
        self.transition = transition
    }

    /// The same cue `seconds` later.
    public func shifted(by seconds: Double) -> TimedExpression {
        TimedExpression(start: start + seconds, expression: expression, intensity: intensity, transition: transition)
    }

    /// Reads a cue's words: `smile`, `happy 0.6` (an intensity from 0 to 1); nil when the first
    /// word is not an expression's name. A bad intensity throws a message without a location.
    public static func parseCue(_ cue: String) throws(OratorError) -> (FacialExpression, Float)? {
        let words = cue.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = words.first, let expression = FacialExpression(rawValue: first.lowercased()) else { return nil }
        guard words.count <= 2 else {
            throw OratorError(.invalidInput, "[\(cue)] takes one intensity at most, e.g. [\(expression.rawValue) 0.6]")
        }
        guard words.count == 2 else { return (expression, 1) }
        guard let value = Float(words[1]), value.isFinite, (0...1).contains(value) else {
            throw OratorError(.invalidInput, "bad intensity '\(words[1])' in [\(cue)] (use 0 to 1, e.g. [\(expression.rawValue) 0.6])")
        }
        return (expression, value)
    }
}
