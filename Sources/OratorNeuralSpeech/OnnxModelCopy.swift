import Foundation
import OratorCore

/// Writes a copy of a checked ONNX model with metadata added and, optionally, a fixed seed on
/// its random ops.
///
/// VITS draws random noise for durations and voice (`RandomNormalLike`), and ONNX Runtime seeds
/// such ops from the clock unless the node carries a `seed` attribute; its C API has no other way
/// to seed them. Seeding each random node makes the voice say the same text the same way in
/// every run. Protobuf merges repeated fields, so new metadata is appended after the original
/// bytes; seeded nodes are re-encoded and the graph's length prefix rewritten, and every other
/// byte is copied as it is.
struct OnnxModelCopy {
    let source: OnnxModelFile
    /// Entries for `metadata_props`; keys the model already has are left as they are.
    var metadata: [(key: String, value: String)]
    /// The seed for the first random node (the next gets seed + 1, ...), or nil to leave them unseeded.
    var seed: Int?

    /// Writes the copy to `destination`.
    func write(to destination: URL) throws(OratorError) {
        let data = try OnnxModelFile.map(source.url)
        let pieces = data.withUnsafeBytes { raw in plan(ProtobufWire(bytes: raw)) }
        guard FileManager.default.createFile(atPath: destination.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: destination.path) else {
            throw OratorError(.unwritableOutput, "cannot write the prepared voice model \(destination.path)")
        }
        defer { try? handle.close() }
        do {
            for piece in pieces {
                switch piece {
                case .original(let range):
                    var start = range.lowerBound
                    while start < range.upperBound {
                        let end = min(range.upperBound, start + (8 << 20))
                        try handle.write(contentsOf: data[start..<end])
                        start = end
                    }
                case .new(let bytes): try handle.write(contentsOf: bytes)
                }
            }
        } catch {
            throw OratorError(.unwritableOutput, "cannot write the prepared voice model \(destination.path)", cause: "\(error)")
        }
    }

    private enum Piece {
        case original(Range<Int>)
        case new(Data)
    }

    /// The copy as original byte ranges and new bytes. The source was checked by `OnnxModelFile`,
    /// so its framing is known to be sound.
    private func plan(_ wire: ProtobufWire) -> [Piece] {
        var pieces: [Piece] = []
        let whole = 0..<wire.bytes.count
        if let seed, case .success(let top) = wire.fields(in: whole),
           let graph = top.first(where: { $0.number == OnnxModelFile.Field.graph && $0.wire == 2 }),
           case .success(let graphFields) = wire.fields(in: graph.payload) {
            var graphPieces: [Piece] = []
            var graphLength = 0
            var nextSeed = seed
            for field in graphFields {
                if field.number == OnnxModelFile.Field.graphNode, field.wire == 2, let node = seeded(field, seed: nextSeed, wire) {
                    graphPieces.append(.new(node))
                    graphLength += node.count
                    nextSeed += 1
                } else {
                    graphPieces.append(.original(field.range))
                    graphLength += field.range.count
                }
            }
            var header = Data()
            ProtobufWire.appendLengthHeader(OnnxModelFile.Field.graph, length: graphLength, to: &header)
            pieces.append(.original(0..<graph.range.lowerBound))
            pieces.append(.new(header))
            pieces += graphPieces
            pieces.append(.original(graph.range.upperBound..<whole.upperBound))
        } else {
            pieces.append(.original(whole))
        }
        var appended = Data()
        for entry in metadata where source.metadata[entry.key] == nil {
            var message = Data()
            ProtobufWire.appendField(1, bytes: Data(entry.key.utf8), to: &message)
            ProtobufWire.appendField(2, bytes: Data(entry.value.utf8), to: &message)
            ProtobufWire.appendField(OnnxModelFile.Field.metadataProps, bytes: message, to: &appended)
        }
        pieces.append(.new(appended))
        return pieces
    }

    /// The node field re-encoded with a `seed` attribute if it is a random op without one; else nil.
    private func seeded(_ field: ProtobufField, seed: Int, _ wire: ProtobufWire) -> Data? {
        guard let opType = wire.firstString(OnnxModelFile.Field.nodeOpType, in: field.payload),
              OnnxModelFile.randomOperators.contains(opType),
              case .success(let nodeFields) = wire.fields(in: field.payload),
              OnnxModelFile.seed(of: nodeFields, wire) == nil else { return nil }
        var attribute = Data()
        ProtobufWire.appendField(OnnxModelFile.Field.attributeName, bytes: Data("seed".utf8), to: &attribute)
        ProtobufWire.appendFloatField(2, Float(seed), to: &attribute)  // AttributeProto.f
        ProtobufWire.appendVarintField(20, 1, to: &attribute)          // AttributeProto.type = FLOAT
        var payload = Data(UnsafeRawBufferPointer(rebasing: wire.bytes[field.payload]))
        ProtobufWire.appendField(OnnxModelFile.Field.nodeAttribute, bytes: attribute, to: &payload)
        var node = Data()
        ProtobufWire.appendField(OnnxModelFile.Field.graphNode, bytes: payload, to: &node)
        return node
    }
}
