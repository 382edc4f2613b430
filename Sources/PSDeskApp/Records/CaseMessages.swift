import Vapor
import Fluent
import SQLKit
import StandardsCore

/// One message in a case's thread between staff and one party (issue 19). Part of the case's record: rows are only
/// added (the database refuses an edit or a deletion), and a thread is shown to staff and to its party alone, never to
/// the other party. An attached file passed the same checks as any case paper and is stored by its SHA-256, but is not
/// a case document, so nobody else reaches it.
final class CaseMessage: Model, @unchecked Sendable {
    static let schema = "case_messages"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "case_id") var caseRecord: CaseRecord
    /// The party whose thread this is.
    @Field(key: "party_person_id") var partyPersonID: UUID
    @Field(key: "from_staff") var fromStaff: Bool
    @OptionalField(key: "author_user_id") var authorUserID: UUID?
    @Field(key: "author_name") var authorName: String
    @Field(key: "body") var body: String
    @OptionalField(key: "attachment_name") var attachmentName: String?
    @OptionalField(key: "attachment_type") var attachmentType: String?
    @OptionalField(key: "attachment_sha256") var attachmentSHA256: String?
    @OptionalField(key: "attachment_bytes") var attachmentBytes: Int?
    @Field(key: "sent_at") var sentAt: Date
    init() {}
}

/// Triggers that make a table append-only on both databases: any UPDATE or DELETE is refused, whatever code path
/// tries it (the docket, the case messages), except where `updateAllowed` / `deleteAllowed` (an SQL condition on
/// `OLD` and `NEW`, the same text on both engines) holds: the retention rules' destruction (issue 20).
enum AppendOnlyTable {
    static func create(_ table: String, refusal: String, updateAllowed: String? = nil, deleteAllowed: String? = nil, on sql: SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            for (verb, allowed) in [("UPDATE", updateAllowed), ("DELETE", deleteAllowed)] {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_no_\(unsafeRaw: verb.lowercased()) BEFORE \(unsafeRaw: verb) ON \(unsafeRaw: table)
                    \(unsafeRaw: allowed.map { "WHEN NOT (\($0))" } ?? "")
                    BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: refusal)'); END
                    """).run()
            }
        } else {
            let exceptions = [("UPDATE", updateAllowed, "NEW"), ("DELETE", deleteAllowed, "OLD")].compactMap { verb, allowed, row in
                allowed.map { "IF TG_OP = '\(verb)' AND (\($0)) THEN RETURN \(row); END IF;" }
            }.joined(separator: "\n")
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION \(unsafeRaw: table)_append_only() RETURNS trigger AS $$
                BEGIN \(unsafeRaw: exceptions) RAISE EXCEPTION '\(unsafeRaw: refusal)'; END; $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: table)_append_only BEFORE UPDATE OR DELETE ON \(unsafeRaw: table)
                FOR EACH ROW EXECUTE FUNCTION \(unsafeRaw: table)_append_only()
                """).run()
        }
    }

    static func drop(_ table: String, on sql: SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_update").run()
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_delete").run()
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_append_only ON \(unsafeRaw: table)").run()
            try await sql.raw("DROP FUNCTION IF EXISTS \(unsafeRaw: table)_append_only()").run()
        }
    }
}

struct CreateCaseMessages: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CaseMessage.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id"))
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, "id"))
            .field("party_person_id", .uuid, .required, .references(Person.schema, "id"))
            .field("from_staff", .bool, .required)
            .field("author_user_id", .uuid)
            .field("author_name", .string, .required)
            .field("body", .string, .required)
            .field("attachment_name", .string)
            .field("attachment_type", .string)
            .field("attachment_sha256", .string)
            .field("attachment_bytes", .int)
            .field("sent_at", .datetime, .required)
            .create()
        guard let sql = database as? SQLDatabase else { return }
        try await database.schema(Person.schema).field("language", .string).update()
        try await sql.create(index: "case_messages_thread").on(CaseMessage.schema).column("case_id").column("party_person_id").column("sent_at").run()
        try await AppendOnlyTable.create(CaseMessage.schema, refusal: "case messages are part of the record: append-only", on: sql)
    }

    func revert(on database: Database) async throws {
        if let sql = database as? SQLDatabase { try await AppendOnlyTable.drop(CaseMessage.schema, on: sql) }
        try await database.schema(Person.schema).deleteField("language").update()
        try await database.schema(CaseMessage.schema).delete()
    }
}

/// Sending a message: checked, stored with its attachment, and the other side told by email that a message waits,
/// without what it says.
enum CaseMessages {
    static let bodyLimit = 10_000

    /// The message as typed, or why it is refused, by field: the same check as every free text a person sends
    /// (`OmbudsText.problem`: required, bounded, no control characters).
    static func check(_ body: String) -> Result<String, FieldProblems> {
        if let problem = OmbudsText.problem(body, limit: bodyLimit, required: true, what: "your message") {
            return .failure(FieldProblems(["body": problem]))
        }
        return .success(body.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    struct Attachment { let filename: String; let data: Data }

    static func send(_ body: String, attachment: Attachment?, thread party: Person, fromStaff: Bool, caseScope: CaseScope, by actor: Actor,
                     config: AppConfig, now: Date, on db: Database) async throws -> CaseMessage {
        let clean = try check(body).get()
        let stored: (name: String, type: String, sha: String, bytes: Int)? = try attachment.map { attachment in
            let name = UploadDocument.sanitize(attachment.filename)
            let type = try UploadDocument.check(filename: name, data: attachment.data, config: config)
            return (name, type.mediaType, try DocumentStorage(root: config.blobDirectory).store(attachment.data), attachment.data.count)
        }
        let association = caseScope.scope.association
        let record = caseScope.record
        let staff = fromStaff ? [] : try await Reminders.holders(of: .staff, in: association.requireID(), on: db)
        return try await writeTransaction(on: db) { tx in
            let message = CaseMessage()
            message.id = .fresh()
            message.$association.id = try association.requireID()
            message.$caseRecord.id = try record.requireID()
            message.partyPersonID = try party.requireID()
            message.fromStaff = fromStaff
            message.authorUserID = actor.userID
            message.authorName = actor.displayName
            message.body = clean
            message.attachmentName = stored?.name; message.attachmentType = stored?.type
            message.attachmentSHA256 = stored?.sha; message.attachmentBytes = stored?.bytes
            message.sentAt = now
            try await message.create(on: tx)
            // The email says a message waits and where; never what it says, which stays behind the sign-in.
            let url = NoticeMail.baseURLMark + Paths.caseMessages(association.slug, record.number)
            let recipients: [Reminders.Recipient] = fromStaff
                ? Reminders.Recipient(party).map { [$0] } ?? []
                : staff
            for recipient in recipients {
                let lines = fromStaff
                    ? ["Dear \(recipient.name),", "", "\(association.name) has sent you a message about case \(record.number).",
                       "For your privacy it is not in this email. Sign in to read it and to answer:", url]
                    : ["Dear \(recipient.name),", "", "\(party.fullName), a party to case \(record.number), has sent a message.", "Read it at:", url]
                try await Outbox.enqueue(MailDraft(purpose: .message, toName: recipient.name, toAddress: recipient.address, ccAddress: nil,
                                                   subject: "New message about case \(record.number)", text: lines.joined(separator: "\n") + "\n",
                                                   html: Reminders.html(lines), associationID: association.id, caseID: record.id, noticeEntryID: nil),
                                         association: association, now: now, on: tx)
            }
            return message
        }
    }
}

/// The case's message threads: staff see one per party and write to each; a party sees and writes only their own.
struct CaseMessageController: RouteCollection {
    let sessions: Middleware
    let uploadLimit: Int

    init(app: Application) {
        sessions = app.webSessions
        uploadLimit = BodyLimits.uploadLimit(app.psdesk)
    }

    func boot(routes: RoutesBuilder) throws {
        let messages = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association", "cases", ":number", "messages")
        messages.get(use: page)
        messages.postLarge([], maxBytes: uploadLimit, use: post).checksOwnText()
        messages.get(":message", "attachment", use: attachment)
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let caseNumber: String
        let caseTitle: String
        let caseURL: String
        let formURL: String
        let isStaff: Bool
        let threads: [Thread]
        let said: [String]
        /// The page's words (`portal_…`) in the reader's language.
        let t: [String: String]
        struct Thread: Encodable {
            let partyID: String
            let party: String
            let role: String
            let messages: [Shown]
            let typed: String
            let error: String?
            let fieldID: String
        }
        struct Shown: Encodable {
            let from: String; let fromStaff: Bool; let at: String; let paragraphs: [String]
            let attachment: String?; let attachmentURL: String?
        }
    }

    /// The threads this actor may read: staff every party's; a party their own; anyone else none.
    private func threads(_ caseScope: CaseScope, actor: Actor, on db: Database) async throws -> (isStaff: Bool, parties: [CaseParty]) {
        try caseScope.require(.exchangeMessages)
        let isStaff = caseScope.scope.roles.contains(.staff)
        let all = try await CaseParty.query(on: db).filter(\.$caseRecord.$id == caseScope.record.requireID()).with(\.$person).all()
        // Complainant's side first, then the respondent's, each by name: the same order on every visit.
        let order: [String] = [PartyRole.complainant, .claimant, .respondent].map(\.rawValue)
        var seen: Set<UUID> = []
        let parties = all.sorted { ((order.firstIndex(of: $0.role) ?? 9), $0.person.lastName, $0.person.firstName)
                                   < ((order.firstIndex(of: $1.role) ?? 9), $1.person.lastName, $1.person.firstName) }
            .filter { seen.insert($0.$person.id).inserted }
        if isStaff { return (true, parties) }
        let mine = parties.filter { $0.$person.id == actor.personID }
        guard !mine.isEmpty else { throw AppError.forbidden }
        return (false, mine)
    }

    func page(req: Request) async throws -> View {
        let (caseScope, actor) = try await req.caseScope()
        return try await render(req, caseScope: caseScope, actor: actor, typed: [:], errors: [:], said: Flash.takeSaid(req))
    }

    private func render(_ req: Request, caseScope: CaseScope, actor: Actor, typed: [UUID: String], errors: [UUID: String], said: [String]) async throws -> View {
        let (isStaff, parties) = try await threads(caseScope, actor: actor, on: req.db)
        // A party reads their thread in their language (issue 19); staff in English.
        let language = isStaff ? nil : try await req.partyLanguage(roles: caseScope.scope.roles, actor: actor)
        let words = Wording(language ?? .en)
        let slug = caseScope.scope.association.slug, number = caseScope.record.number
        let messages = try await CaseMessage.query(on: req.db).filter(\.$caseRecord.$id == caseScope.record.requireID())
            .filter(\.$partyPersonID ~~ parties.map { $0.$person.id }).sort(\.$sentAt).all()
        let zone = caseScope.scope.association.timeZone
        let shown = parties.map { party in
            Page.Thread(partyID: party.$person.id.uuidString, party: party.person.fullName, role: words.role(party.role),
                        messages: messages.filter { $0.partyPersonID == party.$person.id }.map { m in
                            .init(from: m.fromStaff ? words("portal_forAssociation", ["name": m.authorName]) : m.authorName, fromStaff: m.fromStaff,
                                  at: TimestampFormatting.local(m.sentAt, timeZone: zone),
                                  paragraphs: m.body.components(separatedBy: "\n\n"),
                                  attachment: m.attachmentName.map { "\($0) (\(ByteCountFormatter.string(fromByteCount: Int64(m.attachmentBytes ?? 0), countStyle: .file)))" },
                                  attachmentURL: m.attachmentName == nil ? nil : Paths.caseMessages(slug, number) + "/\(m.id?.uuidString ?? "")/attachment")
                        },
                        typed: typed[party.$person.id] ?? "", error: errors[party.$person.id], fieldID: Self.fieldID(party.person))
        }
        return try await req.view.render("records/messages", Page(
            layout: try await LayoutContext.make(req, "Messages · \(number)", scope: caseScope.scope, actor: actor).forParty(req, language),
            caseNumber: number, caseTitle: caseScope.record.title, caseURL: Paths.caseDetail(slug, number), formURL: Paths.caseMessages(slug, number),
            isStaff: isStaff, threads: shown, said: said, t: req.application.catalog.page(["portal"], words.language, ["number": number])))
    }

    static func fieldID(_ person: Person) -> String { "msg-" + (person.id?.uuidString.prefix(8).lowercased() ?? "") }

    func post(req: Request) async throws -> Response {
        let (caseScope, actor) = try await req.caseScope()
        let (isStaff, parties) = try await threads(caseScope, actor: actor, on: req.db)
        struct Form: Content { var body: String?; var partyId: String?; var file: File? }
        let form = try req.content.decode(Form.self)
        let words = Wording(isStaff ? .en : try await req.partyLanguage(roles: caseScope.scope.roles, actor: actor) ?? .en)
        // Staff name the party's thread; a party writes only in their own.
        guard let party = isStaff ? parties.first(where: { $0.$person.id.uuidString == form.partyId })?.person : parties.first?.person else {
            throw AppError(.unprocessableEntity, code: "unknown_thread", message: "Choose the party to write to.")
        }
        let file = form.file.flatMap { $0.data.readableBytes > 0 ? CaseMessages.Attachment(filename: $0.filename, data: Data(buffer: $0.data)) : nil }
        do {
            _ = try await CaseMessages.send(form.body ?? "", attachment: file, thread: party, fromStaff: isStaff, caseScope: caseScope, by: actor,
                                            config: req.application.psdesk, now: req.application.clock.now(), on: req.db)
        } catch let problems as FieldProblems {
            return try await render(req, caseScope: caseScope, actor: actor, typed: [try party.requireID(): form.body ?? ""],
                                    errors: [try party.requireID(): words.messageProblem(form.body ?? "") ?? problems.byField["body"] ?? "The message was not sent."], said: [])
                .response(status: .unprocessableEntity, for: req)
        } catch let error as AppError where error.status.code < 500 {
            return try await render(req, caseScope: caseScope, actor: actor, typed: [try party.requireID(): form.body ?? ""],
                                    errors: [try party.requireID(): words.refusal(code: error.code, otherwise: error.message)], said: [])
                .response(status: .unprocessableEntity, for: req)
        }
        Flash.said(req, isStaff ? "Your message to \(party.fullName) was sent; they are told by email that a message waits, without what it says."
                                : words("portal_messageSent"))
        return req.redirect(to: Paths.caseMessages(caseScope.scope.association.slug, caseScope.record.number) + "#" + Self.fieldID(party) + "-thread")
    }

    func attachment(req: Request) async throws -> Response {
        let (caseScope, actor) = try await req.caseScope()
        let (_, parties) = try await threads(caseScope, actor: actor, on: req.db)
        guard let id = req.parameters.get("message").flatMap(UUID.init(uuidString:)),
              let message = try await CaseMessage.query(on: req.db).filter(\.$id == id).filter(\.$caseRecord.$id == caseScope.record.requireID())
                .filter(\.$partyPersonID ~~ parties.map { $0.$person.id }).first(),
              let name = message.attachmentName, let type = message.attachmentType, let sha = message.attachmentSHA256 else {
            throw AppError.notFound("attachment")
        }
        let document = DocumentRecord(associationID: message.$association.id, caseID: message.$caseRecord.id, docketEntryID: nil, title: name,
                                      filename: name, mediaType: type, byteCount: message.attachmentBytes ?? 0, sha256: sha, uploadedBy: message.authorUserID)
        return try DocumentDownload.response(for: document, config: req.application.psdesk)
    }
}
