import OratorCore

/// The mouth for one set of motion coefficients, in design units around the mouth centre
/// (y grows downwards). Every measurement is a smooth function of the coefficients, so frames
/// between two shapes are drawn in between, not snapped to either.
struct MouthGeometry: Equatable {
    /// Outer lip corner, horizontal distance from the centre.
    var halfWidth: Double
    /// Where the lips part, horizontal distance from the centre.
    var innerHalfWidth: Double
    /// Height of the lip corners (negative is up: a slight smile at rest).
    var cornerY: Double
    /// Top of the upper lip at the centre.
    var upperTop: Double
    /// Lower edge of the upper lip at the centre (top of the opening).
    var upperInner: Double
    /// Upper edge of the lower lip at the centre (bottom of the opening).
    var lowerInner: Double
    /// Bottom of the lower lip at the centre.
    var lowerBottom: Double
    /// How round the opening is: 0 a flat lens, 1 an O.
    var roundness: Double
    /// Height of the lower teeth showing above the lower lip (0: hidden).
    var lowerTeeth: Double
    /// Upper teeth resting on the lower lip, 0...1.
    var teethOnLip: Double
    /// Tongue tip raised to the upper teeth, 0...1.
    var tongueUp: Double
    /// Lips pressed together, 0...1.
    var press: Double
    /// How far the chin drops with the jaw.
    var chinDrop: Double

    /// Height of the upper teeth showing below the upper lip (puckered lips hide them).
    var upperTeeth: Double

    init(motion: MotionFrame) {
        func unit(_ value: Float) -> Double { min(max(Double(value), 0), 1) }
        let jaw = unit(motion.jawOpen)
        let round = unit(motion.lipRound)
        let stretch = unit(motion.lipStretch)
        let press = unit(motion.lipPress)
        let teeth = unit(motion.teethOnLip)
        let tongue = unit(motion.tongueUp)
        let smile = unit(motion.smile), frown = unit(motion.mouthFrown)

        // A smile draws the corners up and out, a frown pulls them down; both move the corners
        // of the two lips together, so closed lips (p, b, m) stay closed.
        halfWidth = 52 * (1 + 0.2 * stretch - 0.36 * round + 0.06 * press - 0.08 * jaw + 0.12 * smile * (1 - round) - 0.04 * frown)
        innerHalfWidth = halfWidth - (3 + 15 * round)
        let gap = (80 * jaw * (1 - 0.15 * round) + 6 * stretch * min(1, jaw * 8)) * (1 - press)
        cornerY = -5 * (1 - round) * (1 - 0.5 * jaw) + 0.28 * gap - 12 * smile * (1 - 0.6 * round) + 10 * frown
        upperInner = -0.18 * gap - 2.5 * teeth
        lowerInner = 0.82 * gap - 3 * teeth
        upperTop = upperInner - (9.5 + 3.5 * round) * (1 - 0.6 * press)
        lowerBottom = lowerInner + (12 + 4 * round + 2 * teeth) * (1 - 0.55 * press)
        roundness = round
        lowerTeeth = 9 * max(smoothstep(0.05, 0.35, max(stretch, 0.6 * smile)), smoothstep(0.45, 0.85, jaw)) * min(1, gap / 6)
        teethOnLip = teeth
        upperTeeth = 11 * (1 - 0.75 * round)
        tongueUp = tongue
        self.press = press
        chinDrop = 28 * jaw
    }

    /// The opening between the lips at the centre.
    var gap: Double { lowerInner - upperInner }
}

/// 0 below `edge0`, 1 above `edge1`, a smooth S-curve between.
func smoothstep(_ edge0: Double, _ edge1: Double, _ value: Double) -> Double {
    let t = min(max((value - edge0) / (edge1 - edge0), 0), 1)
    return t * t * (3 - 2 * t)
}

/// Linear interpolation from `a` to `b`.
func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double { a + (b - a) * t }
