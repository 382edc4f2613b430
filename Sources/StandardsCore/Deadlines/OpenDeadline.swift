/// A time frame only the calendar still moves, as a read model keeps it (issue 12): its due date and the explanation
/// without the words that change daily. What it says on any later day is worked out from these alone, without the
/// docket, and is what deriving the docket on that day would say (held by `OpenDeadlineTests`).
///
/// Not covered: a filing window still extended by a suspension that has not ended (a1.3) moves its due date daily;
/// such a window is not open (it is `suspended`), and the read model is refreshed on the next append or rebuild.
public struct OpenDeadline: Sendable, Equatable {
    public let key: DeadlineKey
    public let dueOn: CivilDate?
    /// The explanation up to its standing ("… = 2026-07-09 (Thu)").
    public let explanationHead: String
    /// The explanation ends with how the window stands ("; 3 days left."); some (a hearing's adjournment) do not.
    public let dated: Bool
    public let lapseNote: String?

    /// Nil for a deadline something recorded has settled.
    public init?(_ deadline: Deadline) {
        guard deadline.isOpen else { return nil }
        let head = deadline.why.headWithoutStanding
        self.init(key: deadline.key, dueOn: deadline.dueOn, explanationHead: head.text, dated: head.dated, lapseNote: deadline.lapseNote)
    }

    /// As read back from a read model.
    public init(key: DeadlineKey, dueOn: CivilDate?, explanationHead: String, dated: Bool, lapseNote: String?) {
        self.key = key; self.dueOn = dueOn; self.explanationHead = explanationHead; self.dated = dated; self.lapseNote = lapseNote
    }

    /// Pending until the due date; after it, a party's option lapses and any other window is overdue (`standing`).
    public func status(asOf day: CivilDate) -> DeadlineStatus {
        guard let dueOn, day > dueOn else { return .pending }
        return key.isPartyOption ? .lapsed : .missed
    }

    public func explanation(asOf day: CivilDate) -> String {
        guard dated else { return explanationHead }
        let outcome: WindowOutcome
        switch status(asOf: day) {
        case .lapsed: outcome = .lapsed(note: lapseNote)
        case .missed: outcome = .overdue(days: dueOn.map { $0.days(to: day) } ?? 0)
        default: outcome = .pending(daysLeft: dueOn.map { day.days(to: $0) })
        }
        return explanationHead + outcome.text
    }
}
