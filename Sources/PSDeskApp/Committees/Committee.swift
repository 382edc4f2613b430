import Vapor
import Fluent
import StandardsCore

/// The Professional Standards Committee a panel is drawn from: the association's own seats, or under a
/// regional agreement the seats of every signatory (a1.14, S3 1.2).
enum Committee {
    /// Every signatory still in the agreement today: one whose withdrawal has taken effect no longer shares its
    /// committee (appendix (6)(b)); an association that has withdrawn uses its own.
    static func associations(sharing association: Association, on today: CivilDate, db: Database) async throws -> [UUID] {
        let ownID = try association.requireID()
        guard let agreement = association.$regionalAgreement.id else { return [ownID] }
        func stillIn(_ a: Association) -> Bool {
            RegionalAgreementTerms.stillSignatory(noticeGivenOn: a.regionalWithdrawalNoticeOn.flatMap(CivilDate.init), on: today)
        }
        guard stillIn(association) else { return [ownID] }
        return try await Association.query(on: db).filter(\.$regionalAgreement.$id == agreement).all().filter(stillIn).compactMap(\.id)
    }

    /// The Board of Directors of one association, who hear its appeals (a1.27); not pooled.
    static func board(of association: Association, on db: Database) async throws -> [CommitteeSeat] {
        try await seats(.directors, in: [association.requireID()], on: db)
    }

    /// How many Directors' panels each Director was appointed to since `since`, in this association: the assistant
    /// proposes the least loaded (issue 18).
    static func recentDirectorsPanels(in association: UUID, since: CivilDate, db: Database) async throws -> [UUID: Int] {
        let appointed = try await DocketEntryRecord.query(on: db).filter(\.$association.$id == association)
            .filter(\.$type == DocketEntryType.directorsPanelAppointed.rawValue).filter(\.$effectiveOn >= since.description).all(\.$payload)
        var load: [UUID: Int] = [:]
        for payload in appointed {
            let ids = (try? JSONDecoder().decode(Payload.self, from: Data(payload.utf8)))?["directorIds"]?.textValue
            for id in HearingPanel.ids(ids) { load[id, default: 0] += 1 }
        }
        return load
    }

    /// The Executive Committee of one association, which may decide a dismissal or ethics appeal instead (S4 (11), (32)).
    static func executive(of association: Association, on db: Database) async throws -> [CommitteeSeat] {
        try await seats(.executive, in: [association.requireID()], on: db)
    }

    /// The standing citation panel the executive officer appointed from the PSC (S3 9.1.2); not pooled.
    static func citationPanel(of association: Association, on db: Database) async throws -> [CommitteeSeat] {
        try await seats(.citationPanel, in: [association.requireID()], on: db)
    }

    /// The rosters kept on the committee page: every body the seeds name.
    typealias Kind = CommitteeBody

    static func pool(for association: Association, on today: CivilDate, db: Database) async throws -> [CommitteeSeat] {
        try await roster(.psc, of: association, on: today, db: db)
    }

    /// Whether a body is joint under a regional agreement: the Grievance and Professional Standards Committees and the
    /// mediation officers (appendix (3), (4)); the Directors, the Executive Committee and the citation panel stay each
    /// association's own.
    static func isJoint(_ body: Kind) -> Bool { [.grievance, .psc, .mediators].contains(body) }

    /// A body's seats, the signatories' together where the body is joint, by name.
    static func roster(_ body: Kind, of association: Association, on today: CivilDate, db: Database) async throws -> [CommitteeSeat] {
        try await roster(body, of: association, sharing: associations(sharing: association, on: today, db: db), db: db)
    }

    /// The same, with the associations sharing the agreement's committees already read (`associations(sharing:)`).
    static func roster(_ body: Kind, of association: Association, sharing: [UUID], db: Database) async throws -> [CommitteeSeat] {
        try await seats(body, in: isJoint(body) ? sharing : [association.requireID()], on: db)
    }

    /// One body's seats in these associations, by panel and name.
    private static func seats(_ body: Kind, in associations: [UUID], on db: Database) async throws -> [CommitteeSeat] {
        try await CommitteeSeat.query(on: db).filter(\.$association.$id ~~ associations).filter(\.$committee == body.rawValue)
            .with(\.$person).with(\.$association).all()
            .sorted { ($0.subpanel ?? 0, $0.person.lastName, $0.person.firstName) < ($1.subpanel ?? 0, $1.person.lastName, $1.person.firstName) }
    }

    /// What the roster check says about a body today (`RosterWarnings`): its size and make-up against the profile or the
    /// regional agreement, chairs, terms and training. `sharing`: the associations sharing the agreement's committees.
    static func warnings(_ body: Kind, seats: [CommitteeSeat], of association: Association, sharing: [UUID], on today: CivilDate,
                         db: Database) async throws -> [Refusal] {
        let people = seats.map(\.$person.id)
        let memberships = people.isEmpty ? [] : try await Membership.query(on: db).filter(\.$person.$id ~~ people).all()
        let realtors = Set(memberships.filter { $0.membershipType != MembershipType.affiliate.rawValue }.map(\.$person.id))
        var signatories: [String]?
        if isJoint(body), sharing.count > 1 {
            signatories = try await Association.query(on: db).filter(\.$id ~~ sharing).sort(\.$name).all().map(\.name)
        }
        return RosterWarnings.check(body, members: seats.map { $0.rosterMember(isRealtor: realtors.contains($0.$person.id)) },
                                    composition: association.ruleProfile(on: today)?.composition(of: body), signatories: signatories, today: today)
    }

    /// How many panels each person sat on in the last twelve months: what the panel assistant spreads (issue 18).
    /// - Parameter mediations: count mediation officer assignments (S3 §8) instead of hearing panel seats.
    static func recentAssignments(of people: [UUID], on today: CivilDate, mediations: Bool = false, db: Database) async throws -> [UUID: Int] {
        guard !people.isEmpty else { return [:] }
        let since = today.adding(days: -365).description
        let query = PanelSeat.query(on: db).filter(\.$person.$id ~~ people)
        let seats = try await (mediations ? query.filter(\.$seat == PanelSeat.mediatorSeat) : query.filter(\.$seat != PanelSeat.mediatorSeat))
            .join(CaseRecord.self, on: \PanelSeat.$caseRecord.$id == \CaseRecord.$id).filter(CaseRecord.self, \.$openedOn >= since).all()
        return Dictionary(grouping: seats, by: { $0.$person.id }).mapValues(\.count)
    }
}

/// Everything the panel screen and the naming step need: each committee member as the composition rules
/// see them for this case, and the case's context (a1.14, b7).
struct PanelSelection: Sendable {
    let candidates: [PanelCandidate]
    let context: PanelContext
    let panel: HearingPanel
    /// The committee seats the candidates come from (with their association).
    let pool: [CommitteeSeat]

    /// The members who are parties to another pending case with one of these parties (b7.2): two queries, whatever
    /// the committee's size.
    static func partiesToRelatedCases(_ members: [UUID], besides caseID: UUID, parties: Set<UUID>, db: Database) async throws -> Set<UUID> {
        guard !members.isEmpty, !parties.isEmpty else { return [] }
        let theirs = try await CaseParty.query(on: db).filter(\.$person.$id ~~ members).filter(\.$caseRecord.$id != caseID).with(\.$caseRecord).all()
            .filter { !(CaseStatus(rawValue: $0.caseRecord.status)?.isTerminal ?? true) }
        guard !theirs.isEmpty else { return [] }
        let shared = Set(try await CaseParty.query(on: db).filter(\.$caseRecord.$id ~~ Array(Set(theirs.map(\.$caseRecord.id))))
            .filter(\.$person.$id ~~ Array(parties)).all(\.$caseRecord.$id))
        return Set(theirs.filter { shared.contains($0.$caseRecord.id) }.map(\.$person.id))
    }

    /// - Parameter profile: the case's rule profile, for the panel's minimum size (a1.14).
    static func load(_ c: CaseScope, hearingOn: CivilDate, profile: RuleProfile, db: Database) async throws -> PanelSelection {
        let pool = try await Committee.pool(for: c.scope.association, on: hearingOn, db: db)
        // The President's appointees in a specialist field sit like committee members (S3 7.6.1, a2.22).
        let specialistIDs = ArbitrationHearing.specialists(c.docket).filter { id in !pool.contains { $0.$person.id == id } }
        let specialists = specialistIDs.isEmpty ? [] : try await Person.query(on: db).filter(\.$id ~~ specialistIDs).all()
        let panel = HearingPanel.build(c.docket)
        let parties = try await CaseParty.query(on: db).filter(\.$caseRecord.$id == c.record.requireID()).all()
        let partyIDs = Set(parties.map(\.$person.id))
        let memberships = try await Membership.query(on: db).filter(\.$person.$id ~~ (Array(partyIDs) + pool.map { $0.$person.id } + specialistIDs)).with(\.$firm).all()
        func membership(_ person: UUID) -> Membership? { memberships.first { $0.$person.id == person } }
        let partyMemberships = parties.compactMap { membership($0.$person.id) }
        let partyFirms = Set(partyMemberships.compactMap { $0.firm?.name })
        let partyIsNonPrincipal = partyMemberships.contains { !$0.isPrincipal && $0.membershipType != MembershipType.affiliate.rawValue }
        // Who reviewed the complaint in the Grievance Committee may not sit on its panel (b7.4, S4 (5)).
        let gcReviewers = Set(try await EthicsSteps.grievanceMembers(in: c.scope.association, asOf: hearingOn, on: db).compactMap(\.id))
            .union(CaseProjection.build(kind: c.kind, docket: c.docket).excludedReviewers)
        let context = PanelContext.forCase(docket: c.docket, partyIsNonPrincipal: partyIsNonPrincipal, partyFirms: partyFirms, on: hearingOn, profile: profile)
        func candidate(_ person: UUID, name: String, trainingThrough: CivilDate?) -> PanelCandidate {
            let m = membership(person)
            return PanelCandidate(id: person, name: name, firm: m?.firm?.name,
                                  isRealtor: m.map { $0.membershipType != MembershipType.affiliate.rawValue } ?? false,
                                  isPrincipal: m?.isPrincipal ?? false, trainingCurrentThrough: trainingThrough,
                                  // The certificate is signed once named (b7.3); `HearingPanel.uncertified` tracks it.
                                  certificateSigned: true,
                                  relatedToParty: partyIDs.contains(person)).onCase(panel, gcReviewers: gcReviewers)
        }
        // An appointee is qualified by the President's appointment for this matter (S3 7.6.1): the committee's yearly
        // training (a2.7) is the committee's, so their training counts as current for this hearing.
        // A certified professional-standards trainer needs no yearly training (S3 3.2, 3.3): current through the hearing.
        let load = try await Committee.recentAssignments(of: pool.map(\.$person.id), on: hearingOn, db: db)
        let related = try await Self.partiesToRelatedCases(pool.map(\.$person.id), besides: c.record.requireID(), parties: partyIDs, db: db)
        let candidates = pool.map { seat in
            var member = candidate(seat.$person.id, name: seat.person.fullName,
                                   trainingThrough: seat.certifiedTrainer ? context.hearingOn : seat.trainingThrough.flatMap(CivilDate.init))
            member.termEndsOn = seat.termEndsOn.flatMap(CivilDate.init)
            member.recentAssignments = load[seat.$person.id] ?? 0
            member.partyInRelatedCase = related.contains(seat.$person.id)
            return member
        } + specialists.compactMap { p in p.id.map { candidate($0, name: p.fullName, trainingThrough: context.hearingOn) } }
        return PanelSelection(candidates: candidates, context: context, panel: panel, pool: pool)
    }
}

/// Adds, changes and removes seats on the association's bodies.
enum CommitteeRoster {
    /// What a seat says beyond who holds it, as typed on the committee page (every field optional).
    struct Details {
        var isChair = false
        var isViceChair = false
        var appointedBy = ""
        var termStartsOn = ""
        var termEndsOn = ""
        var trainingThrough = ""
        /// The day of the member's latest professional-standards training; it sets `trainingThrough` (a2.7).
        var trainedOn = ""
        var certifiedTrainer = false
        var subpanel = ""

        init(isChair: Bool = false, trainingThrough: String = "") { self.isChair = isChair; self.trainingThrough = trainingThrough }

        /// The form's fields, read once.
        init(_ field: (String) -> String) {
            isChair = field("office") == "chair" || field("isChair") == "yes"
            isViceChair = field("office") == "vice-chair"
            appointedBy = field("appointedBy"); termStartsOn = field("termStartsOn"); termEndsOn = field("termEndsOn")
            trainingThrough = field("trainingThrough"); trainedOn = field("trainedOn"); certifiedTrainer = field("certifiedTrainer") == "yes"
            subpanel = field("subpanel")
        }
    }

    /// Writes the details onto a seat, after checking them against the body's rules; refusals name the rule.
    private static func apply(_ details: Details, to seat: CommitteeSeat, body: Committee.Kind, today: CivilDate, profile: RuleProfile?,
                              in scope: AssociationScope, on db: Database) async throws {
        var problems: [Refusal] = []
        func date(_ text: String, _ what: String, rule: RuleID) -> CivilDate? {
            guard !text.isEmpty else { return nil }
            guard let day = CivilDate(text), day.isPlausible else {
                problems.append(Refusal(code: "bad_date", message: "Give \(what) as YYYY-MM-DD.", rule: rule))
                return nil
            }
            return day
        }
        var through = date(details.trainingThrough, "the training date", rule: .a2_7)
        if let trained = date(details.trainedOn, "the day of the training", rule: .a2_7) {
            if trained > today { problems.append(Refusal(code: "training_in_future", message: "The training day cannot be after today.", rule: .a2_7)) }
            through = CommitteeTraining.currentThrough(trainedOn: trained)
        }
        var starts = date(details.termStartsOn, "the first day of the term", rule: .a2_7)
        var ends = date(details.termEndsOn, "the last day of the term", rule: .a2_7)
        if body.hasTerms {
            // A new seat without dates serves a full three-year term from today (S3 3.2).
            if starts == nil && ends == nil && seat.id == nil { starts = today }
            if let start = starts, ends == nil { ends = CommitteeTerms.endsOn(startingOn: start) }
            // A changed end is checked against the term's start as typed or as kept.
            if let start = starts ?? seat.termStartsOn.flatMap(CivilDate.init), let end = ends {
                if end < start { problems.append(Refusal(code: "term_backwards", message: "The term cannot end before it starts.", rule: .a2_7)) }
                if end > CommitteeTerms.endsOn(startingOn: start) {
                    problems.append(Refusal(code: "term_too_long", message: "A term is at most three years: from \(start) it ends by \(CommitteeTerms.endsOn(startingOn: start)) (S3 3.2).", rule: .a2_7))
                }
            }
        }
        var subpanel: Int?
        if !details.subpanel.isEmpty {
            let panels = body == .grievance ? profile?.composition(of: .grievance)?.subpanels ?? 0 : 0
            if let n = Int(details.subpanel), (1...max(1, panels)).contains(n), panels > 0 { subpanel = n } else {
                problems.append(Refusal(code: "no_such_panel", message: panels > 0 ? "Choose panel 1 to \(panels) of the Grievance Committee (S3 3.2.1)." : "This committee is not divided into panels.", rule: .a2_7))
            }
        }
        if details.isChair && details.isViceChair {
            problems.append(Refusal(code: "chair_and_vice", message: "One person cannot be both chair and vice-chair.", rule: .a2_7))
        }
        if !problems.isEmpty { throw AppError(refusals: problems) }
        if details.isChair && !seat.isChair { try await clearOffice(\.$isChair, body.rawValue, subpanel: subpanel, in: scope, on: db) }
        if details.isViceChair && !seat.isViceChair { try await clearOffice(\.$isViceChair, body.rawValue, subpanel: nil, in: scope, on: db) }
        seat.isChair = details.isChair
        seat.isViceChair = details.isViceChair
        let appointer = details.appointedBy.trimmingCharacters(in: .whitespaces)
        seat.appointedBy = !appointer.isEmpty ? String(appointer.prefix(120))
            : details.isChair ? CommitteeBody.chairAppointedBy : details.isViceChair ? CommitteeBody.viceChairAppointedBy : seat.appointedBy
        seat.termStartsOn = starts?.description ?? seat.termStartsOn
        seat.termEndsOn = ends?.description ?? seat.termEndsOn
        if through != nil || !details.trainingThrough.isEmpty || !details.trainedOn.isEmpty { seat.trainingThrough = through?.description }
        seat.certifiedTrainer = details.certifiedTrainer
        seat.subpanel = subpanel ?? (body == .grievance ? seat.subpanel : nil)
    }

    static func add(memberNumber: String, details: Details, committee: Committee.Kind = .psc,
                    attestedExperience: Bool = false, today: CivilDate, in scope: AssociationScope, on db: Database) async throws {
        try scope.require(.manageMembers)
        guard let membership = try await Membership.query(on: db).filter(\.$association.$id == scope.id).filter(\.$memberNumber == memberNumber).first() else {
            throw AppError(.unprocessableEntity, code: "unknown_member", message: "No member \(memberNumber) in this association.", rule: .a1_14)
        }
        if try await CommitteeSeat.query(on: db).filter(\.$association.$id == scope.id).filter(\.$committee == committee.rawValue)
            .filter(\.$person.$id == membership.$person.id).count() > 0 {
            throw AppError(.unprocessableEntity, code: "already_on_committee", message: "\(memberNumber) already sits on the \(committee.label).", rule: .a1_14)
        }
        let profile = scope.association.ruleProfile(on: today)
        if committee == .citationPanel {
            try await checkCitationPanelist(membership.$person.id, memberNumber: memberNumber, attestedExperience: attestedExperience, profile: profile,
                                            in: scope, on: db)
        }
        let seat = CommitteeSeat(associationID: scope.id, personID: membership.$person.id, committee: committee.rawValue, isChair: false, trainingThrough: nil)
        if details.appointedBy.isEmpty && committee.hasTerms && !details.isChair && !details.isViceChair {
            seat.appointedBy = "the Committee Chair"  // S3 3.2, 3.3: members are appointed by the chair
        }
        try await apply(details, to: seat, body: committee, today: today, profile: profile, in: scope, on: db)
        try await seat.create(on: db)
    }

    static func update(seat id: String?, details: Details, today: CivilDate, in scope: AssociationScope, on db: Database) async throws {
        try scope.require(.manageMembers)
        let seat = try await find(id, in: scope, on: db)
        guard let body = seat.body else { throw AppError.notFound("committee seat") }
        try await apply(details, to: seat, body: body, today: today, profile: scope.association.ruleProfile(on: today), in: scope, on: db)
        try await seat.save(on: db)
    }

    static func remove(seat id: String?, in scope: AssociationScope, on db: Database) async throws {
        try scope.require(.manageMembers)
        try await find(id, in: scope, on: db).delete(on: db)
    }

    /// A citation panelist is a member of the association's PSC with hearing experience (S3 9.1.2): a seat on an
    /// earlier hearing panel shows it, or the executive officer attests it on appointing; and the panel is three (b9.2).
    private static func checkCitationPanelist(_ person: UUID, memberNumber: String, attestedExperience: Bool, profile: RuleProfile?,
                                              in scope: AssociationScope, on db: Database) async throws {
        guard let profile, profile.citationsAdopted else {
            throw AppError(.unprocessableEntity, code: "citations_not_adopted", message: "This association has not adopted a citation policy.", rule: .b9_1)
        }
        guard try await CommitteeSeat.query(on: db).filter(\.$association.$id == scope.id).filter(\.$committee == Committee.Kind.psc.rawValue)
            .filter(\.$person.$id == person).count() > 0 else {
            throw AppError(.unprocessableEntity, code: "not_on_psc", message: "\(memberNumber) is not on this association's Professional Standards Committee: the citation panel is drawn from it (S3 9.1.2).", rule: .a2_30)
        }
        let seated = try await PanelSeat.query(on: db).filter(\.$person.$id == person).filter(\.$seat != PanelSeat.mediatorSeat).count()
        guard seated > 0 || attestedExperience else {
            throw AppError(.unprocessableEntity, code: "no_hearing_experience", message: "\(memberNumber) has not sat on a hearing panel here: tick that the executive officer confirms their hearing experience (S3 9.1.2).", rule: .a2_30)
        }
        let size = try await CommitteeSeat.query(on: db).filter(\.$association.$id == scope.id).filter(\.$committee == Committee.Kind.citationPanel.rawValue).count()
        let wanted = profile.citationPanelSize
        guard size < wanted else {
            throw AppError(.unprocessableEntity, code: "citation_panel_full", message: "The citation panel already has its \(wanted) members; remove one first (b9.2).", rule: .b9_2)
        }
    }

    /// One chair a committee (or a Grievance Committee panel, S3 3.2.1), one vice-chair: naming a new one steps the old
    /// one down.
    private static func clearOffice(_ office: KeyPath<CommitteeSeat, FieldProperty<CommitteeSeat, Bool>>, _ committee: String, subpanel: Int?,
                                    in scope: AssociationScope, on db: Database) async throws {
        var query = CommitteeSeat.query(on: db).filter(\.$association.$id == scope.id).filter(\.$committee == committee)
        if let subpanel { query = query.filter(\.$subpanel == subpanel) }
        try await query.set(office, to: false).update()
    }

    /// A seat of this association's own committee; any other is not found.
    private static func find(_ id: String?, in scope: AssociationScope, on db: Database) async throws -> CommitteeSeat {
        guard let id = id.flatMap(UUID.init(uuidString:)),
              let seat = try await CommitteeSeat.query(on: db).filter(\.$id == id).filter(\.$association.$id == scope.id).first() else {
            throw AppError.notFound("committee seat")
        }
        return seat
    }

}

/// The choice of citation panelists on a citation case (S3 9.1.2): the standing panel first, then the rest of the PSC
/// as substitutes; whoever the composition rules exclude on this case is shown with the reason and cannot be ticked.
enum CitationPanelOptions {
    static func options(_ caseScope: CaseScope, today: CivilDate, profile: RuleProfile, db: Database) async throws -> [StepForm.Option] {
        let selection = try await PanelSelection.load(caseScope, hearingOn: today, profile: profile, db: db)
        let standing = Set(try await Committee.citationPanel(of: caseScope.scope.association, on: db).map(\.$person.id))
        return selection.candidates.sorted { (standing.contains($0.id) ? 0 : 1, $0.name) < (standing.contains($1.id) ? 0 : 1, $1.name) }.map { candidate in
            let excluded = PanelComposition.exclusions(of: candidate, context: selection.context)
            let reason = excluded.first.map { $0.message.replacingOccurrences(of: "\(candidate.name): ", with: "") }
            return StepForm.Option(value: candidate.id.uuidString,
                                   label: candidate.name + (standing.contains(candidate.id) ? "" : " (PSC, in place of a panelist in conflict)"),
                                   note: reason)
        }
    }
}
