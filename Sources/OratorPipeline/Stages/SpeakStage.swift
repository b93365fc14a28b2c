import Foundation
import OratorCore
import OratorScript
import OratorSpeech

/// Stage `speak`: script -> `speech.wav` + `timeline.json`.
public struct SpeakStage: Sendable {
    public static let name = "speak"
    /// Bump when the stage's output for the same inputs changes.
    public static let version = 1

    public var script: Script
    public var voice: EspeakConfiguration
    /// The script's file name, for errors (not part of the key).
    public var source: String

    public init(script: Script, voice: EspeakConfiguration, source: String = "script") {
        self.script = script
        self.voice = voice
        self.source = source
    }

    /// The content address of this stage's output.
    public func key() throws(OratorError) -> CacheKey {
        CacheKey(stage: Self.name, version: Self.version,
                 parts: [try .value("script", script), try .value("voice", voice)])
    }

    /// Speaks the script into `folder`.
    public func run(into folder: URL, progress: any StageProgressReporting) throws(OratorError) {
        let synthesizer = try EspeakSynthesizer(configuration: voice)
        let timeline = try ScriptNarrator(synthesizer: synthesizer)
            .speak(script, to: folder.appendingPathComponent(StageFiles.speech), source: source, progress: progress)
        try StageFiles.writeJSON(timeline, to: folder.appendingPathComponent(StageFiles.timeline))
    }
}
