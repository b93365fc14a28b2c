import Foundation

/// Which 10 ms frames of a recording hold speech.
///
/// Speech must rise clearly above the recording's own noise floor and contain voiced
/// (harmonic) frames, so steady hiss, hum or digital silence is never speech. Gaps shorter
/// than a stop closure are bridged and blips shorter than a syllable dropped.
public struct VoiceActivity: Sendable, Equatable {
    /// One flag per frame (100 per second).
    public var isSpeech: [Bool]

    /// Frames per second of `isSpeech`.
    public static let frameRate = AcousticFeatures.frameRate

    public init(isSpeech: [Bool]) { self.isSpeech = isSpeech }

    /// Speech stretches as half-open frame ranges, in time order.
    public var regions: [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int?
        for (index, speech) in isSpeech.enumerated() {
            if speech, start == nil { start = index }
            if !speech, let begin = start { result.append(begin..<index); start = nil }
        }
        if let begin = start { result.append(begin..<isSpeech.count) }
        return result
    }

    /// Speech stretches in seconds.
    public var speechIntervals: [ClosedRange<Double>] {
        regions.map { Double($0.lowerBound) / Self.frameRate...Double($0.upperBound) / Self.frameRate }
    }

    /// True if the frame at `seconds` is speech.
    public func isSpeech(at seconds: Double) -> Bool {
        let index = Int((seconds * Self.frameRate).rounded(.down))
        return isSpeech.indices.contains(index) && isSpeech[index]
    }

    /// Share of frames that are speech, 0...1.
    public var speechFraction: Double {
        isSpeech.isEmpty ? 0 : Double(isSpeech.filter { $0 }.count) / Double(isSpeech.count)
    }
}

/// Settings of the voice activity detector.
struct VoiceActivityDetector: Sendable {
    /// Frames quieter than this (dBFS) are never speech.
    var absoluteFloorDB: Float = -55
    /// Speech must be this far above the noise floor (the 10th percentile level).
    var marginAboveFloorDB: Float = 12
    /// Speech is at most this far below the loudest speech (the 99th percentile level).
    var rangeBelowPeakDB: Float = 38
    /// Frames with spectral flatness below this count as voiced.
    var voicedFlatness: Float = 0.3
    /// A region needs this many voiced frames to count as speech.
    var minimumVoicedFrames = 4
    /// Pauses shorter than this many frames are bridged (stop closures, short breaks).
    var bridgeFrames = 12
    /// Speech regions shorter than this many frames are dropped.
    var minimumSpeechFrames = 6

    func detect(_ features: AcousticFeatures) -> VoiceActivity {
        let levels = features.levelDB
        guard !levels.isEmpty else { return VoiceActivity(isSpeech: []) }
        let sorted = levels.sorted()
        let floor = sorted[Int(Double(sorted.count - 1) * 0.1)]
        let peak = sorted[Int(Double(sorted.count - 1) * 0.99)]
        // Under a second there may be no pause to learn the noise floor from (a clip that is all
        // speech); the voicing check below still keeps noise out.
        let floorTerm = levels.count >= 100 ? floor + marginAboveFloorDB : -.infinity
        let threshold = max(absoluteFloorDB, floorTerm, peak - rangeBelowPeakDB)
        var speech = levels.map { $0 >= threshold }
        bridge(&speech)
        let regions = VoiceActivity(isSpeech: speech).regions
        for region in regions {
            let voiced = region.filter { features.flatness[$0] < voicedFlatness }.count
            if region.count < minimumSpeechFrames || voiced < minimumVoicedFrames {
                for index in region { speech[index] = false }
            }
        }
        return VoiceActivity(isSpeech: speech)
    }

    /// Fills non-speech gaps shorter than `bridgeFrames` that have speech on both sides.
    private func bridge(_ speech: inout [Bool]) {
        var lastSpeech: Int?
        for index in speech.indices where speech[index] {
            if let last = lastSpeech, index - last > 1, index - last - 1 < bridgeFrames {
                for gap in last + 1..<index { speech[gap] = true }
            }
            lastSpeech = index
        }
    }
}
