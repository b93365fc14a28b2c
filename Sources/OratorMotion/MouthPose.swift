import OratorCore

/// The mouth coefficients of each shape at its full pose; frames between cues blend these.
public struct MouthPose: Sendable, Equatable {
    public var jawOpen: Float = 0
    public var lipRound: Float = 0
    public var lipStretch: Float = 0
    public var lipPress: Float = 0
    public var teethOnLip: Float = 0
    public var tongueUp: Float = 0

    public init(jawOpen: Float = 0, lipRound: Float = 0, lipStretch: Float = 0, lipPress: Float = 0,
                teethOnLip: Float = 0, tongueUp: Float = 0) {
        self.jawOpen = jawOpen
        self.lipRound = lipRound
        self.lipStretch = lipStretch
        self.lipPress = lipPress
        self.teethOnLip = teethOnLip
        self.tongueUp = tongueUp
    }

    /// The pose of a mouth shape.
    public static func of(_ shape: MouthShape) -> MouthPose {
        switch shape {
        case .a: MouthPose(lipPress: 1)
        case .b: MouthPose(jawOpen: 0.12, lipStretch: 0.35)
        case .c: MouthPose(jawOpen: 0.45, lipStretch: 0.2)
        case .d: MouthPose(jawOpen: 0.9, lipStretch: 0.1)
        case .e: MouthPose(jawOpen: 0.35, lipRound: 0.5)
        case .f: MouthPose(jawOpen: 0.15, lipRound: 1)
        case .g: MouthPose(jawOpen: 0.08, teethOnLip: 1)
        case .h: MouthPose(jawOpen: 0.4, tongueUp: 1)
        case .x: MouthPose()
        }
    }

    /// Weighted sum, for blending poses.
    static func + (lhs: MouthPose, rhs: MouthPose) -> MouthPose {
        MouthPose(jawOpen: lhs.jawOpen + rhs.jawOpen, lipRound: lhs.lipRound + rhs.lipRound,
                  lipStretch: lhs.lipStretch + rhs.lipStretch, lipPress: lhs.lipPress + rhs.lipPress,
                  teethOnLip: lhs.teethOnLip + rhs.teethOnLip, tongueUp: lhs.tongueUp + rhs.tongueUp)
    }

    static func * (pose: MouthPose, weight: Float) -> MouthPose {
        MouthPose(jawOpen: pose.jawOpen * weight, lipRound: pose.lipRound * weight,
                  lipStretch: pose.lipStretch * weight, lipPress: pose.lipPress * weight,
                  teethOnLip: pose.teethOnLip * weight, tongueUp: pose.tongueUp * weight)
    }

    /// How different two poses look: used to decide when a tween is needed.
    public func distance(to other: MouthPose) -> Float {
        abs(jawOpen - other.jawOpen) + abs(lipRound - other.lipRound) + abs(lipStretch - other.lipStretch)
            + abs(lipPress - other.lipPress) + abs(teethOnLip - other.teethOnLip) + abs(tongueUp - other.tongueUp)
    }
}
