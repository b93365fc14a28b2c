import Foundation
import OratorCore

/// A language-independent stand-in for phone recognition: each voiced frame is sorted into a
/// phone class from how open and how rounded the mouth sounds, so that recordings in languages
/// PocketSphinx does not know still get the same kind of track.
///
/// Jaw opening raises the first formant, lip rounding lowers the second; the power-weighted
/// mean frequencies below 1 kHz and between 0.9 and 3 kHz follow them. Both are ranked within
/// the recording, so the estimate adapts to the speaker's voice. Noisy frames with most power
/// above 3 kHz are fricatives (teeth together).
struct AcousticMouthEstimator: Sendable {
    /// Frames this far below the loudest speech are treated as a closure (mouth nearly shut).
    var closureDepthDB: Float = 28
    /// Shortest run of one class, in frames; shorter runs join a neighbour.
    var minimumRun = 4

    func timeline(from features: AcousticFeatures, voiceActivity: VoiceActivity) -> SpeechTimeline {
        let frames = min(features.frameCount, voiceActivity.isSpeech.count)
        let speechFrames = (0..<frames).filter { voiceActivity.isSpeech[$0] }
        var classes = [Phone](repeating: .silence, count: frames)
        guard !speechFrames.isEmpty else {
            return SpeechTimeline(phones: TimelineVoicing.withSilences([], duration: features.duration), duration: features.duration)
        }
        let peak = percentile(speechFrames.map { features.levelDB[$0] }, 0.95)
        let voiced = speechFrames.filter { features.flatness[$0] < 0.35 && features.highShare[$0] < 0.5 }
        let opening = Ranking(voiced.map { features.lowCentroid[$0] })
        let spreading = Ranking(voiced.map { features.midCentroid[$0] })
        for frame in speechFrames {
            let depth = peak - features.levelDB[frame]
            if features.highShare[frame] > 0.5, features.flatness[frame] > 0.25 {
                classes[frame] = .s
            } else if depth > closureDepthDB {
                classes[frame] = .m
            } else {
                let loudness = min(1, max(0, 1 - depth / closureDepthDB))
                let open = opening.rank(of: features.lowCentroid[frame]) * (0.5 + 0.5 * loudness)
                let round = 1 - spreading.rank(of: features.midCentroid[frame])
                classes[frame] = vowelClass(open: open, round: round)
            }
        }
        let phones = runs(of: smoothed(classes))
        return SpeechTimeline(phones: TimelineVoicing.withSilences(phones, duration: features.duration), duration: features.duration)
    }

    /// Openness and rounding (0...1) to a representative phone of each mouth shape.
    private func vowelClass(open: Float, round: Float) -> Phone {
        if round > 0.75 { return open < 0.45 ? .uw : .ao }
        if open > 0.7 { return .aa }
        if open > 0.35 { return .eh }
        return .ih
    }

    /// A 5-frame majority filter that removes single-frame flicker.
    private func smoothed(_ classes: [Phone]) -> [Phone] {
        guard classes.count > 4 else { return classes }
        var result = classes
        for index in 2..<classes.count - 2 {
            var counts: [Phone: Int] = [:]
            for neighbour in index - 2...index + 2 { counts[classes[neighbour], default: 0] += 1 }
            if let (phone, count) = counts.max(by: { $0.value < $1.value }), count >= 3 { result[index] = phone }
        }
        return result
    }

    /// Runs of one class as timed phones (changing between the centres of the frames' windows);
    /// short runs are absorbed by the previous one.
    private func runs(of classes: [Phone]) -> [TimedPhone] {
        var phones: [TimedPhone] = []
        var start = 0
        for index in 1...classes.count where index == classes.count || classes[index] != classes[start] {
            let phone = classes[start]
            let begin = AcousticFeatures.boundary(beforeFrame: start), end = AcousticFeatures.boundary(beforeFrame: index)
            if phone != .silence, index - start < minimumRun, let last = phones.last, last.phone != .silence, abs(last.end - begin) < 1e-9 {
                phones[phones.count - 1].end = end
            } else {
                phones.append(TimedPhone(phone: phone, start: begin, end: end))
            }
            start = index
        }
        return phones.filter { $0.phone != .silence }
    }

    private func percentile(_ values: [Float], _ fraction: Double) -> Float {
        let sorted = values.sorted()
        return sorted[Int(Double(sorted.count - 1) * fraction)]
    }
}

/// Where a value falls among a set of values, 0 (lowest) to 1 (highest).
private struct Ranking {
    private let sorted: [Float]
    init(_ values: [Float]) { sorted = values.sorted() }

    func rank(of value: Float) -> Float {
        guard sorted.count > 1 else { return 0.5 }
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return Float(low) / Float(sorted.count)
    }
}
