import Foundation
import OratorCore
import OratorScript
import Yams

/// A batch manifest (`orator batch --manifest jobs.yaml`):
///
/// ```yaml
/// defaults:            # optional; any key a job may have
///   size: 512
/// jobs:
///   - script: ep1.txt
///     output: out/ep1.mp4
///     avatar: builtin
///     voice: en-gb
/// ```
/// Paths are relative to the manifest's folder. Unknown keys are errors naming the key.
public struct BatchManifest: Sendable, Codable, Equatable {
    public var defaults: Job?
    public var jobs: [Job]

    /// One episode: its script and output, and any of the settings `create` takes (the keys of
    /// `SettingsLayer`, as in `orator.yaml`).
    public struct Job: Sendable, Codable, Equatable {
        public var script: String?
        public var output: String?
        public var settings = SettingsLayer()

        enum CodingKeys: String, CodingKey, CaseIterable {
            case script, output
        }

        /// Every key a job may have.
        static var allowedKeys: Set<String> {
            Set(SettingsLayer.CodingKeys.allCases.map(\.rawValue) + CodingKeys.allCases.map(\.rawValue))
        }

        public init(script: String? = nil, output: String? = nil, settings: SettingsLayer = SettingsLayer()) {
            self.script = script
            self.output = output
            self.settings = settings
        }

        public init(from decoder: any Decoder) throws {
            settings = try SettingsLayer(from: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            script = try container.decodeIfPresent(String.self, forKey: .script)
            output = try container.decodeIfPresent(String.self, forKey: .output)
        }

        public func encode(to encoder: any Encoder) throws {
            try settings.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(script, forKey: .script)
            try container.encodeIfPresent(output, forKey: .output)
        }

        /// The job's settings as a layer; its paths resolve against `base` (the manifest's folder).
        public func layer(base: URL) -> SettingsLayer {
            var layer = settings
            layer.base = base
            return layer
        }
    }

    /// Reads and checks a manifest file.
    public static func load(_ url: URL) throws(OratorError) -> BatchManifest {
        let text = try InputFile.readText(url, role: "batch manifest", limit: InputLimits.textBytes)
        let source = url.lastPathComponent
        let tree: Any?
        do { tree = try YAMLTree.load(text) } catch {
            throw OratorError(.invalidInput, "\(source)\(error.line.map { ":\($0)" } ?? "") is not valid YAML", cause: error.message)
        }
        guard let root = tree as? [String: Any], let jobs = root["jobs"] as? [Any] else {
            throw OratorError(.invalidInput, "\(source) needs a 'jobs' list")
        }
        guard !jobs.isEmpty else { throw OratorError(.invalidInput, "\(source): the 'jobs' list is empty (add at least one job with a script)") }
        for key in root.keys.sorted() where !["defaults", "jobs"].contains(key) {
            throw OratorError(.invalidInput, "\(source): unknown key '\(key)' (known: defaults, jobs)")
        }
        let allowed = Job.allowedKeys
        let entries = jobs.enumerated().map { ("jobs[\($0.offset)]", $0.element) } + (root["defaults"].map { [("defaults", $0)] } ?? [])
        for (label, entry) in entries {
            guard let fields = entry as? [String: Any] else { throw OratorError(.invalidInput, "\(source): \(label) must be a mapping") }
            for key in fields.keys.sorted() where !allowed.contains(key) {
                throw OratorError(.invalidInput, "\(source): unknown key '\(key)' in \(label)")
            }
        }
        let manifest: BatchManifest
        do { manifest = try YAMLDecoder().decode(BatchManifest.self, from: text) } catch {
            throw OratorError(.invalidInput, "\(source): a value has the wrong type", cause: "\(error)")
        }
        for (index, job) in manifest.jobs.enumerated() where (job.script ?? manifest.defaults?.script) == nil {
            throw OratorError(.invalidInput, "\(source): jobs[\(index)] has no script")
        }
        return manifest
    }
}
