import Foundation
import OratorCore

/// An independent, deliberately simple speech reference for real recordings: 10 ms frames whose
/// level is above the noise floor (10th percentile) by 30% of the floor-to-peak range, gaps under
/// 200 ms bridged. It shares no code or
/// thresholds with the engine's detector.
public struct ReferenceVoicing: Sendable {
    /// Whether each 10 ms frame is speech.
    public var isSpeech: [Bool]

    /// Measures `audio`.
    public init(audio: PCMBuffer) {
        let hop = audio.sampleRate / 100
        let frames = audio.samples.count / hop
        let levels = (0..<frames).map { frame -> Double in
            var sum = 0.0
            for index in frame * hop..<(frame + 1) * hop { sum += Double(audio.samples[index] * audio.samples[index]) }
            return 10 * log10(max(sum / Double(hop), 1e-12))
        }
        let sorted = levels.sorted()
        let floor = sorted.isEmpty ? 0 : sorted[sorted.count / 10], peak = sorted.last ?? 0
        isSpeech = levels.map { $0 > max(floor + 0.3 * (peak - floor), -60) }
        var last: Int?
        for index in isSpeech.indices where isSpeech[index] {
            if let previous = last, index - previous > 1, index - previous <= 20 {
                for gap in previous + 1..<index { isSpeech[gap] = true }
            }
            last = index
        }
    }

    /// First speech frame start to last speech frame end, in seconds.
    public var span: ClosedRange<Double>? {
        guard let first = isSpeech.firstIndex(of: true), let last = isSpeech.lastIndex(of: true) else { return nil }
        return Double(first) / 100...Double(last + 1) / 100
    }

    /// True if some speech frame lies within `tolerance` seconds of `time`.
    public func isNear(_ time: Double, tolerance: Double) -> Bool {
        let low = max(0, Int(((time - tolerance) * 100).rounded(.down)))
        let high = min(isSpeech.count - 1, Int(((time + tolerance) * 100).rounded(.down)))
        guard low <= high else { return false }
        return (low...high).contains { isSpeech[$0] }
    }
}
