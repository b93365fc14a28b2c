import Foundation
import OratorCore
import OratorTestSupport
import Testing
@testable import OratorNeuralSpeech

@Suite("Voice files: tokens, model metadata, cache")
struct VoiceFileTests {
    @Test("the tokens file round-trips joe's phoneme map, space included")
    func tokensRoundTrip() throws {
        let voice = try PiperVoice(modelPath: try JoeVoice.modelPath())
        let tokens = try PiperTokenFile(phonemeIDMap: voice.config.phonemeIDMap)
        let text = tokens.text
        #expect(text.split(separator: "\n").count == voice.config.phonemeIDMap.count)
        #expect(text.contains("\n  3\n"), "the space symbol is a line that starts with a space")
        let parsed = try PiperTokenFile(parsing: text)
        #expect(parsed.phonemeIDMap == voice.config.phonemeIDMap)
        #expect(parsed == tokens)
    }

    @Test("a phoneme map entry with two IDs is refused")
    func tokensRefuseMultipleIDs() {
        #expect(throws: OratorError.self) { try PiperTokenFile(phonemeIDMap: ["a": [1, 2]]) }
        #expect(throws: OratorError.self) { try PiperTokenFile(phonemeIDMap: ["ab": [1]]) }
    }

    @Test("the cache holds the model with sherpa-onnx's metadata and seeded random nodes")
    func preparedModel() throws {
        let scratch = try TemporaryFolder("neural")
        let folder = scratch.url
        let voice = try PiperVoice(modelPath: try JoeVoice.modelPath())
        let cache = NeuralVoiceCache(root: folder)
        let prepared = try cache.prepare(voice, seed: 9)
        let original = try OnnxModelFile(url: voice.modelURL)
        let copy = try OnnxModelFile(url: prepared.modelURL)
        #expect(copy.operators == original.operators)
        #expect(copy.operators.filter { $0 == "RandomNormalLike" }.count == 2)
        #expect(copy.metadata["comment"] == "piper")
        #expect(copy.metadata["sample_rate"] == "22050")
        #expect(copy.metadata["n_speakers"] == "1")
        #expect(copy.metadata["language"] == "English")
        #expect(copy.randomSeeds == [9, 10])
        #expect(original.randomSeeds == [nil, nil])
        let tokens = try PiperTokenFile(parsing: String(contentsOf: prepared.tokensURL, encoding: .utf8))
        #expect(tokens.phonemeIDMap == voice.config.phonemeIDMap)
        // Converted once: a second call finds the same folder; another seed gets its own.
        #expect(try cache.prepare(voice, seed: 9) == prepared)
        #expect(try cache.prepare(voice, seed: nil).modelURL != prepared.modelURL)
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(entries.count == 2 && !entries.contains { $0.hasPrefix(".") }, "no staging folders left: \(entries)")
    }
}

@Suite("Bad voices give one clear line")
struct BadVoiceTests {
    private func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as OratorError { return error.message } catch { return "unexpected \(error)" }
        return nil
    }

    private func load(_ path: String, language: String? = nil) throws {
        _ = try JoeVoice.synthesizer(PiperConfiguration(modelPath: path, language: language))
    }

    @Test("a voice path that does not exist")
    func missingModel() {
        let text = message { try load("/nonexistent/voice.onnx") }
        #expect(text == "voice model not found: /nonexistent/voice.onnx")
    }

    @Test("a .onnx without its .onnx.json")
    func missingConfig() throws {
        let scratch = try TemporaryFolder("neural")
        let folder = scratch.url
        let model = folder.appendingPathComponent("lonely.onnx")
        try FileManager.default.createSymbolicLink(atPath: model.path, withDestinationPath: try JoeVoice.modelPath())
        let text = message { try load(model.path) }
        #expect(text?.hasPrefix("voice config not found: \(model.path).json") == true, "\(text ?? "no error")")
    }

    @Test("a truncated or garbage model is refused before sherpa-onnx sees it", arguments: ["truncated", "garbage", "empty"])
    func corruptModel(kind: String) throws {
        let scratch = try TemporaryFolder("neural")
        let folder = scratch.url
        let source = try JoeVoice.modelPath()
        let model = folder.appendingPathComponent("broken.onnx")
        let bytes: Data
        switch kind {
        case "truncated": bytes = try Data(contentsOf: URL(fileURLWithPath: source)).prefix(2_000_000)
        case "garbage": bytes = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
        default: bytes = Data()
        }
        try bytes.write(to: model)
        try FileManager.default.copyItem(atPath: source + ".json", toPath: model.path + ".json")
        let cache = NeuralVoiceCache(root: folder.appendingPathComponent("cache"))
        let text = message { _ = try PiperSynthesizer(configuration: PiperConfiguration(modelPath: model.path), cache: cache) }
        #expect(text?.hasPrefix("\(model.path) is not a valid ONNX model") == true, "\(text ?? "no error")")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: cache.root.path)) ?? []
        #expect(left.isEmpty, "nothing half-written in the cache: \(left)")
    }

    @Test("a well-formed ONNX model that is not a Piper VITS model is refused before sherpa-onnx sees it")
    func notVits() throws {
        let scratch = try TemporaryFolder("neural")
        let folder = scratch.url
        // ModelProto { ir_version 8, opset_import { version 13 }, graph { node Identity x -> y, input x, output y } }
        var node = Data(), graph = Data(), opset = Data(), model = Data(), value = Data()
        ProtobufWire.appendField(1, bytes: Data("x".utf8), to: &node)
        ProtobufWire.appendField(2, bytes: Data("y".utf8), to: &node)
        ProtobufWire.appendField(4, bytes: Data("Identity".utf8), to: &node)
        ProtobufWire.appendField(1, bytes: node, to: &graph)
        ProtobufWire.appendField(1, bytes: Data("x".utf8), to: &value)
        ProtobufWire.appendField(11, bytes: value, to: &graph)
        ProtobufWire.appendVarintField(2, 13, to: &opset)
        ProtobufWire.appendVarintField(1, 8, to: &model)
        ProtobufWire.appendField(7, bytes: graph, to: &model)
        ProtobufWire.appendField(8, bytes: opset, to: &model)
        let path = folder.appendingPathComponent("identity.onnx")
        try model.write(to: path)
        try FileManager.default.copyItem(atPath: try JoeVoice.modelPath() + ".json", toPath: path.path + ".json")
        #expect(try OnnxModelFile(url: path).inputs == ["x"])
        let cache = NeuralVoiceCache(root: folder.appendingPathComponent("cache"))
        let text = message { _ = try PiperSynthesizer(configuration: PiperConfiguration(modelPath: path.path), cache: cache) }
        #expect(text == "\(path.path) is not a Piper VITS model: it has no 'input' input", "\(text ?? "no error")")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: cache.root.path)) ?? []
        #expect(left.isEmpty, "nothing converted into the cache: \(left)")
    }

    @Test("a config that is not a Piper voice's")
    func badConfig() throws {
        let scratch = try TemporaryFolder("neural")
        let folder = scratch.url
        let model = folder.appendingPathComponent("odd.onnx")
        try FileManager.default.createSymbolicLink(atPath: model.path, withDestinationPath: try JoeVoice.modelPath())
        try Data(#"{"audio": {"sample_rate": 22050}}"#.utf8).write(to: URL(fileURLWithPath: model.path + ".json"))
        let text = message { try load(model.path) }
        #expect(text == "\(model.path).json is not a Piper voice config", "\(text ?? "no error")")
    }

    @Test("a voice for another language than the text's")
    func wrongLanguage() throws {
        let text = message { try load(try JoeVoice.modelPath(), language: "de") }
        #expect(text?.hasPrefix("voice joe speaks en-us, not de") == true, "\(text ?? "no error")")
        #expect(message { try load(try JoeVoice.modelPath(), language: "en-gb") } == nil)
    }

    @Test("settings out of range")
    func badSettings() throws {
        let path = try JoeVoice.modelPath()
        #expect(message { _ = try JoeVoice.synthesizer(PiperConfiguration(modelPath: path, speechThreads: 0)) }?.hasPrefix("invalid speech threads") == true)
        #expect(message { _ = try JoeVoice.synthesizer(PiperConfiguration(modelPath: path, lengthScale: 9)) }?.hasPrefix("invalid length scale") == true)
    }
}
