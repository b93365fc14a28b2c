/// How the head moves: `--pose-style` presets over the idle sway and the accents on stressed
/// syllables (SadTalker's `--pose_style` is a number into a learned table; these are named).
public enum PoseStyle: String, Sendable, Codable, CaseIterable, Equatable {
    /// The default: gentle sway, a nod on about a third of the stressed syllables, now and then
    /// a brow raise.
    case natural
    /// Less sway, fewer and smaller nods, hardly any brow raises: a newsreader.
    case calm
    /// More sway, more nods and brow raises: an enthusiastic presenter.
    case lively
    /// Little sway, a clear nod on most stressed syllables.
    case nodding

    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    struct Parameters {
        /// Multiplies the idle sway's amplitude.
        var sway: Double
        /// Chance that a stressed syllable gets a nod, and the nod's size in degrees.
        var nodChance: Double
        var nodDegrees: ClosedRange<Double>
        /// Chance of a brow raise on a stressed syllable, and its size (0...1).
        var browChance: Double
        var browRaise: ClosedRange<Double>
    }

    var parameters: Parameters {
        switch self {
        case .natural: Parameters(sway: 1, nodChance: 0.35, nodDegrees: 1.2...2.4, browChance: 0.22, browRaise: 0.4...0.8)
        case .calm: Parameters(sway: 0.55, nodChance: 0.2, nodDegrees: 0.8...1.5, browChance: 0.06, browRaise: 0.25...0.5)
        case .lively: Parameters(sway: 1.45, nodChance: 0.5, nodDegrees: 1.8...3.2, browChance: 0.4, browRaise: 0.5...0.9)
        case .nodding: Parameters(sway: 0.6, nodChance: 0.8, nodDegrees: 2.5...4, browChance: 0.1, browRaise: 0.3...0.6)
        }
    }
}
