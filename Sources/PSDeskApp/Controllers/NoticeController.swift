import Vapor
import Fluent
import StandardsCore

/// A printable letter for each notice on a docket, and recording the day it was received, which is a new
/// entry correcting the notice (the original stays), so receipt-based deadlines move (b14).
struct NoticeController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.sessions.middleware }

    func boot(routes: RoutesBuilder) throws {
        let notices = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association", "cases", ":number", "notices", ":entry")
        notices.get("letter", use: letter)
        notices.post("receipt", use: recordReceipt)
    }

    struct LetterPage: Encodable {
        let associationName: String
        let caseNumber: String
        let caseTitle: String
        let sentOn: String
        let to: String
        let channel: String
        let subject: String
        let body: String
        let note: String?
        let receivedOn: String?
        let timeFrames: [TimeFrame]
        let backURL: String
        /// The panel and outline of a hearing notice (a1.16); the decision on a decision or final-action notice.
        let sections: [Section]
        struct Section: Encodable {
            let heading: String; let lines: [String]
            /// Numbered (the outline of procedure) or a plain list.
            var ordered = false
        }
        struct TimeFrame: Encodable { let title: String; let due: String; let rule: String; let explanation: String }
    }

    func letter(req: Request) async throws -> View {
        let (caseScope, notice) = try await load(req)
        guard let kind = notice.parsed.notice else { throw AppError.notFound("notice") }
        let association = caseScope.scope.association
        let rules = try await CaseRules.load(for: caseScope.record, on: req.db, today: notice.effectiveOn)
        // The time frames that start with this notice, as they stood the day it was sent: later events
        // (an appeal already filed) do not belong in the letter, and only the computation is shown.
        let known = caseScope.docket.filter { $0.effectiveOn <= notice.effectiveOn }
        let frames = rules.deadlines(kind: caseScope.kind, docket: known, asOf: notice.effectiveOn)
            .filter { $0.triggerEntryId == notice.id }
            .map { LetterPage.TimeFrame(title: $0.title, due: $0.dueOn.map { "\($0) (\($0.weekday.shortName))" } ?? "counted from the day you receive this notice",
                                        rule: $0.rule, explanation: String($0.explanation.prefix { $0 != ";" })) }
        let (subject, body) = kind.letter
        var sections = try await LetterSections.build(kind: kind, notice: notice, caseScope: caseScope, db: req.db)
        var title = caseScope.record.title
        if kind == .finalActionRedacted {
            // Disseminated complete but without the parties' names: built without them, not masked (S3 1.1.7).
            let names = try await LetterSections.partyNames(caseScope, db: req.db)
            title = FinalActionNotice.redact(title, names: names)
            sections = sections.map { .init(heading: $0.heading, lines: $0.lines.map { FinalActionNotice.redact($0, names: names) }, ordered: $0.ordered) }
        }
        return try await req.view.render("letter", LetterPage(
            associationName: association.name, caseNumber: caseScope.record.number, caseTitle: title,
            sentOn: notice.effectiveOn.description, to: notice.payload["to"]?.textValue ?? "the parties",
            channel: notice.payload["channel"]?.textValue ?? "—", subject: subject, body: body, note: notice.payload["note"]?.textValue,
            receivedOn: notice.parsed.date(.receivedOn)?.description, timeFrames: frames,
            backURL: Paths.caseDetail(association.slug, caseScope.record.number) + "#entry-\(notice.sequence)", sections: sections))
    }

    func recordReceipt(req: Request) async throws -> Response {
        let (caseScope, notice) = try await load(req)
        let text = ((try? req.content.get(String.self, at: "receivedOn")) ?? "").trimmingCharacters(in: .whitespaces)
        let today = try APIController.today(for: caseScope.scope.association)
        guard !text.isEmpty else { throw AppError(.unprocessableEntity, code: "date_required", message: "Give the date the notice was received (YYYY-MM-DD).") }
        let receivedOn = try StepDate.parse(text, field: "The receipt date", today: today, notAfterToday: true)
        guard receivedOn >= notice.effectiveOn else {
            throw AppError(.unprocessableEntity, code: "received_before_sent", message: "A notice cannot be received before it was sent (\(notice.effectiveOn)).")
        }
        var payload = notice.payload
        payload["receivedOn"] = .text(receivedOn.description)
        let actor = try req.requireActor()
        let (entry, _) = try await AppendEntry.run(ProposedEntry(type: .noticeSent, effectiveOn: notice.effectiveOn, payload: payload, corrects: notice.id),
                                                   to: caseScope, by: actor, now: Date(), on: req.db)
        return req.redirect(to: Paths.caseDetail(caseScope.scope.association.slug, caseScope.record.number) + "#entry-\(entry.sequence)")
    }

    /// The notice as it currently stands (latest correction applied).
    private func load(_ req: Request) async throws -> (CaseScope, DocketEntry) {
        let (caseScope, _) = try await req.caseScope()
        guard let id = req.parameters.get("entry").flatMap(UUID.init(uuidString:)),
              let notice = CaseProjection.effectiveEntries(caseScope.docket).first(where: { $0.id == id && $0.type == .noticeSent }) else {
            throw AppError.notFound("notice")
        }
        return (caseScope, notice)
    }
}

/// What a letter encloses beyond its opening sentence: the panel and the outline of procedure with a notice
/// of hearing (a1.16), the decision with a decision or final-action notice (a1.23, a1.31).
enum LetterSections {
    typealias Section = NoticeController.LetterPage.Section

    static func build(kind: NoticeKind, notice: DocketEntry, caseScope: CaseScope, db: Database) async throws -> [Section] {
        let before = CaseProjection.effectiveEntries(caseScope.docket).filter { $0.sequence <= notice.sequence }
        switch kind {
        case .hearing, .panelList:
            let ids = HearingPanel.ids(notice.payload["people"]?.textValue)
            let chair = HearingPanel.build(before).chair
            let people = try await Person.query(on: db).filter(\.$id ~~ ids).all()
            let names = ids.compactMap { id in people.first { $0.id == id }.map { $0.fullName + (id == chair && kind == .hearing ? " (chair)" : "") } }
            var sections = [Section(heading: kind == .hearing ? "Hearing panel" : "Professional Standards Committee members", lines: names)]
            if kind == .hearing { sections.append(Section(heading: "Outline of procedure", lines: HearingOutline.steps, ordered: true)) }
            return sections
        case .decision, .finalAction, .finalActionRedacted, .directorsDecision:
            var sections: [Section] = []
            if let decision = before.last(where: { $0.type == .decisionFiled }) {
                sections.append(Section(heading: "Decision of the hearing panel", lines: lines(decision, ["outcome", "findings", "conclusions", "vote", "dissent", "discipline"])))
            }
            if kind != .decision, let action = before.last(where: { $0.type == .finalAction }) {
                var out = lines(action, ["discipline", "rationale", "complianceDays", "automaticPenalty"])
                let label = action.payload["action"]?.textValue.flatMap(DirectorsAction.init(rawValue:))?.label ?? ""
                out.insert("Action: \(label)", at: 0)
                sections.append(Section(heading: "Final action of the Board of Directors", lines: out))
            }
            return sections
        default:
            return []
        }
    }

    static func lines(_ entry: DocketEntry, _ fields: [String]) -> [String] {
        fields.compactMap { name in
            guard let value = entry.payload[name]?.display, let field = entry.type.fields.first(where: { $0.name == name }) else { return nil }
            if name == "complianceDays" { return "Days allowed to comply: \(value)" }
            return "\(field.plainLabel): \(value)"
        }
    }

    /// Every party's name with the role that replaces it in a redacted copy.
    static func partyNames(_ caseScope: CaseScope, db: Database) async throws -> [(name: String, role: String)] {
        try await CaseParty.query(on: db).filter(\.$caseRecord.$id == caseScope.record.requireID()).with(\.$person).all()
            .map { ($0.person.fullName, "the " + (PartyRole(rawValue: $0.role)?.label ?? "party")) }
    }
}
