import Fluent
import Foundation
import SQLKit

/// The read models of issue 12 (`ReadModelRecords.swift`) and the indexes their lists read by, filled from the
/// dockets already there by `CreateCaseSearch`: an existing installation upgrades with no step of its own.
struct CreateReadModels: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("case_deadlines_case", CaseDeadlineRow.schema, ["case_id"]),
        // The worklist's and the case list's windows: running cases' open windows by due date, read from the index
        // alone (40,000 overdue on 200,000 cases are counted without touching the table), and the settled ones kept.
        ("case_deadlines_open", CaseDeadlineRow.schema, ["association_id", "case_closed", "settled_status", "party_option", "due_on", "case_number", "case_kind"]),
        ("case_deadlines_due", CaseDeadlineRow.schema, ["association_id", "due_on"]),
        ("case_deadlines_key", CaseDeadlineRow.schema, ["association_id", "key"]),
        ("case_compliance_case", CaseComplianceRow.schema, ["case_id"]),
        ("case_compliance_association", CaseComplianceRow.schema, ["association_id", "due_on"]),
        // Money's pages by case number, and its totals summed from the index alone.
        ("case_ledgers_number", CaseLedgerRow.schema, ["association_id", "case_kind", "case_number", "deposits_held", "owed", "to_treasury", "refunded"]),
        ("cases_association_activity", CaseRecord.schema, ["association_id", "last_activity_on"]),
        // A status filter in the list's order (complaints awaiting intake, the GC queue), not a scan of every case.
        ("cases_association_status_opened", CaseRecord.schema, ["association_id", "status", "opened_on", "number"]),
    ]

    func prepare(on database: Database) async throws {
        func caseColumns(_ builder: SchemaBuilder) -> SchemaBuilder {
            builder.id()
                .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
                .field("case_id", .uuid, .required, .references(CaseRecord.schema, "id", onDelete: .cascade))
                .field("case_number", .string, .required)
        }
        try await caseColumns(database.schema(CaseDeadlineRow.schema))
            .field("case_kind", .string, .required)
            .field("case_closed", .bool, .required)
            .field("key", .string, .required)
            .field("title", .string, .required)
            .field("rule", .string, .required)
            .field("due_on", .string)
            .field("due_text", .string, .required)
            .field("due_text_for_party", .string, .required)
            .field("explanation_head", .string, .required)
            .field("dated", .bool, .required)
            .field("lapse_note", .string)
            .field("party_option", .bool, .required)
            .field("for_complainant", .bool, .required)
            .field("for_respondent", .bool, .required)
            .field("settled_status", .string)
            .create()
        try await caseColumns(database.schema(CaseLedgerRow.schema))
            .field("case_kind", .string, .required)
            .field("case_title", .string, .required)
            .field("deposits_held", .int64, .required)
            .field("owed", .int64, .required)
            .field("to_treasury", .int64, .required)
            .field("refunded", .int64, .required)
            .unique(on: "case_id")
            .create()
        try await caseColumns(database.schema(CaseComplianceRow.schema))
            .field("position", .int, .required)
            .field("sanction", .string, .required)
            .field("rule", .string, .required)
            .field("due_on", .string)
            .field("status_before", .string, .required)
            .field("note_before", .string, .required)
            .field("status_after", .string, .required)
            .field("note_after", .string, .required)
            .create()
        try await database.schema(CaseTally.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("dismissal_appeal_pending", .bool, .required)
            .field("cases", .int64, .required)
            .unique(on: "association_id", "kind", "status", "dismissal_appeal_pending")
            .create()
        guard let sql = database as? SQLDatabase else { return }
        for index in Self.indexes {
            var create = sql.create(index: SQLIdentifier(index.name)).on(index.table)
            for column in index.columns { create = create.column(column) }
            try await create.run()
        }
        // Filled from the dockets already there by `CreateCaseSearch`, which always runs after this one: the rebuild
        // writes the search tables too, which do not exist yet here.
    }

    func revert(on database: Database) async throws {
        if let sql = database as? SQLDatabase {
            try await sql.drop(index: SQLIdentifier("cases_association_activity")).run()
            try await sql.drop(index: SQLIdentifier("cases_association_status_opened")).run()
        }
        for schema in [CaseTally.schema, CaseComplianceRow.schema, CaseLedgerRow.schema, CaseDeadlineRow.schema] {
            try await database.schema(schema).delete()
        }
    }
}
