import Foundation

/// Who is told of the Directors' final action (a1.31, S3 1.1.6–1.1.7, b11.2–b11.3) and the copy each gets.
public enum FinalActionNotice {
    public struct Recipient: Sendable, Equatable {
        public var to: String
        /// A redacted copy: the decision complete but without the parties' names (S3 1.1.7).
        public var redacted: Bool
        public var rule: RuleID
    }

    /// - Parameters:
    ///   - otherAssociations: the other associations where the respondent holds membership.
    ///   - signatories: the associations of the regional agreement this case was heard under: one of them that is the
    ///     respondent's association gets the determination for ratification or implementation (appendix (5)(d)).
    ///   - agencies: agencies counsel advised to notify.
    ///   - priorViolationsInThreeYears: for Policy Statement 45 option 1, publication only after a second violation (b11.2).
    public static func recipients(action: DirectorsAction, sanctions: [Sanction], profile: RuleProfile,
                                  otherAssociations: [String], agencies: [String], priorViolationsInThreeYears: Int = 0,
                                  signatories: Set<String> = []) -> [Recipient] {
        var out = [Recipient(to: "Complainant", redacted: false, rule: .a1_31),
                   Recipient(to: "Respondent", redacted: false, rule: .a1_31),
                   Recipient(to: "Board of Directors", redacted: false, rule: .a1_31)]
        out += otherAssociations.map { association in
            signatories.contains(association)
                ? Recipient(to: "Professional Standards Administrator, \(association), for ratification or implementation (appendix (5)(d))", redacted: false, rule: .a2_36)
                : Recipient(to: "Professional Standards Administrator, \(association)", redacted: false, rule: .a1_31)
        }
        out += agencies.map { Recipient(to: $0, redacted: true, rule: .a1_31) }
        guard action.imposesDiscipline else { return out }
        let severe = sanctions.contains { if case .suspension = $0 { true } else if case .expulsion = $0 { true } else { false } }
        switch profile.publication {
        case .never:
            break  // names never published (S3 1.1.6, a2.3)
        case .suspensionOrExpulsionOnly:
            if severe { out.append(Recipient(to: "The membership (suspension or expulsion only)", redacted: false, rule: .b11_3)) }
        case .ps45Option1:
            if severe { out.append(Recipient(to: "The membership (suspension or expulsion only)", redacted: false, rule: .b11_3)) }
            if priorViolationsInThreeYears >= 1 {
                out.append(Recipient(to: "Members-only publication: name, Articles and discipline, no firm", redacted: false, rule: .b11_2))
            }
        }
        return out
    }

    /// The text with every party name taken out and replaced by the party's role: the disseminated copy is
    /// built without the names rather than masked, so nothing can be recovered from it (S3 1.1.7). One pass over
    /// the text, longest name first, whole words only, so a replacement is never itself rewritten.
    public static func redact(_ text: String, names: [(name: String, role: String)]) -> String {
        var replacements: [String: String] = [:]
        for entry in names {
            let full = entry.name.trimmingCharacters(in: .whitespaces)
            guard !full.isEmpty else { continue }
            replacements[full.lowercased()] = entry.role
            for word in full.split(separator: " ").map(String.init) where word.count > 2 { replacements[word.lowercased()] = replacements[word.lowercased()] ?? entry.role }
        }
        guard !replacements.isEmpty else { return text }
        let alternatives = replacements.keys.sorted { $0.count > $1.count }.map(NSRegularExpression.escapedPattern(for:))
        guard let pattern = try? NSRegularExpression(pattern: "\\b(" + alternatives.joined(separator: "|") + ")\\b", options: [.caseInsensitive]) else { return text }
        let source = text as NSString
        var result = ""
        var cursor = 0
        for match in pattern.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            result += source.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
            result += replacements[source.substring(with: match.range).lowercased()] ?? ""
            cursor = match.range.location + match.range.length
        }
        return result + source.substring(from: cursor)
    }
}
