import Crypto
import Foundation
import OratorCore

/// Signed links to results (like D-ID's presigned result URLs): a `<video src>` or a download
/// needs no key. The signature is HMAC-SHA256 of the path and the expiry, keyed with the
/// server's secret (`DATA/secret`, made on first start, readable by its owner only).
struct URLSigner: Sendable {
    let secret: Data
    /// Raw bytes of the secret, for signing webhooks when no API keys are configured.
    let secretText: String
    /// How long a link stays valid.
    var lifetime: TimeInterval = 24 * 3600

    /// The secret in `folder`, created if missing.
    init(folder: URL) throws(OratorError) {
        let file = folder.appendingPathComponent("secret")
        if let text = try? String(contentsOf: file, encoding: .utf8), text.count >= 32 {
            secretText = text.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            var generator = SystemRandomNumberGenerator()
            let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            secretText = bytes.map { String(format: "%02x", $0) }.joined()
            let temporary = folder.appendingPathComponent(".secret.\(getpid())")
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(secretText.utf8),
                                                 attributes: [.posixPermissions: 0o600]),
                  rename(temporary.path, file.path) == 0 else {
                throw OratorError(.unwritableOutput, "cannot write the server secret \(file.path)")
            }
        }
        secret = Data(secretText.utf8)
    }

    /// `?expires=...&signature=...` for `path`.
    func query(for path: String, now: Date = Date()) -> String {
        let expires = Int(now.timeIntervalSince1970 + lifetime)
        return "expires=\(expires)&signature=\(signature(path: path, expires: expires))"
    }

    /// Whether `signature` signs `path` until `expires`, and that time has not passed.
    func verify(path: String, expires: String?, signature: String?, now: Date = Date()) -> Bool {
        guard let expires, let seconds = Int(expires), let signature, Double(seconds) >= now.timeIntervalSince1970 else { return false }
        return ConstantTime.equal(Array(self.signature(path: path, expires: seconds).utf8), Array(signature.utf8))
    }

    private func signature(path: String, expires: Int) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("\(path)\n\(expires)".utf8), using: SymmetricKey(data: secret))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// `sha256=HEX` of `body` keyed with `secret`: the webhook signature header's value.
    static func webhookSignature(_ body: Data, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }
}
