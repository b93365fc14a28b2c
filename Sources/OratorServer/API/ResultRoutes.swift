import Foundation
import Hummingbird

/// A finished job's files (`/talks/{id}/result.mp4|srt|vtt`, with a signed link or a key) and
/// its events stream (`/talks/{id}/events`).
struct ResultRoutes: Sendable {
    let services: ServerServices

    func register(on router: Router<ServerContext>) {
        for collection in ["talks", "episodes"] {
            router.get("\(collection)/:id/events") { request, context in try await events(request, context: context) }
            router.get("\(collection)/:id/:file") { request, context in try await result(request, context: context) }
        }
    }

    private func result(_ request: Request, context: ServerContext) async throws -> Response {
        let id = try ServerServices.talkID(context)
        guard let name = context.parameters.get("file"), let contentType = ResultLink.files[name] else {
            throw APIError.notFound("no such file of \(id.value)")
        }
        let query = request.uri.queryParameters
        let row: JobRow?
        if let signature = query["signature"] {
            let path = "/talks/\(id.value)/\(name)"
            guard services.signer.verify(path: path, expires: query["expires"].map(String.init), signature: String(signature)) else {
                throw APIError(.forbidden, "the link's signature is not valid or it has expired: GET /talks/\(id.value) gives a fresh result_url")
            }
            row = try services.store.job(id: id.value).flatMap { $0.deleted ? nil : $0 }
        } else {
            row = try await services.store.job(id: id.value, owner: context.owner)
        }
        guard let row, row.status == .done else { throw APIError.notFound("\(id.value) has no result (yet)") }
        return try await FileResponse.make(file: services.folders.job(id).appendingPathComponent(name), contentType: contentType,
                                           request: request, context: context, download: "\(id.value).\(name.split(separator: ".").last ?? "mp4")")
    }

    /// `event: progress` whenever status, fraction or stage change; `event: status` with the whole
    /// talk once it ends (or is deleted); a comment every 15 s keeps proxies from closing it.
    private func events(_ request: Request, context: ServerContext) async throws -> Response {
        let first = try await services.job(context: context)
        let services = self.services, owner = context.owner, base = services.base.base(for: request)
        let body = ResponseBody { writer in
            var last = ""
            var row: JobRow? = first
            var quiet = 0.0
            while true {
                guard let current = row else {
                    try await writer.write(Self.event("status", #"{"id":"\#(first.id)","status":"deleted","deleted":true}"#))
                    break
                }
                let talk = TalkResource(current, board: services.board, signer: services.signer, base: base)
                let progress = String(decoding: JSONResponse.data(ProgressEvent(talk)), as: UTF8.self)
                if progress != last {
                    try await writer.write(Self.event("progress", progress))
                    last = progress
                    quiet = 0
                }
                if current.status.isFinal {
                    try await writer.write(Self.event("status", String(decoding: JSONResponse.data(talk), as: UTF8.self)))
                    break
                }
                try await Task.sleep(for: .milliseconds(250))
                quiet += 0.25
                if quiet >= 15 {
                    try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    quiet = 0
                }
                row = try await services.store.job(id: first.id, owner: owner)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    static func event(_ name: String, _ data: String) -> ByteBuffer {
        ByteBuffer(string: "event: \(name)\ndata: \(data)\n\n")
    }
}

/// The data of a `progress` event.
struct ProgressEvent: Encodable {
    var id: String
    var status: String
    var progress: Double
    var stage: String?

    init(_ talk: TalkResource) {
        id = talk.id
        status = talk.status
        progress = (talk.progress * 1000).rounded() / 1000
        stage = talk.stage
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encode(progress, forKey: .progress)
        try container.encode(stage, forKey: .stage)
    }

    enum CodingKeys: String, CodingKey { case id, status, progress, stage }
}
