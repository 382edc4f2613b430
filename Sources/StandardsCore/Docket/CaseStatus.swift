/// Where a case stands, derived from its docket alone (`CaseProjection`).
public enum CaseStatus: String, Codable, Sendable, CaseIterable {
    case opened, filed, underReview = "under-review", dismissed, dismissalAppealed = "dismissal-appealed"
    case forwarded, referredToArbitration = "referred-to-arbitration", replyReceived = "reply-received"
    case panelNamed = "panel-named"
    case hearingScheduled = "hearing-scheduled", heard, decided, appealed, appealHeard = "appeal-heard", finalAction = "final-action"
    case underProceduralReview = "under-procedural-review"
    case beforeDirectors = "before-directors"
    case requested, classified, inMediation = "in-mediation", settled, mediationEnded = "mediation-ended"
    case awarded, awardPaid = "award-paid"
    case citationIssued = "citation-issued", citationAccepted = "citation-accepted"
    case hearingRequested = "hearing-requested", citationPaid = "citation-paid"
    case withdrawn, closed

    public var label: String {
        switch self {
        case .opened: "Opened"
        case .filed: "Filed, awaiting intake"
        case .underReview: "Under Grievance Committee review"
        case .dismissed: "Dismissed"
        case .dismissalAppealed: "Dismissal under appeal"
        case .forwarded: "Forwarded for hearing"
        case .referredToArbitration: "Referred to arbitration"
        case .replyReceived: "Reply received"
        case .panelNamed: "Panel named"
        case .appealHeard: "Appeal heard, decision pending"
        case .underProceduralReview: "Under procedural review"
        case .beforeDirectors: "Before the Board of Directors"
        case .hearingScheduled: "Hearing scheduled"
        case .heard: "Heard, decision pending"
        case .decided: "Decided"
        case .appealed: "On appeal"
        case .finalAction: "Final action taken"
        case .requested: "Requested"
        case .classified: "Classified"
        case .inMediation: "In mediation"
        case .settled: "Settled"
        case .mediationEnded: "Mediation ended"
        case .awarded: "Award rendered"
        case .awardPaid: "Award paid"
        case .citationIssued: "Citation issued"
        case .citationAccepted: "Citation accepted"
        case .hearingRequested: "Full hearing requested"
        case .citationPaid: "Fine paid"
        case .withdrawn: "Withdrawn"
        case .closed: "Closed"
        }
    }

    /// Closed matters: nothing more is expected.
    public var isTerminal: Bool { [.withdrawn, .closed, .finalAction, .settled, .awardPaid, .citationPaid].contains(self) }
}
