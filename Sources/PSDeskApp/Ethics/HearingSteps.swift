import Vapor
import Fluent
import StandardsCore

/// What a hearing step reads: the same fields from a web form or a JSON body. Every field is optional
/// text; each step says which it needs and refuses with the rule when one is missing.
struct HearingInput: Content, Sendable {
    var effectiveOn: String?
    var personId: String?
    var reason: String?
    var outcome: String?
    var memberIds: String?
    var chairId: String?
    var alternateIds: String?
    var replaces: String?
    var disclosure: String?
    var hearingOn: String?
    var time: String?
    var place: String?
    var attendance: String?
    var recorded: String?
    var adjournedAt: String?
    var lateWitness: String?
    var findings: String?
    var conclusions: String?
    var vote: String?
    var dissent: String?
    var discipline: String?
    var basis: String?
    /// A continuance's basis (a1.15): all-parties-agree or denial-unfair.
    var continuanceBasis: String?
    var grounds: String?
    var deposit: String?
    var action: String?
    var rationale: String?
    var depositDisposition: String?
    var refund: String?
    var complianceDays: String?
    var automaticPenalty: String?
    var contingentOnJudgment: String?
    var agencies: String?
    var event: String?
    var amount: String?
    var note: String?
    var articles: String?
    var absent: String?
    var article14Warning: String?
    var panelMotion: String?
    var waiver: String?
    var refusedEvidence: String?
    /// Who appeals when staff record a paper appeal: respondent, complainant, or both (a joint appeal, one deposit, a1.26).
    var appellant: String?
    /// The panel form's checkboxes (`members[]`, `alternates[]`); the API sends `memberIds` / `alternateIds` text.
    var members: [String]?
    var alternates: [String]?
    /// The Directors who heard an appeal: `directors[]` on the form, `directorIds` text over the API.
    var directors: [String]?
    var directorIds: String?

    func text(_ value: String?) -> String { (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// The hearing steps of an ethics case, from the panel list to compliance with the discipline (issue 6):
/// panel selection (a1.14, b7), hearing (a1.15–a1.21), decision (a1.22–a1.23), appeal (a1.24–a1.30),
/// the Directors' action (a1.25, a1.31) and compliance (a1.32–a1.33). One function a step; the web and the
/// API both call `run`.
enum HearingSteps {
    typealias Done = EthicsSteps.Done

    /// Every step by the name its routes use.
    enum Step: String, CaseIterable, Sendable {
        case panelList = "panel-list", challenge, ruleChallenge = "rule-challenge", namePanel = "name-panel", certify
        case discloseConflict = "disclose-conflict", replacePanelist = "replace-panelist", schedule
        case continuance, noShow = "no-show", gcSubstitute = "gc-substitute", noticeWitnesses = "notice-witnesses", papersToPanel = "papers-to-panel", hold, adjourn, amend, decision
        case counselReview = "counsel-review", transmitDecision = "transmit-decision"
        case petitionRehearing = "petition-rehearing", decideRehearing = "decide-rehearing", appeal, reviewAppeal = "review-appeal"
        case amendAppeal = "amend-appeal", scheduleAppeal = "schedule-appeal", appealHeard = "appeal-heard", directorsAction = "directors-action", compliance
    }

    /// Where in the case's life each step may come, and the rule that places it there. A step out of order is
    /// refused rather than moving the case backwards.
    static func opening(_ step: Step) -> (statuses: Set<CaseStatus>, rule: RuleID) {
        switch step {
        case .panelList, .challenge, .ruleChallenge, .namePanel: ([.forwarded, .replyReceived, .panelNamed], .a1_14)
        case .certify, .discloseConflict, .replacePanelist: ([.panelNamed, .hearingScheduled, .heard], .b7_3)
        case .schedule: ([.panelNamed, .hearingScheduled], .a1_16)
        case .continuance: ([.hearingScheduled], .a1_15)
        case .noShow, .gcSubstitute: (step == .noShow ? [.hearingScheduled] : [.underReview], .a1_21)
        case .noticeWitnesses: ([.hearingScheduled], .a1_20)
        case .papersToPanel: ([.hearingScheduled], .a2_12)
        case .hold, .adjourn: ([.hearingScheduled], .a1_19)
        case .amend: ([.hearingScheduled], .a1_19)
        case .decision: ([.heard], .a1_22)
        case .counselReview, .transmitDecision: ([.decided], .a1_23)
        case .appeal: ([.decided, .appealed], .a1_24)
        case .petitionRehearing, .decideRehearing: ([.decided], .a2_16)
        case .reviewAppeal, .amendAppeal, .scheduleAppeal, .appealHeard: ([.appealed], .a1_27)
        // Without an appeal, on a heard appeal, on an appeal the preliminary review dismissed, or on non-compliance.
        case .directorsAction: ([.decided, .appealed, .appealHeard, .beforeDirectors], .a1_25)
        case .compliance: ([.finalAction, .beforeDirectors], .a1_32)
        }
    }

    /// The entries each step records: the generic entry route refuses them, so they go through the step and its checks.
    static func records(_ step: Step) -> [RecordedEntry] {
        switch step {
        case .panelList: [.notice(.panelList)]
        case .challenge: [RecordedEntry(.challengeFiled)]
        case .ruleChallenge: [RecordedEntry(.challengeRuled)]
        case .namePanel, .replacePanelist: [RecordedEntry(.panelNamed)]
        case .certify: [RecordedEntry(.panelistCertified)]
        case .discloseConflict: [RecordedEntry(.panelistConflict)]
        case .schedule: [RecordedEntry(.hearingScheduled), .notice(.hearing)]
        case .continuance: [RecordedEntry(.hearingContinued)]
        case .noShow: [RecordedEntry(.hearingNoShow)]
        case .gcSubstitute: []  // records gc.continues, which the Committee's continuation step owns
        case .noticeWitnesses: [.notice(.witnessAndCounsel)]
        case .papersToPanel: [.notice(.papersToPanel)]
        case .hold: [RecordedEntry(.hearingHeld)]
        case .adjourn: [RecordedEntry(.hearingAdjourned)]
        case .amend: []  // complaint.amended, owned by the amendment step
        case .decision: [RecordedEntry(.decisionFiled)]
        case .counselReview: [RecordedEntry(.counselReviewed)]
        case .transmitDecision: [.notice(.decision)]
        case .petitionRehearing: [RecordedEntry(.rehearingPetitioned)]
        case .decideRehearing: [RecordedEntry(.rehearingDecided)]
        case .appeal: [RecordedEntry(.appealFiled)]
        case .reviewAppeal: [RecordedEntry(.appealReviewed)]
        case .amendAppeal: [RecordedEntry(.appealAmended)]
        case .scheduleAppeal: [RecordedEntry(.appealHearingScheduled)]
        case .appealHeard: [RecordedEntry(.appealHeard)]
        case .directorsAction: [RecordedEntry(.finalAction), .notice(.finalAction), .notice(.finalActionRedacted), .notice(.directorsDecision)]
        case .compliance: [RecordedEntry(.disciplineCompliance), .notice(.nonCompliance)]
        }
    }

    /// The hearing step that records this entry, if one does.
    static func step(recording proposed: ProposedEntry) -> Step? {
        Step.allCases.first { step in records(step).contains { $0.matches(proposed) } }
    }

    /// The coarse permission of each step; the step itself then checks the finer tie (which party, which panelist).
    static func authorize(_ step: Step, _ c: CaseScope) throws {
        switch step {
        case .ruleChallenge, .namePanel, .replacePanelist: try requireChairOrStaff(c)
        case .challenge, .appeal, .amendAppeal, .petitionRehearing: if !c.scope.roles.contains(.staff) { try c.require(.actAsParty) }
        case .decideRehearing: try requireChairOrStaff(c)
        case .certify, .discloseConflict, .amend, .decision: try c.require(.actAsPanel)
        case .gcSubstitute: try c.require(.decideComplaint)
        case .reviewAppeal: try c.require(.reviewAppeal)
        default: try EthicsSteps.requireStaff(c)
        }
    }

    /// - Parameter now: the application clock's instant, for the time a decision is filed (a1.22).
    static func run(_ step: Step, _ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, now: Date, db: Database) async throws -> Done {
        guard c.kind == .ethics else { throw AppError.invalid("Hearing steps apply to ethics cases.", code: "not_an_ethics_case") }
        try authorize(step, c)  // who may take the step at all comes before whether it is open now
        let status = CaseStatus(rawValue: c.record.status) ?? .opened
        let opening = opening(step)
        guard opening.statuses.contains(status) else {
            throw AppError(.unprocessableEntity, code: "step_out_of_order",
                           message: "This step (\(step.rawValue)) is not open while the case is \(status.label.lowercased()).", rule: opening.rule)
        }
        if step == .directorsAction, let refusal = DirectorsAction.refusal(docket: c.docket, status: status) { throw AppError(refusals: [refusal]) }
        switch step {
        case .panelList: return try await transmitPanelList(c, by: actor, on: date, db: db)
        case .challenge: return try await challenge(input, c, by: actor, on: date, db: db)
        case .ruleChallenge: return try await ruleChallenge(input, c, by: actor, on: date, db: db)
        case .namePanel: return try await namePanel(input, c, by: actor, on: date, db: db)
        case .certify, .discloseConflict: return try await panelistStep(step, input, c, by: actor, on: date, db: db)
        case .replacePanelist: return try await replacePanelist(input, c, by: actor, on: date, db: db)
        case .schedule: return try await schedule(input, c, by: actor, on: date, db: db)
        case .continuance: return try await continuance(input, c, by: actor, on: date, db: db)
        case .noShow:
            // Respondent absent → the panel proceeds; complainant absent → back to the GC (a1.21).
            try EthicsSteps.requireStaff(c)
            var payload: Payload = ["absent": .text(input.text(input.absent))]
            if input.article14Warning == "given" { payload["article14Warning"] = .text("given") }
            return try await EthicsSteps.append([ProposedEntry(type: .hearingNoShow, effectiveOn: date, payload: payload)], to: c, by: actor, db: db)
        case .gcSubstitute:
            try c.require(.decideComplaint)
            var payload: Payload = ["complainantAbsent": .text("clear-strong-convincing")]
            if !input.text(input.rationale).isEmpty { payload["rationale"] = .text(input.text(input.rationale)) }
            return try await EthicsSteps.append([ProposedEntry(type: .gcContinues, effectiveOn: date, payload: payload)], to: c, by: actor, db: db)
        case .noticeWitnesses, .papersToPanel: return try await hearingNotice(step, c, by: actor, on: date, db: db)
        case .hold: return try await hold(input, c, by: actor, on: date, db: db)
        case .adjourn:
            try EthicsSteps.requireStaff(c)
            return try await EthicsSteps.append([ProposedEntry(type: .hearingAdjourned, effectiveOn: date,
                                                               payload: ["lateWitness": .text(input.lateWitness == "yes" ? "yes" : "no")])], to: c, by: actor, db: db)
        case .amend: return try await amendAtHearing(input, c, by: actor, on: date, db: db)
        case .decision: return try await decide(input, c, by: actor, on: date, now: now, db: db)
        case .counselReview:
            try EthicsSteps.requireStaff(c)
            return try await EthicsSteps.append([ProposedEntry(type: .counselReviewed, effectiveOn: date)], to: c, by: actor, db: db)
        case .transmitDecision: return try await transmitDecision(c, by: actor, on: date, db: db)
        case .appeal: return try await appeal(input, c, by: actor, on: date, db: db)
        case .petitionRehearing: return try await petitionRehearing(input, c, by: actor, on: date, db: db)
        case .decideRehearing:
            // The panel rules on the petition; its chair (or staff for the panel) records it (S3 5.4.1).
            let outcome = input.text(input.outcome)
            guard ["granted", "denied"].contains(outcome) else {
                throw AppError(.unprocessableEntity, code: "outcome_required", message: "Choose whether the panel grants or denies the petition.", rule: .a2_16)
            }
            return try await EthicsSteps.append([ProposedEntry(type: .rehearingDecided, effectiveOn: date, payload: ["outcome": .text(outcome)])],
                                                to: c, by: actor, db: db)
        case .reviewAppeal:
            // The President's preliminary review (a1.27); staff may record it for the President.
            try c.require(.reviewAppeal)
            let outcome = input.text(input.outcome)
            guard ["proceed", "returned-for-detail", "dismissed"].contains(outcome) else {
                throw AppError(.unprocessableEntity, code: "review_outcome_required", message: "Choose: proceed, return for detail, or dismiss.", rule: .a1_27)
            }
            return try await EthicsSteps.append([ProposedEntry(type: .appealReviewed, effectiveOn: date, payload: ["outcome": .text(input.text(input.outcome))])],
                                                to: c, by: actor, db: db)
        case .amendAppeal:
            // The appellant adds the detail the President asked for, within 10 days (a1.27).
            if !c.scope.roles.contains(.staff) { try c.require(.actAsParty) }
            let basis = input.text(input.basis)
            guard !basis.isEmpty else { throw AppError(.unprocessableEntity, code: "appeal_basis_required", message: "State the amended basis.", rule: .a1_27) }
            return try await EthicsSteps.append([ProposedEntry(type: .appealAmended, effectiveOn: date, payload: ["basis": .text(basis)])], to: c, by: actor, db: db)
        case .scheduleAppeal:
            try EthicsSteps.requireStaff(c)
            let on = try day(input.hearingOn, "hearingOn", rule: .a1_27)
            return try await EthicsSteps.append([ProposedEntry(type: .appealHearingScheduled, effectiveOn: date, payload: ["hearingOn": .text(on.description)])],
                                                to: c, by: actor, db: db)
        case .appealHeard: return try await appealHeard(input, c, by: actor, on: date, db: db)
        case .directorsAction: return try await directorsAction(input, c, by: actor, on: date, db: db)
        case .compliance: return try await compliance(input, c, by: actor, on: date, db: db)
        }
    }

    // MARK: shared

    static func requireChairOrStaff(_ c: CaseScope) throws {
        if c.scope.roles.contains(.staff) { return try EthicsSteps.requireStaff(c) }
        try c.require(.actAsPanel)
        guard c.facts.actorChairsCommittee else {
            throw AppError(.forbidden, code: "psc_chair_only", message: "The chair of the Professional Standards Committee rules on challenges and names the panel.", rule: .a1_14)
        }
    }

    static func personID(_ input: HearingInput) throws -> UUID {
        guard let id = input.personId.flatMap({ UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }) else {
            throw AppError(.unprocessableEntity, code: "person_required", message: "Choose the committee member.", rule: .a1_14)
        }
        return id
    }

    static func day(_ text: String?, _ field: String, rule: RuleID) throws -> CivilDate {
        guard let date = text.flatMap({ CivilDate($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw AppError(.unprocessableEntity, code: "\(field)_required", message: "Give the date as YYYY-MM-DD.", rule: rule)
        }
        return date
    }

    /// The signed-in party's side on this case.
    static func partyRole(of actor: Actor, in c: CaseScope, db: Database) async throws -> PartyRole {
        guard let personID = actor.personID else { throw AppError.forbidden }
        let roles = try await CaseParty.query(on: db).filter(\.$caseRecord.$id == c.record.requireID()).filter(\.$person.$id == personID).all(\.$role)
        if roles.contains(PartyRole.complainant.rawValue) { return .complainant }
        if roles.contains(PartyRole.respondent.rawValue) { return .respondent }
        throw AppError(.forbidden, code: "not_that_party", message: "Only the complainant or the respondent can take this step.")
    }

    static func panelNames(_ ids: [UUID], db: Database) async throws -> String {
        guard !ids.isEmpty else { return "" }
        let people = try await Person.query(on: db).filter(\.$id ~~ ids).all()
        return ids.compactMap { id in people.first { $0.id == id }?.fullName }.joined(separator: ", ")
    }
}

extension HearingSteps.Step {
    /// What a person is told once a step of theirs is recorded.
    var doneSentence: String {
        switch self {
        case .panelList: "The committee list was sent to the parties; they have 10 days to challenge for cause."
        case .challenge: "Your challenge was filed; the PSC chair will rule on it."
        case .ruleChallenge: "The ruling on the challenge was recorded."
        case .namePanel: "Panel named. The parties can see who sits."
        case .certify: "The certificate of qualification was recorded."
        case .discloseConflict: "The conflict was recorded; the seat must be filled before the hearing."
        case .replacePanelist: "The replacement panelist was named."
        case .schedule: "The hearing was scheduled and the notice of hearing sent."
        case .continuance: "The hearing was continued and the new notice sent."
        case .noShow: "The absence was recorded."
        case .gcSubstitute: "The Committee takes the complainant's place."
        case .noticeWitnesses: "The notice of witnesses and counsel was recorded."
        case .papersToPanel: "The papers were sent to the panel."
        case .hold: "The hearing was recorded as held."
        case .adjourn: "The adjournment was recorded."
        case .amend: "The amendment at the hearing was recorded and served."
        case .decision: "The panel's decision was filed."
        case .counselReview: "Counsel's review was recorded."
        case .transmitDecision: "The decision was sent to the parties with the appeal form."
        case .petitionRehearing: "The petition for rehearing was filed; no appeal period runs until the panel rules."
        case .decideRehearing: "The panel's ruling on the petition was recorded."
        case .appeal: "The appeal was filed."
        case .reviewAppeal: "The preliminary review was recorded."
        case .amendAppeal: "The amended appeal was filed."
        case .scheduleAppeal: "The appeal hearing was scheduled and the parties told."
        case .appealHeard: "The appeal hearing was recorded."
        case .directorsAction: "The Directors' action was recorded and the notices prepared."
        case .compliance: "The compliance step was recorded."
        }
    }
}
