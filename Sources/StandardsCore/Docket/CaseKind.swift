/// The four kinds of case PSDesk runs. The raw value is stored in the database. The ombuds program keeps no case and
/// no docket: its matters are not notice to the association and leave no identifiable record (a3.3, `OmbudsInquiry`).
public enum CaseKind: String, Codable, Sendable, CaseIterable {
    case ethics, arbitration, mediation, citation

    /// Letter of the case number: E-2026-0007, A-2026-0012.
    public var numberPrefix: String {
        switch self {
        case .ethics: "E"
        case .arbitration: "A"
        case .mediation: "M"
        case .citation: "C"
        }
    }

    public var label: String {
        switch self {
        case .ethics: "Ethics complaint"
        case .arbitration: "Arbitration"
        case .mediation: "Mediation"
        case .citation: "Citation"
        }
    }
}

/// A case number, unique per association, kind and year: `E-2026-0007`.
public struct CaseNumber: Hashable, Sendable, CustomStringConvertible {
    public let kind: CaseKind
    public let year: Int
    public let sequence: Int

    public init(kind: CaseKind, year: Int, sequence: Int) {
        self.kind = kind
        self.year = year
        self.sequence = sequence
    }

    public var description: String {
        let seq = String(sequence)
        return "\(kind.numberPrefix)-\(year)-\(String(repeating: "0", count: max(0, 4 - seq.count)))\(seq)"
    }

    /// Parses `E-2026-0007` (case-insensitive prefix); nil for anything else.
    public init?(_ text: String) {
        let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let kind = CaseKind.allCases.first(where: { $0.numberPrefix == parts[0] }),
              parts[1].count == 4, let year = Int(parts[1]),
              !parts[2].isEmpty, parts[2].allSatisfy(\.isNumber), let sequence = Int(parts[2]), sequence > 0
        else { return nil }
        self.init(kind: kind, year: year, sequence: sequence)
    }
}

/// How a person takes part in a case. Parties see their own case's papers (design guide).
public enum PartyRole: String, Codable, Sendable, CaseIterable {
    case complainant, respondent, claimant
    /// The respondent's broker-in-charge or principal, copied on correspondence (S3 5.2.3).
    case principalOfRespondent = "principal-of-respondent"

    public var label: String {
        switch self {
        case .complainant: "Complainant"
        case .respondent: "Respondent"
        case .claimant: "Claimant"
        case .principalOfRespondent: "Principal of respondent"
        }
    }
}
