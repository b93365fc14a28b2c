import Foundation
import OratorCore

/// The parts of a Piper voice's `.onnx.json` that Orator uses.
public struct PiperVoiceConfig: Sendable, Decodable, Equatable {
    public struct Audio: Sendable, Decodable, Equatable {
        public var sampleRate: Int
        enum CodingKeys: String, CodingKey { case sampleRate = "sample_rate" }
    }
    public struct Espeak: Sendable, Decodable, Equatable {
        /// The espeak-ng voice whose phonemes the model was trained on, such as `en-us`.
        public var voice: String
    }
    public struct Inference: Sendable, Decodable, Equatable {
        public var noiseScale: Double?
        public var lengthScale: Double?
        public var noiseW: Double?
        enum CodingKeys: String, CodingKey {
            case noiseScale = "noise_scale", lengthScale = "length_scale", noiseW = "noise_w"
        }
    }
    public struct Language: Sendable, Decodable, Equatable {
        /// Such as `en_US`.
        public var code: String
        public var nameEnglish: String?
        enum CodingKeys: String, CodingKey { case code, nameEnglish = "name_english" }
    }

    public var audio: Audio
    public var espeak: Espeak
    public var inference: Inference?
    /// `espeak` for voices that read espeak-ng phonemes (the only kind Orator speaks with).
    public var phonemeType: String?
    /// Each phoneme symbol (one Unicode scalar) and the model input IDs it stands for.
    public var phonemeIDMap: [String: [Int]]
    public var numSpeakers: Int?
    public var language: Language?
    /// The data set the voice was trained on (its usual name, such as `joe`).
    public var dataset: String?

    enum CodingKeys: String, CodingKey {
        case audio, espeak, inference, language, dataset
        case phonemeType = "phoneme_type", phonemeIDMap = "phoneme_id_map", numSpeakers = "num_speakers"
    }
}

/// A Piper voice on disk: a VITS `.onnx` model with its `.onnx.json` beside it.
public struct PiperVoice: Sendable, Equatable {
    /// The `.onnx` model.
    public let modelURL: URL
    /// The `.onnx.json` configuration beside it.
    public let configURL: URL
    /// What the configuration says.
    public let config: PiperVoiceConfig

    /// Finds and reads the voice at `modelPath`; fails with one line naming the missing or bad file.
    public init(modelPath: String) throws(OratorError) {
        let model = URL(fileURLWithPath: (modelPath as NSString).expandingTildeInPath).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: model.path, isDirectory: &isDirectory) else {
            throw OratorError(.fileNotFound, "voice model not found: \(model.path)")
        }
        guard !isDirectory.boolValue, model.pathExtension == "onnx" else {
            throw OratorError(.invalidInput, "\(model.path) is not a Piper voice: give its .onnx file (with the .onnx.json beside it)")
        }
        let configURL = model.appendingPathExtension("json")
        guard FileManager.default.fileExists(atPath: configURL.path) else {
            throw OratorError(.fileNotFound, "voice config not found: \(configURL.path) (a Piper voice needs its .onnx.json beside the .onnx)")
        }
        let data: Data
        do { data = try Data(contentsOf: configURL) } catch {
            throw OratorError(.unreadableFile, "cannot read the voice config \(configURL.path)", cause: "\(error)")
        }
        let config: PiperVoiceConfig
        do { config = try JSONDecoder().decode(PiperVoiceConfig.self, from: data) } catch {
            throw OratorError(.invalidInput, "\(configURL.path) is not a Piper voice config", cause: Self.reason(error))
        }
        if let type = config.phonemeType, type != "espeak" {
            throw OratorError(.invalidInput, "\(configURL.path): phoneme_type '\(type)' is not supported (Orator speaks Piper voices trained on espeak-ng phonemes)")
        }
        guard config.audio.sampleRate >= 8_000, !config.phonemeIDMap.isEmpty else {
            throw OratorError(.invalidInput, "\(configURL.path) is not a Piper voice config: no sample rate or phoneme map")
        }
        self.modelURL = model
        self.configURL = configURL
        self.config = config
    }

    /// The language the voice speaks as an espeak-ng style tag (`en-us`).
    public var language: String {
        config.language.map { $0.code.replacingOccurrences(of: "_", with: "-").lowercased() } ?? config.espeak.voice.lowercased()
    }

    /// The voice's name: its data set, or the model's file name.
    public var name: String {
        config.dataset ?? modelURL.deletingPathExtension().lastPathComponent
    }

    /// True if the voice speaks `language` (an espeak-ng style tag such as `en-us` or `de`):
    /// the primary language subtags agree.
    public func speaks(_ language: String) -> Bool {
        let primary = { (tag: String) in
            tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        }
        return primary(language) == primary(self.language)
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let context): context.debugDescription
        default: "\(error)"
        }
    }
}
