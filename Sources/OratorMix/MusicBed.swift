import Foundation
import OratorCore

/// A stretch of the episode with music under it: the file is looped or trimmed to fit, fades in
/// at `start` and fades out so that it is silent at `end`.
public struct MusicBed: Sendable, Codable, Equatable {
    /// Any audio file FFmpeg decodes.
    public var file: URL
    /// Where the bed starts, in seconds of speech-track time.
    public var start: Double
    /// Where it has faded out completely, in seconds of speech-track time; nil: the end of the speech track.
    public var end: Double?

    /// Makes a bed segment.
    public init(file: URL, start: Double = 0, end: Double? = nil) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// Turns script music cues into bed segments. Each cue is a time with a file (`[music FILE]`:
    /// start that bed) or nil (`[music stop]`). A bed lasts until the next cue plus `fadeOut`, so
    /// it starts fading at the cue; a new file while one plays cross-fades. The last bed runs to the end.
    public static func beds(fromCues cues: [(time: Double, file: URL?)], fadeOut: Double) -> [MusicBed] {
        spans(fromCues: cues.map { ($0.time, $0.file != nil) }, fadeOut: fadeOut).compactMap { span in
            cues[span.cue].file.map { MusicBed(file: $0, start: span.start, end: span.end) }
        }
    }

    /// The stretches `beds(fromCues:)` gives, for cues whose music is not a file yet (a bed still
    /// to compose, whose length is the stretch's): the index of the cue that starts each, its
    /// start, and its end (nil: the end of the speech track).
    public static func spans(fromCues cues: [(time: Double, starts: Bool)], fadeOut: Double) -> [(cue: Int, start: Double, end: Double?)] {
        let ordered = cues.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        var spans: [(cue: Int, start: Double, end: Double?)] = []
        for (index, cue) in ordered.enumerated() where cue.element.starts {
            let next = ordered.dropFirst(index + 1).first
            spans.append((cue.offset, cue.element.time, next.map { $0.element.time + fadeOut }))
        }
        return spans
    }
}

/// When someone is speaking, as time intervals in seconds, for ducking the music.
public enum SpeechActivity {
    /// The spans of a timeline's non-silent phones (or, without phones, its words), shifted by
    /// `offset` seconds, in order and merged where they touch.
    public static func intervals(from timeline: SpeechTimeline, offset: Double = 0) -> [ClosedRange<Double>] {
        let phones = timeline.phones.filter { $0.phone != .silence && $0.end > $0.start }
        let spans = phones.isEmpty
            ? timeline.words.filter { $0.end > $0.start }.map { ($0.start, $0.end) }
            : phones.map { ($0.start, $0.end) }
        return merged(spans.map { ($0.0 + offset)...($0.1 + offset) }, bridging: 0)
    }

    /// Sorts intervals and joins those separated by less than `gap` seconds.
    public static func merged(_ intervals: [ClosedRange<Double>], bridging gap: Double) -> [ClosedRange<Double>] {
        var result: [ClosedRange<Double>] = []
        for interval in intervals.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, interval.lowerBound - last.upperBound < gap || interval.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, interval.upperBound)
            } else {
                result.append(interval)
            }
        }
        return result
    }
}
