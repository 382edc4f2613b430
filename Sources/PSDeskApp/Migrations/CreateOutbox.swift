import Fluent
import SQLKit

/// The email outbox, and each association's sender address and letterhead (issue 13).
struct CreateOutbox: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(OutboxMessage.schema)
            .id()
            .field("association_id", .uuid, .references(Association.schema, "id"))
            .field("case_id", .uuid, .references(CaseRecord.schema, "id"))
            .field("notice_entry_id", .uuid)
            .field("purpose", .string, .required)
            .field("to_name", .string, .required)
            .field("to_address", .string, .required)
            .field("cc_address", .string)
            .field("from_name", .string, .required)
            .field("from_address", .string, .required)
            .field("subject", .string, .required)
            .field("text_body", .string, .required)
            .field("html_body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("last_error", .string)
            .field("message_id", .string, .required)
            .field("accepted_at", .datetime)
            .field("created_at", .datetime)
            .create()
        if let sql = database as? SQLDatabase {
            // The worker's round reads what is due; the worklist what an association has not delivered.
            try await sql.create(index: "outbox_due").on(OutboxMessage.schema).column("status").column("next_attempt_at").run()
            try await sql.create(index: "outbox_association").on(OutboxMessage.schema).column("association_id").column("status").run()
            try await sql.create(index: "outbox_notice").on(OutboxMessage.schema).column("notice_entry_id").run()
        }
        try await database.schema(Association.schema).field("sender_email", .string).update()
        try await database.schema(Association.schema).field("letterhead_address", .string).update()
        try await database.schema(Association.schema).field("signature_line", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema(OutboxMessage.schema).delete()
        for field: FieldKey in ["sender_email", "letterhead_address", "signature_line"] {
            try await database.schema(Association.schema).deleteField(field).update()
        }
    }
}
