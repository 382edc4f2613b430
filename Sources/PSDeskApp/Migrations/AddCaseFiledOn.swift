import Fluent

/// Caches the filing date from the docket: the profile version in force on that day governs the case, and a case
/// may be opened before its complaint is filed. Older rows stay nil and fall back to the opening date.
struct AddCaseFiledOn: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CaseRecord.schema).field("filed_on", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema(CaseRecord.schema).deleteField("filed_on").update()
    }
}
