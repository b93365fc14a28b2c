import Foundation
import OratorCore
import OratorSpeech

/// `orator speak`: a script to a WAV file plus a JSON file of phone and word timings, both
/// written atomically. It runs the speak stage (the one speak path) without a video's padding,
/// with the voice, the speakers' voices and the configuration file's speakers from `settings`.
public struct SpeechJob: Sendable {
    public init() {}

    /// Speaks `script` into `wav` and writes the timeline to `timings`; returns the timeline.
    public func run(script: URL, wav: URL, timings: URL, settings: ResolvedSettings,
                    progress: any StageProgressReporting = SilentProgress()) throws(OratorError) -> SpeechTimeline {
        var stage = try SpeakStage(script: script, settings: settings)
        stage.padding = .none
        try OutputGuard.check(outputs: [wav, timings], inputs: [script])
        let audioOutput = try AtomicOutput(destination: wav)
        let timingOutput = try AtomicOutput(destination: timings)
        let workspace = try Workspace()
        defer { workspace.remove() }
        do throws(OratorError) {
            try stage.run(into: workspace.root, progress: progress)
            let timeline = try StageFiles.readJSON(SpeechTimeline.self, from: workspace.url(StageFiles.timeline))
            try StageFiles.writeJSON(timeline, to: timingOutput.temporary, pretty: true)
            try audioOutput.copyAndCommit(from: workspace.url(StageFiles.speech))
            try timingOutput.commit()
            return timeline
        } catch {
            audioOutput.discard()
            timingOutput.discard()
            throw error
        }
    }
}
