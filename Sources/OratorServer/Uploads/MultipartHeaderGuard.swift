/// Checks the part headers of a multipart body as it streams, before MultipartKit sees them:
/// MultipartKit 4.7.1 traps (ends the process) on a byte of 0x80 or more in a header's field
/// name, so such a body, or a header block over 16 KiB, is refused here as malformed. Values
/// (a UTF-8 file name) pass. The delimiter is found with a KMP automaton, so no crafted
/// boundary can hide a header block from the check.
struct MultipartHeaderGuard {
    private enum Mode { case body, delimiterLine, headerName, headerValue, headerEnd }

    private let delimiter: [UInt8]
    private let failure: [Int]
    private var matched: Int
    private var mode = Mode.body
    private var headerBytes = 0
    private var lineStart = true
    static let headerLimit = 16 * 1024

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        var failure = [0]
        var k = 0
        for index in 1..<delimiter.count {
            while k > 0, delimiter[index] != delimiter[k] { k = failure[k - 1] }
            if delimiter[index] == delimiter[k] { k += 1 }
            failure.append(k)
        }
        self.failure = failure
        matched = 2  // The body starts with `--boundary`: as if the CRLF before it was seen.
    }

    /// False as soon as the bytes seen so far cannot be a well-formed body for MultipartKit.
    mutating func accept(_ bytes: some Sequence<UInt8>) -> Bool {
        for byte in bytes {
            switch mode {
            case .body:
                while matched > 0, byte != delimiter[matched] { matched = failure[matched - 1] }
                if byte == delimiter[matched] { matched += 1 }
                if matched == delimiter.count { mode = .delimiterLine; matched = 0 }
            case .delimiterLine:
                if byte == UInt8(ascii: "\n") { mode = .headerName; headerBytes = 0; lineStart = true }
            case .headerName, .headerValue, .headerEnd:
                headerBytes += 1
                guard headerBytes <= Self.headerLimit else { return false }
                if !step(header: byte) { return false }
            }
        }
        return true
    }

    private mutating func step(header byte: UInt8) -> Bool {
        switch mode {
        case .headerName:
            if lineStart, byte == UInt8(ascii: "\r") { mode = .headerEnd; return true }
            lineStart = false
            if byte == UInt8(ascii: ":") { mode = .headerValue; return true }
            return byte < 0x80 && byte != UInt8(ascii: "\n")
        case .headerValue:
            if byte == UInt8(ascii: "\n") { mode = .headerName; lineStart = true }
            return true
        case .headerEnd:
            guard byte == UInt8(ascii: "\n") else { return false }
            mode = .body
            matched = 0
            return true
        default:
            return true
        }
    }
}
