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

    mutating func post(_ on: CivilDate, _ description: String, from: Account, to: Account, _ cents: Int, rule: String) {
        guard cents != 0 else { return }
        postings.append(Posting(on: on, description: description, from: from, to: to, cents: cents, rule: rule))
    }

    public static func build(_ docket: [DocketEntry], profile: RuleProfile) -> CaseLedger {
        var ledger = CaseLedger()
        var decisionFoundViolation = false
        for entry in CaseProjection.effectiveEntries(docket) {
            let date = entry.effectiveOn
            switch entry.type {
            case .appealFiled:
                // One deposit for a joint appeal (a1.26): the entry carries it once.
                ledger.post(date, "Appeal deposit received", from: .parties, to: .depositsHeld, entry.payload["depositCents"]?.integerValue ?? 0, rule: "a1.26")
            case .decisionFiled:
                decisionFoundViolation = entry.payload["outcome"]?.textValue == "violation"
            case .finalAction:
                let action = entry.payload["action"]?.textValue.flatMap(DirectorsAction.init(rawValue:))
                let held = ledger.balance(.depositsHeld)
                switch entry.payload["depositDisposition"]?.textValue.flatMap(DepositDisposition.init(rawValue:)) {
                case .toTreasury: ledger.post(date, "Appeal deposit to the treasury", from: .depositsHeld, to: .treasury, held, rule: "a1.29")
                case .refunded: ledger.post(date, "Appeal deposit refunded", from: .depositsHeld, to: .parties, held, rule: "a1.29")
                case .split:
                    let refund = min(held, entry.payload["refundCents"]?.integerValue ?? 0)
                    ledger.post(date, "Appeal deposit partly refunded", from: .depositsHeld, to: .parties, refund, rule: "a1.29")
                    ledger.post(date, "Rest of the appeal deposit to the treasury", from: .depositsHeld, to: .treasury, held - refund, rule: "a1.29")
                case nil: break
                }
                guard let action, action.imposesDiscipline else { continue }
                // The decision is only a recommendation (a1.23): money is owed once the Directors act.
                let text = entry.payload["discipline"]?.textValue ?? ledger.recommended(docket) ?? ""
                if case .success(let sanctions) = DisciplineText.parse(text) {
                    for sanction in sanctions {
                        switch sanction {
                        case .fine(let cents): ledger.post(date, "Fine imposed", from: .disciplineImposed, to: .respondentOwes, cents, rule: "b8.1")
                        case .assessmentInLieu(let cents): ledger.post(date, "Assessment in lieu of suspension", from: .disciplineImposed, to: .respondentOwes, cents, rule: "b8.3")
                        default: break
                        }
                    }
                }
                if decisionFoundViolation {
                    ledger.post(date, "Administrative processing fee", from: .disciplineImposed, to: .respondentOwes,
                                Discipline.processingFee(profile: profile, violationFound: true), rule: "a2.6")
                }
            case .disciplineCompliance where entry.payload["event"]?.textValue == ComplianceEvent.finePaid.rawValue:
                let paid = entry.payload["amountCents"]?.integerValue ?? 0
                ledger.post(date, "Payment received from the respondent", from: .respondentOwes, to: .treasury, paid, rule: "b8.1")
            default:
                break
            }
        }
        return ledger
    }

    private func recommended(_ docket: [DocketEntry]) -> String? {
        CaseProjection.effectiveEntries(docket).last { $0.type == .decisionFiled }?.payload["discipline"]?.textValue
    }
}
