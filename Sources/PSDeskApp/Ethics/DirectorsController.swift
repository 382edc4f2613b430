import Vapor
import Fluent
import StandardsCore

/// The Board of Directors' page: the matters before it (dismissal appeals a1.10, refusals to arbitrate
/// a1.34, decisions to act on a1.25, appeals a1.27), each with its time frames. Directors see only what the
/// policy lets them (their materials stay confidential, a1.28).
struct DirectorsController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .get("a", ":association", "directors", use: page)
    }

    static let beforeDirectors: Set<CaseStatus> = [.dismissalAppealed, .beforeDirectors, .decided, .appealed, .appealHeard]
    /// Where a case may stand while the dismissed part of its complaint is on appeal.
    static let partialAppealStages: Set<CaseStatus> = [.forwarded, .replyReceived, .panelNamed, .hearingScheduled]
    /// Where an arbitration stands while a classification challenge or a procedural review waits (b4.3, b3.9).
    static let arbitrationMatterStages: Set<CaseStatus> = [.requested, .classified, .underProceduralReview]

    struct Page: Encodable {
        let layout: LayoutContext
        let items: [Item]
        struct Item: Encodable {
            let number: String; let url: String; let title: String; let status: String; let panel: String?; let deadlines: [CasePage.DeadlineRow]
            /// The hearing panel's recommendation (a1.23) and any appeal with its deposit (a1.24, a1.26).
            let recommendation: String?; let appeal: String?; let actionURL: String?; let actionLabel: String
            /// A dismissal appeal: what the Committee saw, why it dismissed, and the complainant's explanation (a1.10).
            let dismissalAppeal: [Detail]
        }
        struct Detail: Encodable { let label: String; let value: String }
    }

    /// Sanctions as a person reads them ("fine of $1,500.00"), not as typed ("fine: 1500").
    static func disciplineText(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "none" }
        guard case .success(let sanctions) = DisciplineText.parse(text), !sanctions.isEmpty else { return text }
        return sanctions.map(\.description).joined(separator: "; ")
    }

    /// What the Directors decide a dismissal appeal on: the complaint as the Committee saw it, the Committee's
    /// reason, and the complainant's written explanation; nothing else (a1.10).
    static func dismissalAppealDetails(_ effective: [DocketEntry]) -> [Page.Detail] {
        var out: [Page.Detail] = []
        let dismissal = effective.last { $0.type == .gcDismissed }
        let complaint = effective.last { ($0.type == .complaintFiled || $0.type == .complaintAmended) && $0.sequence < (dismissal?.sequence ?? .max) }
        if let complaint {
            out.append(.init(label: "Complaint filed \(complaint.effectiveOn)", value: "Articles \(complaint.payload["articles"]?.textValue ?? "—")"))
            if let narrative = complaint.payload["narrative"]?.textValue { out.append(.init(label: "What the complainant says happened", value: narrative)) }
        }
        if let dismissal {
            let reason = dismissal.payload["reason"]?.textValue?.replacingOccurrences(of: "-", with: " ") ?? "—"
            let articles = dismissal.payload["articles"]?.textValue.map { CitedArticles.parse($0).count == 1 ? "Article \($0)" : "Articles \($0)" }
                ?? "the whole complaint"
            out.append(.init(label: "Grievance Committee dismissed \(articles) on \(dismissal.effectiveOn)", value: "Reason: \(reason)"))
            if let rationale = dismissal.payload["rationale"]?.textValue { out.append(.init(label: "The Committee's rationale", value: rationale)) }
        }
        if let appeal = effective.last(where: { $0.type == .dismissalAppealed }) {
            out.append(.init(label: "Complainant's explanation (Form E-22), filed \(appeal.effectiveOn)", value: appeal.payload["explanation"]?.textValue ?? "none given"))
        }
        out.append(.init(label: "How it is decided", value: "On what the Committee saw and this explanation only; the complaint cannot be revised and the parties do not appear (a1.10)."))
        return out
    }

    func page(req: Request) async throws -> View {
        let (scope, actor) = try await req.associationScope()
        guard !scope.roles.isDisjoint(with: [.director, .president, .staff]) else { throw AppError.forbidden }
        try await ConfidentialReads.record(req, actor: actor, association: scope.id, what: "the Directors' matters and their appeal materials", rule: .a1_27)
        let today = try req.today(for: scope.association)
        var items: [Page.Item] = []
        // Cases whose status puts them before the Board, and forwarded cases with an appeal of a dismissal in part (a1.10),
        // found by the cached flag so no other forwarded case's docket is read.
        let before = try await CaseListing.visibleCases(in: scope, actor: actor, search: nil, statuses: Array(Self.beforeDirectors), on: req.db)
            + CaseListing.visibleCases(in: scope, actor: actor, search: nil, statuses: Array(Self.partialAppealStages),
                                       directorsMatterPending: true, on: req.db)
            + CaseListing.visibleCases(in: scope, actor: actor, search: nil, statuses: Array(Self.arbitrationMatterStages),
                                       directorsMatterPending: true, on: req.db)
        for listed in try await ListedCaseDeadlines.load(before, in: scope.association, today: today, on: req.db) {
            let row = listed.row, rules = listed.rules
            // A classification challenge or a procedural review (b4.3, b3.9): decided on the papers by the panel.
            if row.kind == .arbitration {
                guard let (matter, _) = DirectorsMatter.pending(kind: .arbitration, docket: listed.docket) else { continue }
                let size = matter.size(rules.profile)
                let url = Paths.caseDetail(scope.association.slug, row.record.number)
                items.append(.init(number: row.record.number, url: url, title: row.record.title,
                                   status: matter.label.prefix(1).uppercased() + matter.label.dropFirst(),
                                   panel: "Decided by \(size.seats(boardQuorum: scope.association.boardQuorum)) Directors (\(size.rule)) on the papers; parties do not attend.",
                                   deadlines: listed.deadlines.filter { $0.status == .pending || $0.status == .missed }.map(CasePageBuilder.deadlineRow),
                                   recommendation: nil, appeal: nil, actionURL: url + "#directors-panel", actionLabel: "Open the case", dismissalAppeal: []))
                continue
            }
            guard var status = CaseStatus(rawValue: row.record.status) else { continue }
            // A dismissal in part under appeal: before the Board as a dismissal appeal, whatever the forwarded part's stage.
            if !Self.beforeDirectors.contains(status) { status = .dismissalAppealed }
            let open = listed.deadlines.filter { $0.status == .pending || $0.status == .missed }
            // The panel the profile calls for (a1.10, a1.27; OBAR a2.10, a2.16).
            let quorum = scope.association.boardQuorum
            let panel: PanelSize? = status == .dismissalAppealed ? rules.profile.dismissalAppealPanel
                : [.appealed, .appealHeard].contains(status) ? rules.profile.ethicsAppealPanel : nil
            let panelText = panel.map { "Heard by \($0.seats(boardQuorum: quorum)) Directors (\($0.orQuorumIfLess ? "\($0.size) or a quorum, whichever is less" : "\($0.size)"), \($0.rule)); parties do not attend." }
            let effective = CaseProjection.effectiveEntries(listed.docket)
            let decision = effective.last { $0.type == .decisionFiled }
            let appeal = decision.flatMap { d in effective.last { $0.type == .appealFiled && $0.sequence > d.sequence } }
            let recommendation = decision?.payload(as: DecisionFiled.self).map { d in
                "\(d.outcome == "violation" ? "violation" : "no violation")\(d.vote.map { ", vote \($0)" } ?? ""); discipline: \(Self.disciplineText(d.discipline))"
            }
            let held = CaseLedger.build(listed.docket, profile: rules.profile).balance(.depositsHeld)
            let appealText = appeal?.payload(as: AppealFiled.self).map { a in
                "\(a.appellant ?? "a party") on \(a.grounds ?? "stated") grounds: \(a.basis)\(held > 0 ? " · deposit held \(Money.format(held))" : "")"
            }
            // The action form opens once the Directors can act (`DirectorsAction.refusal`, the step's own rule).
            let canAct = DirectorsAction.refusal(docket: listed.docket, status: status) == nil
            let hearingURL = Paths.caseDetail(scope.association.slug, row.record.number) + (canAct ? "/hearing#directors" : "/hearing#appeal")
            var dismissalAppeal: [Page.Detail] = []
            var actionURL = scope.roles.contains(.staff) && decision != nil ? hearingURL : nil
            if status == .dismissalAppealed {
                dismissalAppeal = Self.dismissalAppealDetails(effective)
                if scope.roles.contains(.staff) { actionURL = Paths.caseDetail(scope.association.slug, row.record.number) + "#dismissal-appeal" }
            }
            items.append(.init(number: row.record.number, url: Paths.caseDetail(scope.association.slug, row.record.number), title: row.record.title,
                               status: status.label, panel: panelText, deadlines: open.map(CasePageBuilder.deadlineRow),
                               recommendation: recommendation, appeal: appealText,
                               actionURL: actionURL,
                               actionLabel: status == .dismissalAppealed ? "Record the Directors' decision on the dismissal appeal"
                                   : canAct ? "Record the Directors' action" : "Open the appeal",
                               dismissalAppeal: dismissalAppeal))
        }
        let associations = try await Association.query(on: req.db).filter(\.$id ~~ Array(actor.rolesByAssociation.keys)).sort(\.$name).all()
        return try await req.view.render("ethics/directors", Page(layout: LayoutContext(request: req, title: "Before the Directors", scope: scope, associations: associations),
                                                           items: items))
    }
}
