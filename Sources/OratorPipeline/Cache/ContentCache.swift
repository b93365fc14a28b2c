import Foundation
import OratorCore

/// A content-addressed store of stage outputs on disk.
///
/// Each entry is a folder of files plus a manifest with their SHA-256 checksums. Entries are
/// written in a temporary folder and renamed into place, so readers see whole entries or none;
/// a per-key file lock (`flock`) makes two processes (or threads) that need the same entry
/// compute it once; an entry whose files no longer match their checksums is deleted and
/// recomputed. The struct holds only its root path; all shared state is on disk under locks.
public struct ContentCache: Sendable {
    /// The cache folder.
    public let root: URL

    /// `$XDG_CACHE_HOME/orator`, or `~/.cache/orator`.
    public static var defaultRoot: URL { CacheLocation.root() }

    /// Opens (creating if needed) a cache at `root`.
    public init(root: URL = ContentCache.defaultRoot) throws(OratorError) {
        self.root = root
        let kind = FileKind(of: root)
        guard kind == .missing || kind == .directory else {
            throw OratorError(.unwritableOutput, "cannot use \(root.path) as the cache: it is \(kind.phrase), not a folder (give --cache a folder)")
        }
        for folder in [entriesFolder, locksFolder, scratchFolder] {
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw OratorError(.unwritableOutput, "cannot use cache folder \(root.path)", cause: "\(error)")
            }
        }
        sweepStaleScratch()
    }

    /// Removes scratch folders whose process is gone (killed before it could clean up).
    @discardableResult
    func sweepStaleScratch() -> (count: Int, bytes: Int64) {
        ScratchSweeper.sweep(scratchFolder, owner: Self.scratchOwner)
    }

    /// The PID in a scratch folder's name, `KEY-PID-RANDOM`.
    static func scratchOwner(_ name: String) -> Int32? {
        let parts = name.split(separator: "-")
        return parts.count == 3 ? Int32(parts[1]) : nil
    }

    var entriesFolder: URL { root.appendingPathComponent("v1/entries") }
    var locksFolder: URL { root.appendingPathComponent("v1/locks") }
    var scratchFolder: URL { root.appendingPathComponent("v1/tmp") }

    func entryFolder(_ key: CacheKey) -> URL {
        entriesFolder.appendingPathComponent(String(key.hex.prefix(2))).appendingPathComponent(key.hex)
    }

    /// Returns the entry for `key`, computing it with `produce` if it is missing or corrupt.
    ///
    /// `produce` writes the entry's files into the folder it is given. The returned entry holds
    /// a shared lock until it is released (deinit), so `prune` never removes it while in use.
    public func entry(stage: String, key: CacheKey,
                      produce: (URL) throws(OratorError) -> Void) throws(OratorError) -> (entry: CacheEntry, hit: Bool) {
        let lock = try FileLock(url: locksFolder.appendingPathComponent("\(key.hex).lock"))
        let folder = entryFolder(key)
        // Readers share the lock; only a missing or corrupt entry takes it exclusively.
        lock.lockShared()
        if CacheManifest.verify(folder: folder) {
            CacheManifest.touch(folder: folder)
            return (CacheEntry(folder: folder, key: key, lock: lock), true)
        }
        lock.unlock()
        lock.lockExclusive()
        if FileManager.default.fileExists(atPath: folder.path) {
            if CacheManifest.verify(folder: folder) {
                CacheManifest.touch(folder: folder)
                lock.lockShared()
                return (CacheEntry(folder: folder, key: key, lock: lock), true)
            }
            try? FileManager.default.removeItem(at: folder)
        }
        let scratch = scratchFolder.appendingPathComponent("\(key.hex)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        do { try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true) } catch {
            throw OratorError(.unwritableOutput, "cannot write to cache folder \(root.path)", cause: "\(error)")
        }
        Cleanup.track(scratch)
        defer { Cleanup.release(scratch) }
        do throws(OratorError) {
            try produce(scratch)
            try CacheManifest.write(folder: scratch, stage: stage, key: key)
            try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
            if rename(scratch.path, folder.path) != 0 {
                throw OratorError(.unwritableOutput, "cannot store a cache entry in \(root.path)", cause: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw error
        }
        lock.lockShared()
        return (CacheEntry(folder: folder, key: key, lock: lock), false)
    }
}

extension FileManager {
    /// `createDirectory` with typed errors.
    func createDirectory(at url: URL, withIntermediateDirectories: Bool) throws(OratorError) {
        do { try createDirectory(at: url, withIntermediateDirectories: withIntermediateDirectories, attributes: nil) } catch {
            throw OratorError(.unwritableOutput, "cannot create folder \(url.path)", cause: "\(error)")
        }
    }
}

/// A finished cache entry, held with a shared lock until released.
public final class CacheEntry: Sendable {
    /// The folder holding the entry's files.
    public let folder: URL
    public let key: CacheKey
    private let lock: FileLock

    init(folder: URL, key: CacheKey, lock: FileLock) {
        self.folder = folder
        self.key = key
        self.lock = lock
    }

    /// The path of one of the entry's files.
    public func file(_ name: String) -> URL { folder.appendingPathComponent(name) }
}
