import Foundation
import OratorCore
import OratorLipSync
import OratorMotion
import OratorSpeech

/// The neural voice benchmark: load time (into an empty cache and from a warm one), speed at
/// each thread count as a realtime factor, and how well the aligned mouth track follows the
/// neural audio. Numbers are measured, never asserted; `NeuralSpeechBenchmarkReport.markdown`
/// is the table for BENCHMARKS.md.
public struct NeuralSpeechBenchmark: Sendable {
    /// The Piper voice's `.onnx`.
    public var modelPath: String
    /// ONNX Runtime thread counts to time.
    public var threadCounts: [Int]
    /// The text: one sentence per entry.
    public var sentences: [String]
    /// Timed runs per thread count; the fastest counts.
    public var repeats: Int

    /// Sentences with closures, rounding, fricatives and long vowels, a question and a list.
    public static let defaultSentences = [
        "The quick brown fox jumps over the lazy dog.",
        "Peter Piper picked a peck of pickled peppers.",
        "She sells sea shells by the sea shore, while the waves roll in.",
        "How much wood would a woodchuck chuck if a woodchuck could chuck wood?",
        "Bob met Mary at the museum, and they admired the marble columns all afternoon.",
        "In the evening, the old man walked slowly along the river, thinking about the letters he had never answered.",
        "Welcome to the show: today we talk about bread, butter, and the art of baking at home.",
        "Five wives flew over the valley of the lovely village.",
    ]

    public init(modelPath: String, threadCounts: [Int] = [1, 2], sentences: [String] = NeuralSpeechBenchmark.defaultSentences,
                repeats: Int = 3) {
        self.modelPath = modelPath
        self.repeats = max(1, repeats)
        self.threadCounts = threadCounts
        self.sentences = sentences
    }

    /// Runs everything; `log` receives one line per step.
    public func run(log: (String) -> Void = { _ in }) throws(OratorError) -> NeuralSpeechBenchmarkReport {
        var report = NeuralSpeechBenchmarkReport()
        let text = sentences.joined(separator: " ")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("orator-neural-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let cache = NeuralVoiceCache(root: scratch)
        for threads in threadCounts {
            let configuration = PiperConfiguration(modelPath: modelPath, speechThreads: threads)
            var clock = Stopwatch()
            let synthesizer = try PiperSynthesizer(configuration: configuration, cache: cache)
            let load = clock.lap()
            let first = try synthesizer.speakSentences(sentences[0])
            let firstSentence = clock.lap()
            if report.coldLoadSeconds == nil { report.coldLoadSeconds = load } else { report.warmLoadSeconds = load }
            report.firstSentenceSeconds = report.firstSentenceSeconds ?? firstSentence
            // Best of `repeats`: other work on a shared machine only ever slows a run down. (With a
            // seed the engine's noise runs on, so each run's audio differs a little in length.)
            var best: NeuralSpeechBenchmarkReport.Speed?
            for _ in 0..<repeats {
                _ = clock.lap()
                let cpuBefore = Stopwatch.processCPUSeconds()
                let spoken = try synthesizer.speakSentences(text)
                let wall = clock.lap()
                let cpu = Stopwatch.processCPUSeconds() - cpuBefore
                let segment = try synthesizer.synthesize(text)
                let run = NeuralSpeechBenchmarkReport.Speed(
                    threads: threads, audioSeconds: spoken.reduce(0) { $0 + $1.audio.duration }, synthesisSeconds: wall,
                    synthesisCPUSeconds: cpu, alignedAudioSeconds: segment.audio.duration, withAlignmentSeconds: clock.lap())
                guard var kept = best else { best = run; continue }
                if run.realtimeFactor > kept.realtimeFactor {
                    (kept.audioSeconds, kept.synthesisSeconds, kept.synthesisCPUSeconds) = (run.audioSeconds, run.synthesisSeconds, run.synthesisCPUSeconds)
                }
                if run.realtimeFactorWithAlignment > kept.realtimeFactorWithAlignment {
                    (kept.alignedAudioSeconds, kept.withAlignmentSeconds) = (run.alignedAudioSeconds, run.withAlignmentSeconds)
                }
                best = kept
            }
            guard let row = best else { continue }
            report.speed.append(row)
            log(String(format: "%d thread(s): load %.2f s, first sentence (%.2f s of audio) %.2f s, %.1f s of audio in %.2f s (%.1fx, CPU %.2f s), with alignment %.1fx",
                       threads, load, first.first?.audio.duration ?? 0, firstSentence, row.audioSeconds, row.synthesisSeconds,
                       row.realtimeFactor, row.synthesisCPUSeconds, row.realtimeFactorWithAlignment))
        }
        report.agreement = try agreement(cache: cache, log: log)
        return report
    }

    /// Lips-apart versus voice activity, frame by frame, for the aligned neural track, for
    /// espeak-ng's own exact timing of its own audio (the ceiling), and for espeak-ng's timing
    /// stretched evenly over the neural audio (what no alignment gives).
    private func agreement(cache: NeuralVoiceCache, log: (String) -> Void) throws(OratorError) -> NeuralSpeechBenchmarkReport.Agreement {
        let synthesizer = try PiperSynthesizer(configuration: PiperConfiguration(modelPath: modelPath), cache: cache)
        let espeak = try EspeakSynthesizer(configuration: EspeakConfiguration(voice: synthesizer.voice.config.espeak.voice))
        var aligned = FrameTally(), exact = FrameTally(), stretched = FrameTally()
        for sentence in sentences {
            let neural = try synthesizer.synthesize(sentence)
            let neuralSpeech = EnergyVoiceActivity.frames(neural.audio)
            aligned.add(Self.lipsApart(neural.timeline, duration: neural.audio.duration), neuralSpeech)
            let reference = try espeak.synthesize(sentence)
            exact.add(Self.lipsApart(reference.timeline, duration: reference.audio.duration), EnergyVoiceActivity.frames(reference.audio))
            let scale = neural.audio.duration / max(reference.audio.duration, 1e-6)
            stretched.add(Self.lipsApart(Self.scaled(reference.timeline, by: scale), duration: neural.audio.duration), neuralSpeech)
            log(String(format: "agreement %.3f aligned, %.3f espeak exact, %.3f stretched: %@",
                       aligned.last, exact.last, stretched.last, sentence))
        }
        return .init(alignedNeural: aligned.share, exactEspeak: exact.share, stretchedNeural: stretched.share, frames: aligned.frames)
    }

    private static func lipsApart(_ timeline: SpeechTimeline, duration: Double) -> [Bool] {
        let cues = VisemeTrackBuilder().cues(for: timeline)
        return TrackComparison.shapes(cues, duration: duration).map(TrackComparison.lipsApart)
    }

    private static func scaled(_ timeline: SpeechTimeline, by factor: Double) -> SpeechTimeline {
        var result = SpeechTimeline(duration: timeline.duration * factor)
        result.phones = timeline.phones.map { TimedPhone(phone: $0.phone, start: $0.start * factor, end: $0.end * factor, symbol: $0.symbol) }
        result.words = timeline.words.map { TimedWord(text: $0.text, start: $0.start * factor, end: $0.end * factor) }
        return result
    }
}

/// Counts frames where two per-frame flags agree.
private struct FrameTally {
    var frames = 0, agreeing = 0
    var last = 0.0
    var share: Double { frames > 0 ? Double(agreeing) / Double(frames) : 0 }

    mutating func add(_ a: [Bool], _ b: [Bool]) {
        let count = min(a.count, b.count)
        let same = (0..<count).filter { a[$0] == b[$0] }.count
        frames += count
        agreeing += same
        last = count > 0 ? Double(same) / Double(count) : 0
    }
}

/// Elapsed wall time between laps.
private struct Stopwatch {
    private var start = ContinuousClock.now

    mutating func lap() -> Double {
        let now = ContinuousClock.now
        defer { start = now }
        let elapsed = now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// CPU time this process has used, all threads together.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
