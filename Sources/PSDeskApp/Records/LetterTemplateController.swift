import Vapor
import Fluent
import StandardsCore

/// The association's letter templates (issue 19): every notice's subject and opening text, in force and as versions,
/// edited by staff with a preview (on screen and as the PDF it prints), each save a new version that letters from then
/// on are made with.
struct LetterTemplateController: RouteCollection {
    let sessions: Middleware
    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        let letters = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association", "letters")
        letters.get(use: list)
        letters.post("reminders", use: saveReminders)
        letters.get(":kind", use: edit)
        letters.post(":kind", use: submit)
    }

    struct ListPage: Encodable {
        let layout: LayoutContext
        let rows: [Row]
        let said: [String]
        /// The days before each time frame reminders go out, as shown or typed, and why it was refused.
        let reminderDays: String
        let reminderError: String?
        let remindersURL: String
        /// The templates of each language (`?in=es`): parties who chose Spanish get the Spanish ones.
        let language: String
        let languages: [LanguageLink]
        struct LanguageLink: Encodable { let label: String; let url: String; let current: Bool }
        struct Row: Encodable { let subject: String; let rule: String; let ruleURL: String?; let version: String; let editURL: String; let edited: Bool }
    }

    struct EditPage: Encodable {
        let layout: LayoutContext
        let heading: String
        let rule: String
        let ruleURL: String?
        let language: String
        let languageLabel: String
        let formURL: String
        let listURL: String
        let subject: String
        let body: String
        let subjectLimit: Int
        let bodyLimit: Int
        let errors: [String: String]
        let errorCount: Int
        /// The letter as typed, on a sample case.
        let preview: String?
        let versions: [Version]
        let said: [String]
        struct Version: Encodable { let number: Int; let savedBy: String; let savedAt: String; let subject: String; let loadURL: String; let inForce: Bool }
    }

    private func staffScope(_ req: Request) async throws -> (AssociationScope, Actor) {
        let (scope, actor) = try await req.associationScope()
        guard AccessPolicy.allows(roles: scope.roles, .manageLetters) else { throw AppError.forbidden }
        return (scope, actor)
    }

    private func kind(_ req: Request) throws -> NoticeKind {
        guard let kind = req.parameters.get("kind").flatMap(NoticeKind.init(rawValue:)) else { throw AppError.notFound("letter template") }
        return kind
    }

    /// A rule id ("a1.16") links to its rule; a seed section ("S3 7.8") is shown as text.
    static func ruleURL(_ rule: String) -> String? { rule.contains(" ") ? nil : "/rules/\(rule)" }

    static func url(_ slug: String, _ kind: NoticeKind? = nil, _ language: LetterLanguage = .en) -> String {
        "/a/\(slug)/letters" + (kind.map { "/\($0.rawValue)" } ?? "") + (language == .en ? "" : "?in=\(language.rawValue)")
    }

    /// Which language's templates: `in=es` in the query or the form; English otherwise.
    private func templateLanguage(_ req: Request, form: String? = nil) -> LetterLanguage {
        (form ?? req.query[String.self, at: "in"]).flatMap(LetterLanguage.init(rawValue:)) ?? .en
    }

    func list(req: Request) async throws -> View {
        let (scope, actor) = try await staffScope(req)
        return try await renderList(req, scope: scope, actor: actor, reminderDays: ReminderPlan.text(scope.association.reminderDays), reminderError: nil)
    }

    private func renderList(_ req: Request, scope: AssociationScope, actor: Actor, reminderDays: String, reminderError: String?) async throws -> View {
        let language = templateLanguage(req)
        let slug = scope.association.slug
        let edited = try await LetterTemplates.allCurrent(in: scope.id, language: language, on: req.db)
        let rows = NoticeKind.allCases.map { kind -> ListPage.Row in
            let saved = edited[kind]
            return .init(subject: saved?.subject ?? req.application.catalog.standardLetter(kind, language).subject, rule: kind.rule, ruleURL: Self.ruleURL(kind.rule),
                         version: saved.map { "Version \($0.version), saved by \($0.savedByName)" } ?? "PSDesk's standard text",
                         editURL: Self.url(slug, kind, language), edited: saved != nil)
        }.sorted { $0.subject < $1.subject }
        return try await req.view.render("records/letter-templates", ListPage(
            layout: try await LayoutContext.make(req, "Letters", scope: scope, actor: actor), rows: rows, said: Flash.takeSaid(req),
            reminderDays: reminderDays, reminderError: reminderError, remindersURL: Self.url(slug) + "/reminders",
            language: language.rawValue,
            languages: LetterLanguage.allCases.map { .init(label: $0.label, url: Self.url(slug, nil, $0), current: $0 == language) }))
    }

    /// The days before each time frame its reminders go out (issue 19): to the parties whose window it is, the
    /// committee member whose step it is, or staff. Recorded in the association's history.
    func saveReminders(req: Request) async throws -> Response {
        let (scope, actor) = try await staffScope(req)
        let typed = (try? req.content.get(String.self, at: "reminderDays")) ?? ""
        switch ReminderPlan.parse(typed) {
        case .failure(let problems):
            return try await renderList(req, scope: scope, actor: actor, reminderDays: typed, reminderError: problems.byField["reminderDays"])
                .response(status: .unprocessableEntity, for: req)
        case .success(let days):
            let association = scope.association
            let before = association.reminderDaysText
            association.reminderDaysText = ReminderPlan.text(days)
            try await writeTransaction(on: req.db) { tx in
                try await association.save(on: tx)
                try await AdminChange.record("Reminder days set", subject: "association", id: association.id, before: before, after: association.reminderDaysText,
                                             in: association.id, by: actor, at: req.application.clock.now(), on: tx)
            }
            Flash.said(req, days.isEmpty ? "Reminders are turned off; the overdue digest still goes to staff each morning."
                                         : "Reminders go out \(ReminderPlan.text(days)) days before each time frame.")
            return req.redirect(to: Self.url(association.slug))
        }
    }

    /// The form with the text in force, or an earlier version's text (`?from=2`) to restore it.
    func edit(req: Request) async throws -> View {
        let (scope, actor) = try await staffScope(req)
        let kind = try kind(req)
        let language = templateLanguage(req)
        var text = try await LetterTemplates.current(kind, language: language, in: scope.id, on: req.db)
        if let from = req.query[Int.self, at: "from"] {
            if from == 0 { text = req.application.catalog.standardLetter(kind, language) }
            else if let older = try await LetterTemplates.saved(kind, language: language, in: scope.id, on: req.db)
                .first(where: { $0.version == from })?.template { text = older }
        }
        return try await render(req, scope: scope, actor: actor, kind: kind, language: language, subject: text.subject, body: text.body, errors: [:],
                                preview: nil, said: Flash.takeSaid(req))
    }

    /// `action=preview` shows the letter as typed; `action=pdf` prints it; `action=save` keeps it as the next version.
    func submit(req: Request) async throws -> Response {
        let (scope, actor) = try await staffScope(req)
        let kind = try kind(req)
        struct Form: Content { var subject: String?; var body: String?; var action: String?; var `in`: String? }
        let form = try req.content.decode(Form.self)
        let language = templateLanguage(req, form: form.in ?? "en")
        let subject = form.subject ?? "", body = form.body ?? ""
        switch LetterTemplate.check(subject: subject, body: body) {
        case .failure(let problems):
            return try await render(req, scope: scope, actor: actor, kind: kind, language: language, subject: subject, body: body, errors: problems.byField, preview: nil, said: [])
                .response(status: .unprocessableEntity, for: req)
        case .success(let clean):
            let sample = try sampleLetter(kind, language: language, subject: clean.subject, body: clean.body, association: scope.association,
                                          today: try req.today(for: scope.association))
            switch form.action {
            case "preview":
                return try await render(req, scope: scope, actor: actor, kind: kind, language: language, subject: subject, body: body, errors: [:],
                                        preview: LetterText.article(sample), said: ["This is the preview; nothing is saved until you save it."])
                    .encodeResponse(for: req)
            case "pdf":
                let pdf: Data
                do {
                    pdf = try await PDFRenderer.render(html: LetterText.printable(sample, fingerprint: LetterText.sha256(LetterText.plain(sample))),
                                                       executable: req.application.psdesk.pdfRenderer)
                } catch let error as PDFRenderError {
                    throw AppError(.serviceUnavailable, code: "pdf_not_printed", message: "The preview could not be printed to PDF: \(error.description)")
                }
                let response = Response(status: .ok, body: .init(data: pdf))
                response.headers.replaceOrAdd(name: .contentType, value: "application/pdf")
                response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"preview-\(kind.rawValue).pdf\"")
                response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
                return response
            default:
                do {
                    let saved = try await LetterTemplates.save(kind, language: language, subject: clean.subject, body: clean.body, in: scope.id,
                                                               by: actor.userID, name: actor.displayName, on: req.db)
                    req.logger.info("letter template saved", metadata: ["association": .string(scope.association.slug), "kind": .string(kind.rawValue),
                                                                        "version": .stringConvertible(saved.version)])
                    Flash.said(req, "Version \(saved.version) of “\(saved.subject)” is saved. Letters from now on use it; letters already sent keep the version they were made with.")
                    return req.redirect(to: Self.url(scope.association.slug, kind, language))
                } catch let error as AppError where error.code == "template_unchanged" {
                    return try await render(req, scope: scope, actor: actor, kind: kind, language: language, subject: subject, body: body,
                                            errors: ["body": error.message], preview: nil, said: []).response(status: .unprocessableEntity, for: req)
                }
            }
        }
    }

    /// A letter on a made-up case, so the preview shows the whole page without touching a real one.
    func sampleLetter(_ kind: NoticeKind, language: LetterLanguage, subject: String, body: String, association: Association,
                      today: CivilDate) throws -> LetterContent {
        let template = LetterTemplate(kind: kind, language: language, version: 0, subject: subject, body: body)
        return LetterContent(kind: kind.rawValue, language: language.rawValue, templateVersion: 0, association: association.name,
                             letterhead: association.letterheadLines, date: today.written(in: language), recipient: "Pat Sample", recipientAddress: ["1 Example Street", "Springfield"], copies: [],
                             channel: "email", caseLine: "Case E-0000-000: Sample v. Example (a preview)", subject: template.subject,
                             paragraphs: template.paragraphs, note: nil,
                             sections: [.init(heading: "Added by PSDesk when the notice is sent",
                                              lines: ["What this notice encloses: the decision, the panel, the outline of procedure.",
                                                      "What the recipient may do next, in plain words."])],
                             timeFrames: [.init(title: "Each time frame that starts with this notice", due: "by its date", rule: kind.rule,
                                                explanation: "computed from the rules on the day it is sent")],
                             options: [], signature: ["The Professional Standards Administrator, \(association.name)"] + (association.signatureLine.map { [$0] } ?? []),
                             caseURL: NoticeMail.baseURLMark + "/")
    }

    private func render(_ req: Request, scope: AssociationScope, actor: Actor, kind: NoticeKind, language: LetterLanguage, subject: String, body: String,
                        errors: [String: String], preview: String?, said: [String]) async throws -> View {
        let slug = scope.association.slug
        let standard = req.application.catalog.standardLetter(kind, language)
        let load = { (version: Int) in Self.url(slug, kind, language) + (language == .en ? "?" : "&") + "from=\(version)" }
        let saved = try await LetterTemplates.saved(kind, language: language, in: scope.id, on: req.db)
        let zone = scope.association.timeZone
        var versions = saved.map { row in
            EditPage.Version(number: row.version, savedBy: row.savedByName, savedAt: row.createdAt.map { TimestampFormatting.local($0, timeZone: zone) } ?? "—",
                             subject: row.subject, loadURL: load(row.version), inForce: row.version == saved.first?.version)
        }
        versions.append(.init(number: 0, savedBy: "PSDesk", savedAt: "—", subject: standard.subject, loadURL: load(0),
                              inForce: saved.isEmpty))
        return try await req.view.render("records/letter-template", EditPage(
            layout: try await LayoutContext.make(req, "Letter: \(standard.subject)", scope: scope, actor: actor),
            heading: standard.subject, rule: kind.rule, ruleURL: Self.ruleURL(kind.rule), language: language.rawValue, languageLabel: language.label,
            formURL: Self.url(slug, kind), listURL: Self.url(slug, nil, language),
            subject: subject, body: body, subjectLimit: LetterTemplate.subjectLimit, bodyLimit: LetterTemplate.bodyLimit,
            errors: errors, errorCount: errors.count, preview: preview, versions: versions, said: said))
    }
}
