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
        try await CommitteeSeat.query(on: db).filter(\.$association.$id == association.requireID()).filter(\.$committee == Kind.directors.rawValue)
            .with(\.$person).with(\.$association).all()
            .sorted { ($0.person.lastName, $0.person.firstName) < ($1.person.lastName, $1.person.firstName) }
    }

    /// The standing citation panel the executive officer appointed from the PSC (S3 9.1.2); not pooled.
    static func citationPanel(of association: Association, on db: Database) async throws -> [CommitteeSeat] {
        try await CommitteeSeat.query(on: db).filter(\.$association.$id == association.requireID()).filter(\.$committee == Kind.citationPanel.rawValue)
            .with(\.$person).with(\.$association).all()
            .sorted { ($0.person.lastName, $0.person.firstName) < ($1.person.lastName, $1.person.firstName) }
    }

    /// The rosters kept on the committee page.
    enum Kind: String, CaseIterable, Sendable {
        case psc
        case directors
        /// Three PSC members with hearing experience, appointed by the executive officer (S3 9.1.2, b9.2).
        case citationPanel = "citation-panel"
        var label: String {
            switch self {
            case .psc: "Professional Standards Committee"
            case .directors: "Board of Directors"
            case .citationPanel: "citation panel"
            }
        }
    }

    static func pool(for association: Association, on today: CivilDate, db: Database) async throws -> [CommitteeSeat] {
        let ids = try await associations(sharing: association, on: today, db: db)
        return try await CommitteeSeat.query(on: db).filter(\.$association.$id ~~ ids).filter(\.$committee == "psc").with(\.$person).with(\.$association).all()
            .sorted { ($0.person.lastName, $0.person.firstName) < ($1.person.lastName, $1.person.firstName) }
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
        let gcReviewers = Set(try await EthicsSteps.grievanceMembers(in: c.scope.association, on: db).compactMap(\.id))
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
        let candidates = pool.map { candidate($0.$person.id, name: $0.person.fullName, trainingThrough: $0.trainingThrough.flatMap(CivilDate.init)) }
            + specialists.compactMap { p in p.id.map { candidate($0, name: p.fullName, trainingThrough: context.hearingOn) } }
        return PanelSelection(candidates: candidates, context: context, panel: panel, pool: pool)
    }
}

/// Adds a seat to the association's Professional Standards Committee.
enum CommitteeRoster {
    static func add(memberNumber: String, isChair: Bool, trainingThrough: String, committee: Committee.Kind = .psc,
                    attestedExperience: Bool = false, today: CivilDate? = nil, in scope: AssociationScope, on db: Database) async throws {
        try scope.require(.manageMembers)
        guard let membership = try await Membership.query(on: db).filter(\.$association.$id == scope.id).filter(\.$memberNumber == memberNumber).first() else {
            throw AppError(.unprocessableEntity, code: "unknown_member", message: "No member \(memberNumber) in this association.", rule: .a1_14)
        }
        let through = try trainingDate(trainingThrough)
        if try await CommitteeSeat.query(on: db).filter(\.$association.$id == scope.id).filter(\.$committee == committee.rawValue)
            .filter(\.$person.$id == membership.$person.id).count() > 0 {
            throw AppError(.unprocessableEntity, code: "already_on_committee", message: "\(memberNumber) already sits on the \(committee.label).", rule: .a1_14)
        }
        if committee == .citationPanel {
            let profile = today.flatMap(scope.association.ruleProfile(on:))
            try await checkCitationPanelist(membership.$person.id, memberNumber: memberNumber, attestedExperience: attestedExperience, profile: profile,
                                            in: scope, on: db)
        }
        if isChair { try await clearChair(committee.rawValue, in: scope, on: db) }
        try await CommitteeSeat(associationID: scope.id, personID: membership.$person.id, committee: committee.rawValue, isChair: isChair,
                                trainingThrough: through).create(on: db)
    }

    static func update(seat id: String?, trainingThrough: String, isChair: Bool, in scope: AssociationScope, on db: Database) async throws {
        try scope.require(.manageMembers)
        let seat = try await find(id, in: scope, on: db)
        seat.trainingThrough = try trainingDate(trainingThrough)
        if isChair && !seat.isChair { try await clearChair(seat.committee, in: scope, on: db) }
        seat.isChair = isChair
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

    /// One chair a committee: naming a new one steps the old one down.
    private static func clearChair(_ committee: String, in scope: AssociationScope, on db: Database) async throws {
        try await CommitteeSeat.query(on: db).filter(\.$association.$id == scope.id).filter(\.$committee == committee).set(\.$isChair, to: false).update()
    }

    /// A seat of this association's own committee; any other is not found.
    private static func find(_ id: String?, in scope: AssociationScope, on db: Database) async throws -> CommitteeSeat {
        guard let id = id.flatMap(UUID.init(uuidString:)),
              let seat = try await CommitteeSeat.query(on: db).filter(\.$id == id).filter(\.$association.$id == scope.id).first() else {
            throw AppError.notFound("committee seat")
        }
        return seat
    }

    private static func trainingDate(_ text: String) throws -> String? {
        guard !text.isEmpty else { return nil }
        guard let date = CivilDate(text) else {
            throw AppError(.unprocessableEntity, code: "training_date_invalid", message: "Give the training date as YYYY-MM-DD.", rule: .a2_7)
        }
        return date.description
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
