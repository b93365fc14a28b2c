import Foundation
import OratorCore
import OratorScript
import OratorSpeech

/// `orator speak`: a script to a WAV file plus a JSON file of phone and word timings,
/// both written atomically.
public struct SpeechJob: Sendable {
    public init() {}

    /// Speaks `script` into `wav` and writes the timeline to `timings`; returns the timeline.
    public func run(script: URL, wav: URL, timings: URL, voice: EspeakConfiguration,
                    progress: any StageProgressReporting = SilentProgress()) throws(OratorError) -> SpeechTimeline {
        let parsed = try ScriptParser().parse(contentsOf: script)
        try OutputGuard.check(outputs: [wav, timings], inputs: [script])
        let audioOutput = try AtomicOutput(destination: wav)
        let timingOutput = try AtomicOutput(destination: timings)
        let synthesizer = try VoiceCatalog.synthesizer(for: voice)
        do throws(OratorError) {
            let timeline = try ScriptNarrator(synthesizer: synthesizer, leadIn: 0, tail: 0)
                .speak(parsed, to: audioOutput.temporary, source: script.lastPathComponent, progress: progress).timeline
            try StageFiles.writeJSON(timeline, to: timingOutput.temporary, pretty: true)
            try audioOutput.commit()
            try timingOutput.commit()
            return timeline
        } catch {
            audioOutput.discard()
            timingOutput.discard()
            throw error
        }
    }
}
