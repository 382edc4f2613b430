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
