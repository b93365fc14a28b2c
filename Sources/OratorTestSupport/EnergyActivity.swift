import Foundation

/// A simple, independent voice-activity reference for mix tests and benchmarks.
public enum EnergyActivity {
    /// Speech intervals of a recording from 20 ms RMS frames above -40 dBFS (bridging 0.2 s gaps).
    public static func intervals(_ url: URL) throws -> [ClosedRange<Double>] {
        let rate = 16_000
        let samples = try MediaTool.monoSamples(url, rate: rate)
        let frame = rate / 50
        var intervals: [ClosedRange<Double>] = []
        var start: Double?
        for index in stride(from: 0, to: samples.count - frame, by: frame) {
            let rms = sqrt(samples[index..<index + frame].reduce(0) { $0 + $1 * $1 } / Float(frame))
            let t = Double(index) / Double(rate)
            if rms > 0.01 { if start == nil { start = t } } else if let s = start {
                intervals.append(s...t); start = nil
            }
        }
        if let start { intervals.append(start...Double(samples.count) / Double(rate)) }
        var merged: [ClosedRange<Double>] = []
        for interval in intervals {
            if let last = merged.last, interval.lowerBound - last.upperBound < 0.2 {
                merged[merged.count - 1] = last.lowerBound...interval.upperBound
            } else { merged.append(interval) }
        }
        return merged
    }
}
