import Foundation

/// A fresh folder under the system's temporary directory for one test's files, removed when
/// the value goes away (or by `remove()`).
public final class TemporaryFolder {
    /// The folder.
    public let url: URL

    /// Creates `orator-NAME-UUID` in the temporary directory.
    public init(_ name: String = "test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("orator-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { remove() }

    /// A path inside the folder.
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes `contents` (UTF-8) to `name` inside the folder and returns its path.
    public func file(_ name: String, contents: String) throws -> URL {
        let file = file(name)
        try Data(contents.utf8).write(to: file)
        return file
    }

    /// Names of everything in the folder, sorted.
    public func contents() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    /// Removes the folder and everything in it.
    public func remove() { try? FileManager.default.removeItem(at: url) }
}
