import Foundation
import OratorCore
import OratorMotion

extension LipSyncResult {
    /// The motion a renderer would draw for this recording: the mouth from the cues, with blinks,
    /// brows and head motion from `seed`, at `fps`.
    public func motionTrack(fps: Double, seed: UInt64) -> MotionTrack {
        MotionSynthesizer(configuration: MotionConfiguration(fps: fps, seed: seed)).track(cues: cues, timeline: timeline, duration: duration)
    }
}

/// A whole motion track as JSON for other tools: `{"fps": 24, "frames": [{...}]}`, each frame with
/// every `MotionFrame` field under its Swift name (docs/lipsync.md lists them with their units).
public enum MotionTrackJSON {
    public static func text(_ track: MotionTrack) throws(OratorError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(track), as: UTF8.self) + "\n"
        } catch {
            throw OratorError(.internalFailure, "cannot write the motion track as JSON", cause: "\(error)")
        }
    }
}
