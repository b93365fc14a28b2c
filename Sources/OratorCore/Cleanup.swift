import Foundation

/// What a run has in flight that an interruption must undo: temporary files and folders to
/// remove and child processes to stop. `Interruption` empties it when SIGINT, SIGTERM or
/// SIGHUP arrives; `ScratchSweeper` removes what a killed run (SIGKILL) left behind.
public enum Cleanup {
    private static let state = LockedState()

    /// Removes `url` (file or folder) if the process is interrupted before `release(_:)`.
    public static func track(_ url: URL) { _ = state.withLock { $0.paths.insert(url.path) } }
    /// Forgets `url` (it was committed or removed).
    public static func release(_ url: URL) { _ = state.withLock { $0.paths.remove(url.path) } }
    /// Stops the child `pid` if the process is interrupted before `release(pid:)`.
    public static func track(pid: Int32) { _ = state.withLock { $0.children.insert(pid) } }
    /// Forgets a child that has exited.
    public static func release(pid: Int32) { _ = state.withLock { $0.children.remove(pid) } }

    /// Kills every tracked child (and waits briefly for it), then removes every tracked path.
    /// Called once, from the interruption handler.
    public static func undoAll() {
        let (paths, children) = state.withLock { state in
            let taken = (state.paths, state.children)
            state.paths.removeAll()
            state.children.removeAll()
            return taken
        }
        for pid in children { kill(pid, SIGKILL) }
        for pid in children {
            var status: Int32 = 0
            for _ in 0..<200 where waitpid(pid, &status, WNOHANG) == 0 { usleep(5_000) }
        }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    struct Tracked {
        var paths: Set<String> = []
        var children: Set<Int32> = []
    }

    final class LockedState: @unchecked Sendable {
        // Safe: `tracked` is only touched while `lock` is held.
        private let lock = NSLock()
        private var tracked = Tracked()
        func withLock<T>(_ body: (inout Tracked) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&tracked)
        }
    }
}

/// Turns SIGINT, SIGTERM and SIGHUP into a clean stop: children are stopped, temporaries
/// removed, and the process exits with 128 + the signal number, as shells expect.
public enum Interruption {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    // Safe: written once by `install()` on the main thread before any work starts.

    /// Installs the handlers; call once at start-up.
    public static func install() {
        let queue = DispatchQueue(label: "orator.interruption")
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                Cleanup.undoAll()
                _exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}

/// Removes the scratch files of Orator processes that no longer exist (killed with SIGKILL,
/// or by a power cut): `orator-PID-*` folders and `orator-ffmpeg-PID-*.log` files in the
/// temporary folder, and `.NAME.PID-N.partial*` files beside an output.
public enum ScratchSweeper {
    /// The PID written into a scratch name by `pattern`: the digits right after `prefix`.
    public static func ownerPID(of name: String, after prefix: String) -> Int32? {
        guard name.hasPrefix(prefix) else { return nil }
        let digits = name.dropFirst(prefix.count).prefix { $0.isNumber }
        return Int32(digits)
    }

    /// Whether a process with `pid` exists.
    public static func isAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    /// Removes entries of `folder` whose owner (found by `owner`) is gone; returns their count and bytes.
    @discardableResult
    public static func sweep(_ folder: URL, owner: (String) -> Int32?) -> (count: Int, bytes: Int64) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var removed = (count: 0, bytes: Int64(0))
        for name in names {
            guard let pid = owner(name), pid != getpid(), !isAlive(pid) else { continue }
            let url = folder.appendingPathComponent(name)
            let bytes = diskBytes(url)
            if (try? FileManager.default.removeItem(at: url)) != nil {
                removed.count += 1
                removed.bytes += bytes
            }
        }
        return removed
    }

    /// Orator's own scratch in the system temporary folder: `orator-PID-...` and `orator-ffmpeg-PID-...`.
    public static func temporaryFolderOwner(_ name: String) -> Int32? {
        ownerPID(of: name, after: "orator-ffmpeg-") ?? ownerPID(of: name, after: "orator-")
    }

    /// Sweeps the system temporary folder.
    @discardableResult
    public static func sweepTemporaryFolder() -> (count: Int, bytes: Int64) {
        sweep(FileManager.default.temporaryDirectory, owner: temporaryFolderOwner)
    }

    /// Bytes used by a file or a folder tree.
    public static func diskBytes(_ url: URL) -> Int64 {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return 0 }
        guard isDirectory.boolValue else {
            return (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int64) ?? 0
        }
        var total: Int64 = 0
        if let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey]) {
            for case let file as URL in walker {
                total += Int64((try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
            }
        }
        return total
    }
}

extension Process {
    /// Starts the process and tracks it, so an interruption stops it too.
    public func runTracked() throws {
        try run()
        Cleanup.track(pid: processIdentifier)
    }

    /// Waits for the process to exit and stops tracking it.
    public func waitTracked() {
        waitUntilExit()
        Cleanup.release(pid: processIdentifier)
    }
}
