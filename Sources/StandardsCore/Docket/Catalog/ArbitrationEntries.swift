import Foundation

/// Arbitration of a dispute between members, to the award and its review (S3 §7).
/// Each type's title, rule, case kinds, resulting status and payload fields, declared together (`DocketEntryType.spec`).
extension EntrySpec {
    static let arbitrationRequested = EntrySpec(
        title: "Arbitration requested", rule: .a2_18, process: .arbitration, kinds: [.arbitration], status: .moves(.requested),
        fields: [PayloadField("amountCents", .cents, label: "Amount in dispute (cents)"),
                PayloadField("transactionConcludedOn", .date, required: false, label: "Transaction closed on"),
                PayloadField("factsKnownOn", .date, required: false, label: "Facts could be known on"),
                // The deposit received with the request (a2.18, b3.1): none when exempt, or when the claimant's firm already
                // deposited for a related request consolidated with this one (a2.20, `ArbitrationDeposit.due`).
                PayloadField("depositCents", .cents, required: false, label: "Deposit received (cents)"),
                PayloadField("firm", .text, required: false, label: "Claimant's firm"),
                PayloadField("consolidatedWith", .text, required: false, label: "Related request heard with it (case number)"),
                PayloadField("nature", .text, required: false, label: "Nature of the dispute"),
                PayloadField("exemption", .choice(ArbitrationDeposit.Exemption.allCases.map(\.rawValue)), required: false, label: "No deposit because"),
                PayloadField("agreementSigned", .choice(["yes"]), required: false, label: "Agreement to be bound signed (b3.1)"),
                PayloadField("field", .choice(ArbitrationField.allCases.map(\.rawValue)), required: false, label: "Field of practice (S3 7.6.1)"),
                PayloadField("onlineBy", .uuid, required: false, label: "Filed online by (person id)")])

    static let arbitrationClassified = EntrySpec(
        title: "Arbitrability and classification decided", rule: .a2_19, process: .arbitration, kinds: [.arbitration], status: .moves(.classified),
        fields: [PayloadField("classification", .choice(ArbitrationClassification.allCases.map(\.rawValue)), label: "Classification"),
                PayloadField("reason", .text, required: false, label: "Reasons"),
                // Whether the association requires mediation first (S3 §8, a2.29), as its profile said that day.
                PayloadField("mediationRequired", .choice(["yes", "no"]), required: false, label: "Mediation required first (a2.29)"),
                PayloadField("hearingWithoutRespondent", .choice(["yes", "no"]), required: false, label: "Hearing may go ahead without the respondent (a2.17)")])

    static let arbitrationRefused = EntrySpec(
        title: "Refusal to arbitrate referred", rule: .a1_34, process: .arbitration, kinds: [.arbitration], status: .unchanged,
        fields: [PayloadField("referredTo", .text, label: "Referred to"),
                PayloadField("text", .text, required: false, label: "What the respondent said")])

    static let specialistsAppointed = EntrySpec(
        title: "Specialist panel members", rule: .a2_22, process: .arbitration, kinds: [.arbitration],
        status: .byPayload(usually: nil) { $0["outcome"]?.textValue == "released" ? .closed : nil },
        fields: [PayloadField("outcome", .choice(["appointed", "released"]), label: "Outcome"),
                PayloadField("field", .choice(ArbitrationField.allCases.map(\.rawValue)), required: false, label: "Field of practice"),
                PayloadField("personIds", .text, required: false, label: "Appointed by the President (person ids)"),
                PayloadField("names", .text, required: false, label: "Appointed by the President")])

    static let classificationChallenged = EntrySpec(
        title: "Classification challenged before the Directors (Form A-20)", rule: .b_4, process: .arbitration, kinds: [.arbitration], status: .unchanged,
        fields: [PayloadField("by", .choice(["claimant", "respondent"]), label: "Challenged by"),
                PayloadField("explanation", .text, label: "Why the decision was wrong (the request itself cannot be revised, b4.2)")])

    static let classificationChallengeDecided = EntrySpec(
        title: "Directors decided the classification challenge", rule: .b4_3, process: .arbitration, kinds: [.arbitration], status: .unchanged,
        fields: [PayloadField("outcome", .choice(["upheld", "reversed"]), label: "The Committee's decision was"),
                PayloadField("classification", .choice(ArbitrationClassification.allCases.map(\.rawValue)), required: false, label: "Classification now"),
                PayloadField("directors", .text, required: false, label: "Directors, when a panel decided it"),
                PayloadField("votes", .text, required: false, label: "The panel's votes, when each Director voted here")])

    static let awardRendered = EntrySpec(
        title: "Award rendered", rule: .a2_23, process: .arbitration, kinds: [.arbitration], status: .moves(.awarded),
        fields: [PayloadField("amountCents", .cents, label: "Award (cents)"),
                PayloadField("prevailing", .choice(["claimant", "respondent"]), required: false, label: "Prevailing party"),
                PayloadField("attorneyFeesCents", .cents, required: false, label: "Attorney fees, as the parties' agreement provides (b3.6)"),
                PayloadField("interestCents", .cents, required: false, label: "Interest, as the arbitration agreement calls for (b3.6)"),
                PayloadField("corrected", .choice(["yes"]), required: false, label: "Corrected on a motion (a2.24)")])

    static let awardPaid = EntrySpec(
        title: "Award paid", rule: .a2_23, process: .arbitration, kinds: [.arbitration], status: .moves(.awardPaid),
        fields: [PayloadField("amountCents", .cents, label: "Amount paid (cents)"),
                PayloadField("direct", .choice(["yes"]), required: false, label: "Paid directly to the prevailing party"),
                PayloadField("released", .choice(["yes"]), required: false, label: "Released from escrow (a2.25)")])

    static let awardEscrowed = EntrySpec(
        title: "Award deposited in escrow", rule: .a2_23, process: .arbitration, kinds: [.arbitration], status: .unchanged,
        fields: [PayloadField("amountCents", .cents, required: true, label: "Amount (cents)")])

    /// A party's motion to modify or correct the award, on one of the four grounds, within 20 days of service (a2.24).
    static let motionToCorrect = EntrySpec(
        title: "Motion to correct the award", rule: .a2_24, process: .arbitration, kinds: [.arbitration], status: .unchanged,
        fields: [PayloadField("by", .choice(["claimant", "respondent"]), required: false, label: "Moved by"),
                PayloadField("grounds", .choice(AfterAward.CorrectionGrounds.allCases.map(\.rawValue)), required: false, label: "Grounds (a2.24)"),
                PayloadField("explanation", .text, required: false, label: "What should be corrected"),
                PayloadField("amountCents", .cents, required: false, label: "Amount (cents)")])

    static let motionObjection = EntrySpec(
        title: "Objection to the motion to correct", rule: .a2_24, process: .arbitration, kinds: [.arbitration], status: .unchanged,
        fields: [PayloadField("by", .choice(["claimant", "respondent"]), required: false, label: "Objection by"),
                PayloadField("text", .text, required: false, label: "Objection")])

    /// The panel's ruling on a motion to correct: final; a corrected award is filed and served again (a2.24).
    static let motionRuled = EntrySpec(
        title: "Panel ruled on the motion to correct", rule: .a2_24, process: .arbitration, kinds: [.arbitration], status: .unchanged,
        fields: [PayloadField("outcome", .choice(["denied", "corrected"]), label: "Ruling"),
                PayloadField("reason", .text, required: false, label: "Reasons"),
                PayloadField("escrowRefundCents", .cents, required: false, label: "Escrow returned to the payer (cents)")])

    static let reviewRequested = EntrySpec(
        title: "Procedural review requested", rule: .a2_27, process: .arbitration, kinds: [.arbitration], status: .moves(.underProceduralReview),
        fields: [PayloadField("by", .choice(["claimant", "respondent"]), required: false, label: "Requested by"),
                PayloadField("defect", .choice(AfterAward.DueProcessDefect.allCases.map(\.rawValue)), required: false, label: "Due-process defect claimed (b3.8)"),
                PayloadField("explanation", .text, required: false, label: "How due process was denied"),
                PayloadField("depositCents", .cents, required: false, label: "Review deposit received (cents)"),
                PayloadField("heardBy", .text, required: false, label: "Heard by")])

    /// The Directors confirm the award or order a new hearing; they never change the amount (b3.9).
    static let reviewDecided = EntrySpec(
        title: "Procedural review decided", rule: .a2_27, process: .arbitration, kinds: [.arbitration],
        status: .byPayload(usually: .awarded) { $0["outcome"]?.textValue == "new-hearing" ? .panelNamed : .awarded },
        fields: [PayloadField("outcome", .choice(["confirmed", "new-hearing"]), label: "Outcome (b3.9)"),
                PayloadField("directorIds", .text, required: false, label: "Directors who heard it"),
                PayloadField("directors", .text, required: false, label: "Directors"),
                PayloadField("depositDisposition", .choice(["to-treasury", "refunded"]), required: false, label: "Review deposit"),
                PayloadField("escrowRefundCents", .cents, required: false, label: "Escrow returned to the payer (cents)"),
                PayloadField("votes", .text, required: false, label: "The panel's votes, when each Director voted here")])

    /// A legal challenge within 20 days of the award, or counsel's written notice of a suit within 15 days of a
    /// confirmed review: the escrowed funds stay held until the court decides (a2.24, a2.25).
    static let suitNoticed = EntrySpec(
        title: "Notice of suit received", rule: .a2_25, process: .arbitration, kinds: [.arbitration], status: .unchanged,
        fields: [PayloadField("by", .choice(["claimant", "respondent"]), required: false, label: "Noticed by"),
                PayloadField("court", .text, required: false, label: "Court and case number"),
                PayloadField("text", .text, required: false, label: "What counsel wrote")])

    /// The court's result, followed: the award confirmed (released), modified (the new amount released, the rest
    /// returned) or vacated (everything returned to the payer) (a2.25).
    static let courtDecided = EntrySpec(
        title: "Court's result recorded", rule: .a2_25, process: .arbitration, kinds: [.arbitration],
        status: .byPayload(usually: nil) { $0["outcome"]?.textValue == "vacated" ? .closed : nil },
        fields: [PayloadField("outcome", .choice(AfterAward.CourtOutcome.allCases.map(\.rawValue)), label: "The court"),
                PayloadField("amountCents", .cents, required: false, label: "Amount the court upheld (cents)"),
                PayloadField("escrowRefundCents", .cents, required: false, label: "Escrow returned to the payer (cents)"),
                PayloadField("text", .text, required: false, label: "The court's order")])

    /// A respondent who paid no deposit and lost owes the association an equal amount (a2.20, b3.3).
    static let depositEquivalentRequested = EntrySpec(
        title: "Deposit equivalent requested", rule: .a2_20, process: .arbitration, kinds: [.arbitration], status: .unchanged,
        fields: [PayloadField("amountCents", .cents, label: "Amount owed (cents)"),
                PayloadField("basis", .choice(["full-award", "set-by-panel"]), required: false, label: "Amount")])

    static let depositEquivalentPaid = EntrySpec(
        title: "Deposit equivalent paid", rule: .a2_20, process: .arbitration, kinds: [.arbitration], status: .unchanged,
        fields: [PayloadField("amountCents", .cents, label: "Amount received (cents)")])

    /// What became of the arbitration deposits once the award is final: the prevailing party's refunded, the others
    /// paying the costs, the rest to the general operating funds (S3 7.8, b3.4).
    static let depositsDisposed = EntrySpec(
        title: "Arbitration deposits disposed of", rule: .a2_26, process: .arbitration, kinds: [.arbitration], status: .unchanged,
        fields: [PayloadField("refundCents", .cents, required: false, label: "Refunded to the prevailing party (cents)"),
                PayloadField("costsCents", .cents, required: false, label: "Costs of the arbitration paid (cents)"),
                PayloadField("costs", .text, required: false, label: "Costs"),
                PayloadField("treasuryCents", .cents, required: false, label: "To the general operating funds (cents)")])

    /// The party ordered to pay refuses to abide by the award (a1.35).
    static let awardRefusedToAbide = EntrySpec(
        title: "Refusal to abide by the award", rule: .a1_35, process: .arbitration, kinds: [.arbitration], status: .unchanged,
        fields: [PayloadField("respondentId", .uuid, required: false, label: "Member who refuses to pay"),
                PayloadField("note", .text, required: false, label: "What happened")])
}
