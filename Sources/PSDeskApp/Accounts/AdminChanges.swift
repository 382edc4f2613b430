import Vapor
import Fluent

/// Every administrative change (issue 13): who, when, what, and the settings before and after, as JSON. Append-only:
/// nothing in PSDesk edits or deletes a row here.
final class AdminChange: Model, @unchecked Sendable {
    static let schema = "admin_changes"
    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_user_id") var actorUserID: UUID?
    @Field(key: "actor_name") var actorName: String
    /// What kind of thing changed: `association`.
    @Field(key: "subject") var subject: String
    @OptionalField(key: "subject_id") var subjectID: UUID?
    @Field(key: "summary") var summary: String
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    /// The association the change belongs to (its people and roles); nil for the installation's own settings.
    @OptionalField(key: "association_id") var associationID: UUID?
    init() {}

    /// Records a change of `subject`; `before` is nil for something new.
    static func record<T: Encodable>(_ summary: String, subject: String, id: UUID?, before: T?, after: T?, in associationID: UUID? = nil,
                                     by actor: Actor, at now: Date, on db: Database) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let change = AdminChange()
        change.id = .fresh(); change.at = now; change.actorUserID = actor.userID; change.actorName = actor.displayName
        change.subject = subject; change.subjectID = id; change.summary = summary; change.associationID = associationID
        change.before = try before.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        change.after = try after.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        try await change.create(on: db)
    }
}

struct CreateAdminChanges: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AdminChange.schema)
            .id()
            .field("at", .datetime, .required)
            .field("actor_user_id", .uuid)
            .field("actor_name", .string, .required)
            .field("subject", .string, .required)
            .field("subject_id", .uuid)
            .field("summary", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema(AdminChange.schema).delete() }
}
