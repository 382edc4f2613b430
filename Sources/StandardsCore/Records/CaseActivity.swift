/// What one case's docket gives the reports (issue 20 item 6; S3 9.4.6, S4 (38)): each counted event with its day, and
/// the spans the case stood at each status. Derived from the docket as it stands after corrections, so a struck or
/// corrected entry counts as corrected. The app keeps both beside the other read models, written with every append;
/// the reports add them up in SQL.
public enum CaseActivity {
    /// What the annual professional-standards activity report counts.
    public enum Measure: String, CaseIterable, Codable, Sendable {
        case complaintReceived = "complaint-received"
        case complaintDismissed = "complaint-dismissed"
        case complaintForwarded = "complaint-forwarded"
        case referredToArbitration = "referred-to-arbitration"
        case dismissalAppealed = "dismissal-appealed"
        /// Ethics hearings held (a citation taken to a full hearing is heard as one).
        case hearingHeld = "hearing-held"
        /// A decision filed; the detail is its outcome.
        case decision
        /// One Article found violated, at the Directors' final action; the detail is the Article.
        case violation
        /// One sanction imposed at final action; the detail is the kind, the cents a fine's or assessment's amount.
        case sanction
        case appealFiled = "appeal-filed"
        /// The Directors' final action; the detail is the action.
        case finalAction = "final-action"
        /// The cents are the amount claimed.
        case arbitrationRequested = "arbitration-requested"
        case arbitrationHearing = "arbitration-hearing-held"
        /// The cents are the amount awarded (the last award, when corrected).
        case award
        case awardPaid = "award-paid"
        case mediationRequested = "mediation-requested"
        case mediationSettled = "mediation-settled"
        case mediationEnded = "mediation-ended"
        case citationIssued = "citation-issued"
        /// The cents are the fine paid.
        case citationPaid = "citation-paid"
        case citationHearingRequested = "citation-hearing-requested"

        public var label: String {
            switch self {
            case .complaintReceived: "Ethics complaints received"
            case .complaintDismissed: "Complaints dismissed by the Grievance Committee"
            case .complaintForwarded: "Complaints forwarded for hearing"
            case .referredToArbitration: "Complaints referred to arbitration"
            case .dismissalAppealed: "Dismissals appealed to the Directors"
            case .hearingHeld: "Ethics hearings held"
            case .arbitrationHearing: "Arbitration hearings held"
            case .decision: "Ethics decisions filed"
            case .violation: "Violations found, by Article"
            case .sanction: "Sanctions imposed"
            case .appealFiled: "Appeals of ethics decisions"
            case .finalAction: "Directors' final actions"
            case .arbitrationRequested: "Arbitration requests"
            case .award: "Awards rendered"
            case .awardPaid: "Awards paid"
            case .mediationRequested: "Mediations requested"
            case .mediationSettled: "Mediations settled"
            case .mediationEnded: "Mediations ended without settlement"
            case .citationIssued: "Citations issued"
            case .citationPaid: "Citations paid"
            case .citationHearingRequested: "Citations taken to a full hearing"
            }
        }

        /// Whether the cents summed beside the count mean something for this measure (for a sanction, only a fine's or
        /// an assessment's: `ActivityReport.Key.hasAmount`).
        public var hasAmount: Bool { [.sanction, .arbitrationRequested, .award, .awardPaid, .citationPaid].contains(self) }

        /// The report's sections, in order.
        public var section: String {
            switch self {
            case .complaintReceived, .complaintDismissed, .complaintForwarded, .referredToArbitration, .dismissalAppealed, .hearingHeld, .decision,
                 .violation, .sanction, .appealFiled, .finalAction: "Ethics"
            case .arbitrationRequested, .arbitrationHearing, .award, .awardPaid: "Arbitration"
            case .mediationRequested, .mediationSettled, .mediationEnded: "Mediation"
            case .citationIssued, .citationPaid, .citationHearingRequested: "Citations"
            }
        }
    }

    /// One counted event: what, on which day of the association's calendar, of which sort, and any amount in cents.
    public struct Fact: Hashable, Sendable {
        public let measure: Measure
        public let on: CivilDate
        /// The breakdown within the measure ("12" for Article 12, "fine" for a sanction); empty when there is none.
        public let detail: String
        public let cents: Int
        public init(_ measure: Measure, on: CivilDate, detail: String = "", cents: Int = 0) {
            self.measure = measure; self.on = on; self.detail = detail; self.cents = cents
        }
    }

    /// A stretch of days a case stood at one status; `to` is nil while it still stands there.
    public struct StageSpan: Hashable, Sendable {
        public let status: CaseStatus
        public let from: CivilDate
        public let to: CivilDate?
        public init(status: CaseStatus, from: CivilDate, to: CivilDate?) { self.status = status; self.from = from; self.to = to }
        /// Whole days at the status, once it has been left.
        public var days: Int? { to.map { max(0, from.days(to: $0)) } }
    }

    /// Every counted event on the docket. An event the steps can record twice (a complaint dismissed, a dismissal
    /// overturned, dismissed again) counts each time it happened; an award corrected counts once, as corrected.
    public static func facts(kind: CaseKind, docket: [DocketEntry]) -> [Fact] {
        let effective = CaseProjection.effectiveEntries(docket)
        var out: [Fact] = []
        for entry in effective {
            let on = entry.effectiveOn
            switch entry.type {
            case .gcDismissed: out.append(Fact(.complaintDismissed, on: on))
            case .gcForwarded: out.append(Fact(.complaintForwarded, on: on))
            case .gcReferredToArbitration: out.append(Fact(.referredToArbitration, on: on))
            case .dismissalAppealed: out.append(Fact(.dismissalAppealed, on: on))
            case .hearingHeld: out.append(Fact(kind == .arbitration ? .arbitrationHearing : .hearingHeld, on: on))
            case .decisionFiled: out.append(Fact(.decision, on: on, detail: entry.payload["outcome"]?.textValue ?? ""))
            case .appealFiled: out.append(Fact(.appealFiled, on: on))
            case .finalAction: out.append(Fact(.finalAction, on: on, detail: entry.payload["action"]?.textValue ?? ""))
            case .arbitrationRequested: out.append(Fact(.arbitrationRequested, on: on, cents: entry.payload["amountCents"]?.integerValue ?? 0))
            case .awardPaid: out.append(Fact(.awardPaid, on: on, cents: entry.payload["amountCents"]?.integerValue ?? 0))
            case .mediationRequested: out.append(Fact(.mediationRequested, on: on))
            case .mediationSettled: out.append(Fact(.mediationSettled, on: on))
            case .mediationEnded: out.append(Fact(.mediationEnded, on: on))
            case .citationPaid: out.append(Fact(.citationPaid, on: on, cents: entry.payload["amountCents"]?.integerValue ?? 0))
            case .citationHearingRequested: out.append(Fact(.citationHearingRequested, on: on))
            default: break
            }
        }
        // Once per case: the complaint as first filed, the award as last rendered, the citation as last issued
        // (`CitationStatistics` counts it the same way).
        if kind == .ethics, let filed = effective.first(where: { $0.type == .complaintFiled }) {
            out.append(Fact(.complaintReceived, on: filed.effectiveOn))
        }
        if let award = effective.last(where: { $0.type == .awardRendered }) {
            out.append(Fact(.award, on: award.effectiveOn, cents: award.payload["amountCents"]?.integerValue ?? 0))
        }
        if let issued = effective.last(where: { $0.type == .citationIssued }) { out.append(Fact(.citationIssued, on: issued.effectiveOn)) }
        out += discipline(effective)
        return out
    }

    /// The Articles found violated and the sanctions imposed, counted once, on the day the Directors' final action
    /// put them in force (the panel's decision is a recommendation until then, a1.23, a1.25).
    static func discipline(_ effective: [DocketEntry]) -> [Fact] {
        guard let final = effective.first(where: { $0.payload(as: FinalAction.self)?.directorsAction?.imposesDiscipline == true }),
              let action = final.payload(as: FinalAction.self) else { return [] }
        let decision = effective.last { $0.type == .decisionFiled && $0.effectiveOn <= final.effectiveOn }?.payload(as: DecisionFiled.self)
        guard decision?.outcome == "violation" else { return [] }
        var out = violatedArticles(decision, cited: CitedArticles.current(effective)).map { Fact(.violation, on: final.effectiveOn, detail: String($0)) }
        if case .success(let sanctions) = DisciplineText.parse(action.discipline ?? decision?.discipline ?? "") {
            out += sanctions.map { Fact(.sanction, on: final.effectiveOn, detail: $0.kindName, cents: $0.cents) }
        }
        return out
    }

    /// The Articles a decision's conclusions find violated ("Article 1: violation; Article 3: no violation" → [1]);
    /// a decision of violation whose conclusions name none is taken to find every Article cited.
    public static func violatedArticles(_ decision: DecisionFiled?, cited: [Int]) -> [Int] {
        guard let decision, decision.outcome == "violation" else { return [] }
        let parts = (decision.conclusions ?? "").split(whereSeparator: { $0 == ";" || $0 == "\n" }).map { $0.lowercased() }
        let found = parts.filter { $0.contains("violat") && !$0.contains("no violation") && !$0.contains("not ") }
            .flatMap { CitedArticles.parse(String($0)) }
        return found.isEmpty ? cited : Array(Set(found)).sorted()
    }

    /// The statuses the case stood at, in order, from its opening; a status entered and left on one day spans 0 days.
    public static func stages(kind: CaseKind, docket: [DocketEntry]) -> [StageSpan] {
        var spans: [StageSpan] = []
        var current: (status: CaseStatus, from: CivilDate)?
        for entry in CaseProjection.effectiveEntries(docket) {
            if current == nil { current = (.opened, entry.effectiveOn) }
            guard let status = entry.type.resultingStatus(for: entry.payload, on: kind), let now = current, status != now.status else { continue }
            spans.append(StageSpan(status: now.status, from: now.from, to: max(now.from, entry.effectiveOn)))
            current = (status, max(now.from, entry.effectiveOn))
        }
        if let now = current { spans.append(StageSpan(status: now.status, from: now.from, to: nil)) }
        return spans
    }
}

extension Sanction {
    /// The money the sanction imposes, in cents; 0 for the others.
    public var cents: Int {
        switch self {
        case .fine(let cents), .assessmentInLieu(let cents): cents
        default: 0
        }
    }
}
