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
    /// Mouth corners drawn up and out (a smile), 0 to 1. It moves the corners of both lips
    /// together, so lips that are closed stay closed.
    public var smile: Float
    /// Mouth corners pulled down (sad, serious), 0 to 1.
    public var mouthFrown: Float
    /// Eyes widened (1, surprise) or narrowed (-1, a squint).
    public var eyeWiden: Float
    /// Cheeks raised (the lower lids and cheeks of a real smile), 0 to 1.
    public var cheekRaise: Float
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
        smile: Float = 0, mouthFrown: Float = 0, eyeWiden: Float = 0, cheekRaise: Float = 0,
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
        self.smile = smile
        self.mouthFrown = mouthFrown
        self.eyeWiden = eyeWiden
        self.cheekRaise = cheekRaise
        self.headYaw = headYaw
        self.headPitch = headPitch
        self.headRoll = headRoll
        self.translateX = translateX
        self.translateY = translateY
    }

    /// The face at rest: mouth closed at idle, eyes open, head centred.
    public static let rest = MotionFrame()

    private enum CodingKeys: String, CodingKey {
        case mouthShape, jawOpen, lipRound, lipStretch, lipPress, teethOnLip, tongueUp, blinkLeft, blinkRight, browRaise
        case smile, mouthFrown, eyeWiden, cheekRaise, headYaw, headPitch, headRoll, translateX, translateY
    }

    /// Reads a frame; the expression coefficients are optional (motion files written before
    /// they existed read as neutral).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value(_ key: CodingKeys) throws -> Float { try c.decode(Float.self, forKey: key) }
        func optional(_ key: CodingKeys) throws -> Float { try c.decodeIfPresent(Float.self, forKey: key) ?? 0 }
        self.init(mouthShape: try c.decode(MouthShape.self, forKey: .mouthShape), jawOpen: try value(.jawOpen),
                  lipRound: try value(.lipRound), lipStretch: try value(.lipStretch), lipPress: try value(.lipPress),
                  teethOnLip: try value(.teethOnLip), tongueUp: try value(.tongueUp), blinkLeft: try value(.blinkLeft),
                  blinkRight: try value(.blinkRight), browRaise: try value(.browRaise), smile: try optional(.smile),
                  mouthFrown: try optional(.mouthFrown), eyeWiden: try optional(.eyeWiden), cheekRaise: try optional(.cheekRaise),
                  headYaw: try value(.headYaw), headPitch: try value(.headPitch), headRoll: try value(.headRoll),
                  translateX: try value(.translateX), translateY: try value(.translateY))
    }
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
