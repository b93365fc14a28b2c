import OratorCore

/// How the audio is drawn in a scene: a style, where it sits, and how it looks.
public struct VisualizationStyle: Sendable, Codable, Equatable {
    /// What is drawn. The strip styles (all but `circular`) fill a strip at the top or bottom, or the
    /// frame behind the speakers; `circular` rings the active speaker's cell.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Nothing.
        case none
        /// The waveform of the frame's audio as a line.
        case waveform
        /// Spectrum bars, low to high frequency.
        case bars
        /// Spectrum columns of stacked dots.
        case dots
        /// The waveform as a filled area.
        case filled
        /// The spectrum as a smooth filled curve.
        case spectrum
        /// Spectrum bars radiating from a ring around the active speaker.
        case circular
        /// Particles rising from the baseline, as many, big and bright as the band they follow is loud.
        case particles
    }

    /// Where a strip style is drawn.
    public enum Position: String, Sendable, Codable, CaseIterable {
        case bottom, top
        /// Rising from a strip at the bottom to behind the speakers, who are inset so it shows around them.
        case behind
    }

    public var kind: Kind
    public var position: Position
    /// The colour, or nil for the scene's accent colour.
    public var color: RGBColor?
    /// The strip's height as a fraction of the frame height.
    public var height: Double
    public var opacity: Double
    /// Drawn both ways from the strip's centre line (`circular`: the same on both sides of the ring).
    public var mirror: Bool
    /// 0 (none) to 1: how slowly levels fall after a peak, and how much the waveform is smoothed along its length.
    public var smoothing: Double

    public static let heights = 0.05...0.5
    public static let opacities = 0.05...1.0
    public static let smoothings = 0.0...1.0

    public init(kind: Kind = .none, position: Position = .bottom, color: RGBColor? = nil, height: Double = 0.14,
                opacity: Double = 0.9, mirror: Bool = false, smoothing: Double = 0) {
        self.kind = kind
        self.position = position
        self.color = color
        self.height = height
        self.opacity = opacity
        self.mirror = mirror
        self.smoothing = smoothing
    }

    /// Whether a strip is kept for it (at the top or bottom of the frame).
    var takesStrip: Bool { kind != .none && kind != .circular && position != .behind }
    /// Whether it is drawn before the speakers.
    var isBehind: Bool { kind != .none && kind != .circular && position == .behind }

    /// Throws naming the first setting out of its range.
    public func validate() throws(OratorError) {
        for (name, value, range) in [("height", height, Self.heights), ("opacity", opacity, Self.opacities),
                                     ("smoothing", smoothing, Self.smoothings)] where !range.contains(value) || !value.isFinite {
            throw OratorError(.invalidInput, "invalid visualization \(name) \(value): use \(range.lowerBound) to \(range.upperBound)")
        }
    }
}
