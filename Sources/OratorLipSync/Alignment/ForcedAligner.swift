import Foundation
import OratorCore
import OratorSpeech

/// Phone and word timings of a transcript in a recording, and how well they matched.
struct ForcedAlignment: Sendable {
    var timeline: SpeechTimeline
    /// Mean feature distance along the warp path (see `LipSyncResult.alignmentCost`).
    var cost: Double
    /// The speaking rate the transcript was finally synthesized at.
    var wordsPerMinute: Int
}

/// Aligns a transcript to a recording the way the aeneas aligner does: libespeak-ng speaks the
/// transcript (its phone timings are exact), both are turned into mel cepstra, dynamic time
/// warping matches their frames, and every phone and word boundary is carried through the warp.
///
/// Before warping, the transcript is re-spoken at the recording's own speaking rate (measured as
/// voiced time), which keeps the warp close to the diagonal and the boundaries sharp.
struct ForcedAligner: Sendable {
    var voice: EspeakConfiguration
    var matchSpeakingRate = true
    var warper = WindowedTimeWarper()

    func align(_ text: String, to recording: AcousticFeatures, voiceActivity: VoiceActivity) throws(OratorError) -> ForcedAlignment {
        var configuration = voice
        var speech = try TranscriptSpeech(text: text, synthesizer: EspeakSynthesizer(configuration: configuration))
        let recordedSpeech = Double(voiceActivity.isSpeech.filter { $0 }.count)
        if matchSpeakingRate, recordedSpeech > 50 {
            let synthesized = Double(VoiceActivityDetector().detect(speech.features).isSpeech.filter { $0 }.count)
            let ratio = synthesized / recordedSpeech
            let rate = min(450, max(80, Int((Double(configuration.wordsPerMinute) * ratio).rounded())))
            if synthesized > 0, abs(ratio - 1) > 0.12, rate != configuration.wordsPerMinute {
                configuration.wordsPerMinute = rate
                speech = try TranscriptSpeech(text: text, synthesizer: EspeakSynthesizer(configuration: configuration))
            }
        }
        let bandwidth = min(recording.bandwidthHz, speech.features.bandwidthHz)
        // Only the stretch from the first to the last speech (plus a margin) is warped, so that
        // leading and trailing silences of different lengths cannot pull words into them.
        let referenceSpan = Self.span(of: voiceActivity.regions.first.map { $0.lowerBound..<voiceActivity.regions.last!.upperBound },
                                      frames: recording.frameCount)
        let spoken = speech.timeline.phones.filter { $0.phone != .silence }
        let querySpan = Self.span(of: spoken.first.map {
            AcousticFeatures.frame(at: $0.start)..<AcousticFeatures.frame(at: spoken.last!.end) + 1
        }, frames: speech.features.frameCount)
        let reference = recording.cepstra(rows: referenceSpan, bandwidthHz: bandwidth)
        let query = speech.features.cepstra(rows: querySpan, bandwidthHz: bandwidth)
        let path = warper.align(reference: reference, query: query)
        let map = TimeMap(path: path, queryFrames: query.rows, queryStart: querySpan.lowerBound,
                          referenceStart: referenceSpan.lowerBound, duration: recording.duration)
        var timeline = SpeechTimeline(duration: recording.duration)
        for phone in speech.timeline.phones {
            let start = map.time(of: phone.start), end = map.time(of: phone.end)
            if end > start { timeline.phones.append(TimedPhone(phone: phone.phone, start: start, end: end, symbol: phone.symbol)) }
        }
        for word in speech.timeline.words {
            let start = map.time(of: word.start), end = map.time(of: word.end)
            timeline.words.append(TimedWord(text: word.text, start: start, end: max(start, end)))
        }
        let baseline = Self.unalignedDistance(reference, query)
        return ForcedAlignment(timeline: timeline, cost: baseline > 0 ? path.meanCost / baseline : 0,
                               wordsPerMinute: configuration.wordsPerMinute)
    }

    /// The mean distance between frames paired without regard to timing (a fixed spread of
    /// pairs): what the warp path's cost is measured against, so that the cost does not depend on
    /// the voice or the microphone.
    static func unalignedDistance(_ reference: FeatureMatrix, _ query: FeatureMatrix) -> Double {
        guard reference.rows > 0, query.rows > 0 else { return 0 }
        let pairs = 4000
        var sum = 0.0
        for index in 0..<pairs {
            let row = (index &* 7919) % reference.rows, column = (index &* 104_729 &+ 13) % query.rows
            sum += Double(reference.distance(row, query, column))
        }
        return sum / Double(pairs)
    }

    /// `frames` widened by 150 ms on each side and kept inside `0..<total`; all frames if nil or empty.
    static func span(of frames: Range<Int>?, frames total: Int) -> Range<Int> {
        guard let frames, !frames.isEmpty, total > 0 else { return 0..<max(total, 0) }
        let lower = max(0, frames.lowerBound - 15), upper = min(total, frames.upperBound + 15)
        return lower < upper ? lower..<upper : 0..<total
    }
}

/// Carries times of the synthesized transcript (query) to times of the recording (reference)
/// through a warp path: a query frame matched to several recording frames spreads across them.
/// The path covers query frames from `queryStart` and reference frames from `referenceStart`;
/// times before or after it stick to its ends.
struct TimeMap: Sendable {
    private var first: [Int32]
    private var last: [Int32]
    private let queryStart: Int
    private let referenceStart: Int
    private let duration: Double

    init(path: WarpPath, queryFrames: Int, queryStart: Int, referenceStart: Int, duration: Double) {
        first = [Int32](repeating: .max, count: max(queryFrames, 1))
        last = [Int32](repeating: 0, count: max(queryFrames, 1))
        for pair in path.pairs {
            let index = Int(pair.query)
            first[index] = min(first[index], pair.reference)
            last[index] = max(last[index], pair.reference)
        }
        // Query frames the path skipped (it never does, but be safe) take their neighbour's place.
        for index in first.indices where first[index] == .max {
            first[index] = index > 0 ? last[index - 1] : 0
            last[index] = first[index]
        }
        self.queryStart = queryStart
        self.referenceStart = referenceStart
        self.duration = duration
    }

    /// The recording time that corresponds to transcript time `seconds`.
    func time(of seconds: Double) -> Double {
        let position = seconds * AcousticFeatures.frameRate - Double(queryStart)
        let frame: Double
        if position < 0 {
            frame = Double(first[0])
        } else if position >= Double(first.count) {
            frame = Double(last[last.count - 1] + 1)
        } else {
            let index = Int(position.rounded(.down))
            let fraction = position - Double(index)
            frame = Double(first[index]) + fraction * Double(last[index] + 1 - first[index])
        }
        return min(duration, max(0, (frame + Double(referenceStart)) / AcousticFeatures.frameRate))
    }
}
