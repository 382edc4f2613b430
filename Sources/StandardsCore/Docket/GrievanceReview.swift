/// What the Grievance Committee decides about a complaint, taking its allegations as true on its face
/// (b6.1). It never finds a violation (a1.8).
public enum GrievanceDecision: String, Sendable, CaseIterable {
    case forward, dismiss, referToArbitration = "refer-to-arbitration"
    /// Some Articles forwarded, the others dismissed (a1.6).
    case partial

    public var label: String {
        switch self {
        case .forward: "Forward for a hearing"
        case .dismiss: "Dismiss"
        case .referToArbitration: "Refer back as an arbitration matter"
        case .partial: "Forward some Articles, dismiss the others"
        }
    }
}

public enum GrievanceReview {
    /// The review questions shown beside a complaint (b6.5, working list; NAR's Section 19 text was not available).
    public static let questions: [(question: String, rule: RuleID)] = [
        ("Is the complaint in writing and signed?", .a1_5),
        ("Was it filed within 180 days (see the filing deadline)?", .a1_2),
        ("Is each respondent a REALTOR® or REALTOR-ASSOCIATE® (or was one at the time)?", .a1_12),
        ("Does it cite Articles 1–17, not only the Preamble or a Standard of Practice?", .b6_7),
        ("Taking the allegations as true on their face, could they be a violation of the Articles cited?", .b6_1),
        ("Is it really a dispute over money that belongs in arbitration?", .a1_6),
        ("Is another association already handling the same transaction (SOP 14-1)?", .b11_4),
    ]

    /// The docket entries and notices for a decision. Articles are the complaint's, split as decided.
    public static func entries(decision: GrievanceDecision, on date: CivilDate, dismissReason: String?, forwardedArticles: String,
                               dismissedArticles: String, rationale: String, complainant: String, respondents: String) -> Result<[ProposedEntry], Refusal> {
        var entries: [ProposedEntry] = []
        func with(_ payload: Payload) -> Payload {
            var out = payload
            if !rationale.isEmpty { out["rationale"] = .text(rationale) }
            return out
        }
        let everyone = [complainant, respondents].filter { !$0.isEmpty }.joined(separator: "; ")
        switch decision {
        case .forward:
            entries.append(ProposedEntry(type: .gcForwarded, effectiveOn: date, payload: with([:])))
            entries.append(notice(.gcDecision, to: everyone, on: date))
        case .referToArbitration:
            entries.append(ProposedEntry(type: .gcReferredToArbitration, effectiveOn: date, payload: with([:])))
            entries.append(notice(.gcDecision, to: everyone, on: date))
        case .dismiss, .partial:
            guard let reason = dismissReason, !reason.isEmpty else {
                return .failure(Refusal(code: "dismissal_reason_required", message: "Give the reason for the dismissal.", rule: .a1_6))
            }
            if decision == .partial {
                guard !forwardedArticles.isEmpty, !dismissedArticles.isEmpty else {
                    return .failure(Refusal(code: "partial_needs_both", message: "Name the Articles forwarded and the Articles dismissed.", rule: .a1_6))
                }
                entries.append(ProposedEntry(type: .gcDismissed, effectiveOn: date, payload: with(["reason": .text(reason), "articles": .text(dismissedArticles)])))
                entries.append(ProposedEntry(type: .gcForwarded, effectiveOn: date, payload: with(["articles": .text(forwardedArticles)])))
                entries.append(notice(.gcDecision, to: everyone, on: date))
            } else {
                entries.append(ProposedEntry(type: .gcDismissed, effectiveOn: date, payload: with(["reason": .text(reason)])))
            }
            // The dismissal notice carries the appeal information (a1.10, a2.8).
            entries.append(notice(.dismissal, to: complainant, on: date))
        }
        return .success(entries)
    }

    static func notice(_ kind: NoticeKind, to: String, on date: CivilDate) -> ProposedEntry {
        var payload: Payload = ["notice": .text(kind.rawValue), "channel": .text("email")]
        if !to.isEmpty { payload["to"] = .text(to) }
        return ProposedEntry(type: .noticeSent, effectiveOn: date, payload: payload)
    }
}

/// The Articles a complaint cites, and how a Grievance Committee amendment changes them (a1.6).
public enum CitedArticles {
    /// The Articles cited now: the latest complaint, complainant amendment or GC amendment.
    public static func current(_ docket: [DocketEntry]) -> [Int] {
        let latest = CaseProjection.effectiveEntries(docket).last { [.complaintFiled, .complaintAmended, .gcAmended].contains($0.type) }
        return parse(latest?.payload["articles"]?.textValue ?? "")
    }

    /// The Articles of the Code of Ethics.
    public static let codeArticles = 1...17

    /// "1, 12 and 3" → [1, 3, 12]; anything not an Article number 1–17 is dropped.
    public static func parse(_ text: String) -> [Int] {
        let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.filter { codeArticles.contains($0) }
        return Array(Set(numbers)).sorted()
    }

    public static func text(_ articles: [Int]) -> String { articles.map(String.init).joined(separator: ", ") }
}
