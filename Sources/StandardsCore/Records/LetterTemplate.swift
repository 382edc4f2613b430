import Foundation

/// The language a letter is written in (issue 19). Parties choose theirs; staff and panels read English.
public enum LetterLanguage: String, Codable, Sendable, CaseIterable {
    case en, es

    public var label: String {
        switch self {
        case .en: "English"
        case .es: "Español"
        }
    }
}

/// The words of one notice's letter that an association may rewrite (issue 19): its subject and its opening
/// paragraphs. Everything else in the letter is computed from the case when the notice is sent — the decision, the
/// panel, the outline of procedure, the time frames with their rule ids, what the recipient may do — so an edited
/// template can never drop a right the rules give (a1.10, a1.16, a1.23, a2.8).
///
/// Version 0 is PSDesk's standard text (in the app's catalog, `letter_<notice>_subject` and `_body`); each saved edit is the next version, and a letter keeps the version it was
/// made with.
public struct LetterTemplate: Sendable, Equatable, Codable {
    public var kind: NoticeKind
    public var language: LetterLanguage
    public var version: Int
    public var subject: String
    /// Paragraphs separated by a blank line.
    public var body: String

    public init(kind: NoticeKind, language: LetterLanguage, version: Int, subject: String, body: String) {
        self.kind = kind; self.language = language; self.version = version; self.subject = subject; self.body = body
    }

    public var paragraphs: [String] {
        body.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    public static let subjectLimit = 150
    public static let bodyLimit = 6_000

    /// An edit as typed, checked field by field: a subject on one line of at most 150 characters, a body of at most
    /// 6,000, neither empty nor carrying control characters. Returns the cleaned text.
    public static func check(subject: String, body: String) -> Result<(subject: String, body: String), FieldProblems> {
        var problems: [String: String] = [:]
        let cleanSubject = subject.trimmingCharacters(in: .whitespacesAndNewlines)
        let cleanBody = body.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if cleanSubject.isEmpty {
            problems["subject"] = "Give the letter a subject."
        } else if cleanSubject.count > subjectLimit {
            problems["subject"] = "Keep the subject to \(subjectLimit) characters (it has \(cleanSubject.count))."
        } else if cleanSubject.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            problems["subject"] = "The subject is one line, without control characters."
        }
        if cleanBody.isEmpty {
            problems["body"] = "Write the letter's opening paragraph."
        } else if cleanBody.count > bodyLimit {
            problems["body"] = "Keep the text to \(bodyLimit) characters (it has \(cleanBody.count)); the decision, time frames and options are added by PSDesk."
        } else if cleanBody.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) && $0 != "\n" && $0 != "\t" }) {
            problems["body"] = "The text has a control character; retype or paste it as plain text."
        }
        return problems.isEmpty ? .success((cleanSubject, cleanBody)) : .failure(FieldProblems(problems))
    }
}

extension NoticeKind {
    /// The rule a notice's letter carries out, shown beside its template.
    public var rule: String {
        switch self {
        case .gcDecision: "a2.8"
        case .dismissal: "a1.10"
        case .responseRequest: "a1.7"
        case .complaintServed, .replyForwarded: "a1.11"
        case .distribution: "a1.13"
        case .panelList: "a1.14"
        case .witnessAndCounsel: "a1.20"
        case .papersToPanel: "a1.15"
        case .decision: "a1.23"
        case .appealHearing: "a1.27"
        case .directorsDecision: "a1.30"
        case .finalAction, .finalActionRedacted: "a1.31"
        case .requestServed, .award: "a2.23"
        case .classification: "a2.19"
        case .mediation, .mediationSession: "a2.29"
        case .motionToCorrect, .motionRuling: "a2.24"
        case .citation, .citationReminder: "a2.31"
        case .acknowledgment: "a1.5"
        case .completionRequest, .amendedComplaint: "a1.18"
        case .hearing: "a1.16"
        case .arbitrationHearing: "a2.21"
        case .refusalToArbitrate: "a1.34"
        case .nonCompliance: "a1.32"
        case .enforcementAdvice: "a1.35"
        case .reviewDecision: "a2.27"
        case .depositEquivalent: "a2.20"
        case .escrowReceived: "a2.23"
        case .escrowReleased: "a2.25"
        case .depositRefund: "S3 7.8"
        case .citationPaid: "S3 9.3.2.4"
        case .awardForInformation: "appendix (5)(e)"
        case .membershipReinstated: "S3 9.3.2.5"
        case .complainantOffered: "S3 9.3.3"
        case .complaintTransferred: "S4 (14)"
        }
    }
}
