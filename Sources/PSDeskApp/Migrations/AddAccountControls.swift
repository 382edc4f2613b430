import Fluent
import SQLKit

/// Deactivated accounts, "sign out everywhere", and what an invitation or email-change link carries (issue 13); the
/// association an administrative change belongs to, so each association's staff see their own.
struct AddAccountControls: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(User.schema).field("deactivated_at", .datetime).update()
        try await database.schema(User.schema).field("session_epoch", .int, .required, .sql(.default(0))).update()
        try await database.schema(User.schema).field("awaiting_password", .bool, .required, .sql(.default(false))).update()
        try await database.schema(SignInLink.schema).field("new_email", .string).update()
        try await database.schema(AdminChange.schema).field("association_id", .uuid).update()
        if let sql = database as? SQLDatabase {
            try await sql.create(index: "admin_changes_association").on(AdminChange.schema).column("association_id").column("at").run()
        }
    }

    func revert(on database: Database) async throws {
        if let sql = database as? SQLDatabase { try await sql.drop(index: "admin_changes_association").run() }
        try await database.schema(AdminChange.schema).deleteField("association_id").update()
        try await database.schema(SignInLink.schema).deleteField("new_email").update()
        try await database.schema(User.schema).deleteField("awaiting_password").update()
        try await database.schema(User.schema).deleteField("session_epoch").update()
        try await database.schema(User.schema).deleteField("deactivated_at").update()
    }
}
