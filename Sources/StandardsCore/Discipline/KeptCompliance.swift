/// A piece of discipline still to be complied with (or held), as a read model keeps it (issue 12): how it stands
/// before its due date and from the day after, so a worklist can say which it is today without the docket. Only
/// what a worklist shows is kept: what is due (fine, fee, course) and what is held or contingent; a suspension in
/// force or a letter already done is not.
public struct KeptComplianceItem: Sendable, Equatable {
    /// Its place among the case's items (`DisciplineCompliance.items`).
    public let position: Int
    public let sanction: String
    public let rule: RuleID
    public let dueOn: CivilDate?
    public let statusBefore: ComplianceItem.Status
    public let noteBefore: String
    public let statusAfter: ComplianceItem.Status
    public let noteAfter: String

    public init(position: Int, sanction: String, rule: RuleID, dueOn: CivilDate?, statusBefore: ComplianceItem.Status, noteBefore: String,
                statusAfter: ComplianceItem.Status, noteAfter: String) {
        self.position = position; self.sanction = sanction; self.rule = rule; self.dueOn = dueOn
        self.statusBefore = statusBefore; self.noteBefore = noteBefore; self.statusAfter = statusAfter; self.noteAfter = noteAfter
    }

    /// The item as `DisciplineCompliance.items` gives it on `day`.
    public func item(asOf day: CivilDate) -> ComplianceItem {
        let after = dueOn.map { day > $0 } ?? false
        return ComplianceItem(sanction: sanction, dueOn: dueOn, status: after ? statusAfter : statusBefore, note: after ? noteAfter : noteBefore, rule: rule)
    }
}

extension DisciplineCompliance {
    /// What a read model keeps of a case's discipline: nothing until final action imposes some (a1.32, b8).
    public static func kept(_ docket: [DocketEntry], profile: RuleProfile) -> [KeptComplianceItem] {
        guard let final = CaseProjection.effectiveEntries(docket).last(where: { $0.type == .finalAction }) else { return [] }
        // Every due date falls on or after the final action: as of that day each item stands as it does before its date.
        let before = items(docket, profile: profile, asOf: final.effectiveOn)
        return before.enumerated().compactMap { position, item in
            guard [.due, .overdue, .heldInAbeyance, .contingent].contains(item.status) else { return nil }
            let after = item.dueOn.flatMap { due in items(docket, profile: profile, asOf: due.adding(days: 1)).dropFirst(position).first } ?? item
            return KeptComplianceItem(position: position, sanction: item.sanction, rule: item.rule, dueOn: item.dueOn, statusBefore: item.status,
                                      noteBefore: item.note, statusAfter: after.status, noteAfter: after.note)
        }
    }
}
