import Foundation

/// The panel's decision and what follows it before any appeal (a1.22–a1.23, a2.14, a2.16): the written decision,
/// counsel's review, sending it to the parties, and a petition for rehearing where the profile provides one.
public enum DecisionSteps {
    public enum Outcome: String, CaseIterable, Sendable { case violation, noViolation = "no-violation" }

    /// The panel's written decision: findings, a conclusion per Article, the vote with any dissent and the recommended
    /// discipline, checked against the profile (a1.22, b8, S3 5.3). Filed by the panel's chair or staff; the filing
    /// time starts the 48 hours.
    public struct Decide: HearingStep {
        public struct Input: Decodable, Sendable {
            public let outcome: Outcome
            public let findings: String
            public let conclusions: String
            public let vote: String
            public let dissent: String?
            public let discipline: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                outcome = try choice(try fields.required("outcome"), as: Outcome.self, field: "outcome", prompt: "Choose the outcome.")
                findings = try fields.required("findings")
                conclusions = try fields.required("conclusions")
                vote = try fields.required("vote")
                dissent = try fields.optional("dissent")
                discipline = try fields.optional("discipline")
            }
        }
        public static let name = "hearing/decision"
        public static let title = "File the panel's decision"
        public static let rule = RuleID.a1_22
        public static let done = "The panel's decision was filed."
        public static let records = [RecordedEntry(.decisionFiled)]
        public static let policy = StepPolicy.panelChairOrStaff
        public static let openWhile: Set<CaseStatus> = [.heard]

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            var missing: [Refusal] = []
            if trimmed(input.findings).isEmpty { missing.append(Refusal(code: "findings_required", message: "Write the findings of fact.", rule: rule)) }
            if trimmed(input.conclusions).isEmpty { missing.append(Refusal(code: "conclusions_required", message: "Give the conclusion for each Article.", rule: rule)) }
            if trimmed(input.vote).isEmpty { missing.append(Refusal(code: "vote_required", message: "Record the vote, e.g. 3-0.", rule: rule)) }
            if !missing.isEmpty { return .failure(StepRefusals(missing)) }
            // A decision recorded for an earlier day claims no filing time (`filedAt` is nil then).
            let decision = DecisionFiled(outcome: input.outcome.rawValue, findings: trimmed(input.findings), conclusions: trimmed(input.conclusions),
                                         vote: trimmed(input.vote), dissent: given(input.dissent), discipline: given(input.discipline), filedAt: facts.filedAt)
            return .success([decision.entry(on: date)])
        }
    }

    /// Counsel reviews the decision before it is mailed, where the profile asks it (a2.14).
    public struct CounselReview: HearingStep {
        public static let name = "hearing/counsel-review"
        public static let title = "Record counsel's review"
        public static let rule = RuleID.a1_23
        public static let done = "Counsel's review was recorded."
        public static let records = [RecordedEntry(.counselReviewed)]
        public static let policy = StepPolicy.staff
        public static let openWhile: Set<CaseStatus> = [.decided]

        public static func open(_ view: StepView) -> Refusal? {
            if view.decisionTransmitted { return alreadyTransmitted }
            let reviewed = view.effective.contains { $0.type == .counselReviewed && $0.sequence > (view.decision?.sequence ?? 0) }
            return reviewed ? Refusal(code: "already_reviewed", message: "Counsel has reviewed this decision.", rule: .a2_14) : nil
        }

        public static func decide(_ input: NoInput, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            .success([ProposedEntry(type: .counselReviewed, effectiveOn: date)])
        }
    }

    static let alreadyTransmitted = Refusal(code: "already_transmitted", message: "The decision was already sent to the parties.", rule: .a1_23)

    /// The decision to the parties with the appeal form (a1.23; OBAR: after counsel's review, a2.14).
    public struct Transmit: HearingStep {
        public static let name = "hearing/transmit-decision"
        public static let title = "Send the decision to the parties"
        public static let rule = RuleID.a1_23
        public static let done = "The decision was sent to the parties with the appeal form."
        public static let records = [RecordedEntry.notice(.decision)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.bothParties]
        public static let openWhile: Set<CaseStatus> = [.decided]

        public static func open(_ view: StepView) -> Refusal? {
            guard view.decision != nil else { return Refusal(code: "no_decision", message: "The panel has not filed a decision.", rule: rule) }
            return view.decisionTransmitted ? alreadyTransmitted : nil
        }

        public static func decide(_ input: NoInput, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let decision = view.decision?.sequence ?? 0
            if facts.profile.window(.decisionTransmitted)?.basis == .reviewed,
               !view.effective.contains(where: { $0.type == .counselReviewed && $0.sequence > decision }) {
                return .failure(StepRefusals(code: "counsel_review_first", message: "Counsel reviews the decision before it is mailed.", rule: .a2_14))
            }
            return .success([noticeEntry(.decision, to: facts.bothParties, on: date, channel: "mail")])
        }
    }

    /// A party petitions the panel to hear the matter again, where the profile provides it; no appeal period runs
    /// until the panel rules (S3 5.4.1, a2.16).
    public struct PetitionRehearing: HearingStep {
        public struct Input: Decodable, Sendable {
            public let basis: String
            /// Staff recording a paper petition name the side: respondent or complainant.
            public let appellant: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                basis = try fields.required("basis")
                appellant = try fields.optional("appellant")
            }
        }
        public static let name = "hearing/petition-rehearing"
        public static let title = "Petition for rehearing"
        public static let rule = RuleID.a2_16
        public static let done = "The petition for rehearing was filed; no appeal period runs until the panel rules."
        public static let records = [RecordedEntry(.rehearingPetitioned)]
        public static let policy = StepPolicy.eitherPartyOrStaff
        public static let openWhile: Set<CaseStatus> = [.decided]

        public static func open(_ view: StepView) -> Refusal? {
            let decision = view.decision?.sequence ?? 0
            if view.effective.contains(where: { ($0.type == .rehearingPetitioned || $0.type == .rehearingDecided) && $0.sequence > decision }) {
                return Refusal(code: "rehearing_already_petitioned", message: "A petition for rehearing of this decision was already filed.", rule: rule)
            }
            return view.running(.appeal) && view.decisionTransmitted ? nil
                : Refusal(code: "rehearing_period_over", message: "A petition for rehearing is filed within the time to appeal, once the decision is sent.", rule: rule)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard facts.profile.rehearingPetitions else {
                return .failure(StepRefusals(code: "no_rehearing", message: "This association's rules provide no petition for rehearing: appeal to the Directors.", rule: rule))
            }
            let basis = trimmed(input.basis)
            guard !basis.isEmpty else {
                return .failure(StepRefusals(code: "rehearing_basis_required", message: "Say why the panel should hear the matter again.", rule: rule))
            }
            let petitioner = filingSide(input.appellant, facts: facts, allowBoth: false)
            return .success([ProposedEntry(type: .rehearingPetitioned, effectiveOn: date, payload: ["petitioner": .text(petitioner), "basis": .text(basis)])])
        }
    }

    public enum RehearingOutcome: String, CaseIterable, Sendable { case granted, denied }

    /// The panel rules on the petition; its chair (or staff for the panel) records it (S3 5.4.1).
    public struct DecideRehearing: HearingStep {
        public struct Input: Decodable, Sendable {
            public let outcome: RehearingOutcome
            public init(from decoder: Decoder) throws {
                outcome = try choice(try StepFields(decoder).required("outcome"), as: RehearingOutcome.self, field: "outcome",
                                     prompt: "Choose whether the panel grants or denies the petition.")
            }
        }
        public static let name = "hearing/decide-rehearing"
        public static let title = "Rule on the petition for rehearing"
        public static let rule = RuleID.a2_16
        public static let done = "The panel's ruling on the petition was recorded."
        public static let records = [RecordedEntry(.rehearingDecided)]
        public static let policy = StepPolicy.committeeChairOrStaff
        public static let openWhile: Set<CaseStatus> = [.decided]

        public static func open(_ view: StepView) -> Refusal? {
            RehearingPetition.pending(view.docket) == nil ? Refusal(code: "no_pending_petition", message: "No petition for rehearing waits for a ruling.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            .success([ProposedEntry(type: .rehearingDecided, effectiveOn: date, payload: ["outcome": .text(input.outcome.rawValue)])])
        }
    }

    /// Who files a party's step: the signed-in party's own side, or the side staff name for a paper filing
    /// (respondent unless named; "both" for a joint appeal with one deposit, a1.26).
    static func filingSide(_ named: String?, facts: StepFacts, allowBoth: Bool) -> String {
        guard facts.actor.isStaff else { return facts.actor.side == .complainant ? "complainant" : "respondent" }
        let named = trimmed(named)
        return (allowBoth ? ["respondent", "complainant", "both"] : ["respondent", "complainant"]).contains(named) ? named : "respondent"
    }
}
