/// One sanction of the only kinds NAR allows (b8.1), with its measure.
public enum Sanction: Hashable, Sendable, Codable, CustomStringConvertible {
    case letterOfWarning
    case letterOfReprimand
    case course(String)
    case fine(cents: Int)
    /// Suspension in days; `remediable` (unpaid dues, missed education) is not bound to 30 days–1 year (b8.2).
    case suspension(days: Int, remediable: Bool)
    case expulsion(years: Int)
    /// Probation is not itself discipline: it holds the other sanctions in abeyance (b8.6).
    case probation(days: Int)
    /// Assessment in lieu of suspension, set by the Directors (b8.3).
    case assessmentInLieu(cents: Int)

    /// How severe a kind of sanction is, for "reduce but never increase" (a1.25).
    public var rank: Int {
        switch self {
        case .letterOfWarning: 1
        case .letterOfReprimand: 2
        case .course: 3
        case .probation: 3
        case .fine: 4
        case .assessmentInLieu: 5
        case .suspension: 6
        case .expulsion: 7
        }
    }

    public var kindName: String {
        switch self {
        case .letterOfWarning: "warning"
        case .letterOfReprimand: "reprimand"
        case .course: "course"
        case .fine: "fine"
        case .suspension: "suspension"
        case .expulsion: "expulsion"
        case .probation: "probation"
        case .assessmentInLieu: "assessment"
        }
    }

    /// The measure compared when the same kind appears twice (cents, days, years).
    public var magnitude: Int {
        switch self {
        case .fine(let cents), .assessmentInLieu(let cents): cents
        case .suspension(let days, _), .probation(let days): days
        case .expulsion(let years): years
        case .letterOfWarning, .letterOfReprimand, .course: 0
        }
    }

    public var description: String {
        switch self {
        case .letterOfWarning: "letter of warning"
        case .letterOfReprimand: "letter of reprimand"
        case .course(let name): "course: \(name)"
        case .fine(let cents): "fine of \(Guards.dollars(cents))"
        case .suspension(let days, let remediable): "suspension of \(days) days\(remediable ? " (remediable)" : "")"
        case .expulsion(let years): "expulsion, no reinstatement for \(years) year\(years == 1 ? "" : "s")"
        case .probation(let days): "probation of \(days) days"
        case .assessmentInLieu(let cents): "assessment in lieu of suspension of \(Guards.dollars(cents))"
        }
    }
}

/// The discipline of a decision as entered on a form or in a payload: sanctions separated by `;`, e.g.
/// `reprimand; course: Code of Ethics refresher; fine: 1500.00; suspension: 90 days; expulsion: 2 years`.
public enum DisciplineText {
    public static func parse(_ text: String) -> Result<[Sanction], Refusal> {
        var sanctions: [Sanction] = []
        for part in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let pieces = part.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let name = pieces[0].lowercased()
            let value = pieces.count > 1 ? pieces[1] : ""
            func number(_ unit: String) -> Int? {
                let digits = value.lowercased().replacingOccurrences(of: unit + "s", with: "").replacingOccurrences(of: unit, with: "")
                    .trimmingCharacters(in: .whitespaces)
                return Int(digits)
            }
            func cents() -> Int? { Money.cents(value) }
            let sanction: Sanction?
            switch name {
            case "warning", "letter of warning": sanction = .letterOfWarning
            case "reprimand", "letter of reprimand": sanction = .letterOfReprimand
            case "course": sanction = value.isEmpty ? nil : .course(value)
            case "fine": sanction = cents().map { .fine(cents: $0) }
            case "assessment": sanction = cents().map { .assessmentInLieu(cents: $0) }
            case "suspension": sanction = number("day").map { .suspension(days: $0, remediable: false) }
            case "remediable suspension": sanction = number("day").map { .suspension(days: $0, remediable: true) }
            case "expulsion": sanction = number("year").map { .expulsion(years: $0) }
            case "probation": sanction = number("day").map { .probation(days: $0) }
            default: sanction = nil
            }
            guard let sanction else {
                return .failure(Refusal(code: "discipline_not_understood",
                    message: "\"\(part)\" is not a sanction NAR allows; use warning, reprimand, course: NAME, fine: 500.00, suspension: 90 days, expulsion: 2 years, probation: 180 days or assessment: 1000.00.",
                    rule: .b8_1))
            }
            sanctions.append(sanction)
        }
        return .success(sanctions)
    }
}

public enum Discipline {
    /// Bounds of a remediable suspension (unpaid dues, missed education), which b8.2's 30 days–1 year does not bind.
    public static let remediableSuspensionDays = 1...1095

    /// Every reason a set of sanctions is outside the bounds NAR and the profile allow.
    /// `assessmentsInLastThreeYears` counts earlier assessments in lieu for this member (b8.3).
    public static func check(_ sanctions: [Sanction], profile: RuleProfile, assessmentsInLastThreeYears: Int = 0) -> [Refusal] {
        var refusals: [Refusal] = []
        let fines = sanctions.compactMap { if case .fine(let c) = $0 { c } else { nil } }.reduce(0, +)
        if fines > profile.fineCapCents {
            refusals.append(Refusal(code: "fine_over_cap", message: "Fines may not exceed \(Guards.dollars(profile.fineCapCents)); \(Guards.dollars(fines)) was entered.",
                                    rule: profile.fineCapRule))
        }
        for sanction in sanctions {
            switch sanction {
            case .suspension(let days, let remediable) where !remediable && !(30...365).contains(days):
                refusals.append(Refusal(code: "suspension_out_of_range", message: "A suspension runs from 30 days to one year; \(days) days was entered.", rule: .b8_2))
            case .suspension(let days, _) where !Self.remediableSuspensionDays.contains(days):
                // Remediable suspensions last until the member cures; the number is still bounded where it enters.
                refusals.append(Refusal(code: "suspension_out_of_range", message: "A remediable suspension runs from 1 to \(Self.remediableSuspensionDays.upperBound) days; \(days) days was entered.", rule: .b8_2))
            case .expulsion(let years) where !(1...3).contains(years):
                refusals.append(Refusal(code: "expulsion_out_of_range", message: "Expulsion bars reinstatement for one to three years; \(years) was entered.", rule: .b8_4))
            case .probation(let days) where days > 365 || days < 1:
                refusals.append(Refusal(code: "probation_out_of_range", message: "Probation lasts at most one year; \(days) days was entered.", rule: .b8_6))
            case .assessmentInLieu(let cents):
                if cents > profile.fineCapCents {
                    refusals.append(Refusal(code: "assessment_over_cap", message: "An assessment in lieu of suspension may not exceed \(Guards.dollars(profile.fineCapCents)).", rule: .b8_3))
                }
                if assessmentsInLastThreeYears > 0 {
                    refusals.append(Refusal(code: "assessment_once_in_three_years", message: "An assessment in lieu of suspension is available once in any three-year period.", rule: .b8_3))
                }
            default: break
            }
        }
        if sanctions.contains(where: { if case .probation = $0 { true } else { false } }) && sanctions.count == 1 {
            refusals.append(Refusal(code: "probation_alone", message: "Probation holds other discipline in abeyance; name the discipline it holds.", rule: .b8_6))
        }
        return refusals
    }

    /// True when `adopted` is harsher than `recommended` in any way: a more severe kind, a larger measure of
    /// the same kind, or a sanction added on top rather than in place of a harsher one (a1.25).
    public static func isIncrease(from recommended: [Sanction], to adopted: [Sanction]) -> Bool {
        let recommendedMax = recommended.map(\.rank).max() ?? 0
        if (adopted.map(\.rank).max() ?? 0) > recommendedMax { return true }
        let recommendedByKind = Dictionary(recommended.map { ($0.kindName, $0.magnitude) }, uniquingKeysWith: max)
        let adoptedKinds = Set(adopted.map(\.kindName))
        let dropped = recommended.filter { !adoptedKinds.contains($0.kindName) }
        for sanction in adopted {
            if let before = recommendedByKind[sanction.kindName] {
                if sanction.magnitude > before { return true }
            } else if !dropped.contains(where: { $0.rank > sanction.rank }) {
                return true  // added on top, not in place of something harsher
            }
        }
        return false
    }

    /// OBAR adds a $500 administrative processing fee for a respondent found in violation (a2.6).
    public static func processingFee(profile: RuleProfile, violationFound: Bool) -> Int {
        violationFound ? profile.processingFeeCents : 0
    }
}
