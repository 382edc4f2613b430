import Foundation

/// The Directors' action that ends an ethics case, and compliance with its discipline (a1.25, a1.29–a1.33).
public enum DirectorsSteps {
    /// The Directors' action, recorded by staff: adopt, reduce, dismiss or refer back (a1.25); what happens to the
    /// deposit (a1.29); then the notices of final action, with a redacted copy where names may not go (a1.31, S3 1.1.7).
    public struct Act: HearingStep {
        public struct Input: Decodable, Sendable {
            public let action: DirectorsAction
            public let discipline: String?
            public let rationale: String?
            public let depositDisposition: String?
            public let complianceDays: String?
            public let automaticPenalty: String?
            public let contingentOnJudgment: String?
            /// Dollars, like 250.00; stored as `refundCents`.
            public let refund: String?
            /// Agencies told of the action without names, separated by semicolons (a1.31).
            public let agencies: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                action = try choice(try fields.required("action"), as: DirectorsAction.self, field: "action", prompt: "Choose what the Directors do.")
                discipline = try fields.optional("discipline")
                rationale = try fields.optional("rationale")
                depositDisposition = try fields.optional("depositDisposition")
                complianceDays = try fields.optional("complianceDays")
                automaticPenalty = try fields.optional("automaticPenalty")
                contingentOnJudgment = try fields.optional("contingentOnJudgment")
                refund = try fields.optional("refund")
                agencies = try fields.optional("agencies")
            }
        }
        public static let name = "hearing/directors-action"
        public static let title = "Record the Directors' action"
        public static let rule = RuleID.a1_25
        public static let done = "The Directors' action was recorded and the notices prepared."
        public static let records = [RecordedEntry(.finalAction), .notice(.finalAction), .notice(.finalActionRedacted), .notice(.directorsDecision)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.finalActionHistory]
        // Without an appeal, on a heard appeal, on an appeal the preliminary review dismissed, or on non-compliance.
        public static let openWhile: Set<CaseStatus> = [.decided, .appealed, .appealHeard, .beforeDirectors]

        public static func open(_ view: StepView) -> Refusal? { DirectorsAction.refusal(docket: view.docket, status: view.status) }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let action = input.action
            // Where the appeal panel voted here, its majority decided the action: staff record that, not another (issue 18).
            if let panel = DirectorsPanel.current(kind: view.kind, docket: view.docket), panel.matter == .ethicsAppeal, !panel.votes.isEmpty {
                guard let decided = panel.majority() else {
                    return .failure(StepRefusals(code: "panel_still_voting",
                                                 message: "The appeal panel is still voting (\(panel.awaiting.count) of \(panel.ids.count) to vote): its decision comes first.", rule: .a1_27))
                }
                guard decided == action.rawValue else {
                    let label = DirectorsAction(rawValue: decided)?.label ?? decided
                    return .failure(StepRefusals(code: "panel_decided_otherwise", message: "The appeal panel decided: \(label). Record that action.", rule: .a1_27))
                }
            }
            if action == .modified, trimmed(input.discipline).isEmpty {
                return .failure(StepRefusals(code: "reduced_discipline_required", message: "Give the reduced discipline.", rule: rule))
            }
            var refundCents: Int?
            if let refund = given(input.refund) {
                guard let cents = Money.cents(refund), cents >= 0 else {
                    return .failure(StepRefusals(code: "refund_not_understood", message: "Enter the refund in dollars, like 250.00.", rule: .a1_29))
                }
                refundCents = cents
            }
            let final = FinalAction(action: action, discipline: given(input.discipline), rationale: given(input.rationale),
                                    depositDisposition: given(input.depositDisposition), refundCents: refundCents,
                                    complianceDays: given(input.complianceDays), automaticPenalty: given(input.automaticPenalty),
                                    contingentOnJudgment: given(input.contingentOnJudgment))
            var entries = [final.entry(on: date)]
            // Referred back to a panel, the case goes on: no final notices yet (a1.25 (i), (ii)).
            if action == .newPanel || action == .sanctionToPanel { return .success(entries) }
            let recommended = view.decision?.payload(as: DecisionFiled.self)?.discipline ?? ""
            let sanctions = (try? DisciplineText.parse(final.discipline ?? recommended).get()) ?? []
            let agencies = trimmed(input.agencies).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let recipients = FinalActionNotice.recipients(action: action, sanctions: sanctions, profile: facts.profile, otherAssociations: facts.otherAssociations,
                                                          agencies: agencies, priorViolationsInThreeYears: facts.priorViolationsInThreeYears,
                                                          signatories: facts.signatoryNames)
            entries += recipients.map { noticeEntry($0.redacted ? .finalActionRedacted : .finalAction, to: $0.to, on: date, channel: "mail") }
            if action.imposesDiscipline, let resigned = ResignationSteps.heldInAbeyance(view.effective) {
                // The respondent left with no other membership: the discipline waits until they rejoin (S4 (14), a1.12).
                entries.append(DisciplineComplianceRecorded(event: .abeyance, note: "The respondent's membership ended on \(resigned.payload["endedOn"]?.textValue ?? "—") with no other membership: held until they rejoin an association of REALTORS® (S4 (14), a1.12).").entry(on: date))
            }
            if view.has(RecordedEntry(.appealHeard)) {
                // The written decision on an appeal, to the parties and the panel (a1.30).
                entries.append(noticeEntry(.directorsDecision, to: "parties; hearing panel", on: date, channel: "mail"))
            }
            return .success(entries)
        }
    }

    /// A step in compliance: payment, course, explanation invited (with its notice), referral to the Directors,
    /// abeyance and revival (a1.32, a1.12, b8).
    public struct Compliance: HearingStep {
        public struct Input: Decodable, Sendable {
            public let event: ComplianceEvent
            public let note: String?
            /// Dollars paid, like 1500.00, for a fine paid; stored as `amountCents`.
            public let amount: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                event = try choice(try fields.required("event"), as: ComplianceEvent.self, field: "event", prompt: "Choose what happened.")
                note = try fields.optional("note")
                amount = try fields.optional("amount")
            }
        }
        public static let name = "hearing/compliance"
        public static let title = "Record a compliance step"
        public static let rule = RuleID.a1_32
        public static let done = "The compliance step was recorded."
        public static let records = [RecordedEntry(.disciplineCompliance), .notice(.nonCompliance)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.respondentRecipients]
        public static let openWhile: Set<CaseStatus> = [.finalAction, .beforeDirectors]

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            var amountCents: Int?
            if input.event == .finePaid {
                guard let cents = Money.cents(trimmed(input.amount)), cents > 0 else {
                    return .failure(StepRefusals(code: "amount_required", message: "Enter the amount paid in dollars, like 1500.00.", rule: .b8_1))
                }
                amountCents = cents
            }
            var entries = [DisciplineComplianceRecorded(event: input.event, amountCents: amountCents, note: given(input.note)).entry(on: date)]
            if input.event == .explanationInvited {
                entries.append(noticeEntry(.nonCompliance, to: facts.respondentRecipients, on: date, channel: "mail"))
            }
            return .success(entries)
        }
    }
}
