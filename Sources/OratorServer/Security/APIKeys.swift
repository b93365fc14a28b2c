import Foundation
import OratorCore

/// One API key: D-ID's `name:secret` form. The name identifies the owner of jobs and uploads;
/// the secret authenticates requests and signs that owner's webhooks.
public struct APIKey: Sendable, Equatable {
    public let name: String
    public let secret: String
}

/// The keys of `--api-key-file`, and the check of a request's `Authorization` header.
public struct APIKeys: Sendable {
    public let keys: [APIKey]

    public init(keys: [APIKey]) { self.keys = keys }

    /// Reads one `name:secret` per line; blank lines and `#` comments are skipped.
    public init(file: URL) throws(OratorError) {
        let text = try InputFile.readText(file, role: "API key file", limit: 1 << 20)
        var keys: [APIKey] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex, line.index(after: colon) != line.endIndex else {
                throw OratorError(.invalidInput, "\(file.path):\(index + 1): an API key is name:secret, one per line")
            }
            let name = String(line[..<colon]), secret = String(line[line.index(after: colon)...])
            guard secret.count >= 8 else {
                throw OratorError(.invalidInput, "\(file.path):\(index + 1): the secret of key \"\(name)\" is shorter than 8 characters")
            }
            guard !keys.contains(where: { $0.name == name }) else {
                throw OratorError(.invalidInput, "\(file.path):\(index + 1): key name \"\(name)\" appears twice")
            }
            keys.append(APIKey(name: name, secret: secret))
        }
        guard !keys.isEmpty else { throw OratorError(.invalidInput, "\(file.path): no API keys in the file (name:secret, one per line)") }
        self.keys = keys
    }

    /// The key an `Authorization` header carries (`Basic base64(name:secret)` or
    /// `Bearer name:secret`), or nil. Every key is compared, in constant time, whatever matches.
    public func authenticate(_ header: String?) -> APIKey? {
        guard let credentials = header.flatMap(Self.credentials) else { return nil }
        var found: APIKey?
        for key in keys {
            let matches = ConstantTime.equal(Array(credentials.utf8), Array("\(key.name):\(key.secret)".utf8))
            if matches { found = key }
        }
        return found
    }

    /// `name:secret` from either header form.
    static func credentials(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let scheme = parts[0].lowercased(), value = parts[1].trimmingCharacters(in: .whitespaces)
        switch scheme {
        case "basic":
            guard let data = Data(base64Encoded: value) else { return nil }
            return String(data: data, encoding: .utf8)
        case "bearer":
            return value
        default:
            return nil
        }
    }
}

/// Comparison whose time depends only on the lengths, not on where the bytes differ.
enum ConstantTime {
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        let count = max(a.count, b.count)
        for index in 0..<count {
            let x = index < a.count ? a[index] : 0, y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0 && a.count == b.count
    }
}
