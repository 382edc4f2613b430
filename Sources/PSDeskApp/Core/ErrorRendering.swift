import Vapor
import Leaf
import StandardsCore

/// Turns every error into a 4xx/5xx response without leaking internals: JSON under `/api`, an HTML
/// page elsewhere. Unexpected errors are logged with the request id and shown as a plain 500.
struct ErrorRendering: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, code, message, rule, details) = Self.describe(error)
            if status.code >= 500 {
                request.logger.report(error: error)
            }
            if request.url.path.hasPrefix("/api/") {
                let body = ErrorBody(error: .init(code: code, message: message, rule: rule,
                                                  details: details.isEmpty ? nil : details.map { .init(code: $0.code, message: $0.message, rule: $0.rule) }))
                let response = Response(status: status)
                try response.content.encode(body, as: .json)
                return response
            }
            if status == .unauthorized {
                return request.redirect(to: "/login?next=" + (request.url.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            }
            let page = ErrorPage(layout: LayoutContext(request: request, title: "\(status.code) \(status.reasonPhrase)"),
                                 status: Int(status.code), heading: status.reasonPhrase, message: message, rule: rule, requestID: request.id)
            let response = try await request.view.render("error", page).encodeResponse(for: request)
            response.status = status
            return response
        }
    }

    static func describe(_ error: Error) -> (HTTPResponseStatus, String, String, String?, [Refusal]) {
        switch error {
        case let app as AppError:
            return (app.status, app.code, app.message, app.rule, app.details)
        case let decoding as DecodingError:
            return (.badRequest, "invalid_request", Self.explain(decoding), nil, [])
        case let abort as AbortError:
            let code = abort.status == .payloadTooLarge ? "payload_too_large" : abort.status == .notFound ? "not_found" : "invalid_request"
            return abort.status.code < 500 ? (abort.status, code, abort.reason, nil, []) : (.internalServerError, "internal", "Something went wrong on our side.", nil, [])
        default:
            return (.internalServerError, "internal", "Something went wrong on our side. The request id is in the X-Request-Id header.", nil, [])
        }
    }

    private static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map(\.stringValue).joined(separator: ".")
            return joined.isEmpty ? "the body" : "\"\(joined)\""
        }
        switch error {
        case .typeMismatch(_, let context): return "Wrong type for \(path(context)): \(context.debugDescription)"
        case .valueNotFound(_, let context): return "Missing value for \(path(context))."
        case .keyNotFound(let key, _): return "Missing field \"\(key.stringValue)\"."
        case .dataCorrupted(let context): return "Malformed \(path(context)): \(context.debugDescription)"
        @unknown default: return "The request body could not be read."
        }
    }
}
