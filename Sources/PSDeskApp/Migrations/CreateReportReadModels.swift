import Fluent
import SQLKit

/// The reports' read models (`CaseFactRow`, `CaseStageRow`, issue 20). Listed before `CreateCaseSearch`, whose rebuild
/// fills every read model on a new installation; one that already ran it is filled here by the same rebuild.
struct CreateReportReadModels: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CaseFactRow.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, "id", onDelete: .cascade))
            .field("case_kind", .string, .required)
            .field("measure", .string, .required)
            .field("detail", .string, .required)
            .field("happened_on", .string, .required)
            .field("cents", .int64, .required)
            .create()
        try await database.schema(CaseStageRow.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, "id", onDelete: .cascade))
            .field("case_kind", .string, .required)
            .field("status", .string, .required)
            .field("entered_on", .string, .required)
            .field("left_on", .string)
            .field("days", .int)
            .create()
        guard let sql = database as? SQLDatabase else { return }
        // The annual report sums an association's facts over a year; the dashboard reads spans left, or closings
        // entered, since a day; each case's rows are rewritten on every append.
        try await sql.create(index: "case_report_facts_day").on(CaseFactRow.schema).column("association_id").column("happened_on").run()
        try await sql.create(index: "case_report_facts_case").on(CaseFactRow.schema).column("case_id").run()
        try await sql.create(index: "case_stage_spans_left").on(CaseStageRow.schema).column("association_id").column("left_on").run()
        try await sql.create(index: "case_stage_spans_entered").on(CaseStageRow.schema).column("association_id").column("status").column("entered_on").run()
        try await sql.create(index: "case_stage_spans_case").on(CaseStageRow.schema).column("case_id").run()
        try await ReadModels.fillNewReadModel(on: database)
    }

    func revert(on database: Database) async throws {
        try await database.schema(CaseStageRow.schema).delete()
        try await database.schema(CaseFactRow.schema).delete()
    }
}
