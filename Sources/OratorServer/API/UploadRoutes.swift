import Foundation
import Hummingbird

/// `POST /images`, `POST /audios`, and `GET` of an upload by id.
struct UploadRoutes: Sendable {
    let services: ServerServices

    func register(on router: Router<ServerContext>) {
        router.post("images") { request, context in try await upload(request, context: context, kind: .image) }
        router.post("audios") { request, context in try await upload(request, context: context, kind: .audio) }
        router.get("images/:id") { request, context in try await serve(request, context: context, kind: .image) }
        router.get("audios/:id") { request, context in try await serve(request, context: context, kind: .audio) }
    }

    private func upload(_ request: Request, context: ServerContext, kind: UploadReceiver.Kind) async throws -> Response {
        let row = try await services.uploads.receive(request, kind: kind, owner: context.owner)
        let url = services.base.base(for: request) + (kind == .image ? "/images/" : "/audios/") + row.id
        return try JSONResponse.make(UploadAnswer(row, url: url), status: .created)
    }

    private func serve(_ request: Request, context: ServerContext, kind: UploadReceiver.Kind) async throws -> Response {
        guard let text = context.parameters.get("id"), let id = ResourceID(text, kind: kind == .image ? .image : .audio),
              let row = try await services.store.upload(id: id.value, owner: context.owner) else {
            throw APIError.notFound("no such upload")
        }
        let file = services.folders.upload(file: row.file)
        return try await FileResponse.make(file: file, contentType: row.contentType, request: request, context: context)
    }
}

/// What `POST /images` and `POST /audios` answer.
struct UploadAnswer: Encodable {
    var id: String
    var url: String
    var contentType: String
    var bytes: Int
    var width: Int?
    var height: Int?
    var faces: [FaceRect]?
    var duration: Double?

    init(_ row: UploadRow, url: String) {
        id = row.id
        self.url = url
        contentType = row.contentType
        bytes = row.bytes
        width = row.width
        height = row.height
        faces = row.faces.flatMap { try? JSONDecoder().decode([FaceRect].self, from: Data($0.utf8)) }
        duration = row.duration
    }

    enum CodingKeys: String, CodingKey {
        case id, url, contentType = "content_type", bytes, width, height, faces, duration
    }
}
