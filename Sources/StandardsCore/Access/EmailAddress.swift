import Foundation

/// What PSDesk accepts as an email address: one `@`, a dotted domain, no spaces or angle brackets (which would let a
/// header or an SMTP command be split). Deliverability is the relay's to judge.
public enum EmailAddress {
    public static func isPlausible(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return email.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !email.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" || $0.asciiValue.map { $0 < 32 } ?? false })
    }

    /// The form accounts are looked up by: trimmed and lower-cased.
    public static func normalized(_ email: String) -> String { email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }

    /// The address normalized, or nil when it is not one.
    public static func checked(_ email: String?) -> String? {
        email.map(normalized).flatMap { isPlausible($0) ? $0 : nil }
    }
}
