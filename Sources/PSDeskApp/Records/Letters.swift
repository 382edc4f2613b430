import Vapor
import Fluent
import SQLKit
import StandardsCore

/// One saved version of an association's text for a notice's letter (issue 19). Rows are only ever added: the
/// newest version is the one in force, and every letter names the version it was made with.
final class LetterTemplateRecord: Model, @unchecked Sendable {
    static let schema = "letter_templates"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    /// `NoticeKind` raw value.
    @Field(key: "notice_kind") var noticeKind: String
    /// `LetterLanguage` raw value.
    @Field(key: "language") var language: String
    /// 1, 2, 3 …; version 0 is PSDesk's standard text and is never stored.
    @Field(key: "version") var version: Int
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @OptionalField(key: "saved_by") var savedBy: UUID?
    @Field(key: "saved_by_name") var savedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}

    var template: LetterTemplate? {
        guard let kind = NoticeKind(rawValue: noticeKind), let language = LetterLanguage(rawValue: language) else { return nil }
        return LetterTemplate(kind: kind, language: language, version: version, subject: subject, body: body)
    }
}

/// One letter as it was made when its notice was sent: frozen, so a later edit of the template or a later event in the
/// case never changes what the recipient was sent. Its PDF is printed by `LetterRendering` and attached to the notice's
/// docket entry and to the email.
final class LetterRecord: Model, @unchecked Sendable {
    static let schema = "letters"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "notice_entry_id") var noticeEntryID: UUID
    @Field(key: "recipient_name") var recipientName: String
    /// Who the letter is addressed to: a party reads only their own (each carries its addressee's address).
    @OptionalField(key: "recipient_person_id") var recipientPersonID: UUID?
    @Field(key: "language") var language: String
    @Field(key: "template_version") var templateVersion: Int
    /// `LetterContent` as JSON.
    @Field(key: "content") var content: String
    /// SHA-256 of the letter's text (`LetterText.plain`), printed at the foot of every page of its PDF.
    @Field(key: "text_sha256") var textSHA256: String
    /// The PDF in the document store, once printed.
    @OptionalField(key: "document_id") var documentID: UUID?
    @Field(key: "render_attempts") var renderAttempts: Int
    @OptionalField(key: "render_error") var renderError: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}

    func decoded() throws -> LetterContent { try JSONDecoder().decode(LetterContent.self, from: Data(content.utf8)) }
}

struct CreateLetters: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(LetterTemplateRecord.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id"))
            .field("notice_kind", .string, .required)
            .field("language", .string, .required)
            .field("version", .int, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("saved_by", .uuid)
            .field("saved_by_name", .string, .required)
            .field("created_at", .datetime)
            // Two people saving at once cannot both make version n.
            .unique(on: "association_id", "notice_kind", "language", "version")
            .create()
        try await database.schema(LetterRecord.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id"))
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, "id"))
            .field("notice_entry_id", .uuid, .required)
            .field("recipient_name", .string, .required)
            .field("language", .string, .required)
            .field("template_version", .int, .required)
            .field("content", .string, .required)
            .field("text_sha256", .string, .required)
            .field("document_id", .uuid)
            .field("render_attempts", .int, .required)
            .field("render_error", .string)
            .field("created_at", .datetime)
            .create()
        try await database.schema(OutboxMessage.schema).field("letter_id", .uuid).update()
        if let sql = database as? SQLDatabase {
            try await sql.create(index: "letters_notice").on(LetterRecord.schema).column("notice_entry_id").run()
            try await sql.create(index: "letters_unprinted").on(LetterRecord.schema).column("document_id").column("render_attempts").run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema(OutboxMessage.schema).deleteField("letter_id").update()
        try await database.schema(LetterRecord.schema).delete()
        try await database.schema(LetterTemplateRecord.schema).delete()
    }
}

/// Everything a letter says, fixed when the notice is sent.
struct LetterContent: Codable, Sendable, Equatable {
    var kind: String
    var language: String
    var templateVersion: Int
    var association: String
    var letterhead: [String]
    var date: String
    var recipient: String
    var recipientAddress: [String]
    /// Others who receive a copy (a principal, S3 5.2.3).
    var copies: [String]
    /// How it was sent: email, mail, hand.
    var channel: String
    var caseLine: String
    var subject: String
    var paragraphs: [String]
    /// The note staff added to the notice (the hearing's day and place, for instance).
    var note: String?
    var sections: [NoticeController.LetterPage.Section]
    var timeFrames: [NoticeController.LetterPage.TimeFrame]
    var options: [String]
    var signature: [String]
    /// The case page, with `NoticeMail.baseURLMark` for the server's address.
    var caseURL: String
}

/// The fixed words around a letter's text, in its language, from the catalog (the template's words are the
/// association's).
struct LetterWords {
    let w: Wording
    init(_ language: String) { w = Wording(LetterLanguage(rawValue: language) ?? .en) }

    func greeting(_ name: String) -> String { w("letterWord_greeting", ["name": name]) }
    func sentBy(_ channel: String) -> String {
        w("letterWord_sentBy", ["channel": ["email", "mail", "hand"].contains(channel) ? w("letterWord_channel_" + channel) : channel])
    }
    var department: String { w("letterWord_department") }
    var timeFrames: String { w("letterWord_timeFrames") }
    var options: String { w("letterWord_options") }
    var closing: String { w("letterWord_closing") }
    var copies: String { w("letterWord_copies") }
    var caseLink: String { w("letterWord_caseLink") }
    var page: String { w("letterWord_page") }
    var of: String { w("letterWord_of") }
    var fingerprint: String { w("letterWord_fingerprint") }
}

/// A letter as text, as HTML for email and screen, and as the HTML its PDF is printed from: one source for all three,
/// so the printed letter, the email and the page never differ.
enum LetterText {
    static func plain(_ c: LetterContent) -> String {
        let w = LetterWords(c.language)
        var out = [c.association] + c.letterhead + ["", c.date, "", c.recipient] + c.recipientAddress
        out += ["", w.sentBy(c.channel), "", c.caseLine, c.subject, "", w.greeting(c.recipient)]
        for paragraph in c.paragraphs { out += ["", paragraph] }
        if let note = c.note { out += ["", note] }
        for section in c.sections { out += ["", section.heading] + section.lines.map { "- \($0)" } }
        if !c.options.isEmpty { out += ["", w.options] + c.options.map { "- \($0)" } }
        if !c.timeFrames.isEmpty { out += ["", w.timeFrames] + c.timeFrames.map { "- \($0.title): \($0.due) (\($0.rule)). \($0.explanation)" } }
        out += ["", w.closing] + c.signature
        if !c.copies.isEmpty { out += ["", "\(w.copies): " + c.copies.joined(separator: "; ")] }
        out += ["", "\(w.caseLink) \(c.caseURL)"]
        return out.joined(separator: "\n") + "\n"
    }

    /// The letter as an `<article>`: the body of the PDF, the email and the letter page alike.
    static func article(_ c: LetterContent) -> String {
        let w = LetterWords(c.language)
        func e(_ text: String) -> String { HTMLEscaping.escape(text) }
        func list(_ items: [String], ordered: Bool = false) -> String {
            let tag = ordered ? "ol" : "ul"
            return "<\(tag)>" + items.map { "<li>\(e($0))</li>" }.joined() + "</\(tag)>"
        }
        var out = "<article class=\"letter\" lang=\"\(e(c.language))\">"
        out += "<header class=\"letterhead\"><strong>\(e(c.association))</strong><br>\(e(w.department))"
            + c.letterhead.map { "<br>\(e($0))" }.joined() + "</header>"
        out += "<p class=\"date\">\(e(c.date))</p>"
        out += "<address class=\"recipient\">\(e(c.recipient))" + c.recipientAddress.map { "<br>\(e($0))" }.joined() + "</address>"
        out += "<p class=\"meta\">\(e(w.sentBy(c.channel)))</p>"
        out += "<p class=\"re\"><strong>\(e(c.caseLine))</strong><br><strong>\(e(c.subject))</strong></p>"
        out += "<p>\(e(w.greeting(c.recipient)))</p>"
        out += c.paragraphs.map { "<p>\(e($0))</p>" }.joined()
        if let note = c.note { out += "<p class=\"narrative\">\(e(note))</p>" }
        for section in c.sections { out += "<h2>\(e(section.heading))</h2>" + list(section.lines, ordered: section.ordered) }
        if !c.options.isEmpty { out += "<h2>\(e(w.options))</h2>" + list(c.options) }
        if !c.timeFrames.isEmpty {
            out += "<h2>\(e(w.timeFrames))</h2><ul>" + c.timeFrames.map {
                "<li><strong>\(e($0.title))</strong>: \(e($0.due)) (\(e($0.rule))). <small>\(e($0.explanation))</small></li>"
            }.joined() + "</ul>"
        }
        out += "<p>\(e(w.closing))</p><p class=\"signature\">" + c.signature.map(e).joined(separator: "<br>") + "</p>"
        if !c.copies.isEmpty { out += "<p class=\"meta\">\(e(w.copies)): \(e(c.copies.joined(separator: "; ")))</p>" }
        out += "</article>"
        return out
    }

    /// The HTML part of the email: the letter, and where the case is for someone with an account.
    static func email(_ c: LetterContent) -> String {
        let w = LetterWords(c.language)
        let link = HTMLEscaping.escape(c.caseURL)
        return "<!doctype html><html lang=\"\(HTMLEscaping.escape(c.language))\"><body style=\"font-family: Georgia, serif; max-width: 40em\">"
            + article(c) + "<p>\(HTMLEscaping.escape(w.caseLink)) <a href=\"\(link)\">\(link)</a>.</p></body></html>"
    }

    /// The page WeasyPrint prints: US Letter, the letterhead on the first page, the association's name at the top of the
    /// others, and on every page its number of the total and the SHA-256 of the letter's text.
    static func printable(_ c: LetterContent, fingerprint: String) -> String {
        let w = LetterWords(c.language)
        // Only hex digits and fixed words reach the CSS strings; the association's name is escaped for CSS.
        let name = c.association.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? String($0) : String(format: "\\%06X ", $0.value) }.joined()
        let css = """
            @page { size: Letter; margin: 2.2cm 2.2cm 2.6cm;
              @top-center { content: "\(name)"; font: 8pt Georgia, serif; color: #555 }
              @bottom-left { content: "\(w.fingerprint): \(fingerprint)"; font: 6.5pt monospace; color: #555 }
              @bottom-right { content: "\(w.page) " counter(page) " \(w.of) " counter(pages); font: 8pt Georgia, serif } }
            @page :first { @top-center { content: none } }
            body { font: 11pt/1.45 "DejaVu Serif", Georgia, serif; color: #111 }
            .letterhead { border-bottom: 1.5pt solid #1d3a5f; padding-bottom: 6pt; margin-bottom: 14pt; color: #1d3a5f }
            .letterhead strong { font-size: 14pt }
            address { font-style: normal; margin: 12pt 0 }
            .meta { color: #555; font-size: 9pt }
            h2 { font-size: 11.5pt; margin: 14pt 0 4pt; page-break-after: avoid }
            li { margin-bottom: 3pt }
            .signature { margin-top: 18pt }
            """
        return "<!doctype html><html lang=\"\(HTMLEscaping.escape(c.language))\"><head><meta charset=\"utf-8\"><title>"
            + HTMLEscaping.escape(c.subject) + "</title><style>" + css + "</style></head><body>" + article(c) + "</body></html>"
    }

    static func sha256(_ text: String) -> String { sha256Data(Data(text.utf8)) }

    static func sha256Data(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }
}

/// The association's templates: the version in force, every version, and saving a new one.
enum LetterTemplates {
    /// One notice's saved versions in one language, newest first.
    private static func versions(_ kind: NoticeKind, language: LetterLanguage, in associationID: UUID, on db: Database) -> QueryBuilder<LetterTemplateRecord> {
        LetterTemplateRecord.query(on: db).filter(\.$association.$id == associationID)
            .filter(\.$noticeKind == kind.rawValue).filter(\.$language == language.rawValue).sort(\.$version, .descending)
    }

    static func saved(_ kind: NoticeKind, language: LetterLanguage, in associationID: UUID, on db: Database) async throws -> [LetterTemplateRecord] {
        try await versions(kind, language: language, in: associationID, on: db).all()
    }

    /// The newest saved version, or PSDesk's standard text.
    static func current(_ kind: NoticeKind, language: LetterLanguage, in associationID: UUID, on db: Database) async throws -> LetterTemplate {
        try await versions(kind, language: language, in: associationID, on: db).first()?.template ?? Catalog.shared.standardLetter(kind, language)
    }

    /// Every kind's version in force, in one query (the templates page).
    static func allCurrent(in associationID: UUID, language: LetterLanguage, on db: Database) async throws -> [NoticeKind: LetterTemplateRecord] {
        let rows = try await LetterTemplateRecord.query(on: db).filter(\.$association.$id == associationID)
            .filter(\.$language == language.rawValue).all()
        var newest: [NoticeKind: LetterTemplateRecord] = [:]
        for row in rows {
            guard let kind = NoticeKind(rawValue: row.noticeKind) else { continue }
            if (newest[kind]?.version ?? 0) < row.version { newest[kind] = row }
        }
        return newest
    }

    /// Saves the text as the next version; an unchanged text is refused, as is a save that lost a race to another.
    static func save(_ kind: NoticeKind, language: LetterLanguage, subject: String, body: String, in associationID: UUID,
                     by user: UUID?, name: String, on db: Database) async throws -> LetterTemplate {
        let (cleanSubject, cleanBody) = try LetterTemplate.check(subject: subject, body: body).get()
        let current = try await current(kind, language: language, in: associationID, on: db)
        guard current.subject != cleanSubject || current.body != cleanBody else {
            throw AppError(.unprocessableEntity, code: "template_unchanged", message: "The text is the same as version \(current.version); nothing was saved.")
        }
        let row = LetterTemplateRecord()
        row.$association.id = associationID
        row.noticeKind = kind.rawValue
        row.language = language.rawValue
        row.version = current.version + 1
        row.subject = cleanSubject
        row.body = cleanBody
        row.savedBy = user
        row.savedByName = name
        do {
            try await row.create(on: db)
        } catch let error as DatabaseError where error.isConstraintFailure {
            throw AppError(.conflict, code: "template_changed", message: "Someone saved this template meanwhile; open it again to see their version.")
        }
        return row.template ?? current
    }
}

/// Each letter remembers who it is addressed to, so a party opens only their own (issue 19): a letter carries its
/// addressee's postal address, which the other side never sees. Letters made before keep none and stay staff's.
struct AddLetterRecipients: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(LetterRecord.schema).field("recipient_person_id", .uuid).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema(LetterRecord.schema).deleteField("recipient_person_id").update()
    }
}
