import Fluent
import SQLKit

/// The database refuses any UPDATE or DELETE of a docket entry, whatever code path tries it.
/// SQLite and PostgreSQL spell triggers differently (`AppendOnlyTable`).
struct CreateDocketAppendOnlyTriggers: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        try await AppendOnlyTable.create("docket_entries", refusal: "docket entries are append-only", on: sql)
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        try await AppendOnlyTable.drop("docket_entries", on: sql)
    }
}
