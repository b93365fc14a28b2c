import Foundation
import OratorCore
import OratorScript
import OratorSpeech

/// Stage `speak`: script -> `speech.wav` + `timeline.json` + `narration.json` (speaker turns,
/// chapters, music cues).
public struct SpeakStage: Sendable {
    public static let name = "speak"
    /// Bump when the stage's output for the same inputs changes.
    public static let version = 3
    /// Speaker turns, chapter times and music cue times (`Narration`).
    public static let narration = "narration.json"

    public var script: Script
    /// The voice of paragraphs without a speaker of their own voice.
    public var voice: EspeakConfiguration
    /// Each named speaker's voice settings.
    public var speakerVoices: [String: EspeakConfiguration]
    /// The script's file name, for errors (not part of the key).
    public var source: String
    /// Threads for neural engines (not part of the key: the output does not depend on it).
    public var speechThreads = 1
    /// Silence around the speech: a video's lead-in and tail, or none (`orator speak`).
    public var padding = SpeechPadding.video
    /// Where the speech engines come from (not part of the key).
    public var engines = Engines.standard
    /// Gets the timeline spoken so far after each paragraph or sentence, and returns false when
    /// it wants no more (`ScriptNarrator.speak`; not part of the key).
    public var spoken: (@Sendable (SpeechTimeline) -> Bool)?

    public init(script: Script, voice: EspeakConfiguration, speakerVoices: [String: EspeakConfiguration] = [:],
                source: String = "script") {
        self.script = script
        self.voice = voice
        self.speakerVoices = speakerVoices
        self.source = source
    }

    /// Reads `file` and takes the voice, the speakers' voices (front matter, then the
    /// configuration file's) and the threads from `settings`.
    public init(script file: URL, settings: ResolvedSettings) throws(OratorError) {
        let parsed = try ScriptParser().parse(contentsOf: file)
        self.init(script: parsed, voice: settings.speech,
                  speakerVoices: Self.speakerVoices(for: parsed, base: settings.speech, configured: settings.speakers),
                  source: file.lastPathComponent)
        speechThreads = settings.speechThreads
    }

    /// The content address of this stage's output.
    public func key() throws(OratorError) -> CacheKey {
        var parts = [try CacheKeyPart.value("script", script), try .value("voice", voice), try .value("speakers", speakerVoices)]
        if padding != .video { parts.append(try .value("padding", padding)) }
        return CacheKey(stage: Self.name, version: Self.version, parts: parts)
    }

    /// Speaks the script into `folder`.
    public func run(into folder: URL, progress: any StageProgressReporting) throws(OratorError) {
        var voices: [String: any SpeechSynthesizing] = [:]
        for (speaker, settings) in speakerVoices { voices[speaker] = try engines.synthesizer(settings, speechThreads) }
        let narration = try ScriptNarrator(synthesizer: engines.synthesizer(voice, speechThreads), speakerVoices: voices,
                                           leadIn: padding.leadIn, tail: padding.tail)
            .speak(script, to: folder.appendingPathComponent(StageFiles.speech), source: source, progress: progress, spoken: spoken)
        try StageFiles.writeJSON(narration.timeline, to: folder.appendingPathComponent(StageFiles.timeline))
        try StageFiles.writeJSON(narration, to: folder.appendingPathComponent(Self.narration))
    }

    /// Each speaker's voice: the script's front matter first, then the configuration file's
    /// `speakers`, then the default voice.
    public static func speakerVoices(for script: Script, base: EspeakConfiguration,
                                     configured: [String: OratorConfiguration.Speaker]) -> [String: EspeakConfiguration] {
        var voices: [String: EspeakConfiguration] = [:]
        for speaker in script.speakers {
            let fromConfig = configured[speaker.name]
            voices[speaker.name] = EspeakConfiguration(
                voice: speaker.voice ?? fromConfig?.voice ?? base.voice,
                wordsPerMinute: speaker.rate ?? fromConfig?.rate ?? base.wordsPerMinute,
                pitch: speaker.pitch ?? fromConfig?.pitch ?? base.pitch)
        }
        return voices
    }
}

/// The silence a spoken script starts and ends with.
public enum SpeechPadding: String, Sendable, Codable, Equatable {
    /// 0.3 s before the first word (the presenter settles in) and 0.5 s after the last.
    case video
    /// None: the speech alone (`orator speak`).
    case none

    var leadIn: Double { self == .video ? 0.3 : 0 }
    var tail: Double { self == .video ? 0.5 : 0 }
}
