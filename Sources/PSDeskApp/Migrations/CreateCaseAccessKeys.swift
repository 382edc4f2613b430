import Fluent

struct CreateCaseAccessKeys: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CaseAccessKey.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id))
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("key_hash", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "key_hash")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(CaseAccessKey.schema).delete()
    }
}
