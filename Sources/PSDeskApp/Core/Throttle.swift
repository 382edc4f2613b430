import Vapor
import Fluent
import SQLKit

/// Counters that slow down guessing and flooding (issue 21): sign-in failures per client address and per account,
/// and anonymous filings, case look-ups and ombuds inquiries per address. They live in the database, so every
/// instance of a service counts into the same row, and each hit is one atomic statement (an upsert that returns the
/// new count): however many requests arrive at once, no more than the limit get through.
///
/// Windows are fixed (`window` seconds from the epoch), so "try again in N minutes" is the time to the window's end.
/// Keys are stored as a SHA-256, never as the address or email they count.
enum Throttle {
    struct Limit: Sendable {
        /// What is counted, in the bucket's name (`sign-in-address`, `public-filing`, …).
        let action: String
        /// How many hits a window allows.
        let count: Int
        /// The window, in seconds.
        let window: Int
        /// What the refusal says was too many ("sign-in attempts", "complaints filed").
        let what: String
    }

    enum Verdict: Equatable {
        case allowed
        /// Over the limit until the window ends, this many seconds from now.
        case refused(retryAfter: Int)
    }

    /// Counts one hit and says whether it is within the limit.
    static func hit(_ limit: Limit, key: String, now: Date, on db: Database) async throws -> Verdict {
        let sql = try sqlDatabase(db)
        let (bucket, start) = (bucket(limit, key), windowStart(limit, now))
        let row = try await sql.raw("""
            INSERT INTO \(ident: table) (bucket, window_start, hits) VALUES (\(bind: bucket), \(bind: start), 1)
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = \(ident: table).hits + 1 RETURNING hits
            """).first()
        let hits = try row?.decode(column: "hits", as: Int.self) ?? Int.max
        guard hits > limit.count else { return .allowed }
        ServiceMetrics.throttled(limit.action)
        return .refused(retryAfter: max(1, start + limit.window - Int(now.timeIntervalSince1970)))
    }

    /// Gives back a hit that turned out to be harmless (a sign-in that succeeded), so it does not count against the address.
    static func refund(_ limit: Limit, key: String, now: Date, on db: Database) async throws {
        let sql = try sqlDatabase(db)
        try await sql.raw("""
            UPDATE \(ident: table) SET hits = hits - 1 WHERE bucket = \(bind: bucket(limit, key)) AND window_start = \(bind: windowStart(limit, now)) AND hits > 0
            """).run()
    }

    /// Forgets every hit on a key: a successful sign-in or a new password ends an account's run of failures.
    static func clear(_ limit: Limit, key: String, on db: Database) async throws {
        try await sqlDatabase(db).raw("DELETE FROM \(ident: table) WHERE bucket = \(bind: bucket(limit, key))").run()
    }

    /// Removes windows that ended before `now` (the background sweep): older than the longest window any limit uses
    /// (the lockout period may be set to days), they count for nothing.
    static func purge(now: Date, config: AppConfig, on db: Database) async throws {
        let oldest = Int(now.timeIntervalSince1970) - (config.throttleLimits.map(\.window).max() ?? 3600)
        try await sqlDatabase(db).raw("DELETE FROM \(ident: table) WHERE window_start < \(bind: oldest)").run()
    }

    /// "Try again in N minutes", rounded up.
    static func tryAgain(_ limit: Limit, retryAfter: Int) -> AppError {
        let minutes = max(1, (retryAfter + 59) / 60)
        return AppError(.tooManyRequests, code: "rate_limited",
                        message: "Too many \(limit.what) from your address. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").")
    }

    /// Counts a hit and throws the refusal when over the limit.
    static func require(_ limit: Limit, for request: Request) async throws {
        if case .refused(let retryAfter) = try await hit(limit, key: request.clientAddress, now: request.application.clock.now(), on: request.db) {
            throw tryAgain(limit, retryAfter: retryAfter)
        }
    }

    static let table = "throttle_counts"

    private static func bucket(_ limit: Limit, _ key: String) -> String { limit.action + ":" + TokenHashing.hash(key.lowercased()).prefix(32) }
    private static func windowStart(_ limit: Limit, _ now: Date) -> Int {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down))
        return seconds - ((seconds % limit.window) + limit.window) % limit.window
    }
    private static func sqlDatabase(_ db: Database) throws -> SQLDatabase {
        guard let sql = db as? SQLDatabase else { throw AppError(.internalServerError, code: "internal", message: "Throttles need an SQL database.") }
        return sql
    }

    struct Migration: AsyncMigration {
        var name: String { "CreateThrottleCounts" }
        func prepare(on database: Database) async throws {
            try await database.schema(table)
                .field("bucket", .string, .required)
                .field("window_start", .int64, .required)
                .field("hits", .int, .required)
                .unique(on: "bucket", "window_start")
                .create()
        }
        func revert(on database: Database) async throws { try await database.schema(table).delete() }
    }
}

extension Request {
    /// Who is asking, for the throttles: the peer's address, or behind a proxy PSDesk trusts (`PSDESK_BEHIND_PROXY`)
    /// the last address that proxy put in `X-Forwarded-For` (earlier ones are the client's to invent).
    var clientAddress: String {
        if application.psdesk.behindProxy, let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").last {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}

/// Counts every POST of a group of anonymous pages against one of the configured limits.
struct ThrottledPosts: AsyncMiddleware {
    let limit: @Sendable (AppConfig) -> Throttle.Limit

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if request.method == .POST { try await Throttle.require(limit(request.application.psdesk), for: request) }
        return try await next.respond(to: request)
    }
}
