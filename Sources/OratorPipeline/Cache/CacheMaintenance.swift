import Foundation
import OratorCore

/// What is in a cache.
public struct CacheStats: Sendable, Codable, Equatable {
    public var entries: Int
    public var bytes: Int64
    /// Entries and bytes per stage.
    public var stages: [String: StageStats]

    public struct StageStats: Sendable, Codable, Equatable {
        public var entries: Int
        public var bytes: Int64
    }
}

extension ContentCache {
    /// Counts entries and bytes, per stage.
    public func stats() -> CacheStats {
        var stats = CacheStats(entries: 0, bytes: 0, stages: [:])
        for folder in allEntryFolders() {
            let stage = CacheManifest.read(folder: folder)?.stage ?? "unknown"
            let bytes = Self.size(of: folder)
            stats.entries += 1
            stats.bytes += bytes
            stats.stages[stage, default: .init(entries: 0, bytes: 0)].entries += 1
            stats.stages[stage, default: .init(entries: 0, bytes: 0)].bytes += bytes
        }
        // Scratch of runs in progress, or of killed runs that `prune` (or the next run) removes.
        let scratch = (try? FileManager.default.contentsOfDirectory(atPath: scratchFolder.path)) ?? []
        if !scratch.isEmpty {
            let bytes = scratch.reduce(Int64(0)) { $0 + ScratchSweeper.diskBytes(scratchFolder.appendingPathComponent($1)) }
            stats.bytes += bytes
            stats.stages["scratch"] = .init(entries: scratch.count, bytes: bytes)
        }
        return stats
    }

    /// Removes entries not used for `age` seconds (skipping any in use); returns what was freed.
    @discardableResult
    public func prune(olderThan age: TimeInterval) -> (entries: Int, bytes: Int64) {
        let cutoff = Date().addingTimeInterval(-age)
        let stale = sweepStaleScratch()
        var removed = stale.count
        var bytes: Int64 = stale.bytes
        for folder in allEntryFolders() {
            let manifest = folder.appendingPathComponent(CacheManifest.name)
            let used = (try? FileManager.default.attributesOfItem(atPath: manifest.path)[.modificationDate] as? Date) ?? .distantPast
            guard used < cutoff, let lock = try? FileLock(url: locksFolder.appendingPathComponent("\(folder.lastPathComponent).lock")),
                  lock.tryLockExclusive() else { continue }
            let size = Self.size(of: folder)
            if (try? FileManager.default.removeItem(at: folder)) != nil {
                removed += 1
                bytes += size
                try? FileManager.default.removeItem(at: locksFolder.appendingPathComponent("\(folder.lastPathComponent).lock"))
            }
        }
        return (removed, bytes)
    }

    /// Parses an age such as `7d`, `12h`, `30m` or `45s`.
    public static func parseAge(_ text: String) throws(OratorError) -> TimeInterval {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604_800]
        guard let unit = text.last, let scale = units[unit], let value = Double(text.dropLast()), value >= 0 else {
            throw OratorError(.invalidInput, "invalid age '\(text)': use a number and a unit, such as 7d, 12h, 30m")
        }
        return value * scale
    }

    private func allEntryFolders() -> [URL] {
        let shards = (try? FileManager.default.contentsOfDirectory(atPath: entriesFolder.path)) ?? []
        return shards.flatMap { shard in
            let folder = entriesFolder.appendingPathComponent(shard)
            return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).map { folder.appendingPathComponent($0) }
        }
    }

    static func size(of folder: URL) -> Int64 {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.reduce(Int64(0)) { total, name in
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            return total + ((attributes?[.size] as? NSNumber)?.int64Value ?? 0)
        }
    }
}
