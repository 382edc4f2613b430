/// Each kind of case moves through its own statuses, declared here one enum per lifecycle. `CaseStatus` is the
/// stored value (the raw values are the same) and the union of them all: a status such as `withdrawn` or
/// `hearing-scheduled` belongs to every lifecycle that has it. `CaseKind.statuses` reads these enums, and a test
/// holds every entry type to them: an entry may move a case only to a status of that case's own lifecycle.
public enum EthicsStatus: String, CaseIterable, Sendable {
    case opened, filed, underReview = "under-review", dismissed, dismissalAppealed = "dismissal-appealed", forwarded
    case referredToArbitration = "referred-to-arbitration", replyReceived = "reply-received", panelNamed = "panel-named"
    case hearingScheduled = "hearing-scheduled", heard, decided, appealed, appealHeard = "appeal-heard", finalAction = "final-action"
    case beforeDirectors = "before-directors", withdrawn, closed
}

/// Arbitration, with the mediation it may pass through (S3 §7–§8).
public enum ArbitrationStatus: String, CaseIterable, Sendable {
    case opened, requested, classified, inMediation = "in-mediation", settled, mediationEnded = "mediation-ended"
    case replyReceived = "reply-received", panelNamed = "panel-named", hearingScheduled = "hearing-scheduled", heard, awarded, awardPaid = "award-paid"
    case underProceduralReview = "under-procedural-review", withdrawn, closed
}

public enum MediationStatus: String, CaseIterable, Sendable {
    case opened, inMediation = "in-mediation", settled, mediationEnded = "mediation-ended", withdrawn, closed
}

/// A citation, accepted and paid or taken to a full hearing (S3 §9).
public enum CitationStatus: String, CaseIterable, Sendable {
    case opened, citationIssued = "citation-issued", citationAccepted = "citation-accepted", hearingRequested = "hearing-requested"
    case hearingScheduled = "hearing-scheduled", heard, citationPaid = "citation-paid", withdrawn, closed
}

extension CaseKind {
    /// The statuses a case of this kind may stand in, from its lifecycle enum.
    public var statuses: Set<CaseStatus> {
        let raw: [String]
        switch self {
        case .ethics: raw = EthicsStatus.allCases.map(\.rawValue)
        case .arbitration: raw = ArbitrationStatus.allCases.map(\.rawValue)
        case .mediation: raw = MediationStatus.allCases.map(\.rawValue)
        case .citation: raw = CitationStatus.allCases.map(\.rawValue)
        }
        return Set(raw.compactMap(CaseStatus.init(rawValue:)))
    }
}
