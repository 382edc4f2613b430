import Foundation

/// The appeal to the Directors and what ends the case (a1.24–a1.33): filing and reviewing the appeal, its hearing,
/// the Directors' action with the notices of final action, and compliance with the discipline.
public enum AppealSteps {
    public enum Grounds: String, CaseIterable, Sendable { case procedural, misapplication, discipline }

    /// A party's appeal with its stated basis and deposit (a1.24, a1.26). A complainant appeals only on procedural
    /// grounds (the guards check it); one deposit covers a joint appeal.
    public struct Appeal: HearingStep {
        public struct Input: Decodable, Sendable {
            public let basis: String
            public let grounds: Grounds
            /// Dollars, like 500.00; stored as `depositCents`.
            public let deposit: String?
            public let refusedEvidence: String?
            /// Staff recording a paper appeal name who appeals: respondent, complainant, or both (a1.26).
            public let appellant: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                basis = try fields.required("basis")
                grounds = try choice(try fields.required("grounds"), as: Grounds.self, field: "grounds",
                                     prompt: "Choose the grounds: procedure, misapplication of the Articles, or the discipline.")
                deposit = try fields.optional("deposit")
                refusedEvidence = try fields.optional("refusedEvidence")
                appellant = try fields.optional("appellant")
            }
        }
        public static let name = "hearing/appeal"
        public static let title = "Appeal the decision"
        public static let rule = RuleID.a1_24
        public static let done = "The appeal was filed."
        public static let records = [RecordedEntry(.appealFiled)]
        public static let policy = StepPolicy.eitherPartyOrStaff
        public static let openWhile: Set<CaseStatus> = [.decided, .appealed]

        public static func open(_ view: StepView) -> Refusal? {
            if !view.decisionTransmitted {
                return Refusal(code: "decision_not_transmitted", message: "The decision goes to the parties, with the appeal form, before it can be appealed.", rule: .a1_23)
            }
            return RehearingPetition.pending(view.docket) == nil ? nil
                : Refusal(code: "rehearing_pending", message: "A petition for rehearing waits for the panel: no appeal runs until it rules.", rule: .a2_16)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let basis = trimmed(input.basis), depositText = trimmed(input.deposit)
            guard !basis.isEmpty else {
                return .failure(StepRefusals(code: "appeal_basis_required", message: "State the basis of the appeal: only what is stated is considered.", rule: rule))
            }
            guard let deposit = depositText.isEmpty ? 0 : Money.cents(depositText), deposit >= 0 else {
                return .failure(StepRefusals(code: "deposit_not_understood", message: "Enter the deposit in dollars, like 500.00.", rule: .a1_26))
            }
            // A joint appeal is one entry with one deposit (appellant "both", a1.26).
            let appeal = AppealFiled(basis: basis, appellant: DecisionSteps.filingSide(input.appellant, facts: facts, allowBoth: true),
                                     grounds: input.grounds.rawValue, depositCents: deposit > 0 ? deposit : nil,
                                     refusedEvidence: ticked(input.refusedEvidence) ? "yes" : nil)
            return .success([appeal.entry(on: date)])
        }
    }

    public enum ReviewOutcome: String, CaseIterable, Sendable { case proceed, returnedForDetail = "returned-for-detail", dismissed }

    /// The latest appeal, review or amendment: the review waits on a filed or amended appeal.
    static func lastAppealEvent(_ view: StepView) -> DocketEntry? {
        view.effective.last { [.appealFiled, .appealReviewed, .appealAmended].contains($0.type) }
    }

    /// The President's preliminary review (a1.27); staff may record it for the President.
    public struct Review: HearingStep {
        public struct Input: Decodable, Sendable {
            public let outcome: ReviewOutcome
            public init(from decoder: Decoder) throws {
                outcome = try choice(try StepFields(decoder).required("outcome"), as: ReviewOutcome.self, field: "outcome",
                                     prompt: "Choose: proceed, return for detail, or dismiss.")
            }
        }
        public static let name = "hearing/review-appeal"
        public static let title = "Review the appeal"
        public static let rule = RuleID.a1_27
        public static let done = "The preliminary review was recorded."
        public static let records = [RecordedEntry(.appealReviewed)]
        public static let policy = StepPolicy(.reviewAppeal, .holdsPermission)
        public static let openWhile: Set<CaseStatus> = [.appealed]

        public static func open(_ view: StepView) -> Refusal? {
            lastAppealEvent(view)?.type == .appealReviewed
                ? Refusal(code: "already_reviewed", message: "The appeal was reviewed; a returned appeal is reviewed again once the detail is added.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            .success([ProposedEntry(type: .appealReviewed, effectiveOn: date, payload: ["outcome": .text(input.outcome.rawValue)])])
        }
    }

    /// The appellant adds the detail the President asked for, within 10 days (a1.27).
    public struct AmendAppeal: HearingStep {
        public struct Input: Decodable, Sendable {
            public let basis: String
            public init(from decoder: Decoder) throws { basis = try StepFields(decoder).required("basis") }
        }
        public static let name = "hearing/amend-appeal"
        public static let title = "Add the detail to the appeal"
        public static let rule = RuleID.a1_27
        public static let done = "The amended appeal was filed."
        public static let records = [RecordedEntry(.appealAmended)]
        public static let policy = StepPolicy.eitherPartyOrStaff
        public static let openWhile: Set<CaseStatus> = [.appealed]

        public static func open(_ view: StepView) -> Refusal? {
            let last = lastAppealEvent(view)
            return last?.type == .appealReviewed && last?.payload["outcome"]?.textValue == ReviewOutcome.returnedForDetail.rawValue ? nil
                : Refusal(code: "not_returned_for_detail", message: "An appeal is amended only when the preliminary review returns it for detail.", rule: rule)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let basis = trimmed(input.basis)
            guard !basis.isEmpty else { return .failure(StepRefusals(code: "appeal_basis_required", message: "State the amended basis.", rule: rule)) }
            return .success([ProposedEntry(type: .appealAmended, effectiveOn: date, payload: ["basis": .text(basis)])])
        }
    }

    /// Sets the appeal hearing and tells the parties (a1.27).
    public struct ScheduleHearing: HearingStep {
        public struct Input: Decodable, Sendable {
            public let hearingOn: String
            public init(from decoder: Decoder) throws { hearingOn = try StepFields(decoder).date("hearingOn") }
        }
        public static let name = "hearing/schedule-appeal"
        public static let title = "Schedule the appeal hearing"
        public static let rule = RuleID.a1_27
        public static let done = "The appeal hearing was scheduled and the parties told."
        public static let records = [RecordedEntry(.appealHearingScheduled), .notice(.appealHearing)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.bothParties]
        public static let openWhile: Set<CaseStatus> = [.appealed]

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            day(input.hearingOn, "hearingOn", rule: rule).map { on in
                [ProposedEntry(type: .appealHearingScheduled, effectiveOn: date, payload: ["hearingOn": .text(on.description)]),
                 noticeEntry(.appealHearing, to: facts.bothParties, on: date, channel: "mail", note: "Appeal hearing on \(on.writtenOut).")]
            }
        }
    }

    /// The appeal heard, with the Directors who sat: enough of them, all on the Board, none from another tribunal in
    /// the matter (a1.27, a2.16, b7.4).
    public struct Heard: HearingStep {
        public struct Input: Decodable, Sendable {
            public let directors: [String]
            public init(from decoder: Decoder) throws { directors = try StepFields(decoder).list("directors", "directorIds") }
        }
        public static let name = "hearing/appeal-heard"
        public static let title = "Record the appeal hearing"
        public static let rule = RuleID.a1_27
        public static let done = "The appeal hearing was recorded."
        public static let records = [RecordedEntry(.appealHeard)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.board, .appealPool]
        public static let openWhile: Set<CaseStatus> = [.appealed]

        public static func open(_ view: StepView) -> Refusal? {
            view.has(RecordedEntry(.appealHearingScheduled)) ? nil
                : Refusal(code: "appeal_hearing_not_set", message: "Schedule the appeal hearing first.", rule: rule)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            // Left empty, the panel the President appointed is the one that sat (issue 18): the Executive Committee as it
            // was appointed (S4 (32)), a panel of Directors checked again.
            let appointed = DirectorsPanel.current(kind: view.kind, docket: view.docket)
            let sat: Result<([UUID], [String]), StepRefusals> = input.directors.isEmpty && appointed?.isExecutiveCommittee == true
                ? .success((appointed?.ids ?? [], appointed?.names ?? []))
                : DirectorsPanelSteps.checked(input.directors.isEmpty ? appointed?.ids.map(\.uuidString) ?? [] : input.directors,
                                              matter: .ethicsAppeal, view: view, facts: facts)
            return sat.map { ids, names in
                [ProposedEntry(type: .appealHeard, effectiveOn: date, payload: ["directors": .text(names.joined(separator: ", ")),
                                                                              "directorIds": .text(ids.map(\.uuidString).joined(separator: ","))])]
            }
        }
    }
}
