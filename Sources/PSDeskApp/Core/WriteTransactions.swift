import Vapor
import Fluent
import SQLKit
import FluentSQLiteDriver

/// SQLite allows one writer. Two deferred transactions that both read and then write deadlock and fail
/// at once with "database is locked", so on SQLite PSDesk runs its write transactions one at a time
/// through this gate. PostgreSQL needs no gate. A clash on a unique index (two clerks numbering cases at
/// the same moment on PostgreSQL) or a busy SQLite snapshot is retried.
actor WriteGate {
    static let shared = WriteGate()
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !held { held = true; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { held = false } else { waiters.removeFirst().resume() }
    }
}

/// Runs `body` in one database transaction, serialised on SQLite and retried on a unique-index clash
/// or a busy database.
func writeTransaction<T: Sendable>(on db: Database, attempts: Int = 5, _ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
    if db.inTransaction { return try await body(db) }
    let gated = (db as? SQLDatabase)?.dialect.name == "sqlite"
    var attempt = 0
    while true {
        attempt += 1
        if gated { await WriteGate.shared.acquire() }
        do {
            // The driver runs the body in a task of its own, which does not inherit this one's task-locals: carry
            // the dry-run flag across by hand.
            let dryRun = DryRun.isOn
            let result = try await db.transaction { tx in try await DryRun.$isOn.withValue(dryRun) { try await body(tx) } }
            if gated { await WriteGate.shared.release() }
            return result
        } catch {
            if gated { await WriteGate.shared.release() }
            guard attempt < attempts, isRetryable(error) else { throw error }
            try await Task.sleep(for: .milliseconds(5 * attempt))
        }
    }
}

/// A row locked for the rest of the caller's transaction on PostgreSQL (`SELECT … FOR UPDATE`): writers that must go one
/// at a time on a case or an association wait here, across every instance. SQLite's writes already go one at a time
/// (`WriteGate`); outside a transaction there is nothing to hold.
enum RowLock {
    static func forUpdate(_ table: String, _ id: UUID, on db: Database) async throws {
        guard db.inTransaction, let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
    }
}

private func isRetryable(_ error: Error) -> Bool {
    if let database = error as? DatabaseError, database.isConstraintFailure { return true }
    if let sqlite = error as? SQLiteError { return sqlite.reason == .busy || sqlite.reason == .locked }
    return false
}

enum DatabaseTuning {
    /// SQLite zeroes the space of what this connection deletes, so destroyed text does not linger in the file (a3.3,
    /// S3 1.1.3: destroyed, not flagged). Nothing to do on PostgreSQL, whose vacuum frees dead rows.
    static func secureDelete(on db: Database) async throws {
        guard let sql = db as? SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA secure_delete = ON").run()
    }

    /// A SQLite file in WAL mode lets pages be read while a case is being written.
    static func apply(to db: Database) async throws {
        guard let sql = db as? SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }

    /// Each serving connection (one per event loop) reads through a 32 MB page cache and a 256 MB memory map instead of
    /// SQLite's 2 MB cache and a read system call per page: on 200,000 cases most of a list's time went to copying
    /// pages the operating system already held (issue 12). Set per connection; the pool keeps its one connection per
    /// loop, so each is set once here.
    static func forServing(_ app: Application) async throws {
        guard !app.psdesk.inMemoryDatabase, app.psdesk.databaseURL == nil else { return }
        for loop in app.eventLoopGroup.makeIterator() {
            guard let sql = app.databases.database(logger: app.logger, on: loop) as? SQLDatabase, sql.dialect.name == "sqlite" else { continue }
            try await sql.raw("PRAGMA cache_size = -32768").run()
            try await sql.raw("PRAGMA mmap_size = 268435456").run()
        }
    }

    /// For a connection about to write a great deal (the synthetic seed, in its transaction): a page cache of 256 MB
    /// instead of SQLite's 2 MB. Rows keyed by random UUIDs land all over each index; with the small cache every batch
    /// read and rewrote most of the file, and 200,000 cases took most of an hour.
    static func forBulkWrites(_ db: Database) async throws {
        guard let sql = db as? SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA cache_size = -262144").run()
    }
}
