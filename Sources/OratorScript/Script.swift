import OratorCore
import Foundation
/// A parsed script: what to say, who says it, in order, with pauses, music cues and chapters.
public struct Script: Sendable, Codable, Equatable {
    /// The front matter's `title`, else the first `# Title` line, if any.
    public var title: String?
    /// Speakers in the order they were declared (front matter) or first spoke.
    public var speakers: [ScriptSpeaker]
    /// The music bed from the front matter (`music: FILE` or `music: generate calm`), if any.
    public var music: ScriptMusic?
    /// The script's content in order.
    public var segments: [ScriptSegment]

    public init(title: String? = nil, speakers: [ScriptSpeaker] = [], music: ScriptMusic? = nil, segments: [ScriptSegment] = []) {
        self.title = title
        self.speakers = speakers
        self.music = music
        self.segments = segments
    }

    /// All spoken text joined, for engines or aligners that take the whole text.
    public var spokenText: String {
        segments.compactMap { if case let .speech(text, _, _) = $0 { text } else { nil } }.joined(separator: "\n\n")
    }

    /// The speaker declared or first seen under `name`.
    public func speaker(named name: String) -> ScriptSpeaker? {
        speakers.first { $0.name == name }
    }
}

/// A speaker of a script, with optional per-speaker settings from the front matter.
public struct ScriptSpeaker: Sendable, Codable, Equatable {
    /// The name used in turns (`ALEX:`).
    public var name: String
    /// The name shown in captions and lower thirds (defaults to `name`, capitalised).
    public var displayName: String?
    /// Voice (espeak-ng voice or neural voice name) for this speaker.
    public var voice: String?
    /// Avatar (`builtin`, a pack folder or a photo) for this speaker.
    public var avatar: String?
    /// Speaking rate in words per minute.
    public var rate: Int?
    /// Voice pitch 0-100.
    public var pitch: Int?

    public init(name: String, displayName: String? = nil, voice: String? = nil, avatar: String? = nil,
                rate: Int? = nil, pitch: Int? = nil) {
        self.name = name
        self.displayName = displayName
        self.voice = voice
        self.avatar = avatar
        self.rate = rate
        self.pitch = pitch
    }

    /// The label for captions and lower thirds.
    public var label: String { displayName ?? name.capitalized }
}

/// One piece of a script.
public enum ScriptSegment: Sendable, Codable, Equatable {
    /// A paragraph to speak, with the 1-based line it starts on and its speaker (nil: the only one).
    case speech(String, line: Int, speaker: String?)
    /// Silence of the given length in seconds.
    case pause(Double)
    /// A `# Heading` line (the first one is the title); every heading starts a chapter.
    case heading(String, line: Int)
    /// `[music FILE]` or `[music generate MOOD]` starts a music bed (a file relative to the
    /// script, or a composed one); `[music stop]` (nil) ends it.
    case music(ScriptMusic?, line: Int)
    /// `[smile]`, `[happy 0.6]`, ...: an expression taking effect at a word of the next
    /// `.speech` segment (it always comes just before it; at the script's end, after the speech).
    case expression(ScriptExpression)
}

/// An expression cue in a script.
public struct ScriptExpression: Sendable, Codable, Equatable {
    public var expression: FacialExpression
    /// 0...1.
    public var intensity: Float
    /// How many words of the next speech segment come before it (its word count: after the last word).
    public var word: Int
    /// The 1-based line of the cue.
    public var line: Int

    public init(expression: FacialExpression, intensity: Float, word: Int, line: Int) {
        self.expression = expression
        self.intensity = intensity
        self.word = word
        self.line = line
    }
}
