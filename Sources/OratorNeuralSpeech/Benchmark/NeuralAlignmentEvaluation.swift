import Foundation
import OratorAudio
import OratorCore
import OratorLipSync
import OratorMotion
import OratorSpeech

/// Measures the aligner on neural speech against the voice's own phoneme durations.
///
/// sherpa-onnx returns no durations, but the VITS model computes them: `Benchmarks/neural_truth.py`
/// runs the same voice with ONNX Runtime, exposes the model's duration tensor and writes each
/// sentence's audio with the exact time of every phoneme. This aligns that audio to its text as
/// `PiperSynthesizer` does and compares phone starts and mouth tracks with the truth, next to
/// espeak-ng's timing stretched evenly over the audio (what no alignment gives).
public enum NeuralAlignmentEvaluation {
    /// Writes `[{"text", "phonemes"}]` for `sentences`, the input of `neural_truth.py`.
    public static func writePhonemes(_ sentences: [String], voice: String, to url: URL) throws(OratorError) {
        var records: [[String: String]] = []
        for sentence in sentences {
            for phonemized in try EspeakPhonemizer.sentences(sentence, voice: voice) {
                records.append(["text": phonemized.text, "phonemes": phonemized.phonemes])
            }
        }
        do { try JSONSerialization.data(withJSONObject: records, options: [.prettyPrinted]).write(to: url) } catch {
            throw OratorError(.unwritableOutput, "cannot write \(url.path)", cause: "\(error)")
        }
    }

    /// Aligns every sentence in `folder` (written by `neural_truth.py`) and compares with the truth.
    public static func run(folder: URL, voice: String = "en-us", log: (String) -> Void = { _ in }) throws(OratorError) -> Report {
        let records: [TruthRecord]
        do { records = try JSONDecoder().decode([TruthRecord].self, from: Data(contentsOf: folder.appendingPathComponent("truth.json"))) } catch {
            throw OratorError(.unreadableFile, "cannot read \(folder.path)/truth.json", cause: "\(error)")
        }
        let aligner = try NeuralSpeechAligner(espeakVoice: voice)
        let espeak = try EspeakSynthesizer(configuration: EspeakConfiguration(voice: voice))
        var report = Report()
        for record in records {
            let audio = try WAVFileReader.read(folder.appendingPathComponent(record.wav))
            let truth = record.timeline(duration: audio.duration)
            let aligned = try aligner.align(record.text, in: audio)
            let reference = try espeak.synthesize(record.text)
            let stretched = scaled(reference.timeline, by: audio.duration / max(reference.audio.duration, 1e-6))
            let alignedErrors = TrackComparison.boundaryErrors(found: aligned.phones, truth: truth.phones)
            report.alignedErrors += alignedErrors
            report.stretchedErrors += TrackComparison.boundaryErrors(found: stretched.phones, truth: truth.phones)
            let truthShapes = shapes(truth, audio.duration)
            report.aligned.add(shapes(aligned, audio.duration), truthShapes)
            report.stretched.add(shapes(stretched, audio.duration), truthShapes)
            log(String(format: "median start error %.0f ms over %d phones: %@", TrackComparison.median(alignedErrors) * 1000,
                       alignedErrors.count, record.text))
        }
        return report
    }

    /// What the evaluation found.
    public struct Report: Sendable, Codable {
        /// Start-time errors (seconds) of matched phones, aligned and stretched.
        public var alignedErrors: [Double] = []
        public var stretchedErrors: [Double] = []
        /// Mouth-track agreement with the truth's track.
        public var aligned = ShapeTally()
        public var stretched = ShapeTally()

        /// A Markdown summary for BENCHMARKS.md.
        public var markdown: String {
            func row(_ name: String, _ errors: [Double], _ tally: ShapeTally) -> String {
                let sorted = errors.sorted()
                let p90 = sorted.isEmpty ? 0 : sorted[Int(Double(sorted.count - 1) * 0.9)]
                let within = errors.isEmpty ? 0 : Double(errors.filter { $0 <= 0.05 }.count) / Double(errors.count)
                return String(format: "| %@ | %d | %.0f ms | %.0f ms | %.0f%% | %.1f%% | %.1f%% | %.1f%% |", name, errors.count,
                              TrackComparison.median(errors) * 1000, p90 * 1000, within * 100,
                              tally.share(\.jaw) * 100, tally.share(\.lips) * 100, tally.share(\.shape) * 100)
            }
            return ["| timing | phones | median start error | 90th percentile | within 50 ms | jaw agreement | lips agreement | same shape |",
                    "| --- | --- | --- | --- | --- | --- | --- | --- |",
                    row("aligned (Orator)", alignedErrors, aligned),
                    row("espeak-ng stretched", stretchedErrors, stretched)].joined(separator: "\n")
        }
    }

    /// Frame counts of agreement between two mouth tracks.
    public struct ShapeTally: Sendable, Codable {
        public var frames = 0, jaw = 0, lips = 0, shape = 0

        func share(_ count: KeyPath<ShapeTally, Int>) -> Double { frames > 0 ? Double(self[keyPath: count]) / Double(frames) : 0 }

        mutating func add(_ found: [MouthShape], _ truth: [MouthShape]) {
            let count = min(found.count, truth.count)
            frames += count
            jaw += (0..<count).filter { PhoneShapeTable.isOpen(found[$0]) == PhoneShapeTable.isOpen(truth[$0]) }.count
            lips += (0..<count).filter { TrackComparison.lipsApart(found[$0]) == TrackComparison.lipsApart(truth[$0]) }.count
            shape += (0..<count).filter { found[$0] == truth[$0] }.count
        }
    }

    private static func shapes(_ timeline: SpeechTimeline, _ duration: Double) -> [MouthShape] {
        TrackComparison.shapes(VisemeTrackBuilder().cues(for: timeline), duration: duration)
    }

    private static func scaled(_ timeline: SpeechTimeline, by factor: Double) -> SpeechTimeline {
        var result = SpeechTimeline(duration: timeline.duration * factor)
        result.phones = timeline.phones.map { TimedPhone(phone: $0.phone, start: $0.start * factor, end: $0.end * factor, symbol: $0.symbol) }
        return result
    }
}

/// One sentence of `truth.json`: its audio file and the time of each phoneme symbol.
private struct TruthRecord: Decodable {
    struct Symbol: Decodable {
        var symbol: String
        var start: Double?
        var end: Double?
    }
    var text: String
    var wav: String
    var symbols: [Symbol]

    /// Diphthongs and affricates that espeak-ng counts as one phoneme.
    private static let pairs: Set<String> = ["aɪ", "aʊ", "eɪ", "oʊ", "əʊ", "ɔɪ", "tʃ", "dʒ"]

    /// The truth as ARPAbet phones: letters become phones (pairs joined), stress and length
    /// marks and word spaces belong to the phone before them, punctuation is silence.
    func timeline(duration: Double) -> SpeechTimeline {
        var phones: [TimedPhone] = []
        var index = 0
        while index < symbols.count {
            let item = symbols[index]
            index += 1
            guard let start = item.start, var end = item.end else { continue }
            if ".,?!;:".contains(item.symbol) {
                phones.append(TimedPhone(phone: .silence, start: start, end: end))
                continue
            }
            var phone = IPAPhoneMap.phone(for: item.symbol)
            if phone == .silence {
                if let last = phones.indices.last { phones[last].end = max(phones[last].end, end) }
                continue
            }
            if index < symbols.count, Self.pairs.contains(item.symbol + symbols[index].symbol), let next = symbols[index].end {
                phone = IPAPhoneMap.phone(for: item.symbol + symbols[index].symbol)
                end = next
                index += 1
            }
            phones.append(TimedPhone(phone: phone, start: start, end: end, symbol: item.symbol))
        }
        if let first = phones.first, first.start > 0 { phones.insert(TimedPhone(phone: .silence, start: 0, end: first.start), at: 0) }
        if let last = phones.last, last.end < duration { phones.append(TimedPhone(phone: .silence, start: last.end, end: duration)) }
        return SpeechTimeline(phones: phones, duration: duration)
    }
}
