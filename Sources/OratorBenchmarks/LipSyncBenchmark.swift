import Foundation
import OratorAudio
import OratorCore
import OratorLipSync
import OratorMotion
import OratorSpeech
import OratorTestSupport

/// The lip-sync accuracy benchmark: (a) sentences spoken by libespeak-ng with other voices and
/// rates, whose phone events are the ground truth; (b) real read speech from Debian's
/// `pocketsphinx-testdata` with its transcripts. Every case goes through the public
/// `LipSyncEngine.analyze(audioURL:transcript:)`, decoding included, and is timed.
public struct LipSyncBenchmark: Sendable {
    /// One synthesized test recording.
    public struct SpokenCase: Sendable, Codable {
        public var text: String
        public var voice: String
        public var wordsPerMinute: Int
    }

    public var configuration: LipSyncConfiguration
    /// Folder with the librivox clips and their `transcription` file.
    public var librivoxFolder: URL
    /// Where test recordings are written while the benchmark runs.
    public var workFolder: URL

    public init(configuration: LipSyncConfiguration = LipSyncConfiguration(),
                librivoxFolder: URL = URL(fileURLWithPath: "/usr/share/pocketsphinx/test/data/librivox"),
                workFolder: URL = FileManager.default.temporaryDirectory) {
        self.configuration = configuration
        self.librivoxFolder = librivoxFolder
        self.workFolder = workFolder
    }

    /// Sentences chosen to cover closures, rounding, fricatives, L and wide vowels.
    public static let sentences = [
        "The quick brown fox jumps over the lazy dog.",
        "Peter Piper picked a peck of pickled peppers.",
        "She sells sea shells by the sea shore, while the waves roll in.",
        "We were away a year ago, but now we are home for good.",
        "Five wives flew over the valley of the lovely village.",
        "How much wood would a woodchuck chuck if a woodchuck could chuck wood?",
        "Bob met Mary at the museum, and they admired the marble columns all afternoon.",
        "In the evening, the old man walked slowly along the river, thinking about the letters he had never answered.",
    ]

    /// Voices, accents and rates that differ from the aligner's own (en-us at 165 words per minute).
    public static let voices: [(voice: String, wordsPerMinute: Int)] = [
        ("en-us+m3", 140), ("en-us+f2", 185), ("en-us+m7", 120), ("en-us+f4", 230),
        ("en-gb-scotland", 140), ("en-029+f3", 200),
    ]

    /// Runs everything; `log` receives one line per case.
    public func run(log: (String) -> Void = { _ in }) throws(OratorError) -> LipSyncBenchmarkReport {
        var report = LipSyncBenchmarkReport()
        for sentence in Self.sentences {
            for voice in Self.voices {
                let spoken = SpokenCase(text: sentence, voice: voice.voice, wordsPerMinute: voice.wordsPerMinute)
                let rows = try runSpoken(spoken)
                report.spoken += rows
                log(rows.map { $0.summary }.joined(separator: "\n"))
            }
        }
        for clip in try librivoxClips() {
            let rows = try runRecorded(clip.url, transcript: clip.text)
            report.recorded += rows
            log(rows.map { $0.summary }.joined(separator: "\n"))
        }
        return report
    }

    /// Synthesizes `spoken`, writes it as 22.05 kHz WAV, and runs the three methods on it.
    func runSpoken(_ spoken: SpokenCase) throws(OratorError) -> [SpokenResult] {
        let synthesizer = try EspeakSynthesizer(configuration: EspeakConfiguration(voice: spoken.voice, wordsPerMinute: spoken.wordsPerMinute))
        let segment = try synthesizer.synthesize(spoken.text)
        let url = workFolder.appendingPathComponent("orator-bench-\(ProcessInfo.processInfo.processIdentifier).wav")
        let writer = try WAVFileWriter(url: url, sampleRate: segment.audio.sampleRate)
        try writer.append(segment.audio.samples)
        try writer.close()
        defer { try? FileManager.default.removeItem(at: url) }
        let truth = segment.timeline
        let builder = VisemeTrackBuilder(rules: configuration.rules, extendedShapes: configuration.extendedShapes)
        let truthShapes = TrackComparison.shapes(builder.cues(for: truth), duration: truth.duration)
        var rows: [SpokenResult] = []
        for method in Method.all {
            let (result, seconds, cpuSeconds) = try timedAnalysis(url, transcript: method.usesTranscript ? spoken.text : nil, method: method)
            let shapes = TrackComparison.shapes(result.cues, duration: truth.duration)
            let errors = TrackComparison.boundaryErrors(found: result.timeline.phones, truth: truth.phones)
            var wordErrors: (errors: Int, words: Int)?
            if result.method == .wordRecognition {
                wordErrors = WordErrorRate.errors(reference: spoken.text, recognized: result.recognizedWords.map(\.text))
            }
            rows.append(SpokenResult(
                spoken: spoken, method: result.method, duration: truth.duration, seconds: seconds, cpuSeconds: cpuSeconds,
                shapeAgreement: TrackComparison.shapeAgreement(shapes, truthShapes),
                jawAgreement: TrackComparison.jawAgreement(shapes, truthShapes),
                lipsAgreement: TrackComparison.lipsAgreement(shapes, truthShapes),
                boundaryErrors: result.method == .forcedAlignment ? errors : [],
                alignmentCost: result.alignmentCost, wordErrors: wordErrors?.errors, referenceWords: wordErrors?.words))
        }
        return rows
    }

    /// The four ways to lip-sync a recording, each run on every case.
    struct Method {
        var usesTranscript: Bool
        var recognizer: PhoneRecognizerKind
        var recognizeWords: Bool

        static let all = [
            Method(usesTranscript: true, recognizer: .automatic, recognizeWords: true),
            Method(usesTranscript: false, recognizer: .automatic, recognizeWords: true),
            Method(usesTranscript: false, recognizer: .pocketsphinx, recognizeWords: false),
            Method(usesTranscript: false, recognizer: .acoustic, recognizeWords: false),
        ]
    }

    /// Analyzes `url` with `method` (and `transcript`, if any), timing it in wall and CPU seconds.
    private func timedAnalysis(_ url: URL, transcript: String?, method: Method)
        throws(OratorError) -> (result: LipSyncResult, seconds: Double, cpuSeconds: Double) {
        var settings = configuration
        settings.recognizer = method.recognizer
        settings.recognizeWords = method.recognizeWords
        let engine = try LipSyncEngine(configuration: settings)
        let clock = BenchmarkClock()
        let result = try engine.analyze(audioURL: url, transcript: transcript)
        let (seconds, cpuSeconds) = clock.elapsed()
        return (result, seconds, cpuSeconds)
    }

    /// Runs one librivox clip with its transcript, then without (PocketSphinx, acoustic); those
    /// are also compared with the first, which on real speech is the best available reference.
    func runRecorded(_ url: URL, transcript: String) throws(OratorError) -> [RecordedResult] {
        let audio = try AudioDecoder.decodeAll(url, sampleRate: 16_000)
        let reference = ReferenceVoicing(audio: audio)
        var rows: [RecordedResult] = []
        var aligned: (shapes: [MouthShape], phones: [TimedPhone])?
        for method in Method.all {
            let (result, seconds, cpuSeconds) = try timedAnalysis(url, transcript: method.usesTranscript ? transcript : nil, method: method)
            let shapes = TrackComparison.shapes(result.cues, duration: result.duration)
            var edges = 0, inside = 0
            for word in result.timeline.words {
                for edge in [word.start, word.end] {
                    edges += 1
                    if reference.isNear(edge, tolerance: 0.05) { inside += 1 }
                }
            }
            var spanError: Double?
            if let first = result.timeline.words.first, let last = result.timeline.words.last, let span = reference.span {
                spanError = abs((last.end - first.start) - (span.upperBound - span.lowerBound))
            }
            var row = RecordedResult(
                clip: url.deletingPathExtension().lastPathComponent, method: result.method, duration: result.duration,
                seconds: seconds, cpuSeconds: cpuSeconds, voiceAgreement: TrackComparison.voiceAgreement(shapes, speech: reference.isSpeech),
                wordEdgesInsideSpeech: edges > 0 ? Double(inside) / Double(edges) : nil,
                durationError: spanError, alignmentCost: result.alignmentCost,
                mismatchWarned: result.warnings.contains { $0.contains("may not match") })
            if result.method == .wordRecognition {
                let errors = WordErrorRate.errors(reference: transcript, recognized: result.recognizedWords.map(\.text))
                row.wordErrors = errors.errors
                row.referenceWords = errors.words
            }
            if let aligned {
                row.jawAgreementWithAligned = TrackComparison.jawAgreement(shapes, aligned.shapes)
                row.lipsAgreementWithAligned = TrackComparison.lipsAgreement(shapes, aligned.shapes)
                row.boundaryErrorsAgainstAligned = TrackComparison.boundaryErrors(found: result.timeline.phones, truth: aligned.phones)
            } else {
                aligned = (shapes, result.timeline.phones)
            }
            rows.append(row)
        }
        return rows
    }

    /// The clips listed in `transcription` (`<s> words </s> (name)` per line) that exist.
    func librivoxClips() throws(OratorError) -> [(url: URL, text: String)] {
        let list = librivoxFolder.appendingPathComponent("transcription")
        guard let text = try? String(contentsOf: list, encoding: .utf8) else {
            throw OratorError(.fileNotFound, "benchmark data not found: \(list.path) (install pocketsphinx-testdata)")
        }
        return text.split(separator: "\n").compactMap { line in
            guard let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")") else { return nil }
            let name = String(line[line.index(after: open)..<close])
            let words = line[..<open].replacingOccurrences(of: "<s>", with: "").replacingOccurrences(of: "</s>", with: "")
                .trimmingCharacters(in: .whitespaces)
            let url = librivoxFolder.appendingPathComponent(name + ".wav")
            return FileManager.default.fileExists(atPath: url.path) ? (url, words) : nil
        }
    }
}

/// Wall-clock and CPU time (this process and the FFmpeg it waits for) since creation. CPU time
/// is what to compare when other work shares the machine.
struct BenchmarkClock {
    private let wall = Date()
    private let cpu = BenchmarkClock.cpuSeconds()

    func elapsed() -> (wall: Double, cpu: Double) {
        (Date().timeIntervalSince(wall), Self.cpuSeconds() - cpu)
    }

    private static func cpuSeconds() -> Double {
        var total = 0.0
        for who in [RUSAGE_SELF, RUSAGE_CHILDREN] {
            var usage = rusage()
            getrusage(__rusage_who_t(who.rawValue), &usage)
            total += Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            total += Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        }
        return total
    }
}
