/// Likely duplicate complaints: the same complainant against the same respondents about the same dates. A
/// reload of a receipt page, a second try after a slow connection or a complaint sent twice by post all look
/// like this; the intake list and the Grievance Committee queue flag them so staff merge or close one.
public struct ComplaintFingerprint: Hashable, Sendable {
    let complainants: [String]
    let respondents: [String]
    let transactionConcludedOn: String
    let factsKnownOn: String

    /// - Parameters:
    ///   - complainants: each complainant as name and email (case and spacing ignored).
    ///   - respondents: each respondent's person id, or name where the complainant named someone unknown.
    public init(complainants: [String], respondents: [String], transactionConcludedOn: String?, factsKnownOn: String?) {
        func normalize(_ text: String) -> String { text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        self.complainants = complainants.map(normalize).sorted()
        self.respondents = respondents.map(normalize).sorted()
        self.transactionConcludedOn = transactionConcludedOn ?? ""
        self.factsKnownOn = factsKnownOn ?? ""
    }

    /// For each id, the other ids with the same fingerprint (none listed for a fingerprint with no complainant or respondent).
    public static func duplicates<ID: Hashable>(_ items: [(id: ID, fingerprint: ComplaintFingerprint)]) -> [ID: [ID]] {
        let groups = Dictionary(grouping: items.filter { !$0.fingerprint.complainants.isEmpty && !$0.fingerprint.respondents.isEmpty },
                                by: \.fingerprint)
        var out: [ID: [ID]] = [:]
        for group in groups.values where group.count > 1 {
            for item in group { out[item.id] = group.map(\.id).filter { $0 != item.id } }
        }
        return out
    }
}
