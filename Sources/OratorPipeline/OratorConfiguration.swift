import Foundation
import OratorCore
import OratorFace
import OratorScript
import Yams

/// Defaults from `orator.yaml` (in the working folder, or `--config PATH`). Command-line flags
/// override every value. Unknown keys are an error naming the key.
public struct OratorConfiguration: Sendable, Codable, Equatable {
    /// The file's settings (voice, size, seed, ...: the keys of `SettingsLayer`).
    public var settings = SettingsLayer()
    /// Per-speaker voice and avatar, by speaker name.
    public var speakers: [String: Speaker]?
    /// Named output sizes, usable as `--size NAME`.
    public var presets: [String: Preset]?
    /// The folder of the file it was read from: its relative paths resolve there.
    public var folder: URL?

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
        case speakers, presets
    }

    /// Every key the file may have.
    static var allowedKeys: Set<String> {
        Set(SettingsLayer.CodingKeys.allCases.map(\.rawValue) + CodingKeys.allCases.map(\.rawValue))
    }

    public init() {}

    /// The settings and the sections are read from the same flat mapping.
    public init(from decoder: any Decoder) throws {
        settings = try SettingsLayer(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        speakers = try container.decodeIfPresent([String: Speaker].self, forKey: .speakers)
        presets = try container.decodeIfPresent([String: Preset].self, forKey: .presets)
    }

    public func encode(to encoder: any Encoder) throws {
        try settings.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(speakers, forKey: .speakers)
        try container.encodeIfPresent(presets, forKey: .presets)
    }

    /// The file's settings as the lowest layer over the defaults.
    public var layer: SettingsLayer {
        var layer = settings
        layer.base = folder
        return layer
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
        try checkKeys(root, allowed: allowedKeys, path: "", source: source)
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
}
