import Foundation
import OratorAudio
import OratorCore
@testable import OratorLipSync
import OratorMotion
import OratorSpeech
import OratorTestSupport
import Testing

/// Lip sync without a transcript by recognizing the words (PocketSphinx's en-us language model
/// and the CMU dictionary) and aligning them like a transcript.
@Suite("Lip sync from recognized words", .serialized)
struct WordRecognitionTests {
    /// The librivox clips with their transcripts.
    static func clips() throws -> [(url: URL, text: String)] {
        let list = try String(contentsOf: Fixtures.librivox.appendingPathComponent("transcription"), encoding: .utf8)
        return list.split(separator: "\n").compactMap { line in
            guard let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")") else { return nil }
            let text = line[..<open].replacingOccurrences(of: "<s>", with: "").replacingOccurrences(of: "</s>", with: "")
            return (Fixtures.librivox.appendingPathComponent(String(line[line.index(after: open)..<close]) + ".wav"),
                    text.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test("the librivox clips are recognized with at most 25% word errors, the bar for captions")
    func wordErrorRate() throws {
        var errors = 0, words = 0
        for clip in try Self.clips() {
            let result = try LipSyncEngine().analyze(audioURL: clip.url, transcript: nil)
            #expect(result.method == .wordRecognition)
            let counted = WordErrorRate.errors(reference: clip.text, recognized: result.recognizedWords.map(\.text))
            errors += counted.errors
            words += counted.words
        }
        #expect(words == 71)
        #expect(Double(errors) / Double(words) <= 0.25, "\(errors) errors in \(words) words")
    }

    @Test("recognized words carry times inside the recording and confidences between 0 and 1")
    func wordsAndConfidences() throws {
        let result = try LipSyncEngine().analyze(audioURL: Fixtures.clip, transcript: nil)
        let heard = result.recognizedWords
        #expect(heard.count >= 6)
        #expect(heard.allSatisfy { $0.start >= 0 && $0.end > $0.start && $0.end <= result.duration + 0.01 })
        #expect(heard.allSatisfy { (0...1).contains($0.confidence) })
        #expect(zip(heard, heard.dropFirst()).allSatisfy { $0.end <= $1.start + 0.001 })
        // Clear words are sure; at least one of "ill disposed" is not (it is heard as other words).
        #expect(heard.first { $0.text == "young" }.map { $0.confidence > 0.5 } == true)
        #expect(heard.contains { $0.confidence < 0.9 })
        // The timeline's words are those heard; its phones are aligned and lie in speech.
        #expect(result.timeline.words.map(\.text) == heard.map(\.text))
        let audio = try AudioDecoder.decodeAll(Fixtures.clip, sampleRate: 16_000)
        let reference = ReferenceVoicing(audio: audio)
        let spoken = result.timeline.phones.filter { $0.phone != .silence }
        #expect(spoken.count >= 20)
        #expect(Double(spoken.filter { reference.isNear(($0.start + $0.end) / 2, tolerance: 0.03) }.count) >= Double(spoken.count) * 0.95)
        let json = TimingExporter.json(result, soundFile: "clip.wav")
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let words = decoded?["words"] as? [[String: Any]]
        #expect(words?.count == heard.count && words?.allSatisfy { $0["confidence"] is Double } == true)
        #expect((decoded?["metadata"] as? [String: Any])?["method"] as? String == "word-recognition")
    }

    @Test("the mouth from recognized words agrees with the mouth from the transcript")
    func agreesWithTranscript() throws {
        let aligned = try LipSyncEngine().analyze(audioURL: Fixtures.clip, transcript: Fixtures.clipText)
        let recognized = try LipSyncEngine().analyze(audioURL: Fixtures.clip, transcript: nil)
        let truth = TrackComparison.shapes(aligned.cues, duration: aligned.duration)
        let shapes = TrackComparison.shapes(recognized.cues, duration: recognized.duration)
        // Measured 96.0% and 97.3% (scripts/bench-lipsync); the phone path reaches 89.3% and 79.6%.
        #expect(TrackComparison.lipsAgreement(shapes, truth) > 0.9)
        #expect(TrackComparison.jawAgreement(shapes, truth) > 0.85)
    }

    @Test("a recording longer than one utterance is decoded by two decoders, in time order")
    func twoDecoders() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Five clips, 24.7 s: two utterances of at most 20 s, one per decoder.
        var joined: [Float] = []
        var text = ""
        for clip in try Self.clips() {
            joined += try AudioDecoder.decodeAll(clip.url, sampleRate: 16_000).samples
            text += clip.text + " "
        }
        let url = try Fixtures.wav(PCMBuffer(sampleRate: 16_000, samples: joined), in: folder.url, name: "joined.wav")
        let result = try LipSyncEngine(configuration: LipSyncConfiguration(wordDecoders: 2)).analyze(audioURL: url, transcript: nil)
        let heard = result.recognizedWords
        #expect(zip(heard, heard.dropFirst()).allSatisfy { $0.start <= $1.start })
        #expect(heard.last.map { $0.end > 20 } == true)
        let counted = WordErrorRate.errors(reference: text, recognized: heard.map(\.text))
        #expect(Double(counted.errors) / Double(counted.words) <= 0.3, "\(counted.errors) of \(counted.words)")
    }

    @Test("--transcript none keeps the phone path; other languages say recognition is English only")
    func otherPaths() throws {
        let phones = try LipSyncEngine(configuration: LipSyncConfiguration(recognizeWords: false)).analyze(audioURL: Fixtures.clip, transcript: nil)
        #expect(phones.method == .phoneRecognition && phones.recognizedWords.isEmpty)
        let spoken = try Fixtures.spoken("Guten Morgen, wie geht es dir heute?", voice: "de", wordsPerMinute: 150)
        let german = try LipSyncEngine(configuration: LipSyncConfiguration(voice: "de")).analyze(audio: spoken.audio, transcript: nil)
        #expect(german.method == .acousticEstimate)
        #expect(german.warnings.contains { $0.contains("English only") && $0.contains("acoustic estimate") })
    }

    @Test("with a transcript, alignment works in other languages", arguments: [
        ("de", "Guten Morgen, wir fahren heute mit dem Boot über den blauen See."),
        ("fr", "Bonjour, nous partons ce matin pour une longue promenade au bord de la mer."),
        ("es", "Buenos días, mañana vamos a pasear por el parque con mi madre."),
    ])
    func otherLanguagesWithTranscript(voice: String, text: String) throws {
        // Spoken by another variant at another rate than the aligner's plain voice at 165 wpm.
        let spoken = try Fixtures.spoken(text, voice: voice + "+f2", wordsPerMinute: 140)
        let result = try LipSyncEngine(configuration: LipSyncConfiguration(voice: voice)).analyze(audio: spoken.audio, transcript: text)
        #expect(result.method == .forcedAlignment)
        let truth = TrackComparison.shapes(VisemeTrackBuilder().cues(for: spoken.timeline), duration: spoken.timeline.duration)
        let shapes = TrackComparison.shapes(result.cues, duration: result.duration)
        let lips = TrackComparison.lipsAgreement(shapes, truth), jaw = TrackComparison.jawAgreement(shapes, truth)
        #expect(lips > 0.85 && jaw > 0.8, "lips \(lips), jaw \(jaw)")
    }

    @Test("missing word models are named before any work")
    func missingModel() {
        let configuration = LipSyncConfiguration(languageModelPath: "/nonexistent/en-us.lm.bin")
        #expect { try LipSyncEngine(configuration: configuration) } throws: { error in
            (error as? OratorError)?.code == .fileNotFound && "\(error)".contains("/nonexistent/en-us.lm.bin")
        }
    }

    @Test("phrases end at pauses of 0.3 s, and long ones are cut at their longest pause")
    func phrases() {
        let aligner = PhraseAligner(aligner: ForcedAligner(voice: .init()))
        func word(_ start: Double, _ end: Double) -> RecognizedWord { RecognizedWord(text: "a", start: start, end: end, confidence: 1) }
        let grouped = aligner.phrases([word(0, 0.5), word(0.6, 1.0), word(1.5, 2.0)])
        #expect(grouped.map(\.count) == [2, 1])
        // 30 one-second words 0.1 s apart, 0.25 s after the 12th: 32.9 s without a 0.3 s pause.
        let long = (0..<30).map { index in word(Double(index) * 1.1 + (index >= 12 ? 0.15 : 0), Double(index) * 1.1 + 1 + (index >= 12 ? 0.15 : 0)) }
        let cut = aligner.phrases(long)
        #expect(cut.map(\.count) == [12, 18])
        #expect(cut.allSatisfy { $0.last!.end - $0.first!.start <= aligner.maximumSeconds })
    }

    @Test func wordErrorRateCounts() {
        #expect(WordErrorRate.errors(reference: "Mister John had then leisure", recognized: ["mr", "john", "had", "been", "at", "leisure"]) == (2, 5))
        #expect(WordErrorRate.errors(reference: "a b c", recognized: []) == (3, 3))
        #expect(WordErrorRate.errors(reference: "a b", recognized: ["a", "b"]) == (0, 2))
    }
}
