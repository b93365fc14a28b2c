import OratorCore

extension MotionFrame {
    /// Throws if any coefficient is not a finite number, naming it: a NaN from upstream would
    /// otherwise draw a broken frame or none.
    func checkFinite() throws(OratorError) {
        let values: [(String, Float)] = [
            ("jawOpen", jawOpen), ("lipRound", lipRound), ("lipStretch", lipStretch), ("lipPress", lipPress),
            ("teethOnLip", teethOnLip), ("tongueUp", tongueUp), ("blinkLeft", blinkLeft), ("blinkRight", blinkRight),
            ("browRaise", browRaise), ("smile", smile), ("mouthFrown", mouthFrown), ("eyeWiden", eyeWiden),
            ("cheekRaise", cheekRaise), ("headYaw", headYaw), ("headPitch", headPitch), ("headRoll", headRoll),
            ("translateX", translateX), ("translateY", translateY),
        ]
        for (name, value) in values where !value.isFinite {
            throw OratorError(.renderFailed, "cannot draw a frame whose \(name) is \(value): motion values must be finite numbers")
        }
    }
}
