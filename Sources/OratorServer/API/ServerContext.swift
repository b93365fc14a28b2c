import Hummingbird

/// The request context: Hummingbird's, plus the API key that authenticated the request.
struct ServerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The key of the request (nil on a server without keys, or on a public path).
    var key: APIKey?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// JSON bodies are decoded up to 1 MiB; uploads are streamed with their own limits.
    var maxUploadSize: Int { 1 << 20 }

    /// Who owns what this request makes or reads: the key's name, "" without keys.
    var owner: String { key?.name ?? "" }
}

/// Requires a valid API key on every path but the page, its files, `/health`,
/// `/openapi.yaml` and signed result links (which carry their own proof).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let keys: APIKeys?

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        guard let keys else { return try await next(request, context) }
        let path = request.uri.path
        if Self.isPublic(path) || (request.uri.queryParameters["signature"] != nil && ResultLink.isResultPath(path)) {
            return try await next(request, context)
        }
        guard let key = keys.authenticate(request.headers[.authorization]) else {
            var error = APIError(.unauthorized, request.headers[.authorization] == nil
                ? "this server needs an API key: Authorization: Basic base64(name:secret), or Bearer name:secret"
                : "the API key is not valid")
            error.headers[.wwwAuthenticate] = "Bearer realm=\"orator\""
            throw error
        }
        var context = context
        context.key = key
        return try await next(request, context)
    }

    static func isPublic(_ path: String) -> Bool {
        path == "/" || path == "/health" || path == "/openapi.yaml" || path == "/favicon.ico" || path.hasPrefix("/static/")
            || isAvatarPreview(path)
    }

    /// `/avatars/NAME/preview.png` exactly, NAME a plain name.
    static func isAvatarPreview(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0].isEmpty && parts[1] == "avatars" && parts[3] == "preview.png"
            && JobPlanner.isPlainName(String(parts[2]))
    }
}

/// Result files of a job: `/talks/{id}/result.mp4|srt|vtt`.
enum ResultLink {
    static let files = ["result.mp4": "video/mp4", "result.srt": "application/x-subrip", "result.vtt": "text/vtt"]

    static func isResultPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0].isEmpty && (parts[1] == "talks" || parts[1] == "episodes") && files[String(parts[3])] != nil
    }
}
