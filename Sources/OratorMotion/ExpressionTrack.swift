import OratorCore

/// The expression coefficients one expression sets at full intensity.
struct ExpressionPose: Equatable {
    var smile: Double = 0
    var mouthFrown: Double = 0
    var browRaise: Double = 0
    var eyeWiden: Double = 0
    var cheekRaise: Double = 0

    static let neutral = ExpressionPose()

    /// What each expression does to the face. `happy` is a full smile that reaches the eyes
    /// (raised cheeks narrow them a little); `smile` is a gentler one; `surprise` lifts the
    /// brows and widens the eyes; `serious` lowers the brows and narrows the eyes with the
    /// mouth corners slightly down; `sad` pulls the corners down.
    init(_ expression: FacialExpression) {
        switch expression {
        case .neutral: self.init()
        case .happy: self.init(smile: 1, browRaise: 0.15, eyeWiden: -0.25, cheekRaise: 0.8)
        case .smile: self.init(smile: 0.65, eyeWiden: -0.1, cheekRaise: 0.4)
        case .surprise: self.init(browRaise: 1, eyeWiden: 1)
        case .serious: self.init(mouthFrown: 0.3, browRaise: -0.5, eyeWiden: -0.25)
        case .sad: self.init(mouthFrown: 0.85, browRaise: -0.2, eyeWiden: -0.35)
        }
    }

    init(smile: Double = 0, mouthFrown: Double = 0, browRaise: Double = 0, eyeWiden: Double = 0, cheekRaise: Double = 0) {
        self.smile = smile
        self.mouthFrown = mouthFrown
        self.browRaise = browRaise
        self.eyeWiden = eyeWiden
        self.cheekRaise = cheekRaise
    }

    func scaled(_ factor: Double) -> ExpressionPose {
        ExpressionPose(smile: smile * factor, mouthFrown: mouthFrown * factor, browRaise: browRaise * factor,
                       eyeWiden: eyeWiden * factor, cheekRaise: cheekRaise * factor)
    }

    func mixed(with other: ExpressionPose, _ t: Double) -> ExpressionPose {
        func mix(_ a: Double, _ b: Double) -> Double { a + (b - a) * t }
        return ExpressionPose(smile: mix(smile, other.smile), mouthFrown: mix(mouthFrown, other.mouthFrown),
                              browRaise: mix(browRaise, other.browRaise), eyeWiden: mix(eyeWiden, other.eyeWiden),
                              cheekRaise: mix(cheekRaise, other.cheekRaise))
    }
}

/// The expression at each moment of a clip: neutral until the first cue, then each cue's pose
/// (times its intensity) until the next. The face eases from wherever it is into each new pose
/// over the cue's transition (0.25 s unless it says) centred on the cue, so the expression is
/// mostly there by the word.
struct ExpressionTrack {
    static let transition = 0.25

    private struct Step { var start: Double; var length: Double; var from: ExpressionPose; var to: ExpressionPose }
    private let steps: [Step]

    init(_ cues: [TimedExpression]) {
        var steps: [Step] = []
        var current = ExpressionPose.neutral
        for cue in cues.sorted(by: { $0.start < $1.start }) {
            let length = max(0, cue.transition ?? Self.transition)
            let start = cue.start - length / 2
            // A cue that comes before the last one's easing ends starts from where that easing is.
            if let last = steps.last { current = Self.value(of: last, at: start) }
            let target = ExpressionPose(cue.expression).scaled(Double(max(0, min(1, cue.intensity))))
            steps.append(Step(start: start, length: length, from: current, to: target))
        }
        self.steps = steps
    }

    var isEmpty: Bool { steps.isEmpty }

    func pose(at time: Double) -> ExpressionPose {
        guard let step = steps.last(where: { $0.start <= time }) else { return .neutral }
        return Self.value(of: step, at: time)
    }

    private static func value(of step: Step, at time: Double) -> ExpressionPose {
        let t = step.length > 0 ? min(1, max(0, (time - step.start) / step.length)) : 1
        return step.from.mixed(with: step.to, t * t * (3 - 2 * t))
    }
}
