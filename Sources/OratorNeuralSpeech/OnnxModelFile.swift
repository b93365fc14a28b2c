import Foundation
import OratorCore

/// The outer structure of an ONNX model file (a protobuf `ModelProto`): checked field by field
/// without loading the network, with its `metadata_props` and the ops of its main graph.
///
/// sherpa-onnx exits the process when a model cannot be parsed or lacks its metadata, so every
/// model is checked here first. A file that is truncated, is not protobuf, or has no graph is
/// rejected with one line naming it.
struct OnnxModelFile: Sendable {
    /// Field numbers of ONNX's `ModelProto`, `GraphProto`, `NodeProto` and `AttributeProto`.
    enum Field {
        static let irVersion: UInt64 = 1, graph: UInt64 = 7, opsetImport: UInt64 = 8, metadataProps: UInt64 = 14
        static let graphNode: UInt64 = 1, graphInput: UInt64 = 11
        static let nodeOpType: UInt64 = 4, nodeAttribute: UInt64 = 5
        static let attributeName: UInt64 = 1, attributeFloat: UInt64 = 2
    }

    /// Ops that draw random numbers (VITS's noise).
    static let randomOperators: Set<String> = ["RandomNormalLike", "RandomUniformLike", "RandomNormal", "RandomUniform"]

    let url: URL
    /// The model's `metadata_props`, key to value.
    let metadata: [String: String]
    /// The op type of each node of the main graph, in order.
    let operators: [String]
    /// The names of the main graph's inputs.
    let inputs: [String]
    /// The `seed` of each random node of the main graph, in order (nil: seeded from the clock).
    let randomSeeds: [Int?]

    /// Reads and checks `url`.
    init(url: URL) throws(OratorError) {
        self.url = url
        let data = try Self.map(url)
        let parsed = data.withUnsafeBytes { raw in Self.parse(ProtobufWire(bytes: raw)) }
        switch parsed {
        case .success(let model):
            metadata = model.metadata
            operators = model.operators
            randomSeeds = model.seeds
            inputs = model.inputs
        case .failure(let problem):
            throw OratorError(.invalidInput, "\(url.path) is not a valid ONNX model (\(problem.detail)): the file is corrupt or truncated; reinstall the voice")
        }
    }

    /// Throws unless the graph takes a Piper VITS model's inputs (sherpa-onnx aborts on others).
    /// `voicePath` names the file the user gave.
    func requirePiperInputs(voicePath: String) throws(OratorError) {
        for input in ["input", "input_lengths", "scales"] where !inputs.contains(input) {
            throw OratorError(.invalidInput, "\(voicePath) is not a Piper VITS model: it has no '\(input)' input")
        }
    }

    static func map(_ url: URL) throws(OratorError) -> Data {
        do { return try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw OratorError(.unreadableFile, "cannot read the voice model \(url.path)", cause: "\(error)")
        }
    }

    private typealias Parsed = (metadata: [String: String], operators: [String], seeds: [Int?], inputs: [String])

    private static func parse(_ wire: ProtobufWire) -> Result<Parsed, ProtobufFramingError> {
        let top: [ProtobufField]
        switch wire.fields(in: 0..<wire.bytes.count) {
        case .success(let fields): top = fields
        case .failure(let error): return .failure(error)
        }
        guard top.contains(where: { $0.number == Field.irVersion && $0.wire == 0 }),
              top.contains(where: { $0.number == Field.opsetImport && $0.wire == 2 }) else {
            return .failure(.init("it lacks the IR version or operator sets"))
        }
        guard let graph = top.first(where: { $0.number == Field.graph && $0.wire == 2 }) else {
            return .failure(.init("it has no graph"))
        }
        var metadata: [String: String] = [:]
        for field in top where field.number == Field.metadataProps && field.wire == 2 {
            if let key = wire.firstString(1, in: field.payload) {
                metadata[key] = wire.firstString(2, in: field.payload) ?? ""
            }
        }
        guard case .success(let graphFields) = wire.fields(in: graph.payload) else {
            return .failure(.init("its graph is damaged"))
        }
        var operators: [String] = []
        var seeds: [Int?] = []
        let inputs = graphFields.filter { $0.number == Field.graphInput && $0.wire == 2 }.compactMap { wire.firstString(1, in: $0.payload) }
        for node in graphFields where node.number == Field.graphNode && node.wire == 2 {
            guard case .success(let nodeFields) = wire.fields(in: node.payload) else {
                return .failure(.init("a node of its graph is damaged"))
            }
            let opType = wire.firstString(Field.nodeOpType, in: node.payload) ?? ""
            operators.append(opType)
            if randomOperators.contains(opType) { seeds.append(seed(of: nodeFields, wire)) }
        }
        return operators.isEmpty ? .failure(.init("its graph has no nodes")) : .success((metadata, operators, seeds, inputs))
    }

    /// The value of a node's `seed` attribute, if it has one.
    static func seed(of nodeFields: [ProtobufField], _ wire: ProtobufWire) -> Int? {
        for attribute in nodeFields where attribute.number == Field.nodeAttribute && attribute.wire == 2 {
            guard wire.firstString(Field.attributeName, in: attribute.payload) == "seed",
                  case .success(let fields) = wire.fields(in: attribute.payload),
                  let value = fields.first(where: { $0.number == Field.attributeFloat && $0.wire == 5 }) else { continue }
            return Int(wire.float(value))
        }
        return nil
    }
}
