import Fluent

struct CreateCases: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CaseRecord.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id))
            .field("kind", .string, .required)
            .field("year", .int, .required)
            .field("sequence", .int, .required)
            .field("number", .string, .required)
            .field("title", .string, .required)
            .field("status", .string, .required)
            .field("opened_on", .string)
            .field("last_activity_on", .string)
            .field("created_at", .datetime)
            // Numbering is safe under concurrency: a duplicate insert fails and is retried.
            .unique(on: "association_id", "kind", "year", "sequence")
            .unique(on: "association_id", "number")
            .create()
        try await database.schema(CaseParty.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id))
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("role", .string, .required)
            .unique(on: "case_id", "person_id", "role")
            .create()
        try await database.schema(DocketEntryRecord.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id))
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, .id))
            .field("sequence", .int, .required)
            .field("type", .string, .required)
            .field("effective_on", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("actor_user_id", .uuid, .references(User.schema, .id))
            .field("actor_name", .string, .required)
            .field("payload", .string, .required)
            .field("corrects_id", .uuid, .references(DocketEntryRecord.schema, .id))
            .unique(on: "case_id", "sequence")
            .create()
        try await database.schema(DocumentRecord.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id))
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, .id))
            .field("docket_entry_id", .uuid, .references(DocketEntryRecord.schema, .id))
            .field("title", .string, .required)
            .field("filename", .string, .required)
            .field("media_type", .string, .required)
            .field("byte_count", .int, .required)
            .field("sha256", .string, .required)
            .field("uploaded_by", .uuid, .references(User.schema, .id))
            .field("uploaded_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws {
        for schema in [DocumentRecord.schema, DocketEntryRecord.schema, CaseParty.schema, CaseRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}
