import Vapor
import Fluent
import StandardsCore

/// JSON API under `/api/v1`, authenticated by bearer token only (no cookies, so no CSRF exposure). Every route asks the
/// access policy through `AssociationScope` / `CaseScope`; the OpenAPI document lists each route.
struct APIController: RouteCollection {
    let uploadLimit: Int

    init(app: Application) {
        uploadLimit = BodyLimits.uploadLimit(app.psdesk)
    }

    func boot(routes: RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("openapi.json") { req async throws -> Response in
            let response = Response(status: .ok, body: .init(string: OpenAPIDocument.document))
            response.headers.contentType = .json
            return response
        }
        let authed = api.grouped(TokenAuthentication(), RequireActor(), BodyLimit())
        authed.get("entry-types", use: entryTypes)
        authed.get("associations", use: listAssociations)
        let association = authed.grouped("associations", ":association")
        association.get(use: showAssociation)
        association.get("members", use: listMembers)
        association.get("members", ":memberNumber", use: showMember)
        association.get("citations", use: citations)
        association.get("reports", "dashboard", use: dashboardReport)
        association.get("reports", "annual", use: annualReport)
        association.get("reports", "ombuds", use: ombudsReport)
        association.get("cases", use: listCases)
        association.post("cases", use: createCase)
        association.post("gc-complaints", use: gcOwnMotion)
        let oneCase = association.grouped("cases", ":number")
        oneCase.get(use: showCase)
        oneCase.get("entries", use: listEntries)
        oneCase.get("deadlines", use: caseDeadlines)
        // The registered steps (`StepRegistry`): acknowledge, gc-decision, serve, reply, withdraw, …
        StepRoutes.api(on: oneCase)
        oneCase.post("gc-amend", use: { req in try await self.step(req) { c, a, d, body in
            try await EthicsSteps.gcAmend(articles: body.articles ?? "", rationale: body.rationale ?? "", complainantAgrees: body.complainantAgrees ?? false,
                                          addRespondents: body.addRespondents ?? "", removeRespondents: body.removeRespondents ?? "",
                                          c, by: a, on: d, now: req.application.clock.now(), db: req.db).done } })
        // Hearing steps (issue 6): panel, hearing, decision, appeal, Directors' action, compliance.
        oneCase.get("hearing", use: hearingState)
        association.get("committee", use: listCommittee)
        authed.get("cases", ":caseID", "deadlines", use: caseDeadlinesByID)
        oneCase.post("entries", use: appendEntry)
        oneCase.get("documents", use: listDocuments)
        oneCase.postLarge("documents", maxBytes: uploadLimit, use: uploadDocument)
        oneCase.get("documents", ":document", use: showDocument)
        oneCase.get("documents", ":document", "content", use: downloadDocument)
    }

    // MARK: catalog

    func entryTypes(req: Request) async throws -> [APIModel.EntryTypeOut] {
        DocketEntryType.allCases.map { type in
            APIModel.EntryTypeOut(type: type.rawValue, title: type.title, rule: type.rule?.id,
                                  kinds: (type.kinds.map(Array.init) ?? CaseKind.allCases).map(\.rawValue).sorted(),
                                  fields: type.fields.map { field in
                                      var options: [String]? = nil
                                      if case .choice(let values) = field.type { options = values }
                                      return .init(name: field.name, type: field.type.apiName, required: field.required, label: field.label, options: options)
                                  })
        }
    }

    // MARK: associations

    func listAssociations(req: Request) async throws -> [APIModel.AssociationOut] {
        let actor = try req.requireActor()
        let ids = Array(actor.rolesByAssociation.keys)
        guard !ids.isEmpty else { return [] }
        let associations = try await Association.query(on: req.db).filter(\.$id ~~ ids).with(\.$regionalAgreement).sort(\.$name).all()
        return associations.map { Self.associationOut($0, roles: actor.roles(in: $0.id!)) }
    }

    func showAssociation(req: Request) async throws -> APIModel.AssociationOut {
        let (scope, _) = try await associationScope(req)
        try scope.require(.viewAssociation)
        try await scope.association.$regionalAgreement.load(on: req.db)
        return Self.associationOut(scope.association, roles: scope.roles)
    }

    static func associationOut(_ a: Association, roles: Set<Role>) -> APIModel.AssociationOut {
        .init(slug: a.slug, name: a.name, ruleProfile: a.ruleProfile, timeZone: a.timeZone, holidayCalendar: a.holidayCalendar,
              closureDays: a.closureDays.split(separator: ",").map(String.init), boardSize: a.boardSize, boardQuorum: a.boardQuorum,
              regionalAgreement: a.regionalAgreement?.name, yourRoles: roles.map(\.rawValue).sorted())
    }

    // MARK: members

    func listMembers(req: Request) async throws -> [APIModel.MemberOut] {
        let (scope, _) = try await associationScope(req)
        let search: String? = req.query["q"]
        let suspended = try await CitationSuspensions.current(in: scope.id, today: req.today(for: scope.association), on: req.db)
        return try await MemberDirectory.members(in: scope, search: search, on: req.db).map { Self.memberOut($0, suspended: suspended) }
    }

    func showMember(req: Request) async throws -> APIModel.MemberOut {
        let (scope, _) = try await associationScope(req)
        let number = req.parameters.get("memberNumber") ?? ""
        guard let member = try await MemberDirectory.member(number: number, in: scope, on: req.db) else { throw AppError.notFound("member") }
        let suspended = try await CitationSuspensions.current(in: scope.id, today: req.today(for: scope.association), on: req.db)
        return Self.memberOut(member, suspended: suspended)
    }

    static func memberOut(_ m: Membership, suspended: [UUID: CitationSuspensions.Suspension]) -> APIModel.MemberOut {
        .init(personId: m.$person.id, memberNumber: m.memberNumber, firstName: m.person.firstName, lastName: m.person.lastName,
              email: m.person.email, phone: m.person.phone, membershipType: m.membershipType, isPrincipal: m.isPrincipal,
              firm: m.firm?.name, office: m.office?.name,
              periods: m.periods.sorted { $0.startsOn < $1.startsOn }.map { .init(startsOn: $0.startsOn, endsOn: $0.endsOn) },
              suspension: suspended[m.$person.id].map { .init(caseNumber: $0.caseNumber, since: $0.since.description, rule: "S3 9.3.2.5") })
    }

    // MARK: citations

    struct CitationsOut: Content {
        let schedule: CitationSchedule
        let statistics: [CitationStatistics.Year]?
    }

    /// The schedule in force (a2.35) and, for those who may see them, the figures without names (S3 9.4.6).
    func citations(req: Request) async throws -> CitationsOut {
        let (scope, _) = try await associationScope(req)
        let today = try req.today(for: scope.association)
        guard scope.association.adoptsCitations(on: today) else {
            throw AppError(.notFound, code: "citations_not_adopted", message: "This association has not adopted a citation policy.", rule: .b9_1)
        }
        let statistics = AccessPolicy.allows(roles: scope.roles, .viewCitationStatistics)
            ? try await CitationStatisticsLoader.load(in: scope.id, on: req.db).years : nil
        return CitationsOut(schedule: try await CitationScheduleStore.inForce(for: scope.id, on: today, db: req.db), statistics: statistics)
    }

    // MARK: reports (issue 20)

    /// The staff dashboard's counts (`ProgramReports.Dashboard`).
    func dashboardReport(req: Request) async throws -> ProgramReports.Dashboard {
        let (scope, _) = try await ReportsController.scope(req)
        return try await ProgramReports.dashboard(of: scope.association, today: try req.today(for: scope.association), on: req.db)
    }

    /// The annual activity report of `year` (this year by default), for the association or, with `scope=agreement`,
    /// every signatory of its regional agreement side by side.
    func annualReport(req: Request) async throws -> ProgramReports.AnnualOut {
        let (scope, _) = try await ReportsController.scope(req)
        // The page's blank year box means this year; the API's `year` is a number or absent.
        if req.query[String.self, at: "year"]?.isEmpty == true {
            throw AppError(.badRequest, code: "report_year_out_of_range", message: "year is a number from 2000 through this year, or absent for this year.")
        }
        return ProgramReports.AnnualOut(try await ProgramReports.annual(asked: req, in: scope).report)
    }

    /// The ombuds program's trends without identities (S0): what the trends page and its CSV show.
    func ombudsReport(req: Request) async throws -> OmbudsController.TrendsOut {
        let (_, _, trends) = try await OmbudsController.loadTrends(req)
        return OmbudsController.TrendsOut(trends)
    }

    // MARK: cases

    /// A page of the cases the caller may see, newest first unless `sort` says otherwise; `q`, `kind`, `status` and
    /// `due` narrow it (`CaseListing.ListQuery`): `limit` (1–500, default 100) and the `cursor` of the
    /// `Link: <…>; rel="next"` header of the page before (issue 12). The last page has no such header.
    func listCases(req: Request) async throws -> Response {
        let (scope, actor) = try await associationScope(req)
        let limit = try Self.pageSize(req)
        let list = try CaseListing.ListQuery(req)
        let filter = list.filter(today: try req.today(for: scope.association))
        let page = try await CaseListing.page(in: scope, actor: actor, filter: filter, limit: limit, after: list.after, sort: list.sort, on: req.db)
        let body = try page.rows.map { try Self.caseOut($0.record, parties: $0.parties) }
        let response = try await body.encodeResponse(for: req)
        if let next = page.next {
            var components = URLComponents()
            components.path = req.url.path
            components.queryItems = [URLQueryItem(name: "limit", value: String(limit)), URLQueryItem(name: "cursor", value: next.token)] + list.items
            response.headers.replaceOrAdd(name: "Link", value: "<\(components.string ?? "")>; rel=\"next\"")
        }
        return response
    }

    /// `limit`, range-checked: 1 to 500, 100 when left out.
    static func pageSize(_ req: Request) throws -> Int {
        guard let text = req.query[String.self, at: "limit"] else { return 100 }
        guard let limit = Int(text), (1...CaseListing.maximumPageSize).contains(limit) else {
            throw AppError.invalid("limit must be a whole number from 1 to \(CaseListing.maximumPageSize).", code: "limit_out_of_range")
        }
        return limit
    }

    func createCase(req: Request) async throws -> Response {
        let (scope, actor) = try await associationScope(req)
        let body = try req.content.decode(APIModel.NewCase.self)
        guard let kind = CaseKind(rawValue: body.kind) else {
            throw AppError.invalid("kind must be one of \(CaseKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let today = try req.today(for: scope.association)
        let openedOn = try StepDate.parse(body.openedOn, field: "openedOn", today: today)
        var parties: [PartyRef] = []
        for party in body.parties ?? [] {
            guard let role = PartyRole(rawValue: party.role) else {
                throw AppError.invalid("party role must be one of \(PartyRole.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            parties.append(PartyRef(personId: party.personId, role: role))
        }
        let record = try await OpenCase.run(.init(kind: kind, title: body.title, openedOn: openedOn, summary: body.summary, parties: parties),
                                            in: scope, by: actor, now: req.application.clock.now(), on: req.db)
        let response = try await Self.caseOut(record, on: req.db).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/associations/\(scope.association.slug)/cases/\(record.number)")
        return response
    }

    /// A complaint the Grievance Committee brings on its own motion (a1.9).
    func gcOwnMotion(req: Request) async throws -> Response {
        let (scope, actor) = try await associationScope(req)
        let body = try req.content.decode(StepBody.self)
        let date = try StepDate.parse(body.effectiveOn, field: "effectiveOn", today: try req.today(for: scope.association))
        let record = try await EthicsSteps.gcOwnMotion(respondents: body.respondents ?? "", articles: body.articles ?? "", narrative: body.text ?? "",
                                                       in: scope, by: actor, on: date, now: req.application.clock.now(), db: req.db)
        return try await Self.caseOut(record, on: req.db).encodeResponse(status: .created, for: req)
    }

    func showCase(req: Request) async throws -> APIModel.CaseOut {
        let caseScope = try await caseScope(req)
        return try await Self.caseOut(caseScope.record, on: req.db)
    }

    static func caseOut(_ record: CaseRecord, on db: Database) async throws -> APIModel.CaseOut {
        try caseOut(record, parties: try await CaseParty.query(on: db).filter(\.$caseRecord.$id == record.requireID()).with(\.$person).all())
    }

    /// - Parameter parties: the case's party rows, with their people loaded.
    static func caseOut(_ record: CaseRecord, parties: [CaseParty]) throws -> APIModel.CaseOut {
        let status = CaseStatus(rawValue: record.status)
        return .init(id: try record.requireID(), number: record.number, kind: record.kind, title: record.title, status: record.status,
                     statusLabel: status?.label ?? record.status, openedOn: record.openedOn, lastActivityOn: record.lastActivityOn,
                     parties: parties.map { .init(personId: $0.$person.id, name: $0.person.fullName, role: $0.role) })
    }

    // MARK: docket

    func listEntries(req: Request) async throws -> [APIModel.EntryOut] {
        let caseScope = try await caseScope(req)
        let documents = (try? caseScope.require(.viewDocument)) == nil ? [] : try await caseScope.documents(on: req.db)
        let byEntry = Dictionary(grouping: documents.filter { $0.docketEntryID != nil }, by: { $0.docketEntryID! })
        return caseScope.readableDocket.map { Self.entryOut($0, documentIDs: (byEntry[$0.id] ?? []).compactMap(\.id)) }
    }

    func appendEntry(req: Request) async throws -> Response {
        let caseScope = try await caseScope(req)
        let body = try req.content.decode(APIModel.NewEntry.self)
        guard let type = DocketEntryType(rawValue: body.type) else {
            throw AppError.invalid("Unknown entry type \"\(body.type)\"; GET /api/v1/entry-types lists them.", code: "unknown_entry_type")
        }
        let effectiveOn = try StepDate.parse(body.effectiveOn, field: "effectiveOn", today: try req.today(for: caseScope.scope.association))
        let actor = try req.requireActor()
        return try await DryRun.respond(req) {
            let (record, warnings) = try await AppendEntry.run(ProposedEntry(type: type, effectiveOn: effectiveOn, payload: body.payload ?? [:], corrects: body.corrects),
                                                               to: caseScope, by: actor, now: req.application.clock.now(), on: req.db)
            return try await Self.entryOut(DocketStore.domainEntry(record), documentIDs: [], warnings: warnings).encodeResponse(status: .created, for: req)
        }
    }

    static func entryOut(_ e: DocketEntry, documentIDs: [UUID], warnings: [Refusal] = []) -> APIModel.EntryOut {
        .init(id: e.id, sequence: e.sequence, type: e.type.rawValue, title: e.type.title, effectiveOn: e.effectiveOn.description,
              recordedAt: e.recordedAt, actor: e.actorName, payload: e.payload, corrects: e.corrects, documentIds: documentIDs,
              warnings: warnings.isEmpty ? nil : warnings.map { .init(code: $0.code, message: $0.message, rule: $0.rule) })
    }

    // MARK: ethics steps

    struct StepBody: Content {
        var effectiveOn: String?
        var outcome: String?
        var text: String?
        var explanation: String?
        var reason: String?
        var decision: String?
        var forwardedArticles: String?
        var dismissedArticles: String?
        var rationale: String?
        var articles: String?
        var complainantAgrees: Bool?
        var addRespondents: String?
        var removeRespondents: String?
        var respondents: String?
        var publicTrust: String?
    }

    struct StepOut: Content {
        let case_: APIModel.CaseOut
        let warnings: [ErrorBody.Detail]
        enum CodingKeys: String, CodingKey { case case_ = "case", warnings }
    }

    /// Runs one step on a case with the optional JSON body; answers 200 with the case and any warnings, or with
    /// `?dryRun=true` what it would append, writing nothing.
    private func step(_ req: Request, _ body: (CaseScope, Actor, CivilDate, StepBody) async throws -> EthicsSteps.Done) async throws -> Response {
        let caseScope = try await caseScope(req)
        let input = req.headers.contentType == nil || req.body.data?.readableBytes ?? 0 == 0 ? StepBody() : try req.content.decode(StepBody.self)
        let date = try StepDate.parse(input.effectiveOn, field: "effectiveOn", today: try req.today(for: caseScope.scope.association))
        let actor = try req.requireActor()
        return try await DryRun.respond(req) {
            let done = try await body(caseScope, actor, date, input)
            return StepOut(case_: try await Self.caseOut(done.record, on: req.db),
                           warnings: done.warnings.map { .init(code: $0.code, message: $0.message, rule: $0.rule) })
        }
    }

    // MARK: hearing

    /// The panel, the ledger and compliance of a case as JSON.
    func hearingState(req: Request) async throws -> APIModel.HearingOut {
        let caseScope = try await caseScope(req)
        guard caseScope.kind == .ethics else { throw AppError.notFound("hearing") }
        let today = try req.today(for: caseScope.scope.association)
        let rules = try await CaseRules.load(for: caseScope.record, in: caseScope.scope.association, on: req.db, today: today)
        let selection = try await PanelSelection.load(caseScope, hearingOn: today, profile: rules.profile, db: req.db)
        let panel = selection.panel
        let ledger = CaseLedger.build(caseScope.docket, profile: rules.profile)
        return .init(
            listed: panel.listed, members: panel.members, chair: panel.chair, alternates: panel.alternates,
            challenges: panel.challenges.map { .init(personId: $0.personId, reason: $0.reason, by: $0.by, filedOn: $0.filedOn.description,
                                                     ruling: $0.upheld.map { $0 ? "upheld" : "denied" }) },
            certified: Array(panel.certified), conflicted: Array(panel.conflicted),
            candidates: selection.candidates.map { cand in
                .init(personId: cand.id, name: cand.name, exclusions: PanelComposition.exclusions(of: cand, context: selection.context)
                        .map { .init(code: $0.code, message: $0.message, rule: $0.rule) })
            },
            ledger: ledger.postings.map { .init(on: $0.on.description, description: $0.description, from: $0.from.rawValue, to: $0.to.rawValue, cents: $0.cents, rule: $0.rule) },
            balances: Dictionary(uniqueKeysWithValues: CaseLedger.Account.allCases.map { ($0.rawValue, ledger.balance($0)) }),
            compliance: DisciplineCompliance.items(caseScope.docket, profile: rules.profile, asOf: today).map {
                .init(sanction: $0.sanction, dueOn: $0.dueOn?.description, status: $0.status.rawValue, note: $0.note, rule: $0.rule.id)
            })
    }

    /// One body's roster (`?body=`, the PSC by default), shared across a regional agreement where the body is joint.
    func listCommittee(req: Request) async throws -> [APIModel.CommitteeSeatOut] {
        let (scope, _) = try await associationScope(req)
        try scope.require(.viewMembers)
        let raw: String = req.query["body"] ?? CommitteeBody.psc.rawValue
        guard let body = CommitteeBody(rawValue: raw) else {
            throw AppError.invalid("body must be one of \(CommitteeBody.allCases.map(\.rawValue).joined(separator: ", ")).", code: "unknown_body")
        }
        let seats = try await Committee.roster(body, of: scope.association, on: try req.today(for: scope.association), db: req.db)
        let criteria = try await AppointmentCriteriaRecord.of(seats.map(\.$person.id), on: req.db)
        return seats.map {
            let c = criteria[$0.$person.id]
            return .init(personId: $0.$person.id, name: $0.person.fullName, association: $0.association.slug, body: $0.committee, isChair: $0.isChair,
                         isViceChair: $0.isViceChair, appointedBy: $0.appointedBy, termStartsOn: $0.termStartsOn, termEndsOn: $0.termEndsOn,
                         trainingThrough: $0.trainingThrough, certifiedTrainer: $0.certifiedTrainer, subpanel: $0.subpanel,
                         criteria: c.map { .init(yearsRealtor: $0.yearsRealtor, yearsInRealEstate: $0.yearsInRealEstate, primaryField: $0.primaryField?.rawValue,
                                                 secondaryField: $0.secondaryField?.rawValue, postLicensingEducation: $0.postLicensingEducation,
                                                 codeOfEthicsTraining: $0.codeOfEthicsTraining, states: $0.states, otherTraining: $0.otherTraining) })
        }
    }

    // MARK: deadlines

    func caseDeadlines(req: Request) async throws -> APIModel.DeadlinesOut {
        try await Self.deadlines(for: try await caseScope(req), req: req)
    }

    /// `GET /api/v1/cases/{id}/deadlines`: the same by case id. A case in an association where the caller
    /// holds no role, or may not view, is 404.
    func caseDeadlinesByID(req: Request) async throws -> APIModel.DeadlinesOut {
        let actor = try req.requireActor()
        guard let id = req.parameters.get("caseID").flatMap(UUID.init(uuidString:)),
              let record = try await CaseRecord.find(id, on: req.db),
              let association = try await Association.find(record.$association.id, on: req.db) else { throw AppError.notFound("case") }
        let scope = try await AssociationScope.load(slug: association.slug, actor: actor, on: req.db)
        return try await Self.deadlines(for: CaseScope.load(number: record.number, in: scope, actor: actor, on: req.db), req: req)
    }

    static func deadlines(for caseScope: CaseScope, req: Request) async throws -> APIModel.DeadlinesOut {
        let today = try req.today(for: caseScope.scope.association)
        var asOf = today
        if let text: String = req.query["asOf"] {
            guard let date = CivilDate(text) else { throw AppError.invalid("asOf must be a date as YYYY-MM-DD.") }
            asOf = date
        }
        let rules = try await CaseRules.load(for: caseScope.record, in: caseScope.scope.association, on: req.db, today: asOf)
        let deadlines = rules.deadlines(kind: caseScope.kind, docket: caseScope.docket, asOf: asOf)
        return .init(caseNumber: caseScope.record.number, profile: rules.profile.name, asOf: asOf.description, deadlines: deadlines.map(APIModel.DeadlineOut.init))
    }

    // MARK: documents

    func listDocuments(req: Request) async throws -> [APIModel.DocumentOut] {
        let caseScope = try await caseScope(req)
        return try await caseScope.documents(on: req.db).map(Self.documentOut)
    }

    func uploadDocument(req: Request) async throws -> Response {
        let caseScope = try await caseScope(req)
        try caseScope.require(.uploadDocument)
        let upload = try DocumentUploadForm.decode(from: req)
        let effectiveOn = try StepDate.parse(upload.effectiveOn, field: "effectiveOn", today: try req.today(for: caseScope.scope.association))
        let document = try await UploadDocument.run(filename: upload.file.filename, title: upload.title ?? "", data: Data(buffer: upload.file.data),
                                                    effectiveOn: effectiveOn, to: caseScope, by: try req.requireActor(),
                                                    config: req.application.psdesk, now: req.application.clock.now(), on: req.db)
        return try await Self.documentOut(document).encodeResponse(status: .created, for: req)
    }

    func showDocument(req: Request) async throws -> APIModel.DocumentOut {
        let (_, document) = try await documentInCase(req)
        return Self.documentOut(document)
    }

    func downloadDocument(req: Request) async throws -> Response {
        let (_, document) = try await documentInCase(req)
        return try DocumentDownload.response(for: document, config: req.application.psdesk)
    }

    static func documentOut(_ d: DocumentRecord) -> APIModel.DocumentOut {
        .init(id: d.id!, title: d.title, filename: d.filename, mediaType: d.mediaType, byteCount: d.byteCount, sha256: d.sha256,
              uploadedAt: d.uploadedAt, docketEntryId: d.docketEntryID)
    }

    // MARK: scoping helpers

    private func associationScope(_ req: Request) async throws -> (AssociationScope, Actor) { try await req.associationScope() }

    private func caseScope(_ req: Request) async throws -> CaseScope { try await req.caseScope().0 }

    private func documentInCase(_ req: Request) async throws -> (CaseScope, DocumentRecord) {
        let caseScope = try await caseScope(req)
        return (caseScope, try await caseScope.document(req.parameters.get("document"), on: req.db))
    }

}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
