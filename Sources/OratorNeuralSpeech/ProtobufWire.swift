import Foundation

/// One field of a protobuf message as it lies in the bytes.
struct ProtobufField: Sendable, Equatable {
    /// The field number.
    var number: UInt64
    /// The wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32).
    var wire: UInt64
    /// From the tag to the end of the value.
    var range: Range<Int>
    /// The payload of a length-delimited field (empty for the others).
    var payload: Range<Int>
}

/// A minimal protobuf wire-format reader and writer: enough to walk an ONNX model's fields,
/// check their framing and add a few fields, without a protobuf library or the model's schema.
struct ProtobufWire {
    let bytes: UnsafeRawBufferPointer

    /// The fields of the message in `range`, or a description of the first framing error
    /// (a message must end exactly at the end of its range).
    func fields(in range: Range<Int>) -> Result<[ProtobufField], ProtobufFramingError> {
        var fields: [ProtobufField] = []
        var position = range.lowerBound
        while position < range.upperBound {
            let start = position
            guard let tag = varint(at: &position, end: range.upperBound) else { return .failure(.init("bad field tag at byte \(start)")) }
            let number = tag >> 3, wire = tag & 7
            guard number > 0 else { return .failure(.init("field number 0 at byte \(start)")) }
            var payload = position..<position
            switch wire {
            case 0: guard varint(at: &position, end: range.upperBound) != nil else { return .failure(.init("bad number at byte \(start)")) }
            case 1: position += 8
            case 5: position += 4
            case 2:
                guard let length = varint(at: &position, end: range.upperBound), length <= UInt64(range.upperBound - position) else {
                    return .failure(.init("a field at byte \(start) runs past the end"))
                }
                payload = position..<position + Int(length)
                position = payload.upperBound
            default: return .failure(.init("unknown wire type \(wire) at byte \(start)"))
            }
            guard position <= range.upperBound else { return .failure(.init("a field at byte \(start) runs past the end")) }
            fields.append(ProtobufField(number: number, wire: wire, range: start..<position, payload: payload))
        }
        return .success(fields)
    }

    /// The UTF-8 text of a length-delimited field.
    func string(_ field: ProtobufField) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[field.payload]), as: UTF8.self)
    }

    /// The value of a fixed32 field as a float.
    func float(_ field: ProtobufField) -> Float {
        var bits: UInt32 = 0
        for index in 0..<4 { bits |= UInt32(bytes[field.range.upperBound - 4 + index]) << (8 * UInt32(index)) }
        return Float(bitPattern: bits)
    }

    /// The first length-delimited field `number` of the message in `range`, as text.
    func firstString(_ number: UInt64, in range: Range<Int>) -> String? {
        guard case .success(let fields) = fields(in: range) else { return nil }
        return fields.first { $0.number == number && $0.wire == 2 }.map(string)
    }

    private func varint(at position: inout Int, end: Int) -> UInt64? {
        var result: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 7) {
            guard position < end else { return nil }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { return result }
        }
        return nil
    }

    // MARK: Writing

    /// Appends a length-delimited field.
    static func appendField(_ number: UInt64, bytes payload: Data, to data: inout Data) {
        appendLengthHeader(number, length: payload.count, to: &data)
        data.append(payload)
    }

    /// Appends the tag and length of a length-delimited field whose payload follows.
    static func appendLengthHeader(_ number: UInt64, length: Int, to data: inout Data) {
        appendVarint(number << 3 | 2, to: &data)
        appendVarint(UInt64(length), to: &data)
    }

    /// Appends a varint field.
    static func appendVarintField(_ number: UInt64, _ value: UInt64, to data: inout Data) {
        appendVarint(number << 3, to: &data)
        appendVarint(value, to: &data)
    }

    /// Appends a fixed32 float field.
    static func appendFloatField(_ number: UInt64, _ value: Float, to data: inout Data) {
        appendVarint(number << 3 | 5, to: &data)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
    }

    private static func appendVarint(_ value: UInt64, to data: inout Data) {
        var value = value
        while value >= 0x80 {
            data.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        data.append(UInt8(value))
    }
}

/// Why bytes are not a well-formed protobuf message.
struct ProtobufFramingError: Error, Sendable {
    var detail: String
    init(_ detail: String) { self.detail = detail }
}
