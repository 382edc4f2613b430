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
        return try await req.view.render("letter", LetterPage(
            associationName: association.name, caseNumber: caseScope.record.number, caseTitle: caseScope.record.title,
            sentOn: notice.effectiveOn.description, to: notice.payload["to"]?.textValue ?? "the parties",
            channel: notice.payload["channel"]?.textValue ?? "—", subject: subject, body: body, note: notice.payload["note"]?.textValue,
            receivedOn: notice.parsed.date(.receivedOn)?.description, timeFrames: frames,
            backURL: Paths.caseDetail(association.slug, caseScope.record.number) + "#entry-\(notice.sequence)"))
    }

    func recordReceipt(req: Request) async throws -> Response {
        let (caseScope, notice) = try await load(req)
        let text = ((try? req.content.get(String.self, at: "receivedOn")) ?? "").trimmingCharacters(in: .whitespaces)
        guard let receivedOn = CivilDate(text) else { throw AppError.invalid("The receipt date must be a date (YYYY-MM-DD).") }
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
