import Foundation

/// The award and the steps after it (S3 7.7–7.10; a2.23, a1.35, b3.6).
public enum AwardSteps {
    /// The award in force: the latest the panel filed (a corrected one included, a2.24), unless the Directors then
    /// ordered a new hearing (b3.9) or a court vacated it (a2.25).
    public static func award(_ view: StepView) -> DocketEntry? {
        guard let award = view.last(RecordedEntry(.awardRendered)) else { return nil }
        let undone = view.effective.contains { entry in
            entry.sequence > award.sequence && ((entry.type == .reviewDecided && entry.payload["outcome"]?.textValue == "new-hearing")
                || (entry.type == .courtDecided && entry.payload["outcome"]?.textValue == "vacated"))
        }
        return undone ? nil : award
    }

    /// What the award orders paid, in cents: the amount with any attorney fees and interest it allows (b3.6).
    public static func total(_ award: DocketEntry) -> Int { total(fromPayload: award.payload) }

    static func total(fromPayload payload: Payload) -> Int {
        ["amountCents", "attorneyFeesCents", "interestCents"].reduce(0) { $0 + (payload[$1]?.integerValue ?? 0) }
    }

    /// What the association holds in escrow on this case, from its ledger: paid in, less what was released or returned.
    public static func held(_ view: StepView) -> Int { CaseLedger.arbitration(view.docket).balance(.escrowHeld) }

    /// What the award in force orders paid, or what a court upheld of it (a2.25).
    public static func owed(_ view: StepView) -> Int {
        guard let award = award(view) else { return 0 }
        let modified = view.effective.last { $0.sequence > award.sequence && $0.type == .courtDecided && $0.payload["outcome"]?.textValue == "modified" }
        return modified?.payload["amountCents"]?.integerValue ?? total(award)
    }

    /// What of the award in force is still to be paid into escrow (a2.23).
    public static func unpaid(_ view: StepView) -> Int { max(0, owed(view) - held(view)) }

    /// The panel files its award after a hearing on the merits with the claimant present (b3.2), never more than the
    /// amount in dispute, with no punitive damages, attorney fees only where the parties' agreement provides for them and
    /// interest only where the arbitration agreement calls for it (b3.6). Both parties are served; the time to pay
    /// into escrow counts from each one's receipt (a2.23). Staff may record the award the panel signed.
    public struct Render: CaseStep {
        public enum Prevailing: String, CaseIterable, Sendable { case claimant, respondent }
        public struct Input: Decodable, Sendable {
            public let prevailing: Prevailing
            /// Dollars, like 4,300.00; zero when the respondent prevails.
            public let amount: String
            public let attorneyFees: String?
            public let interest: String?
            public let agreementProvidesFees: String?
            public let agreementProvidesInterest: String?
            public init(prevailing: Prevailing, amount: String, attorneyFees: String?, interest: String?, agreementProvidesFees: String?, agreementProvidesInterest: String?) {
                self.prevailing = prevailing; self.amount = amount; self.attorneyFees = attorneyFees; self.interest = interest
                self.agreementProvidesFees = agreementProvidesFees; self.agreementProvidesInterest = agreementProvidesInterest
            }
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                prevailing = try choice(try fields.required("prevailing"), as: Prevailing.self, field: "prevailing", prompt: "Say who prevails: the claimant or the respondent.")
                amount = try fields.required("amount")
                attorneyFees = try fields.optional("attorneyFees")
                interest = try fields.optional("interest")
                agreementProvidesFees = try fields.optional("agreementProvidesFees")
                agreementProvidesInterest = try fields.optional("agreementProvidesInterest")
            }
        }
        public static let name = "award-render"
        public static let process = CaseProcess.arbitration
        public static let title = "File the award"
        public static let rule = RuleID.a2_23
        public static let done = "The award was filed and served on both parties; the time to pay into escrow counts from each one's receipt."
        public static let records = [RecordedEntry(.awardRendered), .notice(.award), .notice(.awardForInformation)]
        public static let policy = StepPolicy.panelistOrStaff
        public static let needs: Set<StepFact> = [.bothParties, .regionalAgreement]
        public static let confirmation: String? = "An award is final once served, except on a motion to correct or a procedural review."

        public static func availability(_ view: StepView) -> Refusal? {
            guard view.status == .heard, let held = view.last(RecordedEntry(.hearingHeld)), held.payload["claimantPresent"]?.textValue == "yes" else {
                return Refusal(code: "no_hearing_on_the_merits", message: "An award follows a hearing on the merits with the claimant present (b3.2).", rule: .b3_2)
            }
            return nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            switch award(input, view: view) {
            case .failure(let refusals): return .failure(refusals)
            case .success(let (payload, said)):
                let to = facts.bothPartiesOrRole
                return .success([ProposedEntry(type: .awardRendered, effectiveOn: date, payload: payload),
                                 noticeEntry(.award, to: to, on: date, channel: "mail", note: said)] + forInformation(facts, on: date, said: said))
            }
        }

        /// Under a regional agreement the panel's award goes to each party's home association for information (appendix (5)(e)).
        static func forInformation(_ facts: StepFacts, on date: CivilDate, said: String) -> [ProposedEntry] {
            guard let agreement = facts.regionalAgreement else { return [] }
            return [noticeEntry(.awardForInformation, to: "each party's home association under the \(agreement)", on: date, channel: "mail", note: said)]
        }

        /// The award's payload and its one-line summary, within the limits of b3.6; shared with a correction (a2.24).
        static func award(_ input: Input, view: StepView) -> Result<(Payload, String), StepRefusals> {
            let inDispute = view.last(RecordedEntry(.arbitrationRequested))?.payload["amountCents"]?.integerValue ?? 0
            var refusals: [Refusal] = []
            func cents(_ text: String?, _ field: String, _ label: String) -> Int {
                let typed = trimmed(text)
                guard !typed.isEmpty else { return 0 }
                guard let value = Money.cents(typed), value >= 0, value <= RequestSteps.Record.largestAmountCents else {
                    refusals.append(Refusal(code: "bad_\(field)", message: "Enter \(label) in dollars, like 4,300.00.", rule: .b3_6))
                    return 0
                }
                return value
            }
            let amount = cents(input.amount, "amount", "the amount awarded")
            let fees = cents(input.attorneyFees, "attorneyFees", "the attorney fees")
            let interest = cents(input.interest, "interest", "the interest")
            if amount > inDispute {
                refusals.append(Refusal(code: "award_exceeds_dispute",
                                        message: "An award may not exceed the amount in dispute, \(Money.format(inDispute)): no punitive damages (b3.6).", rule: .b3_6))
            }
            if input.prevailing == .claimant && amount == 0 {
                refusals.append(Refusal(code: "amount_required", message: "Give the amount awarded to the claimant.", rule: .b3_6))
            }
            if input.prevailing == .respondent && amount + fees + interest > 0 {
                refusals.append(Refusal(code: "respondent_prevails_nothing_owed", message: "When the respondent prevails, nothing is awarded against them.", rule: .b3_6))
            }
            if fees > 0 && !ticked(input.agreementProvidesFees) {
                refusals.append(Refusal(code: "no_fees_without_agreement", message: "Attorney fees are awarded only where the parties' agreement provides for them (b3.6).", rule: .b3_6))
            }
            if interest > 0 && !ticked(input.agreementProvidesInterest) {
                refusals.append(Refusal(code: "no_interest_without_agreement", message: "Interest is awarded only where the arbitration agreement calls for it (b3.6).", rule: .b3_6))
            }
            guard refusals.isEmpty else { return .failure(StepRefusals(refusals)) }
            var payload: Payload = ["amountCents": .integer(amount), "prevailing": .text(input.prevailing.rawValue)]
            if fees > 0 { payload["attorneyFeesCents"] = .integer(fees) }
            if interest > 0 { payload["interestCents"] = .integer(interest) }
            let said = input.prevailing == .claimant ? "Award to the claimant: \(Money.format(amount + fees + interest))." : "The respondent prevails: nothing is awarded."
            return .success((payload, said))
        }
    }

    /// The non-prevailing party deposits the award with the association, into its escrow account, within 10 days of
    /// receipt (S3 7.7.1, a2.23); staff record each payment. Never more than the award still unpaid.
    public struct Escrow: CaseStep {
        public struct Input: Decodable, Sendable {
            public let amount: String
            public init(from decoder: Decoder) throws { amount = try StepFields(decoder).required("amount") }
        }
        public static let name = "award-escrow"
        public static let process = CaseProcess.arbitration
        public static let title = "Record the award paid into escrow"
        public static let rule = RuleID.a2_23
        public static let done = "The payment into escrow was recorded; the association holds it for the prevailing party."
        public static let records = [RecordedEntry(.awardEscrowed), .notice(.escrowReceived)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.bothParties]

        public static func availability(_ view: StepView) -> Refusal? { owing(view) }

        /// Nil while some of the award is still to be paid, once it has been served.
        static func owing(_ view: StepView) -> Refusal? {
            guard award(view) != nil, view.has(.notice(.award)) else {
                return Refusal(code: "no_award", message: "Payment follows the award served on the parties.", rule: .a2_23)
            }
            if view.status == .awardPaid { return Refusal(code: "award_paid", message: "The award was satisfied.", rule: .a2_23) }
            return owed(view) - held(view) > 0 ? nil
                : Refusal(code: "nothing_owed", message: "Nothing of the award remains to be paid.", rule: .a2_23)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let remaining = unpaid(view)
            guard let cents = Money.cents(trimmed(input.amount)), cents > 0, cents <= remaining else {
                return .failure(StepRefusals(code: "bad_amount", message: "Enter the amount received, at most the \(Money.format(remaining)) still unpaid.", rule: rule))
            }
            let to = facts.bothPartiesOrRole
            return .success([ProposedEntry(type: .awardEscrowed, effectiveOn: date, payload: ["amountCents": .integer(cents)]),
                             noticeEntry(.escrowReceived, to: to, on: date, channel: "mail", note: "Received into escrow: \(Money.format(cents)); now held: \(Money.format(held(view) + cents)).")])
        }
    }

    /// The non-prevailing party paid the prevailing party directly: recorded as satisfaction of the award (S3 7.7.1).
    public struct Satisfied: CaseStep {
        public static let name = "award-satisfied"
        public static let process = CaseProcess.arbitration
        public static let title = "Record the award paid directly"
        public static let rule = RuleID.a2_23
        public static let done = "The award is recorded as satisfied by direct payment."
        public static let records = [RecordedEntry(.awardPaid)]
        public static let policy = StepPolicy.staff

        public static func availability(_ view: StepView) -> Refusal? {
            if let refusal = Escrow.owing(view) { return refusal }
            return held(view) > 0
                ? Refusal(code: "escrow_held", message: "Part of the award is in escrow: it is released to the prevailing party after the review window (a2.25).", rule: .a2_25) : nil
        }

        public static func decide(_ input: NoInput, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            .success([ProposedEntry(type: .awardPaid, effectiveOn: date, payload: ["amountCents": .integer(award(view).map(total) ?? 0), "direct": .text("yes")])])
        }
    }

    /// Staff release the escrowed award to the prevailing party, once it is certain nobody may still stop it: the
    /// windows for a motion to correct and for procedural review have closed, no review is pending, and after a
    /// confirmed review the 15 days to give notice of a suit have run with none given (S3 7.7.2, 7.7.4; a2.25). A notice
    /// of suit keeps the funds held until the court decides. Irreversible, so it asks first.
    public struct Release: CaseStep {
        public static let name = "award-release"
        public static let process = CaseProcess.arbitration
        public static let title = "Release the escrowed award to the prevailing party"
        public static let rule = RuleID.a2_25
        public static let done = "The award held in escrow was released to the prevailing party."
        public static let records = [RecordedEntry(.awardPaid), .notice(.escrowReleased)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.bothParties]
        public static let confirmation: String? = "Releasing the escrowed award pays it out to the prevailing party; it cannot be undone."
        /// The windows that must have closed before anything is paid out.
        static let windows: [DeadlineKey] = [.motionToCorrect, .motionObjection, .proceduralReview, .suitNotice]

        public static func availability(_ view: StepView) -> Refusal? {
            guard held(view) > 0 else {
                return Refusal(code: "nothing_in_escrow", message: "Nothing of the award is held in escrow.", rule: .a2_23)
            }
            return AfterAward.notFinal(view)
        }

        public static func decide(_ input: NoInput, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let amount = held(view)
            let to = facts.bothPartiesOrRole
            return .success([ProposedEntry(type: .awardPaid, effectiveOn: date, payload: ["amountCents": .integer(amount), "released": .text("yes")]),
                             noticeEntry(.escrowReleased, to: to, on: date, channel: "mail", note: "Paid to the prevailing party: \(Money.format(amount)).")])
        }
    }

    /// The party ordered to pay refuses to abide by the award. Not an ethics matter the first time: the recipient is
    /// advised to seek judicial enforcement; earlier refusals by the same member come back as a warning that a
    /// pattern may be an Article 17 matter (a1.35).
    public struct RefuseToAbide: CaseStep {
        public struct Input: Decodable, Sendable {
            public let note: String?
            public init(from decoder: Decoder) throws { note = try StepFields(decoder).optional("note", "text") }
        }
        public static let name = "award-refusal"
        public static let process = CaseProcess.arbitration
        public static let title = "Record a refusal to abide by the award"
        public static let rule = RuleID.a1_35
        public static let done = "The refusal was recorded and the award recipient advised to seek judicial enforcement."
        public static let records = [RecordedEntry(.awardRefusedToAbide), .notice(.enforcementAdvice)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.complainants, .awardHistory, .regionalAgreement]

        public static func availability(_ view: StepView) -> Refusal? {
            guard view.has(RecordedEntry(.awardRendered)) else {
                return Refusal(code: "no_award", message: "A refusal to abide follows an arbitration award.", rule: rule)
            }
            return view.status == .awardPaid ? Refusal(code: "award_paid", message: "The award was paid.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard let respondent = facts.respondentID else {
                return .failure(StepRefusals(code: "no_respondent", message: "The case names no respondent.", rule: rule))
            }
            let payload = adding(["respondentId": .text(respondent.uuidString)], [("note", input.note)])
            let recipient = facts.complainants.isEmpty ? "the award recipient" : facts.complainants
            // Under a regional agreement the advice comes from the association the recipient belongs to (appendix (5)(e)).
            let note = facts.regionalAgreement.map { _ in "Given by the association in which the award recipient holds membership (appendix (5)(e))." }
            return .success([ProposedEntry(type: .awardRefusedToAbide, effectiveOn: date, payload: payload),
                             noticeEntry(.enforcementAdvice, to: recipient, on: date, channel: "mail", note: note)])
        }

        public static func advice(view: StepView, facts: StepFacts) -> [Refusal] {
            [AwardRefusal.advice(priorRefusals: facts.priorAwardRefusals)].compactMap { $0 }
        }
    }
}
