import Foundation
import OratorCore

/// A private temporary folder for one run's intermediate files, removed when the run ends.
public struct Workspace: Sendable {
    public let root: URL

    public init() throws(OratorError) {
        let name = "orator-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        root = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        do { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) } catch {
            throw OratorError(.unwritableOutput, "cannot create a temporary folder in \(FileManager.default.temporaryDirectory.path)", cause: "\(error)")
        }
        Cleanup.track(root)
    }

    /// A path inside the workspace.
    public func url(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// Deletes the workspace and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: root)
        Cleanup.release(root)
    }
}
