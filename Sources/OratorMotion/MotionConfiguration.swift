/// Settings for turning mouth cues into per-frame motion.
public struct MotionConfiguration: Sendable, Codable, Equatable {
    /// Output frames per second.
    public var fps: Double
    /// Seed for blinks and head motion; the same seed gives the same motion.
    public var seed: UInt64
    /// No head motion, translation or brow movement: only the mouth and blinks move.
    public var still: Bool
    /// Scales mouth and brow movement (1 = natural, 0.5 = subtle, 1.5 = lively).
    public var expressionScale: Float
    /// Scales head motion (1 = natural).
    public var headMotionScale: Float
    /// Shortest and longest time between blinks, seconds.
    public var blinkInterval: ClosedRange<Double>
    /// The head's way of moving (`--pose-style`).
    public var poseStyle: PoseStyle

    public init(fps: Double = 25, seed: UInt64 = 0, still: Bool = false, expressionScale: Float = 1,
                headMotionScale: Float = 1, blinkInterval: ClosedRange<Double> = 2.0...5.5, poseStyle: PoseStyle = .natural) {
        self.fps = fps
        self.seed = seed
        self.still = still
        self.expressionScale = expressionScale
        self.headMotionScale = headMotionScale
        self.blinkInterval = blinkInterval
        self.poseStyle = poseStyle
    }

    private enum CodingKeys: String, CodingKey { case fps, seed, still, expressionScale, headMotionScale, blinkInterval, poseStyle }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(fps: try c.decode(Double.self, forKey: .fps), seed: try c.decode(UInt64.self, forKey: .seed),
                  still: try c.decode(Bool.self, forKey: .still), expressionScale: try c.decode(Float.self, forKey: .expressionScale),
                  headMotionScale: try c.decode(Float.self, forKey: .headMotionScale),
                  blinkInterval: try c.decode(ClosedRange<Double>.self, forKey: .blinkInterval),
                  poseStyle: try c.decodeIfPresent(PoseStyle.self, forKey: .poseStyle) ?? .natural)
    }

    /// The natural style is left out, so cache keys made before pose styles existed still hold.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fps, forKey: .fps)
        try c.encode(seed, forKey: .seed)
        try c.encode(still, forKey: .still)
        try c.encode(expressionScale, forKey: .expressionScale)
        try c.encode(headMotionScale, forKey: .headMotionScale)
        try c.encode(blinkInterval, forKey: .blinkInterval)
        if poseStyle != .natural { try c.encode(poseStyle, forKey: .poseStyle) }
    }
}
