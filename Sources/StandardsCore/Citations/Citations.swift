/// Citation fine levels (S3 9.5, a2.34). What each level costs is the schedule's (`CitationSchedule.Terms`); the
/// NAR model's amounts are the ceiling a local schedule may not exceed (b9.4).
public enum CitationLevel: Int, Codable, Sendable, CaseIterable {
    case one = 1, two, three

    /// The model's fines for the 1st, 2nd and 3rd offense of the same conduct (a2.34).
    public var modelFines: [Int] {
        switch self {
        case .one: [10_000, 20_000, 40_000]
        case .two: [25_000, 50_000, 100_000]
        case .three: [50_000, 100_000, 200_000]
        }
    }

    /// The model: Level 1's first offense is $100 **or** training; Level 3's is $500 **and** training (a2.34).
    public var modelTraining: [CitationTraining] {
        switch self {
        case .one: [.insteadOfFine, .none, .none]
        case .two: [.none, .none, .none]
        case .three: [.inAddition, .none, .none]
        }
    }
}

public enum CitationTraining: String, Codable, Sendable, CaseIterable {
    case none
    /// The cited member may take the training instead of paying the fine (Level 1, first offense).
    case insteadOfFine = "instead-of-fine"
    /// Training is required on top of the fine (Level 3, first offense).
    case inAddition = "in-addition"

    public var label: String {
        switch self {
        case .none: "fine only"
        case .insteadOfFine: "fine or training, the member's choice"
        case .inAddition: "fine and training"
        }
    }
}

/// An association's schedule of citable conduct (S3 Appendix, a2.35): each Standard of Practice or Article with its
/// level, and each level's fines and training by offense. Staff record a new version with the day it takes effect; a
/// citation keeps the version in force on the day it was issued. Only these may be cited (b9.4).
public struct CitationSchedule: Codable, Sendable, Equatable {
    /// One level's 1st, 2nd and 3rd-offense fines (cents) and training conditions.
    public struct Terms: Codable, Sendable, Equatable {
        public var fines: [Int]
        public var training: [CitationTraining]
        public init(fines: [Int], training: [CitationTraining]) { self.fines = fines; self.training = training }
    }

    /// The day this version takes effect; nil for the model built in.
    public var effectiveOn: CivilDate?
    /// Each citable entry, an identifier of its own ("12-7"), with its level.
    public var levels: [String: CitationLevel]
    /// By level number ("1", "2", "3").
    public var terms: [String: Terms]

    public init(effectiveOn: CivilDate?, levels: [String: CitationLevel], terms: [String: Terms]) {
        self.effectiveOn = effectiveOn; self.levels = levels; self.terms = terms
    }

    public func terms(_ level: CitationLevel) -> Terms {
        terms[String(level.rawValue)] ?? Terms(fines: level.modelFines, training: level.modelTraining)
    }

    /// The fine and training for the `offense`-th citation (1…3) of conduct at `level`.
    public func charge(_ level: CitationLevel, offense: Int) -> (fineCents: Int, training: CitationTraining) {
        let terms = terms(level)
        let index = max(0, min(2, offense - 1))
        return (terms.fines.indices.contains(index) ? terms.fines[index] : level.modelFines[index],
                terms.training.indices.contains(index) ? terms.training[index] : .none)
    }

    /// The entries in reading order: by Article, then Standard ("1-5", "1-16", "3-2 …", "Art 4 …", "12-1").
    public var entries: [(id: String, level: CitationLevel)] {
        levels.map { ($0.key, $0.value) }.sorted {
            (CitableConduct.article(of: $0.id) ?? 99, $0.id.count, $0.id) < (CitableConduct.article(of: $1.id) ?? 99, $1.id.count, $1.id)
        }
    }

    /// The NAR model as OBAR adopted it (S3 Appendix): the list and the ceiling every local schedule is held to (b9.4).
    public static let model = CitationSchedule(effectiveOn: nil, levels: [
        "1-5": .two, "1-6": .one, "1-16": .three,
        "3-2 late change notice": .one, "3-2 unilateral change after offer": .three,
        "3-4": .two, "3-6": .three, "3-8": .one,
        "Art 4 (2nd sentence)": .one, "Art 5 (present interest)": .two, "Art 6": .two,
        "Art 12 (true picture)": .one, "Art 12 (status)": .one,
        "12-1": .one, "12-2": .two, "12-7": .one, "12-8": .one, "12-10": .three, "12-12": .three,
    ], terms: Dictionary(uniqueKeysWithValues: CitationLevel.allCases.map { (String($0.rawValue), Terms(fines: $0.modelFines, training: $0.modelTraining)) }))

    /// Why this schedule may not be adopted: an entry outside the model, a level above the model's, a fine above the
    /// model's or not rising with the offense (b9.4, a2.34, a2.35). Each with the form field it belongs to.
    public func problems() -> [(field: String, refusal: Refusal)] {
        var out: [(field: String, refusal: Refusal)] = []
        if levels.isEmpty { out.append(("entries", Refusal(code: "schedule_empty", message: "List at least one citable Standard of Practice or Article.", rule: .b9_1))) }
        let outside = levels.keys.filter { Self.model.levels[$0] == nil }.sorted()
        if !outside.isEmpty {
            out.append(("entries", Refusal(code: "not_in_model", message: "Not in the model schedule, so not citable: \(outside.joined(separator: ", ")) (b9.4).", rule: .b9_4)))
        }
        let raised = levels.filter { id, level in Self.model.levels[id].map { level.rawValue > $0.rawValue } ?? false }.keys.sorted()
        if !raised.isEmpty {
            out.append(("entries", Refusal(code: "level_above_model", message: "A higher level than the model's would exceed its fines: \(raised.joined(separator: ", ")) (b9.4).", rule: .b9_4)))
        }
        for level in CitationLevel.allCases {
            let fines = terms(level).fines
            let field = "level\(level.rawValue)"
            guard fines.count == 3, fines.allSatisfy({ $0 > 0 }) else {
                out.append((field, Refusal(code: "fines_required", message: "Give Level \(level.rawValue)'s three fines, each above $0.", rule: .a2_34)))
                continue
            }
            if zip(fines, level.modelFines).contains(where: { $0 > $1 }) {
                out.append((field, Refusal(code: "fine_above_model", message: "Level \(level.rawValue)'s fines may not exceed the model's \(level.modelFines.map(Money.format).joined(separator: " / ")) (b9.4).", rule: .b9_4)))
            } else if fines[1] < fines[0] || fines[2] < fines[1] {
                out.append((field, Refusal(code: "fines_must_escalate", message: "Level \(level.rawValue)'s fines rise with each offense of the same conduct (a2.33).", rule: .a2_33)))
            }
        }
        return out
    }
}

/// The schedule in force on a day: the latest version effective on or before it, else the model (a2.35).
public enum CitationSchedules {
    public static func inForce(on day: CivilDate, versions: [CitationSchedule]) -> CitationSchedule {
        versions.compactMap { version in version.effectiveOn.flatMap { $0 <= day ? (on: $0, version) : nil } }
            .max { $0.on < $1.on }?.1 ?? .model
    }
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
                                schedule: CitationSchedule = .model, profile: RuleProfile) -> CitationDecision {
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
            let (fine, training) = schedule.charge(level, offense: offense)
            charges.append(CitationCharge(standard: standard, level: level, offense: offense, fineCents: fine, training: training))
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

/// What staff track for the Directors (S3 9.4.6): citations issued, paid and set aside by a hearing request, and the
/// violations cited, by year of issue. Counts only: no complaint, complainant or respondent is named, and nothing
/// here counts toward publication (S3 9.4.4).
public struct CitationStatistics: Sendable, Equatable, Codable {
    public struct Year: Sendable, Equatable, Codable {
        public let year: Int
        public var issued = 0
        public var paid = 0
        public var hearingRequested = 0
        public var finesPaidCents = 0
        /// Schedule entry → citations that cited it.
        public var byViolation: [String: Int] = [:]
    }
    public let years: [Year]

    /// One citation case's docket each.
    public init(dockets: [[DocketEntry]]) {
        var byYear: [Int: Year] = [:]
        for docket in dockets {
            let entries = CaseProjection.effectiveEntries(docket)
            guard let issued = entries.last(where: { $0.type == .citationIssued }) else { continue }
            let year = issued.effectiveOn.year
            var row = byYear[year] ?? Year(year: year)
            row.issued += 1
            if let paid = entries.last(where: { $0.type == .citationPaid }) {
                row.paid += 1
                row.finesPaidCents += paid.payload["amountCents"]?.integerValue ?? 0
            }
            if entries.contains(where: { $0.type == .citationHearingRequested }) { row.hearingRequested += 1 }
            for standard in CitationSteps.standards(of: issued) { row.byViolation[standard, default: 0] += 1 }
            byYear[year] = row
        }
        years = byYear.values.sorted { $0.year > $1.year }
    }
}
