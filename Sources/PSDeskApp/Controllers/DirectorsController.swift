import Vapor
import Fluent
import StandardsCore

/// The Board of Directors' page: the matters before it (dismissal appeals a1.10, refusals to arbitrate
/// a1.34, decisions to act on a1.25, appeals a1.27), each with its time frames. Directors see only what the
/// policy lets them (their materials stay confidential, a1.28).
struct DirectorsController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.sessions.middleware }

    func boot(routes: RoutesBuilder) throws {
        routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .get("a", ":association", "directors", use: page)
    }

    static let beforeDirectors: Set<CaseStatus> = [.dismissalAppealed, .beforeDirectors, .decided, .appealed, .appealHeard]

    struct Page: Encodable {
        let layout: LayoutContext
        let items: [Item]
        struct Item: Encodable {
            let number: String; let url: String; let title: String; let status: String; let panel: String?; let deadlines: [CasePage.DeadlineRow]
            /// The hearing panel's recommendation (a1.23) and any appeal with its deposit (a1.24, a1.26).
            let recommendation: String?; let appeal: String?; let actionURL: String?; let actionLabel: String
        }
    }

    func page(req: Request) async throws -> View {
        let (scope, actor) = try await req.associationScope()
        guard !scope.roles.isDisjoint(with: [.director, .president, .staff]) else { throw AppError.forbidden }
        let today = try APIController.today(for: scope.association)
        var items: [Page.Item] = []
        let before = try await CaseListing.visibleCases(in: scope, actor: actor, search: nil, on: req.db)
            .filter { CaseStatus(rawValue: $0.record.status).map(Self.beforeDirectors.contains) ?? false }
        for listed in try await ListedCaseDeadlines.load(before, in: scope.association, today: today, on: req.db) {
            let row = listed.row, rules = listed.rules
            guard let status = CaseStatus(rawValue: row.record.status) else { continue }
            let open = listed.deadlines.filter { $0.status == .pending || $0.status == .missed }
            // The panel the profile calls for (a1.10, a1.27; OBAR a2.10, a2.16).
            let quorum = scope.association.boardQuorum
            let panel: PanelSize? = status == .dismissalAppealed ? rules.profile.dismissalAppealPanel
                : [.appealed, .appealHeard].contains(status) ? rules.profile.ethicsAppealPanel : nil
            let panelText = panel.map { "Heard by \($0.seats(boardQuorum: quorum)) Directors (\($0.orQuorumIfLess ? "\($0.size) or a quorum, whichever is less" : "\($0.size)"), \($0.rule)); parties do not attend." }
            let effective = CaseProjection.effectiveEntries(listed.docket)
            let decision = effective.last { $0.type == .decisionFiled }
            let appeal = decision.flatMap { d in effective.last { $0.type == .appealFiled && $0.sequence > d.sequence } }
            let recommendation = decision.map { d in
                let outcome = d.payload["outcome"]?.textValue == "violation" ? "violation" : "no violation"
                return "\(outcome)\(d.payload["vote"]?.textValue.map { ", vote \($0)" } ?? ""); discipline: \(d.payload["discipline"]?.textValue ?? "none")"
            }
            let held = CaseLedger.build(listed.docket, profile: rules.profile).balance(.depositsHeld)
            let appealText = appeal.map { a in
                "\(a.payload["appellant"]?.textValue ?? "a party") on \(a.payload["grounds"]?.textValue ?? "stated") grounds: \(a.payload["basis"]?.textValue ?? "")\(held > 0 ? " · deposit held \(Money.format(held))" : "")"
            }
            // The action form opens once the Directors can act: an appeal heard, a decision without appeal, non-compliance.
            let canAct = [.appealHeard, .decided, .beforeDirectors].contains(status)
            let hearingURL = Paths.caseDetail(scope.association.slug, row.record.number) + (canAct ? "/hearing#directors" : "/hearing#appeal")
            items.append(.init(number: row.record.number, url: Paths.caseDetail(scope.association.slug, row.record.number), title: row.record.title,
                               status: status.label, panel: panelText, deadlines: open.map(CasePageBuilder.deadlineRow),
                               recommendation: recommendation, appeal: appealText,
                               actionURL: scope.roles.contains(.staff) && decision != nil ? hearingURL : nil,
                               actionLabel: canAct ? "Record the Directors' action" : "Open the appeal"))
        }
        let associations = try await Association.query(on: req.db).filter(\.$id ~~ Array(actor.rolesByAssociation.keys)).sort(\.$name).all()
        return try await req.view.render("directors", Page(layout: LayoutContext(request: req, title: "Before the Directors", scope: scope, associations: associations),
                                                           items: items))
    }
}
