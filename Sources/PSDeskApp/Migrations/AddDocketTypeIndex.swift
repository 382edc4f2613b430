import Fluent
import SQLKit

/// The Directors' panels each Director sat on this year are counted from the association's `directors.panel-appointed`
/// entries (`Committee.recentDirectorsPanels`), on the committee page and the appointment form; without this index
/// that count scanned every docket entry of every association.
struct AddDocketTypeIndex: AsyncMigration {
    static let name = "docket_entries_association_type"

    func prepare(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        try await sql.create(index: SQLIdentifier(Self.name)).on(DocketEntryRecord.schema)
            .column("association_id").column("type").column("effective_on").run()
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        try await sql.drop(index: SQLIdentifier(Self.name)).run()
    }
}
