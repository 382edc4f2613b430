import Fluent
import SQLKit

/// Installation administrators (a flag on the user) and one-time sign-in links (issue 13).
struct CreateAdministratorsAndSignInLinks: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(User.schema).field("is_administrator", .bool, .required, .sql(.default(false))).update()
        try await database.schema(SignInLink.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(SignInLink.schema).delete()
        try await database.schema(User.schema).deleteField("is_administrator").update()
    }
}
