import Fluent

/// Caches whether the respondent has been told of the complaint, derived from the docket like the status.
struct UpdateCasesAddRespondentNotified: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CaseRecord.schema).field("respondent_notified", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema(CaseRecord.schema).deleteField("respondent_notified").update()
    }
}
