import Foundation

/// A question the Board of Directors decides through a panel of Directors the President appoints (S3 1.3.1, issue 18):
/// the panel's decision is the Directors' own, reached by each Director's vote, not recorded by staff for them.
public enum DirectorsMatter: String, Sendable, CaseIterable {
    /// The complainant's appeal of a dismissal (a1.10, S3 5.1.2).
    case dismissalAppeal = "dismissal-appeal"
    /// An appeal of an ethics hearing panel's decision, heard by the Directors (a1.27, a2.16, S3 5.4.3).
    case ethicsAppeal = "ethics-appeal"
    /// A challenge to the Committee's classification of an arbitration request, or an appeal of a decline (b4.3, S3 7.2.1).
    case classificationChallenge = "classification-challenge"
    /// A request for procedural review of an award (a2.27, b3.9, S3 7.9.2).
    case proceduralReview = "procedural-review"
    /// A complaint that a member refused to arbitrate, which goes straight to the Directors (a1.34; appendix (5)(f)).
    case refusalToArbitrate = "refusal-to-arbitrate"

    public var rule: RuleID {
        switch self {
        case .dismissalAppeal: .a1_10
        case .ethicsAppeal: .a1_27
        case .classificationChallenge: .b4_3
        case .proceduralReview: .b3_9
        case .refusalToArbitrate: .a1_34
        }
    }

    /// The matter in a user's words ("the dismissal appeal").
    public var label: String {
        switch self {
        case .dismissalAppeal: "the appeal of the dismissal"
        case .ethicsAppeal: "the appeal of the hearing panel's decision"
        case .classificationChallenge: "the challenge to the classification"
        case .proceduralReview: "the procedural review of the award"
        case .refusalToArbitrate: "the complaint of a refusal to arbitrate"
        }
    }

    /// How many Directors sit (a1.10, a1.27, a2.27): the profile's number, or a quorum where that is less.
    public func size(_ profile: RuleProfile) -> PanelSize {
        switch self {
        case .dismissalAppeal, .classificationChallenge, .refusalToArbitrate: profile.dismissalAppealPanel
        case .ethicsAppeal: profile.ethicsAppealPanel
        case .proceduralReview: profile.proceduralReviewPanel
        }
    }

    /// Who may sit and how many, by the rules that apply here: the Board and the profile's panel; or under a regional
    /// agreement the appendix's appeal panel of five (appendix (5)(b), (c); a2.36): members of the shared Professional
    /// Standards Committee for an ethics appeal or a procedural review, Directors of the signatory Boards for a dismissal
    /// appeal or a classification challenge (the Grievance Committee's panels are not recorded per case).
    public func pool(_ facts: StepFacts) -> (people: [NamedPerson], size: PanelSize, body: String) {
        guard facts.regionalAgreement != nil else { return (facts.board, size(facts.profile), "the Board of Directors") }
        let five = PanelSize(size: 5, orQuorumIfLess: false, rule: .a2_36)
        switch self {
        case .ethicsAppeal, .proceduralReview:
            return (facts.committee, five, "the shared Professional Standards Committee")
        case .dismissalAppeal, .classificationChallenge, .refusalToArbitrate:
            return (facts.signatoryBoards, five, "the Boards of Directors of the signatories")
        }
    }

    /// Whether the Executive Committee may decide it in the Directors' place: dismissal and ethics appeals (S4 (11), (32);
    /// a1.10, a1.27); a procedural review and a classification challenge go to Directors (a2.27, b4.3).
    public var executiveCommitteeMayDecide: Bool { self == .dismissalAppeal || self == .ethicsAppeal }

    /// Whether the Directors decide only after hearing it: an ethics appeal is heard first (a1.27); the others are
    /// decided on the papers (a1.10, b4.3, b3.9).
    public var votesAfterHearing: Bool { self == .ethicsAppeal }

    /// What a Director may vote for: a value and its words. A classification challenge is upheld or reversed to a
    /// named classification, so each other classification is its own choice (b4.3).
    public func choices(_ docket: [DocketEntry]) -> [(value: String, label: String)] {
        switch self {
        case .dismissalAppeal:
            return [("reinstated", "Reinstate the complaint (send it on for a hearing)"), ("confirmed", "Confirm the dismissal")]
        case .ethicsAppeal:
            return DirectorsAction.allCases.map { ($0.rawValue, $0.label) }
        case .classificationChallenge:
            let standing = CaseProjection.effectiveEntries(docket).last { $0.type == .arbitrationClassified }?.payload["classification"]?.textValue
            return [("upheld", "Uphold the Committee's decision")]
                + ArbitrationClassification.allCases.filter { $0.rawValue != standing }.map { ($0.rawValue, "Reverse: the request is \($0.label)") }
        case .proceduralReview:
            return [("confirmed", "Confirm the award"), ("new-hearing", "Order a new hearing (due process was denied)")]
        case .refusalToArbitrate:
            return [("refused", "The member refused to arbitrate a properly arbitrable matter"), ("did-not-refuse", "The member did not refuse")]
        }
    }

    /// Every value any matter's vote may take: the catalog's list for a vote entry.
    public static var allChoiceValues: [String] {
        var values = ["reinstated", "confirmed", "upheld", "new-hearing", "refused", "did-not-refuse"] + DirectorsAction.allCases.map(\.rawValue)
        values += ArbitrationClassification.allCases.map(\.rawValue)
        return values.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The matter waiting for the Directors on this docket, and the entry that brought it; nil when none waits.
    public static func pending(kind: CaseKind, docket: [DocketEntry]) -> (matter: DirectorsMatter, since: DocketEntry)? {
        let effective = CaseProjection.effectiveEntries(docket)
        func undecided(_ brought: DocketEntryType, _ decided: Set<DocketEntryType>) -> DocketEntry? {
            guard let entry = effective.last(where: { $0.type == brought }),
                  !effective.contains(where: { decided.contains($0.type) && $0.sequence > entry.sequence }) else { return nil }
            return entry
        }
        switch kind {
        case .ethics:
            if let appeal = DismissalAppeal.pending(docket) { return (.dismissalAppeal, appeal) }
            if let refusal = undecided(.refusalToArbitrateFiled, [.refusalToArbitrateDecided]) { return (.refusalToArbitrate, refusal) }
            // The appeal stands until the Directors act on it, or its preliminary review ends it (a1.27).
            if let appeal = undecided(.appealFiled, [.finalAction]), !effective.contains(where: { $0.type == .appealReviewed && $0.sequence > appeal.sequence
                   && $0.payload["outcome"]?.textValue == "dismissed" }) {
                return (.ethicsAppeal, appeal)
            }
        case .arbitration:
            if let challenge = undecided(.classificationChallenged, [.classificationChallengeDecided]) { return (.classificationChallenge, challenge) }
            if let review = undecided(.reviewRequested, [.reviewDecided]) { return (.proceduralReview, review) }
        default:
            break
        }
        return nil
    }
}

/// The Directors the President appointed to a pending matter, and the votes cast so far (issue 18).
public struct DirectorsPanel: Sendable, Equatable {
    public struct Vote: Sendable, Equatable {
        public let id: UUID
        public let name: String
        public let choice: String
    }
    public let matter: DirectorsMatter
    public let ids: [UUID]
    public let names: [String]
    public let votes: [Vote]
    /// Whether the Directors may vote now: after the hearing, for an ethics appeal (a1.27).
    public let votingOpen: Bool
    /// The Executive Committee decides in the Directors' place (S4 (11), (32)).
    public var isExecutiveCommittee = false
    /// A regional agreement's appeal panel decides in the Directors' place (appendix (5)(b), (c)).
    public var isRegionalPanel = false
    /// The `body` of an appointment entry for a regional agreement's appeal panel.
    public static let regionalBody = "regional"

    /// The panel for the matter waiting on this docket; nil before the President appoints one. For an ethics appeal
    /// the Directors recorded as having heard it are the panel (a1.27).
    public static func current(kind: CaseKind, docket: [DocketEntry]) -> DirectorsPanel? {
        guard let (matter, since) = DirectorsMatter.pending(kind: kind, docket: docket) else { return nil }
        let after = CaseProjection.effectiveEntries(docket).filter { $0.sequence > since.sequence }
        let heard = matter.votesAfterHearing ? after.last { $0.type == .appealHeard } : nil
        let appointment = after.last { $0.type == .directorsPanelAppointed && Self.matter(of: $0) == matter }
        guard let appointed = heard ?? appointment else { return nil }
        let ids = HearingPanel.ids(appointed.payload["directorIds"]?.textValue)
        let names = (appointed.payload["directors"]?.textValue ?? "").components(separatedBy: ", ")
        let votes = after.filter { $0.type == .directorVoted && $0.sequence > appointed.sequence && Self.matter(of: $0) == matter }.compactMap { entry -> Vote? in
            guard let id = entry.payload["personId"]?.textValue.flatMap(UUID.init(uuidString:)), let choice = entry.payload["vote"]?.textValue else { return nil }
            return Vote(id: id, name: entry.payload["name"]?.textValue ?? "", choice: choice)
        }
        var panel = DirectorsPanel(matter: matter, ids: ids, names: names, votes: votes, votingOpen: !matter.votesAfterHearing || heard != nil)
        panel.isExecutiveCommittee = appointment?.payload["body"]?.textValue == CommitteeBody.executive.rawValue
        panel.isRegionalPanel = appointment?.payload["body"]?.textValue == regionalBody
        return panel
    }

    /// The matter a panel or vote entry is for; entries from before other matters had panels were dismissal appeals.
    static func matter(of entry: DocketEntry) -> DirectorsMatter {
        entry.payload["matter"]?.textValue.flatMap(DirectorsMatter.init(rawValue:)) ?? .dismissalAppeal
    }

    /// The Directors who have not voted yet.
    public var awaiting: [UUID] { ids.filter { id in !votes.contains { $0.id == id } } }

    /// The choice a majority of the panel's members voted for, counting `adding` as one more vote; nil without one.
    public func majority(adding: String? = nil) -> String? {
        let all = votes.map(\.choice) + (adding.map { [$0] } ?? [])
        let needed = ids.count / 2 + 1
        return Dictionary(grouping: all, by: { $0 }).first { $0.value.count >= needed }?.key
    }

    /// The votes in words, like "3 confirmed, 1 new hearing, of 5 Directors", in the matter's order of choices.
    public func tally(adding: String? = nil, docket: [DocketEntry]) -> String {
        let all = votes.map(\.choice) + (adding.map { [$0] } ?? [])
        let counted = matter.choices(docket).compactMap { choice -> String? in
            let count = all.filter { $0 == choice.value }.count
            return count == 0 ? nil : "\(count) \(choice.value.replacingOccurrences(of: "-", with: " "))"
        }
        return counted.joined(separator: ", ") + ", of \(ids.count) "
            + (isExecutiveCommittee ? "members of the Executive Committee" : isRegionalPanel ? "members of the regional appeal panel" : "Directors")
    }

    /// The summary shown on the case page: who sits and who has voted, never how before the decision.
    public var summary: String {
        (isExecutiveCommittee ? "The Executive Committee decides \(matter.label): "
            : isRegionalPanel ? "Regional appeal panel for \(matter.label): " : "Directors' panel for \(matter.label): ") + "\(names.joined(separator: ", ")). "
            + (votes.isEmpty ? (votingOpen ? "No vote yet." : "They vote once the appeal is heard.") : "Voted so far: \(votes.map(\.name).joined(separator: ", ")).")
    }

    /// The refusal for staff recording this matter's decision on paper once a panel was appointed: its votes decide.
    public static func staffRecordRefusal(kind: CaseKind, docket: [DocketEntry], matter: DirectorsMatter) -> Refusal? {
        guard let panel = current(kind: kind, docket: docket), panel.matter == matter, matter != .ethicsAppeal else { return nil }
        return Refusal(code: "panel_decides",
                       message: "A panel of Directors was appointed for \(matter.label): its members record their own votes, and the decision follows from them.",
                       rule: matter.rule)
    }
}
