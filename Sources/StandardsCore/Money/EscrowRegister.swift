import Foundation

/// One arbitration case's line in the association's escrow register (a2.23–a2.27): what the association holds, for
/// whom, since when, and until what date or event — read from the case's ledger and docket alone.
public struct EscrowPosition: Sendable, Equatable {
    /// Award money held in escrow, in cents.
    public var held: Int
    /// Everything paid into escrow and everything paid out of it (released or returned): `paidIn - paidOut == held`.
    public var paidIn: Int
    public var paidOut: Int
    /// A procedural review's deposit, held until the Directors decide.
    public var reviewDeposit: Int
    /// The day the money now held first came in (the balance last rose from zero).
    public var since: CivilDate?
    /// Whom it is held for: the prevailing party under the award in force.
    public var heldFor: String?
    /// The day the funds may next move, when a date decides it.
    public var untilOn: CivilDate?
    /// What the funds wait for, in words.
    public var until: String
}

public enum EscrowRegister {
    /// The position of an arbitration case, or nil when the case never held escrow or a review deposit.
    public static func position(docket: [DocketEntry], deadlines: [Deadline], asOf: CivilDate) -> EscrowPosition? {
        let ledger = CaseLedger.arbitration(docket)
        var balance = 0, paidIn = 0, paidOut = 0
        var since: CivilDate?
        for posting in ledger.postings {
            if posting.to == .escrowHeld {
                if balance == 0 { since = posting.on }
                balance += posting.cents
                paidIn += posting.cents
            } else if posting.from == .escrowHeld {
                balance -= posting.cents
                paidOut += posting.cents
                if balance == 0 { since = nil }
            }
        }
        let review = ledger.balance(.reviewDepositHeld)
        guard paidIn > 0 || review > 0 else { return nil }
        let view = StepView(kind: .arbitration, docket: docket, today: asOf, deadlines: deadlines)
        let award = AwardSteps.award(view)
        var position = EscrowPosition(held: balance, paidIn: paidIn, paidOut: paidOut, reviewDeposit: review, since: since,
                                      heldFor: award?.payload["prevailing"]?.textValue, untilOn: nil, until: "")
        if balance == 0 && review == 0 {
            position.until = "nothing held"
        } else if AfterAward.pendingSuit(view) != nil {
            position.until = "the court's decision on the suit noticed (a2.25)"
        } else if AfterAward.pendingReview(view) != nil {
            position.until = "the Directors' decision on the procedural review (a2.27)"
        } else if AfterAward.pendingMotion(view) != nil {
            position.until = "the panel's ruling on the motion to correct (a2.24)"
        } else if let open = deadlines.filter({ AwardSteps.Release.windows.contains($0.key) && $0.status == .pending })
                    .max(by: { ($0.dueOn ?? .latest) < ($1.dueOn ?? .latest) }) {
            position.untilOn = open.dueOn
            position.until = open.dueOn == nil ? "the parties' receipt of the award, not yet recorded (\(open.rule))" : "\(open.title.lowercased()) (\(open.rule))"
        } else {
            position.until = "release: every window has closed (a2.25)"
        }
        return position
    }
}

/// How long an arbitration file is kept: three years after every appeal is exhausted and the award paid (S3 1.1.3, a2.2).
public enum ArbitrationRetention {
    public enum Answer: Sendable, Equatable {
        /// The file may be destroyed on or after this day.
        case from(CivilDate, basis: String)
        /// Not yet known, and why.
        case notYet(String)
    }

    public static func destroyableFrom(_ view: StepView, years: Int = 3) -> Answer {
        let months = max(0, min(years, 100)) * 12
        guard view.kind == .arbitration else { return .notYet("not an arbitration file") }
        // Counted from the entry that ended it, not a later note or legal hold.
        if view.status == .settled || view.status == .closed || view.status == .withdrawn,
           let last = view.effective.last(where: { $0.type.resultingStatus(for: $0.payload) != nil }) {
            // Settled, released or withdrawn before an award: nothing remains to appeal or pay.
            if AwardSteps.award(view) == nil { return .from(last.effectiveOn.adding(months: months), basis: "the case ended \(last.effectiveOn)") }
        }
        guard let award = AwardSteps.award(view) else { return .notYet("no award yet") }
        if let refusal = AfterAward.notFinal(view) { return .notYet(refusal.message) }
        // Every appeal exhausted: the last window to correct, review or sue closed, or the last decision on one.
        let windowsClosed = view.deadlines.filter { AwardSteps.Release.windows.contains($0.key) }.compactMap(\.dueOn).max()
        let decided = view.effective.filter { [.motionRuled, .reviewDecided, .courtDecided].contains($0.type) }.map(\.effectiveOn).max()
        let exhausted = [windowsClosed, decided, award.effectiveOn].compactMap { $0 }.max()!
        let owes = award.payload["prevailing"]?.textValue != "respondent" && AwardSteps.total(award) > 0
        let paid = view.effective.last { $0.type == .awardPaid && $0.sequence > award.sequence }?.effectiveOn
        if owes && paid == nil { return .notYet("the award is not yet paid") }
        let basis = max(exhausted, paid ?? exhausted)
        let why = paid.map { "the award was paid \($0); appeals exhausted \(exhausted)" } ?? "appeals exhausted \(exhausted)"
        return .from(basis.adding(months: months), basis: why)
    }
}
