/// When the eyes blink: at random intervals, now and then twice in a row, each blink closing
/// fast (70 ms), holding briefly and opening more slowly (130 ms), as real blinks do.
struct BlinkSchedule {
    private(set) var starts: [Double] = []
    static let closing = 0.07, closed = 0.04, opening = 0.13

    init(duration: Double, interval: ClosedRange<Double>, random: inout SeededRandom) {
        var time = random.uniform(0.6...min(2.5, max(0.6, interval.upperBound)))
        while time < duration {
            starts.append(time)
            if random.uniform(0...1) < 0.12 { starts.append(time + 0.32) }
            time += random.uniform(interval)
        }
    }

    /// Eye closure 0...1 at `time`.
    func closure(at time: Double) -> Float {
        var value = 0.0
        for start in starts where time >= start && time < start + Self.closing + Self.closed + Self.opening {
            let phase = time - start
            let closure: Double
            if phase < Self.closing {
                closure = phase / Self.closing
            } else if phase < Self.closing + Self.closed {
                closure = 1
            } else {
                closure = 1 - (phase - Self.closing - Self.closed) / Self.opening
            }
            value = max(value, closure * closure * (3 - 2 * closure))
        }
        return Float(value)
    }
}
