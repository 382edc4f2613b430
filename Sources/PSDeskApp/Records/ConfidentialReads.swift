import Vapor
import Fluent
import SQLKit
import StandardsCore

/// Who opened a confidential record, and when (issue 20, item 2): a decision before the Directors' final action (its
/// case page and hearing page), the Directors' matters and their appeal materials, an ombuds matter. Append-only;
/// administrators read it on the administration page beside the administrative changes (`AdminChange`).
final class ConfidentialRead: Model, @unchecked Sendable {
    static let schema = "confidential_reads"
    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_user_id") var actorUserID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "association_id") var associationID: UUID
    /// What was opened, in words ("E-2026-0004: the hearing page, with the panel's decision before final action").
    @Field(key: "what") var what: String
    @Field(key: "rule") var rule: String
    init() {}
}

enum ConfidentialReads {
    /// A decision filed and not yet acted on by the Directors: its content is for the parties, the panel, the Board
    /// and staff until the final action (S3 1.1.6–1.1.7, a2.3).
    static func decisionPending(_ docket: [DocketEntry]) -> Bool {
        let effective = CaseProjection.effectiveEntries(docket)
        return effective.contains { $0.type == .decisionFiled } && !effective.contains { $0.type == .finalAction }
    }

    static func record(_ req: Request, actor: Actor, association: UUID, what: String, rule: RuleID) async throws {
        let read = ConfidentialRead()
        read.id = UUID()
        read.at = req.application.clock.now()
        read.actorUserID = actor.userID
        read.actorName = "\(actor.displayName) <\(actor.email)>"
        read.associationID = association
        read.what = String(what.prefix(300))
        read.rule = rule.id
        try await read.create(on: req.db)
    }

    /// The case or hearing page of a case whose decision waits for the Directors.
    static func caseRead(_ req: Request, _ caseScope: CaseScope, actor: Actor, page: String) async throws {
        guard decisionPending(caseScope.docket) else { return }
        try await record(req, actor: actor, association: caseScope.scope.id,
                         what: "\(caseScope.record.number): the \(page), with the panel's decision before the Directors' final action", rule: .a2_3)
    }
}

struct CreateConfidentialReads: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ConfidentialRead.schema)
            .id()
            .field("at", .datetime, .required)
            .field("actor_user_id", .uuid)
            .field("actor_name", .string, .required)
            .field("association_id", .uuid, .required, .references(Association.schema, "id"))
            .field("what", .string, .required)
            .field("rule", .string, .required)
            .create()
        if let sql = database as? SQLDatabase {
            try await sql.create(index: "confidential_reads_at").on(ConfidentialRead.schema).column("at").run()
            try await AppendOnlyTable.create(ConfidentialRead.schema, refusal: "the log of confidential reads is append-only", on: sql)
            // The administrative changes were written only by code; now the database holds them so too.
            try await AppendOnlyTable.create(AdminChange.schema, refusal: "administrative changes are append-only", on: sql)
        }
    }

    func revert(on database: Database) async throws {
        if let sql = database as? SQLDatabase {
            try await AppendOnlyTable.drop(AdminChange.schema, on: sql)
            try await AppendOnlyTable.drop(ConfidentialRead.schema, on: sql)
        }
        try await database.schema(ConfidentialRead.schema).delete()
    }
}
