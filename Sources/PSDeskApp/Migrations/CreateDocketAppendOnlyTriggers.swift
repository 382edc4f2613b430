import Fluent
import SQLKit

/// The database refuses any UPDATE or DELETE of a docket entry, whatever code path tries it.
/// SQLite and PostgreSQL spell triggers differently, so each gets its own statements.
struct CreateDocketAppendOnlyTriggers: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for verb in ["UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER docket_entries_no_\(unsafeRaw: verb.lowercased()) BEFORE \(unsafeRaw: verb) ON docket_entries
                    BEGIN SELECT RAISE(ABORT, 'docket entries are append-only'); END
                    """).run()
            }
        } else {
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION docket_entries_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'docket entries are append-only'; END; $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER docket_entries_append_only BEFORE UPDATE OR DELETE ON docket_entries
                FOR EACH ROW EXECUTE FUNCTION docket_entries_append_only()
                """).run()
        }
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS docket_entries_no_update").run()
            try await sql.raw("DROP TRIGGER IF EXISTS docket_entries_no_delete").run()
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS docket_entries_append_only ON docket_entries").run()
            try await sql.raw("DROP FUNCTION IF EXISTS docket_entries_append_only()").run()
        }
    }
}
