import Vapor

/// One structured log line per request with its id, and the id echoed in `X-Request-Id` so a user can
/// quote it. Query strings are not logged: they may carry search terms about people. Secrets in a path (a welcome
/// link's token) are logged as `psd_…`.
struct RequestLogging: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next.respond(to: request)
        let elapsed = ContinuousClock.now - started
        let millis = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        response.headers.replaceOrAdd(name: "X-Request-Id", value: request.id)
        request.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "path": .string(Self.loggable(request.url.path)),
            "status": .stringConvertible(response.status.code),
            "ms": .string(String(format: "%.1f", millis)),
        ])
        return response
    }

    /// The path with every secret segment (`TokenHashing.newToken`'s `psd_` prefix) cut to its prefix.
    static func loggable(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("psd_") ? "psd_…" : String($0) }.joined(separator: "/")
    }
}

/// Conservative security headers on every response.
struct SecurityHeaders: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'")
        // Beyond loopback unless turned off (`AppConfig.servingOn(host:)`): browsers keep to HTTPS for a year.
        if request.application.psdesk.hsts { response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains") }
        return response
    }
}
