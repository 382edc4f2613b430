import Fluent
import SQLKit

/// Every signed-in request looks up the panels its person sits on (`Actor.load`): index that lookup, as the
/// unique `(case_id, person_id)` index leads with the case.
struct AddPanelSeatsPersonIndex: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        try await sql.create(index: "panel_seats_person_id").on(PanelSeat.schema).column("person_id").run()
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        try await sql.drop(index: "panel_seats_person_id").run()
    }
}
