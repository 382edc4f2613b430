import Foundation

/// The deposit a party makes with an arbitration request or response (S3 7.4.1; a2.18, a2.20, b3.1).
public enum ArbitrationDeposit {
    /// Why a party owes less than the profile's deposit, or nothing.
    public enum Exemption: String, Sendable, Codable, CaseIterable {
        /// A REALTOR asks the association to decide which of several respondents is owed disputed funds (S3 7.4.1).
        case decidingWhichRespondent = "deciding-which-respondent"
        /// The party claims none of the disputed funds (S3 7.4.1).
        case claimsNone = "claims-none"
    }

    /// What a party of `firm` deposits: nothing when exempt, nothing again for a firm that already deposited for a related
    /// request consolidated into the same hearing (one deposit per firm, a2.20), and otherwise the profile's amount.
    /// Firms are compared without case or surrounding spaces.
    public static func due(firm: String, exemption: Exemption?, firmsThatDeposited: Set<String>, profile: RuleProfile) -> (cents: Int, reason: String) {
        if let exemption {
            switch exemption {
            case .decidingWhichRespondent: return (0, "no deposit: the association is asked to decide which respondent is owed the funds (S3 7.4.1)")
            case .claimsNone: return (0, "no deposit: the party claims none of the disputed funds (S3 7.4.1)")
            }
        }
        let key = normalizedFirm(firm)
        if !key.isEmpty, firmsThatDeposited.contains(key) {
            return (0, "no deposit: \(firm) already deposited for a related request heard with this one (a2.20)")
        }
        return (profile.arbitrationDepositCents, "the deposit of \(Money.format(profile.arbitrationDepositCents)) (a2.18, b3.1)")
    }

    public static func normalizedFirm(_ firm: String) -> String {
        firm.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
