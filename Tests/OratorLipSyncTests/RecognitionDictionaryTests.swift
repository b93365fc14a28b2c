import Foundation
import OratorAudio
import OratorCore
@testable import OratorLipSync
import OratorTestSupport
import Testing

/// The word decoder's dictionary, cut to the words of the language model and kept in the cache.
@Suite("Recognition dictionary cut to the language model")
struct RecognitionDictionaryTests {
    @Test("a cut keeps every pronunciation of a kept word and drops the words outside the set")
    func entries() {
        let dictionary = Data("a AH0\na(2) EY1\nab AE1 B\nabc(2)\tEY1 B IY1 S IY1\nzed Z EH1 D\n\nnoise\n".utf8)
        let kept = RecognitionDictionary.entries(of: dictionary, in: ["a", "abc", "zed", "noise"])
        #expect(String(decoding: kept, as: UTF8.self) == "a AH0\na(2) EY1\nabc(2)\tEY1 B IY1 S IY1\nzed Z EH1 D\n")
    }

    @Test("the shipped dictionary is cut once to the language model's words, and the same words are recognized")
    func shippedModel() throws {
        let folder = try TemporaryFolder("recognition-dictionary")
        let configuration = LipSyncConfiguration()
        let cache = RecognitionDictionary(root: folder.url)
        let cutPath = cache.path(dictionary: configuration.dictionaryPath, languageModel: configuration.languageModelPath)
        #expect(cutPath.hasPrefix(folder.url.path) && cutPath.hasSuffix(".dict"))
        #expect(folder.contents().count == 1)

        let vocabulary = try #require(PocketSphinxDecoder.vocabulary(ofLanguageModel: configuration.languageModelPath))
        #expect(vocabulary.count > 70_000 && vocabulary.contains("dashwood") && vocabulary.contains("<s>"))
        func words(_ path: String) throws -> [String] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
                let word = line.prefix { $0 != " " && $0 != "\t" }
                return String(word.last == ")" ? word.prefix { $0 != "(" } : word)
            }
        }
        let full = try words(configuration.dictionaryPath), cut = try words(cutPath)
        #expect(cut.count < full.count * 2 / 3)
        #expect(cut == full.filter(vocabulary.contains))

        // Made once: asked again, the same file is given back untouched.
        let made = try FileManager.default.attributesOfItem(atPath: cutPath)[.modificationDate] as? Date
        Thread.sleep(forTimeInterval: 0.05)
        #expect(cache.path(dictionary: configuration.dictionaryPath, languageModel: configuration.languageModelPath) == cutPath)
        #expect(try FileManager.default.attributesOfItem(atPath: cutPath)[.modificationDate] as? Date == made)

        // A decoder with the cut hears what one with the whole dictionary hears, word for word and frame for frame.
        let audio = try AudioDecoder.decodeAll(Fixtures.clip, sampleRate: 16_000)
        let samples = audio.samples.map { Int16(max(-32768, min(32767, ($0 * 32767).rounded()))) }
        func recognize(with dictionary: String) throws -> [PocketSphinxDecoder.Segment] {
            try PocketSphinxDecoder(modelDirectory: configuration.acousticModelPath,
                                    search: .words(languageModel: configuration.languageModelPath, dictionary: dictionary),
                                    sampleRate: 16_000, settings: PocketSphinxDecoder.wordSettings).recognize(samples, offset: 0)
        }
        let heard = try recognize(with: cutPath)
        #expect(heard.contains { $0.symbol == "young" })
        #expect(heard == (try recognize(with: configuration.dictionaryPath)))
    }

    @Test("where the cache cannot be written the whole dictionary is used")
    func unwritableCache() {
        let configuration = LipSyncConfiguration()
        let cache = RecognitionDictionary(root: URL(fileURLWithPath: "/proc/orator-no-cache/recognition"))
        #expect(cache.path(dictionary: configuration.dictionaryPath, languageModel: configuration.languageModelPath) == configuration.dictionaryPath)
    }
}
