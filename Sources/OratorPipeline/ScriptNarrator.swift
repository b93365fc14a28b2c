import Foundation
import OratorAudio
import OratorCore
import OratorScript

/// Speaks a whole script into a WAV file, paragraph by paragraph, and returns the timeline of
/// everything said. Audio goes straight to disk, so memory is bounded by one paragraph.
public struct ScriptNarrator: Sendable {
    public var synthesizer: any SpeechSynthesizing
    /// Silence before the first word, seconds (the presenter settles in).
    public var leadIn: Double
    /// Silence after the last word, seconds.
    public var tail: Double

    public init(synthesizer: any SpeechSynthesizing, leadIn: Double = 0.3, tail: Double = 0.5) {
        self.synthesizer = synthesizer
        self.leadIn = leadIn
        self.tail = tail
    }

    /// Writes the speech for `script` to `wav` and returns its timeline.
    /// `source` names the script in errors.
    public func speak(_ script: Script, to wav: URL, source: String = "script",
                      progress: any StageProgressReporting = SilentProgress()) throws(OratorError) -> SpeechTimeline {
        let writer = try WAVFileWriter(url: wav, sampleRate: synthesizer.sampleRate)
        var timeline = SpeechTimeline()
        let paragraphs = script.segments.filter { if case .speech = $0 { true } else { false } }.count
        progress.begin(stage: "speech", total: paragraphs)
        try writer.appendSilence(seconds: leadIn)
        var spoken = 0
        for segment in script.segments {
            switch segment {
            case let .speech(text, line, _):
                let result = try synthesizer.synthesize(text)
                guard result.timeline.phones.contains(where: { $0.phone != .silence }) else {
                    throw OratorError(.speechFailed, "\(source):\(line): nothing speakable in \"\(text.prefix(40))\" (\(synthesizer.engineDescription) produced no speech)")
                }
                timeline.append(result.timeline, at: writer.duration)
                try writer.append(result.audio.samples)
                spoken += 1
                progress.advance(stage: "speech", done: spoken, total: paragraphs)
            case let .pause(seconds):
                try writer.appendSilence(seconds: seconds)
            case .heading, .music:
                break
            }
        }
        try writer.appendSilence(seconds: tail)
        try writer.close()
        timeline.duration = writer.duration
        progress.end(stage: "speech")
        return timeline
    }
}
