import Fluent
import SQLKit

/// SQLite's `INSERT OR REPLACE` (and `REPLACE INTO`) deletes the row in its way without firing DELETE triggers
/// (unless `recursive_triggers` is on), so an append-only table's UPDATE and DELETE refusals did not stop it
/// rewriting an entry (issue 21). A BEFORE INSERT trigger fires before any conflict is resolved: it refuses a row
/// whose unique keys are taken, which an honest append never does. PostgreSQL has no REPLACE, and its
/// `ON CONFLICT DO UPDATE` fires the UPDATE refusal already.
struct RefuseReplaceOnAppendOnlyTables: AsyncMigration {
    /// Every append-only table and its unique keys: REPLACE deletes whatever row holds any one of them.
    static let tables: [(table: String, keys: [[String]])] = [
        (DocketEntryRecord.schema, [["id"], ["case_id", "sequence"]]),
        (CaseMessage.schema, [["id"]]),
        (ConfidentialRead.schema, [["id"]]),
        (AdminChange.schema, [["id"]]),
        (DocketDayAnchor.schema, [["id"], ["association_id", "day"]]),
    ]

    func prepare(on database: Database) async throws {
        guard let sql = database as? SQLDatabase, sql.dialect.name == "sqlite" else { return }
        for (table, keys) in Self.tables {
            let taken = keys.map { key in
                "EXISTS (SELECT 1 FROM \(table) WHERE " + key.map { "\($0) = NEW.\($0)" }.joined(separator: " AND ") + ")"
            }.joined(separator: " OR ")
            try await sql.raw("""
                CREATE TRIGGER IF NOT EXISTS \(unsafeRaw: table)_no_replace BEFORE INSERT ON \(unsafeRaw: table)
                WHEN \(unsafeRaw: taken)
                BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: table) are append-only: an existing row cannot be replaced'); END
                """).run()
        }
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? SQLDatabase, sql.dialect.name == "sqlite" else { return }
        for (table, _) in Self.tables {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_replace").run()
        }
    }
}
