import OratorCore

/// A composed piece as MIDI-like events: what `MusicRenderer` plays and `MIDIFileWriter` writes.
/// Times are in ticks (`ticksPerBeat` to a quarter note), so the MIDI file and the audio agree
/// exactly.
public struct Composition: Sendable, Equatable {
    /// Ticks per quarter note.
    public static let ticksPerBeat = 480

    /// An instrument on one MIDI channel.
    public struct Part: Sendable, Equatable {
        /// What it plays ("pad", "keys", "bass", "drums", ...).
        public var role: String
        /// MIDI channel 0-15 (9 is General MIDI's percussion channel).
        public var channel: Int
        /// General MIDI program 0-127 (for drums: the kit).
        public var program: Int
        /// Channel volume (controller 7), 0-127.
        public var volume: Int
        /// Pan (controller 10), 0 left, 64 centre, 127 right.
        public var pan: Int
        /// Reverb send (controller 91), 0-127.
        public var reverb: Int
        /// Added to the instrument's release time, in timecents (-1200 halves it): a pad's tails
        /// overlap less at chord changes. The synth applies it; a MIDI file has no place for it.
        public var releaseOffset: Double = 0
    }

    /// One note.
    public struct Note: Sendable, Equatable {
        public var channel: Int
        public var key: Int
        public var velocity: Int
        /// Start, in ticks from the start of the piece.
        public var start: Int
        /// Length in ticks (at least 1).
        public var duration: Int
        public var end: Int { start + duration }
    }

    /// A controller change (expression swells).
    public struct Control: Sendable, Equatable {
        public var channel: Int
        public var controller: Int
        public var value: Int
        public var tick: Int
    }

    /// A stretch of the form.
    public struct Section: Sendable, Equatable {
        public enum Kind: String, Sendable { case intro, body, ending }
        public var kind: Kind
        /// First tick.
        public var start: Int
        /// Ticks it lasts.
        public var length: Int
    }

    public var mood: MusicMood
    /// Beats per minute.
    public var tempo: Double
    public var key: MusicKey
    /// Beats in a bar (4).
    public var beatsPerBar: Int
    /// The chord numerals of the body, one per chord.
    public var progression: [String]
    public var parts: [Part]
    /// Every note, ordered by start.
    public var notes: [Note]
    public var controls: [Control]
    /// The form: intro, body (one section per repeat), ending; for a loop, the bodies rendered.
    public var sections: [Section]
    /// Seconds of audio a render gives (the ending's ring-out included).
    public var duration: Double
    /// For a loop: the tick where the audio starts (one body in, so the tails of the body before
    /// ring into it, as they do when it repeats). 0 for a whole piece.
    public var audioStart: Int
    /// True for a loop (its last sample joins its first).
    public var isLoop: Bool

    /// Ticks in a bar.
    public var ticksPerBar: Int { beatsPerBar * Self.ticksPerBeat }

    /// Seconds from the start of the piece to `tick`.
    public func seconds(at tick: Int) -> Double {
        Double(tick) * 60 / (tempo * Double(Self.ticksPerBeat))
    }

    /// The sections of one kind.
    public func sections(_ kind: Section.Kind) -> [Section] { sections.filter { $0.kind == kind } }
}
