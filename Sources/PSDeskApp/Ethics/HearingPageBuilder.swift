import Vapor
import Fluent
import StandardsCore

/// The hearing page of an ethics case: panel selection, hearing, decision, appeal, the Directors' action,
/// the ledger and compliance. Each form shows only to whoever may take that step now; a refused form comes
/// back with its messages and everything typed.
struct HearingPage: Encodable {
    let layout: LayoutContext
    /// The page's words (`hearing_…`): a party's in their language, English for everyone else (issue 19).
    var t: [String: String] = [:]
    let number: String
    let title: String
    let status: String
    let caseURL: String
    let stepURL: String
    let profile: String
    /// An arbitration uses the same panel and hearing machinery, with its own rules (S3 7.6): no decision or appeal here.
    let isArbitration: Bool
    let errors: [String]
    /// Warnings the last step passed with (an appeal heard after 30 days, a1.27), shown once.
    let notices: [String]
    /// What the last step did, once ("Panel named.").
    let said: [String]
    /// The step whose form was refused, so its reasons show beside it ("" when none).
    let failedStep: String
    let failedAnchor: String
    /// What the refused form carried, by field name; every hearing field is present.
    let form: [String: String]
    // Panel selection
    let listTransmittedOn: String?
    let listed: [Option]
    let challenges: [ChallengeRow]
    let panel: [PanelRow]
    let alternates: [String]
    let vacancies: [Option]
    let candidates: [CandidateRow]
    let proposal: String?
    let filter: FilterView
    let canSendList: Bool
    let canChallenge: Bool
    let canName: Bool
    let canReplace: Bool
    let selfCertifyURL: Bool
    let canDisclose: Bool
    // Hearing
    let hearing: String?
    let canSchedule: Bool
    let canContinue: Bool
    let canNotices: Bool
    let canPapers: Bool
    let canHold: Bool
    /// The GC may take the place of a complainant who would not appear (a1.21).
    let canGCSubstitute: Bool
    // Decision
    let decision: [Detail]
    let priorRecord: [String]
    let canDecide: Bool
    let canCounsel: Bool
    let canTransmit: Bool
    // Appeal and Directors
    let appeal: [Detail]
    let finalAction: [Detail]
    let canAppeal: Bool
    let appealCap: String
    /// How the deposit reads on the appeal form: "up to $500.00 (a1.26)", or "$500.00, required (a2.16)".
    let appealDepositLabel: String
    /// Where the appeal is filed (the President under NAR, the Secretary under OBAR, a2.16).
    let appealFiledWith: String
    // Petition for rehearing, where the profile provides it (S3 5.4.1, a2.16)
    let rehearing: [Detail]
    let canPetitionRehearing: Bool
    let canDecideRehearing: Bool
    let isComplainant: Bool
    let canReviewAppeal: Bool
    /// The appellant adds the detail the preliminary review asked for (a1.27).
    let canAmendAppeal: Bool
    let canScheduleAppeal: Bool
    let appealHearingOn: String?
    let canAppealHeard: Bool
    /// The Board, for choosing who heard the appeal; who may not sit says why (b7.4).
    let board: [BoardRow]
    let canDirectorsAct: Bool
    /// The panel's recommended discipline: the ceiling for the Directors (a1.25).
    let recommended: String?
    let actions: [Option]
    let dispositions: [Option]
    let depositHeld: String?
    // Money and compliance
    let ledger: [LedgerRow]
    let balances: [Detail]
    let compliance: [ComplianceRow]
    let canRecordCompliance: Bool
    /// Staff are told when the respondent has left every association, or come back (a1.12).
    let abeyanceHint: String?
    let complianceEvents: [Option]
    let deadlines: [CasePage.DeadlineRow]

    struct Option: Encodable { let value: String; let label: String }
    struct Detail: Encodable { let label: String; let value: String }
    struct ChallengeRow: Encodable { let personId: String; let name: String; let reason: String; let by: String; let filedOn: String; let ruling: String; let canRule: Bool }
    struct PanelRow: Encodable { let name: String; let seat: String; let certified: Bool; let conflicted: Bool }
    /// The panel assistant's filter as typed, in words, and what was ignored (S3 1.3.2).
    struct FilterView: Encodable {
        let values: [String: String]; let description: String; let ignored: [String]
        let fields: [CommitteeController.Page.Option]
    }
    static let filterFields = ["minYearsRealtor", "minYearsInRealEstate", "field", "position", "state", "codeOfEthicsTraining"]

    struct CandidateRow: Encodable {
        let id: String; let name: String; let association: String; let firm: String; let kind: String; let training: String
        let recentPanels: Int
        /// Their appointment criteria in a line, and whether the assistant's filter leaves them out (S3 1.3.2).
        let criteria: String; let outsideFilter: Bool
        let exclusions: [String]; let eligible: Bool; let challengePending: Bool
        /// Ticked on the naming form: the engine's proposal, or what was typed before a refusal.
        let proposed: Bool; let proposedChair: Bool
    }
    struct BoardRow: Encodable { let id: String; let name: String; let excluded: String? }
    struct LedgerRow: Encodable { let on: String; let description: String; let from: String; let to: String; let amount: String; let rule: String }
    struct ComplianceRow: Encodable { let sanction: String; let due: String; let status: String; let statusClass: String; let note: String; let rule: String }
}

enum HearingPageBuilder {
    /// Each form shows exactly when the step runner would take it (`StepRunner.refusal`), so the page and the API agree.
    /// - Parameter tickedMembers: the panel form's boxes ticked before a refusal.
    static func build(_ c: CaseScope, actor: Actor, today: CivilDate, layout: LayoutContext, errors: [String] = [], notices: [String] = [], said: [String] = [],
                      failedStep: String = "", form: [String: String] = [:], tickedMembers: [String]? = nil, filterValues: [String: String] = [:],
                      words: Wording = Wording(.en), db: Database) async throws -> HearingPage {
        let slug = c.scope.association.slug, number = c.record.number
        let status = CaseStatus(rawValue: c.record.status) ?? .opened
        let rules = try await CaseRules.load(for: c.record, in: c.scope.association, on: db, today: today)
        let selection = try await PanelSelection.load(c, hearingOn: today, profile: rules.profile, db: db)
        let panel = selection.panel
        let isStaff = c.scope.roles.contains(.staff)
        let partyRole = StepActor(parties: c.partyRoles).side
        let stepView = StepRunner.view(c, today: today, rules: rules)
        let effective = stepView.effective
        func offered(_ step: any CaseStep.Type) -> Bool { StepRunner.refusal(step, c, view: stepView) == nil }
        let people = try await Person.query(on: db).filter(\.$id ~~ (panel.listed + panel.members + panel.alternates + selection.candidates.map(\.id))).all()
        func name(_ id: UUID) -> String { people.first { $0.id == id }?.fullName ?? selection.candidates.first { $0.id == id }?.name ?? id.uuidString }
        let pool = selection.pool
        let deadlines = stepView.deadlines

        // What was ticked (or typed, from the API's text form) before a refusal wins over the engine's proposal.
        let typedMembers = tickedMembers ?? form["memberIds"].flatMap { $0.isEmpty ? nil : HearingPanel.ids($0).map(\.uuidString) }
        let eligible = selection.candidates.filter { PanelComposition.exclusions(of: $0, context: selection.context).isEmpty }
        // The filter narrows whom the assistant proposes, never whom the rules allow (S3 1.3.2; issue 18).
        let (filter, ignored) = CriteriaFilter.parse { filterValues[$0] ?? "" }
        let criteria = try await AppointmentCriteriaRecord.of(selection.candidates.map(\.id), on: db)
        let inFilter = Set(selection.candidates.filter { filter.admits(criteria[$0.id], isPrincipal: $0.isPrincipal) }.map(\.id))
        let proposal = PanelComposition.propose(from: selection.candidates.filter { inFilter.contains($0.id) }, size: selection.context.minimumSize,
                                                context: selection.context)
        let decision = effective.last { $0.type == .decisionFiled }
        let appeal = effective.last { $0.type == .appealFiled }
        let ledger = CaseLedger.build(c.docket, profile: rules.profile)
        let held = ledger.balance(.depositsHeld)
        let hearing = HearingEvents.setting(c.docket)
        let compliance = DisciplineCompliance.items(c.docket, profile: rules.profile, asOf: today)
        // Petitions for rehearing, where the profile provides them (S3 5.4.1, a2.16).
        let afterDecision = decision?.sequence ?? 0
        let rehearingEntries = effective.filter { ($0.type == .rehearingPetitioned || $0.type == .rehearingDecided) && $0.sequence > afterDecision }
        var rehearing: [HearingPage.Detail] = []
        func details(_ entry: DocketEntry) -> [HearingPage.Detail] { Self.details(entry, words: words) }
        for entry in rehearingEntries { rehearing += [HearingPage.Detail(label: words.entryTitle(entry.type), value: entry.effectiveOn.description)] + details(entry) }
        let depositCap = Money.format(rules.profile.appealDepositCapCents)
        let appealDepositLabel = words(rules.profile.appealDepositRequired ? "hearing_depositRequired" : "hearing_depositUpTo", ["cap": depositCap])
        let appealFiledWith = words(rules.profile.ethicsAppealFiledWith == "secretary" ? "hearing_secretary" : "hearing_president")

        var page = HearingPage(
            layout: layout, number: number, title: c.record.title, status: words.caseStatus(status.rawValue),
            caseURL: Paths.caseDetail(slug, number), stepURL: Paths.caseDetail(slug, number) + "/hearing", profile: rules.profile.name.uppercased(),
            isArbitration: c.kind == .arbitration,
            errors: errors, notices: notices, said: said, failedStep: failedStep, failedAnchor: "#\(failedStep)-error", form: form,
            listTransmittedOn: panel.listTransmittedOn?.description,
            listed: panel.listed.map { .init(value: $0.uuidString, label: name($0)) },
            challenges: panel.challenges.map { ch in
                .init(personId: ch.personId.uuidString, name: ch.name, reason: ch.reason, by: ch.by.map { words.choice($0) ?? $0 } ?? "—", filedOn: ch.filedOn.description,
                      ruling: words(ch.upheld.map { $0 ? "hearing_upheld" : "hearing_denied" } ?? "hearing_awaitingChair"), canRule: offered(PanelSteps.RuleOnChallenge.self) && ch.upheld == nil)
            },
            panel: panel.members.map { id in
                .init(name: name(id), seat: words(id == panel.chair ? "hearing_chair" : "hearing_memberSeat"), certified: panel.certified.contains(id), conflicted: panel.conflicted.contains(id))
            },
            alternates: panel.alternates.map(name),
            vacancies: panel.vacancies.map { .init(value: $0.uuidString, label: name($0)) },
            candidates: selection.candidates.map { cand in
                let seat = pool.first { $0.$person.id == cand.id }
                return .init(id: cand.id.uuidString, name: cand.name, association: seat?.association.name ?? "", firm: cand.firm ?? "—",
                             kind: cand.isRealtor ? (cand.isPrincipal ? "REALTOR, principal" : "REALTOR, non-principal") : "not a REALTOR",
                             training: cand.trainingCurrentThrough?.description ?? "none recorded", recentPanels: cand.recentAssignments,
                             criteria: criteria[cand.id]?.summary ?? "—", outsideFilter: !inFilter.contains(cand.id),
                             exclusions: PanelComposition.exclusions(of: cand, context: selection.context).map { "\($0.message.replacingOccurrences(of: "\(cand.name): ", with: "")) (\($0.rule ?? ""))" },
                             eligible: eligible.contains(cand), challengePending: panel.pendingChallenges.contains { $0.personId == cand.id },
                             proposed: (typedMembers ?? proposal?.map(\.id.uuidString) ?? []).contains(cand.id.uuidString),
                             proposedChair: (form["chairId"].flatMap { $0.isEmpty ? nil : $0 } ?? proposal?.first?.id.uuidString) == cand.id.uuidString)
            },
            proposal: proposal.map { $0.map(\.name).joined(separator: ", ") },
            filter: HearingPage.FilterView(values: filterValues, description: filter.description, ignored: ignored,
                               fields: ArbitrationField.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: filterValues["field"] == $0.rawValue) }),
            canSendList: offered(PanelSteps.SendList.self),
            canChallenge: offered(PanelSteps.Challenge.self),
            canName: offered(PanelSteps.NamePanel.self),
            canReplace: offered(PanelSteps.ReplacePanelist.self),
            selfCertifyURL: c.facts.actorSitsOnPanel && actor.personID.map { panel.uncertified.contains($0) } == true && offered(PanelSteps.Certify.self),
            canDisclose: offered(PanelSteps.DiscloseConflict.self),
            hearing: hearing.map { h in
                words("hearing_when", ["date": h.parsed.date(.hearingOn)?.description ?? "",
                                       "time": h.payload["time"]?.textValue.map { words("track_at", ["time": $0]) } ?? "",
                                       "place": h.payload["place"]?.textValue ?? words("hearing_placeToBeSet")])
            },
            // A first setting, or the resumption of an adjourned hearing (a1.19); a set hearing moves only by continuance (a1.15).
            canSchedule: offered(HearingDaySteps.Schedule.self),
            canContinue: offered(HearingDaySteps.Continuance.self),
            canNotices: offered(HearingDaySteps.NoticeWitnesses.self),
            canPapers: offered(HearingDaySteps.PapersToPanel.self),
            canHold: offered(HearingDaySteps.Hold.self),
            canGCSubstitute: offered(HearingDaySteps.GCSubstitute.self),
            decision: decision.map(details) ?? [],
            // The respondent's record goes only to whoever decides the discipline, while deciding it (S4 (25), (27), S3 9.4.5).
            priorRecord: offered(DecisionSteps.Decide.self) ? try await PriorRecord.load(c, profile: rules.profile, today: today, db: db).lines : [],
            canDecide: offered(DecisionSteps.Decide.self),
            canCounsel: offered(DecisionSteps.CounselReview.self),
            canTransmit: offered(DecisionSteps.Transmit.self),
            appeal: appeal.map(details) ?? [],
            finalAction: effective.last { $0.type == .finalAction }.map(details) ?? [],
            canAppeal: offered(AppealSteps.Appeal.self),
            appealCap: Money.format(rules.profile.appealDepositCapCents),
            appealDepositLabel: appealDepositLabel, appealFiledWith: appealFiledWith,
            rehearing: rehearing, canPetitionRehearing: rules.profile.rehearingPetitions && offered(DecisionSteps.PetitionRehearing.self),
            canDecideRehearing: offered(DecisionSteps.DecideRehearing.self),
            isComplainant: partyRole == .complainant,
            canReviewAppeal: offered(AppealSteps.Review.self),
            canAmendAppeal: offered(AppealSteps.AmendAppeal.self),
            canScheduleAppeal: offered(AppealSteps.ScheduleHearing.self),
            appealHearingOn: appeal.flatMap { a in effective.last { $0.type == .appealHearingScheduled && $0.sequence > a.sequence } }?.parsed.date(.hearingOn)?.description,
            canAppealHeard: offered(AppealSteps.Heard.self),
            board: status == .appealed && isStaff ? try await Committee.board(of: c.scope.association, on: db).map { seat in
                let id = seat.$person.id
                let sat = panel.members.contains(id) || panel.alternates.contains(id) || panel.priorMembers.contains(id)
                return .init(id: id.uuidString, name: seat.person.fullName, excluded: sat ? "sat on the hearing panel (b7.4)" : nil)
            } : [],
            canDirectorsAct: offered(DirectorsSteps.Act.self),
            recommended: decision.map { $0.payload(as: DecisionFiled.self)?.discipline ?? "none" },
            actions: DirectorsAction.allCases.map { .init(value: $0.rawValue, label: $0.label) },
            dispositions: DepositDisposition.allCases.map { .init(value: $0.rawValue, label: $0.rawValue.replacingOccurrences(of: "-", with: " ")) },
            depositHeld: held > 0 ? Money.format(held) : nil,
            ledger: ledger.postings.map { .init(on: $0.on.description, description: $0.description, from: $0.from.rawValue, to: $0.to.rawValue, amount: Money.format($0.cents), rule: $0.rule) },
            balances: [CaseLedger.Account.depositsHeld, .respondentOwes, .treasury].map { .init(label: $0.rawValue.replacingOccurrences(of: "-", with: " "), value: Money.format(ledger.balance($0))) },
            compliance: compliance.map {
                .init(sanction: $0.sanction, due: $0.dueOn?.description ?? "—", status: $0.status.rawValue.replacingOccurrences(of: "-", with: " "),
                      statusClass: $0.status.badgeClass, note: $0.note, rule: $0.rule.id)
            },
            canRecordCompliance: offered(DirectorsSteps.Compliance.self),
            abeyanceHint: isStaff ? try await abeyanceHint(c, items: compliance, today: today, db: db) : nil,
            complianceEvents: ComplianceEvent.allCases.map { .init(value: $0.rawValue, label: $0.rawValue.replacingOccurrences(of: "-", with: " ")) },
            deadlines: deadlines.filter { hearingKeys.contains($0.key) }.map { words.deadlineRow($0, forParty: false) })
        page.t = words.catalog.page(["hearing"], words.language, ["with": appealFiledWith])
        return page
    }

    /// Compares the compliance record with the respondents' memberships today: discipline of someone who has left
    /// every association is held in abeyance, and revives when they rejoin (a1.12).
    static func abeyanceHint(_ c: CaseScope, items: [ComplianceItem], today: CivilDate, db: Database) async throws -> String? {
        guard !items.isEmpty else { return nil }
        let memberships = try await CaseParties.membershipsEverywhere(of: try await CaseParties.ids(of: c.record, role: .respondent, on: db), on: db)
        let current = memberships.contains { m in
            m.periods.contains { p in (CivilDate(p.startsOn).map { $0 <= today } ?? false) && (p.endsOn.flatMap(CivilDate.init).map { $0 >= today } ?? true) }
        }
        let held = items.contains { $0.status == .heldInAbeyance }
        if !current && !held && !memberships.isEmpty {
            return "The respondent holds no membership in any association today: record \"abeyance\" to hold the discipline until they rejoin (a1.12)."
        }
        if current && held { return "The respondent is a member again: record \"revived\" and the time to comply runs again (a1.12)." }
        return nil
    }

    static let hearingKeys: Set<DeadlineKey> = [.challenges, .panelNamed, .hearingNotice, .witnessNotice, .papersToPanel, .adjournedHearing, .decisionFiled,
                                                .decisionTransmitted, .appeal, .appealAfterRehearingDenied, .appealReview, .appealAmendment, .appealHearing, .appealHearingNotice, .directorsDecision,
                                                .arbitrationResponse, .arbitrationHearingNotice, .arbitrationPapersToPanel]

    static func details(_ entry: DocketEntry, words: Wording) -> [HearingPage.Detail] {
        entry.type.fields.compactMap { field in
            guard let value = entry.payload[field.name], field.name != "filedAt" else { return nil }
            // Form hints ("e.g. …") stay on the form; the record shows the plain label.
            let label = words.fieldLabel(field)
            if case .cents = field.type, let cents = value.integerValue { return .init(label: label, value: Money.format(cents)) }
            if field.name == "action", let action = value.textValue.flatMap(DirectorsAction.init(rawValue:)) {
                return .init(label: label, value: words.choice(action.rawValue) ?? action.label)
            }
            if case .choice = field.type, let raw = value.textValue, let worded = words.choice(raw) { return .init(label: label, value: worded) }
            return .init(label: label, value: value.display)
        } + [.init(label: words("hearing_recorded"), value: entry.effectiveOn.description)]
    }
}

extension ComplianceItem.Status {
    /// The badge colour of a compliance status, as deadlines use them: the hearing page and the worklist.
    var badgeClass: String {
        switch self {
        case .overdue: "missed"
        case .due, .contingent, .heldInAbeyance: "pending"
        case .done, .served, .inForce: "met"
        }
    }
}
