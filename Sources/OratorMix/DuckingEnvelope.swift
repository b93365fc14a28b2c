import Foundation

/// The music bed's gain over time, keyed by speech: full level in gaps, `depth` dB down while
/// anyone speaks. Each drop starts `lead` seconds before speech and is complete when it starts;
/// pauses shorter than `hold` stay down; recovery takes `release` seconds. Transitions follow a
/// raised cosine in dB, so the gain and its slope are continuous (no clicks, no pumping edges).
public struct DuckingEnvelope: Sendable {
    /// The ducked regions: speech intervals with short pauses bridged.
    public let regions: [ClosedRange<Double>]
    /// The ducking shape.
    public let configuration: DuckingConfiguration

    /// Builds the envelope for speech `activity` (seconds, any order, may overlap).
    public init(activity: [ClosedRange<Double>], configuration: DuckingConfiguration) {
        self.configuration = configuration
        self.regions = SpeechActivity.merged(activity, bridging: configuration.hold)
    }

    /// How far down the bed is at `time`, from 0 (full level) to 1 (fully ducked).
    public func amount(at time: Double) -> Double {
        var result = 0.0
        for region in regions where time > region.lowerBound - configuration.lead && time < region.upperBound + configuration.release {
            result = max(result, Self.amount(at: time, region: region, configuration: configuration))
        }
        return result
    }

    /// The bed's linear gain at `time`.
    public func gain(at time: Double) -> Double {
        Decibels.toAmplitude(-configuration.depth * amount(at: time))
    }

    /// Linear gains for `count` consecutive samples starting at `firstSample` (at `sampleRate`).
    /// `cursor` remembers where the last call got to in `regions`; start it at 0 and call in time order.
    func gains(firstSample: Int, count: Int, sampleRate: Int, cursor: inout Int) -> [Float] {
        var amounts = [Double](repeating: 0, count: count)
        let rate = Double(sampleRate)
        let blockStart = Double(firstSample) / rate
        let blockEnd = Double(firstSample + count) / rate
        while cursor < regions.count, regions[cursor].upperBound + configuration.release < blockStart { cursor += 1 }
        var index = cursor
        while index < regions.count, regions[index].lowerBound - configuration.lead < blockEnd {
            let region = regions[index]
            let from = max(0, Int(((region.lowerBound - configuration.lead) * rate).rounded(.down)) - firstSample)
            let to = min(count, Int(((region.upperBound + configuration.release) * rate).rounded(.up)) - firstSample + 1)
            if from < to {
                for offset in from..<to {
                    let time = Double(firstSample + offset) / rate
                    amounts[offset] = max(amounts[offset], Self.amount(at: time, region: region, configuration: configuration))
                }
            }
            index += 1
        }
        let depth = configuration.depth
        let fullyDown = Float(Decibels.toAmplitude(-depth))
        return amounts.map { $0 == 0 ? 1 : $0 == 1 ? fullyDown : Float(Decibels.toAmplitude(-depth * $0)) }
    }

    /// The duck amount that one region alone asks for at `time`.
    private static func amount(at time: Double, region: ClosedRange<Double>, configuration: DuckingConfiguration) -> Double {
        if time >= region.lowerBound && time <= region.upperBound { return 1 }
        if time < region.lowerBound {
            let lead = configuration.lead
            guard lead > 0, time > region.lowerBound - lead else { return 0 }
            return raisedCosine((time - (region.lowerBound - lead)) / lead)
        }
        let release = configuration.release
        guard release > 0, time < region.upperBound + release else { return 0 }
        return 1 - raisedCosine((time - region.upperBound) / release)
    }

    /// 0 at 0, 1 at 1, with zero slope at both ends.
    static func raisedCosine(_ x: Double) -> Double {
        0.5 - 0.5 * cos(Double.pi * min(1, max(0, x)))
    }
}
