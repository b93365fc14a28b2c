import Foundation
import OratorCore
import OratorMotion

/// Stage `motion`: `timeline.json` -> `motion.bin` (per-frame coefficients) + `cues.json`.
public struct MotionStage: Sendable {
    public static let name = "motion"
    public static let version = 2

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
        try MotionTrackFile.write(track, to: folder.appendingPathComponent(StageFiles.motion))
        try StageFiles.writeJSON(cues, to: folder.appendingPathComponent(StageFiles.cues))
    }
}
