import Fluent

struct CreateAssociations: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(RegionalAgreement.schema)
            .id()
            .field("name", .string, .required)
            .unique(on: "name")
            .create()
        try await database.schema(Association.schema)
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("rule_profile", .string, .required)
            .field("time_zone", .string, .required)
            .field("holiday_calendar", .string, .required)
            .field("closure_days", .string, .required)
            .field("board_size", .int, .required)
            .field("board_quorum", .int, .required)
            .field("regional_agreement_id", .uuid, .references(RegionalAgreement.schema, .id))
            .unique(on: "slug")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(Association.schema).delete()
        try await database.schema(RegionalAgreement.schema).delete()
    }
}
