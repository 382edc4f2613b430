import Vapor
import Fluent
import SQLKit

/// Background work that must run once across every instance of a service (issue 21): each round takes a PostgreSQL
/// advisory lock for its name in a transaction of its own; an instance that does not get it skips the round (another
/// is doing it), and the lock goes with the transaction, however the round ends, a crash included. The round's own
/// work runs on other connections. On SQLite there is one instance per file, and the round just runs.
enum BackgroundLock {
    /// A stable 64-bit key for the lock's name (FNV-1a: the same on every instance and every start).
    static func key(_ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int64(bitPattern: hash)
    }

    /// Runs `work` if no other instance is running the round of this name now; returns whether it ran.
    @discardableResult
    static func runOnce(_ name: String, on db: Database, _ work: @escaping @Sendable () async throws -> Void) async throws -> Bool {
        guard let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" else {
            try await work()
            return true
        }
        return try await db.transaction { tx in
            guard let tx = tx as? SQLDatabase,
                  let row = try await tx.raw("SELECT pg_try_advisory_xact_lock(\(bind: key(name))) AS locked").first(),
                  try row.decode(column: "locked", as: Bool.self) else { return false }
            try await work()
            return true
        }
    }

    /// Waits for the lock of this name while `work` runs: `serve`'s migrations, so instances started together migrate
    /// one after the other (the second finds nothing left to do).
    static func runAlone(_ name: String, on db: Database, _ work: @escaping @Sendable () async throws -> Void) async throws {
        guard let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" else { return try await work() }
        try await db.transaction { tx in
            guard let tx = tx as? SQLDatabase else { return }
            try await tx.raw("SELECT pg_advisory_xact_lock(\(bind: key(name)))").run()
            try await work()
        }
    }
}
