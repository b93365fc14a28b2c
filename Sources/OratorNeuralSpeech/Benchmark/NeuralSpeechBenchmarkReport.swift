import Foundation

/// What `NeuralSpeechBenchmark` measured.
public struct NeuralSpeechBenchmarkReport: Sendable, Codable {
    /// Synthesis speed at one thread count.
    public struct Speed: Sendable, Codable {
        public var threads: Int
        /// Seconds of audio spoken (sentences only, no pauses added).
        public var audioSeconds: Double
        /// Wall seconds to speak them.
        public var synthesisSeconds: Double
        /// CPU seconds (all threads) to speak them: unlike wall time, not inflated by other work on the machine.
        public var synthesisCPUSeconds: Double
        /// Seconds of audio of the full `synthesize` call (pauses included).
        public var alignedAudioSeconds: Double
        /// Wall seconds of the full `synthesize` call (speech plus alignment).
        public var withAlignmentSeconds: Double

        /// Seconds of audio per second of wall time.
        public var realtimeFactor: Double { synthesisSeconds > 0 ? audioSeconds / synthesisSeconds : 0 }
        /// Seconds of audio per CPU second: the realtime factor of one thread on an idle core.
        public var audioPerCPUSecond: Double { synthesisCPUSeconds > 0 ? audioSeconds / synthesisCPUSeconds : 0 }
        /// The same for speech with its timeline.
        public var realtimeFactorWithAlignment: Double { withAlignmentSeconds > 0 ? alignedAudioSeconds / withAlignmentSeconds : 0 }
    }

    /// Share of 10 ms frames where the mouth's lips are apart exactly when the audio has speech.
    public struct Agreement: Sendable, Codable {
        /// The neural voice with its aligned timeline.
        public var alignedNeural: Double
        /// espeak-ng's audio with its own exact timeline: what perfect timing scores.
        public var exactEspeak: Double
        /// The neural voice with espeak-ng's timeline stretched evenly over it (no alignment).
        public var stretchedNeural: Double
        /// Frames compared (neural audio).
        public var frames: Int
    }

    /// Loading the voice into an empty cache (conversion included) and starting sherpa-onnx.
    public var coldLoadSeconds: Double?
    /// Starting sherpa-onnx from a warm cache.
    public var warmLoadSeconds: Double?
    /// From a loaded engine to the first sentence's audio.
    public var firstSentenceSeconds: Double?
    public var speed: [Speed] = []
    public var agreement: Agreement?

    /// The results as Markdown for BENCHMARKS.md.
    public var markdown: String {
        var lines = ["| threads | audio (s) | synthesis wall (s) | realtime factor | CPU (s) | audio per CPU second | realtime factor with alignment |",
                     "| --- | --- | --- | --- | --- | --- | --- |"]
        for row in speed {
            lines.append(String(format: "| %d | %.1f | %.2f | %.1fx | %.2f | %.1f | %.1fx |", row.threads, row.audioSeconds, row.synthesisSeconds,
                                row.realtimeFactor, row.synthesisCPUSeconds, row.audioPerCPUSecond, row.realtimeFactorWithAlignment))
        }
        lines.append("")
        lines.append(String(format: "Load: %.2f s into an empty cache (conversion included), %.2f s from the cache; first sentence %.2f s after load.",
                            coldLoadSeconds ?? 0, warmLoadSeconds ?? 0, firstSentenceSeconds ?? 0))
        if let agreement {
            lines.append("")
            lines.append(String(format: "Lips apart exactly when there is speech (%d frames of 10 ms): aligned neural %.1f%%, espeak-ng exact timing %.1f%% (ceiling), espeak-ng timing stretched over the neural audio %.1f%% (no alignment).",
                                agreement.frames, agreement.alignedNeural * 100, agreement.exactEspeak * 100, agreement.stretchedNeural * 100))
        }
        return lines.joined(separator: "\n")
    }
}
