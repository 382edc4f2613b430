import Vapor
import Fluent
import StandardsCore

/// The decision, the appeal, the Directors' action and compliance (a1.22–a1.33): the steps `HearingSteps.run` dispatches to.
extension HearingSteps {
    // MARK: decision (a1.22–a1.23)

    /// The panel's written decision: findings, a conclusion per Article, the vote with any dissent and the
    /// recommended discipline, checked against the profile (a1.22, b8, S3 5.3). Filed by the panel chair or staff.
    static func decide(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, now: Date, db: Database) async throws -> Done {
        try c.require(.actAsPanel)
        if !c.scope.roles.contains(.staff) {
            guard let own = actor.personID, HearingPanel.build(c.docket).chair == own else {
                throw AppError(.forbidden, code: "panel_chair_only", message: "The panel's chair files the decision.", rule: .a1_22)
            }
        }
        let outcome = input.text(input.outcome), findings = input.text(input.findings), conclusions = input.text(input.conclusions), vote = input.text(input.vote)
        var missing: [Refusal] = []
        if !["violation", "no-violation"].contains(outcome) { missing.append(Refusal(code: "outcome_required", message: "Choose the outcome.", rule: .a1_22)) }
        if findings.isEmpty { missing.append(Refusal(code: "findings_required", message: "Write the findings of fact.", rule: .a1_22)) }
        if conclusions.isEmpty { missing.append(Refusal(code: "conclusions_required", message: "Give the conclusion for each Article.", rule: .a1_22)) }
        if vote.isEmpty { missing.append(Refusal(code: "vote_required", message: "Record the vote, e.g. 3-0.", rule: .a1_22)) }
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
            throw AppError(.unprocessableEntity, code: "no_decision", message: "The panel has not filed a decision.", rule: .a1_23)
        }
        let rules = try await CaseRules.load(for: c.record, on: db, today: date)
        if rules.profile.window(.decisionTransmitted)?.basis == .reviewed,
           !effective.contains(where: { $0.type == .counselReviewed && $0.sequence > decision.sequence }) {
            throw AppError(.unprocessableEntity, code: "counsel_review_first", message: "Counsel reviews the decision before it is mailed.", rule: .a2_14)
        }
        return try await EthicsSteps.append([noticeEntry(.decision, to: try await EthicsSteps.bothParties(c, on: db), on: date, channel: "mail")],
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
            throw AppError(.unprocessableEntity, code: "rehearing_basis_required", message: "Say why the panel should hear the matter again.", rule: .a2_16)
        }
        return try await EthicsSteps.append([ProposedEntry(type: .rehearingPetitioned, effectiveOn: date,
                                                           payload: ["petitioner": .text(petitioner), "basis": .text(basis)])], to: c, by: actor, db: db)
    }

    static func appeal(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        let appellant = try await filingParty(input, c, by: actor, allowBoth: true, db: db)
        let basis = input.text(input.basis), grounds = input.text(input.grounds)
        guard !basis.isEmpty else { throw AppError(.unprocessableEntity, code: "appeal_basis_required", message: "State the basis of the appeal: only what is stated is considered.", rule: .a1_24) }
        guard ["procedural", "misapplication", "discipline"].contains(grounds) else {
            throw AppError(.unprocessableEntity, code: "appeal_grounds_required", message: "Choose the grounds: procedure, misapplication of the Articles, or the discipline.", rule: .a1_26)
        }
        let depositText = input.text(input.deposit)
        guard let deposit = depositText.isEmpty ? 0 : Money.cents(depositText) else {
            throw AppError(.unprocessableEntity, code: "deposit_not_understood", message: "Enter the deposit in dollars, like 500.00.", rule: .a1_26)
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
        let rules = try await CaseRules.load(for: c.record, on: db, today: date)
        // The Board, its quorum and who reviewed the complaint, loaded as for the dismissal-appeal step (b7.4).
        let facts = try await StepFactsLoader.load([.board], for: c, profile: rules.profile, on: db)
        let problems = AppealPanel.check(directors: ids, board: Set(facts.board.map(\.id)), hearingPanel: HearingPanel.build(c.docket),
                                         gcReviewers: facts.gcReviewers, size: rules.profile.ethicsAppealPanel, boardQuorum: facts.boardQuorum)
        if !problems.isEmpty { throw AppError(refusals: problems) }
        let names = ids.compactMap { id in facts.board.first { $0.id == id }?.name }
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
            throw AppError(.unprocessableEntity, code: "action_required", message: "Choose what the Directors do.", rule: .a1_25)
        }
        var payload: Payload = ["action": .text(action.rawValue)]
        for (key, value) in [("discipline", input.discipline), ("rationale", input.rationale), ("depositDisposition", input.depositDisposition),
                             ("complianceDays", input.complianceDays), ("automaticPenalty", input.automaticPenalty),
                             ("contingentOnJudgment", input.contingentOnJudgment)] where !input.text(value).isEmpty {
            payload[key] = .text(input.text(value))
        }
        if action == .modified, input.text(input.discipline).isEmpty {
            throw AppError(.unprocessableEntity, code: "reduced_discipline_required", message: "Give the reduced discipline.", rule: .a1_25)
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
            entries.append(noticeEntry(.directorsDecision, to: "parties; hearing panel", on: date, channel: "mail"))
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
        return recipients.map { r in noticeEntry(r.redacted ? .finalActionRedacted : .finalAction, to: r.to, on: date, channel: "mail") }
    }

    /// A step in compliance: payment, course, explanation invited (with its notice), referral to the
    /// Directors, abeyance and revival (a1.32, a1.12, b8).
    static func compliance(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try EthicsSteps.requireStaff(c)
        guard let event = ComplianceEvent(rawValue: input.text(input.event)) else {
            throw AppError(.unprocessableEntity, code: "event_required", message: "Choose what happened.", rule: .a1_32)
        }
        var payload: Payload = ["event": .text(event.rawValue)]
        if !input.text(input.note).isEmpty { payload["note"] = .text(input.text(input.note)) }
        if event == .finePaid {
            guard let cents = Money.cents(input.text(input.amount)), cents > 0 else {
                throw AppError(.unprocessableEntity, code: "amount_required", message: "Enter the amount paid in dollars, like 1500.00.", rule: .b8_1)
            }
            payload["amountCents"] = .integer(cents)
        }
        var entries = [ProposedEntry(type: .disciplineCompliance, effectiveOn: date, payload: payload)]
        if event == .explanationInvited {
            entries.append(noticeEntry(.nonCompliance, to: try await EthicsSteps.respondentRecipients(c, on: db), on: date, channel: "mail"))
        }
        return try await EthicsSteps.append(entries, to: c, by: actor, db: db)
    }
}
