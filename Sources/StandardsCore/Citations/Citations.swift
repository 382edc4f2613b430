/// Citation fine levels (S3 9.5, a2.34): the fine for the 1st, 2nd and 3rd offense of the same conduct.
public enum CitationLevel: Int, Codable, Sendable, CaseIterable {
    case one = 1, two, three

    public var fines: [Int] {
        switch self {
        case .one: [10_000, 20_000, 40_000]
        case .two: [25_000, 50_000, 100_000]
        case .three: [50_000, 100_000, 200_000]
        }
    }

    /// Level 1's first offense is $100 **or** training; Level 3's is $500 **and** training (a2.34).
    public func training(offense: Int) -> CitationTraining {
        switch (self, offense) {
        case (.one, 1): .insteadOfFine
        case (.three, 1): .inAddition
        default: .none
        }
    }
}

public enum CitationTraining: String, Codable, Sendable {
    case none
    /// The cited member may take the training instead of paying the fine (Level 1, first offense).
    case insteadOfFine = "instead-of-fine"
    /// Training is required on top of the fine (Level 3, first offense).
    case inAddition = "in-addition"
}

/// The schedule of citable conduct as data (S3 Appendix, a2.35). Only these may be cited (b9.4).
public struct CitationSchedule: Codable, Sendable {
    public let name: String
    public let levels: [String: CitationLevel]

    public static let obar = CitationSchedule(name: "obar", levels: [
        "1-5": .two, "1-6": .one, "1-16": .three,
        "3-2 late change notice": .one, "3-2 unilateral change after offer": .three,
        "3-4": .two, "3-6": .three, "3-8": .one,
        "Art 4 (2nd sentence)": .one, "Art 5 (present interest)": .two, "Art 6": .two,
        "Art 12 (true picture)": .one, "Art 12 (status)": .one,
        "12-1": .one, "12-2": .two, "12-7": .one, "12-8": .one, "12-10": .three, "12-12": .three,
    ])
}

/// A citation already issued to this member in this association: one citation, however many schedule entries it
/// cited (each counts for escalation of its own conduct, a2.33; the citation counts once toward the limits, a2.32).
public struct PriorCitation: Sendable, Equatable {
    public let standards: [String]
    /// The filing date of the complaint that led to it: the limits' windows are anchored on it (a2.32).
    public let complaintFiledOn: CivilDate
    public let fineCents: Int
    /// Its case number, so a refusal can name the citations that reached a limit.
    public let caseNumber: String?

    public init(standards: [String], complaintFiledOn: CivilDate, fineCents: Int, caseNumber: String? = nil) {
        self.standards = standards; self.complaintFiledOn = complaintFiledOn; self.fineCents = fineCents; self.caseNumber = caseNumber
    }

    public init(standard: String, complaintFiledOn: CivilDate, fineCents: Int, caseNumber: String? = nil) {
        self.init(standards: [standard], complaintFiledOn: complaintFiledOn, fineCents: fineCents, caseNumber: caseNumber)
    }
}

/// Schedule entries are identifiers of their own: "12-7" is Standard of Practice 7 under Article 12, never Articles
/// 7 and 12. A hearing panel may weigh a past citation only for the same violation, the Article (S3 9.4.5).
public enum CitableConduct {
    /// The Article a schedule entry belongs to: "12-7" → 12, "Art 12 (status)" → 12, "3-2 late change notice" → 3.
    public static func article(of id: String) -> Int? {
        var text = Substring(id.trimmingCharacters(in: .whitespaces))
        for prefix in ["Article", "Art.", "Art"] where text.lowercased().hasPrefix(prefix.lowercased()) {
            text = text.dropFirst(prefix.count)
            break
        }
        let digits = text.drop { $0 == " " }.prefix { $0.isNumber }
        return Int(digits).flatMap { (1...17).contains($0) ? $0 : nil }
    }
}

public struct CitationCharge: Sendable, Equatable {
    public let standard: String
    public let level: CitationLevel
    /// 1st, 2nd or 3rd offense, counting prior citations for the same conduct only (a2.33).
    public let offense: Int
    public let fineCents: Int
    public let training: CitationTraining
}

public struct CitationDecision: Sendable, Equatable {
    public let charges: [CitationCharge]
    public let totalFineCents: Int
    /// Why the matter must go to a full hearing instead; empty when a citation may issue.
    public let refusals: [Refusal]
    public var mayIssue: Bool { refusals.isEmpty }
}

public enum Citations {
    /// Decides whether a complaint may be handled by citation and, if so, the fine (a2.30–a2.35).
    public static func evaluate(allegations: [String], complaintFiledOn: CivilDate, egregious: Bool, priors: [PriorCitation],
                                schedule: CitationSchedule = .obar, profile: RuleProfile) -> CitationDecision {
        var refusals: [Refusal] = []
        if !profile.citationsAdopted {
            refusals.append(Refusal(code: "citations_not_adopted", message: "This association has not adopted a citation policy.", rule: .b9_1))
        }
        if allegations.isEmpty {
            refusals.append(Refusal(code: "nothing_to_cite", message: "Name the Article or Standard of Practice to cite.", rule: .a2_30))
        }
        let notCitable = allegations.filter { schedule.levels[$0] == nil }
        if !notCitable.isEmpty {
            refusals.append(Refusal(code: "not_citable",
                message: "\(notCitable.joined(separator: ", ")) \(notCitable.count == 1 ? "is" : "are") not on the citation schedule: a complaint with any non-citable allegation goes to a full hearing.",
                rule: .a2_30))
        }
        if egregious {
            refusals.append(Refusal(code: "egregious", message: "The Grievance Committee found the conduct egregious: it goes to a full hearing.", rule: .a2_30))
        }
        var charges: [CitationCharge] = []
        for standard in allegations {
            guard let level = schedule.levels[standard] else { continue }
            // Escalation looks only at earlier citations for the same conduct (a2.33).
            let offense = min(3, priors.filter { $0.standards.contains(standard) }.count + 1)
            charges.append(CitationCharge(standard: standard, level: level, offense: offense, fineCents: level.fines[offense - 1],
                                          training: level.training(offense: offense)))
        }
        let total = charges.map(\.fineCents).reduce(0, +)
        refusals += limits(newFiledOn: complaintFiledOn, newFine: total, priors: priors)
        return CitationDecision(charges: charges, totalFineCents: total, refusals: refusals)
    }

    /// At most 2 citations in a 12-month window and 3 in a 36-month window, and no more than $5,000 of
    /// citation fines in a 3-year window, each window starting on the filing date of the first complaint
    /// in it (a2.32). A new window starts with the first complaint after the previous window ends.
    static func limits(newFiledOn: CivilDate, newFine: Int, priors: [PriorCitation]) -> [Refusal] {
        var refusals: [Refusal] = []
        let newOne = PriorCitation(standards: [], complaintFiledOn: newFiledOn, fineCents: newFine, caseNumber: "this complaint")
        let all = (priors + [newOne]).sorted { $0.complaintFiledOn < $1.complaintFiledOn }
        func window(months: Int) -> (start: CivilDate, members: [PriorCitation]) {
            var start = all[0].complaintFiledOn
            var members: [PriorCitation] = []
            for citation in all {
                if citation.complaintFiledOn >= start.adding(months: months) {
                    if members.contains(newOne) { break }
                    start = citation.complaintFiledOn
                    members = []
                }
                members.append(citation)
            }
            return (start, members)
        }
        // The earlier citations that reached a limit, named so the screen can show them (a2.32).
        func earlier(_ members: [PriorCitation]) -> String {
            let named = members.filter { $0 != newOne }.map { "\($0.caseNumber ?? "a citation") (complaint filed \($0.complaintFiledOn))" }
            return named.isEmpty ? "" : " Earlier citations in it: \(named.joined(separator: ", "))."
        }
        let twelve = window(months: 12)
        if twelve.members.count > 2 {
            refusals.append(Refusal(code: "citation_limit_12_months",
                message: "This would be citation \(twelve.members.count) in the 12-month period that began \(twelve.start); the limit is 2.\(earlier(twelve.members))", rule: .a2_32))
        }
        let thirtySix = window(months: 36)
        if thirtySix.members.count > 3 {
            refusals.append(Refusal(code: "citation_limit_36_months",
                message: "This would be citation \(thirtySix.members.count) in the 36-month period that began \(thirtySix.start); the limit is 3.\(earlier(thirtySix.members))", rule: .a2_32))
        }
        let fines = thirtySix.members.map(\.fineCents).reduce(0, +)
        if fines > 500_000 {
            refusals.append(Refusal(code: "citation_fines_over_5000",
                message: "Citation fines in the 3-year period that began \(thirtySix.start) would reach \(Guards.dollars(fines)); the limit is $5,000.\(earlier(thirtySix.members))", rule: .a2_32))
        }
        return refusals
    }
}
