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
        // Regional agreements' terms and a signatory's withdrawal (appendix (5)(a), (6)(b)).
        try await database.schema(RegionalAgreement.schema).field("effective_on", .string).update()
        try await database.schema(RegionalAgreement.schema).field("administering", .string).update()
        try await database.schema(Association.schema).field("regional_withdrawal_notice_on", .string).update()
        if let sql = database as? SQLDatabase {
            try await sql.create(index: "admin_changes_association").on(AdminChange.schema).column("association_id").column("at").run()
        }
    }

    func revert(on database: Database) async throws {
        if let sql = database as? SQLDatabase { try await sql.drop(index: "admin_changes_association").run() }
        try await database.schema(Association.schema).deleteField("regional_withdrawal_notice_on").update()
        try await database.schema(RegionalAgreement.schema).deleteField("administering").update()
        try await database.schema(RegionalAgreement.schema).deleteField("effective_on").update()
        try await database.schema(AdminChange.schema).deleteField("association_id").update()
        try await database.schema(SignInLink.schema).deleteField("new_email").update()
        try await database.schema(User.schema).deleteField("awaiting_password").update()
        try await database.schema(User.schema).deleteField("session_epoch").update()
        try await database.schema(User.schema).deleteField("deactivated_at").update()
    }
}
