import Vapor
import Fluent

/// A signed-in browser's session, in `web_sessions` (issue 21). The cookie's id is stored only as its SHA-256, as every
/// token is; a session lives eight hours from sign-in (the cookie's own age) and the background sweep deletes it after.
final class WebSessionRecord: Model, @unchecked Sendable {
    static let schema = "web_sessions"
    @ID(key: .id) var id: UUID?
    @Field(key: "key_hash") var keyHash: String
    /// The session's values as JSON (`SessionData`).
    @Field(key: "data") var data: String
    @Field(key: "expires_at") var expiresAt: Date
    init() {}
    init(keyHash: String, data: String, expiresAt: Date) { self.id = .fresh(); self.keyHash = keyHash; self.data = data; self.expiresAt = expiresAt }

    struct Migration: AsyncMigration {
        var name: String { "CreateWebSessions" }
        func prepare(on database: Database) async throws {
            try await database.schema(WebSessionRecord.schema)
                .id()
                .field("key_hash", .string, .required)
                .field("data", .string, .required)
                .field("expires_at", .datetime, .required)
                .unique(on: "key_hash")
                .create()
            // The sessions Vapor kept before held their ids in the clear: they end here, and everyone signs in again.
            try await SessionRecord.query(on: database).delete()
        }
        func revert(on database: Database) async throws { try await database.schema(WebSessionRecord.schema).delete() }
    }
}

/// The session driver over `web_sessions`. Every instance of a service reads the same table, so a browser may land on
/// any of them.
struct StoredSessions: SessionDriver {
    static let lifetime: TimeInterval = 8 * 3600

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        request.eventLoop.makeFutureWithTask {
            let id = SessionID(string: TokenHashing.newToken())
            let expires = request.application.clock.now().addingTimeInterval(Self.lifetime)
            try await WebSessionRecord(keyHash: TokenHashing.hash(id.string), data: try Self.encode(data), expiresAt: expires).create(on: request.db)
            return id
        }
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        request.eventLoop.makeFutureWithTask {
            guard let record = try await WebSessionRecord.query(on: request.db).filter(\.$keyHash == TokenHashing.hash(sessionID.string))
                .filter(\.$expiresAt > request.application.clock.now()).first() else { return nil }
            return try JSONDecoder().decode(SessionData.self, from: Data(record.data.utf8))
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        request.eventLoop.makeFutureWithTask {
            try await WebSessionRecord.query(on: request.db).filter(\.$keyHash == TokenHashing.hash(sessionID.string))
                .set(\.$data, to: try Self.encode(data)).update()
            return sessionID
        }
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        request.eventLoop.makeFutureWithTask {
            try await WebSessionRecord.query(on: request.db).filter(\.$keyHash == TokenHashing.hash(sessionID.string)).delete()
        }
    }

    /// Deletes every session past its eight hours (the background sweep).
    static func purge(now: Date, on db: Database) async throws {
        try await WebSessionRecord.query(on: db).filter(\.$expiresAt <= now).delete()
    }

    private static func encode(_ data: SessionData) throws -> String { String(decoding: try JSONEncoder().encode(data), as: UTF8.self) }
}

/// Vapor's sessions middleware, kept from writing rows for nobody: a session left empty at the end of a request
/// (an anonymous page, a stale cookie) is dropped instead of created, and the anonymous CSRF cookie minted for the
/// page's forms is set on the response, error pages included (issue 21).
struct WebSessions: AsyncMiddleware {
    let sessions: Middleware

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let response = try await sessions.respond(to: request, chainingTo: DropEmptySession(next: next)).get()
        if let cookie = CSRFProtection.mintedCookie(for: request) { response.cookies[CSRFProtection.cookieName] = cookie }
        return response
    }

    private struct DropEmptySession: AsyncResponder {
        let next: AsyncResponder
        func respond(to request: Request) async throws -> Response {
            defer { if request.hasSession, request.session.data.snapshot.isEmpty { request.session.destroy() } }
            return try await next.respond(to: request)
        }
    }
}

extension Application {
    /// The session middleware every page group starts with.
    var webSessions: WebSessions { WebSessions(sessions: sessions.middleware) }
}
