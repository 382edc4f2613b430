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
    case directorsDecision = "directors-decision"      // a1.30
    case requestServed = "request-served"              // b1: arbitration request to the respondent
    case award                                         // b1, a2.23
    case motionToCorrect = "motion-to-correct"         // a2.24: the motion sent to the other party
    case citation                                      // a2.31
    case citationReminder = "citation-reminder"        // a2.31
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
}
