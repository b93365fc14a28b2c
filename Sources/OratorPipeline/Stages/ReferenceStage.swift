import Foundation
import OratorCore
import OratorFace

/// Stage `reference`: a reference video -> `reference.json` (`ReferenceMotion`: head pose and
/// eye closure per output frame, tracked with dlib), for `--ref-pose` and `--ref-eyeblink`.
public struct ReferenceStage: Sendable {
    public static let name = "reference"
    public static let version = 1
    public static let file = "reference.json"

    public var fps: Double
    /// Seconds of video needed (the speech's length); a longer video is trimmed.
    public var duration: Double

    public init(fps: Double, duration: Double) {
        self.fps = fps
        self.duration = duration
    }

    public func key(video: URL) throws(OratorError) -> CacheKey {
        CacheKey(stage: Self.name, version: Self.version, parts: [try .file("video", video), try .value("span", [fps, duration])])
    }

    public func run(video: URL, into folder: URL) throws(OratorError) {
        let motion = try ReferenceVideoTracker(analyzer: FaceAnalyzer()).track(video, fps: fps, duration: duration)
        try StageFiles.writeJSON(motion, to: folder.appendingPathComponent(Self.file))
    }
}
