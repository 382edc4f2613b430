import Foundation

/// What may follow an award before its money moves: a motion to correct it (a2.24), a procedural review by the
/// Directors (a2.27, b3.8–b3.9), a suit in court (a2.25), the deposit equivalent a non-depositing loser owes (a2.20)
/// and, once the award is final, the disposition of the deposits (S3 7.8, b3.4). Every step keeps the escrowed funds
/// where the rules say until nothing can still stop their release.
public enum AfterAward {
    /// The four grounds of a motion to modify or correct the award (S3 7.7.3).
    public enum CorrectionGrounds: String, CaseIterable, Sendable {
        case miscalculation, imperfectForm = "imperfect-form", incomplete, clarification

        public var label: String {
            switch self {
            case .miscalculation: "an evident miscalculation of figures or misdescription"
            case .imperfectForm: "the award is imperfect in a matter of form"
            case .incomplete: "the panel did not make a final award on a claim submitted"
            case .clarification: "the award needs clarification"
            }
        }
    }

    /// The due-process defects a procedural review may cite (b3.8); a review never re-weighs the merits (b3.9).
    public enum DueProcessDefect: String, CaseIterable, Sendable {
        case fraud, coercion, bias, partiality, notice = "no-proper-notice", hearing = "no-fair-hearing", other = "other-due-process"

        public var label: String {
            switch self {
            case .fraud: "fraud"
            case .coercion: "coercion"
            case .bias: "bias of a panel member"
            case .partiality: "partiality"
            case .notice: "no proper notice of the hearing"
            case .hearing: "a party was not fairly heard"
            case .other: "another denial of due process"
            }
        }
    }

    public enum CourtOutcome: String, CaseIterable, Sendable {
        case confirmed, modified, vacated
    }

    /// Who files: a signed-in party files for their own side; staff recording a paper filing name the side. Nil when
    /// staff named none (`sideRequired`).
    static func side(_ typed: String?, facts: StepFacts) -> String? {
        if let side = facts.actor.side { return side == .complainant ? "claimant" : "respondent" }
        let named = trimmed(typed)
        return ["claimant", "respondent"].contains(named) ? named : nil
    }

    static func sideRequired(_ rule: RuleID) -> StepRefusals {
        StepRefusals(code: "side_required", message: "Say which party filed it: the claimant or the respondent.", rule: rule)
    }

    /// The deposit each side made: the claimant's with the request, the respondent's with the response.
    static func deposit(of side: String, _ view: StepView) -> Int {
        let entry = side == "claimant" ? view.last(RecordedEntry(.arbitrationRequested)) : view.last(RecordedEntry(.replyReceived))
        return entry?.payload["depositCents"]?.integerValue ?? 0
    }

    /// The party ordered to pay: the respondent when the claimant prevails.
    static func payer(_ award: DocketEntry) -> String { award.payload["prevailing"]?.textValue == "respondent" ? "claimant" : "respondent" }

    /// A refusal when a party's window has ended (a missed or lapsed option).
    static func ended(_ key: DeadlineKey, _ view: StepView, code: String, what: String) -> Refusal? {
        guard let window = view.deadlines.first(where: { $0.key == key }), [.missed, .lapsed].contains(window.status) else { return nil }
        return Refusal(code: code, message: "The time to \(what) ended\(window.dueOn.map { " \($0)" } ?? "").", rule: window.rule)
    }

    /// The award served, or the refusal that it is not.
    static func served(_ view: StepView) -> Refusal? {
        guard let award = AwardSteps.award(view), view.effective.contains(where: { $0.sequence > award.sequence && RecordedEntry.notice(.award).matches($0) }) else {
            return Refusal(code: "no_award", message: "This follows the award served on the parties.", rule: .a2_24)
        }
        return nil
    }

    /// The motion to correct the award in force that the panel has not ruled on, if any.
    static func pendingMotion(_ view: StepView) -> DocketEntry? {
        guard let motion = view.last(RecordedEntry(.motionToCorrect)),
              !view.effective.contains(where: { $0.type == .motionRuled && $0.sequence > motion.sequence }) else { return nil }
        return motion
    }

    /// The procedural review not yet decided, if any.
    static func pendingReview(_ view: StepView) -> DocketEntry? {
        guard let review = view.last(RecordedEntry(.reviewRequested)),
              !view.effective.contains(where: { $0.type == .reviewDecided && $0.sequence > review.sequence }) else { return nil }
        return review
    }

    /// The suit noticed that the court has not decided, if any.
    static func pendingSuit(_ view: StepView) -> DocketEntry? {
        guard let suit = view.last(RecordedEntry(.suitNoticed)),
              !view.effective.contains(where: { $0.type == .courtDecided && $0.sequence > suit.sequence }) else { return nil }
        return suit
    }

    /// Why the award cannot yet be treated as final (nothing may be released or disposed of), or nil.
    public static func notFinal(_ view: StepView) -> Refusal? {
        if pendingMotion(view) != nil {
            return Refusal(code: "motion_pending", message: "A motion to correct the award waits for the panel's ruling (a2.24).", rule: .a2_24)
        }
        if pendingReview(view) != nil {
            return Refusal(code: "review_pending", message: "A procedural review is pending: the funds stay in escrow until the Directors decide (a2.27).", rule: .a2_27)
        }
        if pendingSuit(view) != nil {
            return Refusal(code: "suit_pending", message: "A suit was noticed: the funds stay in escrow until the court decides and its result is recorded (a2.25).", rule: .a2_25)
        }
        if let open = view.deadlines.first(where: { AwardSteps.Release.windows.contains($0.key) && $0.status == .pending }) {
            let until = open.dueOn.map { " until \($0)" } ?? " (it counts from the parties' receipt of the award: record it)"
            return Refusal(code: "window_open", message: "\(open.title) runs\(until): nothing is released before it closes (a2.25).", rule: .a2_25)
        }
        return nil
    }

    // MARK: motion to correct (S3 7.7.3, a2.24)

    /// A party moves the panel to modify or correct the award, within 20 days of service, on one of four grounds. The
    /// other party is sent the motion and may object within 10 days of receiving it.
    public struct Motion: CaseStep {
        public struct Input: Decodable, Sendable {
            public let grounds: CorrectionGrounds
            public let explanation: String
            public let by: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                grounds = try choice(try fields.required("grounds"), as: CorrectionGrounds.self, field: "grounds",
                                     prompt: "Choose the grounds: a miscalculation, imperfect form, no final award on a claim, or clarification.")
                explanation = try fields.required("explanation")
                by = try fields.optional("by")
            }
        }
        public static let name = "award-motion"
        public static let process = CaseProcess.arbitration
        public static let title = "Move to correct the award"
        public static let rule = RuleID.a2_24
        public static let done = "The motion to correct the award was filed and sent to the other party, who may object within 10 days."
        public static let records = [RecordedEntry(.motionToCorrect), .notice(.motionToCorrect)]
        public static let policy = StepPolicy.eitherPartyOrStaff
        public static let needs: Set<StepFact> = [.complainants, .respondentRecipients]

        public static func availability(_ view: StepView) -> Refusal? {
            if let refusal = served(view) { return refusal }
            if view.deadlines.contains(where: { $0.key == .motionToCorrect && $0.status == .met }) {
                return Refusal(code: "motion_already_filed", message: "A motion to correct this award was already filed; the panel's ruling on it is final (a2.24).", rule: rule)
            }
            return ended(.motionToCorrect, view, code: "motion_too_late", what: "move to correct the award")
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard let by = side(input.by, facts: facts) else { return .failure(sideRequired(rule)) }
            let explanation = trimmed(input.explanation)
            guard !explanation.isEmpty else {
                return .failure(StepRefusals(code: "explanation_required", message: "Say what in the award should be corrected and why.", rule: rule))
            }
            let other = by == "claimant" ? facts.respondentRecipients : facts.complainants
            return .success([ProposedEntry(type: .motionToCorrect, effectiveOn: date,
                                           payload: ["by": .text(by), "grounds": .text(input.grounds.rawValue), "explanation": .text(explanation)]),
                             noticeEntry(.motionToCorrect, to: other.isEmpty ? "the other party" : other, on: date, channel: "mail",
                                         note: "Grounds: \(input.grounds.label).")])
        }
    }

    /// The other party objects in writing within 10 days of receiving the motion (a2.24).
    public struct Objection: CaseStep {
        public struct Input: Decodable, Sendable {
            public let text: String
            public let by: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                text = try fields.required("text")
                by = try fields.optional("by")
            }
        }
        public static let name = "award-motion-objection"
        public static let process = CaseProcess.arbitration
        public static let title = "Object to the motion to correct"
        public static let rule = RuleID.a2_24
        public static let done = "The objection was filed for the panel."
        public static let records = [RecordedEntry(.motionObjection)]
        public static let policy = StepPolicy.eitherPartyOrStaff

        public static func availability(_ view: StepView) -> Refusal? {
            guard pendingMotion(view) != nil else {
                return Refusal(code: "no_motion", message: "There is no motion to correct awaiting the panel.", rule: rule)
            }
            if view.deadlines.contains(where: { $0.key == .motionObjection && $0.status == .met }) {
                return Refusal(code: "objection_already_filed", message: "The objection was already filed.", rule: rule)
            }
            return ended(.motionObjection, view, code: "objection_too_late", what: "object to the motion")
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard let by = side(input.by, facts: facts) else { return .failure(sideRequired(rule)) }
            if pendingMotion(view)?.payload["by"]?.textValue == by {
                return .failure(StepRefusals(code: "objection_by_mover", message: "Only the other party objects to a motion.", rule: rule))
            }
            let text = trimmed(input.text)
            guard !text.isEmpty else {
                return .failure(StepRefusals(code: "text_required", message: "Write the objection.", rule: rule))
            }
            return .success([ProposedEntry(type: .motionObjection, effectiveOn: date, payload: ["by": .text(by), "text": .text(text)])])
        }
    }

    /// The panel rules on the motion once the objection is in or its time has passed. Its ruling is final. A correction
    /// files the corrected award, served again, which restarts the payment and review windows; escrow above the
    /// corrected amount goes back to the payer (a2.24).
    public struct Ruling: CaseStep {
        public enum Outcome: String, CaseIterable, Sendable { case denied, corrected }
        public struct Input: Decodable, Sendable {
            public let outcome: Outcome
            public let reason: String?
            public let prevailing: String?
            public let amount: String?
            public let attorneyFees: String?
            public let interest: String?
            public let agreementProvidesFees: String?
            public let agreementProvidesInterest: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                outcome = try choice(try fields.required("outcome"), as: Outcome.self, field: "outcome", prompt: "Say whether the motion is denied or the award corrected.")
                reason = try fields.optional("reason")
                prevailing = try fields.optional("prevailing")
                amount = try fields.optional("amount")
                attorneyFees = try fields.optional("attorneyFees")
                interest = try fields.optional("interest")
                agreementProvidesFees = try fields.optional("agreementProvidesFees")
                agreementProvidesInterest = try fields.optional("agreementProvidesInterest")
            }
        }
        public static let name = "award-motion-ruling"
        public static let process = CaseProcess.arbitration
        public static let title = "Rule on the motion to correct"
        public static let rule = RuleID.a2_24
        public static let done = "The panel's ruling was recorded and sent to both parties; it is final."
        public static let records = [RecordedEntry(.motionRuled), .notice(.motionRuling), .notice(.award), .notice(.awardForInformation)]
        public static let policy = StepPolicy.panelistOrStaff
        public static let needs: Set<StepFact> = [.bothParties, .regionalAgreement]

        public static func availability(_ view: StepView) -> Refusal? {
            guard pendingMotion(view) != nil else {
                return Refusal(code: "no_motion", message: "There is no motion to correct awaiting the panel.", rule: rule)
            }
            if let window = view.deadlines.first(where: { $0.key == .motionObjection }), window.status == .pending {
                let until = window.dueOn.map { " until \($0)" } ?? " from its receipt of the motion (record the receipt)"
                return Refusal(code: "objection_window_open", message: "The other party may object\(until); the panel rules after.", rule: rule)
            }
            return nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let reason = trimmed(input.reason)
            let to = facts.bothPartiesOrRole
            guard input.outcome == .corrected else {
                return .success([ProposedEntry(type: .motionRuled, effectiveOn: date, payload: adding(["outcome": .text("denied")], [("reason", reason)])),
                                 noticeEntry(.motionRuling, to: to, on: date, channel: "mail", note: "The motion is denied; the award stands.")])
            }
            guard let prevailing = AwardSteps.Render.Prevailing(rawValue: trimmed(input.prevailing)) else {
                return .failure(StepRefusals(code: "prevailing_required", message: "Say who prevails under the corrected award.", rule: .b3_6))
            }
            let corrected = AwardSteps.Render.Input(prevailing: prevailing, amount: input.amount ?? "", attorneyFees: input.attorneyFees, interest: input.interest,
                                                    agreementProvidesFees: input.agreementProvidesFees, agreementProvidesInterest: input.agreementProvidesInterest)
            switch AwardSteps.Render.award(corrected, view: view) {
            case .failure(let refusals): return .failure(refusals)
            case .success(let (payload, said)):
                var award = payload
                award["corrected"] = .text("yes")
                let refund = max(0, AwardSteps.held(view) - AwardSteps.total(fromPayload: award))
                var ruling: Payload = adding(["outcome": .text("corrected")], [("reason", reason)])
                if refund > 0 { ruling["escrowRefundCents"] = .integer(refund) }
                let returned = refund > 0 ? " \(Money.format(refund)) held in escrow above it goes back to the payer." : ""
                return .success([ProposedEntry(type: .motionRuled, effectiveOn: date, payload: ruling),
                                 ProposedEntry(type: .awardRendered, effectiveOn: date, payload: award),
                                 noticeEntry(.motionRuling, to: to, on: date, channel: "mail", note: "The award is corrected.\(returned)"),
                                 noticeEntry(.award, to: to, on: date, channel: "mail", note: "Corrected award. \(said)")]
                                + AwardSteps.Render.forInformation(facts, on: date, said: "Corrected award. \(said)"))
            }
        }
    }

    // MARK: procedural review (S3 7.9, a2.27, b3.8–b3.9)

    /// A party asks, within 20 days of the award's service, for a review of the procedure only, citing the
    /// due-process defect, with the review deposit. The escrowed funds stay held until it is decided. Under a regional
    /// agreement it is heard as the agreement says (appendix (5)(c)).
    public struct ReviewRequest: CaseStep {
        public struct Input: Decodable, Sendable {
            public let defect: DueProcessDefect
            public let explanation: String
            public let by: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                defect = try choice(try fields.required("defect"), as: DueProcessDefect.self, field: "defect",
                                    prompt: "Name the due-process defect: a review looks only at the procedure, never the merits.")
                explanation = try fields.required("explanation")
                by = try fields.optional("by")
            }
        }
        public static let name = "review-request"
        public static let process = CaseProcess.arbitration
        public static let title = "Request a procedural review"
        public static let rule = RuleID.a2_27
        public static let done = "The request for procedural review was filed with its deposit; the escrowed funds stay held until it is decided."
        public static let records = [RecordedEntry(.reviewRequested)]
        public static let policy = StepPolicy.eitherPartyOrStaff
        public static let needs: Set<StepFact> = [.refusalTribunal]

        public static func availability(_ view: StepView) -> Refusal? {
            if let refusal = served(view) { return refusal }
            if pendingReview(view) != nil {
                return Refusal(code: "review_pending", message: "A procedural review is already pending.", rule: rule)
            }
            if view.deadlines.contains(where: { $0.key == .proceduralReview && $0.status == .met }) {
                return Refusal(code: "review_window_used", message: "A review or a legal challenge of this award was already filed.", rule: rule)
            }
            return ended(.proceduralReview, view, code: "review_too_late", what: "request a procedural review")
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard let by = side(input.by, facts: facts) else { return .failure(sideRequired(rule)) }
            let explanation = trimmed(input.explanation)
            guard !explanation.isEmpty else {
                return .failure(StepRefusals(code: "defect_required", message: "Describe how due process was denied: the request must cite the defect (b3.8).", rule: .b3_8))
            }
            var payload: Payload = ["by": .text(by), "defect": .text(input.defect.rawValue), "explanation": .text(explanation),
                                    "depositCents": .integer(facts.profile.proceduralReviewDepositCents)]
            // The Board of Directors, or under a regional agreement the tribunal it names (appendix (5)(c)).
            if !facts.refusalTribunal.isEmpty { payload["heardBy"] = .text(facts.refusalTribunal) }
            return .success([ProposedEntry(type: .reviewRequested, effectiveOn: date, payload: payload)])
        }
    }

    /// The Directors who heard the review (five, appointed by the President, none who sat on the tribunal) confirm the
    /// award or order a new hearing; they never change the amount (b3.9). A confirmed award opens 15 days for counsel's
    /// notice of a suit (a2.25) and keeps the review deposit; a new hearing refunds it and returns the escrow to the payer.
    public struct ReviewDecision: CaseStep {
        public enum Outcome: String, CaseIterable, Sendable { case confirmed, newHearing = "new-hearing" }
        public struct Input: Decodable, Sendable {
            public let outcome: Outcome
            public let directors: [String]
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                outcome = try choice(try fields.required("outcome"), as: Outcome.self, field: "outcome", prompt: "Say whether the award is confirmed or a new hearing ordered.")
                directors = try fields.list("directors", "directorIds")
            }
        }
        public static let name = "review-decide"
        public static let process = CaseProcess.arbitration
        public static let title = "Record the Directors' review decision"
        public static let rule = RuleID.b3_9
        public static let done = "The review decision was recorded and sent to both parties."
        public static let records = [RecordedEntry(.reviewDecided), .notice(.reviewDecision)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.board, .bothParties, .appealPool]

        public static func availability(_ view: StepView) -> Refusal? {
            if pendingReview(view) == nil { return Refusal(code: "no_review", message: "No procedural review is pending.", rule: .a2_27) }
            return DirectorsPanel.staffRecordRefusal(kind: view.kind, docket: view.docket, matter: .proceduralReview)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            DirectorsPanelSteps.checked(input.directors, matter: .proceduralReview, view: view, facts: facts).map { ids, names in
                entries(input.outcome, directors: ["directorIds": .text(ids.map(\.uuidString).joined(separator: ",")),
                                                   "directors": .text(names.joined(separator: ", "))], view: view, facts: facts, on: date)
            }
        }

        /// The decision and its notice to both parties; `directors` names who decided it (and their votes, issue 18).
        static func entries(_ outcome: Outcome, directors: Payload, view: StepView, facts: StepFacts, on date: CivilDate) -> [ProposedEntry] {
            var payload: Payload = directors.merging(["outcome": .text(outcome.rawValue),
                                                      "depositDisposition": .text(outcome == .confirmed ? "to-treasury" : "refunded")]) { $1 }
            let held = AwardSteps.held(view)
            if outcome == .newHearing && held > 0 { payload["escrowRefundCents"] = .integer(held) }
            let said = outcome == .confirmed
                ? "The award is confirmed. The party ordered to pay has 15 days to have counsel notify the association in writing of a suit; otherwise the escrowed funds are released (a2.25)."
                : "A new hearing is ordered; the review deposit is refunded\(held > 0 ? " and the \(Money.format(held)) held in escrow is returned to the payer" : "")."
            return [ProposedEntry(type: .reviewDecided, effectiveOn: date, payload: payload),
                    noticeEntry(.reviewDecision, to: facts.bothPartiesOrRole, on: date, channel: "mail", note: said)]
        }
    }

    // MARK: court (S3 7.7.2, 7.7.4, a2.25)

    /// Staff record that a legal challenge was filed within 20 days of the award, or counsel's written notice of a
    /// suit within 15 days after a confirmed review. The escrowed funds then stay held until the court decides.
    public struct SuitNotice: CaseStep {
        public struct Input: Decodable, Sendable {
            public let by: String?
            public let court: String?
            public let text: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                by = try fields.optional("by")
                court = try fields.optional("court")
                text = try fields.optional("text")
            }
        }
        public static let name = "suit-notice"
        public static let process = CaseProcess.arbitration
        public static let title = "Record a notice of suit"
        public static let rule = RuleID.a2_25
        public static let done = "The notice of suit was recorded: the escrowed funds stay held until the court's result is recorded."
        public static let records = [RecordedEntry(.suitNoticed)]
        public static let policy = StepPolicy.staff

        public static func availability(_ view: StepView) -> Refusal? {
            if let refusal = served(view) { return refusal }
            if pendingSuit(view) != nil { return Refusal(code: "suit_pending", message: "A suit is already noticed.", rule: rule) }
            if pendingReview(view) != nil {
                return Refusal(code: "review_pending", message: "A procedural review is pending: after a confirmation, counsel has 15 days to notify a suit (a2.25).", rule: rule)
            }
            let open = view.deadlines.contains { [.proceduralReview, .suitNotice].contains($0.key) && $0.status == .pending }
            return open ? nil
                : Refusal(code: "suit_notice_too_late", message: "A suit is noticed within 20 days of the award, or within 15 days after a confirmed review (a2.24, a2.25).", rule: rule)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let by = trimmed(input.by).isEmpty ? AwardSteps.award(view).map(payer) ?? "respondent" : trimmed(input.by)
            guard ["claimant", "respondent"].contains(by) else {
                return .failure(StepRefusals(code: "side_required", message: "Say which party noticed the suit: the claimant or the respondent.", rule: rule))
            }
            return .success([ProposedEntry(type: .suitNoticed, effectiveOn: date, payload: adding(["by": .text(by)], [("court", input.court), ("text", input.text)]))])
        }
    }

    /// The court's result, followed: confirmed (the escrow is released as usual), modified (the upheld amount is
    /// released, the rest returned) or vacated (everything returned to the payer; the case closes).
    public struct CourtResult: CaseStep {
        public struct Input: Decodable, Sendable {
            public let outcome: CourtOutcome
            public let amount: String?
            public let text: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                outcome = try choice(try fields.required("outcome"), as: CourtOutcome.self, field: "outcome", prompt: "Say whether the court confirmed, modified or vacated the award.")
                amount = try fields.optional("amount")
                text = try fields.optional("text")
            }
        }
        public static let name = "court-result"
        public static let process = CaseProcess.arbitration
        public static let title = "Record the court's result"
        public static let rule = RuleID.a2_25
        public static let done = "The court's result was recorded and the escrowed funds follow it."
        public static let records = [RecordedEntry(.courtDecided)]
        public static let policy = StepPolicy.staff

        public static func availability(_ view: StepView) -> Refusal? {
            pendingSuit(view) == nil ? Refusal(code: "no_suit", message: "No suit was noticed on this award.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let held = AwardSteps.held(view)
            var payload = adding(["outcome": .text(input.outcome.rawValue)], [("text", input.text)])
            switch input.outcome {
            case .confirmed: break
            case .vacated:
                if held > 0 { payload["escrowRefundCents"] = .integer(held) }
            case .modified:
                let total = AwardSteps.award(view).map(AwardSteps.total) ?? 0
                guard let upheld = Money.cents(trimmed(input.amount)), upheld >= 0, upheld <= total else {
                    return .failure(StepRefusals(code: "bad_amount", message: "Enter the amount the court upheld, at most the award of \(Money.format(total)).", rule: rule))
                }
                payload["amountCents"] = .integer(upheld)
                if held > upheld { payload["escrowRefundCents"] = .integer(held - upheld) }
            }
            return .success([ProposedEntry(type: .courtDecided, effectiveOn: date, payload: payload)])
        }
    }

    // MARK: deposit equivalent (S3 7.4.2, a2.20, b3.3)

    /// Where the respondent paid no deposit and the claimant won, the association asks the respondent for an amount
    /// equal to the deposit (full award) or the amount the panel set, no more than the claimant's deposit (partial
    /// award), due within 10 days of this notice.
    public struct DepositEquivalentRequest: CaseStep {
        public struct Input: Decodable, Sendable {
            public let amount: String?
            public init(from decoder: Decoder) throws { amount = try StepFields(decoder).optional("amount") }
        }
        public static let name = "deposit-equivalent-request"
        public static let process = CaseProcess.arbitration
        public static let title = "Ask the respondent for the deposit equivalent"
        public static let rule = RuleID.a2_20
        public static let done = "The respondent was sent the request for the deposit equivalent, due within 10 days."
        public static let records = [RecordedEntry(.depositEquivalentRequested), .notice(.depositEquivalent)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.respondentRecipients]

        public static func availability(_ view: StepView) -> Refusal? {
            if let refusal = served(view) { return refusal }
            guard let award = AwardSteps.award(view), award.payload["prevailing"]?.textValue != "respondent", (award.payload["amountCents"]?.integerValue ?? 0) > 0 else {
                return Refusal(code: "respondent_not_liable", message: "Only a respondent the award went against owes a deposit equivalent.", rule: rule)
            }
            if deposit(of: "respondent", view) > 0 {
                return Refusal(code: "respondent_deposited", message: "The respondent paid the deposit.", rule: rule)
            }
            return view.has(RecordedEntry(.depositEquivalentRequested))
                ? Refusal(code: "already_requested", message: "The deposit equivalent was already requested.", rule: rule) : nil
        }

        /// Full when the award is the whole amount in dispute (a2.20).
        static func isFullAward(_ view: StepView) -> Bool {
            let inDispute = view.last(RecordedEntry(.arbitrationRequested))?.payload["amountCents"]?.integerValue ?? 0
            return (AwardSteps.award(view)?.payload["amountCents"]?.integerValue ?? 0) >= inDispute
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let claimantDeposit = deposit(of: "claimant", view)
            let amount: Int
            let basis: String
            if isFullAward(view) {
                amount = facts.profile.arbitrationDepositCents
                basis = "full-award"
            } else {
                guard let set = Money.cents(trimmed(input.amount)), set > 0, set <= claimantDeposit else {
                    return .failure(StepRefusals(code: "bad_amount",
                        message: "On a partial award the panel sets the amount: at most the claimant's deposit of \(Money.format(claimantDeposit)) (a2.20).", rule: rule))
                }
                amount = set
                basis = "set-by-panel"
            }
            guard amount > 0 else { return .failure(StepRefusals(code: "no_deposit", message: "The profile sets no arbitration deposit.", rule: rule)) }
            let to = facts.respondentRecipients.isEmpty ? "the respondent" : facts.respondentRecipients
            return .success([ProposedEntry(type: .depositEquivalentRequested, effectiveOn: date, payload: ["amountCents": .integer(amount), "basis": .text(basis)]),
                             noticeEntry(.depositEquivalent, to: to, on: date, channel: "mail", note: "Amount owed: \(Money.format(amount)), due within 10 days.")])
        }
    }

    /// The respondent's payment of the deposit equivalent; never more than is owed.
    public struct DepositEquivalentPaid: CaseStep {
        public struct Input: Decodable, Sendable {
            public let amount: String
            public init(from decoder: Decoder) throws { amount = try StepFields(decoder).required("amount") }
        }
        public static let name = "deposit-equivalent-paid"
        public static let process = CaseProcess.arbitration
        public static let title = "Record the deposit equivalent paid"
        public static let rule = RuleID.a2_20
        public static let done = "The payment of the deposit equivalent was recorded."
        public static let records = [RecordedEntry(.depositEquivalentPaid)]
        public static let policy = StepPolicy.staff

        public static func availability(_ view: StepView) -> Refusal? {
            CaseLedger.arbitration(view.docket).balance(.partyOwes) > 0 ? nil
                : Refusal(code: "nothing_owed", message: "No deposit equivalent is owed.", rule: rule)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let owed = CaseLedger.arbitration(view.docket).balance(.partyOwes)
            guard let cents = Money.cents(trimmed(input.amount)), cents > 0, cents <= owed else {
                return .failure(StepRefusals(code: "bad_amount", message: "Enter the amount received, at most the \(Money.format(owed)) owed.", rule: rule))
            }
            return .success([ProposedEntry(type: .depositEquivalentPaid, effectiveOn: date, payload: ["amountCents": .integer(cents)])])
        }
    }

    // MARK: deposits and costs (S3 7.8, b3.4)

    /// Once the award is final and its money settled, the prevailing party's deposit is refunded in full; the other
    /// deposits pay the costs of the arbitration (stenographer, a visiting panelist's mileage, S3 1.2) and the rest goes
    /// to the general operating funds. An award nobody prevails under (vacated) refunds none.
    public struct DisposeDeposits: CaseStep {
        public struct Input: Decodable, Sendable {
            public let costs: String?
            public let costsNote: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                costs = try fields.optional("costs")
                costsNote = try fields.optional("costsNote")
            }
        }
        public static let name = "deposits-dispose"
        public static let process = CaseProcess.arbitration
        public static let title = "Refund and apply the arbitration deposits"
        public static let rule = RuleID.a2_26
        public static let done = "The deposits were disposed of: the prevailing party's refunded, the costs paid and the rest to the general operating funds."
        public static let records = [RecordedEntry(.depositsDisposed), .notice(.depositRefund)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.bothParties]
        public static let confirmation: String? = "Refunds and transfers of the deposits cannot be undone."

        public static func availability(_ view: StepView) -> Refusal? {
            guard CaseLedger.arbitration(view.docket).balance(.depositsHeld) > 0 else {
                return Refusal(code: "no_deposits_held", message: "No arbitration deposit is held.", rule: rule)
            }
            let vacated = view.effective.contains { $0.type == .courtDecided && $0.payload["outcome"]?.textValue == "vacated" }
            guard vacated || AwardSteps.award(view) != nil else {
                return Refusal(code: "no_award", message: "Deposits are disposed of once the award is final; a settlement before it refunds both (a2.26).", rule: rule)
            }
            if let refusal = notFinal(view) { return refusal }
            if AwardSteps.held(view) > 0 {
                return Refusal(code: "escrow_held", message: "Release the escrowed award first.", rule: .a2_25)
            }
            return nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let held = CaseLedger.arbitration(view.docket).balance(.depositsHeld)
            let prevailing = AwardSteps.award(view)?.payload["prevailing"]?.textValue
            let refund = prevailing.map { min(held, deposit(of: $0, view)) } ?? 0
            let available = held - refund
            let typed = trimmed(input.costs)
            let costs: Int
            if typed.isEmpty { costs = 0 } else {
                guard let value = Money.cents(typed), value >= 0, value <= available else {
                    return .failure(StepRefusals(code: "bad_costs", message: "Enter the costs paid, at most the \(Money.format(available)) of deposits not refunded (b3.4).", rule: .b3_4))
                }
                costs = value
            }
            let note = trimmed(input.costsNote)
            if costs > 0 && note.isEmpty {
                return .failure(StepRefusals(code: "costs_note_required", message: "Say what the costs were (stenographer, mileage).", rule: .b3_4))
            }
            var payload: Payload = ["refundCents": .integer(refund), "costsCents": .integer(costs), "treasuryCents": .integer(available - costs)]
            if !note.isEmpty { payload["costs"] = .text(note) }
            let to = facts.bothPartiesOrRole
            let said = "Refunded to the \(prevailing ?? "no party"): \(Money.format(refund)); costs: \(Money.format(costs)); to the general operating funds: \(Money.format(available - costs))."
            return .success([ProposedEntry(type: .depositsDisposed, effectiveOn: date, payload: payload),
                             noticeEntry(.depositRefund, to: to, on: date, channel: "mail", note: said)])
        }
    }
}
