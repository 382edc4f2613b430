import Foundation

/// How the Grievance Committee classifies an arbitration request (S3 7.3.2–7.3.3; a2.19, b.4).
public enum ArbitrationClassification: String, Sendable, CaseIterable {
    /// Arbitrable, and the members must arbitrate (Article 17).
    case mandatory
    /// Arbitrable only if both parties agree.
    case voluntary
    /// Arbitrable, but the association declines it for the amount in dispute (b.4).
    case declinedForAmount = "declined-amount"
    /// Arbitrable, but the association declines it as too complex legally (b.4).
    case declinedForComplexity = "declined-complexity"
    /// Not a matter the association can arbitrate.
    case notArbitrable = "not-arbitrable"

    /// The association will arbitrate it (mandatory or voluntary); otherwise it declined it or cannot (b.4).
    public var isArbitrable: Bool { self == .mandatory || self == .voluntary }

    public var label: String {
        switch self {
        case .mandatory: "arbitrable and mandatory"
        case .voluntary: "arbitrable and voluntary: both parties must agree"
        case .declinedForAmount: "declined for the amount in dispute"
        case .declinedForComplexity: "declined as too complex legally"
        case .notArbitrable: "not arbitrable"
        }
    }
}

/// The request for arbitration and its classification (S3 7.3–7.4; a2.18–a2.20, b3.1).
public enum RequestSteps {
    /// Staff record a request received on paper (Form A-1/A-2): the amount in dispute, the transaction's dates for the
    /// 180-day window, the signed agreement to be bound, and the deposit the request owes (`ArbitrationDeposit.due`).
    public struct Record: CaseStep {
        public struct Input: Decodable, Sendable {
            /// Dollars, like 12,500.00.
            public let amount: String
            public let nature: String
            public let firm: String
            public let transactionConcludedOn: String?
            public let factsKnownOn: String?
            public let exemption: ArbitrationDeposit.Exemption?
            public let consolidatedWith: String?
            /// An earlier request on the same matter, by case number: refused when it ended in a settlement (b5.2).
            public let earlierRequest: String?
            public let agreementSigned: String
            /// The field of practice; residential when not given (S3 7.6.1).
            public let field: ArbitrationField?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                amount = try fields.required("amount")
                nature = try fields.required("nature")
                firm = try fields.required("firm")
                transactionConcludedOn = try fields.optional("transactionConcludedOn")
                factsKnownOn = try fields.optional("factsKnownOn")
                exemption = try fields.optional("exemption").flatMap { $0.isEmpty ? nil : $0 }.map {
                    try choice($0, as: ArbitrationDeposit.Exemption.self, field: "exemption",
                               prompt: "Choose why no deposit is owed: deciding which respondent is owed, or claiming none.")
                }
                consolidatedWith = try fields.optional("consolidatedWith")
                earlierRequest = try fields.optional("earlierRequest")
                agreementSigned = try fields.optional("agreementSigned") ?? ""
                field = try fields.optional("field").flatMap { $0.isEmpty ? nil : $0 }.map {
                    try choice($0, as: ArbitrationField.self, field: "field", prompt: "Choose the field of practice: residential, commercial, investment…")
                }
            }
        }
        public static let name = "arbitration-request"
        public static let process = CaseProcess.arbitration
        public static let title = "Record the request for arbitration"
        public static let rule = RuleID.a2_18
        public static let done = "The request for arbitration was recorded with its deposit; it is now with the Grievance Committee."
        public static let records = [RecordedEntry(.arbitrationRequested)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.relatedDeposits]
        /// The largest amount in dispute PSDesk takes: a typing slip past it, not a real claim.
        public static let largestAmountCents = 10_000_000_000

        public static func availability(_ view: StepView) -> Refusal? {
            view.has(RecordedEntry(.arbitrationRequested))
                ? Refusal(code: "already_requested", message: "This case already holds its request for arbitration.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            var refusals: [Refusal] = []
            let amount = Money.cents(trimmed(input.amount)).flatMap { (1...largestAmountCents).contains($0) ? $0 : nil }
            if amount == nil {
                refusals.append(Refusal(code: "bad_amount", message: "Enter the amount in dispute in dollars, like 12,500.00 (at most \(Money.format(largestAmountCents))).", rule: rule))
            }
            let nature = trimmed(input.nature), firm = trimmed(input.firm)
            if nature.isEmpty { refusals.append(Refusal(code: "nature_required", message: "Describe the dispute (a commission split, a referral fee…).", rule: rule)) }
            if firm.isEmpty || firm.count > 200 { refusals.append(Refusal(code: "firm_required", message: "Name the claimant's firm.", rule: .a2_20)) }
            var dates: [(String, CivilDate)] = []
            for (field, text) in [("transactionConcludedOn", input.transactionConcludedOn), ("factsKnownOn", input.factsKnownOn)] {
                let value = trimmed(text)
                guard !value.isEmpty else { continue }
                guard let day = CivilDate(value), day.isPlausible, day <= date else {
                    refusals.append(Refusal(code: "bad_\(field)", message: "Enter \(field == "factsKnownOn" ? "when the facts could be known" : "the closing date") as YYYY-MM-DD, not after \(date).", rule: .a2_18))
                    continue
                }
                dates.append((field, day))
            }
            if trimmed(input.agreementSigned).lowercased() != "yes" {
                refusals.append(Refusal(code: "agreement_not_signed", message: "A request is submitted only with the signed agreement to arbitrate and be bound (b3.1).", rule: .b3_1))
            }
            let related = trimmed(input.consolidatedWith).uppercased()
            var deposited: Set<String> = []
            if !related.isEmpty {
                if let firms = facts.depositedFirmsByCase[related] { deposited = firms } else {
                    refusals.append(Refusal(code: "unknown_related_request", message: "No open arbitration case \(related) in this association to be heard with.", rule: .a2_20))
                }
            }
            let earlier = trimmed(input.earlierRequest).uppercased()
            if !earlier.isEmpty, facts.settledCases.contains(earlier) {
                refusals.append(Refusal(code: "matter_settled", message: "The same matter was settled in mediation (\(earlier)): a signed settlement cannot then be arbitrated (b5.2).", rule: .b5_2))
            }
            guard refusals.isEmpty, let cents = amount else { return .failure(StepRefusals(refusals)) }
            let deposit = ArbitrationDeposit.due(firm: firm, exemption: input.exemption, firmsThatDeposited: deposited, profile: facts.profile)
            var payload: Payload = ["amountCents": .integer(cents), "nature": .text(nature), "firm": .text(firm), "depositCents": .integer(deposit.cents),
                                    "agreementSigned": .text("yes")]
            for (field, day) in dates { payload[field] = .text(day.description) }
            if let exemption = input.exemption { payload["exemption"] = .text(exemption.rawValue) }
            if !related.isEmpty { payload["consolidatedWith"] = .text(related) }
            if let field = input.field { payload["field"] = .text(field.rawValue) }
            if !facts.actor.isStaff, let person = facts.actor.personID { payload["onlineBy"] = .text(person.uuidString) }
            return .success([ProposedEntry(type: .arbitrationRequested, effectiveOn: date, payload: payload)])
        }
    }

    /// The Grievance Committee decides whether the request is arbitrable and how it is classified, within the profile's
    /// window (OBAR 30 days, a2.19); both parties are told, with the right to challenge (b.4). Staff may record it
    /// from the Committee's minutes.
    public struct Classify: CaseStep {
        public struct Input: Decodable, Sendable {
            public let classification: ArbitrationClassification
            public let reason: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                classification = try choice(try fields.required("classification"), as: ArbitrationClassification.self, field: "classification",
                                            prompt: "Choose: mandatory, voluntary, declined for amount or complexity, or not arbitrable.")
                reason = try fields.optional("reason")
            }
        }
        public static let name = "arbitration-classify"
        public static let process = CaseProcess.arbitration
        public static let title = "Decide arbitrability and classification"
        public static let rule = RuleID.a2_19
        public static let done = "The Committee's decision was recorded and both parties told, with their right to challenge it."
        public static let records = [RecordedEntry(.arbitrationClassified), .notice(.classification)]
        public static let policy = StepPolicy(.decideComplaint, .holdsPermission)
        public static let needs: Set<StepFact> = [.bothParties]

        public static func availability(_ view: StepView) -> Refusal? {
            if !view.has(RecordedEntry(.arbitrationRequested)) {
                return Refusal(code: "no_request", message: "The Committee classifies a request for arbitration: record the request first.", rule: rule)
            }
            return view.has(RecordedEntry(.arbitrationClassified))
                ? Refusal(code: "already_classified", message: "The request was already classified; a challenge goes to the Directors (b.4).", rule: .b_4) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let reason = trimmed(input.reason)
            if !input.classification.isArbitrable && reason.isEmpty {
                return .failure(StepRefusals(code: "reason_required", message: "Give the Committee's reasons for declining: the claimant may appeal them (b.4).", rule: .b_4))
            }
            let to = facts.bothParties.isEmpty ? "the parties" : facts.bothParties
            return .success([classified(input.classification, reason: reason, profile: facts.profile, on: date),
                             noticeEntry(.classification, to: to, on: date, note: "Classified \(input.classification.label).")])
        }
    }

    /// The classification entry, with what the profile said that day about mediation first (a2.29) and a hearing
    /// without the respondent (a2.17): later steps read them from the docket.
    static func classified(_ classification: ArbitrationClassification, reason: String, profile: RuleProfile, on date: CivilDate) -> ProposedEntry {
        var payload: Payload = ["classification": .text(classification.rawValue),
                                "mediationRequired": .text(profile.mediationRequiredBeforeArbitration ? "yes" : "no"),
                                "hearingWithoutRespondent": .text(profile.arbitrationWithoutRespondent ? "yes" : "no")]
        if !reason.isEmpty { payload["reason"] = .text(reason) }
        return ProposedEntry(type: .arbitrationClassified, effectiveOn: date, payload: payload)
    }

    /// A challenge to the classification waits for the Directors (b4.3).
    static func challengePending(_ view: StepView) -> Bool {
        view.effective.last { [.classificationChallenged, .classificationChallengeDecided].contains($0.type) }?.type == .classificationChallenged
    }

    /// The classification the Committee recorded, if any.
    static func classification(_ view: StepView) -> ArbitrationClassification? {
        view.last(RecordedEntry(.arbitrationClassified))?.payload["classification"]?.textValue.flatMap(ArbitrationClassification.init(rawValue:))
    }

    /// Staff send the request to the respondent with the response form once the Committee found it arbitrable; the
    /// respondent's 15 days to respond count from it (b.1). A respondent with an address is invited to an account.
    public struct Serve: CaseStep {
        public static let name = "arbitration-serve"
        public static let process = CaseProcess.arbitration
        public static let title = "Send the request to the respondent"
        public static let rule = RuleID.b_1
        public static let done = "The request and the response form went to the respondent; the time to respond runs from today."
        public static let records = [RecordedEntry.notice(.requestServed)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.respondentRecipients]

        public static func availability(_ view: StepView) -> Refusal? {
            guard let classification = classification(view) else {
                return Refusal(code: "not_classified", message: "The Grievance Committee decides arbitrability before the request goes to the respondent.", rule: .a2_19)
            }
            guard classification.isArbitrable else {
                return Refusal(code: "declined", message: "The request was \(classification.label); it is not sent to the respondent.", rule: .b_4)
            }
            return view.has(.notice(.requestServed))
                ? Refusal(code: "already_served", message: "The request was already sent to the respondent.", rule: rule) : nil
        }

        public static func decide(_ input: NoInput, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            .success([noticeEntry(.requestServed, to: facts.respondentRecipients, on: date)])
        }
    }

    /// The respondent's signed response (Form A-4) with the deposit, through the portal or recorded by staff from paper
    /// (S3 7.4.1; a2.18). In a voluntary matter the respondent may instead decline, which ends it.
    public struct Respond: CaseStep {
        public enum Answer: String, CaseIterable, Sendable {
            /// Agrees to arbitrate and be bound, with the deposit.
            case agrees
            /// Declines a voluntary arbitration (only where the Committee classified it voluntary).
            case declines
            /// Refuses to arbitrate a mandatory matter: referred to the Directors, or under a regional agreement to
            /// the tribunal it names (a1.34, appendix (5)(f)); where the profile allows, the hearing goes ahead (a2.17).
            case refuses
        }
        public struct Input: Decodable, Sendable {
            public let answer: Answer
            public let firm: String?
            public let exemption: ArbitrationDeposit.Exemption?
            public let text: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                answer = try choice(try fields.required("answer"), as: Answer.self, field: "answer",
                                    prompt: "Choose whether the respondent agrees to arbitrate or declines a voluntary arbitration.")
                firm = try fields.optional("firm")
                exemption = try fields.optional("exemption").flatMap { $0.isEmpty ? nil : $0 }.map {
                    try choice($0, as: ArbitrationDeposit.Exemption.self, field: "exemption", prompt: "Choose why no deposit is owed.")
                }
                text = try fields.optional("text")
            }
        }
        public static let name = "arbitration-respond"
        public static let process = CaseProcess.arbitration
        public static let title = "Respond to the request for arbitration"
        public static let rule = RuleID.a2_18
        public static let done = "The response was recorded."
        public static let records = [RecordedEntry(.replyReceived), RecordedEntry(.arbitrationRefused), .notice(.refusalToArbitrate)]
        public static let policy = StepPolicy.partyOrStaff(.respondent)
        public static let needs: Set<StepFact> = [.refusalTribunal]

        public static func availability(_ view: StepView) -> Refusal? {
            guard view.has(.notice(.requestServed)) else {
                return Refusal(code: "not_served", message: "The respondent responds once the request has been sent to them.", rule: .b_1)
            }
            return view.has(RecordedEntry(.replyReceived)) || view.has(RecordedEntry(.arbitrationRefused)) || view.status.isTerminal
                ? Refusal(code: "already_responded", message: "The response is in.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let text = trimmed(input.text)
            switch input.answer {
            case .declines:
                guard classification(view) == .voluntary else {
                    return .failure(StepRefusals(code: "mandatory_matter", message: "The Committee found this arbitration mandatory: a refusal to arbitrate goes to the Directors (a1.34).", rule: .a1_34))
                }
                return .success([ProposedEntry(type: .closed, effectiveOn: date,
                                               payload: ["reason": .text("The respondent declined a voluntary arbitration" + (text.isEmpty ? "." : ": \(text)"))])])
            case .refuses:
                guard classification(view) == .mandatory else {
                    return .failure(StepRefusals(code: "voluntary_matter", message: "This arbitration is voluntary: the respondent may simply decline it.", rule: .a2_19))
                }
                let tribunal = facts.refusalTribunal.isEmpty ? "the Board of Directors" : facts.refusalTribunal
                let next = facts.profile.arbitrationWithoutRespondent
                    ? " The hearing may go ahead without the respondent (a2.17)." : " The claimant's recourse is before \(tribunal) (a1.34)."
                return .success([ProposedEntry(type: .arbitrationRefused, effectiveOn: date, payload: adding(["referredTo": .text(tribunal)], [("text", text)])),
                                 noticeEntry(.refusalToArbitrate, to: tribunal, on: date, note: "The respondent refused to arbitrate a mandatory matter." + next)])
            case .agrees:
                let deposit = ArbitrationDeposit.due(firm: trimmed(input.firm), exemption: input.exemption, firmsThatDeposited: [], profile: facts.profile)
                var payload: Payload = ["depositCents": .integer(deposit.cents)]
                if !text.isEmpty { payload["text"] = .text(text) }
                return .success([ProposedEntry(type: .replyReceived, effectiveOn: date, payload: payload)])
            }
        }
    }

    /// A party challenges the classification, or the claimant appeals a decline, to the Directors on Form A-20, within
    /// 20 days of the notice (b4.1, b4.4). The request itself cannot be revised or supplemented; an explanation is all
    /// (b4.2). Staff record a paper challenge.
    public struct ChallengeClassification: CaseStep {
        public struct Input: Decodable, Sendable {
            public let explanation: String
            public let by: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                explanation = try fields.required("explanation", "text")
                by = try fields.optional("by")
            }
        }
        public static let name = "classification-challenge"
        public static let process = CaseProcess.arbitration
        public static let title = "Challenge the classification before the Directors"
        public static let rule = RuleID.b_4
        public static let done = "The challenge was filed; the Directors decide it at their next meeting, within 30 days."
        public static let records = [RecordedEntry(.classificationChallenged)]
        public static let policy = StepPolicy.eitherPartyOrStaff

        public static func availability(_ view: StepView) -> Refusal? {
            guard view.has(.notice(.classification)) else {
                return Refusal(code: "not_classified", message: "A challenge answers the Committee's notice of classification.", rule: rule)
            }
            if view.has(RecordedEntry(.replyReceived)) {
                return Refusal(code: "arbitration_under_way", message: "The respondent has responded: the classification was accepted.", rule: rule)
            }
            return challengePending(view) ? Refusal(code: "challenge_pending", message: "A challenge already waits for the Directors.", rule: .b4_3) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let explanation = trimmed(input.explanation)
            guard !explanation.isEmpty else {
                return .failure(StepRefusals(code: "explanation_required", message: "Explain why the Committee's decision was wrong (b4.2).", rule: .b4_2))
            }
            let by: String
            if facts.actor.isStaff {
                let side = trimmed(input.by).lowercased()
                guard ["claimant", "respondent"].contains(side) else {
                    return .failure(StepRefusals(code: "by_required", message: "Say who challenges: the claimant or the respondent.", rule: rule))
                }
                by = side
            } else {
                by = facts.actor.parties.contains(.respondent) ? "respondent" : "claimant"
            }
            // A decline is appealed by the claimant (b4.1); the classification by either party (b4.4).
            if let classification = classification(view), !classification.isArbitrable, by != "claimant" {
                return .failure(StepRefusals(code: "claimant_appeals_decline", message: "Only the claimant appeals a decision to decline the request (b4.1).", rule: .b4_1))
            }
            return .success([ProposedEntry(type: .classificationChallenged, effectiveOn: date, payload: ["by": .text(by), "explanation": .text(explanation)])])
        }
    }

    /// The Directors decide the challenge at their next meeting and no later than 30 days after receiving it, on the
    /// request as filed and the explanation, without the parties (b4.3); staff record it from the minutes. Reversing
    /// records the classification that now stands; both parties are told.
    public struct DecideChallenge: CaseStep {
        public enum Outcome: String, CaseIterable, Sendable { case upheld, reversed }
        public struct Input: Decodable, Sendable {
            public let outcome: Outcome
            public let classification: ArbitrationClassification?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                outcome = try choice(try fields.required("outcome"), as: Outcome.self, field: "outcome", prompt: "Choose: upheld or reversed.")
                classification = try fields.optional("classification").flatMap { $0.isEmpty ? nil : $0 }.map {
                    try choice($0, as: ArbitrationClassification.self, field: "classification", prompt: "Choose the classification that now stands.")
                }
            }
        }
        public static let name = "classification-challenge-decide"
        public static let process = CaseProcess.arbitration
        public static let title = "Record the Directors' decision on the challenge"
        public static let rule = RuleID.b4_3
        public static let done = "The Directors' decision was recorded and both parties told."
        public static let records = [RecordedEntry(.classificationChallengeDecided)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.bothParties]

        public static func availability(_ view: StepView) -> Refusal? {
            guard challengePending(view) else { return Refusal(code: "no_challenge", message: "No challenge waits for the Directors.", rule: rule) }
            return DirectorsPanel.staffRecordRefusal(kind: view.kind, docket: view.docket, matter: .classificationChallenge)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            switch input.outcome {
            case .upheld: return .success(entries(reversingTo: nil, view: view, facts: facts, on: date))
            case .reversed:
                guard let now = input.classification, now != classification(view) else {
                    return .failure(StepRefusals(code: "classification_required", message: "Choose the classification that now stands, other than the Committee's.", rule: rule))
                }
                return .success(entries(reversingTo: now, view: view, facts: facts, on: date))
            }
        }

        /// The decision and its notice to both parties, upheld (nil) or reversed to the classification that now stands;
        /// `panel` adds the Directors and their votes when the panel's members voted it (issue 18).
        static func entries(reversingTo now: ArbitrationClassification?, view: StepView, facts: StepFacts, on date: CivilDate,
                            panel: Payload = [:]) -> [ProposedEntry] {
            let to = facts.bothParties.isEmpty ? "the parties" : facts.bothParties
            guard let now else {
                return [ProposedEntry(type: .classificationChallengeDecided, effectiveOn: date, payload: panel.merging(["outcome": .text("upheld")]) { $1 }),
                        noticeEntry(.classification, to: to, on: date, note: "The Directors upheld the Committee's decision (b4.3).")]
            }
            return [ProposedEntry(type: .classificationChallengeDecided, effectiveOn: date,
                                  payload: panel.merging(["outcome": .text("reversed"), "classification": .text(now.rawValue)]) { $1 }),
                    classified(now, reason: "Decided by the Directors on challenge (b4.3).", profile: facts.profile, on: date),
                    noticeEntry(.classification, to: to, on: date, note: "The Directors reversed the Committee: the request is \(now.label) (b4.3).")]
        }
    }
}
