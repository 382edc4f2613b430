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
        association.post("cases", ":number", "acknowledge", use: acknowledge)
        association.post("cases", ":number", "gc-decision", use: decide)
        association.post("cases", ":number", "serve", use: serve)
        association.post("cases", ":number", "dismissal-appeal-decision", use: dismissalAppealDecision)
    }

    struct QueuePage: Encodable {
        let layout: LayoutContext
        let items: [Item]
        let questions: [Question]
        struct Item: Encodable { let number: String; let url: String; let title: String; let status: String; let articles: String; let narrative: String; let filing: String; let filingClass: String }
        struct Question: Encodable { let text: String; let rule: String }
    }

    func queue(req: Request) async throws -> View {
        let (scope, actor) = try await scopes(req)
        try scope.require(.decideComplaint)
        let rows = try await CaseListing.visibleCases(in: scope, actor: actor, search: nil, on: req.db)
            .filter { $0.kind == .ethics && [CaseStatus.filed.rawValue, CaseStatus.underReview.rawValue].contains($0.record.status) }
        let today = try APIController.today(for: scope.association)
        var items: [QueuePage.Item] = []
        for row in rows.reversed() {
            let docket = try await DocketStore.entries(of: row.record.requireID(), on: req.db)
            let complaint = CaseProjection.effectiveEntries(docket).last { $0.type == .complaintFiled }
            let rules = try await CaseRules.load(for: row.record, on: req.db, today: today)
            let filing = rules.deadlines(kind: .ethics, docket: docket, asOf: today).first { $0.key == .filing }
            items.append(.init(number: row.record.number, url: Paths.caseDetail(scope.association.slug, row.record.number) + "#gc-decision",
                               title: row.record.title, status: CaseStatus(rawValue: row.record.status)?.label ?? row.record.status,
                               articles: complaint?.payload["articles"]?.textValue ?? "—",
                               narrative: String((complaint?.payload["narrative"]?.textValue ?? "").prefix(400)),
                               filing: filing.map { "\($0.status.rawValue): \($0.explanation)" } ?? "no complaint recorded yet",
                               filingClass: filing?.status.rawValue ?? "pending"))
        }
        let associations = try await Association.query(on: req.db).filter(\.$id ~~ Array(actor.rolesByAssociation.keys)).sort(\.$name).all()
        return try await req.view.render("gc-queue", QueuePage(
            layout: LayoutContext(request: req, title: "Grievance Committee queue", scope: scope, associations: associations), items: items,
            questions: GrievanceReview.questions.map { .init(text: $0.question, rule: $0.rule) }))
    }

    func acknowledge(req: Request) async throws -> Response {
        let (scope, actor) = try await scopes(req)
        let caseScope = try await CaseScope.load(number: req.parameters.get("number") ?? "", in: scope, actor: actor, on: req.db)
        try caseScope.require(.appendEntry)
        guard scope.roles.contains(.staff) else { throw AppError.forbidden }
        let today = try APIController.today(for: scope.association)
        let complainant = try await partyNames(caseScope, role: .complainant, on: req.db)
        let entries = [ProposedEntry(type: .complaintAcknowledged, effectiveOn: today),
                       ProposedEntry(type: .noticeSent, effectiveOn: today,
                                     payload: ["notice": .text("acknowledgment"), "channel": .text("email"), "to": .text(complainant.isEmpty ? "the complainant" : complainant)])]
        return try await append(entries, to: caseScope, by: actor, req: req)
    }

    func decide(req: Request) async throws -> Response {
        let (scope, actor) = try await scopes(req)
        let caseScope = try await CaseScope.load(number: req.parameters.get("number") ?? "", in: scope, actor: actor, on: req.db)
        try caseScope.require(.decideComplaint)
        func field(_ name: String) -> String { ((try? req.content.get(String.self, at: name)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let decision = GrievanceDecision(rawValue: field("decision")) else { throw AppError.invalid("Choose the decision.") }
        let date = try CivilDate(field("decidedOn")) ?? APIController.today(for: scope.association)
        let result = GrievanceReview.entries(decision: decision, on: date, dismissReason: field("reason"), forwardedArticles: field("forwardedArticles"),
                                             dismissedArticles: field("dismissedArticles"), rationale: field("rationale"),
                                             complainant: try await partyNames(caseScope, role: .complainant, on: req.db),
                                             respondents: try await partyNames(caseScope, role: .respondent, on: req.db))
        switch result {
        case .failure(let refusal): throw AppError(refusals: [refusal])
        case .success(let entries): return try await append(entries, to: caseScope, by: actor, req: req)
        }
    }

    /// Serves a forwarded complaint on the respondents (a1.11), copying the respondent's principal (S3 5.2.3).
    func serve(req: Request) async throws -> Response {
        let (scope, actor) = try await scopes(req)
        let caseScope = try await CaseScope.load(number: req.parameters.get("number") ?? "", in: scope, actor: actor, on: req.db)
        try caseScope.require(.appendEntry)
        guard scope.roles.contains(.staff) else { throw AppError.forbidden }
        let respondents = try await partyNames(caseScope, role: .respondent, on: req.db)
        let principals = try await partyNames(caseScope, role: .principalOfRespondent, on: req.db)
        let to = respondents + (principals.isEmpty ? "" : "; copy to \(principals)")
        let today = try APIController.today(for: scope.association)
        return try await append([ProposedEntry(type: .noticeSent, effectiveOn: today,
                                               payload: ["notice": .text("complaint-served"), "channel": .text("mail"), "to": .text(to.isEmpty ? "the respondent" : to)])],
                                to: caseScope, by: actor, req: req)
    }

    /// Records the Directors' decision on a dismissal appeal: reinstate (forward) or confirm; final (a1.10).
    func dismissalAppealDecision(req: Request) async throws -> Response {
        let (scope, actor) = try await scopes(req)
        let caseScope = try await CaseScope.load(number: req.parameters.get("number") ?? "", in: scope, actor: actor, on: req.db)
        try caseScope.require(.appendEntry)
        let outcome = ((try? req.content.get(String.self, at: "outcome")) ?? "")
        let today = try APIController.today(for: scope.association)
        return try await append([ProposedEntry(type: .dismissalAppealDecided, effectiveOn: today, payload: ["outcome": .text(outcome)])],
                                to: caseScope, by: actor, req: req)
    }

    private func append(_ entries: [ProposedEntry], to caseScope: CaseScope, by actor: Actor, req: Request) async throws -> Response {
        let record = caseScope.record
        let appended = try await writeTransaction(on: req.db) { tx in
            try await DocketStore.append(entries, to: record, by: actor, at: Date(), on: tx)
        }
        if !appended.warnings.isEmpty {
            req.session.data["flash"] = appended.warnings.map { "\($0.message) (rule \($0.rule ?? "—"))" }.joined(separator: "\n")
        }
        return req.redirect(to: Paths.caseDetail(caseScope.scope.association.slug, record.number) + "#deadlines")
    }

    private func partyNames(_ caseScope: CaseScope, role: PartyRole, on db: Database) async throws -> String {
        try await CaseParty.query(on: db).filter(\.$caseRecord.$id == caseScope.record.requireID()).filter(\.$role == role.rawValue)
            .with(\.$person).all().map(\.person.fullName).joined(separator: ", ")
    }

    private func scopes(_ req: Request) async throws -> (AssociationScope, Actor) {
        let actor = try req.requireActor()
        return (try await AssociationScope.load(slug: req.parameters.get("association") ?? "", actor: actor, on: req.db), actor)
    }
}
