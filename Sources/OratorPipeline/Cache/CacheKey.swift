import Crypto
import Foundation
import OratorCore

/// A content address: the SHA-256 of a stage's name and version, its options, and the contents
/// of its inputs. Equal keys mean the stage would compute the same output.
public struct CacheKey: Sendable, Hashable, CustomStringConvertible {
    /// 64 lowercase hex digits.
    public let hex: String

    /// Builds the key of `stage` at `version` from its ordered inputs.
    public init(stage: String, version: Int, parts: [CacheKeyPart]) {
        var hasher = SHA256()
        func add(_ text: String) {
            hasher.update(data: Data("\(text.utf8.count):".utf8))
            hasher.update(data: Data(text.utf8))
        }
        add(stage)
        add(String(version))
        for part in parts {
            add(part.label)
            add(part.digest)
        }
        hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    public var description: String { String(hex.prefix(16)) }
}

/// One labelled input of a cache key: an option value or the digest of some content.
public struct CacheKeyPart: Sendable, Hashable {
    public let label: String
    public let digest: String

    /// An option or small value, by its canonical JSON.
    public static func value(_ label: String, _ value: some Encodable) throws(OratorError) -> CacheKeyPart {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return CacheKeyPart(label: label, digest: Digest.of(try encoder.encode(value)))
        } catch {
            throw OratorError(.internalFailure, "cannot describe \(label) for the cache", cause: "\(error)")
        }
    }

    /// A file, by the SHA-256 of its bytes (so the same content at another path gives the same key).
    public static func file(_ label: String, _ url: URL) throws(OratorError) -> CacheKeyPart {
        CacheKeyPart(label: label, digest: try Digest.ofFile(url))
    }

    /// A folder, by the names and contents of its files.
    public static func folder(_ label: String, _ url: URL) throws(OratorError) -> CacheKeyPart {
        let names = ((try? FileManager.default.subpathsOfDirectory(atPath: url.path)) ?? []).sorted()
        var combined = ""
        for name in names {
            let file = url.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            combined += "\(name)=\(try Digest.ofFile(file));"
        }
        return CacheKeyPart(label: label, digest: Digest.of(Data(combined.utf8)))
    }

    /// An already computed digest (another stage's key).
    public static func key(_ label: String, _ key: CacheKey) -> CacheKeyPart {
        CacheKeyPart(label: label, digest: key.hex)
    }
}

/// SHA-256 digests as hex.
public enum Digest {
    public static func of(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Streams a file through SHA-256 in 1 MiB blocks.
    public static func ofFile(_ url: URL) throws(OratorError) -> String {
        try InputFile.requireRegular(url, role: "input")
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw OratorError(.unreadableFile, "cannot read \(url.path)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let block: Data
            do { block = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                throw OratorError(.unreadableFile, "cannot read \(url.path)", cause: "\(error)")
            }
            if block.isEmpty { break }
            hasher.update(data: block)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
