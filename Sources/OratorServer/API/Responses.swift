import Foundation
import Synchronization
import Hummingbird

/// JSON responses with the same encoder everywhere (URLs unescaped, keys in a stable order).
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func data(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}

/// The base of URLs the server returns: `--public-url`, else `http://` and the request's `Host`
/// (when it is a plain host name or address), else the bound address.
final class URLBase: Sendable {
    let publicURL: URL?
    private let bound: Mutex<String>

    /// The address the socket is bound to, as a URL base.
    var boundAddress: String {
        get { bound.withLock { $0 } }
    }

    func setBoundAddress(_ address: String) { bound.withLock { $0 = address } }

    init(publicURL: URL?, bound: String) {
        self.publicURL = publicURL
        self.bound = Mutex(bound)
    }

    /// The base of links made outside a request (webhooks): `--public-url`, else the bound address.
    var fallback: String {
        guard let publicURL else { return boundAddress }
        return publicURL.absoluteString.hasSuffix("/") ? String(publicURL.absoluteString.dropLast()) : publicURL.absoluteString
    }

    func base(for request: Request) -> String {
        if publicURL != nil { return fallback }
        if let host = request.head.authority, !host.isEmpty, host.count <= 255,
           host.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || ".-:[]".unicodeScalars.contains($0) }) {
            return "http://\(host)"
        }
        return boundAddress
    }
}
