import Vapor

/// How large a request body may be, route by route, enforced while the body streams in.
///
/// Browsers and curl send uploads in pieces (`Transfer-Encoding: chunked` or a long `Content-Length`), so a
/// middleware that reads the form (CSRF) must first collect the body, and must do so with the route's own
/// limit. The limit travels on the route (`userInfo`), so `CSRFProtection`, `BodyLimit` and the route's
/// own collection agree on one number. Nothing is read past the limit: a declared length over it is refused
/// before any byte is read, and a streamed body is refused (413) the moment it crosses it.
enum BodyLimits {
    static let userInfoKey = "psdesk.maxBodyBytes"
    /// Room for the form fields and multipart framing around the files.
    static let formOverheadBytes = 1_000_000

    /// The limit declared for the request's route, or the application's default for small forms.
    static func limit(for request: Request) -> Int {
        (request.route?.userInfo[userInfoKey] as? Int) ?? request.application.routes.defaultMaxBodySize.value
    }

    /// The limit of a route that takes `files` uploads of at most the configured size each.
    static func uploadLimit(_ config: AppConfig, files: Int = 1) -> Int {
        config.maxUploadBytes * files + formOverheadBytes
    }

    /// Collects the body into memory up to the route's limit (a no-op when it is already collected).
    static func collect(_ request: Request) async throws {
        let limit = limit(for: request)
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit {
            throw tooLarge(limit, request: request)
        }
        guard request.body.data == nil else { return }
        do {
            _ = try await request.body.collect(max: limit).get()
        } catch let abort as AbortError where abort.status == .payloadTooLarge {
            throw tooLarge(limit, request: request)
        }
    }

    static func tooLarge(_ limit: Int, request: Request) -> AppError {
        let files = request.application.psdesk.maxUploadBytes / 1_000_000
        return AppError(.payloadTooLarge, code: "payload_too_large",
                        message: "That is more than this form accepts (\(limit / 1_000_000) MB in all; each file at most \(files) MB). Choose a smaller file and send the form again.")
    }
}

/// Collects the body with the route's limit before anything reads it; used on routes without CSRF (the API).
struct BodyLimit: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if request.method == .POST || request.method == .PUT || request.method == .PATCH { try await BodyLimits.collect(request) }
        try TextGuard.check(request)
        try APIQuery.refuseRepeated(request)
        return try await next.respond(to: request)
    }
}

extension RoutesBuilder {
    /// A POST route whose body may reach `maxBytes`; the limit is enforced as the body streams in.
    @discardableResult
    func postLarge(_ path: PathComponent..., maxBytes: Int, use closure: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> Route {
        postLarge(path, maxBytes: maxBytes, use: closure)
    }

    @discardableResult
    func postLarge(_ path: [PathComponent], maxBytes: Int, use closure: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> Route {
        let route = on(.POST, path, body: .collect(maxSize: ByteCount(value: maxBytes)), use: closure)
        route.userInfo[BodyLimits.userInfoKey] = maxBytes
        return route
    }
}
