import Foundation
import OratorCore

/// The manifest of a cache entry: what produced it and the checksum of every file.
struct CacheManifest: Codable {
    var stage: String
    var key: String
    var created: Date
    var files: [String: String]

    static let name = "manifest.json"

    /// Writes the manifest for the files now in `folder`.
    static func write(folder: URL, stage: String, key: CacheKey) throws(OratorError) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0 != name }
        var files: [String: String] = [:]
        for file in names { files[file] = try Digest.ofFile(folder.appendingPathComponent(file)) }
        let manifest = CacheManifest(stage: stage, key: key.hex, created: Date(), files: files)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        guard let data = try? encoder.encode(manifest),
              FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: data) else {
            throw OratorError(.unwritableOutput, "cannot write a cache manifest in \(folder.path)")
        }
    }

    static func read(folder: URL) -> CacheManifest? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(CacheManifest.self, from: data)
    }

    /// True if the manifest exists and every file matches its checksum.
    static func verify(folder: URL) -> Bool {
        guard let manifest = read(folder: folder) else { return false }
        for (file, digest) in manifest.files {
            guard let actual = try? Digest.ofFile(folder.appendingPathComponent(file)), actual == digest else { return false }
        }
        return true
    }

    /// Marks the entry as used now (prune goes by last use).
    static func touch(folder: URL) {
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: folder.appendingPathComponent(name).path)
    }
}
