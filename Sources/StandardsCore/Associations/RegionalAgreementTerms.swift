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

    /// A respondent's current membership in one signatory, and whether they use the MLS through it.
    public struct Membership: Sendable, Equatable {
        public let association: String
        public let usesMLS: Bool
        public init(association: String, usesMLS: Bool) { self.association = association; self.usesMLS = usesMLS }
    }

    /// The signatory that administers a complaint filed with `filedWith` (appendix (5)(a), note): the respondent's own
    /// association, or the one through which they use the MLS, as the agreement says. Memberships outside the
    /// signatories do not count; a respondent who is a member of none stays with the association it was filed with.
    /// Without a recorded MLS membership the MLS rule falls back to the respondent's association, and says so.
    public static func administering(_ rule: Administering, filedWith: String, signatories: Set<String>,
                                     memberships: [Membership]) -> (association: String, reason: String) {
        let theirs = memberships.filter { signatories.contains($0.association) }
        if rule == .respondentMLSBoard, let mls = theirs.first(where: \.usesMLS) {
            return (mls.association, "the association through which the respondent uses the MLS")
        }
        let fallback = rule == .respondentMLSBoard ? " (no MLS membership is recorded)" : ""
        if theirs.contains(where: { $0.association == filedWith }) { return (filedWith, "the respondent's association\(fallback)") }
        if let home = theirs.first { return (home.association, "the respondent's association\(fallback)") }
        return (filedWith, "the association it was filed with: the respondent is a member of no signatory")
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
