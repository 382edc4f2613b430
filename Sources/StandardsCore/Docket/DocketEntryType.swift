/// The catalog of docket entry types: what each records, the fields its payload holds, the case kinds it
/// belongs to and the status it moves the case to. One place for all of it, so the API, the web form,
/// the OpenAPI document and the projection read the same table.
/// Every switch over the types is exhaustive, with no `default:`: a new type that forgets its rule, fields, kinds or
/// status does not compile. (Over 400 lines for that reason, across every process's types; it splits by process when
/// the per-process catalogs of issue 11 item 2 land.)
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
    // Arbitration (S3 §7)
    case arbitrationRequested = "arbitration.requested"
    case arbitrationClassified = "arbitration.classified"
    case awardRendered = "award.rendered"
    case awardPaid = "award.paid"
    case awardEscrowed = "award.escrowed"
    case motionToCorrect = "award.motion-to-correct"
    case motionObjection = "award.motion-objection"
    case reviewRequested = "procedural-review.requested"
    case reviewDecided = "procedural-review.decided"
    case suitNoticed = "suit.noticed"
    /// The party ordered to pay refuses to abide by the award (a1.35).
    case awardRefusedToAbide = "award.refusal-to-abide"
    // Mediation (S3 §8)
    case mediationRequested = "mediation.requested"
    case mediationSettled = "mediation.settled"
    case mediationEnded = "mediation.ended"
    // Citations (S3 §9)
    case citationIssued = "citation.issued"
    case citationAccepted = "citation.accepted"
    case citationHearingRequested = "citation.hearing-requested"
    case citationPaid = "citation.paid"
    // Ombuds (S0): no identities in the payload, ever (a3.3).
    case ombudsOpened = "ombuds.opened"
    case ombudsClosed = "ombuds.closed"

    public var title: String {
        switch self {
        case .caseOpened: "Case opened"
        case .partyAdded: "Party added"
        case .partyRemoved: "Party removed"
        case .note: "Note"
        case .documentFiled: "Document filed"
        case .correspondenceSent: "Correspondence sent"
        case .entryStruck: "Entry struck"
        case .noticeSent: "Notice sent"
        case .deadlineWaived: "Time frame waived"
        case .informalProcess: "Informal process recorded"
        case .responseReceived: "Response to the GC's request received"
        case .challengeFiled: "Panel challenge filed"
        case .panelNamed: "Hearing panel named"
        case .challengeRuled: "Challenge ruled on by the PSC chair"
        case .panelistCertified: "Certificate of qualification signed"
        case .panelistConflict: "Panelist disclosed a conflict"
        case .disciplineCompliance: "Discipline compliance"
        case .awardRefusedToAbide: "Refusal to abide by the award"
        case .hearingAdjourned: "Hearing adjourned"
        case .hearingContinued: "Hearing continued"
        case .hearingNoShow: "Party did not appear"
        case .counselReviewed: "Decision reviewed by counsel"
        case .rehearingPetitioned: "Petition for rehearing"
        case .rehearingDecided: "Petition for rehearing decided"
        case .appealReviewed: "Appeal reviewed (preliminary)"
        case .appealAmended: "Appeal amended"
        case .appealHearingScheduled: "Appeal hearing scheduled"
        case .appealHeard: "Appeal heard by the Directors"
        case .awardEscrowed: "Award deposited in escrow"
        case .motionToCorrect: "Motion to correct the award"
        case .motionObjection: "Objection to the motion to correct"
        case .reviewRequested: "Procedural review requested"
        case .reviewDecided: "Procedural review decided"
        case .suitNoticed: "Notice of suit received"
        case .withdrawn: "Withdrawn"
        case .closed: "Closed"
        case .complaintFiled: "Complaint filed"
        case .complaintAcknowledged: "Complaint acknowledged"
        case .complaintAmended: "Complaint amended"
        case .gcHelperAssigned: "GC member assigned to help the complainant"
        case .gcAmended: "Complaint amended by the Grievance Committee"
        case .gcContinues: "Grievance Committee continues as complainant"
        case .caseLinked: "Linked case"
        case .refusalToArbitrateFiled: "Refusal to arbitrate referred to the Directors"
        case .refusalToArbitrateDecided: "Directors decided the refusal to arbitrate"
        case .respondentResigned: "Respondent resigned"
        case .gcDismissed: "Dismissed by the Grievance Committee"
        case .gcForwarded: "Forwarded for hearing"
        case .gcReferredToArbitration: "Referred as an arbitration matter"
        case .dismissalAppealed: "Dismissal appealed"
        case .dismissalAppealDecided: "Directors decided the dismissal appeal"
        case .replyReceived: "Reply received"
        case .hearingScheduled: "Hearing scheduled"
        case .hearingHeld: "Hearing held"
        case .decisionFiled: "Decision filed"
        case .appealFiled: "Appeal filed"
        case .finalAction: "Directors' final action"
        case .arbitrationRequested: "Arbitration requested"
        case .arbitrationClassified: "Arbitrability and classification decided"
        case .awardRendered: "Award rendered"
        case .awardPaid: "Award paid"
        case .mediationRequested: "Mediation requested"
        case .mediationSettled: "Mediation settled"
        case .mediationEnded: "Mediation ended without settlement"
        case .citationIssued: "Citation issued"
        case .citationAccepted: "Citation accepted"
        case .citationHearingRequested: "Full hearing requested"
        case .citationPaid: "Citation fine paid"
        case .ombudsOpened: "Inquiry opened"
        case .ombudsClosed: "Inquiry closed"
        }
    }

    /// Where the rule for this step comes from, for the timeline and error messages.
    public var rule: RuleID? {
        switch self {
        case .complaintFiled: .a1_1
        case .informalProcess: .a1_3
        case .complaintAmended: .a1_18
        case .gcHelperAssigned, .gcAmended, .caseLinked: .a1_6
        case .gcContinues: .a1_17
        case .refusalToArbitrateFiled, .refusalToArbitrateDecided: .a1_34
        case .respondentResigned: .a1_12
        case .responseReceived: .a1_7
        case .challengeFiled, .challengeRuled, .panelNamed: .a1_14
        case .panelistCertified, .panelistConflict: .b7_3
        case .disciplineCompliance: .a1_32
        case .awardRefusedToAbide: .a1_35
        case .hearingAdjourned: .a1_19
        case .hearingContinued: .a1_15
        case .hearingNoShow: .a1_21
        case .counselReviewed: .a1_23
        case .appealReviewed, .appealAmended, .appealHearingScheduled, .appealHeard: .a1_27
        case .rehearingPetitioned, .rehearingDecided: .a2_16
        case .awardEscrowed: .a2_23
        case .motionToCorrect, .motionObjection: .a2_24
        case .reviewRequested, .reviewDecided: .a2_27
        case .suitNoticed: .a2_25
        case .gcDismissed, .gcForwarded, .gcReferredToArbitration: .a1_6
        case .dismissalAppealed, .dismissalAppealDecided: .a1_10
        case .replyReceived: .a1_11
        case .hearingScheduled: .a1_16
        case .decisionFiled: .a1_22
        case .appealFiled: .a1_24
        case .finalAction: .a1_31
        case .withdrawn: .a1_17
        case .arbitrationRequested: .a2_18
        case .arbitrationClassified: .a2_19
        case .awardRendered, .awardPaid: .a2_23
        case .mediationRequested, .mediationSettled, .mediationEnded: .a2_29
        case .citationIssued, .citationAccepted, .citationHearingRequested, .citationPaid: .a2_31
        case .ombudsOpened, .ombudsClosed: .a3_3
        case .caseOpened, .partyAdded, .partyRemoved, .note, .documentFiled, .correspondenceSent, .entryStruck, .noticeSent,
             .deadlineWaived, .closed, .complaintAcknowledged, .hearingHeld: nil
        }
    }

    /// The case kinds this entry may appear on; nil means any kind.
    public var kinds: Set<CaseKind>? {
        switch self {
        case .caseOpened, .note, .documentFiled, .correspondenceSent, .entryStruck, .withdrawn, .closed, .deadlineWaived:
            return nil
        case .noticeSent:
            return [.ethics, .arbitration, .mediation, .citation]
        case .informalProcess:
            return [.ethics, .arbitration, .mediation]
        case .responseReceived, .challengeFiled, .challengeRuled, .panelistCertified, .panelistConflict, .disciplineCompliance, .panelNamed, .hearingAdjourned, .hearingContinued, .hearingNoShow, .counselReviewed,
             .appealReviewed, .appealAmended, .rehearingPetitioned, .rehearingDecided,
             .appealHearingScheduled, .appealHeard:
            return [.ethics]
        case .awardEscrowed, .motionToCorrect, .motionObjection, .reviewRequested, .reviewDecided, .suitNoticed, .awardRefusedToAbide:
            return [.arbitration]
        case .partyAdded, .partyRemoved:
            return [.ethics, .arbitration, .mediation, .citation]  // ombuds keeps no identities (a3.3)
        case .complaintFiled, .complaintAcknowledged, .complaintAmended, .gcHelperAssigned, .gcAmended, .gcContinues, .caseLinked, .gcDismissed,
             .refusalToArbitrateFiled, .refusalToArbitrateDecided, .respondentResigned, .gcForwarded, .gcReferredToArbitration,
             .dismissalAppealed, .dismissalAppealDecided, .decisionFiled, .appealFiled, .finalAction:
            return [.ethics]
        case .replyReceived:
            return [.ethics, .arbitration]
        case .hearingScheduled, .hearingHeld:
            return [.ethics, .arbitration, .citation]
        case .arbitrationRequested, .arbitrationClassified, .awardRendered, .awardPaid:
            return [.arbitration]
        case .mediationRequested, .mediationSettled, .mediationEnded:
            return [.mediation, .arbitration]
        case .citationIssued, .citationAccepted, .citationHearingRequested, .citationPaid:
            return [.citation]
        case .ombudsOpened, .ombudsClosed:
            return [.ombuds]
        }
    }

    public func allowed(on kind: CaseKind) -> Bool { kinds?.contains(kind) ?? true }

    public var fields: [PayloadField] {
        switch self {
        case .caseOpened: [PayloadField("summary", .text, required: false, label: "Summary")]
        case .partyAdded, .partyRemoved:
            [PayloadField("personId", .uuid, label: "Person"),
             PayloadField("role", .choice(PartyRole.allCases.map(\.rawValue)), label: "Role"),
             PayloadField("mutualAgreement", .choice(["yes"]), required: false, label: "Both parties agree (needed to add or change a complainant, a1.18)")]
        case .note: [PayloadField("text", .text, label: "Note")]
        case .documentFiled: [PayloadField("title", .text, label: "Title")]
        case .correspondenceSent:
            [PayloadField("to", .text, label: "Sent to"),
             PayloadField("subject", .text, label: "Subject"),
             PayloadField("receivedOn", .date, required: false, label: "Received on")]
        case .entryStruck: [PayloadField("reason", .text, label: "Reason")]
        case .noticeSent:
            [PayloadField("notice", .choice(NoticeKind.allCases.map(\.rawValue)), label: "Notice"),
             PayloadField("to", .text, required: false, label: "Sent to"),
             PayloadField("channel", .choice(["email", "mail", "hand", "portal"]), required: false, label: "Sent by"),
             PayloadField("receivedOn", .date, required: false, label: "Received on"),
             PayloadField("note", .text, required: false, label: "Message"),
             PayloadField("people", .text, required: false, label: "People the notice names (comma-separated ids)")]
        case .gcHelperAssigned:
            [PayloadField("personId", .uuid, label: "Grievance Committee member"), PayloadField("name", .text, required: false, label: "Name")]
        case .gcAmended:
            [PayloadField("articles", .text, label: "Articles after the amendment"),
             PayloadField("rationale", .text, label: "Rationale (a1.6)")]
        case .gcContinues:
            [PayloadField("publicTrust", .choice(["misappropriation", "discrimination", "fraud"]), required: false, label: "Potential public-trust violation, after a withdrawal (a1.17, b11.1)"),
             PayloadField("complainantAbsent", .choice(["clear-strong-convincing"]), required: false,
                          label: "The complainant would not appear and the proof is clear, strong and convincing (a1.21)"),
             PayloadField("rationale", .text, required: false, label: "Rationale")]
        case .refusalToArbitrateFiled:
            [PayloadField("arbitrationCase", .text, required: false, label: "The arbitration request (case number)"),
             PayloadField("question", .text, label: "The only question: did the member refuse to arbitrate a properly arbitrable matter? (a1.34)")]
        case .refusalToArbitrateDecided:
            [PayloadField("outcome", .choice(["refused", "did-not-refuse"]), label: "The Directors' answer (a1.34)")]
        case .respondentResigned:
            [PayloadField("disposition", .choice(["forwarded-to-other-association", "continued-to-decision"]), label: "What happens to the complaint (a1.12)"),
             PayloadField("otherAssociation", .text, required: false, label: "Association it was forwarded to")]
        case .caseLinked:
            [PayloadField("caseNumber", .text, label: "Linked case"),
             PayloadField("relation", .choice(["gc-complaint", "original-complaint", "heard-together"]), label: "Relation")]
        case .complaintAmended:
            [PayloadField("articles", .text, label: "Articles cited"),
             PayloadField("narrative", .text, required: false, label: "What happened, per Article"),
             PayloadField("panelMotion", .choice(["yes"]), required: false, label: "On the hearing panel's own motion (needed to re-add an Article the GC dismissed, a1.19)")]
        case .deadlineWaived:
            [PayloadField("deadline", .choice(DeadlineKey.allCases.map(\.rawValue)), label: "Time frame"),
             PayloadField("reason", .text, label: "Reason")]
        case .informalProcess:
            [PayloadField("process", .choice(["ombuds", "mediation", "other"]), label: "Process"),
             PayloadField("startedOn", .date, label: "Asked for on"),
             PayloadField("endedOn", .date, required: false, label: "Ended on")]
        case .challengeFiled:
            [PayloadField("personId", .uuid, required: false, label: "Committee member challenged"),
             PayloadField("challenged", .text, label: "Name of the member challenged"),
             PayloadField("reason", .text, label: "Cause (b7.2)"),
             PayloadField("by", .choice(["complainant", "respondent"]), required: false, label: "Challenged by")]
        case .challengeRuled:
            [PayloadField("personId", .uuid, label: "Committee member challenged"),
             PayloadField("outcome", .choice(["upheld", "denied"]), label: "Ruling (a1.14)"),
             PayloadField("reason", .text, required: false, label: "Reason")]
        case .panelNamed:
            [PayloadField("members", .text, label: "Panel members and chair"),
             PayloadField("memberIds", .text, required: false, label: "Panel members (comma-separated ids)"),
             PayloadField("chairId", .uuid, required: false, label: "Chair"),
             PayloadField("alternateIds", .text, required: false, label: "Alternates, S3 5.2.2 (comma-separated ids)"),
             PayloadField("replaces", .uuid, required: false, label: "Replaces a panelist who disclosed a conflict (b7.3)")]
        case .panelistCertified:
            [PayloadField("personId", .uuid, label: "Panelist")]
        case .panelistConflict:
            [PayloadField("personId", .uuid, label: "Panelist"), PayloadField("disclosure", .text, label: "What the panelist disclosed (b7.3)")]
        case .disciplineCompliance:
            [PayloadField("event", .choice(ComplianceEvent.allCases.map(\.rawValue)), label: "What happened (a1.32, b8)"),
             PayloadField("sanction", .choice(["fine", "course", "suspension", "processing-fee", "assessment", "all"]), required: false, label: "Sanction concerned"),
             PayloadField("amountCents", .cents, required: false, label: "Amount paid (cents)"),
             PayloadField("note", .text, required: false, label: "Note")]
        case .awardRefusedToAbide:
            [PayloadField("respondentId", .uuid, required: false, label: "Member who refuses to pay"),
             PayloadField("note", .text, required: false, label: "What happened")]
        case .hearingHeld:
            [PayloadField("adjournedAt", .timestamp, required: false, label: "Adjourned at (date and time)"),
             PayloadField("attendance", .text, required: false, label: "Who attended"),
             PayloadField("recorded", .choice(["yes", "no"]), required: false, label: "Recorded by the association (S3 2.2)")]
        case .hearingContinued:
            [PayloadField("hearingOn", .date, label: "New hearing date"),
             PayloadField("basis", .choice(["all-parties-agree", "denial-unfair"]), label: "Basis (a1.15)"),
             PayloadField("reason", .text, required: false, label: "Written reason (S3 5.2.4)")]
        case .hearingNoShow:
            [PayloadField("absent", .choice(["respondent", "public-complainant", "realtor-complainant"]), label: "Who did not appear"),
             PayloadField("article14Warning", .choice(["given", "not-given"]), required: false, label: "Article 14 warning (REALTOR complainant)")]
        case .hearingAdjourned:
            [PayloadField("lateWitness", .choice(["no", "yes"]), required: false, label: "Adjourned for a late witness (a1.19)")]
        case .appealReviewed:
            [PayloadField("outcome", .choice(["proceed", "returned-for-detail", "dismissed"]), label: "Outcome")]
        case .appealHearingScheduled:
            [PayloadField("hearingOn", .date, label: "Appeal hearing date")]
        case .appealHeard:
            [PayloadField("directors", .text, required: false, label: "Directors who heard the appeal"),
             PayloadField("directorIds", .text, required: false, label: "Directors (comma-separated ids)")]
        case .appealAmended: [PayloadField("basis", .text, label: "Amended basis of appeal")]
        case .rehearingPetitioned:
            [PayloadField("petitioner", .choice(["complainant", "respondent"]), label: "Who petitions"),
             PayloadField("basis", .text, label: "Why the panel should hear the matter again")]
        case .rehearingDecided:
            [PayloadField("outcome", .choice(["granted", "denied"]), label: "Outcome: granted (the panel hears it again) or denied")]
        case .dismissalAppealDecided:
            [PayloadField("outcome", .choice(["reinstated", "confirmed"]), label: "Outcome: reinstate (forward) or confirm the dismissal (a1.10)"),
             PayloadField("partial", .choice(["yes"]), required: false, label: "The appeal was of a dismissal in part; the rest goes on (a1.10)"),
             PayloadField("directors", .text, required: false, label: "Directors who decided it"),
             PayloadField("directorIds", .text, required: false, label: "Directors (comma-separated ids)")]
        case .replyReceived: [PayloadField("text", .text, required: false, label: "Reply")]
        case .responseReceived: [PayloadField("text", .text, required: false, label: "Response to the Grievance Committee")]
        case .dismissalAppealed:
            [PayloadField("explanation", .text, required: false, label: "Written explanation (nothing may be added to the complaint, a1.10)"),
             PayloadField("partial", .choice(["yes"]), required: false, label: "Of a dismissal in part; the rest goes on (a1.10)")]
        case .awardEscrowed, .motionToCorrect: [PayloadField("amountCents", .cents, required: self == .awardEscrowed, label: "Amount (cents)")]
        case .reviewDecided: [PayloadField("outcome", .choice(["confirmed", "new-hearing"]), label: "Outcome (b3.9)")]
        case .withdrawn, .closed: [PayloadField("reason", .text, required: false, label: "Reason")]
        case .complaintFiled:
            [PayloadField("articles", .text, label: "Articles cited"),
             PayloadField("narrative", .text, required: false, label: "What happened, per Article"),
             PayloadField("channel", .choice(["online", "paper", "oral", "gc-own-motion"]), required: false, label: "Received as (a1.5, a1.9)"),
             PayloadField("litigation", .text, required: false, label: "Pending litigation or agency action, with docket number (S3 5.1.1)"),
             PayloadField("signedBy", .text, required: false, label: "Signed by"),
             PayloadField("refiles", .text, required: false, label: "Refiles withdrawn case number (a1.17)"),
             PayloadField("transactionConcludedOn", .date, required: false, label: "Transaction concluded on"),
             PayloadField("factsKnownOn", .date, required: false, label: "Facts could be known on")]
        case .gcDismissed:
            [PayloadField("reason", .choice(["untimely", "not-within-jurisdiction", "not-a-code-matter", "unworthy"]), label: "Reason (a1.6)"),
             PayloadField("articles", .text, required: false, label: "Articles dismissed (all when empty)"),
             PayloadField("rationale", .text, required: false, label: "Rationale")]
        case .gcForwarded:
            [PayloadField("articles", .text, required: false, label: "Articles forwarded (all when empty)"),
             PayloadField("rationale", .text, required: false, label: "Rationale")]
        case .gcReferredToArbitration:
            [PayloadField("rationale", .text, required: false, label: "Rationale")]
        case .hearingScheduled:
            [PayloadField("hearingOn", .date, label: "Hearing date"),
             PayloadField("time", .text, required: false, label: "Time"),
             PayloadField("place", .text, required: false, label: "Place or video link")]
        case .decisionFiled:
            [PayloadField("outcome", .choice(["violation", "no-violation"]), label: "Outcome"),
             PayloadField("findings", .text, required: false, label: "Findings of fact (a1.22)"),
             PayloadField("conclusions", .text, required: false, label: "Conclusion per Article, e.g. Article 1: violation; Article 3: no violation"),
             PayloadField("vote", .text, required: false, label: "Vote, e.g. 2-1 (simple majority, S3 5.3.1)"),
             PayloadField("dissent", .text, required: false, label: "Dissent"),
             PayloadField("discipline", .text, required: false, label: "Recommended discipline (b8.1), e.g. reprimand; fine: 1500.00"),
             PayloadField("filedAt", .timestamp, required: false, label: "Filed at (date and time)")]
        case .appealFiled:
            [PayloadField("basis", .text, label: "Basis of appeal (a1.26)"),
             PayloadField("appellant", .choice(["respondent", "complainant", "both"]), required: false, label: "Appellant"),
             PayloadField("grounds", .choice(["procedural", "misapplication", "discipline"]), required: false, label: "Grounds (a1.24, a1.26)"),
             PayloadField("depositCents", .cents, required: false, label: "Deposit (cents)"),
             PayloadField("refusedEvidence", .choice(["yes"]), required: false, label: "The appeal is about evidence the panel refused (a1.28)")]
        case .finalAction:
            [PayloadField("action", .choice(DirectorsAction.allCases.map(\.rawValue)), label: "Action (a1.25, a1.29)"),
             PayloadField("discipline", .text, required: false, label: "Discipline imposed (a1.25: reduce, never increase)"),
             PayloadField("rationale", .text, required: false, label: "Reasons"),
             PayloadField("depositDisposition", .choice(DepositDisposition.allCases.map(\.rawValue)), required: false, label: "Appeal deposit (a1.29)"),
             PayloadField("refundCents", .cents, required: false, label: "Part of the deposit refunded, when modified (cents)"),
             PayloadField("complianceDays", .text, required: false, label: "Days allowed to comply (fine, course)"),
             PayloadField("automaticPenalty", .text, required: false, label: "Automatic added penalty if not complied with (a1.32)"),
             PayloadField("contingentOnJudgment", .choice(["yes", "no"]), required: false, label: "Contingent on a declaratory judgment (a1.33)")]
        case .arbitrationRequested:
            [PayloadField("amountCents", .cents, label: "Amount in dispute (cents)"),
             PayloadField("transactionConcludedOn", .date, required: false, label: "Transaction closed on"),
             PayloadField("factsKnownOn", .date, required: false, label: "Facts could be known on")]
        case .arbitrationClassified:
            [PayloadField("classification", .choice(["mandatory", "voluntary", "not-arbitrable"]), label: "Classification")]
        case .awardRendered: [PayloadField("amountCents", .cents, label: "Award (cents)")]
        case .awardPaid, .citationPaid: [PayloadField("amountCents", .cents, label: "Amount paid (cents)")]
        case .citationIssued:
            [PayloadField("standard", .text, label: "Article or Standard cited"),
             PayloadField("fineCents", .cents, label: "Fine (cents)")]
        case .ombudsOpened: [PayloadField("topic", .text, label: "Topic (no names)")]
        case .complaintAcknowledged, .counselReviewed, .motionObjection, .reviewRequested, .suitNoticed, .mediationRequested,
             .mediationSettled, .mediationEnded, .citationAccepted, .citationHearingRequested, .ombudsClosed: []
        }
    }

    /// The status a particular entry of this type moves the case to: the Directors' decision on a dismissal
    /// appeal reinstates the complaint (forwarded) or confirms the dismissal (a1.10).
    public func resultingStatus(for payload: Payload) -> CaseStatus? {
        // The appeal of a dismissal in part leaves the forwarded Articles where they are; its decision reinstates or
        // confirms only the dismissed ones (a1.10).
        if self == .dismissalAppealed || self == .dismissalAppealDecided, payload["partial"]?.textValue == "yes" { return nil }
        if self == .dismissalAppealDecided { return payload["outcome"]?.textValue == "reinstated" ? .forwarded : .dismissed }
        if self == .rehearingDecided { return payload["outcome"]?.textValue == "granted" ? .panelNamed : .decided }
        // A complainant who does not appear sends the complaint back to the GC (a1.21); without the
        // respondent the panel proceeds.
        if self == .hearingNoShow { return payload["absent"]?.textValue == "respondent" ? nil : .underReview }
        // The GC stepping in for a complainant who would not appear goes back to the panel for a continued hearing (a1.21).
        if self == .gcContinues, payload["complainantAbsent"] != nil { return .panelNamed }
        // A replacement for a conflicted panelist leaves the case where it was (b7.3).
        if self == .panelNamed, payload["replaces"] != nil { return nil }
        // Referrals are not final (a1.25): a new panel rehears (back to panel selection); a sanction goes back to the panel.
        if self == .finalAction {
            switch payload["action"]?.textValue.flatMap(DirectorsAction.init(rawValue:)) {
            case .newPanel: return .forwarded
            case .sanctionToPanel: return .heard
            default: return .finalAction
            }
        }
        // Non-compliance goes to the Directors (a1.32); the compliance record otherwise leaves the status alone.
        if self == .disciplineCompliance { return payload["event"]?.textValue == ComplianceEvent.referredToDirectors.rawValue ? .beforeDirectors : nil }
        return resultingStatus
    }

    /// The status this entry moves the case to, or nil when it leaves the status alone.
    public var resultingStatus: CaseStatus? {
        switch self {
        case .caseOpened, .partyAdded, .partyRemoved, .note, .documentFiled, .correspondenceSent, .entryStruck,
             .noticeSent, .deadlineWaived, .informalProcess, .complaintAmended, .gcHelperAssigned, .gcAmended, .caseLinked, .respondentResigned,
             .responseReceived, .challengeFiled, .challengeRuled, .panelistCertified, .panelistConflict, .disciplineCompliance, .awardRefusedToAbide, .counselReviewed,
             .appealReviewed, .appealAmended, .motionToCorrect, .motionObjection, .suitNoticed, .awardEscrowed, .hearingNoShow,
             .rehearingPetitioned:
            nil
        // Denied, the decision stands; granted, the same panel hears the matter again.
        case .rehearingDecided: .decided
        case .panelNamed: .panelNamed
        case .hearingAdjourned, .hearingContinued: .hearingScheduled
        case .appealHearingScheduled: .appealed
        case .appealHeard: .appealHeard
        case .reviewRequested: .underProceduralReview
        case .reviewDecided: .awarded
        case .withdrawn: .withdrawn
        case .closed: .closed
        case .complaintFiled: .filed
        case .complaintAcknowledged: .underReview
        case .gcDismissed: .dismissed
        case .gcForwarded: .forwarded
        case .gcReferredToArbitration: .referredToArbitration
        case .dismissalAppealed: .dismissalAppealed
        case .dismissalAppealDecided: .dismissed
        case .gcContinues: .underReview
        case .refusalToArbitrateFiled: .beforeDirectors
        case .refusalToArbitrateDecided: .finalAction
        case .replyReceived: .replyReceived
        case .hearingScheduled: .hearingScheduled
        case .hearingHeld: .heard
        case .decisionFiled: .decided
        case .appealFiled: .appealed
        case .finalAction: .finalAction
        case .arbitrationRequested: .requested
        case .arbitrationClassified: .classified
        case .awardRendered: .awarded
        case .awardPaid: .awardPaid
        case .mediationRequested: .inMediation
        case .mediationSettled: .settled
        case .mediationEnded: .mediationEnded
        case .citationIssued: .citationIssued
        case .citationAccepted: .citationAccepted
        case .citationHearingRequested: .hearingRequested
        case .citationPaid: .citationPaid
        case .ombudsOpened: .open
        case .ombudsClosed: .closed
        }
    }
}
