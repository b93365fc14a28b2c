import Foundation

/// Writes an output file under a temporary name beside it and renames it into place only when
/// complete, so a failed or interrupted run never leaves a half-written file.
public struct AtomicOutput: Sendable {
    /// Where the finished file goes.
    public let destination: URL
    /// Where it is written while in progress (same folder, so the rename is atomic).
    public let temporary: URL

    /// Checks that the destination folder exists and is writable and that the destination is
    /// not a device, pipe, socket or folder (`folder: true` allows an existing folder, for
    /// outputs that are folders), and picks the temporary name. Partial files that a killed
    /// run left beside the destination are removed.
    public init(destination: URL, folder isFolderOutput: Bool = false) throws(OratorError) {
        self.destination = destination
        if !(isFolderOutput && FileKind(of: destination) == .directory) {
            try OutputGuard.requireWritableKind(destination)
        }
        let folder = destination.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OratorError(.unwritableOutput, "cannot write \(destination.path): folder \(folder.path) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw OratorError(.unwritableOutput, "cannot write \(destination.path): folder \(folder.path) is not writable")
        }
        let name = destination.deletingPathExtension().lastPathComponent
        let ext = destination.pathExtension
        let tag = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        self.temporary = folder.appendingPathComponent(".\(name).\(tag).partial\(ext.isEmpty ? "" : ".\(ext)")")
        ScratchSweeper.sweep(folder) { entry in
            entry.contains(".partial") ? ScratchSweeper.ownerPID(of: entry, after: ".\(name).") : nil
        }
        Cleanup.track(temporary)
    }

    /// Moves the finished temporary file into place, replacing any older file.
    public func commit() throws(OratorError) {
        try OutputGuard.requireWritableKind(destination)
        defer { Cleanup.release(temporary) }
        if rename(temporary.path, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            discard()
            throw OratorError(.unwritableOutput, "cannot write \(destination.path)", cause: reason)
        }
    }

    /// Copies a finished file to the temporary name and renames it into place.
    public func copyAndCommit(from source: URL) throws(OratorError) {
        discard()
        Cleanup.track(temporary)
        do { try FileManager.default.copyItem(at: source, to: temporary) } catch {
            discard()
            throw OratorError(.unwritableOutput, "cannot write \(destination.path)", cause: "\(error)")
        }
        try commit()
    }

    /// Writes `data` to `destination` atomically; `what` names the file in errors ("captions").
    public static func write(_ data: Data, to destination: URL, what: String) throws(OratorError) {
        let output = try AtomicOutput(destination: destination)
        do { try data.write(to: output.temporary) } catch {
            output.discard()
            throw OratorError(.unwritableOutput, "cannot write \(what) \(destination.path)", cause: "\(error)")
        }
        try output.commit()
    }

    /// Checks, before slow work, that `destination` could be written (its folder exists and is
    /// writable, and it is not a device, pipe or folder); writes nothing.
    public static func checkWritable(_ destination: URL) throws(OratorError) {
        try AtomicOutput(destination: destination).discard()
    }

    /// Deletes the temporary file (after a failure).
    public func discard() {
        try? FileManager.default.removeItem(at: temporary)
        Cleanup.release(temporary)
    }
}
