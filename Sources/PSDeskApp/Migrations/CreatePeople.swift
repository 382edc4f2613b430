import Fluent

struct CreatePeople: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(Firm.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id))
            .field("name", .string, .required)
            .unique(on: "association_id", "name")
            .create()
        try await database.schema(Office.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id))
            .field("firm_id", .uuid, .required, .references(Firm.schema, .id))
            .field("name", .string, .required)
            .field("address", .string, .required)
            .unique(on: "firm_id", "name")
            .create()
        try await database.schema(Person.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id))
            .field("kind", .string, .required)
            .field("first_name", .string, .required)
            .field("last_name", .string, .required)
            .field("email", .string)
            .field("phone", .string)
            .field("address", .string)
            .create()
        try await database.schema(Membership.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("member_number", .string, .required)
            .field("membership_type", .string, .required)
            .field("is_principal", .bool, .required)
            .field("firm_id", .uuid, .references(Firm.schema, .id))
            .field("office_id", .uuid, .references(Office.schema, .id))
            .unique(on: "association_id", "member_number")
            .create()
        try await database.schema(MembershipPeriod.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id))
            .field("membership_id", .uuid, .required, .references(Membership.schema, .id))
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .create()
    }

    func revert(on database: Database) async throws {
        for schema in [MembershipPeriod.schema, Membership.schema, Person.schema, Office.schema, Firm.schema] {
            try await database.schema(schema).delete()
        }
    }
}
