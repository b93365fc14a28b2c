import Foundation
import HTTPTypes
import Hummingbird

/// The page, its files, `/openapi.yaml`, `/health`, `/voices` and `/avatars`.
struct DiscoveryRoutes: Sendable {
    let services: ServerServices
    static let version = "0.5.0"

    func register(on router: Router<ServerContext>) {
        let web = services.web
        let policy = Self.contentSecurityPolicy(publicURL: services.configuration.publicURL)
        router.get("/") { _, _ in try page(web, "index.html", policy: policy) }
        router.get("static/:name") { _, context in
            guard let name = context.parameters.get("name"), name != "index.html" else { throw APIError.notFound("no such file") }
            return try page(web, name, policy: policy)
        }
        router.get("openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: web.openAPI)))
        }
        router.get("health") { _, _ in
            let counts = try await services.store.counts()
            return try JSONResponse.make(Health(status: "ok", version: Self.version, workers: services.configuration.workers,
                                                queued: counts.queued, running: counts.running, auth: services.keys != nil))
        }
        router.get("voices") { _, _ in try JSONResponse.make(["voices": services.voices.voices]) }
        router.get("avatars") { _, _ in
            try JSONResponse.make(["avatars": AvatarDirectory.all(packsIn: services.configuration.avatarsFolder)])
        }
        router.get("avatars/:id/preview.png") { _, context in
            guard let id = context.parameters.get("id"), let png = try await services.previews.png(for: id) else {
                throw APIError.notFound("no such avatar: GET /avatars lists them")
            }
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "max-age=3600"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: png)))
        }
    }

    /// Result links use `--public-url` when it is set, which may be another origin than the page's.
    static func contentSecurityPolicy(publicURL: URL?) -> String {
        let media = publicURL.flatMap { url in url.host.map { "\(url.scheme ?? "http")://\($0)\(url.port.map { ":\($0)" } ?? "")" } }
        return "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob: \(media ?? ""); style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
    }

    private func page(_ web: WebFiles, _ name: String, policy: String) throws -> Response {
        guard let file = web.files[name] else { throw APIError.notFound("no such file") }
        var headers: HTTPFields = [.contentType: file.contentType, .cacheControl: "no-cache"]
        headers[.contentSecurityPolicy] = policy
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.data)))
    }

    struct Health: Encodable {
        var status: String
        var version: String
        var workers: Int
        var queued: Int
        var running: Int
        var auth: Bool
    }
}
