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

    /// One episode: its script and output, and any of the settings `create` takes.
    public struct Job: Sendable, Codable, Equatable {
        public var script: String?
        public var output: String?
        public var avatar: String?
        public var voice: String?
        public var rate: Int?
        public var pitch: Int?
        public var size: String?
        public var fps: Double?
        public var seed: UInt64?
        public var still: Bool?
        public var expressionScale: Float?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case script, output, avatar, voice, rate, pitch, size, fps, seed, still
            case expressionScale = "expression-scale"
        }

        /// The job's settings as a layer; its paths resolve against `base` (the manifest's folder).
        public func layer(base: URL) -> SettingsLayer {
            SettingsLayer(voice: voice, rate: rate, pitch: pitch, avatar: avatar, size: size, fps: fps, seed: seed, still: still,
                          expressionScale: expressionScale, base: base)
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
        let allowed = Set(Job.CodingKeys.allCases.map(\.rawValue))
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
