import Fluent

/// Caches whether an appeal of a dismissal (whole or in part) waits for the Directors, derived from the docket like
/// the status: a dismissal in part leaves the case forwarded, yet the Directors must reach it (a1.10).
struct AddDismissalAppealPending: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CaseRecord.schema).field("dismissal_appeal_pending", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema(CaseRecord.schema).deleteField("dismissal_appeal_pending").update()
    }
}
