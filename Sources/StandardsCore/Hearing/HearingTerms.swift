/// What the Directors may do with a hearing panel's recommendation (a1.25) or decide on appeal (a1.28–a1.29).
public enum DirectorsAction: String, CaseIterable, Sendable, Codable {
    /// Adopt the decision and its discipline as recommended.
    case adopted
    /// Accept the findings and reduce the discipline, never increase it (a1.25 (iii)).
    case modified
    /// The findings do not support a violation: dismiss in part or whole (a1.25 (iv)); on appeal, the charge is dismissed.
    case dismissed
    /// A procedural concern: a new hearing before a new panel (a1.25 (i)).
    case newPanel = "new-panel"
    /// A concern about the sanction only: back to the original panel (a1.25 (ii)).
    case sanctionToPanel = "sanction-to-panel"

    public var label: String {
        switch self {
        case .adopted: "Adopt the decision"
        case .modified: "Adopt the findings, reduce the discipline"
        case .dismissed: "Dismiss: the findings do not support a violation"
        case .newPanel: "Procedural concern: new hearing by a new panel"
        case .sanctionToPanel: "Concern about the sanction: back to the original panel"
        }
    }

    /// Whether this action ends the case with discipline in force.
    public var imposesDiscipline: Bool { self == .adopted || self == .modified }
}

/// What happens to the appeal deposit (a1.29): confirmed → treasury; dismissed → returned; modified → as the Directors decide.
public enum DepositDisposition: String, CaseIterable, Sendable, Codable {
    case toTreasury = "to-treasury"
    case refunded
    /// Modified: the Directors refund part (`refundCents`) and keep the rest.
    case split
}

/// A step in complying with discipline (a1.32, a1.33, a1.12, b8).
public enum ComplianceEvent: String, CaseIterable, Sendable, Codable {
    case finePaid = "fine-paid"
    case courseCompleted = "course-completed"
    /// The member was told of the non-compliance and may explain before the Directors act (a1.32).
    case explanationInvited = "explanation-invited"
    case referredToDirectors = "referred-to-directors"
    /// The respondent left every association: discipline is held until they rejoin (a1.12).
    case abeyance
    /// The respondent rejoined: held discipline revives, due dates run again from today.
    case revived
    /// The declaratory judgment the discipline was contingent on was entered (a1.33).
    case judgmentEntered = "judgment-entered"
}

/// A refusal to abide by an arbitration award (a1.35): the first is not an ethics matter (the recipient is
/// advised to seek judicial enforcement); a pattern may be treated as an Article 17 matter.
public enum AwardRefusal {
    /// The note to show with the refusal, given how many earlier refusals the same member has on record.
    public static func advice(priorRefusals: [String]) -> Refusal? {
        guard !priorRefusals.isEmpty else { return nil }
        return Refusal(code: "refusal_pattern",
                       message: "This member also refused to abide by the award in \(priorRefusals.joined(separator: ", ")): a pattern may be brought to the Grievance Committee as an Article 17 complaint.",
                       rule: .a1_35)
    }
}

extension DirectorsAction {
    /// When the Directors may act, the one statement of it for the step, the hearing page and the Directors' page:
    /// on an appeal they have heard (a1.27); on a decision sent to the parties and not appealed (a1.23, a1.25); on an
    /// appeal the President's preliminary review dismissed (a1.27); on non-compliance referred to them (a1.32).
    /// Nil when they may; otherwise why not, with the rule.
    public static func refusal(docket: [DocketEntry], status: CaseStatus) -> Refusal? {
        let effective = CaseProjection.effectiveEntries(docket)
        switch status {
        case .appealHeard, .beforeDirectors:
            return nil
        case .decided:
            guard let decision = effective.last(where: { $0.type == .decisionFiled }) else {
                return Refusal(code: "no_decision", message: "The panel has not filed a decision.", rule: .a1_22)
            }
            let sent = effective.contains { $0.parsed.notice == .decision && $0.sequence > decision.sequence }
            return sent ? nil : Refusal(code: "decision_not_transmitted",
                                        message: "The decision goes to the parties, with the appeal form, before the Directors act on it.", rule: .a1_23)
        case .appealed:
            let review = effective.last { $0.type == .appealReviewed }
            return review?.payload["outcome"]?.textValue == "dismissed" ? nil
                : Refusal(code: "appeal_not_heard", message: "The Directors act once they have heard the appeal.", rule: .a1_27)
        default:
            return Refusal(code: "step_out_of_order",
                           message: "The Directors act on a decision, an appeal or non-compliance; this case is \(status.label.lowercased()).", rule: .a1_25)
        }
    }
}
