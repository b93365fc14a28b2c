/// The timing rules that make lip sync read as speech rather than flicker.
/// Each value is documented in docs/lip-sync.md; the defaults suit 24-30 fps video.
public struct LipSyncRules: Sendable, Codable, Equatable {
    /// Open and rounded shapes start this many seconds before their sound (the mouth gets
    /// ready for a vowel before it is heard).
    public var anticipation: Double
    /// After rest, the mouth starts moving this many seconds before the first sound.
    public var leadIn: Double
    /// The shortest time a shape is shown; shorter ones are absorbed by a neighbour
    /// (closed lips on P, B, M are lengthened instead).
    public var minimumHold: Double
    /// Length of the in-between shape inserted between two very different shapes.
    public var tweenDuration: Double
    /// Pose distance (see `MouthPose.distance(to:)`) above which a tween is inserted.
    public var tweenThreshold: Float
    /// Silences shorter than this inside speech keep the mouth ready instead of resting.
    public var shortPause: Double

    public init(anticipation: Double = 0.04, leadIn: Double = 0.06, minimumHold: Double = 0.07,
                tweenDuration: Double = 0.04, tweenThreshold: Float = 1.1, shortPause: Double = 0.15) {
        self.anticipation = anticipation
        self.leadIn = leadIn
        self.minimumHold = minimumHold
        self.tweenDuration = tweenDuration
        self.tweenThreshold = tweenThreshold
        self.shortPause = shortPause
    }
}
