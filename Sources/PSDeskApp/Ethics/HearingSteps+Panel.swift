import Vapor
import Fluent
import StandardsCore

/// Panel selection and the hearing itself (a1.14–a1.21, b7): the steps `HearingSteps.run` dispatches to.
extension HearingSteps {
    // MARK: panel selection (a1.14, b7)

    /// Staff sends the parties the list of committee members the panel will be drawn from (a1.14).
    static func transmitPanelList(_ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try EthicsSteps.requireStaff(c)
        let pool = try await Committee.pool(for: c.scope.association, on: db)
        guard !pool.isEmpty else {
            throw AppError(.unprocessableEntity, code: "no_committee", message: "The Professional Standards Committee has no members yet: add them on the committee page.", rule: .a1_14)
        }
        var entry = noticeEntry(.panelList, to: try await EthicsSteps.bothParties(c, on: db), on: date)
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
        guard !reason.isEmpty else { throw AppError(.unprocessableEntity, code: "challenge_needs_cause", message: "State the cause of the challenge.", rule: .a1_14) }
        let name = try await Person.find(person, on: db)?.fullName ?? ""
        var payload: Payload = ["personId": .text(person.uuidString), "challenged": .text(name), "reason": .text(reason)]
        if let by { payload["by"] = .text(by.rawValue) }
        return try await EthicsSteps.append([ProposedEntry(type: .challengeFiled, effectiveOn: date, payload: payload)], to: c, by: actor, db: db)
    }

    /// The PSC chair rules on a challenge (a1.14); staff may record the chair's ruling.
    static func ruleChallenge(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try requireChairOrStaff(c)
        let outcome = input.text(input.outcome)
        guard ["upheld", "denied"].contains(outcome) else { throw AppError(.unprocessableEntity, code: "ruling_required", message: "Uphold or deny the challenge.", rule: .a1_14) }
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
            throw AppError(.unprocessableEntity, code: "not_on_committee", message: "Every panelist and alternate must be a member of the committee.", rule: .a1_14)
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
        guard !disclosure.isEmpty else { throw AppError(.unprocessableEntity, code: "disclosure_required", message: "Say what the conflict is.", rule: .b7_3) }
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
        guard chosen.count == seats.count else { throw AppError(.unprocessableEntity, code: "not_on_committee", message: "The replacement must be on the committee.", rule: .a1_14) }
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
            throw AppError(.unprocessableEntity, code: "panel_not_complete", message: "Name the panel (and fill any seat left by a conflict) before noticing the hearing: the notice lists the panel.", rule: .a1_16)
        }
        if c.record.status == CaseStatus.hearingScheduled.rawValue && HearingEvents.adjournment(c.docket) == nil {
            throw AppError(.unprocessableEntity, code: "use_continuance",
                           message: "The hearing is already set: it moves only by a continuance (all parties agree, or the chair finds denial unfair).", rule: .a1_15)
        }
        let hearingOn = try day(input.hearingOn, "hearingOn", rule: .a1_16)
        let place = input.text(input.place), time = input.text(input.time)
        guard !place.isEmpty else { throw AppError(.unprocessableEntity, code: "place_required", message: "Give the place or the video link.", rule: .a1_16) }
        var payload: Payload = ["hearingOn": .text(hearingOn.description), "place": .text(place)]
        if !time.isEmpty { payload["time"] = .text(time) }
        let notice = try await hearingNotice(panel: panel.sitting, note: "Hearing on \(hearingOn)\(time.isEmpty ? "" : " at \(time)"), \(place).", c, on: date, db: db)
        return try await EthicsSteps.append([ProposedEntry(type: .hearingScheduled, effectiveOn: date, payload: payload), notice], to: c, by: actor, db: db)
    }

    /// A continuance of a set hearing: all parties agree on the date, or the panel chair finds denial would be
    /// unfair, in writing with the reason (a1.15, S3 5.2.4). The parties get a fresh notice listing the panel.
    static func continuance(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try EthicsSteps.requireStaff(c)
        let hearingOn = try day(input.hearingOn, "hearingOn", rule: .a1_15)
        let basis = input.text(input.continuanceBasis)
        guard ["all-parties-agree", "denial-unfair"].contains(basis) else {
            throw AppError(.unprocessableEntity, code: "continuance_basis_required", message: "Say why: all parties agree on the date, or the chair finds denial unfair.", rule: .a1_15)
        }
        var payload: Payload = ["hearingOn": .text(hearingOn.description), "basis": .text(basis)]
        if !input.text(input.reason).isEmpty { payload["reason"] = .text(input.text(input.reason)) }
        let notice = try await hearingNotice(panel: HearingPanel.build(c.docket).sitting, note: "The hearing is continued to \(hearingOn).", c, on: date, db: db)
        return try await EthicsSteps.append([ProposedEntry(type: .hearingContinued, effectiveOn: date, payload: payload), notice], to: c, by: actor, db: db)
    }

    /// The notice of hearing to both parties, naming the panel (its letter adds the outline of procedure, a1.16).
    static func hearingNotice(panel: [UUID], note: String, _ c: CaseScope, on date: CivilDate, db: Database) async throws -> ProposedEntry {
        var notice = noticeEntry(.hearing, to: try await EthicsSteps.bothParties(c, on: db), on: date, channel: "mail")
        notice.payload["people"] = .text(panel.map(\.uuidString).joined(separator: ","))
        notice.payload["note"] = .text(note)
        return notice
    }

    /// Notices of witnesses and counsel (15 days ahead, a1.20) and the papers to the panel (S3 5.2.1, a2.12).
    static func hearingNotice(_ step: Step, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try EthicsSteps.requireStaff(c)
        if step == .papersToPanel {
            let names = try await panelNames(HearingPanel.build(c.docket).members, db: db)
            return try await EthicsSteps.append([noticeEntry(.papersToPanel, to: names.isEmpty ? "the panel" : names, on: date)], to: c, by: actor, db: db)
        }
        let to = ["Board", try await EthicsSteps.bothParties(c, on: db)].filter { !$0.isEmpty }.joined(separator: "; ")
        return try await EthicsSteps.append([noticeEntry(.witnessAndCounsel, to: to, on: date)], to: c, by: actor, db: db)
    }

    /// The hearing record: attendance, the association's recording (S3 2.2), when it adjourned (for the
    /// 48 hours, a1.22). Every panelist must have signed the certificate of qualification first (b7.3).
    static func hold(_ input: HearingInput, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> Done {
        try EthicsSteps.requireStaff(c)
        let panel = HearingPanel.build(c.docket)
        if !panel.vacancies.isEmpty {
            throw AppError(.unprocessableEntity, code: "panel_not_complete",
                           message: "Fill the seat of \(try await panelNames(panel.vacancies, db: db)), who disclosed a conflict, before the hearing.", rule: .b7_3)
        }
        if !panel.uncertified.isEmpty {
            throw AppError(.unprocessableEntity, code: "certificates_missing",
                           message: "\(try await panelNames(panel.uncertified, db: db)) must sign the certificate of qualification before the hearing.", rule: .b7_3)
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
        guard !articles.isEmpty else { throw AppError(.unprocessableEntity, code: "articles_required", message: "Give the Articles as amended.", rule: .a1_19) }
        var payload: Payload = ["articles": .text(articles)]
        if input.panelMotion == "yes" { payload["panelMotion"] = .text("yes") }
        var entries = [ProposedEntry(type: .complaintAmended, effectiveOn: date, payload: payload),
                       noticeEntry(.amendedComplaint, to: try await EthicsSteps.respondentRecipients(c, on: db), on: date, channel: "hand")]
        if input.waiver != "yes" {
            entries.append(ProposedEntry(type: .hearingAdjourned, effectiveOn: date, payload: ["lateWitness": .text("no")]))
        }
        return try await EthicsSteps.append(entries, to: c, by: actor, db: db)
    }
}
