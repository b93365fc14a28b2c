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
            throw (error as? YamlError).flatMap(Problem.init) ?? Problem(message: String(describing: error), line: nil)
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

private extension YAMLTree.Problem {
    /// The parser's problem in words ("did not find expected ',' or ']' while parsing a flow
    /// sequence"), at the line where the construct at fault starts.
    init?(_ error: YamlError) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let words = [problem, context?.text].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            self.init(message: words, line: context?.mark.line ?? mark.line)
        default:
            return nil
        }
    }
}
