import Foundation
import Hummingbird
import Logging
import OratorCore

/// An error answered as JSON `{"kind", "description"}` with its HTTP status (D-ID's error shape).
public struct APIError: Error, Sendable, HTTPResponseError {
    public let status: HTTPResponse.Status
    public let kind: String
    public let description: String
    /// Extra response headers (`WWW-Authenticate` on a 401).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ description: String, kind: String? = nil) {
        self.status = status
        self.description = description
        self.kind = kind ?? Self.kind(for: status)
    }

    static func kind(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "BadRequestError"
        case 401: "AuthorizationError"
        case 403: "PermissionError"
        case 404: "NotFoundError"
        case 405: "MethodNotAllowedError"
        case 413: "PayloadTooLargeError"
        case 415: "UnsupportedMediaTypeError"
        case 416: "RangeNotSatisfiableError"
        case 422: "ValidationError"
        case 429: "TooManyRequestsError"
        case 503: "ServiceUnavailableError"
        default: "InternalServerError"
        }
    }

    static func badRequest(_ text: String) -> APIError { APIError(.badRequest, text) }
    static func notFound(_ text: String) -> APIError { APIError(.notFound, text) }
    static func tooLarge(_ text: String) -> APIError { APIError(.contentTooLarge, text) }
    static func unsupported(_ text: String) -> APIError { APIError(.unsupportedMediaType, text) }
    static func invalid(_ text: String) -> APIError { APIError(.unprocessableContent, text) }

    /// An Orator error from validating or running a request: the input's fault is 422, a
    /// missing tool or an internal failure is 500.
    init(_ error: OratorError) {
        switch error.code {
        case .toolMissing, .internalFailure, .unwritableOutput, .encoderFailed, .renderFailed, .speechFailed:
            self.init(.internalServerError, error.description)
        default:
            self.init(.unprocessableContent, error.description)
        }
    }

    /// The JSON body.
    var body: [String: String] { ["kind": kind, "description": description] }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let data = (try? encoder.encode(body)) ?? Data(#"{"kind":"InternalServerError","description":"error"}"#.utf8)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns every error a route throws into `APIError`'s JSON: Hummingbird's own (unknown route,
/// a body over the decoder's limit), a JSON decoding error (400), anything else (500, logged).
struct ErrorShapeMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as OratorError {
            throw APIError(error)
        } catch let error as DecodingError {
            throw APIError.badRequest("the request body is not the JSON this endpoint takes: \(DecodingErrorText(error))")
        } catch let error as HTTPError {
            let text = error.body ?? (error.status == .notFound ? "no such resource: \(request.uri.path)" : error.status.reasonPhrase)
            throw APIError(error.status, text)
        } catch {
            context.logger.error("\(request.method) \(request.uri.path): \(error)")
            throw APIError(.internalServerError, "internal error")
        }
    }
}

/// One line for a JSON decoding error: which field and what was wrong.
struct DecodingErrorText: CustomStringConvertible {
    let error: DecodingError
    init(_ error: DecodingError) { self.error = error }

    var description: String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the body" : keys.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, context): return "\(path(context).replacingOccurrences(of: "the body", with: "")) missing field \"\(key.stringValue)\"".trimmingCharacters(in: .whitespaces)
        case let .typeMismatch(type, context): return "\(path(context)) should be \(Self.name(type))"
        case let .valueNotFound(type, context): return "\(path(context)) should be \(Self.name(type)), not null"
        case let .dataCorrupted(context): return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default: return "not valid JSON"
        }
    }

    static func name(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is UInt64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        default: "an object of the documented shape"
        }
    }
}
