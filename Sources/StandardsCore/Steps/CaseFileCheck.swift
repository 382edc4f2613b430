import Foundation

/// Every rule asked without a database (`psdesk check`): a proposed entry or a whole step on a case file, with the
/// file's profile (and overrides), calendar, actor, people and refiled docket. The same policy, availability, decision
/// and guards as the app.
public enum CaseFileCheck {
    public struct Outcome: Sendable {
        /// What would be appended, in order.
        public var entries: [ProposedEntry] = []
        public var warnings: [Refusal] = []
        public var refusals: [Refusal] = []
        /// Refused for who asks (the app answers 403), not for the case.
        public var forbidden = false
        public var allowed: Bool { refusals.isEmpty }
    }

    public struct Case: Sendable {
        public let file: DocketFile
        public let docket: [DocketEntry]
        public let profile: RuleProfile
        public let calendar: HolidayCalendar

        public init(file: DocketFile, docket: [DocketEntry], profile: RuleProfile, calendar: HolidayCalendar) {
            self.file = file; self.docket = docket; self.profile = profile; self.calendar = calendar
        }

        var actorRoles: Set<Role> { Set(file.actor?.roles ?? [.staff]) }
        var actorParties: Set<PartyRole> { Set(file.actor?.partyRoles ?? []) }
        var byParty: Bool { actorRoles.contains(.party) && !actorRoles.contains(.staff) }
    }

    /// The guards' verdict on entries appended in order, each checked against the ones before it.
    public static func entries(_ proposed: [ProposedEntry], on c: Case) -> Outcome {
        var outcome = Outcome()
        var docket = c.docket
        for entry in proposed {
            let verdict = Guards.check(entry, kind: c.file.kind, docket: docket, profile: c.profile, calendar: c.calendar,
                                       respondentNonMemberPeriods: c.file.respondentNonMemberPeriods ?? [], byParty: c.byParty,
                                       refiledDocket: entry.type == .complaintFiled && entry.payload["refiles"] != nil ? c.file.refiledDocket() : nil)
            outcome.warnings += verdict.warnings
            guard verdict.allowed else { outcome.refusals = verdict.refusals; return outcome }
            outcome.entries.append(entry)
            docket.append(DocketEntry(sequence: (docket.map(\.sequence).max() ?? 0) + 1, type: entry.type, effectiveOn: entry.effectiveOn,
                                      recordedAt: Date(timeIntervalSince1970: 0), actorName: "check", payload: entry.payload, corrects: entry.corrects))
        }
        return outcome
    }

    /// A registered step by name (`serve`, `gc-decision`, …) with its JSON input, as the file's actor on `date`.
    public static func step(_ name: String, input: Data, on date: CivilDate, case c: Case) -> Outcome {
        guard let step = StepRegistry.step(named: name) else {
            return Outcome(refusals: [Refusal(code: "unknown_step", message: "No step \"\(name)\"; known: \(StepRegistry.all.map { $0.name }.joined(separator: ", ")).")])
        }
        return run(step, input: input, on: date, case: c)
    }

    static func run<S: CaseStep>(_ step: S.Type, input: Data, on date: CivilDate, case c: Case) -> Outcome {
        let deadlines = DeadlineDerivation.derive(DeadlineInput(kind: c.file.kind, profile: c.profile, calendar: c.calendar, docket: c.docket, asOf: date,
                                                                respondentNonMemberPeriods: c.file.respondentNonMemberPeriods ?? []))
        let view = StepView(kind: c.file.kind, docket: c.docket, today: date, deadlines: deadlines)
        // A panelist is on the panel the docket names; the file may also say so outright.
        let sitsOnPanel = c.file.actor?.sitsOnPanel ?? c.file.actor?.personId.map { view.panel.members.contains($0) } ?? false
        let facts = StepEvaluation.caseFacts(kind: c.file.kind, docket: c.docket, actorParties: c.actorParties, actorPersonID: c.file.actor?.personId,
                                             sitsOnPanel: sitsOnPanel, chairsCommittee: c.file.actor?.chairsCommittee ?? false,
                                             chairsPanel: sitsOnPanel && view.panel.chair == c.file.actor?.personId)
        if let gate = StepEvaluation.gate(step, roles: c.actorRoles, facts: facts, actorParties: c.actorParties, view: view) {
            return Outcome(refusals: [gate.refusal], forbidden: gate.forbidden)
        }
        var stepFacts = StepFacts(profile: c.profile)
        let people = c.file.people
        stepFacts.complainants = people?.complainants ?? ""
        stepFacts.respondentRecipients = people?.respondents ?? "the respondent"
        stepFacts.grievanceMembers = (people?.grievanceMembers ?? []).map { NamedPerson(id: $0.id, name: $0.name) }
        stepFacts.board = (people?.board ?? []).map { NamedPerson(id: $0.id, name: $0.name) }
        stepFacts.boardQuorum = people?.boardQuorum ?? 0
        stepFacts.gcReviewers = StepFacts.gcReviewers(grievanceMembers: stepFacts.grievanceMembers, kind: c.file.kind, docket: c.docket)
        stepFacts.bothParties = StepFacts.bothParties(complainants: stepFacts.complainants, respondentRecipients: stepFacts.respondentRecipients)
        stepFacts.panelCandidates = (people?.committee ?? []).map { $0.onCase(view.panel, gcReviewers: stepFacts.gcReviewers) }
        stepFacts.committee = stepFacts.panelCandidates.map { NamedPerson(id: $0.id, name: $0.name) }
        stepFacts.panelContext = PanelContext.forCase(docket: c.docket, partyIsNonPrincipal: people?.partyIsNonPrincipal ?? false,
                                                      partyFirms: Set(people?.partyFirms ?? []), on: date, profile: c.profile)
        stepFacts.actor = StepActor(isStaff: c.actorRoles.contains(.staff), personID: c.file.actor?.personId, parties: c.actorParties)
        switch StepEvaluation.decide(step, input: input, on: date, view: view, facts: stepFacts) {
        case .failure(let refusals): return Outcome(refusals: refusals.all)
        case .success(let proposed): return entries(proposed, on: c)
        }
    }
}
