import Foundation
import OratorCore
import OratorMotion

/// Stage `motion`: `timeline.json` -> `motion.bin` (per-frame coefficients) + `cues.json`. The
/// expressions are the timeline's (from the script's cues) plus `expressions` (a recording's,
/// from `animate --expressions`).
public struct MotionStage: Sendable {
    public static let name = "motion"
    public static let version = 4

    public var configuration: MotionConfiguration
    public var expressions: [TimedExpression]
    /// `reference.json` files (`ReferenceStage`) whose head pose and blinks replace the synthesized ones.
    public var poseReference: URL?
    public var blinkReference: URL?

    public init(configuration: MotionConfiguration, expressions: [TimedExpression] = []) {
        self.configuration = configuration
        self.expressions = expressions
    }

    public func key(timeline: URL) throws(OratorError) -> CacheKey {
        var parts = [try CacheKeyPart.file("timeline", timeline), try .value("motion", configuration)]
        if !expressions.isEmpty { parts.append(try .value("expressions", expressions)) }
        if let poseReference { parts.append(try .file("pose-reference", poseReference)) }
        if let blinkReference { parts.append(try .file("blink-reference", blinkReference)) }
        return CacheKey(stage: Self.name, version: Self.version, parts: parts)
    }

    /// The mouth cues and the motion for `timeline`, before any reference video's pose.
    public func motion(for timeline: SpeechTimeline) -> (cues: [MouthCue], track: MotionTrack) {
        var timeline = timeline
        timeline.expressions = (timeline.expressions + expressions).sorted { $0.start < $1.start }
        let cues = VisemeTrackBuilder().cues(for: timeline)
        return (cues, MotionSynthesizer(configuration: configuration).track(cues: cues, timeline: timeline, duration: timeline.duration))
    }

    /// Reads the timeline and writes the motion file into `folder`.
    public func run(timeline url: URL, into folder: URL) throws(OratorError) {
        var (cues, track) = motion(for: try StageFiles.readJSON(SpeechTimeline.self, from: url))
        if poseReference != nil || blinkReference != nil {
            let pose = try poseReference.map { url throws(OratorError) in try StageFiles.readJSON(ReferenceMotion.self, from: url) }
            let blinks = try blinkReference.map { url throws(OratorError) in try StageFiles.readJSON(ReferenceMotion.self, from: url) }
            ReferenceDriving.apply(pose: pose, blinks: blinks, headMotionScale: configuration.headMotionScale, to: &track)
        }
        try MotionTrackFile.write(track, to: folder.appendingPathComponent(StageFiles.motion))
        try StageFiles.writeJSON(cues, to: folder.appendingPathComponent(StageFiles.cues))
    }
}
