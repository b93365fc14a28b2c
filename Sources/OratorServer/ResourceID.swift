/// The ids the server makes: a prefix and 20 letters or digits. Only strings of exactly this
/// form are ever turned into file names, so no request can name a path.
public struct ResourceID: Sendable, Hashable, CustomStringConvertible {
    /// What an id names.
    public enum Kind: String, Sendable, CaseIterable {
        case image = "img"
        case audio = "aud"
        case talk = "tlk"
    }

    static let length = 20
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    public let kind: Kind
    /// The whole id, prefix included (`tlk_...`).
    public let value: String

    /// A new random id.
    public init(new kind: Kind) {
        var generator = SystemRandomNumberGenerator()
        let body = String((0..<Self.length).map { _ in Self.alphabet.randomElement(using: &generator)! })
        self.kind = kind
        value = "\(kind.rawValue)_\(body)"
    }

    /// `text` if it is an id of `kind`, else nil.
    public init?(_ text: String, kind: Kind) {
        let prefix = kind.rawValue + "_"
        guard text.utf8.count == prefix.utf8.count + Self.length, text.hasPrefix(prefix) else { return nil }
        let body = text.utf8.dropFirst(prefix.utf8.count)
        guard body.allSatisfy({ (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }) else { return nil }
        self.kind = kind
        value = text
    }

    public var description: String { value }
}
