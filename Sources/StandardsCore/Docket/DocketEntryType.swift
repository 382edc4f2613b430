/// The docket's vocabulary: every entry type any case may hold, with the name it is stored under. What each type
/// means (title, rule, case kinds, resulting status, payload fields) is declared in its process's catalog
/// (`Catalog/*Entries.swift`) and reached through `spec`.
public enum DocketEntryType: String, Codable, Sendable, CaseIterable {
    // Any case
    case caseOpened = "case.opened"
    case partyAdded = "party.added"
    case partyRemoved = "party.removed"
    case note = "note"
    case documentFiled = "document.filed"
    case correspondenceSent = "correspondence.sent"
    case entryStruck = "entry.struck"
    /// A notice the association sent, with the day it was received when known (b14.6).
    case noticeSent = "notice.sent"
    /// A time frame waived by the party it protects or by the chair, with the reason.
    case deadlineWaived = "deadline.waived"
    /// An informal process the complainant asked for (ombuds, mediation): suspends the filing window (a1.3).
    case informalProcess = "informal-process.recorded"
    case withdrawn = "case.withdrawn"
    case closed = "case.closed"
    // Ethics (S4; rule ids a1.x)
    case complaintFiled = "complaint.filed"
    case complaintAcknowledged = "complaint.acknowledged"
    case complaintAmended = "complaint.amended"
    /// A GC member assigned to help a public complainant frame the complaint; excluded from its review (S4 (5)).
    case gcHelperAssigned = "gc.helper-assigned"
    /// The GC adds or deletes Articles with its rationale (a1.6).
    case gcAmended = "gc.amended"
    /// After a withdrawal past transmittal, the GC continues as complainant for a potential public-trust violation (a1.17).
    case gcContinues = "gc.continues-as-complainant"
    /// Another case heard together with this one (a GC complaint filed when the complainant did not agree to an addition, a1.6).
    case caseLinked = "case.linked"
    /// A complaint that a member refused to arbitrate goes straight to the Directors, not the GC (a1.34).
    case refusalToArbitrateFiled = "refusal-to-arbitrate.filed"
    case refusalToArbitrateDecided = "refusal-to-arbitrate.decided"
    /// The respondent resigned after the complaint was filed (a1.12).
    case respondentResigned = "respondent.resigned"
    case gcDismissed = "gc.dismissed"
    case gcForwarded = "gc.forwarded"
    case gcReferredToArbitration = "gc.referred-to-arbitration"
    case dismissalAppealed = "dismissal.appealed"
    case dismissalAppealDecided = "dismissal-appeal.decided"
    /// The President appoints the Directors' panel for a dismissal appeal (a1.10, S3 1.3.1).
    case directorsPanelAppointed = "directors.panel-appointed"
    /// One Director's own vote on the panel's decision (issue 18).
    case directorVoted = "directors.voted"
    case directorsDecided = "directors.decided"
    case responseReceived = "response.received"
    case replyReceived = "reply.received"
    case challengeFiled = "challenge.filed"
    /// The PSC chair rules on a challenge for cause (a1.14, b7.2).
    case challengeRuled = "challenge.ruled"
    case panelNamed = "panel.named"
    /// A panelist signs the certificate of qualification (b7.3, forms A-11 / E-10).
    case panelistCertified = "panelist.certified"
    /// A panelist discloses a conflict (b7.3): they are replaced.
    case panelistConflict = "panelist.conflict-disclosed"
    case hearingScheduled = "hearing.scheduled"
    case hearingHeld = "hearing.held"
    case hearingAdjourned = "hearing.adjourned"
    /// A continuance: only when all parties agree on a date or the chair finds denial unfair (a1.15), in writing with a reason (S3 5.2.4).
    case hearingContinued = "hearing.continued"
    /// A party did not appear (a1.21).
    case hearingNoShow = "hearing.no-show"
    case decisionFiled = "decision.filed"
    case counselReviewed = "decision.counsel-reviewed"
    /// A party asks the hearing panel to rehear its decision, where the profile allows petitions (S3 5.4.1, a2.16).
    case rehearingPetitioned = "rehearing.petitioned"
    /// The panel grants (it hears the matter again and decides anew) or denies the petition (S3 5.4.1, a2.16).
    case rehearingDecided = "rehearing.decided"
    case appealFiled = "appeal.filed"
    case appealReviewed = "appeal.reviewed"
    case appealAmended = "appeal.amended"
    case appealHearingScheduled = "appeal.hearing-scheduled"
    case appealHeard = "appeal.heard"
    case finalAction = "directors.final-action"
    /// A step in complying with the discipline: paid, completed, referred for non-compliance, held in abeyance, revived (a1.32, b8).
    case disciplineCompliance = "discipline.compliance"
    /// The ethics complaint waits for the arbitration of the same transaction, or resumes once it ended (b2.10).
    case heldForArbitration = "ethics.held-for-arbitration"
    /// The forwarded complaint goes to the citation panel first, or comes back from it for a hearing (S3 9.2.2, 9.3.3).
    case citationReferral = "ethics.citation-referral"
    // Arbitration (S3 §7)
    case arbitrationRequested = "arbitration.requested"
    case arbitrationClassified = "arbitration.classified"
    /// A party challenges the classification, or the claimant appeals a decline, to the Directors (Form A-20, b.4).
    case classificationChallenged = "arbitration.classification-challenged"
    /// The Directors decide the challenge at their next meeting (b4.3).
    case classificationChallengeDecided = "arbitration.classification-challenge-decided"
    /// A member refused to arbitrate a mandatory matter: referred to the Directors or the regional tribunal (a1.34, appendix (5)(f)).
    case arbitrationRefused = "arbitration.refused"
    /// The President appointed qualified members in a specialist field, or none could be found and the parties are released (a2.22).
    case specialistsAppointed = "arbitration.specialists"
    case awardRendered = "award.rendered"
    case awardPaid = "award.paid"
    case awardEscrowed = "award.escrowed"
    case motionToCorrect = "award.motion-to-correct"
    case motionObjection = "award.motion-objection"
    case reviewRequested = "procedural-review.requested"
    case reviewDecided = "procedural-review.decided"
    case suitNoticed = "suit.noticed"
    case motionRuled = "award.motion-ruled"
    case courtDecided = "suit.decided"
    case depositEquivalentRequested = "deposit-equivalent.requested"
    case depositEquivalentPaid = "deposit-equivalent.paid"
    case depositsDisposed = "arbitration.deposits-disposed"
    /// The party ordered to pay refuses to abide by the award (a1.35).
    case awardRefusedToAbide = "award.refusal-to-abide"
    // Mediation (S3 §8)
    case mediationRequested = "mediation.requested"
    case mediationSettled = "mediation.settled"
    case mediationEnded = "mediation.ended"
    /// A mediation session set, with notice to both parties (a2.29).
    case mediationSession = "mediation.session-scheduled"
    // Citations (S3 §9)
    case citationIssued = "citation.issued"
    case citationAccepted = "citation.accepted"
    case citationHearingRequested = "citation.hearing-requested"
    case citationPaid = "citation.paid"
    /// The citation panel sends the complaint to a hearing: not only citable, egregious, or a limit reached (S3 9.2.2).
    case citationToHearing = "citation.to-hearing"

    /// A legal hold placed or released: it stops the retention rules' destruction (issue 20).
    case legalHold = "records.legal-hold"
    /// The tombstone left when a file's content is destroyed under the retention rules (S3 1.1.3).
    case recordsDestroyed = "records.destroyed"
    /// A hearing's recording destroyed once its sanction was completed (S3 6.2.1): the file itself stays.
    case recordingDestroyed = "records.recording-destroyed"

    /// The type's spec, from its process's catalog. Exhaustive with no `default:`: a new type must have one.
    public var spec: EntrySpec {
        switch self {
        case .caseOpened: .caseOpened
        case .partyAdded: .partyAdded
        case .partyRemoved: .partyRemoved
        case .note: .note
        case .documentFiled: .documentFiled
        case .correspondenceSent: .correspondenceSent
        case .entryStruck: .entryStruck
        case .noticeSent: .noticeSent
        case .deadlineWaived: .deadlineWaived
        case .informalProcess: .informalProcess
        case .withdrawn: .withdrawn
        case .closed: .closed
        case .complaintFiled: .complaintFiled
        case .complaintAcknowledged: .complaintAcknowledged
        case .complaintAmended: .complaintAmended
        case .gcHelperAssigned: .gcHelperAssigned
        case .gcAmended: .gcAmended
        case .gcContinues: .gcContinues
        case .caseLinked: .caseLinked
        case .refusalToArbitrateFiled: .refusalToArbitrateFiled
        case .refusalToArbitrateDecided: .refusalToArbitrateDecided
        case .respondentResigned: .respondentResigned
        case .gcDismissed: .gcDismissed
        case .gcForwarded: .gcForwarded
        case .gcReferredToArbitration: .gcReferredToArbitration
        case .dismissalAppealed: .dismissalAppealed
        case .dismissalAppealDecided: .dismissalAppealDecided
        case .directorsPanelAppointed: .directorsPanelAppointed
        case .directorVoted: .directorVoted
        case .directorsDecided: .directorsDecided
        case .responseReceived: .responseReceived
        case .replyReceived: .replyReceived
        case .challengeFiled: .challengeFiled
        case .challengeRuled: .challengeRuled
        case .panelNamed: .panelNamed
        case .panelistCertified: .panelistCertified
        case .panelistConflict: .panelistConflict
        case .hearingScheduled: .hearingScheduled
        case .hearingHeld: .hearingHeld
        case .hearingAdjourned: .hearingAdjourned
        case .hearingContinued: .hearingContinued
        case .hearingNoShow: .hearingNoShow
        case .decisionFiled: .decisionFiled
        case .counselReviewed: .counselReviewed
        case .rehearingPetitioned: .rehearingPetitioned
        case .rehearingDecided: .rehearingDecided
        case .appealFiled: .appealFiled
        case .appealReviewed: .appealReviewed
        case .appealAmended: .appealAmended
        case .appealHearingScheduled: .appealHearingScheduled
        case .appealHeard: .appealHeard
        case .finalAction: .finalAction
        case .disciplineCompliance: .disciplineCompliance
        case .heldForArbitration: .heldForArbitration
        case .citationReferral: .citationReferral
        case .arbitrationRequested: .arbitrationRequested
        case .arbitrationClassified: .arbitrationClassified
        case .classificationChallenged: .classificationChallenged
        case .classificationChallengeDecided: .classificationChallengeDecided
        case .arbitrationRefused: .arbitrationRefused
        case .specialistsAppointed: .specialistsAppointed
        case .awardRendered: .awardRendered
        case .awardPaid: .awardPaid
        case .awardEscrowed: .awardEscrowed
        case .motionToCorrect: .motionToCorrect
        case .motionObjection: .motionObjection
        case .reviewRequested: .reviewRequested
        case .reviewDecided: .reviewDecided
        case .suitNoticed: .suitNoticed
        case .motionRuled: .motionRuled
        case .courtDecided: .courtDecided
        case .depositEquivalentRequested: .depositEquivalentRequested
        case .depositEquivalentPaid: .depositEquivalentPaid
        case .depositsDisposed: .depositsDisposed
        case .awardRefusedToAbide: .awardRefusedToAbide
        case .mediationRequested: .mediationRequested
        case .mediationSettled: .mediationSettled
        case .mediationEnded: .mediationEnded
        case .mediationSession: .mediationSession
        case .citationIssued: .citationIssued
        case .citationAccepted: .citationAccepted
        case .citationHearingRequested: .citationHearingRequested
        case .citationPaid: .citationPaid
        case .citationToHearing: .citationToHearing
        case .legalHold: .legalHold
        case .recordsDestroyed: .recordsDestroyed
        case .recordingDestroyed: .recordingDestroyed
        }
    }

    public var title: String { spec.title }
    public var rule: RuleID? { spec.rule }
    /// The case kinds this entry may appear on; nil means any kind.
    public var kinds: Set<CaseKind>? { spec.kinds }
    public func allowed(on kind: CaseKind) -> Bool { kinds?.contains(kind) ?? true }
    public var fields: [PayloadField] { spec.fields }
    /// The status this entry moves the case to, or nil when it leaves the status alone.
    public var resultingStatus: CaseStatus? { spec.status.usually }
    /// The status a particular entry of this type moves the case to (a dismissal appeal's outcome, a1.10).
    public func resultingStatus(for payload: Payload) -> CaseStatus? { spec.status.status(for: payload) }
    /// The same on a case of this kind: a status outside its lifecycle is not one (a complainant's no-show sends an
    /// ethics case back to the Committee; an arbitration has no complainant to be absent, and its step refuses one).
    public func resultingStatus(for payload: Payload, on kind: CaseKind) -> CaseStatus? {
        resultingStatus(for: payload).flatMap { kind.statuses.contains($0) ? $0 : nil }
    }
}
