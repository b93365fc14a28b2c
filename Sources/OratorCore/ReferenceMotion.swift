/// Head pose and eye closure tracked in a reference video (`--ref-pose`, `--ref-eyeblink`), one
/// entry per output frame from the first.
public struct ReferenceMotion: Sendable, Codable, Equatable {
    public struct Frame: Sendable, Codable, Equatable {
        /// Degrees, in `MotionFrame`'s senses, relative to the video's median pose.
        public var yaw: Float
        public var pitch: Float
        public var roll: Float
        /// Eye closure 0 (open) ... 1 (shut), the viewer's left and right.
        public var blinkLeft: Float
        public var blinkRight: Float

        public init(yaw: Float, pitch: Float, roll: Float, blinkLeft: Float, blinkRight: Float) {
            self.yaw = yaw
            self.pitch = pitch
            self.roll = roll
            self.blinkLeft = blinkLeft
            self.blinkRight = blinkRight
        }
    }

    public var fps: Double
    public var frames: [Frame]
    /// Frames in which a face was found (the others are filled in from their neighbours).
    public var trackedFrames: Int

    public init(fps: Double, frames: [Frame], trackedFrames: Int) {
        self.fps = fps
        self.frames = frames
        self.trackedFrames = trackedFrames
    }

    /// The entry for output frame `index`: a video shorter than the speech plays forward, then
    /// backward, and so on, so the head never jumps at the seam.
    public func frame(at index: Int) -> Frame {
        guard frames.count > 1 else { return frames.first ?? Frame(yaw: 0, pitch: 0, roll: 0, blinkLeft: 0, blinkRight: 0) }
        let period = 2 * (frames.count - 1)
        let phase = index % period
        return frames[phase < frames.count ? phase : period - phase]
    }
}
