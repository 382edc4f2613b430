import Vapor
import Fluent
import StandardsCore

/// Applies a registered step (`CaseStep`): policy → availability → load the facts it names → decide → append, in
/// one transaction. The web forms, the API and the case page's buttons all go through here, so a step's rules are
/// read from its one declaration.
enum StepRunner {
    /// The case as a step sees it on `today`, with its deadlines.
    static func view(_ caseScope: CaseScope, today: CivilDate, rules: CaseRules) -> StepView {
        StepView(kind: caseScope.kind, docket: caseScope.docket, today: today,
                 deadlines: rules.deadlines(kind: caseScope.kind, docket: caseScope.docket, asOf: today))
    }

    /// Why this actor may not take `step` on this case now (policy first, then availability), or nil.
    static func refusal(_ step: any CaseStep.Type, _ caseScope: CaseScope, view: StepView) -> StepEvaluation.Gate? {
        StepEvaluation.gate(step, roles: caseScope.scope.roles, facts: caseScope.facts, actorParties: caseScope.partyRoles, view: view)
    }

    /// - Parameter clock: what day it is for the deadlines, and the instant a decision is filed (a1.22).
    static func run<S: CaseStep>(_ step: S.Type, _ input: S.Input, _ caseScope: CaseScope, by actor: Actor, on date: CivilDate, clock: AppClock,
                                 db: Database) async throws -> EthicsSteps.Done {
        let association = caseScope.scope.association
        let today = try clock.today(for: association)
        let rules = try await CaseRules.load(for: caseScope.record, in: association, on: db, today: today)
        let view = view(caseScope, today: date, rules: rules)
        if let gate = refusal(step, caseScope, view: view) {
            let refusal = gate.refusal
            throw gate.forbidden ? AppError(.forbidden, code: refusal.code, message: refusal.message, rule: refusal.rule) : AppError(refusals: [refusal])
        }
        var facts = try await StepFactsLoader.load(S.needs, for: caseScope, profile: rules.profile, on: date, db: db)
        facts.actor = StepActor(isStaff: caseScope.scope.roles.contains(.staff), personID: actor.personID, parties: caseScope.partyRoles)
        if date == today, let zone = TimeZone(identifier: association.timeZone) { facts.filedAt = Timestamps.format(clock.now(), timeZone: zone) }
        switch S.decide(input, on: date, view: view, facts: facts) {
        case .failure(let refusals): throw AppError(refusals: refusals.all)
        case .success(let entries):
            let done = if let link = S.linked(entries, view: view, facts: facts) {
                try await LinkedCases.append(entries, link, to: caseScope, by: actor, now: clock.now(), db: db)
            } else {
                try await EthicsSteps.append(entries, to: caseScope, by: actor, now: clock.now(), db: db)
            }
            return EthicsSteps.Done(record: done.record, warnings: done.warnings + S.advice(view: view, facts: facts))
        }
    }

    /// A body to read: a content type and at least one byte (a step with nothing to send may post none).
    static func hasBody(_ req: Request) -> Bool { req.headers.contentType != nil && (req.body.data?.readableBytes ?? 0) > 0 }

    /// The step's input from the request body (JSON, URL-encoded or multipart); an empty body is an empty object.
    /// A missing or malformed field is a 422 naming the field and the step's rule, never a 500.
    static func input<S: CaseStep>(_ step: S.Type, from req: Request) throws -> S.Input {
        do {
            if !hasBody(req) { return try JSONDecoder().decode(S.Input.self, from: Data("{}".utf8)) }
            return try req.content.decode(S.Input.self)
        } catch let error as DecodingError {
            throw AppError(.unprocessableEntity, code: "invalid_input", message: StepEvaluation.describe(error), rule: S.rule)
        }
    }
}

/// Loads the facts a step names, and nothing else.
enum StepFactsLoader {
    /// - Parameter date: the step's day, for the panel's training and the respondent's three years (a1.14, b11.2).
    static func load(_ needs: Set<StepFact>, for caseScope: CaseScope, profile: RuleProfile, on date: CivilDate, db: Database) async throws -> StepFacts {
        var facts = StepFacts(profile: profile)
        if needs.contains(.complainants) || needs.contains(.bothParties) {
            facts.complainants = try await EthicsSteps.partyNames(caseScope, role: .complainant, on: db)
        }
        if needs.contains(.respondentRecipients) || needs.contains(.bothParties) {
            facts.respondentRecipients = try await EthicsSteps.respondentRecipients(caseScope, profile: profile, on: db)
        }
        facts.bothParties = StepFacts.bothParties(complainants: facts.complainants, respondentRecipients: facts.respondentRecipients)
        if needs.contains(.grievanceMembers) || needs.contains(.board) {
            let members = try await EthicsSteps.grievanceMembers(in: caseScope.scope.association, asOf: date, on: db)
            facts.grievanceMembers = members.compactMap { p in p.id.map { NamedPerson(id: $0, name: p.fullName) } }
        }
        if needs.contains(.board) {
            let board = try await Committee.board(of: caseScope.scope.association, on: db)
            facts.board = board.map { NamedPerson(id: $0.$person.id, name: $0.person.fullName) }
            facts.boardQuorum = caseScope.scope.association.boardQuorum
            facts.executiveCommittee = try await Committee.executive(of: caseScope.scope.association, on: db)
                .map { NamedPerson(id: $0.$person.id, name: $0.person.fullName) }
            facts.gcReviewers = StepFacts.gcReviewers(grievanceMembers: facts.grievanceMembers, kind: caseScope.kind, docket: caseScope.docket)
        }
        if needs.contains(.appealPool) {
            // Under a regional agreement, appeal panels come from the shared committee or the signatories' Boards (appendix (5)(b)).
            let pool = try await Committee.associations(sharing: caseScope.scope.association, on: date, db: db)
            if pool.count > 1 {
                facts.regionalAgreement = try await caseScope.scope.association.$regionalAgreement.get(on: db)?.name
                facts.committee = try await Committee.pool(for: caseScope.scope.association, on: date, db: db)
                    .map { NamedPerson(id: $0.$person.id, name: $0.person.fullName) }
                for association in try await Association.query(on: db).filter(\.$id ~~ pool).all() {
                    facts.signatoryBoards += try await Committee.board(of: association, on: db).map { NamedPerson(id: $0.$person.id, name: $0.person.fullName) }
                }
            }
        }
        if needs.contains(.committee) {
            facts.committee = try await Committee.pool(for: caseScope.scope.association, on: date, db: db).map { NamedPerson(id: $0.$person.id, name: $0.person.fullName) }
            // The President's specialists are listed with the committee, so the parties may challenge them too (a2.22).
            let specialists = ArbitrationHearing.specialists(caseScope.docket).filter { id in !facts.committee.contains { $0.id == id } }
            for person in specialists.isEmpty ? [] : try await Person.query(on: db).filter(\.$id ~~ specialists).all() {
                if let id = person.id { facts.committee.append(NamedPerson(id: id, name: person.fullName)) }
            }
        }
        if needs.contains(.panelSelection) || needs.contains(.citationPanel) {
            let selection = try await PanelSelection.load(caseScope, hearingOn: date, profile: profile, db: db)
            facts.panelCandidates = selection.candidates
            facts.panelContext = selection.context
        }
        if needs.contains(.panelNames) {
            let panel = HearingPanel.build(caseScope.docket)
            let ids = Array(Set(panel.listed + panel.members + panel.alternates))
            for person in ids.isEmpty ? [] : try await Person.query(on: db).filter(\.$id ~~ ids).all() {
                if let id = person.id { facts.names[id] = person.fullName }
            }
        }
        if needs.contains(.finalActionHistory) {
            // The PSA of every other association where the respondent is a member is told (a1.31).
            let respondents = try await CaseParties.ids(of: caseScope.record, role: .respondent, on: db)
            facts.otherAssociations = Set(try await CaseParties.membershipsEverywhere(of: respondents, on: db)
                .filter { $0.$association.id != caseScope.scope.id }.map(\.association.name)).sorted()
            facts.priorViolationsInThreeYears = try await PriorRecord.load(caseScope, profile: profile, today: date, db: db).violations(inThreeYearsBefore: date)
            let signatories = try await Committee.associations(sharing: caseScope.scope.association, on: date, db: db)
            if signatories.count > 1 { facts.signatoryNames = Set(try await Association.query(on: db).filter(\.$id ~~ signatories).all().map(\.name)) }
        }
        if needs.contains(.respondentMemberships) {
            // Where the respondent is still a member besides here, today (S4 (14)): memberships whose latest period is open.
            let respondents = try await CaseParties.ids(of: caseScope.record, role: .respondent, on: db)
            let memberships = try await CaseParties.membershipsEverywhere(of: respondents, on: db)
            let current = { (m: Membership) in m.periods.contains { $0.endsOn.flatMap(CivilDate.init).map { $0 >= date } ?? true } }
            facts.respondentElsewhere = memberships.filter { $0.$association.id != caseScope.scope.id && current($0) }
                .map { AssociationRef(slug: $0.association.slug, name: $0.association.name) }
                .reduce(into: []) { if !$0.contains($1) { $0.append($1) } }.sorted { $0.name < $1.name }
            facts.respondentEndedHereOn = memberships.filter { $0.$association.id == caseScope.scope.id && !current($0) }
                .compactMap { $0.periods.compactMap { $0.endsOn.flatMap(CivilDate.init) }.max() }.max()
            facts.associationName = caseScope.scope.association.name
        }
        if needs.contains(.awardHistory), let respondent = try await CaseParties.ids(of: caseScope.record, role: .respondent, on: db).first {
            facts.respondentID = respondent
            let otherCases = try await CaseParties.otherCasesAsRespondent([respondent], besides: caseScope.record, on: db)
                .filter { $0.caseRecord.kind == CaseKind.arbitration.rawValue }
            for party in otherCases {
                let docket = try await DocketStore.entries(of: party.$caseRecord.id, on: db)
                if CaseProjection.effectiveEntries(docket).contains(where: { $0.type == .awardRefusedToAbide }) { facts.priorAwardRefusals.append(party.caseRecord.number) }
            }
        }
        if needs.contains(.mediators) {
            // Mediation officers: people with an account holding the mediator role here or, under a regional
            // agreement, in a signatory still in it (appendix (4)(d)).
            let pool = try await Committee.associations(sharing: caseScope.scope.association, on: date, db: db)
            let users = try await RoleAssignment.query(on: db).filter(\.$association.$id ~~ pool).filter(\.$role == Role.mediator.rawValue)
                .with(\.$user).all().map(\.user).filter { $0.deactivatedAt == nil }
            let people = try await Person.query(on: db).filter(\.$id ~~ users.compactMap { $0.$person.id }).all()
            facts.mediators = people.compactMap { p in p.id.map { NamedPerson(id: $0, name: p.fullName) } }.sorted { $0.name < $1.name }
        }
        if needs.contains(.refusalTribunal) || needs.contains(.regionalAgreement) {
            // Under a regional agreement a refusal to arbitrate goes to the tribunal it names (appendix (5)(f)), and
            // awards go to each party's home association for information (appendix (5)(e)).
            let association = caseScope.scope.association
            let shared = try await Committee.associations(sharing: association, on: date, db: db).count > 1
            let agreement = shared ? try await association.$regionalAgreement.get(on: db) : nil
            facts.regionalAgreement = agreement?.name
            facts.refusalTribunal = agreement.map { "the tribunal named in the \($0.name)" } ?? "the Board of Directors of \(association.name)"
        }
        let citedRespondent = needs.contains(.priorCitations) ? try await CaseParties.ids(of: caseScope.record, role: .respondent, on: db).first : nil
        if let respondent = citedRespondent {
            // Earlier citations of this member at this association, not set aside by a hearing request (a2.32, a2.33).
            let others = try await CaseParties.otherCasesAsRespondent([respondent], besides: caseScope.record, on: db)
                .filter { $0.caseRecord.kind == CaseKind.citation.rawValue && $0.caseRecord.$association.id == caseScope.scope.id }
            for party in others {
                let docket = CaseProjection.effectiveEntries(try await DocketStore.entries(of: party.$caseRecord.id, on: db))
                guard let citation = docket.last(where: { $0.type == .citationIssued }),
                      !docket.contains(where: { $0.type == .citationHearingRequested }) else { continue }
                facts.priorCitations.append(PriorCitation(standards: CitationSteps.standards(of: citation),
                                                          complaintFiledOn: citation.payload["complaintFiledOn"]?.textValue.flatMap(CivilDate.init) ?? citation.effectiveOn,
                                                          fineCents: citation.payload["fineCents"]?.integerValue ?? 0, caseNumber: party.caseRecord.number))
            }
        }
        if needs.contains(.citationPanel) {
            facts.citationPanel = try await Committee.citationPanel(of: caseScope.scope.association, on: db)
                .map { NamedPerson(id: $0.$person.id, name: $0.person.fullName) }
        }
        if needs.contains(.citationSchedule) {
            facts.citationSchedule = try await CitationScheduleStore.inForce(for: caseScope.scope.id, on: date, db: db)
        }
        if needs.contains(.members) {
            let memberships = try await Membership.query(on: db).filter(\.$association.$id == caseScope.scope.id).with(\.$person).all()
            for m in memberships { if let id = m.person.id { facts.membersByNumber[m.memberNumber] = NamedPerson(id: id, name: m.person.fullName) } }
        }
        if needs.contains(.relatedDeposits) {
            (facts.settledCases, facts.depositedFirmsByCase) = try await relatedDeposits(in: caseScope.scope.id, besides: caseScope.record.requireID(), db: db)
        }
        return facts
    }

    /// The association's arbitration cases closed by a settlement (b5.2), and each open one with the firms that
    /// deposited in it (a2.20): chosen in the database, and of the open ones only their requests are read.
    static func relatedDeposits(in association: UUID, besides caseID: UUID?, db: Database) async throws -> (settled: Set<String>, deposited: [String: Set<String>]) {
        let terminal = CaseStatus.allCases.filter(\.isTerminal).filter { $0 != .settled }.map(\.rawValue)
        var query = CaseRecord.query(on: db).filter(\.$association.$id == association)
            .filter(\.$kind == CaseKind.arbitration.rawValue).filter(\.$status !~ terminal)
        if let caseID { query = query.filter(\.$id != caseID) }
        let cases = try await query.all()
        let settled = Set(cases.filter { $0.status == CaseStatus.settled.rawValue }.map(\.number))
        let open = Dictionary(uniqueKeysWithValues: cases.filter { $0.status != CaseStatus.settled.rawValue }.compactMap { r in r.id.map { ($0, r.number) } })
        var deposited: [String: Set<String>] = [:]
        for number in open.values { deposited[number] = [] }
        let requests = open.isEmpty ? [] : try await DocketEntryRecord.query(on: db).filter(\.$caseRecord.$id ~~ Array(open.keys))
            .filter(\.$type == DocketEntryType.arbitrationRequested.rawValue).all()
        for request in requests {
            let entry = try DocketStore.domainEntry(request)
            guard (entry.payload["depositCents"]?.integerValue ?? 0) > 0, let firm = entry.payload["firm"]?.textValue,
                  let number = open[request.$caseRecord.id] else { continue }
            deposited[number, default: []].insert(ArbitrationDeposit.normalizedFirm(firm))
        }
        return (settled, deposited)
    }
}
