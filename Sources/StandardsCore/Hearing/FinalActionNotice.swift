import Foundation

/// Who is told of the Directors' final action (a1.31, S3 1.1.6–1.1.7, b11.2–b11.3) and the copy each gets.
public enum FinalActionNotice {
    public struct Recipient: Sendable, Equatable {
        public var to: String
        /// A redacted copy: the decision complete but without the parties' names (S3 1.1.7).
        public var redacted: Bool
        public var rule: String
    }

    /// - Parameters:
    ///   - otherAssociations: the other associations where the respondent holds membership.
    ///   - agencies: agencies counsel advised to notify.
    ///   - priorViolationsInThreeYears: for Policy Statement 45 option 1, publication only after a second violation (b11.2).
    public static func recipients(action: DirectorsAction, sanctions: [Sanction], profile: RuleProfile,
                                  otherAssociations: [String], agencies: [String], priorViolationsInThreeYears: Int = 0) -> [Recipient] {
        var out = [Recipient(to: "Complainant", redacted: false, rule: "a1.31"),
                   Recipient(to: "Respondent", redacted: false, rule: "a1.31"),
                   Recipient(to: "Board of Directors", redacted: false, rule: "a1.31")]
        out += otherAssociations.map { Recipient(to: "Professional Standards Administrator, \($0)", redacted: false, rule: "a1.31") }
        out += agencies.map { Recipient(to: $0, redacted: true, rule: "a1.31") }
        guard action.imposesDiscipline else { return out }
        let severe = sanctions.contains { if case .suspension = $0 { true } else if case .expulsion = $0 { true } else { false } }
        switch profile.publication {
        case .never:
            break  // names never published (S3 1.1.6, a2.3)
        case .suspensionOrExpulsionOnly:
            if severe { out.append(Recipient(to: "The membership (suspension or expulsion only)", redacted: false, rule: "b11.3")) }
        case .ps45Option1:
            if severe { out.append(Recipient(to: "The membership (suspension or expulsion only)", redacted: false, rule: "b11.3")) }
            if priorViolationsInThreeYears >= 1 {
                out.append(Recipient(to: "Members-only publication: name, Articles and discipline, no firm", redacted: false, rule: "b11.2"))
            }
        }
        return out
    }

    /// The text with every party name taken out and replaced by the party's role: the disseminated copy is
    /// built without the names rather than masked, so nothing can be recovered from it (S3 1.1.7).
    public static func redact(_ text: String, names: [(name: String, role: String)]) -> String {
        var result = text
        // Longest names first, so "Rita Realtor" goes before "Rita".
        let parts = names.flatMap { entry -> [(String, String)] in
            let words = entry.name.split(separator: " ").map(String.init).filter { $0.count > 2 }
            return [(entry.name, entry.role)] + words.map { ($0, entry.role) }
        }.sorted { $0.0.count > $1.0.count }
        for (name, role) in parts where !name.isEmpty {
            result = result.replacingOccurrences(of: name, with: role, options: [.caseInsensitive])
        }
        return result
    }
}
