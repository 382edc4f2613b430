import Vapor
import Fluent
import StandardsCore

/// Intake by staff and the Grievance Committee's review (a1.6–a1.10, b6): explicit POST actions that
/// put the decision and its notice on the docket in one transaction.
struct GrievanceController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.webSessions }

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
        /// "Complaints 51–100 of 312", and the pages either side.
        let position: String
        let nextURL: String?
        let firstURL: String?
        let questions: [Question]
        let ownMotionURL: String
        /// Requests for arbitration waiting for the Committee's classification, oldest first (a2.19).
        let requests: [Request]
        struct Request: Encodable { let number: String; let url: String; let title: String; let amount: String; let due: String? }
        struct Item: Encodable {
            let number: String; let url: String; let title: String; let status: String; let articles: String; let narrative: String; let filing: String; let filingClass: String
            /// The GC's review is due by this date (b6.2), so the Committee sees what is pressing.
            let reviewDue: String?
            let possibleDuplicates: [String]
        }
        struct Question: Encodable { let text: String; let rule: String }
    }

    static let queuePageSize = 50

    /// Oldest first, fifty at a time (issue 12): each complaint's filing window and review date from the read models,
    /// its words from its own docket.
    func queue(req: Request) async throws -> View {
        let (scope, actor) = try await req.associationScope()
        try scope.require(.decideComplaint)
        let waiting = CaseListing.Filter(statuses: [.underReview], kinds: [.ethics])
        let after = (req.query["after"] as String?).flatMap(CaseListing.Cursor.init(token:))
        let from = CaseListing.position(req, onFirstPage: after == nil)
        let page = try await CaseListing.page(in: scope, actor: actor, filter: waiting, limit: Self.queuePageSize, after: after,
                                                sort: .init(column: .opened, descending: false), on: req.db)
        let total = try await CaseListing.count(in: scope, actor: actor, filter: waiting, on: req.db)
        let rows = page.rows
        let today = try req.today(for: scope.association)
        let ids = rows.compactMap(\.record.id)
        let entries = ids.isEmpty ? [] : try await DocketEntryRecord.query(on: req.db).filter(\.$caseRecord.$id ~~ ids).sort(\.$sequence).all()
        let dockets = Dictionary(grouping: entries, by: { $0.$caseRecord.id })
        let windows = ids.isEmpty ? [] : try await CaseDeadlineRow.query(on: req.db).filter(\.$caseRecord.$id ~~ ids)
            .filter(\.$key ~~ [DeadlineKey.filing.rawValue, DeadlineKey.gcReview.rawValue]).all()
        let duplicates = try await DuplicateFlags.load(for: rows, on: req.db)
        var items: [QueuePage.Item] = []
        for row in rows {
            guard let id = row.record.id else { continue }
            let docket = (try? (dockets[id] ?? []).map(DocketStore.domainEntry)) ?? []
            let complaint = CaseProjection.effectiveEntries(docket).last { $0.type == .complaintFiled || $0.type == .complaintAmended }
            let filing = windows.first { $0.$caseRecord.id == id && $0.key == DeadlineKey.filing.rawValue }
            let filingStatus = filing.map { $0.settledStatus ?? $0.open.status(asOf: today).rawValue }
            let filingText = filing.map { $0.settledStatus == nil ? $0.open.explanation(asOf: today) : $0.explanationHead }
            items.append(.init(number: row.record.number, url: Paths.caseDetail(scope.association.slug, row.record.number) + "#gc-decision",
                               title: row.record.title, status: CaseStatus(rawValue: row.record.status)?.label ?? row.record.status,
                               articles: complaint?.payload["articles"]?.textValue ?? "—",
                               narrative: String((complaint?.payload["narrative"]?.textValue ?? "").prefix(400)),
                               filing: filingStatus.map { "\($0): \(filingText ?? "")" } ?? "no complaint recorded yet",
                               filingClass: filingStatus ?? "pending",
                               reviewDue: windows.first { $0.$caseRecord.id == id && $0.key == DeadlineKey.gcReview.rawValue }.map(\.dueText),
                               possibleDuplicates: duplicates[id] ?? []))
        }
        let shownTo = from + rows.count - 1
        let slug = scope.association.slug
        let requests = try await arbitrationRequests(scope: scope, actor: actor, on: req.db)
        let associations = try await Association.query(on: req.db).filter(\.$id ~~ Array(actor.rolesByAssociation.keys)).sort(\.$name).all()
        return try await req.view.render("ethics/gc-queue", QueuePage(
            layout: LayoutContext(request: req, title: "Grievance Committee queue", scope: scope, associations: associations), items: items,
            position: rows.isEmpty ? "" : "Complaints \(from)–\(shownTo) of \(total), oldest first.",
            nextURL: page.next.map { "/a/\(slug)/gc-queue?after=\($0.token)&from=\(shownTo + 1)" },
            firstURL: after == nil ? nil : "/a/\(slug)/gc-queue",
            questions: GrievanceReview.questions.map { .init(text: $0.question, rule: $0.rule.id) },
            ownMotionURL: "/a/\(scope.association.slug)/gc-complaints", requests: requests))
    }

    /// The arbitration requests the Committee has yet to classify, each with the day its decision is due (a2.19).
    private func arbitrationRequests(scope: AssociationScope, actor: Actor, on db: Database) async throws -> [QueuePage.Request] {
        let filter = CaseListing.Filter(statuses: [.requested], kinds: [.arbitration])
        let rows = try await CaseListing.page(in: scope, actor: actor, filter: filter, limit: Self.queuePageSize, after: nil,
                                              sort: .init(column: .opened, descending: false), on: db).rows
        let ids = rows.compactMap(\.record.id)
        let due = ids.isEmpty ? [] : try await CaseDeadlineRow.query(on: db).filter(\.$caseRecord.$id ~~ ids).filter(\.$key == DeadlineKey.arbitrability.rawValue).all()
        let requests = ids.isEmpty ? [] : try await DocketEntryRecord.query(on: db).filter(\.$caseRecord.$id ~~ ids)
            .filter(\.$type == DocketEntryType.arbitrationRequested.rawValue).all()
        return try rows.map { row in
            let request = try requests.last { $0.$caseRecord.id == row.record.id }.map(DocketStore.domainEntry)
            return .init(number: row.record.number, url: Paths.caseDetail(scope.association.slug, row.record.number) + "#arbitration-classify",
                         title: row.record.title, amount: request?.payload["amountCents"]?.integerValue.map(Money.format) ?? "—",
                         due: due.first { $0.$caseRecord.id == row.record.id }.map(\.dueText))
        }
    }

    func ownMotion(req: Request) async throws -> Response {
        let (scope, actor) = try await req.associationScope()
        func field(_ name: String) -> String { (try? req.content.get(String.self, at: name)) ?? "" }
        let record = try await EthicsSteps.gcOwnMotion(respondents: field("respondents"), articles: field("articles"), narrative: field("narrative"),
                                                       in: scope, by: actor, on: try req.today(for: scope.association), now: req.application.clock.now(), db: req.db)
        return req.redirect(to: Paths.caseDetail(scope.association.slug, record.number))
    }

    func gcAmend(req: Request) async throws -> Response {
        let (caseScope, actor, today) = try await caseScope(req)
        func field(_ name: String) -> String { (try? req.content.get(String.self, at: name)) ?? "" }
        return try await CaseStepForm.run(req, said: "The amendment was recorded with the Committee's rationale.") {
            let result = try await EthicsSteps.gcAmend(articles: field("articles"), rationale: field("rationale"), complainantAgrees: field("complainantAgrees") == "yes",
                                                       addRespondents: field("addRespondents"), removeRespondents: field("removeRespondents"),
                                                       caseScope, by: actor, on: today, now: req.application.clock.now(), db: req.db)
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
