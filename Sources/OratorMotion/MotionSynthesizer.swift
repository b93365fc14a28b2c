import Foundation
import OratorCore

/// Turns mouth cues and word timings into per-frame motion: the mouth from the cues, blinks at
/// natural random intervals, idle head motion with nods and brow raises on stressed words,
/// breathing, and the timeline's expressions (`[smile]`), eased in and out. Everything random
/// comes from the seed, and each frame depends only on the timeline up to `lookahead` after it.
public struct MotionSynthesizer: Sendable {
    public var configuration: MotionConfiguration

    public init(configuration: MotionConfiguration = MotionConfiguration()) {
        self.configuration = configuration
    }

    /// How far ahead of a moment the motion looks, seconds: a frame depends only on the timeline
    /// up to this long after it (stressed words are judged against the next second of speech,
    /// nods start 0.1 s ahead, mouth cues anticipate and absorb their neighbours), so frames
    /// this far before the end of a partly spoken timeline are final.
    public static let lookahead = 1.5

    /// Mixed into the seed for the head's stream.
    static let headStream: UInt64 = 0x6865_6164_6D6F_7665

    /// The motion track for a clip of `duration` seconds (frames cover the whole clip).
    public func track(cues: [MouthCue], timeline: SpeechTimeline, duration: Double) -> MotionTrack {
        let fps = configuration.fps
        let frameCount = max(1, Int((duration * fps - 1e-6).rounded(.up)))
        // Blinks and head motion draw from streams of their own, so the blinks of a longer clip
        // never shift the head's draws: the motion of a clip's start is the same whatever
        // follows it (what lets rendering start before the speech has ended).
        var blinkRandom = SeededRandom(seed: configuration.seed)
        var headRandom = SeededRandom(seed: configuration.seed ^ Self.headStream)
        let blinks = BlinkSchedule(duration: duration, interval: configuration.blinkInterval, random: &blinkRandom)
        let head = HeadMotion(timeline: timeline, style: configuration.poseStyle, random: &headRandom)
        let mouth = MouthSampler(cues: cues, window: min(0.06, 1.5 / fps))
        let scale = configuration.expressionScale
        let expressions = ExpressionTrack(timeline.expressions)
        var frames: [MotionFrame] = []
        frames.reserveCapacity(frameCount)
        for index in 0..<frameCount {
            let time = Double(index) / fps
            let pose = mouth.pose(at: time)
            var frame = MotionFrame(
                mouthShape: mouth.cue(at: time)?.shape ?? .x,
                jawOpen: clamp(pose.jawOpen * scale), lipRound: clamp(pose.lipRound * scale),
                lipStretch: clamp(pose.lipStretch * scale), lipPress: clamp(pose.lipPress),
                teethOnLip: clamp(pose.teethOnLip), tongueUp: clamp(pose.tongueUp * scale))
            let blink = blinks.closure(at: time)
            frame.blinkLeft = blink
            frame.blinkRight = blink
            if !configuration.still {
                let amount = configuration.headMotionScale
                let sample = head.sample(at: time)
                frame.headYaw = sample.yaw * amount
                frame.headPitch = sample.pitch * amount
                frame.headRoll = sample.roll * amount
                frame.translateX = sample.shiftX * amount
                frame.translateY = sample.shiftY * amount
                frame.browRaise = sample.brow * scale
            }
            // Expressions were asked for, so they show even with --still; they scale with the
            // expression scale. They move the corners of both lips together, so the lip
            // closure of p, b and m holds under a smile.
            if !expressions.isEmpty {
                let face = expressions.pose(at: time).scaled(Double(scale))
                frame.smile = clamp(Float(face.smile))
                frame.mouthFrown = clamp(Float(face.mouthFrown))
                frame.cheekRaise = clamp(Float(face.cheekRaise))
                frame.eyeWiden = max(-1, min(1, Float(face.eyeWiden)))
                frame.browRaise += Float(face.browRaise)
            }
            frame.browRaise = max(-1, min(1, frame.browRaise))
            frames.append(frame)
        }
        return MotionTrack(fps: fps, frames: frames)
    }

    private func clamp(_ value: Float) -> Float { max(0, min(1, value)) }
}
