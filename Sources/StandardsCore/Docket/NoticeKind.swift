import Foundation

/// What a `notice.sent` entry transmitted. Windows that count from a transmission or its receipt read
/// these (b14.1–b14.3).
public enum NoticeKind: String, Codable, Sendable, CaseIterable {
    case gcDecision = "gc-decision"                    // a2.8
    case dismissal                                     // a1.10, with Form E-22
    case responseRequest = "response-request"          // a1.7
    case complaintServed = "complaint-served"          // a1.11
    case replyForwarded = "reply-forwarded"            // a1.11
    case distribution = "complaint-and-reply-distributed"  // a1.13
    case panelList = "panel-list"                      // a1.14
    case witnessAndCounsel = "witness-and-counsel"     // a1.20
    case papersToPanel = "papers-to-panel"             // a1.15, a2.12
    case decision                                      // a1.23, with the appeal form
    case appealHearing = "appeal-hearing"              // a1.27: the appeal hearing before the Directors, at least 10 days ahead
    case directorsDecision = "directors-decision"      // a1.30
    case requestServed = "request-served"              // b1: arbitration request to the respondent
    case classification                                // a2.19, b.4: arbitrability and classification, with the right to challenge
    case mediation                                     // a2.29: mediation comes first, with the mediation officer
    case award                                         // b1, a2.23
    case motionToCorrect = "motion-to-correct"         // a2.24: the motion sent to the other party
    case citation                                      // a2.31
    case citationReminder = "citation-reminder"        // a2.31
    case acknowledgment                                // intake: the complaint was received
    case completionRequest = "completion-request"      // intake: sent back to be completed (a1.18)
    case hearing                                       // a1.16: date, place, the panel and the outline of procedure
    case arbitrationHearing = "arbitration-hearing"    // a2.21: date, place, the panel, the outline and the Arbitration Guidelines
    case refusalToArbitrate = "refusal-to-arbitrate"   // a1.34, appendix (5)(f): a refusal to arbitrate, to the Directors or the regional tribunal
    case mediationSession = "mediation-session"        // a2.29: a mediation session's day and place
    case finalAction = "final-action"                  // a1.31: notice of the Directors' final action
    case finalActionRedacted = "final-action-redacted" // S3 1.1.7: disseminated without the parties' names
    case nonCompliance = "non-compliance"              // a1.32: the member may explain before the Directors act
    case enforcementAdvice = "enforcement-advice"      // a1.35: seek judicial enforcement of the award
    case amendedComplaint = "amended-complaint"        // a1.18: the respondent gets the amended complaint and may amend the reply
    case motionRuling = "motion-ruling"                // a2.24: the panel's final ruling on a motion to correct
    case reviewDecision = "review-decision"            // a2.27, b3.9: the Directors confirm the award or order a new hearing
    case depositEquivalent = "deposit-equivalent"      // a2.20: the association asks a non-depositing respondent for the equivalent
    case escrowReceived = "escrow-received"            // a2.23: the award was paid into escrow
    case escrowReleased = "escrow-released"            // a2.25: the escrowed award was paid to the prevailing party
    case depositRefund = "deposit-refund"              // S3 7.8: what became of the deposits
    case citationPaid = "citation-paid"                // S3 9.3.2.4: the complainant is told the citation was issued and paid
    case awardForInformation = "award-for-information" // appendix (5)(e): a regional panel's award to each party's home association
    case membershipReinstated = "membership-reinstated" // S3 9.3.2.5: the unpaid citation fine was paid, the suspension ends
    case complainantOffered = "complainant-offered"    // S3 9.3.3: the citation went to a hearing; the complainant may proceed
    case complaintTransferred = "complaint-transferred" // S4 (14): the respondent resigned; the complaint went to another association

    /// Subject line and opening sentence of the letter for this notice.
    public var letter: (subject: String, body: String) {
        switch self {
        case .acknowledgment: ("Acknowledgment of your complaint", "We have received your complaint. The Grievance Committee will review it; you will be told of its decision.")
        case .gcDecision: ("Decision of the Grievance Committee", "The Grievance Committee has reviewed the complaint and made the decision recorded below.")
        case .dismissal: ("Dismissal of your complaint", "The Grievance Committee has dismissed the complaint in whole or in part. You may appeal the dismissal to the Board of Directors on Form E-22; the complaint cannot be revised or supplemented, but you may explain why you believe the dismissal was wrong.")
        case .responseRequest: ("Request for your response", "The Grievance Committee needs information it cannot obtain from the complainant and asks for your written response. Failing to respond may be considered under Article 14.")
        case .complaintServed: ("Ethics complaint naming you", "An ethics complaint naming you has been forwarded for a hearing. A copy is enclosed. You may send a written reply.")
        case .replyForwarded: ("Respondent's reply", "The respondent's reply to your complaint is enclosed.")
        case .distribution: ("Complaint and reply", "The complaint and the reply (or notice that none was received) are enclosed.")
        case .panelList: ("Professional Standards Committee members", "The list of Professional Standards Committee members from whom the hearing panel will be chosen is enclosed. You may challenge any member for cause.")
        case .witnessAndCounsel: ("Witnesses and counsel", "This is notice of the witnesses and counsel who will attend the hearing.")
        case .papersToPanel: ("Hearing papers", "The complaint and response are enclosed for the hearing panel.")
        case .decision: ("Decision of the hearing panel", "The hearing panel's decision is enclosed, with the form to request an appeal.")
        case .appealHearing: ("Notice of the appeal hearing", "The appeal of the hearing panel's decision will be heard by the Board of Directors (or a panel of Directors) on the day below. The Directors decide on the record: the complaint, the response, the panel's findings and the appeal. New evidence is not heard unless the appeal is about evidence the panel refused. Both parties may attend and speak to the appeal.")
        case .directorsDecision: ("Decision of the Board of Directors", "The Directors' written decision on the appeal is enclosed.")
        case .requestServed: ("Request for arbitration", "A request for arbitration naming you has been filed. A copy is enclosed with the response form.")
        case .mediation: ("Mediation of your dispute", "Before the dispute is arbitrated, the parties meet with a mediation officer, who helps them look for an agreement. A written settlement signed by both ends the matter and the deposits are refunded in full.")
        case .classification: ("Arbitrability and classification of the request", "The Grievance Committee has decided whether the request can be arbitrated and how it is classified, as recorded below. Either party may challenge the classification, and the claimant may appeal a decision to decline it, to the Board of Directors within 20 days.")
        case .award: ("Arbitration award", "The award of the arbitration panel is enclosed.")
        case .citation: ("Citation", "A citation has been issued to you. You may accept it and pay the fine, or request a full hearing.")
        case .citationReminder: ("Reminder: citation", "We have not received your answer to the citation sent to you.")
        case .motionToCorrect: ("Motion to correct the award", "A party has asked the panel to correct the award. You may object in writing.")
        case .arbitrationHearing: ("Notice of arbitration hearing", "The arbitration hearing is set as below. The panel members are listed, with the outline of the procedure; the Arbitration Guidelines are enclosed. Appearing at the hearing without objecting waives any defect in this notice.")
        case .refusalToArbitrate: ("Refusal to arbitrate", "A member has refused to arbitrate a dispute the Grievance Committee found mandatory. The only question for the Directors is whether the member refused to arbitrate a properly arbitrable matter.")
        case .mediationSession: ("Mediation session", "Your mediation session is set as below. The mediation officer helps the parties look for an agreement; what is said in mediation is not shown to any arbitration panel.")
        case .hearing: ("Notice of hearing", "The hearing of the complaint is set as below. The panel members are listed; you may bring counsel and witnesses if you give notice of them 15 days ahead. The outline of the procedure the panel follows is enclosed.")
        case .finalAction: ("Notice of final action", "The Board of Directors has taken final action on the ethics complaint, as set out below.")
        case .finalActionRedacted: ("Notice of final action (parties not named)", "The decision below is disseminated complete but without the parties' names.")
        case .nonCompliance: ("Discipline not complied with", "Our records show the discipline below has not been complied with. You may explain in writing before the matter goes to the Board of Directors.")
        case .enforcementAdvice: ("Refusal to pay an arbitration award", "The party ordered to pay has refused to abide by the award. A first refusal is not heard as an ethics matter: we recommend you seek judicial enforcement of the award. The Directors may reimburse legal fees a court does not award you.")
        case .amendedComplaint: ("Amended complaint", "The complaint naming you has been amended; a copy is enclosed. You may amend your reply.")
        case .motionRuling: ("Ruling on the motion to correct the award", "The panel has ruled on the motion to correct the award, as recorded below. Its ruling is final.")
        case .reviewDecision: ("Decision on the procedural review", "The Directors have decided the request for procedural review. They do not change the amount of an award: they either confirm it or order a new hearing.")
        case .depositEquivalent: ("Amount owed in place of the arbitration deposit", "You did not pay the arbitration deposit and the award went against you. The association asks you to pay the amount below within 10 days of this notice; an unpaid amount is a financial obligation of membership.")
        case .escrowReceived: ("Award received in escrow", "The association has received the payment below into its escrow account. It holds the funds until the time to correct, review or challenge the award has passed.")
        case .escrowReleased: ("Release of the escrowed award", "The time to correct, review or challenge the award has passed and the funds held in escrow have been paid to the prevailing party, as below.")
        case .depositRefund: ("Arbitration deposits", "The award is final. The prevailing party's deposit is refunded in full; the other deposits pay the costs of the arbitration and the rest goes to the association's general operating funds.")
        case .citationPaid: ("Citation issued and paid", "A citation was issued on your complaint and the fine has been paid. The matter is closed.")
        case .awardForInformation: ("Arbitration award, for your information", "A hearing panel of the regional Professional Standards Committee rendered the award below in a dispute involving your member. It is sent to each party's association for information only.")
        case .membershipReinstated: ("Membership reinstated", "The citation fine has been paid. The automatic suspension of your membership for non-payment has ended and your membership is reinstated.")
        case .complaintTransferred: ("Your complaint was sent to another association", "The member your complaint names is no longer a member of this association but is a member of the association named below. As the rules require, your complaint has been sent to that association, which will process it from here and write to you.")
        case .complainantOffered: ("Your complaint goes to a hearing", "The member cited on your complaint asked for a full hearing instead of the citation. You may proceed as the complainant at the hearing, with every due-process right of a complainant; please tell us whether you will. If you do not take part, the hearing may go on as the rules for an absent complainant provide (a1.21).")
        case .completionRequest: ("Your complaint needs completing", "Before the Grievance Committee can review your complaint, please complete it as described below and send it back; you may amend it (a1.18).")
        }
    }
}

extension NoticeKind {
    private static let all = NoticeKind.allCases

    /// `init(rawValue:)` without the generic string switch: the derivation reads every notice's kind.
    static func parse(_ text: String) -> NoticeKind? { all.first { $0.rawValue == text } }
}

public enum Timestamps {
    /// Parses ISO 8601 with a zone (`2026-06-16T17:30:00-04:00` or `…Z`).
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// ISO 8601 with the zone's offset, as `parse` reads it back.
    public static func format(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = timeZone
        return formatter.string(from: date)
    }
}
