/// The face and head coefficients of one video frame.
///
/// Every renderer (the built-in illustration, sprite packs, photo warping) draws from these
/// values alone, so a frame can be rendered anywhere from its coefficients. Mouth values are
/// 0...1; angles are in degrees; translation is a fraction of the frame height.
public struct MotionFrame: Sendable, Codable, Equatable {
    /// The mouth shape that dominates this frame (sprite renderers draw exactly this one).
    public var mouthShape: MouthShape
    /// How far the jaw is open, 0 (closed) to 1 (wide open).
    public var jawOpen: Float
    /// Lip rounding / pucker, 0 to 1.
    public var lipRound: Float
    /// Lip stretch (wide, spread lips), 0 to 1.
    public var lipStretch: Float
    /// Lips pressed together (P, B, M), 0 to 1.
    public var lipPress: Float
    /// Upper teeth resting on the lower lip (F, V), 0 to 1.
    public var teethOnLip: Float
    /// Tongue tip raised and visible (L), 0 to 1.
    public var tongueUp: Float
    /// Left eye closure, 0 (open) to 1 (closed). "Left" is the viewer's left.
    public var blinkLeft: Float
    /// Right eye closure, 0 (open) to 1 (closed).
    public var blinkRight: Float
    /// Brow raise, -1 (frown) to 1 (raised).
    public var browRaise: Float
    /// Head turn, degrees; positive turns toward the viewer's right.
    public var headYaw: Float
    /// Head nod, degrees; positive tips the chin down.
    public var headPitch: Float
    /// Head tilt, degrees; positive is clockwise as seen by the viewer.
    public var headRoll: Float
    /// Sideways head shift, fraction of frame height.
    public var translateX: Float
    /// Vertical head shift, fraction of frame height; positive is down.
    public var translateY: Float

    public init(
        mouthShape: MouthShape = .x, jawOpen: Float = 0, lipRound: Float = 0, lipStretch: Float = 0,
        lipPress: Float = 0, teethOnLip: Float = 0, tongueUp: Float = 0,
        blinkLeft: Float = 0, blinkRight: Float = 0, browRaise: Float = 0,
        headYaw: Float = 0, headPitch: Float = 0, headRoll: Float = 0,
        translateX: Float = 0, translateY: Float = 0
    ) {
        self.mouthShape = mouthShape
        self.jawOpen = jawOpen
        self.lipRound = lipRound
        self.lipStretch = lipStretch
        self.lipPress = lipPress
        self.teethOnLip = teethOnLip
        self.tongueUp = tongueUp
        self.blinkLeft = blinkLeft
        self.blinkRight = blinkRight
        self.browRaise = browRaise
        self.headYaw = headYaw
        self.headPitch = headPitch
        self.headRoll = headRoll
        self.translateX = translateX
        self.translateY = translateY
    }

    /// The face at rest: mouth closed at idle, eyes open, head centred.
    public static let rest = MotionFrame()
}

/// Per-frame motion for a whole clip at a fixed frame rate.
public struct MotionTrack: Sendable, Codable, Equatable {
    /// Frames per second.
    public var fps: Double
    /// One entry per output frame.
    public var frames: [MotionFrame]

    public init(fps: Double, frames: [MotionFrame]) {
        self.fps = fps
        self.frames = frames
    }

    /// Length in seconds.
    public var duration: Double { Double(frames.count) / fps }
}
