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

    public init(fps: Double = 25, seed: UInt64 = 0, still: Bool = false, expressionScale: Float = 1,
                headMotionScale: Float = 1, blinkInterval: ClosedRange<Double> = 2.0...5.5) {
        self.fps = fps
        self.seed = seed
        self.still = still
        self.expressionScale = expressionScale
        self.headMotionScale = headMotionScale
        self.blinkInterval = blinkInterval
    }
}
