import Foundation

/// A multi-Board (regional) agreement as an administrator records it (S3 multi-Board appendix; a2.36): its name, the
/// day it takes effect, which signatory administers a case, and each signatory with the day its withdrawal takes effect.
public struct RegionalAgreementTerms: Sendable, Equatable, Codable {
    /// Which signatory administers a case (appendix (5)(a), note): the signatories agree on it in advance.
    public enum Administering: String, Sendable, Codable, CaseIterable {
        /// The respondent's local Board.
        case respondentBoard = "respondent-board"
        /// The Board through which the respondent has access to the MLS.
        case respondentMLSBoard = "respondent-mls-board"

        public var label: String {
            switch self {
            case .respondentBoard: "The respondent's local association"
            case .respondentMLSBoard: "The association through which the respondent uses the MLS"
            }
        }
    }

    public var name: String
    /// `YYYY-MM-DD`.
    public var effectiveOn: String
    public var administering: String
    /// Slug → the day that signatory gave its withdrawal notice (`YYYY-MM-DD`), when it has.
    public var signatories: [String: String]

    public init(name: String = "", effectiveOn: String = "", administering: String = Administering.respondentBoard.rawValue, signatories: [String: String] = [:]) {
        self.name = name; self.effectiveOn = effectiveOn; self.administering = administering; self.signatories = signatories
    }

    /// A signatory may withdraw on ninety days' notice to the others (appendix (6)(b)).
    public static let withdrawalNoticeDays = 90

    /// The day a withdrawal noticed on `noticeGivenOn` takes effect: ninety calendar days later (appendix (6)(b)).
    public static func withdrawalTakesEffect(noticeGivenOn: CivilDate) -> CivilDate { noticeGivenOn.adding(days: withdrawalNoticeDays) }

    /// Whether a signatory still shares the agreement's committees on `day`: until its withdrawal takes effect.
    public static func stillSignatory(noticeGivenOn: CivilDate?, on day: CivilDate) -> Bool {
        guard let notice = noticeGivenOn else { return true }
        return day < withdrawalTakesEffect(noticeGivenOn: notice)
    }

    /// Each problem keyed by its field; a signatory's by `notice-<slug>`.
    public func problems() -> [String: String] {
        var problems: [String: String] = [:]
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 200 { problems["name"] = "Enter the agreement's name (at most 200 characters)." }
        if !(CivilDate(effectiveOn)?.isPlausible ?? false) { problems["effectiveOn"] = "Enter the day the agreement takes effect (YYYY-MM-DD)." }
        if Administering(rawValue: administering) == nil { problems["administering"] = "Choose which association administers a case." }
        if signatories.count < 2 { problems["signatories"] = "An agreement has at least two signatory associations." }
        for (slug, notice) in signatories where !notice.isEmpty {
            guard let day = CivilDate(notice), day.isPlausible else {
                problems["notice-\(slug)"] = "Write the day the withdrawal notice was given as YYYY-MM-DD, or leave it empty."
                continue
            }
            if let effective = CivilDate(effectiveOn), day < effective {
                problems["notice-\(slug)"] = "A withdrawal notice comes after the agreement takes effect (\(effective))."
            }
        }
        return problems
    }
}
