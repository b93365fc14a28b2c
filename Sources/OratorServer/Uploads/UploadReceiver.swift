import Foundation
import Hummingbird
import MultipartKit
import OratorCore
import OratorFace

/// Streams an upload's body to a file in `incoming/`, enforcing the size limit as the bytes
/// arrive (a declared `Content-Length` over it is refused before anything is read) and the
/// content type from the first bytes (`415` as soon as they are not an image or a recording;
/// an image header declaring too many pixels is `413` then too). Takes the body raw or as
/// multipart/form-data (the file in field `field`).
struct UploadReceiver {
    enum Kind: Sendable {
        case image, audio
        var field: String { self == .image ? "image" : "audio" }
    }

    let kind: Kind
    let limit: Int
    let destination: URL

    /// What was received: the file and its first bytes.
    struct Received {
        var file: URL
        var prefix: Data
        var bytes: Int
    }

    func receive(_ request: Request) async throws -> Received {
        let contentType = request.headers[.contentType] ?? ""
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit + 64 * 1024 {
            throw APIError.tooLarge("the upload is \(ByteSize(length)), over this server's limit of \(ByteSize(limit))")
        }
        let writer = try BoundedFileWriter(file: destination, limit: limit, kind: kind)
        do {
            if contentType.lowercased().hasPrefix("multipart/form-data") {
                try await receiveMultipart(request, contentType: contentType, into: writer)
            } else {
                try checkRawType(contentType)
                for try await buffer in request.body { try writer.append(buffer) }
            }
            try writer.finish()
            return Received(file: destination, prefix: writer.prefix, bytes: writer.count)
        } catch {
            writer.discard()
            throw error
        }
    }

    private func checkRawType(_ contentType: String) throws {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let family = kind == .image ? "image/" : "audio/"
        guard type.hasPrefix(family) || type == "application/octet-stream" || (kind == .audio && type.hasPrefix("video/")) else {
            throw APIError.unsupported("send the \(kind.field) as multipart/form-data (field \"\(kind.field)\") or as the raw body with an \(family)* content type, not \"\(type.isEmpty ? "no content type" : type)\"")
        }
    }

    private func receiveMultipart(_ request: Request, contentType: String, into writer: BoundedFileWriter) async throws {
        guard let boundary = Self.boundary(in: contentType) else {
            throw APIError.badRequest("multipart/form-data without a boundary")
        }
        let parser = MultipartParser(boundary: boundary)
        var guardrail = MultipartHeaderGuard(boundary: boundary)
        let state = PartState(wanted: kind.field)
        parser.onHeader = { name, value in
            if name.lowercased() == "content-disposition" { state.currentName = Self.fieldName(in: value) }
        }
        parser.onBody = { buffer in
            guard state.failure == nil, state.currentName == state.wanted, !state.finished else { return }
            do { try writer.append(buffer) } catch { state.failure = error }
        }
        parser.onPartComplete = {
            if state.currentName == state.wanted { state.finished = true; state.found = true }
            state.currentName = nil
        }
        var total = 0
        for try await buffer in request.body {
            total += buffer.readableBytes
            if total > limit + 64 * 1024 { throw APIError.tooLarge("the upload is over this server's limit of \(ByteSize(limit))") }
            guard guardrail.accept(buffer.readableBytesView) else {
                throw APIError.badRequest("the multipart/form-data body is malformed (a part header that is not ASCII, or over 16 KiB)")
            }
            do { try parser.execute(buffer) } catch { throw APIError.badRequest("the multipart/form-data body is malformed") }
            if let failure = state.failure { throw failure }
        }
        guard state.found else { throw APIError.badRequest("the multipart/form-data body has no field \"\(kind.field)\" with a file") }
    }

    /// `boundary=...` of a content type.
    static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                let bchars = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ")
                return value.isEmpty || value.count > 70 || !value.allSatisfy(bchars.contains) ? nil : value
            }
        }
        return nil
    }

    /// `name="..."` of a Content-Disposition value.
    static func fieldName(in disposition: String) -> String? {
        for parameter in disposition.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "name" { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }
}

/// The multipart parser's view of the part being read.
private final class PartState: @unchecked Sendable {
    // Safe: used only by the one task reading the request body, through the parser's callbacks.
    let wanted: String
    var currentName: String?
    var found = false
    var finished = false
    var failure: (any Error)?
    init(wanted: String) { self.wanted = wanted }
}

/// Writes an upload to its file, counting bytes against the limit and checking the first bytes.
private final class BoundedFileWriter: @unchecked Sendable {
    // Safe: used only by the one task reading the request body.
    let file: URL
    let limit: Int
    let kind: UploadReceiver.Kind
    private let handle: FileHandle
    private(set) var count = 0
    private(set) var prefix = Data()
    private var typeChecked = false
    private var sizeChecked = false
    /// Prefix length at the last header attempt: the header is read again only when more bytes came.
    private var headerTried = 0
    private static let prefixLength = 256 * 1024

    init(file: URL, limit: Int, kind: UploadReceiver.Kind) throws(OratorError) {
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: file.path) else {
            throw OratorError(.unwritableOutput, "cannot store an upload in \(file.deletingLastPathComponent().path)")
        }
        self.file = file
        self.limit = limit
        self.kind = kind
        self.handle = handle
    }

    func append(_ buffer: ByteBuffer) throws {
        count += buffer.readableBytes
        guard count <= limit else {
            throw APIError.tooLarge("the \(kind.field) is over this server's limit of \(ByteSize(limit))")
        }
        let bytes = Data(buffer.readableBytesView)
        if prefix.count < Self.prefixLength { prefix.append(bytes.prefix(Self.prefixLength - prefix.count)) }
        try checkPrefix(final: false)
        do { try handle.write(contentsOf: bytes) } catch {
            throw OratorError(.unwritableOutput, "cannot store an upload", cause: "\(error)")
        }
    }

    func finish() throws {
        guard count > 0 else { throw APIError.badRequest("the \(kind.field) is empty") }
        try checkPrefix(final: true)
        try? handle.close()
    }

    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(at: file)
    }

    /// 415 once enough bytes show it is not the right kind; 413 once an image header declares too many pixels.
    private func checkPrefix(final: Bool) throws {
        if !typeChecked, prefix.count >= 16 || final {
            typeChecked = true
            switch kind {
            case .image:
                guard MediaSniffer.imageFormat(of: prefix) != nil else {
                    throw APIError.unsupported("the image is not a JPEG, PNG, WebP or BMP file (judged by its bytes)")
                }
            case .audio:
                guard MediaSniffer.audioFormat(of: prefix) != nil else {
                    throw APIError.unsupported("the audio is not a recording Orator reads (WAV, MP3, OGG, FLAC, M4A/AAC, WebM, AIFF; judged by its bytes)")
                }
            }
        }
        guard kind == .image, !sizeChecked, prefix.count > headerTried else { return }
        headerTried = prefix.count
        if let header = ImageHeader.read(prefix) {
            sizeChecked = true
            guard header.isWithinLimits else {
                throw APIError.tooLarge("the image declares \(header.width)x\(header.height) pixels, over the limit of \(InputLimits.imagePixels / 1_000_000) megapixels")
            }
        }
    }
}
