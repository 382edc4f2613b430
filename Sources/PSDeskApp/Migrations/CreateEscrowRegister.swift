import Fluent
import Foundation
import SQLKit

/// The escrow register's read model (`EscrowRow`, issue 15). Listed before `CreateCaseSearch`, whose rebuild fills every
/// read model on a new or older installation; one that already ran it is filled here by the same rebuild.
struct CreateEscrowRegister: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(EscrowRow.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, "id", onDelete: .cascade))
            .field("case_number", .string, .required)
            .field("case_title", .string, .required)
            .field("held", .int64, .required)
            .field("paid_in", .int64, .required)
            .field("paid_out", .int64, .required)
            .field("review_deposit", .int64, .required)
            .field("held_since", .string)
            .field("held_for", .string)
            .field("until_on", .string)
            .field("until", .string, .required)
            .unique(on: "case_id")
            .create()
        guard let sql = database as? SQLDatabase else { return }
        // The register by case number, and its totals summed from the index alone.
        try await sql.create(index: "escrow_register_number").on(EscrowRow.schema)
            .column("association_id").column("case_number").column("held").column("paid_in").column("paid_out").column("review_deposit").run()
        try await ReadModels.fillNewReadModel(on: database)
    }

    func revert(on database: Database) async throws {
        try await database.schema(EscrowRow.schema).delete()
    }
}
