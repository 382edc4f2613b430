import Vapor
import Fluent
import StandardsCore

/// Server-rendered pages. Works without JavaScript: every state change is a POST form carrying the
/// session's CSRF token. Each handler decodes, calls a use case, renders.
struct WebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        // Errors are rendered inside the session middleware so the session cookie survives an error page.
        let web = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection())
        web.get(use: home)
        web.get("login", use: loginPage)
        web.post("login", use: login)
        web.post("logout", use: logout)
        let signedIn = web.grouped(RequireActor())
        let association = signedIn.grouped("a", ":association")
        association.get(use: dashboard)
        association.get("members", use: members)
        association.get("cases", use: caseList)
        association.get("cases", "new", use: newCasePage)
        association.post("cases", use: createCase)
        let oneCase = association.grouped("cases", ":number")
        oneCase.get(use: casePage)
        oneCase.post("entries", use: appendEntry)
        oneCase.postLarge("documents", maxBytes: uploadLimit, use: uploadDocument)
        oneCase.get("documents", ":document", use: downloadDocument)
    }

    let sessions: Middleware
    let uploadLimit: Int

    init(app: Application) {
        sessions = app.webSessions
        uploadLimit = BodyLimits.uploadLimit(app.psdesk)
    }

    // MARK: sign-in

    func home(req: Request) async throws -> Response {
        guard let actor = req.actor else { return req.redirect(to: Paths.login) }
        let associations = try await LayoutContext.associations(of: actor, on: req.db)
        // An administrator with no role in an association yet lands on the installation's administration.
        if associations.isEmpty && actor.isAdministrator { return req.redirect(to: "/administration") }
        guard let first = associations.first else {
            throw AppError(.forbidden, code: "no_roles", message: "Your account holds no role in any association yet. Ask your association's staff.")
        }
        // Land where the person's work is: their own association (where they are a member or a party), not the first
        // name in the alphabet among those a regional agreement lets them serve; or, for a committee member who sits
        // on panels only for another association under the agreement, that association.
        var home = first
        if let personID = actor.personID, let person = try await Person.find(personID, on: req.db) {
            let own = associations.first { $0.id == person.$association.id }
            let seated = Set(try await PanelSeat.query(on: req.db).filter(\.$person.$id == personID).all(\.$association.$id))
            if let own, seated.isEmpty || own.id.map(seated.contains) == true {
                home = own
            } else if let panels = associations.first(where: { $0.id.map(seated.contains) ?? false }) {
                home = panels
            } else if let own {
                home = own
            }
        }
        return req.redirect(to: Paths.dashboard(home.slug))
    }

    func loginPage(req: Request) async throws -> View {
        try await req.view.render("login", LoginPage(layout: LayoutContext(request: req, title: "Sign in"), email: "",
                                                       next: Self.safeNext(req.query["next"]), error: nil, filing: try await filingLinks(req)))
    }

    private func filingLinks(_ req: Request) async throws -> [LoginPage.PublicLink] {
        try await Association.query(on: req.db).sort(\.$name).all().map { .init(name: $0.name, url: "/file/\($0.slug)") }
    }

    struct LoginForm: Content { var email: String?; var password: String?; var next: String? }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = form.email ?? ""
        let outcome = try await SignIn.run(email: email, password: form.password ?? "", client: req.clientAddress, config: req.application.psdesk,
                                         passwords: req.application.passwordWork, now: req.application.clock.now(), on: req.db)
        let message: String
        let status: HTTPStatus
        switch outcome {
        case .signedIn(let id):
            try await Self.startSession(req, userID: id)
            req.logger.info("sign-in", metadata: ["user": .string(id.uuidString)])
            return req.redirect(to: Self.safeNext(form.next).isEmpty ? "/" : Self.safeNext(form.next))
        case .refused:
            // One sentence for a wrong password, an unknown email and a locked account (issue 21).
            message = "That email and password do not match an account, or the account is locked for up to \(req.application.psdesk.lockoutMinutes) minutes after too many attempts. Try again later, or use \u{201C}Forgot your password?\u{201D} below."
            status = .unauthorized
        case .addressThrottled(let retryAfter):
            message = Throttle.tryAgain(req.application.psdesk.signInAddress, retryAfter: retryAfter).message
            status = .tooManyRequests
        }
        let page = LoginPage(layout: LayoutContext(request: req, title: "Sign in"), email: email, next: Self.safeNext(form.next), error: message,
                             filing: try await filingLinks(req))
        return try await req.view.render("login", page).response(status: status, for: req)
    }

    /// Signs the user in on this request with a new session id, so a session fixed before sign-in is worthless after it.
    static func startSession(_ req: Request, userID: UUID) async throws {
        if let old = req.session.id { try? await req.application.sessions.driver.deleteSession(old, for: req).get() }
        let epoch = try await User.find(userID, on: req.db)?.sessionEpoch ?? 0
        req.session.id = nil
        req.session.data = SessionData(initialData: ["userID": userID.uuidString, "csrf": TokenHashing.newToken(), "epoch": String(epoch)])
    }

    func logout(req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: Paths.login)
    }

    /// Only same-site relative paths are followed after sign-in (no open redirect).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "" }
        return next
    }

    // MARK: association pages

    func dashboard(req: Request) async throws -> View {
        let (scope, actor) = try await req.associationScope()
        try scope.require(.viewAssociation)
        try await scope.association.$regionalAgreement.load(on: req.db)
        let a = scope.association
        let today = try req.today(for: a)
        // The ombuds lists no cases (a3.3): their dashboard has none to count or show.
        let listsCases = AccessPolicy.allows(roles: scope.roles, .listCases)
        // A party's dashboard in their language (issue 19); everyone else's in English.
        let partyLanguage = try await req.partyLanguage(roles: scope.roles, actor: actor)
        let words = Wording(partyLanguage ?? .en)
        let tally = listsCases ? try await CaseListing.tally(in: scope, actor: actor, on: req.db) : [:]
        func total(_ matching: (ReadModels.TallyKey) -> Bool) -> Int { tally.filter { matching($0.key) }.reduce(0) { $0 + $1.value } }
        let byKind = CaseKind.allCases.compactMap { kind -> DashboardPage.Count? in
            let n = total { $0.kind == kind.rawValue }
            return n == 0 ? nil : .init(label: words.kind(kind), count: n)
        }
        let byStatus = CaseStatus.allCases.compactMap { status -> DashboardPage.Count? in
            let n = total { $0.status == status.rawValue }
            return n == 0 ? nil : .init(label: words.caseStatus(status.rawValue), count: n)
        }
        let closedCount = total { CaseStatus(rawValue: $0.status)?.isTerminal ?? false }
        var worklist: DashboardPage.WorklistView?
        if scope.roles.contains(.staff) {
            let result = try await Worklist.build(in: scope, actor: actor, today: today, on: req.db)
            func line(_ item: Worklist.Item) -> DashboardPage.WorklistView.Line {
                .init(caseNumber: item.caseNumber, caseURL: Paths.caseDetail(a.slug, item.caseNumber) + "#deadlines", title: item.title,
                      due: item.dueText, rule: item.rule, explanation: item.explanation)
            }
            let duplicates = try await DuplicateFlags.load(for: result.newComplaints.lines, on: req.db)
            worklist = .init(newComplaints: result.newComplaints.lines.map { row in
                                 var line = Self.caseRow(row, slug: a.slug)
                                 line.possibleDuplicates = row.record.id.flatMap { duplicates[$0] } ?? []
                                 return line
                             },
                             newComplaintsTotal: result.newComplaints.total,
                             dueSoon: result.dueSoon.lines.map(line), dueSoonTotal: result.dueSoon.total,
                             overdue: result.overdue.lines.map(line), overdueTotal: result.overdue.total,
                             compliance: result.compliance.lines.map { c in
                                 .init(caseNumber: c.caseNumber, caseURL: Paths.caseDetail(a.slug, c.caseNumber) + "/hearing#ledger", sanction: c.item.sanction,
                                       due: c.item.dueOn.map { "\($0) \($0.weekday.shortName)" } ?? "—", status: c.item.status.rawValue.replacingOccurrences(of: "-", with: " "),
                                       statusClass: c.item.status.badgeClass, note: c.item.note, rule: c.item.rule.id)
                             },
                             complianceTotal: result.compliance.total, shown: Worklist.shown,
                             undeliveredMail: try await Self.undeliveredMail(scope: scope, relayConfigured: req.application.psdesk.relay != nil, on: req.db),
                             noRelay: req.application.psdesk.relay == nil)
        }
        var dueFromYou: [DashboardPage.WorklistView.Line] = []
        if scope.roles.contains(.party) {
            dueFromYou = try await Self.partyDuties(scope: scope, actor: actor, today: today, words: words, on: req.db)
        }
        dueFromYou += try await Self.committeeDuties(scope: scope, actor: actor, today: today, on: req.db)
        let recent = listsCases ? try await CaseListing.recent(in: scope, actor: actor, limit: 8, on: req.db) : []
        var page = DashboardPage(
            layout: try await layout(req, "\(a.name) — dashboard", scope: scope, actor: actor).forParty(req, partyLanguage),
            paperComplaintURL: "/file/\(a.slug)?paper=1",
            showAssociationFacts: !scope.roles.isSubset(of: [.party]),
            association: .init(name: a.name, ruleProfile: a.ruleProfile.uppercased(), regionalAgreement: a.regionalAgreement?.name,
                               timeZone: a.timeZone, board: Self.boardText(a, seated: try await Committee.board(of: a, on: req.db).count)),
            roles: scope.roles.map(\.label).sorted(),
            openCount: total { _ in true } - closedCount, closedCount: closedCount,
            byKind: byKind, byStatus: byStatus, recent: recent.map { Self.caseRow($0, slug: a.slug, words: words) },
            canCreateCase: AccessPolicy.allows(roles: scope.roles, .createCase), newCaseURL: Paths.newCase(a.slug), worklist: worklist,
            dueFromYou: dueFromYou, said: Flash.takeSaid(req))
        page.t = req.application.catalog.page(["portal"], words.language)
        return try await req.view.render("dashboard", page)
    }

    /// The association's email that has not gone out, each with a form to send it again (to another address if need be).
    static func undeliveredMail(scope: AssociationScope, relayConfigured: Bool, on db: Database) async throws -> [DashboardPage.WorklistView.MailLine] {
        guard AccessPolicy.allows(roles: scope.roles, .manageMail) else { return [] }
        let messages = try await Outbox.undelivered(in: scope.id, relayConfigured: relayConfigured, on: db)
        let caseIDs = Set(messages.compactMap { $0.$caseRecord.id })
        let numbers = Dictionary(try await CaseRecord.query(on: db).filter(\.$id ~~ caseIDs).all().compactMap { r in r.id.map { ($0, r.number) } },
                                 uniquingKeysWith: { a, _ in a })
        return messages.compactMap { message in
            guard let id = message.id else { return nil }
            let number = message.$caseRecord.id.flatMap { numbers[$0] }
            let state: String = switch OutboxStatus(rawValue: message.status) {
            case .noAddress: "no email address on file"
            case .failed: "gave up after \(message.attempts) attempts"
            case .queued where message.attempts > 0: "refused; trying again"
            default: relayConfigured ? "waiting" : "waiting: no mail relay is configured"
            }
            return .init(to: message.toName, address: message.toAddress, subject: message.subject, caseNumber: number,
                         caseURL: number.map { Paths.caseDetail(scope.association.slug, $0) }, state: state, error: message.lastError,
                         attempts: message.attempts, resendURL: "/a/\(scope.association.slug)/outbox/\(id.uuidString)/resend",
                         fieldID: "resend-\(id.uuidString.prefix(8))")
        }
    }

    /// What a party must do on their own cases (`PartyDuties`): each side sees only its own windows, on the cases the
    /// policy lets them see (a respondent not yet told of a complaint sees nothing of it, S3 5.1.1).
    /// In English the read model's words serve; in another language each case's time frames are derived again, so why
    /// each falls where it does is worded from its values (a party has a few cases).
    static func partyDuties(scope: AssociationScope, actor: Actor, today: CivilDate, words: Wording, on db: Database) async throws -> [DashboardPage.WorklistView.Line] {
        var derived: [UUID: [Deadline]] = [:]
        var lines: [DashboardPage.WorklistView.Line] = []
        for row in try await partyWindows(scope: scope, actor: actor, today: today, on: db) {
            let caseURL = Paths.caseDetail(scope.association.slug, row.caseNumber)
            guard words.language != .en else {
                lines.append(.init(caseNumber: row.caseNumber, caseURL: caseURL, title: row.title, due: row.dueTextForParty, rule: row.rule,
                                   explanation: row.open.explanation(asOf: today)))
                continue
            }
            let caseID = row.$caseRecord.id
            if derived[caseID] == nil, let record = try await CaseRecord.find(caseID, on: db), let kind = CaseKind(rawValue: record.kind) {
                let rules = try await CaseRules.load(for: record, in: scope.association, on: db, today: today)
                derived[caseID] = rules.deadlines(kind: kind, docket: try await DocketStore.entries(of: caseID, on: db), asOf: today)
            }
            guard let deadline = derived[caseID]?.first(where: { $0.key.rawValue == row.key }) else { continue }
            let worded = words.deadlineRow(deadline, forParty: true)
            lines.append(.init(caseNumber: row.caseNumber, caseURL: caseURL, title: worded.title, due: worded.due, rule: row.rule, explanation: worded.explanation))
        }
        return lines
    }

    /// The time frames behind `partyDuties`, for the dashboard and the person's calendar.
    static func partyWindows(scope: AssociationScope, actor: Actor, today: CivilDate, on db: Database) async throws -> [CaseDeadlineRow] {
        guard let personID = actor.personID else { return [] }
        let partyRows = try await CaseParty.query(on: db).filter(\.$association.$id == scope.id).filter(\.$person.$id == personID).all()
        guard !partyRows.isEmpty else { return [] }
        let records = try await CaseRecord.query(on: db).filter(\.$id ~~ Set(partyRows.map(\.$caseRecord.id))).all()
        let visible = try await CaseListing.rows(records, in: scope, actor: actor, ties: PanelTies(), on: db).compactMap(\.record.id)
        let roles = Dictionary(grouping: partyRows, by: { $0.$caseRecord.id }).mapValues { Set($0.compactMap { PartyRole(rawValue: $0.role) }) }
        let windows = try await CaseDeadlineRow.query(on: db).filter(\.$caseRecord.$id ~~ visible).filter(\.$settledStatus == nil).all()
            .sorted { ($0.dueOn ?? "9999", $0.caseNumber) < ($1.dueOn ?? "9999", $1.caseNumber) }
        return windows.filter { row in
            let mine = roles[row.$caseRecord.id] ?? []
            let complainantSide = mine.contains(.complainant) || mine.contains(.claimant)
            return ((complainantSide && row.forComplainant) || (mine.contains(.respondent) && row.forRespondent)) && row.open.status(asOf: today) == .pending
        }
    }

    /// The Board as the roster shows it, beside the size and quorum the profile counts with, so the two never
    /// seem to disagree ("7 Directors on the roster, of a Board of 15; quorum 8").
    static func boardText(_ association: Association, seated: Int) -> String {
        let size = association.boardSize, quorum = association.boardQuorum
        if seated == size { return "\(size) Directors, quorum \(quorum)" }
        return "\(seated) Directors on the roster, of a Board of \(size); quorum \(quorum)"
    }

    /// What the signed-in volunteer must do next on the cases they serve: the review the Committee owes, the panel the
    /// PSC chair must name, the decision a panel must file, with each date.
    /// - Parameter only: the time frames to list, when a page wants some of them (the panels to name).
    static func committeeDuties(scope: AssociationScope, actor: Actor, today: CivilDate, only: Set<DeadlineKey>? = nil,
                                on db: Database) async throws -> [DashboardPage.WorklistView.Line] {
        try await committeeWindows(scope: scope, actor: actor, today: today, only: only, on: db).map { row in
            let page = row.key == DeadlineKey.gcReview.rawValue ? "#gc-decision" : "/hearing"
            return .init(caseNumber: row.caseNumber, caseURL: Paths.caseDetail(scope.association.slug, row.caseNumber) + page, title: row.title,
                         due: row.dueText, rule: row.rule, explanation: row.open.explanation(asOf: today))
        }
    }

    /// The time frames behind `committeeDuties`, for the dashboard and the person's calendar.
    static func committeeWindows(scope: AssociationScope, actor: Actor, today: CivilDate, only: Set<DeadlineKey>? = nil,
                                 on db: Database) async throws -> [CaseDeadlineRow] {
        let ties = try await PanelTies.load(actor: actor, in: scope, on: db)
        var general: Set<CommitteeDuty> = []
        if scope.roles.contains(.grievance) { general.insert(.grievanceCommittee) }
        if ties.chairsCommittee { general.insert(.pscChair) }
        if scope.roles.contains(.president) { general.insert(.president) }
        if scope.roles.contains(.director) { general.insert(.director) }
        let wanted = { (key: DeadlineKey) in only.map { $0.contains(key) } ?? true }
        let keys = DeadlineKey.allCases.filter { CommitteeDuties.concerns($0, general) && wanted($0) }.map(\.rawValue)
        let panelKeys = DeadlineKey.allCases.filter { CommitteeDuties.concerns($0, [.panelist]) && wanted($0) }.map(\.rawValue)
        let panels = Array(ties.cases)
        guard !keys.isEmpty || (!panels.isEmpty && !panelKeys.isEmpty) else { return [] }
        // The windows of open ethics cases that fall to this person: by office, or on the panels they sit on.
        let windows = try await Worklist.openWindows(of: scope.id, on: db).filter(\.$caseKind == CaseKind.ethics.rawValue)
            .group(.or) { any in
                if !keys.isEmpty { any.filter(\.$key ~~ keys) }
                if !panels.isEmpty && !panelKeys.isEmpty { any.group(.and) { $0.filter(\.$key ~~ panelKeys).filter(\.$caseRecord.$id ~~ panels) } }
            }
            .all()
        return windows.filter { $0.open.status(asOf: today) == .pending }
            .sorted { ($0.dueOn ?? "9999", $0.caseNumber) < ($1.dueOn ?? "9999", $1.caseNumber) }
    }

    func members(req: Request) async throws -> View {
        let (scope, actor) = try await req.associationScope()
        let query: String = req.query["q"] ?? ""
        let members = try await MemberDirectory.members(in: scope, search: query, on: req.db)
        let suspended = try await CitationSuspensions.current(in: scope.id, today: req.today(for: scope.association), on: req.db)
        let rows = members.map { m in
            MembersPage.Row(number: m.memberNumber, name: "\(m.person.lastName), \(m.person.firstName)",
                            type: MembershipType(rawValue: m.membershipType)?.label ?? m.membershipType, principal: m.isPrincipal,
                            firm: m.firm?.name ?? "—", office: m.office?.name ?? "—", email: m.person.email ?? "—",
                            membership: m.periods.sorted { $0.startsOn < $1.startsOn }
                                .map { "\($0.startsOn) → \($0.endsOn ?? "present")" }.joined(separator: "; "),
                            casesURL: Paths.cases(scope.association.slug) + "?party=" + m.$person.id.uuidString,
                            suspension: suspended[m.$person.id].map {
                                "Suspended since \($0.since): citation \($0.caseNumber) unpaid (S3 9.3.2.5)"
                            }, suspensionURL: suspended[m.$person.id].map { Paths.caseDetail(scope.association.slug, $0.caseNumber) })
        }
        return try await req.view.render("members", MembersPage(layout: try await layout(req, "Members", scope: scope, actor: actor),
                                                                 importURL: AccessPolicy.allows(roles: scope.roles, .manageMembers) ? "/a/\(scope.association.slug)/members/import" : nil,
                                                                 query: query, searchURL: Paths.members(scope.association.slug),
                                                                 rows: rows, count: rows.count))
    }

    // MARK: cases

    /// The case list a hundred at a time, read by keyset (issue 12), filtered by kind, status, a time frame's window
    /// and text, sorted by any column: `after` is the last case of the page before and `from` its position, so
    /// "Cases 101–200 of 21,285" stays true without the database reading every case.
    func caseList(req: Request) async throws -> View {
        let (scope, actor) = try await req.associationScope()
        let partyLanguage = try await req.partyLanguage(roles: scope.roles, actor: actor)
        let words = Wording(partyLanguage ?? .en)
        let list = try CaseListing.ListQuery(req, lenientCursor: true)
        let from = CaseListing.position(req, onFirstPage: list.after == nil)
        let slug = scope.association.slug
        let filter = list.filter(today: try req.today(for: scope.association))
        let page = try await CaseListing.page(in: scope, actor: actor, filter: filter, limit: 100, after: list.after, sort: list.sort, on: req.db)
        let total = try await CaseListing.count(in: scope, actor: actor, filter: filter, on: req.db)
        func link(_ items: [URLQueryItem]) -> String {
            var components = URLComponents()
            components.queryItems = items
            return Paths.cases(slug) + (items.isEmpty ? "" : "?" + (components.percentEncodedQuery ?? ""))
        }
        let next = page.next.map { link(list.items + [URLQueryItem(name: "after", value: $0.token), URLQueryItem(name: "from", value: String(from + page.rows.count))]) }
        var party: CaseListPage.Choice?
        if let id = list.party {
            // Only a person of this association is named; an id from elsewhere narrows to nothing, and says so.
            let person = try await Person.query(on: req.db).filter(\.$id == id).filter(\.$association.$id == scope.id).first()
            party = .init(value: id.uuidString, label: person?.fullName ?? words("list_elsewhere"), selected: true)
        }
        let columns: [(key: String, label: String, column: CaseListing.SortColumn)] = [
            ("number", words("list_number"), .number), ("case", words("list_case"), .title), ("status", words("list_status"), .status),
            ("opened", words("list_opened"), .opened), ("activity", words("list_activity"), .activity)]
        let shownTotal = max(total, from - 1 + page.rows.count)
        var listPage = CaseListPage(
            layout: try await layout(req, words("list_title"), scope: scope, actor: actor).forParty(req, partyLanguage), query: list.search,
            rows: page.rows.map { Self.caseRow($0, slug: slug, words: words) }, canCreateCase: AccessPolicy.allows(roles: scope.roles, .createCase),
            newCaseURL: Paths.newCase(slug), searchURL: Paths.cases(slug),
            total: shownTotal, firstShown: page.rows.isEmpty ? 0 : from, lastShown: from - 1 + page.rows.count,
            previousURL: list.after == nil ? nil : link(list.items), nextURL: next,
            kinds: CaseKind.allCases.map { .init(value: $0.rawValue, label: words.kind($0), selected: $0 == list.kind) },
            statuses: CaseStatus.allCases.map { .init(value: $0.rawValue, label: words.caseStatus($0.rawValue), selected: $0 == list.status) },
            dueWindows: [.init(value: "overdue", label: words("list_overdue"), selected: list.due == .overdue),
                         .init(value: "week", label: words("list_week"), selected: list.due == .week)],
            sorts: columns.flatMap { _, label, column in
                let order = [.opened, .activity].contains(column) ? (words("list_oldest"), words("list_newest")) : (words("list_az"), words("list_za"))
                return [false, true].map { descending in
                    let sort = CaseListing.Sort(column: column, descending: descending)
                    return CaseListPage.Choice(value: sort.parameter, label: "\(label), \(descending ? order.1 : order.0)", selected: sort == list.sort)
                }
            },
            columns: columns.map { key, label, column in
                var sorted = list
                // A second click on the sorted column turns it round; a first sorts text A–Z and dates newest first.
                let descending = list.sort.column == column ? !list.sort.descending : [.opened, .activity].contains(column)
                sorted.sort = .init(column: column, descending: descending)
                let state = list.sort.column == column ? (list.sort.descending ? "descending" : "ascending") : nil
                return .init(key: key, label: label, url: link(sorted.items), sorted: state)
            },
            articles: CitedArticles.codeArticles.map { .init(value: String($0), label: words("list_articleNumber", ["number": String($0)]), selected: $0 == list.article) },
            party: party,
            filtered: list.narrows)
        let firstShown = page.rows.isEmpty ? 0 : from
        listPage.t = req.application.catalog.page(["list"], words.language,
                                                   ["first": String(firstShown), "last": String(from - 1 + page.rows.count), "total": String(shownTotal)])
        return try await req.view.render("cases", listPage)
    }

    func newCasePage(req: Request) async throws -> View {
        let (scope, actor) = try await req.associationScope()
        guard AccessPolicy.allows(roles: scope.roles, .createCase) else { throw AppError.forbidden }
        var form = NewCasePage.Form()
        form.openedOn = try req.today(for: scope.association).description
        return try await renderNewCase(req, scope: scope, actor: actor, form: form, errors: [])
    }

    func createCase(req: Request) async throws -> Response {
        let (scope, actor) = try await req.associationScope()
        guard AccessPolicy.allows(roles: scope.roles, .createCase) else { throw AppError.forbidden }
        var form = NewCasePage.Form()
        form.kind = (try? req.content.get(String.self, at: "kind")) ?? ""
        form.title = (try? req.content.get(String.self, at: "title")) ?? ""
        form.openedOn = (try? req.content.get(String.self, at: "openedOn")) ?? ""
        form.summary = (try? req.content.get(String.self, at: "summary")) ?? ""
        form.complainant = (try? req.content.get(String.self, at: "complainant")) ?? ""
        form.respondent = (try? req.content.get(String.self, at: "respondent")) ?? ""
        var errors: [String] = []
        let kind = CaseKind(rawValue: form.kind)
        if kind == nil { errors.append("Choose the kind of case.") }
        let today = try req.today(for: scope.association)
        var openedOn: CivilDate?
        do { openedOn = try StepDate.parse(form.openedOn, field: "Opened on", today: today) } catch let error as AppError { errors.append(error.message) }
        var parties: [PartyRef] = []
        for (raw, role) in [(form.complainant, PartyRole.complainant), (form.respondent, .respondent)] where !raw.isEmpty {
            if let id = UUID(uuidString: raw) { parties.append(PartyRef(personId: id, role: role)) } else { errors.append("Pick the \(role.label.lowercased()) from the list.") }
        }
        if let kind, let openedOn, errors.isEmpty {
            do {
                let record = try await OpenCase.run(.init(kind: kind, title: form.title, openedOn: openedOn,
                                                          summary: form.summary.isEmpty ? nil : form.summary, parties: parties),
                                                    in: scope, by: actor, now: req.application.clock.now(), on: req.db)
                return req.redirect(to: Paths.caseDetail(scope.association.slug, record.number))
            } catch let error as AppError where error.status == .unprocessableEntity {
                errors += error.details.isEmpty ? [error.message] : error.details.map(\.message)
            }
        }
        return try await renderNewCase(req, scope: scope, actor: actor, form: form, errors: errors).response(status: .unprocessableEntity, for: req)
    }

    private func renderNewCase(_ req: Request, scope: AssociationScope, actor: Actor, form: NewCasePage.Form, errors: [String]) async throws -> View {
        let kinds = CaseKind.allCases.filter { AccessPolicy.allows(roles: scope.roles, .createCase, on: CaseFacts(kind: $0, status: .opened)) }
        let people = try await Person.query(on: req.db).filter(\.$association.$id == scope.id).sort(\.$lastName).sort(\.$firstName).all()
        func options(selected: String) -> [NewCasePage.Option] {
            people.map { .init(value: $0.id!.uuidString, label: "\($0.lastName), \($0.firstName)\($0.kind == .public ? " (public)" : "")", selected: $0.id!.uuidString == selected) }
        }
        let page = NewCasePage(layout: try await layout(req, "Open a case", scope: scope, actor: actor),
                               actionURL: Paths.cases(scope.association.slug),
                               kinds: kinds.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.kind) },
                               complainants: options(selected: form.complainant), respondents: options(selected: form.respondent),
                               form: form, errors: errors)
        return try await req.view.render("case-new", page)
    }

    func casePage(req: Request) async throws -> View {
        let (caseScope, actor) = try await req.caseScope()
        return try await renderCase(req, caseScope: caseScope, actor: actor, requestedType: req.query["entryType"],
                                    corrects: req.query["corrects"], submitted: nil, errors: [], uploadErrors: [])
    }

    func appendEntry(req: Request) async throws -> Response {
        let (caseScope, actor) = try await req.caseScope()
        let scope = caseScope.scope
        try caseScope.require(.appendEntry)
        let typeName = (try? req.content.get(String.self, at: "type")) ?? ""
        let submitted = try req.content.decode([String: String].self)
        var errors: [String] = []
        guard let type = DocketEntryType(rawValue: typeName) else { throw AppError.invalid("Unknown entry type.") }
        var effectiveOn: CivilDate?
        do {
            effectiveOn = try StepDate.parse(submitted["effectiveOn"], field: "The date", today: try req.today(for: scope.association))
        } catch let error as AppError { errors.append(error.message) }
        var payload: Payload = [:]
        for field in type.fields {
            let raw = (submitted["f_\(field.name)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if raw.isEmpty { continue }
            switch field.type {
            case .cents:
                if let cents = Money.cents(raw) { payload[field.name] = .integer(cents) } else { errors.append("\(field.label) must be an amount like 500.00.") }
            default:
                payload[field.name] = .text(raw)
            }
        }
        let corrects = (submitted["corrects"]).flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
        if let effectiveOn, errors.isEmpty {
            do {
                let (entry, warnings) = try await AppendEntry.run(ProposedEntry(type: type, effectiveOn: effectiveOn, payload: payload, corrects: corrects),
                                                                  to: caseScope, by: actor, now: req.application.clock.now(), on: req.db)
                Flash.warn(req, warnings)
                return req.redirect(to: Paths.caseDetail(scope.association.slug, caseScope.record.number) + "#entry-\(entry.sequence)")
            } catch let error as AppError where error.status == .unprocessableEntity {
                errors += error.details.isEmpty ? [error.message + (error.rule.map { " (rule \($0))" } ?? "")] : error.details.map(\.message)
            }
        }
        let view = try await renderCase(req, caseScope: caseScope, actor: actor, requestedType: typeName,
                                        corrects: submitted["corrects"], submitted: submitted, errors: errors, uploadErrors: [])
        return try await view.response(status: .unprocessableEntity, for: req)
    }

    func uploadDocument(req: Request) async throws -> Response {
        let (caseScope, actor) = try await req.caseScope()
        let scope = caseScope.scope
        try caseScope.require(.uploadDocument)
        var uploadErrors: [String] = []
        do {
            let form = try DocumentUploadForm.decode(from: req)
            let effectiveOn = try form.effectiveOn.flatMap(CivilDate.init) ?? req.today(for: scope.association)
            _ = try await UploadDocument.run(filename: form.file.filename, title: form.title ?? "", data: Data(buffer: form.file.data),
                                             effectiveOn: effectiveOn, to: caseScope, by: actor, config: req.application.psdesk, now: req.application.clock.now(), on: req.db)
            return req.redirect(to: Paths.caseDetail(scope.association.slug, caseScope.record.number) + "#documents")
        } catch let error as AppError where error.status.code < 500 {
            let words = Wording(try await req.partyLanguage(roles: scope.roles, actor: actor) ?? .en)
            uploadErrors.append(words.refusal(code: error.code, otherwise: error.message))
        }
        let view = try await renderCase(req, caseScope: caseScope, actor: actor, requestedType: nil, corrects: nil, submitted: nil,
                                        errors: [], uploadErrors: uploadErrors)
        return try await view.response(status: .unprocessableEntity, for: req)
    }

    func downloadDocument(req: Request) async throws -> Response {
        let (caseScope, _) = try await req.caseScope()
        let document = try await caseScope.document(req.parameters.get("document"), on: req.db)
        return try DocumentDownload.response(for: document, config: req.application.psdesk)
    }

    // MARK: rendering helpers

    private func renderCase(_ req: Request, caseScope: CaseScope, actor: Actor, requestedType: String?, corrects: String?,
                            submitted: [String: String]?, errors: [String], uploadErrors: [String]) async throws -> View {
        try await CaseScreen.render(req, caseScope: caseScope, actor: actor, requestedType: requestedType, corrects: corrects,
                                    submitted: submitted, errors: errors, uploadErrors: uploadErrors)
    }

    static func caseRow(_ row: CaseListing.Row, slug: String, words: Wording = Wording(.en)) -> CaseRow {
        let status = CaseStatus(rawValue: row.record.status)
        return CaseRow(number: row.record.number, url: Paths.caseDetail(slug, row.record.number), kind: words.kind(row.kind), title: row.record.title,
                       status: words.caseStatus(row.record.status), statusClass: (status?.isTerminal ?? false) ? "closed" : "open",
                       parties: row.partyNames.joined(separator: "; "), openedOn: row.record.openedOn ?? "—",
                       lastActivity: row.record.lastActivityOn ?? "—")
    }

    private func layout(_ req: Request, _ title: String, scope: AssociationScope, actor: Actor) async throws -> LayoutContext {
        try await LayoutContext.make(req, title, scope: scope, actor: actor)
    }
}

