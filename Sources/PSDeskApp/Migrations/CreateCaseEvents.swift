import Fluent
import Foundation
import SQLKit

/// The calendar's read model (`CaseEventRow`, issue 19). Listed before `CreateCaseSearch`, whose rebuild fills every
/// read model on a new installation; one that already ran it is filled here by the same rebuild.
struct CreateCaseEvents: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CaseEventRow.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, "id", onDelete: .cascade))
            .field("case_number", .string, .required)
            .field("case_kind", .string, .required)
            .field("kind", .string, .required)
            .field("event_key", .string, .required)
            .field("starts_on", .string, .required)
            .field("starts_at_minute", .int)
            .field("time_text", .string)
            .field("place", .string)
            .field("revision", .int, .required)
            .create()
        guard let sql = database as? SQLDatabase else { return }
        // A feed reads an association's events from a day on, or one case's.
        try await sql.create(index: "case_events_day").on(CaseEventRow.schema).column("association_id").column("starts_on").run()
        try await sql.create(index: "case_events_case").on(CaseEventRow.schema).column("case_id").run()
        try await ReadModels.fillNewReadModel(on: database)
    }

    func revert(on database: Database) async throws {
        try await database.schema(CaseEventRow.schema).delete()
    }
}
