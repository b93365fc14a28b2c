import Foundation
import OratorCore
import OratorFace
import OratorScript
import Yams

/// Defaults from `orator.yaml` (in the working folder, or `--config PATH`). Command-line flags
/// override every value. Unknown keys are an error naming the key.
public struct OratorConfiguration: Sendable, Codable, Equatable {
    /// espeak-ng voice, such as `en-us`.
    public var voice: String?
    /// Speaking rate, words per minute.
    public var rate: Int?
    /// Voice pitch, 0-100.
    public var pitch: Int?
    /// `builtin`, an avatar pack folder or a photo.
    public var avatar: String?
    /// Frame size, `512` or `WxH`, or the name of a preset.
    public var size: String?
    /// Frames per second.
    public var fps: Double?
    /// Seed for blinks and head motion.
    public var seed: UInt64?
    /// Keep the head still.
    public var still: Bool?
    /// Mouth and brow movement scale.
    public var expressionScale: Float?
    /// Frames rendered in parallel.
    public var jobs: Int?
    /// Threads for a neural voice.
    public var speechThreads: Int?
    /// How a photo avatar is framed.
    public var preprocess: PreprocessMode?
    /// Which face of a photo speaks.
    public var face: Int?
    /// Cache folder.
    public var cache: String?
    /// `auto`, `libx264` or `nvenc`.
    public var encoder: String?
    /// Per-speaker voice and avatar, by speaker name.
    public var speakers: [String: Speaker]?
    /// Named output sizes, usable as `--size NAME`.
    public var presets: [String: Preset]?

    public struct Speaker: Sendable, Codable, Equatable {
        public var voice: String?
        public var avatar: String?
        public var rate: Int?
        public var pitch: Int?
    }

    public struct Preset: Sendable, Codable, Equatable {
        public var size: String
        public var fps: Double?
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case voice, rate, pitch, avatar, size, fps, seed, still, jobs, cache, encoder, speakers, presets, preprocess, face
        case expressionScale = "expression-scale"
        case speechThreads = "speech-threads"
    }

    /// The folder of the file it was read from: its relative paths resolve there.
    public var folder: URL?

    public init() {}

    /// The file's settings as the lowest layer over the defaults.
    public var layer: SettingsLayer {
        SettingsLayer(voice: voice, rate: rate, pitch: pitch, speechThreads: speechThreads, avatar: avatar, preprocess: preprocess,
                      face: face, size: size, fps: fps, seed: seed, still: still, expressionScale: expressionScale, jobs: jobs,
                      encoder: encoder, cache: cache, base: folder)
    }

    /// Built-in presets; a configuration file may add more.
    public static let builtinPresets: [String: Preset] = [
        "landscape": Preset(size: "1920x1080"), "vertical": Preset(size: "1080x1920"),
        "square": Preset(size: "1080x1080"), "face": Preset(size: "512"),
    ]

    /// Reads `path`, or `orator.yaml` in `folder` if present, or returns an empty configuration.
    public static func load(path: URL?, folder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws(OratorError) -> OratorConfiguration {
        guard let url = file(path: path, folder: folder) else { return OratorConfiguration() }
        let text = try InputFile.readText(url, role: "configuration file", limit: InputLimits.textBytes)
        var configuration = try parse(text, source: url.lastPathComponent)
        configuration.folder = url.deletingLastPathComponent()
        return configuration
    }

    /// The file `load` reads: `path`, or `orator.yaml` in `folder` if it exists.
    public static func file(path: URL?, folder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) -> URL? {
        if let path { return path }
        let url = folder.appendingPathComponent("orator.yaml")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Parses YAML text; `source` names it in errors.
    public static func parse(_ text: String, source: String) throws(OratorError) -> OratorConfiguration {
        let tree: Any?
        do { tree = try YAMLTree.load(text) } catch {
            throw OratorError(.invalidInput, "\(source)\(error.line.map { ":\($0)" } ?? "") is not valid YAML", cause: error.message)
        }
        guard let tree else { return OratorConfiguration() }
        guard let root = tree as? [String: Any] else {
            throw OratorError(.invalidInput, "\(source) must be a mapping of settings (key: value)")
        }
        try checkKeys(root, allowed: Set(CodingKeys.allCases.map(\.rawValue)), path: "", source: source)
        for (section, allowed) in [("speakers", ["voice", "avatar", "rate", "pitch"]), ("presets", ["size", "fps"])] {
            guard let entries = root[section] else { continue }
            guard let map = entries as? [String: Any] else { throw OratorError(.invalidInput, "\(source): '\(section)' must be a mapping") }
            for (name, value) in map {
                guard let fields = value as? [String: Any] else {
                    throw OratorError(.invalidInput, "\(source): '\(section).\(name)' must be a mapping")
                }
                try checkKeys(fields, allowed: Set(allowed), path: "\(section).\(name).", source: source)
            }
        }
        do { return try YAMLDecoder().decode(OratorConfiguration.self, from: text) } catch {
            throw OratorError(.invalidInput, "\(source): a value has the wrong type", cause: "\(error)")
        }
    }

    private static func checkKeys(_ map: [String: Any], allowed: Set<String>, path: String, source: String) throws(OratorError) {
        for key in map.keys.sorted() where !allowed.contains(key) {
            throw OratorError(.invalidInput, "\(source): unknown key '\(path)\(key)' (known: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// The configuration as YAML.
    public func yaml() -> String {
        (try? YAMLEncoder().encode(self)) ?? ""
    }
}
