import Vapor
import Fluent
import StandardsCore

/// The hearing page of an ethics case (issue 6), money across cases, and a panelist's own cases. The page's
/// forms post to the registered hearing steps (`StepRegistry.hearing`, routed by `StepRoutes`); a refused step
/// re-renders the page with the rule's message and what was typed (`HearingScreen`).
struct HearingController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        let association = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association")
        association.get("cases", ":number", "hearing", use: page)
        association.get("my-panels", use: myPanels)
        association.get("money", use: money)
    }

    func page(req: Request) async throws -> View {
        let (c, actor) = try await req.caseScope()
        guard c.kind == .ethics || c.kind == .arbitration else { throw AppError.notFound("hearing") }
        return try await HearingScreen.render(req, c, actor: actor)
    }

    // MARK: money across cases (a1.26, a1.29, b8)

    struct MoneyPage: Encodable {
        let layout: LayoutContext
        let lines: [Line]
        let totals: Line
        /// "Cases 101–200 of 2,345", and where the next hundred start.
        let position: String
        let nextURL: String?
        let firstURL: String?
        let escrowURL: String
        struct Line: Encodable { let number: String; let url: String; let title: String; let held: String; let owed: String; let treasury: String; let refunded: String }
    }

    func money(req: Request) async throws -> View {
        let (scope, actor) = try await req.associationScope()
        let after = (req.query["after"] as String?).flatMap(CaseNumber.init)?.description
        let from = CaseListing.position(req, onFirstPage: after == nil)
        let report = try await MoneyReport.load(in: scope, after: after, on: req.db)
        let slug = scope.association.slug
        let totals = report.totals
        let shownTo = from + report.lines.count - 1
        return try await req.view.render("money/money", MoneyPage(
            layout: try await layout(req, "Money held and owed", scope: scope, actor: actor),
            lines: report.lines.map { .init(number: $0.number, url: Paths.caseDetail(slug, $0.number) + "/hearing#ledger", title: $0.title,
                                            held: Money.format($0.depositsHeld), owed: Money.format($0.owed), treasury: Money.format($0.toTreasury),
                                            refunded: Money.format($0.refunded)) },
            totals: .init(number: "", url: "", title: "Total of all \(totals.cases) cases", held: Money.format(totals.held), owed: Money.format(totals.owed),
                          treasury: Money.format(totals.treasury), refunded: Money.format(totals.refunded)),
            position: report.lines.isEmpty ? "" : "Cases \(from)–\(shownTo) of \(totals.cases), by number.",
            nextURL: report.next.map { "/a/\(slug)/money?after=\($0)&from=\(shownTo + 1)" },
            firstURL: after == nil ? nil : "/a/\(slug)/money", escrowURL: "/a/\(slug)/money/escrow"))
    }

    // MARK: a panelist's cases (b7.3, b11.5)

    struct MyPanelsPage: Encodable {
        let layout: LayoutContext
        let items: [Item]
        /// For the PSC chair: the panels still to be named, each with its date (a1.14).
        let toName: [DashboardPage.WorklistView.Line]
        /// The person's own seats on the association's bodies, with terms and training (issue 18).
        let committees: [Seat]
        /// Directors' panels where the person's vote is awaited (issue 18).
        let votes: [Link]
        struct Item: Encodable {
            let number: String; let url: String; let title: String; let status: String; let seat: String
            /// When the panel sits, and what is due from it (the decision within 48 hours, a1.22).
            let hearing: String?; let due: [CasePage.DeadlineRow]
            /// The certificate of qualification is still to be signed (b7.3).
            let certificate: Bool
        }
        struct Seat: Encodable { let body: String; let office: String; let term: String; let termClass: String; let training: String; let trainingClass: String }
        struct Link: Encodable { let number: String; let url: String; let title: String }
    }

    /// The roles whose members sit on bodies and panels, and so have this page.
    static let sittingRoles: Set<Role> = [.psc, .grievance, .director, .citationPanel, .mediator]

    /// The person's own committees and the cases they sit on, and nothing else: the cached panel seats decide (b11.5).
    func myPanels(req: Request) async throws -> View {
        let (scope, actor) = try await req.associationScope()
        guard !scope.roles.isDisjoint(with: Self.sittingRoles.union([.staff])) else { throw AppError.forbidden }
        let today = try req.today(for: scope.association)
        var items: [MyPanelsPage.Item] = []
        var committees: [MyPanelsPage.Seat] = []
        var votes: [MyPanelsPage.Link] = []
        if let personID = actor.personID {
            let sharing = try await Committee.associations(sharing: scope.association, on: today, db: req.db)
            committees = try await CommitteeSeat.query(on: req.db).filter(\.$person.$id == personID).filter(\.$association.$id ~~ sharing).all().compactMap { seat in
                guard let body = seat.body else { return nil }
                let shown = seat.shown(on: today)
                return .init(body: body.label.prefix(1).uppercased() + body.label.dropFirst(), office: shown.office.isEmpty ? "member" : shown.office,
                             term: shown.term, termClass: shown.termClass,
                             training: shown.trainingClass == "missed" ? "due now: attend professional-standards training to serve (a2.7)" : shown.training,
                             trainingClass: shown.trainingClass)
            }
            // Directors' panels awaiting this Director's vote (issue 18): every matter before the Directors sets the
            // projection's `directorsMatterPending` until they decide, so only those dockets are read.
            for record in try await CaseRecord.query(on: req.db).filter(\.$association.$id == scope.id).filter(\.$directorsMatterPending == true).all() {
                guard let kind = CaseKind(rawValue: record.kind),
                      let panel = DirectorsPanel.current(kind: kind, docket: try await DocketStore.entries(of: record.requireID(), on: req.db)),
                      panel.votingOpen, panel.awaiting.contains(personID) else { continue }
                votes.append(.init(number: record.number, url: Paths.caseDetail(scope.association.slug, record.number), title: record.title))
            }
            let seats = try await PanelSeat.query(on: req.db).filter(\.$association.$id == scope.id).filter(\.$person.$id == personID)
                .filter(\.$seat != PanelSeat.mediatorSeat).with(\.$caseRecord).all()
            // Each case as its own kind: an arbitration panelist's award is due by arbitration's windows, not ethics' (a1.22, b1).
            let rows = seats.map { CaseListing.Row(record: $0.caseRecord, kind: CaseKind(rawValue: $0.caseRecord.kind) ?? .ethics, partyNames: []) }
            let listed = try await ListedCaseDeadlines.load(rows, in: scope.association, today: today, on: req.db)
            items = listed.compactMap { listed in
                guard let seat = seats.first(where: { $0.$caseRecord.id == listed.row.record.id }) else { return nil }
                let hearing = HearingEvents.setting(listed.docket)
                return MyPanelsPage.Item(number: seat.caseRecord.number, url: Paths.caseDetail(scope.association.slug, seat.caseRecord.number) + "/hearing",
                             title: seat.caseRecord.title, status: CaseStatus(rawValue: seat.caseRecord.status)?.label ?? seat.caseRecord.status, seat: seat.seat,
                             hearing: hearing.flatMap { h in h.parsed.date(.hearingOn).map { "\($0)\(h.payload["time"]?.textValue.map { " at \($0)" } ?? ""), \(h.payload["place"]?.textValue ?? "")" } },
                             due: listed.deadlines.filter { $0.key == .decisionFiled && ($0.status == .pending || $0.status == .missed) }.map(CasePageBuilder.deadlineRow),
                             certificate: HearingPanel.build(listed.docket).uncertified.contains(personID))
            }
        }
        let toName = try await WebController.committeeDuties(scope: scope, actor: actor, today: today, only: [.panelNamed], on: req.db)
        return try await req.view.render("ethics/my-panels", MyPanelsPage(layout: try await layout(req, "My committees", scope: scope, actor: actor), items: items,
                                                                   toName: toName, committees: committees, votes: votes))
    }

    private func layout(_ req: Request, _ title: String, scope: AssociationScope, actor: Actor) async throws -> LayoutContext {
        try await LayoutContext.make(req, title, scope: scope, actor: actor)
    }
}

/// The hearing page, rendered the same way after a GET or a refused step.
enum HearingScreen {
    /// The panel form's ticked boxes (`members[]`), kept after a refusal.
    struct Ticked: Decodable { var members: [String]? }

    /// Every field a hearing form carries, empty: read from the steps' decoders once, not on each render.
    static let emptyForm: [String: String] = {
        var form: [String: String] = [:]
        for step in StepRegistry.hearing { for field in step.inputFields { form[field.name] = "" } }
        return form
    }()

    /// - Parameter typed: what the refused form carried, by field name.
    static func render(_ req: Request, _ c: CaseScope, actor: Actor, errors: [String] = [], failedStep: String = "",
                       typed: [String: String] = [:]) async throws -> View {
        // Every field is present (maybe empty), so the template may read any of them; what was typed wins.
        let form = emptyForm.merging(typed) { _, typed in typed }
        let ticked = failedStep.isEmpty ? nil : (try? req.content.decode(Ticked.self))?.members
        // A party reads the hearing's page in their language (issue 19).
        let partyLanguage = try await req.partyLanguage(roles: c.scope.roles, actor: actor)
        try await ConfidentialReads.caseRead(req, c, actor: actor, page: "hearing page")
        let layout = try await LayoutContext.make(req, "Hearing · \(c.record.number)", scope: c.scope, actor: actor).forParty(req, partyLanguage)
        // The panel assistant's filter on the members' appointment criteria comes in the page's query (S3 1.3.2).
        let filterValues = Dictionary(uniqueKeysWithValues: HearingPage.filterFields.map { ($0, (req.query[String.self, at: $0] ?? "").trimmingCharacters(in: .whitespaces)) })
        let page = try await HearingPageBuilder.build(c, actor: actor, today: try req.today(for: c.scope.association), layout: layout, errors: errors,
                                                      notices: Flash.take(req), said: Flash.takeSaid(req), failedStep: failedStep,
                                                      form: form, tickedMembers: ticked, filterValues: filterValues,
                                                      words: Wording(partyLanguage ?? .en), db: req.db)
        return try await req.view.render("ethics/hearing", page)
    }
}
