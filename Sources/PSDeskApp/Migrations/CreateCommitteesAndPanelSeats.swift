import Fluent

/// The Professional Standards Committee roster and the cached panel seats of each case (issue 6).
struct CreateCommitteesAndPanelSeats: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CommitteeSeat.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("committee", .string, .required)
            .field("is_chair", .bool, .required)
            .field("training_through", .string)
            .unique(on: "association_id", "person_id", "committee")
            .create()
        try await database.schema(PanelSeat.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("seat", .string, .required)
            .unique(on: "case_id", "person_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(PanelSeat.schema).delete()
        try await database.schema(CommitteeSeat.schema).delete()
    }
}
