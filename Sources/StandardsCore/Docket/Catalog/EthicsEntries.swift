import Foundation

/// An ethics complaint, from filing to compliance with the discipline (S4; a1.x).
/// Each type's title, rule, case kinds, resulting status and payload fields, declared together (`DocketEntryType.spec`).
extension EntrySpec {
    static let complaintFiled = EntrySpec(
        title: "Complaint filed", rule: .a1_1, process: .ethics, kinds: [.ethics], status: .moves(.filed),
        fields: [PayloadField("articles", .text, label: "Articles cited"),
                PayloadField("narrative", .text, required: false, label: "What happened, per Article"),
                PayloadField("channel", .choice(["online", "paper", "oral", "gc-own-motion"]), required: false, label: "Received as (a1.5, a1.9)"),
                PayloadField("litigation", .text, required: false, label: "Pending litigation or agency action, with docket number (S3 5.1.1)"),
                PayloadField("signedBy", .text, required: false, label: "Signed by"),
                PayloadField("refiles", .text, required: false, label: "Refiles withdrawn case number (a1.17)"),
                PayloadField("transactionConcludedOn", .date, required: false, label: "Transaction concluded on"),
                PayloadField("factsKnownOn", .date, required: false, label: "Facts could be known on")])

    static let complaintAcknowledged = EntrySpec(
        title: "Complaint acknowledged", rule: nil, process: .ethics, kinds: [.ethics], status: .moves(.underReview),
        fields: [])

    static let complaintAmended = EntrySpec(
        title: "Complaint amended", rule: .a1_18, process: .ethics, kinds: [.ethics], status: .unchanged,
        fields: [PayloadField("articles", .text, label: "Articles cited"),
                PayloadField("narrative", .text, required: false, label: "What happened, per Article"),
                PayloadField("panelMotion", .choice(["yes"]), required: false, label: "On the hearing panel's own motion (needed to re-add an Article the GC dismissed, a1.19)")])

    /// A GC member assigned to help a public complainant frame the complaint; excluded from its review (S4 (5)).
    static let gcHelperAssigned = EntrySpec(
        title: "GC member assigned to help the complainant", rule: .a1_6, process: .ethics, kinds: [.ethics], status: .unchanged,
        fields: [PayloadField("personId", .uuid, label: "Grievance Committee member"), PayloadField("name", .text, required: false, label: "Name")])

    /// The GC adds or deletes Articles with its rationale (a1.6).
    static let gcAmended = EntrySpec(
        title: "Complaint amended by the Grievance Committee", rule: .a1_6, process: .ethics, kinds: [.ethics], status: .unchanged,
        fields: [PayloadField("articles", .text, label: "Articles after the amendment"),
                PayloadField("rationale", .text, label: "Rationale (a1.6)")])

    /// After a withdrawal past transmittal, the GC continues as complainant for a potential public-trust violation (a1.17).
    /// Stepping in for a complainant who would not appear, the GC goes back to the panel for a continued hearing (a1.21).
    static let gcContinues = EntrySpec(
        title: "Grievance Committee continues as complainant", rule: .a1_17, process: .ethics, kinds: [.ethics], status: .byPayload(usually: .underReview) { $0["complainantAbsent"] != nil ? .panelNamed : .underReview },
        fields: [PayloadField("publicTrust", .choice(["misappropriation", "discrimination", "fraud"]), required: false, label: "Potential public-trust violation, after a withdrawal (a1.17, b11.1)"),
                PayloadField("complainantAbsent", .choice(["clear-strong-convincing"]), required: false,
                label: "The complainant would not appear and the proof is clear, strong and convincing (a1.21)"),
                PayloadField("rationale", .text, required: false, label: "Rationale")])

    /// Another case heard together with this one (a GC complaint filed when the complainant did not agree to an addition, a1.6).
    static let caseLinked = EntrySpec(
        title: "Linked case", rule: .a1_6, process: .ethics, kinds: [.ethics], status: .unchanged,
        fields: [PayloadField("caseNumber", .text, label: "Linked case"),
                PayloadField("relation", .choice(["gc-complaint", "original-complaint", "heard-together"]), label: "Relation")])

    /// A complaint that a member refused to arbitrate goes straight to the Directors, not the GC (a1.34).
    static let refusalToArbitrateFiled = EntrySpec(
        title: "Refusal to arbitrate referred to the Directors", rule: .a1_34, process: .ethics, kinds: [.ethics], status: .moves(.beforeDirectors),
        fields: [PayloadField("arbitrationCase", .text, required: false, label: "The arbitration request (case number)"),
                PayloadField("question", .text, label: "The only question: did the member refuse to arbitrate a properly arbitrable matter? (a1.34)")])

    static let refusalToArbitrateDecided = EntrySpec(
        title: "Directors decided the refusal to arbitrate", rule: .a1_34, process: .ethics, kinds: [.ethics], status: .moves(.finalAction),
        fields: [PayloadField("outcome", .choice(["refused", "did-not-refuse"]), label: "The Directors' answer (a1.34)"),
                PayloadField("directors", .text, required: false, label: "Directors, when a panel decided it"),
                PayloadField("votes", .text, required: false, label: "The panel's votes, when each Director voted here")])

    static let gcDismissed = EntrySpec(
        title: "Dismissed by the Grievance Committee", rule: .a1_6, process: .ethics, kinds: [.ethics], status: .moves(.dismissed),
        fields: [PayloadField("reason", .choice(["untimely", "not-within-jurisdiction", "not-a-code-matter", "unworthy"]), label: "Reason (a1.6)"),
                PayloadField("articles", .text, required: false, label: "Articles dismissed (all when empty)"),
                PayloadField("rationale", .text, required: false, label: "Rationale")])

    static let gcForwarded = EntrySpec(
        title: "Forwarded for hearing", rule: .a1_6, process: .ethics, kinds: [.ethics], status: .moves(.forwarded),
        fields: [PayloadField("articles", .text, required: false, label: "Articles forwarded (all when empty)"),
                PayloadField("rationale", .text, required: false, label: "Rationale")])

    static let gcReferredToArbitration = EntrySpec(
        title: "Referred as an arbitration matter", rule: .a1_6, process: .ethics, kinds: [.ethics], status: .moves(.referredToArbitration),
        fields: [PayloadField("rationale", .text, required: false, label: "Rationale")])

    /// The appeal of a dismissal in part leaves the forwarded Articles where they are (a1.10).
    static let dismissalAppealed = EntrySpec(
        title: "Dismissal appealed", rule: .a1_10, process: .ethics, kinds: [.ethics], status: .byPayload(usually: .dismissalAppealed) { $0["partial"]?.textValue == "yes" ? nil : .dismissalAppealed },
        fields: [PayloadField("explanation", .text, required: false, label: "Written explanation (nothing may be added to the complaint, a1.10)"),
                PayloadField("partial", .choice(["yes"]), required: false, label: "Of a dismissal in part; the rest goes on (a1.10)")])

    /// The Directors reinstate the complaint (forwarded) or confirm the dismissal; on a partial dismissal only the dismissed Articles move (a1.10).
    static let dismissalAppealDecided = EntrySpec(
        title: "Directors decided the dismissal appeal", rule: .a1_10, process: .ethics, kinds: [.ethics], status: .byPayload(usually: .dismissed) { payload in
            payload["partial"]?.textValue == "yes" ? nil : payload["outcome"]?.textValue == "reinstated" ? .forwarded : .dismissed
        },
        fields: [PayloadField("outcome", .choice(["reinstated", "confirmed"]), label: "Outcome: reinstate (forward) or confirm the dismissal (a1.10)"),
                PayloadField("partial", .choice(["yes"]), required: false, label: "The appeal was of a dismissal in part; the rest goes on (a1.10)"),
                PayloadField("directors", .text, required: false, label: "Directors who decided it"),
                PayloadField("directorIds", .text, required: false, label: "Directors (comma-separated ids)"),
                PayloadField("votes", .text, required: false, label: "The panel's votes, when each Director voted here")])

    /// The President appoints the panel of Directors who decide a matter: a dismissal appeal, an ethics appeal, a
    /// classification challenge or a procedural review (S3 1.3.1, issue 18). Entries without a matter were dismissal appeals.
    static let directorsPanelAppointed = EntrySpec(
        title: "Directors' panel appointed", rule: .a1_10, process: .ethics, kinds: [.ethics, .arbitration], status: .unchanged,
        fields: [PayloadField("matter", .choice(DirectorsMatter.allCases.map(\.rawValue)), required: false, label: "What the panel decides"),
                PayloadField("body", .choice([CommitteeBody.executive.rawValue, DirectorsPanel.regionalBody]), required: false,
                             label: "Decided instead by the Executive Committee (S4 (11), (32)) or a regional appeal panel (appendix (5)(b))"),
                PayloadField("directors", .text, label: "Directors"),
                PayloadField("directorIds", .text, label: "Directors (comma-separated ids)"),
                PayloadField("appointedBy", .text, label: "Appointed by")])

    /// One Director's vote; the panel's decision follows from a majority of its members (issue 18).
    static let directorVoted = EntrySpec(
        title: "Director voted", rule: .a1_10, process: .ethics, kinds: [.ethics, .arbitration], status: .unchanged,
        fields: [PayloadField("matter", .choice(DirectorsMatter.allCases.map(\.rawValue)), required: false, label: "What the vote decides"),
                PayloadField("personId", .uuid, label: "Director"),
                PayloadField("name", .text, label: "Name"),
                PayloadField("vote", .choice(DirectorsMatter.allChoiceValues), label: "Vote"),
                PayloadField("reason", .text, required: false, label: "Reason")])

    /// The appeal panel's decision on an ethics appeal, from its members' votes (a1.27); staff then record the action
    /// it decided with its discipline and notices (a1.25).
    static let directorsDecided = EntrySpec(
        title: "Directors' panel decided", rule: .a1_27, process: .ethics, kinds: [.ethics], status: .unchanged,
        fields: [PayloadField("matter", .choice(DirectorsMatter.allCases.map(\.rawValue)), label: "What the panel decided"),
                PayloadField("outcome", .choice(DirectorsMatter.allChoiceValues), label: "Decision"),
                PayloadField("directors", .text, label: "Directors"),
                PayloadField("votes", .text, label: "The panel's votes")])

    /// The respondent left the association after the complaint was filed and before final action (S4 (14), a1.12): the
    /// complaint goes to another association where they are still a member (on PSDesk, or by a transfer packet), or,
    /// with none, goes on here to a final decision whose discipline waits in abeyance until they rejoin.
    static let respondentResigned = EntrySpec(
        title: "Respondent's membership ended", rule: .a1_12, process: .ethics, kinds: [.ethics],
        status: .byPayload(usually: nil) { ["transferred", "packet"].contains($0["disposition"]?.textValue ?? "") ? .closed : nil },
        fields: [PayloadField("endedOn", .date, required: false, label: "Membership ended on"),
                PayloadField("disposition", .choice(ResignationSteps.Disposition.allCases.map(\.rawValue) + ResignationSteps.Disposition.earlierValues),
                             label: "What happens to the complaint (S4 (14))"),
                PayloadField("to", .text, required: false, label: "Sent to the association"),
                PayloadField("toCase", .text, required: false, label: "Its case number there"),
                PayloadField("note", .text, required: false, label: "Note"),
                PayloadField("otherAssociation", .text, required: false, label: "Association it was forwarded to (entries before issue 18)")])

    static let responseReceived = EntrySpec(
        title: "Response to the GC's request received", rule: .a1_7, process: .ethics, kinds: [.ethics], status: .unchanged,
        fields: [PayloadField("text", .text, required: false, label: "Response to the Grievance Committee")])

    static let replyReceived = EntrySpec(
        title: "Reply received", rule: .a1_11, process: .ethics, kinds: [.ethics, .arbitration], status: .moves(.replyReceived),
        fields: [PayloadField("text", .text, required: false, label: "Reply"),
                // In arbitration, the respondent's deposit with the signed response (Form A-4, S3 7.4.1, a2.18).
                PayloadField("depositCents", .cents, required: false, label: "Respondent's deposit received (cents)")])

    static let challengeFiled = EntrySpec(
        title: "Panel challenge filed", rule: .a1_14, process: .ethics, kinds: [.ethics, .arbitration], status: .unchanged,
        fields: [PayloadField("personId", .uuid, required: false, label: "Committee member challenged"),
                PayloadField("challenged", .text, label: "Name of the member challenged"),
                PayloadField("reason", .text, label: "Cause (b7.2)"),
                PayloadField("by", .choice(["complainant", "respondent"]), required: false, label: "Challenged by")])

    /// The PSC chair rules on a challenge for cause (a1.14, b7.2).
    static let challengeRuled = EntrySpec(
        title: "Challenge ruled on by the PSC chair", rule: .a1_14, process: .ethics, kinds: [.ethics, .arbitration], status: .unchanged,
        fields: [PayloadField("personId", .uuid, label: "Committee member challenged"),
                PayloadField("outcome", .choice(["upheld", "denied"]), label: "Ruling (a1.14)"),
                PayloadField("reason", .text, required: false, label: "Reason")])

    /// A replacement for a conflicted panelist leaves the case where it was (b7.3).
    static let panelNamed = EntrySpec(
        title: "Hearing panel named", rule: .a1_14, process: .ethics, kinds: [.ethics, .arbitration], status: .byPayload(usually: .panelNamed) { $0["replaces"] != nil ? nil : .panelNamed },
        fields: [PayloadField("members", .text, label: "Panel members and chair"),
                PayloadField("memberIds", .text, required: false, label: "Panel members (comma-separated ids)"),
                PayloadField("chairId", .uuid, required: false, label: "Chair"),
                PayloadField("alternateIds", .text, required: false, label: "Alternates, S3 5.2.2 (comma-separated ids)"),
                PayloadField("replaces", .uuid, required: false, label: "Replaces a panelist who disclosed a conflict (b7.3)"),
                PayloadField("overrideReason", .text, required: false, label: "Why the chair named busier members than the assistant proposed (issue 18)")])

    /// A panelist signs the certificate of qualification (b7.3, forms A-11 / E-10).
    static let panelistCertified = EntrySpec(
        title: "Certificate of qualification signed", rule: .b7_3, process: .ethics, kinds: [.ethics, .arbitration], status: .unchanged,
        fields: [PayloadField("personId", .uuid, label: "Panelist")])

    /// A panelist discloses a conflict (b7.3): they are replaced.
    static let panelistConflict = EntrySpec(
        title: "Panelist disclosed a conflict", rule: .b7_3, process: .ethics, kinds: [.ethics, .arbitration], status: .unchanged,
        fields: [PayloadField("personId", .uuid, label: "Panelist"), PayloadField("disclosure", .text, label: "What the panelist disclosed (b7.3)")])

    static let hearingScheduled = EntrySpec(
        title: "Hearing scheduled", rule: .a1_16, process: .ethics, kinds: [.ethics, .arbitration, .citation], status: .moves(.hearingScheduled),
        fields: [PayloadField("hearingOn", .date, label: "Hearing date"),
                PayloadField("time", .text, required: false, label: "Time"),
                PayloadField("place", .text, required: false, label: "Place or video link")],
        payload: HearingScheduled.self)

    static let hearingHeld = EntrySpec(
        title: "Hearing held", rule: nil, process: .ethics, kinds: [.ethics, .arbitration, .citation], status: .moves(.heard),
        fields: [PayloadField("adjournedAt", .timestamp, required: false, label: "Adjourned at (date and time)"),
                PayloadField("attendance", .text, required: false, label: "Who attended"),
                PayloadField("recorded", .choice(["yes", "no"]), required: false, label: "Recorded by the association (S3 2.2)"),
                // Arbitration: the merits were heard with the claimant (b3.2), with or without the respondent (a2.17).
                PayloadField("claimantPresent", .choice(["yes"]), required: false, label: "Claimant present (b3.2)"),
                PayloadField("respondentPresent", .choice(["yes", "no"]), required: false, label: "Respondent present (a2.17)")])

    static let hearingAdjourned = EntrySpec(
        title: "Hearing adjourned", rule: .a1_19, process: .ethics, kinds: [.ethics, .arbitration], status: .moves(.hearingScheduled),
        fields: [PayloadField("lateWitness", .choice(["no", "yes"]), required: false, label: "Adjourned for a late witness (a1.19)")])

    /// A continuance: only when all parties agree on a date or the chair finds denial unfair (a1.15), in writing with a reason (S3 5.2.4).
    static let hearingContinued = EntrySpec(
        title: "Hearing continued", rule: .a1_15, process: .ethics, kinds: [.ethics, .arbitration], status: .moves(.hearingScheduled),
        fields: [PayloadField("hearingOn", .date, label: "New hearing date"),
                PayloadField("basis", .choice(HearingDaySteps.ContinuanceBasis.allCases.map(\.rawValue)), label: "Basis (a1.15, a2.21)"),
                PayloadField("reason", .text, required: false, label: "Written reason (S3 5.2.4)")])

    /// A party did not appear (a1.21).
    /// A complainant who does not appear sends the complaint back to the GC; without the respondent the panel proceeds (a1.21).
    static let hearingNoShow = EntrySpec(
        title: "Party did not appear", rule: .a1_21, process: .ethics, kinds: [.ethics, .arbitration], status: .byPayload(usually: nil) { ["respondent", "claimant"].contains($0["absent"]?.textValue ?? "") ? nil : .underReview },
        fields: [PayloadField("absent", .choice(HearingDaySteps.Absent.allCases.map(\.rawValue)), label: "Who did not appear"),
                PayloadField("article14Warning", .choice(["given", "not-given"]), required: false, label: "Article 14 warning (REALTOR complainant)")])

    static let decisionFiled = EntrySpec(
        title: "Decision filed", rule: .a1_22, process: .ethics, kinds: [.ethics], status: .moves(.decided),
        fields: [PayloadField("outcome", .choice(["violation", "no-violation"]), label: "Outcome"),
                PayloadField("findings", .text, required: false, label: "Findings of fact (a1.22)"),
                PayloadField("conclusions", .text, required: false, label: "Conclusion per Article, e.g. Article 1: violation; Article 3: no violation"),
                PayloadField("vote", .text, required: false, label: "Vote, e.g. 2-1 (simple majority, S3 5.3.1)"),
                PayloadField("dissent", .text, required: false, label: "Dissent"),
                PayloadField("discipline", .text, required: false, label: "Recommended discipline (b8.1), e.g. reprimand; fine: 1500.00"),
                PayloadField("filedAt", .timestamp, required: false, label: "Filed at (date and time)")],
        payload: DecisionFiled.self)

    static let counselReviewed = EntrySpec(
        title: "Decision reviewed by counsel", rule: .a1_23, process: .ethics, kinds: [.ethics], status: .unchanged,
        fields: complaintAcknowledged.fields)

    /// A party asks the hearing panel to rehear its decision, where the profile allows petitions (S3 5.4.1, a2.16).
    static let rehearingPetitioned = EntrySpec(
        title: "Petition for rehearing", rule: .a2_16, process: .ethics, kinds: [.ethics], status: .unchanged,
        fields: [PayloadField("petitioner", .choice(["complainant", "respondent"]), label: "Who petitions"),
                PayloadField("basis", .text, label: "Why the panel should hear the matter again")])

    /// The panel grants (it hears the matter again and decides anew) or denies the petition (S3 5.4.1, a2.16).
    // Denied, the decision stands; granted, the same panel hears the matter again.
    /// Granted, the same panel hears the matter again; denied, the decision stands (S3 5.4.1).
    static let rehearingDecided = EntrySpec(
        title: "Petition for rehearing decided", rule: .a2_16, process: .ethics, kinds: [.ethics], status: .byPayload(usually: .decided) { $0["outcome"]?.textValue == "granted" ? .panelNamed : .decided },
        fields: [PayloadField("outcome", .choice(["granted", "denied"]), label: "Outcome: granted (the panel hears it again) or denied")])

    static let appealFiled = EntrySpec(
        title: "Appeal filed", rule: .a1_24, process: .ethics, kinds: [.ethics], status: .moves(.appealed),
        fields: [PayloadField("basis", .text, label: "Basis of appeal (a1.26)"),
                PayloadField("appellant", .choice(["respondent", "complainant", "both"]), required: false, label: "Appellant"),
                PayloadField("grounds", .choice(["procedural", "misapplication", "discipline"]), required: false, label: "Grounds (a1.24, a1.26)"),
                PayloadField("depositCents", .cents, required: false, label: "Deposit (cents)"),
                PayloadField("refusedEvidence", .choice(["yes"]), required: false, label: "The appeal is about evidence the panel refused (a1.28)")],
        payload: AppealFiled.self)

    static let appealReviewed = EntrySpec(
        title: "Appeal reviewed (preliminary)", rule: .a1_27, process: .ethics, kinds: [.ethics], status: .unchanged,
        fields: [PayloadField("outcome", .choice(["proceed", "returned-for-detail", "dismissed"]), label: "Outcome")])

    static let appealAmended = EntrySpec(
        title: "Appeal amended", rule: .a1_27, process: .ethics, kinds: [.ethics], status: .unchanged,
        fields: [PayloadField("basis", .text, label: "Amended basis of appeal")])

    static let appealHearingScheduled = EntrySpec(
        title: "Appeal hearing scheduled", rule: .a1_27, process: .ethics, kinds: [.ethics], status: .moves(.appealed),
        fields: [PayloadField("hearingOn", .date, label: "Appeal hearing date")])

    static let appealHeard = EntrySpec(
        title: "Appeal heard by the Directors", rule: .a1_27, process: .ethics, kinds: [.ethics], status: .moves(.appealHeard),
        fields: [PayloadField("directors", .text, required: false, label: "Directors who heard the appeal"),
                PayloadField("directorIds", .text, required: false, label: "Directors (comma-separated ids)")])

    /// Referrals are not final (a1.25): a new panel rehears (back to panel selection); a sanction goes back to the panel.
    static let finalAction = EntrySpec(
        title: "Directors' final action", rule: .a1_31, process: .ethics, kinds: [.ethics], status: .byPayload(usually: .finalAction) { payload in
            switch payload["action"]?.textValue.flatMap(DirectorsAction.init(rawValue:)) {
            case .newPanel: .forwarded
            case .sanctionToPanel: .heard
            default: .finalAction
            }
        },
        fields: [PayloadField("action", .choice(DirectorsAction.allCases.map(\.rawValue)), label: "Action (a1.25, a1.29)"),
                PayloadField("discipline", .text, required: false, label: "Discipline imposed (a1.25: reduce, never increase)"),
                PayloadField("rationale", .text, required: false, label: "Reasons"),
                PayloadField("depositDisposition", .choice(DepositDisposition.allCases.map(\.rawValue)), required: false, label: "Appeal deposit (a1.29)"),
                PayloadField("refundCents", .cents, required: false, label: "Part of the deposit refunded, when modified (cents)"),
                PayloadField("complianceDays", .text, required: false, label: "Days allowed to comply (fine, course)"),
                PayloadField("automaticPenalty", .text, required: false, label: "Automatic added penalty if not complied with (a1.32)"),
                PayloadField("contingentOnJudgment", .choice(["yes", "no"]), required: false, label: "Contingent on a declaratory judgment (a1.33)")],
        payload: FinalAction.self)

    /// A step in complying with the discipline: paid, completed, referred for non-compliance, held in abeyance, revived (a1.32, b8).
    /// Non-compliance goes to the Directors (a1.32); the compliance record otherwise leaves the status alone.
    static let disciplineCompliance = EntrySpec(
        title: "Discipline compliance", rule: .a1_32, process: .ethics, kinds: [.ethics], status: .byPayload(usually: nil) { $0["event"]?.textValue == ComplianceEvent.referredToDirectors.rawValue ? .beforeDirectors : nil },
        fields: [PayloadField("event", .choice(ComplianceEvent.allCases.map(\.rawValue)), label: "What happened (a1.32, b8)"),
                PayloadField("sanction", .choice(["fine", "course", "suspension", "processing-fee", "assessment", "all"]), required: false, label: "Sanction concerned"),
                PayloadField("amountCents", .cents, required: false, label: "Amount paid (cents)"),
                PayloadField("note", .text, required: false, label: "Note")],
        payload: DisciplineComplianceRecorded.self)

    /// The ethics complaint and an arbitration arise from one transaction: the arbitration goes first (b2.10). Linked
    /// both ways: the arbitration's page lists the ethics cases waiting for it.
    static let heldForArbitration = EntrySpec(
        title: "Held for the arbitration of the same transaction", rule: .b2_10, process: .ethics, kinds: [.ethics], status: .unchanged,
        fields: [PayloadField("event", .choice(["held", "resumed"]), label: "Held or resumed"),
                PayloadField("arbitrationCase", .text, label: "Arbitration case number")])
}
