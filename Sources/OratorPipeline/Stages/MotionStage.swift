import Foundation
import OratorCore
import OratorMotion

/// Stage `motion`: `timeline.json` -> `motion.json` (mouth cues and per-frame coefficients).
public struct MotionStage: Sendable {
    public static let name = "motion"
    public static let version = 1

    /// The motion file: the track and the cues it was sampled from.
    public struct Output: Codable, Sendable {
        public var cues: [MouthCue]
        public var track: MotionTrack
    }

    public var configuration: MotionConfiguration

    public init(configuration: MotionConfiguration) {
        self.configuration = configuration
    }

    public func key(timeline: URL) throws(OratorError) -> CacheKey {
        CacheKey(stage: Self.name, version: Self.version,
                 parts: [try .file("timeline", timeline), try .value("motion", configuration)])
    }

    /// Reads the timeline and writes the motion file into `folder`.
    public func run(timeline url: URL, into folder: URL) throws(OratorError) {
        let timeline = try StageFiles.readJSON(SpeechTimeline.self, from: url)
        let cues = VisemeTrackBuilder().cues(for: timeline)
        let track = MotionSynthesizer(configuration: configuration).track(cues: cues, timeline: timeline, duration: timeline.duration)
        try StageFiles.writeJSON(Output(cues: cues, track: track), to: folder.appendingPathComponent(StageFiles.motion))
    }
}
