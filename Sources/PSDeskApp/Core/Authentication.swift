import Vapor
import Fluent

/// Session sign-in for the web: the session holds the user id; the actor is loaded per request.
struct SessionAuthentication: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        request.usesWebSession = true
        // Only a browser with a session is read: touching `request.session` otherwise makes one (issue 21).
        if request.hasSession, let raw = request.session.data["userID"], let id = UUID(uuidString: raw) {
            let actor = try await Actor.load(userID: id, on: request.db)
            // Signed out everywhere (or the password changed) since this session began: it no longer counts.
            if let actor, actor.sessionEpoch == Int(request.session.data["epoch"] ?? "0") {
                request.actor = actor
            } else {
                request.session.destroy()
            }
        }
        return try await next.respond(to: request)
    }
}

/// Bearer tokens for the API. Tokens are compared by their SHA-256; revoked ones are refused.
struct TokenAuthentication: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            let hash = TokenHashing.hash(bearer.token)
            guard let token = try await APIToken.query(on: request.db).filter(\.$tokenHash == hash).filter(\.$revokedAt == nil).first(),
                  let actor = try await Actor.load(userID: token.$user.id, on: request.db) else {
                throw AppError.unauthenticated
            }
            request.actor = actor
        }
        return try await next.respond(to: request)
    }
}

/// Refuses the request unless someone is signed in.
struct RequireActor: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        _ = try request.requireActor()
        return try await next.respond(to: request)
    }
}

enum TokenHashing {
    /// A new random secret: 32 bytes, URL-safe base64, with a `psd_` prefix so it is recognisable in a leak scan.
    static func newToken() -> String {
        "psd_" + base64URL(Data([UInt8].random(count: 32)))
    }

    /// URL- and cookie-safe base64 without padding.
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
