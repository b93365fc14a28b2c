/// A small deterministic generator (SplitMix64), so `--seed` reproduces the same motion on
/// every machine and Swift version (the standard library's generator is not reproducible).
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in `range`.
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * Double(next() >> 11) / Double(1 << 53)
    }

    /// A generator of its own for `stream`, from this one's state (which it leaves alone):
    /// different streams give unrelated draws, however close their numbers.
    func fork(_ stream: UInt64) -> SeededRandom {
        var mixer = SeededRandom(seed: state ^ stream)
        return SeededRandom(seed: mixer.next())
    }
}
