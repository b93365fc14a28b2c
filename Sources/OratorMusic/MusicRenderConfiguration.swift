import Foundation

/// How `MusicRenderer` turns a composition into audio. Every field has a default: 48 kHz stereo
/// through Debian's FluidR3 General MIDI SoundFont.
public struct MusicRenderConfiguration: Sendable, Codable, Equatable {
    /// FluidSynth's reverb (a feedback delay network); chorus stays off.
    public struct Reverb: Sendable, Codable, Equatable {
        /// Room size 0-1.
        public var roomSize: Double
        /// High-frequency damping 0-1.
        public var damping: Double
        /// Stereo width 0-100.
        public var width: Double
        /// Output level 0-1.
        public var level: Double

        /// A medium room, moderately damped.
        public init(roomSize: Double = 0.55, damping: Double = 0.35, width: Double = 0.9, level: Double = 0.6) {
            self.roomSize = roomSize
            self.damping = damping
            self.width = width
            self.level = level
        }
    }

    /// How FluidSynth reads samples between their points when it changes their pitch.
    public enum Interpolation: Int, Sendable, Codable {
        /// Straight lines between samples: the cheapest; enough for a bed under speech.
        case linear = 1
        /// Cubic (FluidSynth's default).
        case fourthOrder = 4
        /// Seventh-order sinc: the cleanest highs, the slowest.
        case seventhOrder = 7
    }

    /// Where Debian's fluid-soundfont-gm puts its SoundFont (FluidR3_GM, MIT licence).
    public static let debianSoundFont = URL(fileURLWithPath: "/usr/share/sounds/sf2/FluidR3_GM.sf2")

    /// The General MIDI SoundFont (SF2) that voices the parts.
    public var soundFont: URL
    /// Frames per second of the audio.
    public var sampleRate: Int
    /// Most voices sounding at once; the oldest released notes give way first.
    public var polyphony: Int
    public var interpolation: Interpolation
    public var reverb: Reverb
    /// Seconds of fade at the very end of a whole piece (its last chord has rung out by then).
    public var finalFade: Double
    /// Seconds of cross-fade that join a loop's end to its start.
    public var loopCrossfade: Double

    /// Makes a configuration; `soundFont` defaults to `ORATOR_SOUNDFONT` from the environment or
    /// Debian's FluidR3_GM.
    public init(soundFont: URL? = nil, sampleRate: Int = 48_000, polyphony: Int = 40,
                interpolation: Interpolation = .linear, reverb: Reverb = Reverb(),
                finalFade: Double = 1, loopCrossfade: Double = 0.05) {
        self.soundFont = soundFont ?? ProcessInfo.processInfo.environment["ORATOR_SOUNDFONT"].map { URL(fileURLWithPath: $0) }
            ?? Self.debianSoundFont
        self.sampleRate = sampleRate
        self.polyphony = polyphony
        self.interpolation = interpolation
        self.reverb = reverb
        self.finalFade = finalFade
        self.loopCrossfade = loopCrossfade
    }
}
