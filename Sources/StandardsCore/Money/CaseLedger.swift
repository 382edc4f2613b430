/// The money of one case in integer cents, as double-entry postings derived from the docket: appeal
/// deposits (a1.26, a1.29), fines and the OBAR processing fee once the Directors act (a1.23, a2.6), and
/// payments (b8). Every posting moves an amount from one account to another, so the accounts always sum
/// to zero; the guards refuse a refund or payment that would drive an account below what it holds.
public struct CaseLedger: Sendable, Equatable {
    public enum Account: String, Sendable, CaseIterable, Codable {
        /// Money held by the association for a party: appeal deposits not yet disposed of.
        case depositsHeld = "deposits-held"
        /// What the respondent owes: fines and fees imposed and not yet paid.
        case respondentOwes = "respondent-owes"
        /// The association's treasury.
        case treasury
        /// Money outside the association: parties' payments in, refunds out.
        case parties
        /// Discipline imposed: the other side of what the respondent owes.
        case disciplineImposed = "discipline-imposed"
        /// An arbitration award the association holds in escrow for the prevailing party (a2.23).
        case escrowHeld = "escrow-held"
        /// A procedural review's deposit, held until the Directors decide (a2.27).
        case reviewDepositHeld = "review-deposit-held"
        /// What a party owes the association in arbitration: a deposit equivalent not yet paid (a2.20).
        case partyOwes = "party-owes"
        /// Charges the association made in arbitration: the other side of what a party owes.
        case arbitrationCharges = "arbitration-charges"
        /// Costs of the arbitration paid from the deposits (stenographer, mileage; S3 1.2, b3.4).
        case costs
    }

    public struct Posting: Sendable, Equatable {
        public var on: CivilDate
        public var description: String
        public var from: Account
        public var to: Account
        public var cents: Int
        public var rule: String
    }

    public private(set) var postings: [Posting] = []

    public func balance(_ account: Account) -> Int {
        postings.reduce(0) { sum, p in sum + (p.to == account ? p.cents : 0) - (p.from == account ? p.cents : 0) }
    }

    /// Debits equal credits: true by construction, and asserted in tests after every step.
    public var isBalanced: Bool { Account.allCases.map(balance).reduce(0, +) == 0 }

    mutating func post(_ on: CivilDate, _ description: String, from: Account, to: Account, _ cents: Int, rule: RuleID) {
        guard cents != 0 else { return }
        postings.append(Posting(on: on, description: description, from: from, to: to, cents: cents, rule: rule.id))
    }

    /// The ledger of an arbitration case: it needs no profile, since arbitration entries carry their own amounts.
    public static func arbitration(_ docket: [DocketEntry]) -> CaseLedger { build(docket, profile: nil) }

    /// - Parameter profile: the rules that price an ethics discipline (fines, the processing fee); nil for arbitration.
    public static func build(_ docket: [DocketEntry], profile: RuleProfile?) -> CaseLedger {
        var ledger = CaseLedger()
        var recommended: DocketEntry?   // the panel's decision in force (a1.23)
        var imposed = 0                 // what the Directors' latest action made the respondent owe
        var citation: DocketEntry?      // the citation issued, whose fine is owed once final (S3 9.3.2.3)
        var citationOwed = false
        func oweCitationFine(_ date: CivilDate, _ description: String, trainingInstead: Bool) {
            guard let citation, !citationOwed else { return }
            let replaced = trainingInstead ? cents(citation, "replaceableCents") : 0
            ledger.post(date, description, from: .disciplineImposed, to: .respondentOwes, max(0, cents(citation, "fineCents") - replaced), rule: .a2_31)
            citationOwed = true
        }
        for entry in CaseProjection.effectiveEntries(docket) {
            let date = entry.effectiveOn
            switch entry.type {
            case .citationIssued:
                citation = entry
            case .citationAccepted:
                // Accepted, the fine is a financial obligation (S3 9.3.2.3); a Level 1 first offense may take the training instead (a2.34).
                oweCitationFine(date, "Citation fine owed (accepted)", trainingInstead: entry.payload["trainingInsteadOfFine"]?.textValue == "yes")
            case .citationPaid:
                // Final by silence leaves no entry of its own: the fine is owed from then, recorded with the payment.
                oweCitationFine(date, "Citation fine owed (final without a hearing request)", trainingInstead: false)
                ledger.post(date, "Citation fine received", from: .respondentOwes, to: .treasury, min(ledger.balance(.respondentOwes), cents(entry, "amountCents")), rule: .a2_31)
            case .appealFiled:
                // One deposit for a joint appeal (a1.26): the entry carries it once.
                ledger.post(date, "Appeal deposit received", from: .parties, to: .depositsHeld, entry.payload["depositCents"]?.integerValue ?? 0, rule: .a1_26)
            case .arbitrationRequested:
                // The claimant's deposit with the request; none when exempt or already made for a related request (a2.20).
                ledger.post(date, "Arbitration deposit received from the claimant", from: .parties, to: .depositsHeld,
                            entry.payload["depositCents"]?.integerValue ?? 0, rule: .a2_18)
            case .replyReceived:
                // In arbitration, the respondent's deposit with the signed response (S3 7.4.1).
                ledger.post(date, "Arbitration deposit received from the respondent", from: .parties, to: .depositsHeld,
                            entry.payload["depositCents"]?.integerValue ?? 0, rule: .a2_18)
            case .mediationSettled:
                // A written settlement signed by the parties before an award: every deposit is refunded in full (S3 7.8.1).
                ledger.post(date, "Deposits refunded in full on a signed settlement", from: .depositsHeld, to: .parties,
                            ledger.balance(.depositsHeld), rule: .a2_29)
            case .awardEscrowed:
                // The non-prevailing party's payment of the award into the association's escrow account (a2.23).
                ledger.post(date, "Award paid into escrow", from: .parties, to: .escrowHeld, entry.payload["amountCents"]?.integerValue ?? 0, rule: .a2_23)
            case .awardPaid where entry.payload["released"]?.textValue == "yes":
                // The escrowed award paid out to the prevailing party once every window closed (a2.25).
                ledger.post(date, "Escrowed award released to the prevailing party", from: .escrowHeld, to: .parties,
                            min(ledger.balance(.escrowHeld), entry.payload["amountCents"]?.integerValue ?? 0), rule: .a2_25)
            case .reviewRequested:
                ledger.post(date, "Procedural review deposit received", from: .parties, to: .reviewDepositHeld, cents(entry, "depositCents"), rule: .a2_27)
            case .reviewDecided:
                let held = ledger.balance(.reviewDepositHeld)
                if entry.payload["depositDisposition"]?.textValue == "refunded" {
                    ledger.post(date, "Review deposit refunded: a new hearing was ordered", from: .reviewDepositHeld, to: .parties, held, rule: .a2_27)
                } else {
                    ledger.post(date, "Review deposit to the treasury: the award was confirmed", from: .reviewDepositHeld, to: .treasury, held, rule: .a2_27)
                }
                ledger.returnEscrow(entry, "Escrow returned to the payer: a new hearing was ordered", rule: .b3_9)
            case .motionRuled:
                ledger.returnEscrow(entry, "Escrow above the corrected award returned to the payer", rule: .a2_24)
            case .courtDecided:
                ledger.returnEscrow(entry, "Escrow returned to the payer as the court ordered", rule: .a2_25)
            case .depositEquivalentRequested:
                // A respondent who paid no deposit and lost owes the association an equal amount (a2.20).
                ledger.post(date, "Deposit equivalent owed by the respondent", from: .arbitrationCharges, to: .partyOwes, cents(entry, "amountCents"), rule: .a2_20)
            case .depositEquivalentPaid:
                ledger.post(date, "Deposit equivalent received", from: .partyOwes, to: .treasury,
                            min(ledger.balance(.partyOwes), cents(entry, "amountCents")), rule: .a2_20)
            case .depositsDisposed:
                // Computed from the deposits held when the step was taken; never more than is held (S3 7.8, b3.4).
                var held = ledger.balance(.depositsHeld)
                for (account, field, what) in [(Account.parties, "refundCents", "Prevailing party's deposit refunded"),
                                               (.costs, "costsCents", "Costs of the arbitration paid from the deposits"),
                                               (.treasury, "treasuryCents", "Rest of the deposits to the general operating funds")] {
                    let amount = min(held, cents(entry, field))
                    ledger.post(date, what, from: .depositsHeld, to: account, amount, rule: .a2_26)
                    held -= amount
                }
            case .decisionFiled:
                recommended = entry
            case .finalAction:
                let held = ledger.balance(.depositsHeld)
                switch entry.payload["depositDisposition"]?.textValue.flatMap(DepositDisposition.init(rawValue:)) {
                case .toTreasury: ledger.post(date, "Appeal deposit to the treasury", from: .depositsHeld, to: .treasury, held, rule: .a1_29)
                case .refunded: ledger.post(date, "Appeal deposit refunded", from: .depositsHeld, to: .parties, held, rule: .a1_29)
                case .split:
                    let refund = min(held, entry.payload["refundCents"]?.integerValue ?? 0)
                    ledger.post(date, "Appeal deposit partly refunded", from: .depositsHeld, to: .parties, refund, rule: .a1_29)
                    ledger.post(date, "Rest of the appeal deposit to the treasury", from: .depositsHeld, to: .treasury, held - refund, rule: .a1_29)
                case nil: break
                }
                guard let profile, let action = entry.payload["action"]?.textValue.flatMap(DirectorsAction.init(rawValue:)), action.imposesDiscipline else { continue }
                // The decision is only a recommendation (a1.23): money is owed once the Directors act. A later
                // action (on non-compliance, a1.32) replaces the earlier one, so only the difference is posted.
                let owed = Self.moneyOwed(discipline: entry.payload["discipline"]?.textValue ?? recommended?.payload["discipline"]?.textValue ?? "",
                                          violation: recommended?.payload["outcome"]?.textValue == "violation", profile: profile)
                if owed > imposed {
                    ledger.post(date, imposed == 0 ? "Fines and fees imposed" : "Further fines imposed", from: .disciplineImposed, to: .respondentOwes, owed - imposed, rule: .b8_1)
                } else if owed < imposed {
                    ledger.post(date, "Fines reduced", from: .respondentOwes, to: .disciplineImposed, imposed - owed, rule: .a1_25)
                }
                imposed = owed
            case .disciplineCompliance where entry.payload["event"]?.textValue == ComplianceEvent.finePaid.rawValue:
                let paid = entry.payload["amountCents"]?.integerValue ?? 0
                ledger.post(date, "Payment received from the respondent", from: .respondentOwes, to: .treasury, paid, rule: .b8_1)
            default:
                break
            }
        }
        return ledger
    }

    private static func cents(_ entry: DocketEntry, _ field: String) -> Int { max(0, entry.payload[field]?.integerValue ?? 0) }

    /// Escrow an entry sends back to the party who paid it in, never more than is held.
    private mutating func returnEscrow(_ entry: DocketEntry, _ description: String, rule: RuleID) {
        post(entry.effectiveOn, description, from: .escrowHeld, to: .parties, min(balance(.escrowHeld), Self.cents(entry, "escrowRefundCents")), rule: rule)
    }

    /// Fines and assessments of a discipline (b8.1, b8.3) plus OBAR's processing fee for a violation (a2.6).
    static func moneyOwed(discipline: String, violation: Bool, profile: RuleProfile) -> Int {
        let sanctions = (try? DisciplineText.parse(discipline).get()) ?? []
        let fines = sanctions.reduce(0) { sum, sanction in
            switch sanction {
            case .fine(let cents), .assessmentInLieu(let cents): sum + cents
            default: sum
            }
        }
        return fines + Discipline.processingFee(profile: profile, violationFound: violation)
    }
}
