import Foundation
import Hummingbird

/// A file of the data folder as a response, with `Content-Length`, `Accept-Ranges: bytes`, and
/// single `Range` requests answered `206` (or `416` when outside the file), so a browser seeks.
enum FileResponse {
    static func make(file: URL, contentType: String, request: Request, context: ServerContext, download: String? = nil) async throws -> Response {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              (attributes[.type] as? FileAttributeType) == .typeRegular, let size = attributes[.size] as? Int else {
            throw APIError.notFound("the file is gone")
        }
        var headers: HTTPFields = [.contentType: contentType, .acceptRanges: "bytes"]
        if let download { headers[.contentDisposition] = "inline; filename=\"\(download)\"" }
        let fileIO = FileIO()
        if let header = request.headers[.range], size > 0 {
            switch ByteRange.parse(header, size: size) {
            case let .some(.satisfiable(range)):
                headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
                headers[.contentLength] = String(range.count)
                let body = try await fileIO.loadFile(path: file.path, range: range, context: context)
                return Response(status: .partialContent, headers: headers, body: body)
            case .some(.unsatisfiable):
                var error = APIError(.rangeNotSatisfiable, "the range \(header.prefix(60)) is outside the file's \(size) bytes")
                error.headers[.contentRange] = "bytes */\(size)"
                throw error
            case .none:
                break  // A form this server does not serve (several ranges): the whole file.
            }
        }
        headers[.contentLength] = String(size)
        if size == 0 { return Response(status: .ok, headers: headers) }
        let body = try await fileIO.loadFile(path: file.path, context: context)
        return Response(status: .ok, headers: headers, body: body)
    }
}

/// One `bytes=` range of RFC 9110.
enum ByteRange: Equatable {
    case satisfiable(ClosedRange<Int>)
    case unsatisfiable

    /// nil when the header is not a single byte range (it is then ignored).
    static func parse(_ header: String, size: Int) -> ByteRange? {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("bytes="), !text.contains(",") else { return nil }
        let spec = text.dropFirst("bytes=".count)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let first = parts[0].trimmingCharacters(in: .whitespaces), last = parts[1].trimmingCharacters(in: .whitespaces)
        if first.isEmpty {
            guard let suffix = Int(last), suffix >= 0 else { return nil }
            guard suffix > 0 else { return .unsatisfiable }
            return .satisfiable(max(0, size - suffix)...(size - 1))
        }
        guard let start = Int(first), start >= 0 else { return nil }
        guard start < size else { return .unsatisfiable }
        if last.isEmpty { return .satisfiable(start...(size - 1)) }
        guard let end = Int(last), end >= start else { return nil }
        return .satisfiable(start...min(end, size - 1))
    }
}
