import Vapor
import Fluent
import StandardsCore

/// Intake by staff and the Grievance Committee's review (a1.6–a1.10, b6): explicit POST actions that
/// put the decision and its notice on the docket in one transaction.
struct GrievanceController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.sessions.middleware }

    func boot(routes: RoutesBuilder) throws {
        let association = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association")
        association.get("gc-queue", use: queue)
        association.post("cases", ":number", "gc-amend", use: gcAmend)
        association.post("gc-complaints", use: ownMotion)
    }

    struct QueuePage: Encodable {
        let layout: LayoutContext
        let items: [Item]
        let questions: [Question]
        let ownMotionURL: String
        struct Item: Encodable {
            let number: String; let url: String; let title: String; let status: String; let articles: String; let narrative: String; let filing: String; let filingClass: String
            /// The GC's review is due by this date (b6.2), so the Committee sees what is pressing.
            let reviewDue: String?
            let possibleDuplicates: [String]
        }
        struct Question: Encodable { let text: String; let rule: String }
    }

    func queue(req: Request) async throws -> View {
        let (scope, actor) = try await req.associationScope()
        try scope.require(.decideComplaint)
        let rows = try await CaseListing.visibleCases(in: scope, actor: actor, search: nil, statuses: [.underReview], kinds: [.ethics], on: req.db)
        let today = try req.today(for: scope.association)
        var items: [QueuePage.Item] = []
        let duplicates = try await DuplicateFlags.load(for: rows, on: req.db)
        for listed in try await ListedCaseDeadlines.load(rows.reversed(), in: scope.association, today: today, on: req.db) {
            let row = listed.row
            let complaint = CaseProjection.effectiveEntries(listed.docket).last { $0.type == .complaintFiled || $0.type == .complaintAmended }
            let filing = listed.deadlines.first { $0.key == .filing }
            items.append(.init(number: row.record.number, url: Paths.caseDetail(scope.association.slug, row.record.number) + "#gc-decision",
                               title: row.record.title, status: CaseStatus(rawValue: row.record.status)?.label ?? row.record.status,
                               articles: complaint?.payload["articles"]?.textValue ?? "—",
                               narrative: String((complaint?.payload["narrative"]?.textValue ?? "").prefix(400)),
                               filing: filing.map { "\($0.status.rawValue): \($0.explanation)" } ?? "no complaint recorded yet",
                               filingClass: filing?.status.rawValue ?? "pending",
                               reviewDue: listed.deadlines.first { $0.key == .gcReview }.map(\.dueText),
                               possibleDuplicates: row.record.id.flatMap { duplicates[$0] } ?? []))
        }
        let associations = try await Association.query(on: req.db).filter(\.$id ~~ Array(actor.rolesByAssociation.keys)).sort(\.$name).all()
        return try await req.view.render("ethics/gc-queue", QueuePage(
            layout: LayoutContext(request: req, title: "Grievance Committee queue", scope: scope, associations: associations), items: items,
            questions: GrievanceReview.questions.map { .init(text: $0.question, rule: $0.rule.id) },
            ownMotionURL: "/a/\(scope.association.slug)/gc-complaints"))
    }

    func ownMotion(req: Request) async throws -> Response {
        let (scope, actor) = try await req.associationScope()
        func field(_ name: String) -> String { (try? req.content.get(String.self, at: name)) ?? "" }
        let record = try await EthicsSteps.gcOwnMotion(respondents: field("respondents"), articles: field("articles"), narrative: field("narrative"),
                                                       in: scope, by: actor, on: try req.today(for: scope.association), db: req.db)
        return req.redirect(to: Paths.caseDetail(scope.association.slug, record.number))
    }

    func gcAmend(req: Request) async throws -> Response {
        let (caseScope, actor, today) = try await caseScope(req)
        func field(_ name: String) -> String { (try? req.content.get(String.self, at: name)) ?? "" }
        return try await CaseStepForm.run(req, said: "The amendment was recorded with the Committee's rationale.") {
            let result = try await EthicsSteps.gcAmend(articles: field("articles"), rationale: field("rationale"), complainantAgrees: field("complainantAgrees") == "yes",
                                                       addRespondents: field("addRespondents"), removeRespondents: field("removeRespondents"),
                                                       caseScope, by: actor, on: today, db: req.db)
            if let gcCase = result.gcCase {
                req.session.data["flash"] = "The complainant did not agree to the added Articles: the Committee's own complaint \(gcCase.number) was filed and linked (a1.6)."
            }
            return result.done
        }
    }

    private func caseScope(_ req: Request) async throws -> (CaseScope, Actor, CivilDate) {
        let (caseScope, actor) = try await req.caseScope()
        return (caseScope, actor, try req.today(for: caseScope.scope.association))
    }


}

/// After a step from a web form: show any warning once on the case page (or its `page`, e.g. `/hearing`), and go back to it.
func finish(_ req: Request, _ done: EthicsSteps.Done, page: String = "#deadlines") -> Response {
    Flash.warn(req, done.warnings)
    guard let association = req.parameters.get("association") else { return req.redirect(to: "/") }
    return req.redirect(to: Paths.caseDetail(association, done.record.number) + page)
}

/// A message for the next page this browser shows, once: the warnings a step passed with (a late reply, a1.11).
enum Flash {
    /// What a step did, in a sentence, for the page the browser lands on next ("The complaint was acknowledged.").
    static func said(_ req: Request, _ sentence: String) {
        req.session.data["flash-said"] = sentence
    }

    static func takeSaid(_ req: Request) -> [String] {
        defer { req.session.data["flash-said"] = nil }
        return req.session.data["flash-said"].map { [$0] } ?? []
    }

    static func warn(_ req: Request, _ warnings: [Refusal]) {
        guard !warnings.isEmpty else { return }
        req.session.data["flash"] = warnings.map { "\($0.message) (rule \($0.rule ?? "—"))" }.joined(separator: "\n")
    }

    /// The pending messages, removed as they are read.
    static func take(_ req: Request) -> [String] {
        defer { req.session.data["flash"] = nil }
        return req.session.data["flash"].map { $0.components(separatedBy: "\n") } ?? []
    }
}
