/// The annual professional-standards activity report (issue 20 item 6): the year's counted events (`CaseActivity`)
/// of one association, or of every signatory of a regional agreement side by side with their total, and the ombuds
/// contacts by kind of concern, small counts suppressed (S0). Counts only: no case, no name.
public struct ActivityReport: Sendable, Equatable {
    /// Where a fact counts: its measure and its breakdown.
    public struct Key: Hashable, Sendable {
        public let measure: CaseActivity.Measure
        public let detail: String
        public init(_ measure: CaseActivity.Measure, _ detail: String = "") { self.measure = measure; self.detail = detail }
        /// Whether the line's cents mean something: a course or a reprimand has no amount.
        public var hasAmount: Bool { measure == .sanction ? ["fine", "assessment"].contains(detail) : measure.hasAmount }
    }
    /// How many facts, and their cents.
    public struct Tally: Equatable, Sendable {
        public var count: Int
        public var cents: Int
        public init(count: Int, cents: Int) { self.count = count; self.cents = cents }
    }
    public struct Line: Equatable, Sendable {
        public let key: Key
        public let label: String
        /// One count per association, in the order of `associations`.
        public let counts: [Int]
        public let total: Int
        /// The amounts summed across the associations, for measures that have one.
        public let cents: Int?
    }
    public struct OmbudsLine: Equatable, Sendable {
        public let concern: OmbudsConcern
        public let cells: [OmbudsTrends.Cell]
        public let total: OmbudsTrends.Cell
    }

    public let year: Int
    public let associations: [String]
    public let lines: [Line]
    public let ombuds: [OmbudsLine]

    /// The first and last day of `year`.
    public static func days(of year: Int) -> ClosedRange<CivilDate> {
        (CivilDate(year: year, month: 1, day: 1) ?? .earliest)...(CivilDate(year: year, month: 12, day: 31) ?? .latest)
    }

    /// - Parameters:
    ///   - tallies: per association (same order as `associations`), what its year's facts add up to.
    ///   - ombuds: per association, the ombuds matters closed in the year.
    public init(year: Int, associations: [String], tallies: [[Key: Tally]], ombuds: [[OmbudsRecord]], threshold: Int = OmbudsTrends.defaultThreshold) {
        self.year = year
        self.associations = associations
        var lines: [Line] = []
        for measure in CaseActivity.Measure.allCases {
            let details = Set(tallies.flatMap { $0.keys.filter { $0.measure == measure }.map(\.detail) })
            // A measure without a breakdown always shows, at zero if need be, so a blank year reads as one.
            for detail in details.isEmpty ? [""] : Self.ordered(details, of: measure) {
                let key = Key(measure, detail)
                let counts = tallies.map { $0[key]?.count ?? 0 }
                let cents = tallies.reduce(0) { $0 + ($1[key]?.cents ?? 0) }
                lines.append(Line(key: key, label: Self.label(key), counts: counts, total: counts.reduce(0, +), cents: key.hasAmount ? cents : nil))
            }
        }
        self.lines = lines
        let each = ombuds.map { OmbudsTrends($0, threshold: threshold).byConcern }
        let combined = OmbudsTrends(ombuds.flatMap { $0 }, threshold: threshold).byConcern
        self.ombuds = OmbudsConcern.allCases.enumerated().map { index, concern in
            OmbudsLine(concern: concern, cells: each.map { $0[index].cell }, total: combined[index].cell)
        }
    }

    /// The total of a measure across its breakdown and the associations.
    public func total(_ measure: CaseActivity.Measure) -> Int { lines.filter { $0.key.measure == measure }.reduce(0) { $0 + $1.total } }

    static func ordered(_ details: Set<String>, of measure: CaseActivity.Measure) -> [String] {
        measure == .violation ? details.sorted { (Int($0) ?? 99, $0) < (Int($1) ?? 99, $1) } : details.sorted()
    }

    /// How a line reads: the measure, then its breakdown in words.
    public static func label(_ key: Key) -> String {
        let detail: String
        switch key.measure {
        case _ where key.detail.isEmpty: return key.measure.label
        case .violation: detail = "Article \(key.detail)"
        case .decision: detail = key.detail == "violation" ? "violation found" : key.detail == "no-violation" ? "no violation" : key.detail
        case .finalAction: detail = DirectorsAction(rawValue: key.detail)?.label ?? key.detail
        default: detail = key.detail
        }
        return "\(key.measure.label): \(detail)"
    }
}

/// What the staff dashboard shows beside its counts (issue 20 item 6): how long open cases have been open, how long
/// cases stay at each stage, and the filings and closings of the last twelve months. The app counts in SQL; these are
/// the definitions it counts by.
public enum StaffDashboard {
    /// How long a case has been open, from the day it was filed (or opened).
    public enum AgeBand: Int, CaseIterable, Sendable {
        case month = 30, quarter = 90, halfYear = 180, year = 365, older = 0

        public var label: String {
            switch self {
            case .month: "Up to 30 days"
            case .quarter: "31–90 days"
            case .halfYear: "91–180 days"
            case .year: "181–365 days"
            case .older: "Over a year"
            }
        }

        /// The earliest filing day in the band on `today`; nil for the last band, which has no floor.
        public func earliest(on today: CivilDate) -> CivilDate? { self == .older ? nil : today.adding(days: -rawValue) }

        /// The band of a case filed on `filed`.
        public static func of(filed: CivilDate, on today: CivilDate) -> AgeBand {
            allCases.first { band in band.earliest(on: today).map { filed >= $0 } ?? true } ?? .older
        }
    }

    /// The twelve months ending with today's, oldest first, as `YYYY-MM`.
    public static func months(endingOn today: CivilDate, count: Int = 12) -> [String] {
        let (year, month, _) = today.components
        let first = CivilDate(year: year, month: month, day: 1) ?? today
        return (0..<count).reversed().map { String(first.adding(months: -$0).description.prefix(7)) }
    }

    /// The median of whole days given as a histogram (days → how many spans), the lower middle for an even count; nil
    /// when there is none.
    public static func median(_ histogram: [Int: Int]) -> Int? {
        let total = histogram.values.reduce(0, +)
        guard total > 0 else { return nil }
        let middle = (total - 1) / 2
        var seen = 0
        for days in histogram.keys.sorted() {
            seen += histogram[days] ?? 0
            if seen > middle { return days }
        }
        return nil
    }
}
