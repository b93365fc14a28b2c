import Foundation
import OratorCore

/// The layout of `--data`: `queue.sqlite`, `uploads/ID.EXT`, `jobs/ID/` (a job's inputs and its
/// results), `incoming/` (uploads and job folders being written), `cache/` (stage outputs) and
/// `secret`. Paths are only ever made from server-made ids and fixed names.
struct ServerFolders: Sendable {
    let root: URL
    var database: URL { root.appendingPathComponent("queue.sqlite") }
    var uploads: URL { root.appendingPathComponent("uploads") }
    var jobs: URL { root.appendingPathComponent("jobs") }
    var incoming: URL { root.appendingPathComponent("incoming") }
    var cache: URL { root.appendingPathComponent("cache") }

    init(root: URL) throws(OratorError) {
        self.root = root.standardizedFileURL
        for folder in [self.root, uploads, jobs, incoming, cache] {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw OratorError(.unwritableOutput, "cannot create the server's data folder \(folder.path)", cause: "\(error)")
            }
        }
    }

    func job(_ id: ResourceID) -> URL { jobs.appendingPathComponent(id.value) }
    func upload(file: String) -> URL { uploads.appendingPathComponent(file) }

    /// A fresh name in `incoming/` for something being written.
    func incomingFile(_ suffix: String = "") -> URL {
        incoming.appendingPathComponent(UUID().uuidString + suffix)
    }

    /// Removes what a crash left half-written in `incoming/`.
    func sweepIncoming() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: incoming.path)) ?? []
        for name in names { try? FileManager.default.removeItem(at: incoming.appendingPathComponent(name)) }
    }

    /// Links (or, across file systems, copies) `source` to `destination`.
    static func link(_ source: URL, to destination: URL) throws(OratorError) {
        if Foundation.link(source.path, destination.path) == 0 { return }
        do { try FileManager.default.copyItem(at: source, to: destination) } catch {
            throw OratorError(.unwritableOutput, "cannot place \(source.lastPathComponent) in the job folder", cause: "\(error)")
        }
    }
}
