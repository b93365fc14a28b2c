import Foundation
import Yams

/// Loads YAML text into plain values (`[String: Any]`, `[Any]`, scalars), the one way Orator
/// reads YAML (front matter, orator.yaml, batch manifests). Unlike `Yams.load`, a mapping key
/// that is not plain text (`{ [a]: b }`, found by fuzzing) is an error, not a crash.
public enum YAMLTree {
    /// Why the text is not usable YAML, with the line (1-based) where it is known.
    public struct Problem: Error, Sendable {
        public var message: String
        public var line: Int?
    }

    public static func load(_ text: String) throws(Problem) -> Any? {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            let line = (error as? YamlError).flatMap(\.line)
            throw Problem(message: String(describing: error), line: line)
        }
        guard let root else { return nil }
        try checkKeys(root)
        return Constructor.default.any(from: root)
    }

    private static func checkKeys(_ node: Node) throws(Problem) {
        switch node {
        case .scalar: return
        case let .sequence(sequence):
            for item in sequence { try checkKeys(item) }
        case let .mapping(mapping):
            for (key, value) in mapping {
                guard key.scalar != nil else {
                    throw Problem(message: "a key must be plain text, not a list or a mapping", line: key.mark.map { $0.line })
                }
                try checkKeys(value)
            }
        }
    }
}

private extension YamlError {
    /// The line the parser reports, where it reports one.
    var line: Int? {
        switch self {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        default:
            return nil
        }
    }
}
