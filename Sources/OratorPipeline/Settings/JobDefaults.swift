import Foundation
import OratorCore
import OratorFace
import OratorMotion
import OratorVideo

/// Every default of a job, in one place: what a setting is when no layer names it.
public enum JobDefaults {
    public static let voice = "en-us"
    public static let rate = 165
    public static let pitch = 50
    /// A neural voice speaks before any frame is drawn, so it may use every core (up to 4):
    /// measured 4.5-4.8 s against 5.4-6.9 s with one thread for examples/welcome.txt, with the
    /// same audio bytes (BENCHMARKS.md, #18). Batches and the server share the cores out.
    public static var speechThreads: Int { min(4, max(1, ProcessInfo.processInfo.activeProcessorCount)) }
    /// Each job's share of `speechThreads` when `workers` jobs run at once (batch, serve).
    public static func speechThreads(sharedBy workers: Int) -> Int { max(1, speechThreads / max(1, workers)) }
    public static let avatar = "builtin"
    public static let preprocess = PreprocessMode.crop
    public static let size = "512"
    public static let fps = 25.0
    public static let seed: UInt64 = 0
    public static let still = false
    public static let expressionScale: Float = 1
    public static let headMotion: Float = 1
    public static let poseStyle = PoseStyle.natural
    /// Half the cores render; the encoder uses the rest.
    public static var jobs: Int { FrameStreamer.defaultJobs }
    public static let encoder = EncoderChoice.automatic
    public static let quality = VideoQuality.balanced
    /// 30 s at 25 fps: the unit of caching and of resuming.
    public static let framesPerChunk = 750

    /// The ranges a resolved job must lie in (with the flag a message names).
    public static let fpsRange = 1.0...120.0
    public static let expressionScaleRange: ClosedRange<Float> = 0...3
    public static let headMotionRange: ClosedRange<Float> = 0...2
    public static let rateRange = 80...450
    public static let pitchRange = 0...100
    public static let jobsRange = 1...256
    public static let speechThreadsRange = 1...16
}
