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
        let audioOutput = try AtomicOutput(destination: wav)
        let timingOutput = try AtomicOutput(destination: timings)
        let synthesizer = try VoiceCatalog.synthesizer(for: voice)
        do throws(OratorError) {
            let timeline = try ScriptNarrator(synthesizer: synthesizer, leadIn: 0, tail: 0)
                .speak(parsed, to: audioOutput.temporary, source: script.lastPathComponent, progress: progress).timeline
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data: Data
            do { data = try encoder.encode(timeline) } catch {
                throw OratorError(.internalFailure, "cannot encode timings", cause: "\(error)")
            }
            guard FileManager.default.createFile(atPath: timingOutput.temporary.path, contents: data) else {
                throw OratorError(.unwritableOutput, "cannot write \(timings.path)")
            }
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
