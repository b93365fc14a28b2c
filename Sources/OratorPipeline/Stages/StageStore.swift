import Foundation
import OratorCore

/// Where stage outputs live: the content-addressed cache, or a private folder for one run
/// (`--no-cache`). Both give each stage run a folder of files.
public protocol StageStore: Sendable {
    /// The folder of `stage`'s output for `key`, produced by `produce` unless already present.
    func output(stage: String, key: CacheKey, produce: (URL) throws(OratorError) -> Void) throws(OratorError) -> StageOutput
}

/// A stage's output folder, kept (and, in the cache, locked against pruning) while referenced.
public struct StageOutput: Sendable {
    public let folder: URL
    /// True if the output was already there (a cache hit).
    public let reused: Bool
    /// Keeps a cache entry's lock alive as long as the output is in use.
    let entry: CacheEntry?

    /// One of the output's files.
    public func file(_ name: String) -> URL { folder.appendingPathComponent(name) }
}

extension ContentCache: StageStore {
    public func output(stage: String, key: CacheKey, produce: (URL) throws(OratorError) -> Void) throws(OratorError) -> StageOutput {
        let (entry, hit) = try entry(stage: stage, key: key, produce: produce)
        return StageOutput(folder: entry.folder, reused: hit, entry: entry)
    }
}

/// Stage outputs in a run's private workspace, computed every time.
public struct WorkspaceStore: StageStore {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    public func output(stage: String, key: CacheKey, produce: (URL) throws(OratorError) -> Void) throws(OratorError) -> StageOutput {
        let folder = workspace.url("\(stage)-\(key.hex.prefix(16))")
        if FileManager.default.fileExists(atPath: folder.path) { return StageOutput(folder: folder, reused: true, entry: nil) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try produce(folder)
        return StageOutput(folder: folder, reused: false, entry: nil)
    }
}
