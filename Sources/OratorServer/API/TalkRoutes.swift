import Foundation
import Hummingbird
import OratorCore

/// `POST /talks`, `POST /episodes`, `GET /talks`, `GET|DELETE /talks/{id}` (and the same under `/episodes`).
struct TalkRoutes: Sendable {
    let services: ServerServices

    func register(on router: Router<ServerContext>) {
        router.post("talks") { request, context in try await create(request, context: context, episode: false) }
        router.post("episodes") { request, context in try await create(request, context: context, episode: true) }
        router.get("talks") { request, context in try await list(request, context: context) }
        for collection in ["talks", "episodes"] {
            router.get("\(collection)/:id") { request, context in try await show(request, context: context) }
            router.delete("\(collection)/:id") { _, context in try await delete(context: context) }
        }
    }

    private func create(_ request: Request, context: ServerContext, episode: Bool) async throws -> Response {
        let type = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard type == "application/json" else {
            throw APIError.unsupported("send the request as JSON (Content-Type: application/json), not \(type ?? "no content type")")
        }
        let limit = services.configuration.limits.jsonBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError.tooLarge("the request body is \(ByteSize(length)), over the limit of \(ByteSize(limit))")
        }
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: limit) } catch {
            throw APIError.tooLarge("the request body is over the limit of \(ByteSize(limit))")
        }
        let body = Data(buffer.readableBytesView)
        let ignored = IgnoredKeys.inConfig(of: body)
        let planner = services.planner(owner: context.owner)
        let (id, spec, echo, staging): (ResourceID, JobSpec, TalkEcho, URL)
        do {
            if episode {
                (id, spec, echo, staging) = try await planner.plan(JSONDecoder().decode(EpisodeRequest.self, from: body), ignored: ignored)
            } else {
                (id, spec, echo, staging) = try await planner.plan(JSONDecoder().decode(TalkRequest.self, from: body), ignored: ignored)
            }
        } catch let error as DecodingError {
            throw APIError.badRequest("the request body is not the JSON this endpoint takes: \(DecodingErrorText(error))")
        }
        let folder = services.folders.job(id)
        guard rename(staging.path, folder.path) == 0 else {
            try? FileManager.default.removeItem(at: staging)
            throw OratorError(.unwritableOutput, "cannot place the job's folder in \(services.folders.jobs.path)")
        }
        let now = Date().timeIntervalSince1970
        let row = JobRow(id: id.value, object: spec.object, owner: context.owner, status: .created, createdAt: now, modifiedAt: now,
                         attempt: 0, echo: String(decoding: JSONResponse.data(echo), as: UTF8.self),
                         spec: String(decoding: JSONResponse.data(spec), as: UTF8.self),
                         webhookState: echo.webhook == nil ? "none" : "waiting", deleted: false)
        let limits = services.configuration.limits
        switch try await services.store.enqueue(row, perOwner: limits.queuedPerKey, total: limits.queued) {
        case .success:
            services.pool.notify()
            var answer: [String: AnyJSON] = ["id": .string(id.value), "object": .string(spec.object),
                                             "created_at": .string(Timestamp.text(now)), "status": .string("created")]
            if !ignored.isEmpty { answer["ignored"] = .list(ignored) }
            return try JSONResponse.make(answer, status: .created)
        case let .failure(refusal):
            try? FileManager.default.removeItem(at: folder)
            switch refusal {
            case let .ownerFull(limit):
                throw APIError(.tooManyRequests, "this key already has \(limit) jobs waiting or running: wait for one to finish, or delete one")
            case let .queueFull(limit):
                throw APIError(.serviceUnavailable, "the queue is full (\(limit) jobs waiting or running): try again later")
            }
        }
    }

    private func list(_ request: Request, context: ServerContext) async throws -> Response {
        let query = request.uri.queryParameters
        var limit = 20
        if let text = query["limit"] {
            guard let value = Int(String(text)), (1...100).contains(value) else { throw APIError.badRequest("limit must be 1 to 100") }
            limit = value
        }
        var before: Int64?
        if let token = query["token"] {
            guard let value = PageToken.decode(String(token)) else { throw APIError.badRequest("token is not one this server gave") }
            before = value
        }
        let rows = try await services.store.jobs(owner: context.owner, limit: limit + 1, before: before)
        let base = services.base.base(for: request)
        let talks = rows.prefix(limit).map { TalkResource($0, board: services.board, signer: services.signer, base: base) }
        let next = rows.count > limit ? rows[limit - 1].seq.map(PageToken.encode) : nil
        return try JSONResponse.make(TalkPage(talks: Array(talks), token: next))
    }

    private func show(_ request: Request, context: ServerContext) async throws -> Response {
        let row = try await services.job(context: context)
        return try JSONResponse.make(TalkResource(row, board: services.board, signer: services.signer, base: services.base.base(for: request)))
    }

    private func delete(context: ServerContext) async throws -> Response {
        let id = try ServerServices.talkID(context)
        guard let status = try await services.store.markDeleted(id: id.value, owner: context.owner) else {
            throw APIError.notFound("no talk \(id.value)")
        }
        if status == .started {
            // The worker stops at its next check (within a render chunk) and removes the files.
            services.board.cancel(id.value)
        } else {
            try? FileManager.default.removeItem(at: services.folders.job(id))
            try services.store.remove(id: id.value)
        }
        return try JSONResponse.make(["id": AnyJSON.string(id.value), "deleted": .bool(true)])
    }
}

/// One page of `GET /talks`.
struct TalkPage: Encodable {
    var talks: [TalkResource]
    var token: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(talks, forKey: .talks)
        try container.encodeIfPresent(token, forKey: .token)
    }

    enum CodingKeys: String, CodingKey { case talks, token }
}

/// The listing's cursor: the position after the page's last job, opaque to clients.
enum PageToken {
    static func encode(_ seq: Int64) -> String { Data("p\(seq)".utf8).base64EncodedString() }
    static func decode(_ token: String) -> Int64? {
        guard token.count <= 40, let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8), text.hasPrefix("p") else { return nil }
        return Int64(text.dropFirst())
    }
}

/// A small JSON value for answers mixing strings and booleans.
enum AnyJSON: Encodable {
    case string(String), bool(Bool), number(Double), list([String])
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(value): try container.encode(value)
        case let .bool(value): try container.encode(value)
        case let .number(value): try container.encode(value)
        case let .list(value): try container.encode(value)
        }
    }
}

extension ServerServices {
    /// The `:id` of the route as a talk id (anything else is 404: no id names a path).
    static func talkID(_ context: ServerContext) throws -> ResourceID {
        guard let text = context.parameters.get("id"), let id = ResourceID(text, kind: .talk) else {
            throw APIError.notFound("no such talk: ids look like tlk_ and 20 letters or digits")
        }
        return id
    }

    /// The route's job, if it belongs to the request's key.
    func job(context: ServerContext) async throws -> JobRow {
        let id = try Self.talkID(context)
        guard let row = try await store.job(id: id.value, owner: context.owner) else { throw APIError.notFound("no talk \(id.value)") }
        return row
    }
}
