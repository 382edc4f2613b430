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
    static func opening(_ step: Step) -> (statuses: Set<CaseStatus>, rule: String) {
        switch step {
        case .panelList, .challenge, .ruleChallenge, .namePanel: ([.forwarded, .replyReceived, .panelNamed], "a1.14")
        case .certify, .discloseConflict, .replacePanelist: ([.panelNamed, .hearingScheduled, .heard], "b7.3")
        case .schedule: ([.panelNamed, .hearingScheduled], "a1.16")
        case .continuance: ([.hearingScheduled], "a1.15")
        case .noShow, .gcSubstitute: (step == .noShow ? [.hearingScheduled] : [.underReview], "a1.21")
        case .noticeWitnesses: ([.hearingScheduled], "a1.20")
        case .papersToPanel: ([.hearingScheduled], "a2.12")
        case .hold, .adjourn: ([.hearingScheduled], "a1.19")
        case .amend: ([.hearingScheduled], "a1.19")
        case .decision: ([.heard], "a1.22")
        case .counselReview, .transmitDecision: ([.decided], "a1.23")
        case .appeal: ([.decided, .appealed], "a1.24")
        case .petitionRehearing, .decideRehearing: ([.decided], "a2.16")
        case .reviewAppeal, .amendAppeal, .scheduleAppeal, .appealHeard: ([.appealed], "a1.27")
        // Without an appeal, on a heard appeal, on an appeal the preliminary review dismissed, or on non-compliance.
        case .directorsAction: ([.decided, .appealed, .appealHeard, .beforeDirectors], "a1.25")
        case .compliance: ([.finalAction, .beforeDirectors], "a1.32")
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
                throw AppError(.unprocessableEntity, code: "outcome_required", message: "Choose whether the panel grants or denies the petition.", rule: "a2.16")
            }
            return try await EthicsSteps.append([ProposedEntry(type: .rehearingDecided, effectiveOn: date, payload: ["outcome": .text(outcome)])],
                                                to: c, by: actor, db: db)
        case .reviewAppeal:
            // The President's preliminary review (a1.27); staff may record it for the President.
            try c.require(.reviewAppeal)
            let outcome = input.text(input.outcome)
            guard ["proceed", "returned-for-detail", "dismissed"].contains(outcome) else {
                throw AppError(.unprocessableEntity, code: "review_outcome_required", message: "Choose: proceed, return for detail, or dismiss.", rule: "a1.27")
            }
            return try await EthicsSteps.append([ProposedEntry(type: .appealReviewed, effectiveOn: date, payload: ["outcome": .text(input.text(input.outcome))])],
                                                to: c, by: actor, db: db)
        case .amendAppeal:
            // The appellant adds the detail the President asked for, within 10 days (a1.27).
            if !c.scope.roles.contains(.staff) { try c.require(.actAsParty) }
            let basis = input.text(input.basis)
            guard !basis.isEmpty else { throw AppError(.unprocessableEntity, code: "appeal_basis_required", message: "State the amended basis.", rule: "a1.27") }
            return try await EthicsSteps.append([ProposedEntry(type: .appealAmended, effectiveOn: date, payload: ["basis": .text(basis)])], to: c, by: actor, db: db)
        case .scheduleAppeal:
            try EthicsSteps.requireStaff(c)
            let on = try day(input.hearingOn, "hearingOn", rule: "a1.27")
            return try await EthicsSteps.append([ProposedEntry(type: .appealHearingScheduled, effectiveOn: date, payload: ["hearingOn": .text(on.description)])],
                                                to: c, by: actor, db: db)
        case .appealHeard: return try await appealHeard(input, c, by: actor, on: date, db: db)
        case .directorsAction: return try await directorsAction(input, c, by: actor, on: date, db: db)
        case .compliance: return try await compliance(input, c, by: actor, on: date, db: db)
        }
    }

    // MARK: panel selection (a1.14, b7)

    /// Staff sends the parties the list of committee members the panel will be drawn from (a1.14).
    static func transmitPanelList(_ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try EthicsSteps.requireStaff(c)
        let pool = try await Committee.pool(for: c.scope.association, on: db)
        guard !pool.isEmpty else {
            throw AppError(.unprocessableEntity, code: "no_committee", message: "The Professional Standards Committee has no members yet: add them on the committee page.", rule: "a1.14")
        }
        var entry = EthicsSteps.notice(.panelList, to: try await EthicsSteps.bothParties(c, on: db), on: date)
        entry.payload["people"] = .text(pool.map { $0.person.id!.uuidString }.joined(separator: ","))
        entry.payload["note"] = .text(pool.map { $0.person.fullName }.joined(separator: ", "))
        return try await EthicsSteps.append([entry], to: c, by: actor, db: db)
    }

    /// A party challenges a listed member for cause within 10 days (a1.14, b7.2); staff may record a paper challenge.
    static func challenge(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        let person = try personID(input)
        var by: PartyRole?
        if !c.scope.roles.contains(.staff) {
            try c.require(.actAsParty)
            by = try await partyRole(of: actor, in: c, db: db)
        }
        let reason = input.text(input.reason)
        guard !reason.isEmpty else { throw AppError(.unprocessableEntity, code: "challenge_needs_cause", message: "State the cause of the challenge.", rule: "a1.14") }
        let name = try await Person.find(person, on: db)?.fullName ?? ""
        var payload: Payload = ["personId": .text(person.uuidString), "challenged": .text(name), "reason": .text(reason)]
        if let by { payload["by"] = .text(by.rawValue) }
        return try await EthicsSteps.append([ProposedEntry(type: .challengeFiled, effectiveOn: date, payload: payload)], to: c, by: actor, db: db)
    }

    /// The PSC chair rules on a challenge (a1.14); staff may record the chair's ruling.
    static func ruleChallenge(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try requireChairOrStaff(c)
        let outcome = input.text(input.outcome)
        guard ["upheld", "denied"].contains(outcome) else { throw AppError(.unprocessableEntity, code: "ruling_required", message: "Uphold or deny the challenge.", rule: "a1.14") }
        var payload: Payload = ["personId": .text(try personID(input).uuidString), "outcome": .text(outcome)]
        if !input.text(input.reason).isEmpty { payload["reason"] = .text(input.text(input.reason)) }
        return try await EthicsSteps.append([ProposedEntry(type: .challengeRuled, effectiveOn: date, payload: payload)], to: c, by: actor, db: db)
    }

    /// The PSC chair names the panel, its chair and alternates; the composition rules are checked first (a1.14, b7).
    static func namePanel(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try requireChairOrStaff(c)
        let memberIDs = HearingPanel.ids(input.memberIds ?? input.members?.joined(separator: ","))
        let alternateIDs = HearingPanel.ids(input.alternateIds ?? input.alternates?.joined(separator: ",")).filter { !memberIDs.contains($0) }
        let chair = input.chairId.flatMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }
        let selection = try await PanelSelection.load(c, hearingOn: date, profile: try await CaseRules.load(for: c.record, on: db, today: date).profile, db: db)
        let chosen = memberIDs.compactMap { id in selection.candidates.first { $0.id == id } }
        guard chosen.count == memberIDs.count, alternateIDs.allSatisfy({ id in selection.candidates.contains { $0.id == id } }) else {
            throw AppError(.unprocessableEntity, code: "not_on_committee", message: "Every panelist and alternate must be a member of the committee.", rule: "a1.14")
        }
        var problems = PanelComposition.check(chosen, chair: chair, context: selection.context)
        for id in alternateIDs { if let alt = selection.candidates.first(where: { $0.id == id }) { problems += PanelComposition.exclusions(of: alt, context: selection.context) } }
        if !problems.isEmpty { throw AppError(refusals: problems) }
        let payload: Payload = ["members": .text(chosen.map { $0.id == chair ? "\($0.name) (chair)" : $0.name }.joined(separator: ", ")),
                                "memberIds": .text(memberIDs.map(\.uuidString).joined(separator: ",")),
                                "chairId": .text(chair?.uuidString ?? ""),
                                "alternateIds": .text(alternateIDs.map(\.uuidString).joined(separator: ","))]
        return try await EthicsSteps.append([ProposedEntry(type: .panelNamed, effectiveOn: date, payload: payload)], to: c, by: actor, db: db)
    }

    /// A panelist signs the certificate of qualification or discloses a conflict (b7.3); staff may record either.
    static func panelistStep(_ step: Step, _ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try c.require(.actAsPanel)
        let person: UUID
        if c.scope.roles.contains(.staff) {
            person = try personID(input)
        } else {
            guard let own = actor.personID, c.facts.actorSitsOnPanel else { throw AppError.forbidden }
            person = own  // a panelist speaks only for themselves
        }
        if step == .certify {
            return try await EthicsSteps.append([ProposedEntry(type: .panelistCertified, effectiveOn: date, payload: ["personId": .text(person.uuidString)])],
                                                to: c, by: actor, db: db)
        }
        let disclosure = input.text(input.disclosure)
        guard !disclosure.isEmpty else { throw AppError(.unprocessableEntity, code: "disclosure_required", message: "Say what the conflict is.", rule: "b7.3") }
        return try await EthicsSteps.append([ProposedEntry(type: .panelistConflict, effectiveOn: date,
                                                           payload: ["personId": .text(person.uuidString), "disclosure": .text(disclosure)])], to: c, by: actor, db: db)
    }

    /// Fills the seat of a panelist who disclosed a conflict, the panel still passing every rule (b7.3, a1.14).
    static func replacePanelist(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try requireChairOrStaff(c)
        let newcomer = try personID(input)
        guard let replaced = input.replaces.flatMap({ UUID(uuidString: $0) }) else { throw AppError.invalid("Say whose seat is filled.", code: "replaces_required") }
        let panel = HearingPanel.build(c.docket)
        let selection = try await PanelSelection.load(c, hearingOn: date, profile: try await CaseRules.load(for: c.record, on: db, today: date).profile, db: db)
        let seats = panel.members.map { $0 == replaced ? newcomer : $0 }
        let chosen = seats.compactMap { id in selection.candidates.first { $0.id == id } }
        guard chosen.count == seats.count else { throw AppError(.unprocessableEntity, code: "not_on_committee", message: "The replacement must be on the committee.", rule: "a1.14") }
        let chair = panel.chair == replaced ? newcomer : panel.chair
        let problems = PanelComposition.check(chosen, chair: chair, context: selection.context)
        if !problems.isEmpty { throw AppError(refusals: problems) }
        var payload: Payload = ["members": .text(chosen.map(\.name).joined(separator: ", ")), "memberIds": .text(newcomer.uuidString),
                                "replaces": .text(replaced.uuidString)]
        if let chair { payload["chairId"] = .text(chair.uuidString) }
        var entries = [ProposedEntry(type: .panelNamed, effectiveOn: date, payload: payload)]
        // Once the hearing is noticed, the parties learn of the new panelist with a fresh notice listing the panel (a1.16).
        if c.record.status == CaseStatus.hearingScheduled.rawValue {
            entries.append(try await hearingNotice(panel: seats, note: "\(try await panelNames([newcomer], db: db)) replaces a panelist who disclosed a conflict.",
                                                   c, on: date, db: db))
        }
        return try await EthicsSteps.append(entries, to: c, by: actor, db: db)
    }

    // MARK: hearing (a1.15–a1.21)

    /// Sets the hearing and sends the notice that lists the panel and encloses the outline of procedure, at
    /// least 21 days ahead (a1.16). A panel with an empty seat cannot be noticed.
    static func schedule(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try EthicsSteps.requireStaff(c)
        let panel = HearingPanel.build(c.docket)
        guard !panel.members.isEmpty, panel.vacancies.isEmpty else {
            throw AppError(.unprocessableEntity, code: "panel_not_complete", message: "Name the panel (and fill any seat left by a conflict) before noticing the hearing: the notice lists the panel.", rule: "a1.16")
        }
        if c.record.status == CaseStatus.hearingScheduled.rawValue && HearingEvents.adjournment(c.docket) == nil {
            throw AppError(.unprocessableEntity, code: "use_continuance",
                           message: "The hearing is already set: it moves only by a continuance (all parties agree, or the chair finds denial unfair).", rule: "a1.15")
        }
        let hearingOn = try day(input.hearingOn, "hearingOn", rule: "a1.16")
        let place = input.text(input.place), time = input.text(input.time)
        guard !place.isEmpty else { throw AppError(.unprocessableEntity, code: "place_required", message: "Give the place or the video link.", rule: "a1.16") }
        var payload: Payload = ["hearingOn": .text(hearingOn.description), "place": .text(place)]
        if !time.isEmpty { payload["time"] = .text(time) }
        let notice = try await hearingNotice(panel: panel.sitting, note: "Hearing on \(hearingOn)\(time.isEmpty ? "" : " at \(time)"), \(place).", c, on: date, db: db)
        return try await EthicsSteps.append([ProposedEntry(type: .hearingScheduled, effectiveOn: date, payload: payload), notice], to: c, by: actor, db: db)
    }

    /// A continuance of a set hearing: all parties agree on the date, or the panel chair finds denial would be
    /// unfair, in writing with the reason (a1.15, S3 5.2.4). The parties get a fresh notice listing the panel.
    static func continuance(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try EthicsSteps.requireStaff(c)
        let hearingOn = try day(input.hearingOn, "hearingOn", rule: "a1.15")
        let basis = input.text(input.continuanceBasis)
        guard ["all-parties-agree", "denial-unfair"].contains(basis) else {
            throw AppError(.unprocessableEntity, code: "continuance_basis_required", message: "Say why: all parties agree on the date, or the chair finds denial unfair.", rule: "a1.15")
        }
        var payload: Payload = ["hearingOn": .text(hearingOn.description), "basis": .text(basis)]
        if !input.text(input.reason).isEmpty { payload["reason"] = .text(input.text(input.reason)) }
        let notice = try await hearingNotice(panel: HearingPanel.build(c.docket).sitting, note: "The hearing is continued to \(hearingOn).", c, on: date, db: db)
        return try await EthicsSteps.append([ProposedEntry(type: .hearingContinued, effectiveOn: date, payload: payload), notice], to: c, by: actor, db: db)
    }

    /// The notice of hearing to both parties, naming the panel (its letter adds the outline of procedure, a1.16).
    static func hearingNotice(panel: [UUID], note: String, _ c: CaseScope, on date: CivilDate, db: Database) async throws -> ProposedEntry {
        var notice = EthicsSteps.notice(.hearing, to: try await EthicsSteps.bothParties(c, on: db), on: date, channel: "mail")
        notice.payload["people"] = .text(panel.map(\.uuidString).joined(separator: ","))
        notice.payload["note"] = .text(note)
        return notice
    }

    /// Notices of witnesses and counsel (15 days ahead, a1.20) and the papers to the panel (S3 5.2.1, a2.12).
    static func hearingNotice(_ step: Step, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try EthicsSteps.requireStaff(c)
        if step == .papersToPanel {
            let names = try await panelNames(HearingPanel.build(c.docket).members, db: db)
            return try await EthicsSteps.append([EthicsSteps.notice(.papersToPanel, to: names.isEmpty ? "the panel" : names, on: date)], to: c, by: actor, db: db)
        }
        let to = ["Board", try await EthicsSteps.bothParties(c, on: db)].filter { !$0.isEmpty }.joined(separator: "; ")
        return try await EthicsSteps.append([EthicsSteps.notice(.witnessAndCounsel, to: to, on: date)], to: c, by: actor, db: db)
    }

    /// The hearing record: attendance, the association's recording (S3 2.2), when it adjourned (for the
    /// 48 hours, a1.22). Every panelist must have signed the certificate of qualification first (b7.3).
    static func hold(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try EthicsSteps.requireStaff(c)
        let panel = HearingPanel.build(c.docket)
        if !panel.vacancies.isEmpty {
            throw AppError(.unprocessableEntity, code: "panel_not_complete",
                           message: "Fill the seat of \(try await panelNames(panel.vacancies, db: db)), who disclosed a conflict, before the hearing.", rule: "b7.3")
        }
        if !panel.uncertified.isEmpty {
            throw AppError(.unprocessableEntity, code: "certificates_missing",
                           message: "\(try await panelNames(panel.uncertified, db: db)) must sign the certificate of qualification before the hearing.", rule: "b7.3")
        }
        var payload: Payload = ["recorded": .text(input.recorded == "no" ? "no" : "yes")]
        if !input.text(input.attendance).isEmpty { payload["attendance"] = .text(input.text(input.attendance)) }
        if !input.text(input.adjournedAt).isEmpty { payload["adjournedAt"] = .text(input.text(input.adjournedAt)) }
        return try await EthicsSteps.append([ProposedEntry(type: .hearingHeld, effectiveOn: date, payload: payload)], to: c, by: actor, db: db)
    }

    /// An amendment during the hearing (a1.19): put in writing and served on the respondent, who may waive the
    /// adjournment; otherwise the hearing is adjourned 15 to 30 days. A GC-dismissed Article returns only on the panel's motion.
    static func amendAtHearing(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try c.require(.actAsPanel)
        if !c.scope.roles.contains(.staff) { guard c.facts.actorSitsOnPanel else { throw AppError.forbidden } }
        let articles = input.text(input.articles)
        guard !articles.isEmpty else { throw AppError(.unprocessableEntity, code: "articles_required", message: "Give the Articles as amended.", rule: "a1.19") }
        var payload: Payload = ["articles": .text(articles)]
        if input.panelMotion == "yes" { payload["panelMotion"] = .text("yes") }
        var entries = [ProposedEntry(type: .complaintAmended, effectiveOn: date, payload: payload),
                       EthicsSteps.notice(.amendedComplaint, to: try await EthicsSteps.respondentRecipients(c, on: db), on: date, channel: "hand")]
        if input.waiver != "yes" {
            entries.append(ProposedEntry(type: .hearingAdjourned, effectiveOn: date, payload: ["lateWitness": .text("no")]))
        }
        return try await EthicsSteps.append(entries, to: c, by: actor, db: db)
    }

    // MARK: decision (a1.22–a1.23)

    /// The panel's written decision: findings, a conclusion per Article, the vote with any dissent and the
    /// recommended discipline, checked against the profile (a1.22, b8, S3 5.3). Filed by the panel chair or staff.
    static func decide(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, now: Date, db: Database) async throws -> Done {
        try c.require(.actAsPanel)
        if !c.scope.roles.contains(.staff) {
            guard let own = actor.personID, HearingPanel.build(c.docket).chair == own else {
                throw AppError(.forbidden, code: "panel_chair_only", message: "The panel's chair files the decision.", rule: "a1.22")
            }
        }
        let outcome = input.text(input.outcome), findings = input.text(input.findings), conclusions = input.text(input.conclusions), vote = input.text(input.vote)
        var missing: [Refusal] = []
        if !["violation", "no-violation"].contains(outcome) { missing.append(Refusal(code: "outcome_required", message: "Choose the outcome.", rule: "a1.22")) }
        if findings.isEmpty { missing.append(Refusal(code: "findings_required", message: "Write the findings of fact.", rule: "a1.22")) }
        if conclusions.isEmpty { missing.append(Refusal(code: "conclusions_required", message: "Give the conclusion for each Article.", rule: "a1.22")) }
        if vote.isEmpty { missing.append(Refusal(code: "vote_required", message: "Record the vote, e.g. 3-0.", rule: "a1.22")) }
        if !missing.isEmpty { throw AppError(refusals: missing) }
        var payload: Payload = ["outcome": .text(outcome), "findings": .text(findings), "conclusions": .text(conclusions), "vote": .text(vote)]
        // The filing time counts for the 48 hours (a1.22); a decision recorded for an earlier day claims no time.
        if date == AssociationClock(timeZoneIdentifier: c.scope.association.timeZone)?.civilDate(at: now) {
            payload["filedAt"] = .text(Timestamps.format(now, timeZone: TimeZone(identifier: c.scope.association.timeZone) ?? .gmt))
        }
        if !input.text(input.dissent).isEmpty { payload["dissent"] = .text(input.text(input.dissent)) }
        if !input.text(input.discipline).isEmpty { payload["discipline"] = .text(input.text(input.discipline)) }
        return try await EthicsSteps.append([ProposedEntry(type: .decisionFiled, effectiveOn: date, payload: payload)], to: c, by: actor, db: db)
    }

    /// The decision to the parties with the appeal form (a1.23; OBAR: after counsel's review, a2.14).
    static func transmitDecision(_ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try EthicsSteps.requireStaff(c)
        let effective = CaseProjection.effectiveEntries(c.docket)
        guard let decision = effective.last(where: { $0.type == .decisionFiled }) else {
            throw AppError(.unprocessableEntity, code: "no_decision", message: "The panel has not filed a decision.", rule: "a1.23")
        }
        let rules = try await CaseRules.load(for: c.record, on: db, today: date)
        if rules.profile.window(.decisionTransmitted)?.basis == .reviewed,
           !effective.contains(where: { $0.type == .counselReviewed && $0.sequence > decision.sequence }) {
            throw AppError(.unprocessableEntity, code: "counsel_review_first", message: "Counsel reviews the decision before it is mailed.", rule: "a2.14")
        }
        return try await EthicsSteps.append([EthicsSteps.notice(.decision, to: try await EthicsSteps.bothParties(c, on: db), on: date, channel: "mail")],
                                            to: c, by: actor, db: db)
    }

    // MARK: appeal (a1.24–a1.30)

    /// A party's appeal with its stated basis and deposit (a1.24, a1.26). A complainant appeals only on
    /// procedural grounds; one deposit covers a joint appeal.
    /// Who takes a party's step: the signed-in party's own side, or the side staff name for a paper filing.
    static func filingParty(_ input: HearingInput, _ c: CaseScope, by actor: Actor, allowBoth: Bool, db: Database) async throws -> String {
        if c.scope.roles.contains(.staff) {
            let named = input.text(input.appellant)
            return (allowBoth ? ["respondent", "complainant", "both"] : ["respondent", "complainant"]).contains(named) ? named : "respondent"
        }
        try c.require(.actAsParty)
        return try await partyRole(of: actor, in: c, db: db) == .complainant ? "complainant" : "respondent"
    }

    /// A party's petition for rehearing of the panel's decision, where the profile provides one (S3 5.4.1, a2.16).
    static func petitionRehearing(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        let petitioner = try await filingParty(input, c, by: actor, allowBoth: false, db: db)
        let basis = input.text(input.basis)
        guard !basis.isEmpty else {
            throw AppError(.unprocessableEntity, code: "rehearing_basis_required", message: "Say why the panel should hear the matter again.", rule: "a2.16")
        }
        return try await EthicsSteps.append([ProposedEntry(type: .rehearingPetitioned, effectiveOn: date,
                                                           payload: ["petitioner": .text(petitioner), "basis": .text(basis)])], to: c, by: actor, db: db)
    }

    static func appeal(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        let appellant = try await filingParty(input, c, by: actor, allowBoth: true, db: db)
        let basis = input.text(input.basis), grounds = input.text(input.grounds)
        guard !basis.isEmpty else { throw AppError(.unprocessableEntity, code: "appeal_basis_required", message: "State the basis of the appeal: only what is stated is considered.", rule: "a1.24") }
        guard ["procedural", "misapplication", "discipline"].contains(grounds) else {
            throw AppError(.unprocessableEntity, code: "appeal_grounds_required", message: "Choose the grounds: procedure, misapplication of the Articles, or the discipline.", rule: "a1.26")
        }
        let depositText = input.text(input.deposit)
        guard let deposit = depositText.isEmpty ? 0 : Money.cents(depositText) else {
            throw AppError(.unprocessableEntity, code: "deposit_not_understood", message: "Enter the deposit in dollars, like 500.00.", rule: "a1.26")
        }
        var payload: Payload = ["basis": .text(basis), "appellant": .text(appellant), "grounds": .text(grounds)]
        if input.refusedEvidence == "yes" { payload["refusedEvidence"] = .text("yes") }
        // A joint appeal is one entry with one deposit (appellant "both", a1.26).
        if deposit > 0 { payload["depositCents"] = .integer(deposit) }
        return try await EthicsSteps.append([ProposedEntry(type: .appealFiled, effectiveOn: date, payload: payload)], to: c, by: actor, db: db)
    }

    /// The appeal heard, with the Directors who sat: enough of them, all on the Board, none from another
    /// tribunal in the matter (a1.27, a2.16, b7.4).
    static func appealHeard(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try EthicsSteps.requireStaff(c)
        let ids = HearingPanel.ids(input.directorIds ?? input.directors?.joined(separator: ","))
        let board = try await Committee.board(of: c.scope.association, on: db)
        let rules = try await CaseRules.load(for: c.record, on: db, today: date)
        let gcReviewers = Set(try await EthicsSteps.grievanceMembers(in: c.scope.association, on: db).compactMap(\.id))
            .union(CaseProjection.build(kind: c.kind, docket: c.docket).excludedReviewers)
        let problems = AppealPanel.check(directors: ids, board: Set(board.map { $0.$person.id }), hearingPanel: HearingPanel.build(c.docket),
                                         gcReviewers: gcReviewers, size: rules.profile.ethicsAppealPanel, boardQuorum: c.scope.association.boardQuorum)
        if !problems.isEmpty { throw AppError(refusals: problems) }
        let names = ids.compactMap { id in board.first { $0.$person.id == id }?.person.fullName }
        return try await EthicsSteps.append([ProposedEntry(type: .appealHeard, effectiveOn: date,
                                                           payload: ["directors": .text(names.joined(separator: ", ")),
                                                                     "directorIds": .text(ids.map(\.uuidString).joined(separator: ","))])],
                                            to: c, by: actor, db: db)
    }

    // MARK: Directors (a1.25, a1.29–a1.31)

    /// The Directors' action, recorded by staff: adopt, reduce, dismiss or refer back (a1.25); what happens to
    /// the deposit (a1.29); then the notices of final action with a redacted copy where names may not go (a1.31, S3 1.1.7).
    static func directorsAction(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try EthicsSteps.requireStaff(c)
        guard let action = DirectorsAction(rawValue: input.text(input.action)) else {
            throw AppError(.unprocessableEntity, code: "action_required", message: "Choose what the Directors do.", rule: "a1.25")
        }
        var payload: Payload = ["action": .text(action.rawValue)]
        for (key, value) in [("discipline", input.discipline), ("rationale", input.rationale), ("depositDisposition", input.depositDisposition),
                             ("complianceDays", input.complianceDays), ("automaticPenalty", input.automaticPenalty),
                             ("contingentOnJudgment", input.contingentOnJudgment)] where !input.text(value).isEmpty {
            payload[key] = .text(input.text(value))
        }
        if action == .modified, input.text(input.discipline).isEmpty {
            throw AppError(.unprocessableEntity, code: "reduced_discipline_required", message: "Give the reduced discipline.", rule: "a1.25")
        }
        if !input.text(input.refund).isEmpty {
            guard let cents = Money.cents(input.text(input.refund)) else { throw AppError.invalid("Enter the refund in dollars, like 250.00.", code: "refund_not_understood") }
            payload["refundCents"] = .integer(cents)
        }
        var entries = [ProposedEntry(type: .finalAction, effectiveOn: date, payload: payload)]
        if action == .newPanel || action == .sanctionToPanel {
            return try await EthicsSteps.append(entries, to: c, by: actor, db: db)
        }
        entries += try await finalNotices(action: action, payload: payload, c, on: date, agencies: input.text(input.agencies), db: db)
        let heardAppeal = CaseProjection.effectiveEntries(c.docket).contains { $0.type == .appealHeard }
        if heardAppeal {
            // The written decision on an appeal, to the parties and the panel (a1.30).
            entries.append(EthicsSteps.notice(.directorsDecision, to: "parties; hearing panel", on: date, channel: "mail"))
        }
        return try await EthicsSteps.append(entries, to: c, by: actor, db: db)
    }

    /// Notices of final action (a1.31): full copies to the parties, the Directors and the respondent's other
    /// associations; a copy without names to agencies and, where the profile allows, the membership.
    static func finalNotices(action: DirectorsAction, payload: Payload, _ c: CaseScope, on date: CivilDate, agencies: String, db: Database) async throws -> [ProposedEntry] {
        let rules = try await CaseRules.load(for: c.record, on: db, today: date)
        let recommended = CaseProjection.effectiveEntries(c.docket).last { $0.type == .decisionFiled }?.payload["discipline"]?.textValue ?? ""
        let sanctions = (try? DisciplineText.parse(payload["discipline"]?.textValue ?? recommended).get()) ?? []
        // The PSA of every other association where the respondent is a member is told (a1.31).
        let others = Set(try await CaseParties.membershipsEverywhere(of: try await CaseParties.ids(of: c.record, role: .respondent, on: db), on: db)
            .filter { $0.$association.id != c.scope.id }.map(\.association.name)).sorted()
        let prior = try await PriorRecord.load(c, profile: rules.profile, today: date, db: db).violations(inThreeYearsBefore: date)
        let recipients = FinalActionNotice.recipients(action: action, sanctions: sanctions, profile: rules.profile, otherAssociations: others,
                                                      agencies: agencies.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                                                      priorViolationsInThreeYears: prior)
        return recipients.map { r in EthicsSteps.notice(r.redacted ? .finalActionRedacted : .finalAction, to: r.to, on: date, channel: "mail") }
    }

    /// A step in compliance: payment, course, explanation invited (with its notice), referral to the
    /// Directors, abeyance and revival (a1.32, a1.12, b8).
    static func compliance(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try EthicsSteps.requireStaff(c)
        guard let event = ComplianceEvent(rawValue: input.text(input.event)) else {
            throw AppError(.unprocessableEntity, code: "event_required", message: "Choose what happened.", rule: "a1.32")
        }
        var payload: Payload = ["event": .text(event.rawValue)]
        if !input.text(input.note).isEmpty { payload["note"] = .text(input.text(input.note)) }
        if event == .finePaid {
            guard let cents = Money.cents(input.text(input.amount)), cents > 0 else {
                throw AppError(.unprocessableEntity, code: "amount_required", message: "Enter the amount paid in dollars, like 1500.00.", rule: "b8.1")
            }
            payload["amountCents"] = .integer(cents)
        }
        var entries = [ProposedEntry(type: .disciplineCompliance, effectiveOn: date, payload: payload)]
        if event == .explanationInvited {
            entries.append(EthicsSteps.notice(.nonCompliance, to: try await EthicsSteps.respondentRecipients(c, on: db), on: date, channel: "mail"))
        }
        return try await EthicsSteps.append(entries, to: c, by: actor, db: db)
    }

    // MARK: shared

    static func requireChairOrStaff(_ c: CaseScope) throws {
        if c.scope.roles.contains(.staff) { return try EthicsSteps.requireStaff(c) }
        try c.require(.actAsPanel)
        guard c.facts.actorChairsCommittee else {
            throw AppError(.forbidden, code: "psc_chair_only", message: "The chair of the Professional Standards Committee rules on challenges and names the panel.", rule: "a1.14")
        }
    }

    static func personID(_ input: HearingInput) throws -> UUID {
        guard let id = input.personId.flatMap({ UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }) else {
            throw AppError(.unprocessableEntity, code: "person_required", message: "Choose the committee member.", rule: "a1.14")
        }
        return id
    }

    static func day(_ text: String?, _ field: String, rule: String) throws -> CivilDate {
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
