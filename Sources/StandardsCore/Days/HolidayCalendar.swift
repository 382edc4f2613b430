/// The days an association's office is closed: US federal holidays computed by their rules (with the
/// Friday/Monday observance for those on a weekend) plus the association's own closure days.
///
/// NAR defines no weekend or holiday rule (b14.5): PSDesk flags a deadline that lands on a closed day and
/// moves it only where the rule profile says so.
public struct HolidayCalendar: Sendable, Equatable {
    public let name: String
    public let includesFederalHolidays: Bool
    public let closureDays: Set<CivilDate>

    /// Closure days as sorted day numbers: a binary search, no hashing, on the working-day hot path.
    private let sortedClosures: [Int]

    public init(name: String = "us-federal", includesFederalHolidays: Bool = true, closureDays: Set<CivilDate> = []) {
        self.name = name
        self.includesFederalHolidays = includesFederalHolidays
        self.closureDays = closureDays
        self.sortedClosures = closureDays.map(\.dayNumber).sorted()
    }

    public static func == (lhs: HolidayCalendar, rhs: HolidayCalendar) -> Bool {
        lhs.name == rhs.name && lhs.includesFederalHolidays == rhs.includesFederalHolidays && lhs.closureDays == rhs.closureDays
    }

    /// Observed federal holidays of 1970–2199 by day number, computed once: deadline derivation asks
    /// "is this a working day?" many times per case.
    private static let federalTable: [Int: String] = {
        var table: [Int: String] = [:]
        for year in 1970...2199 {
            for holiday in FederalHolidays.observed(in: year) { table[holiday.date.dayNumber] = holiday.name }
        }
        return table
    }()
    private static let tableRange = CivilDate(year: 1970, month: 1, day: 1)!.dayNumber...CivilDate(year: 2199, month: 12, day: 31)!.dayNumber
    /// The same holidays as a bitmap over `tableRange`, for the yes/no question.
    private static let federalBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: (tableRange.count + 63) / 64)
        for day in federalTable.keys {
            let offset = day - tableRange.lowerBound
            bits[offset >> 6] |= 1 << UInt64(offset & 63)
        }
        return bits
    }()

    private func isFederalHoliday(_ day: CivilDate) -> Bool {
        guard Self.tableRange.contains(day.dayNumber) else { return holidayName(day) != nil }
        let offset = day.dayNumber - Self.tableRange.lowerBound
        return Self.federalBits[offset >> 6] & (1 << UInt64(offset & 63)) != 0
    }

    private func isClosure(_ day: CivilDate) -> Bool {
        var low = 0, high = sortedClosures.count
        while low < high {
            let mid = (low + high) / 2
            if sortedClosures[mid] < day.dayNumber { low = mid + 1 } else { high = mid }
        }
        return low < sortedClosures.count && sortedClosures[low] == day.dayNumber
    }

    /// Builds a calendar from the association's settings: `us-federal` or `none`, plus closure days.
    public init?(named name: String, closureDays: [String]) {
        guard name == "us-federal" || name == "none" else { return nil }
        var days: Set<CivilDate> = []
        for text in closureDays where !text.isEmpty {
            guard let day = CivilDate(text) else { return nil }
            days.insert(day)
        }
        self.init(name: name, includesFederalHolidays: name == "us-federal", closureDays: days)
    }

    public func isWorkingDay(_ day: CivilDate) -> Bool {
        if day.isWeekend || isClosure(day) { return false }
        return !includesFederalHolidays || !isFederalHoliday(day)
    }

    /// The holiday or closure on `day`, if any (weekends are not holidays).
    public func holidayName(_ day: CivilDate) -> String? {
        if closureDays.contains(day) { return "association closure" }
        guard includesFederalHolidays else { return nil }
        if Self.tableRange.contains(day.dayNumber) { return Self.federalTable[day.dayNumber] }
        for year in [day.year - 1, day.year, day.year + 1] {  // Jan 1 may be observed on Dec 31
            for holiday in FederalHolidays.observed(in: year) where holiday.date == day { return holiday.name }
        }
        return nil
    }

    /// The most working days counted one by one (about 40 years); longer counts saturate.
    static let longestCount = 10_000

    /// The first working day on or after `day`.
    public func nextWorkingDay(onOrAfter day: CivilDate) -> CivilDate {
        var current = day
        while !isWorkingDay(current) && current < .latest { current = current.adding(days: 1) }
        return current
    }

    /// The date `count` working days after `day` (the trigger day itself is day 0 and never counts).
    public func adding(workingDays count: Int, to day: CivilDate) -> CivilDate {
        // No rule counts more than a few hundred working days; an absurd count ends at the calendar's edge at once
        // rather than walking millions of days.
        if count > Self.longestCount { return .latest }
        var current = day
        var remaining = count
        while remaining > 0 && current < .latest {
            current = current.adding(days: 1)
            if isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }

    /// The date `count` working days before `day`.
    public func subtracting(workingDays count: Int, from day: CivilDate) -> CivilDate {
        if count > Self.longestCount { return .earliest }
        var current = day
        var remaining = count
        while remaining > 0 && current > .earliest {
            current = current.adding(days: -1)
            if isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }
}

/// The eleven US federal holidays (5 U.S.C. 6103), by their rules.
public enum FederalHolidays {
    public struct Holiday: Sendable, Equatable {
        public let name: String
        /// The day the office is closed: a Saturday holiday is observed on Friday, a Sunday one on Monday.
        public let date: CivilDate
        public let actual: CivilDate
    }

    public static func observed(in year: Int) -> [Holiday] {
        guard (1...9998).contains(year) else { return [] }
        func fixed(_ name: String, _ month: Int, _ day: Int) -> Holiday? {
            guard let actual = CivilDate(year: year, month: month, day: day) else { return nil }
            switch actual.weekday {
            case .saturday: return Holiday(name: name, date: actual.adding(days: -1), actual: actual)
            case .sunday: return Holiday(name: name, date: actual.adding(days: 1), actual: actual)
            default: return Holiday(name: name, date: actual, actual: actual)
            }
        }
        func nth(_ name: String, _ n: Int, _ weekday: Weekday, _ month: Int) -> Holiday? {
            guard let first = CivilDate(year: year, month: month, day: 1) else { return nil }
            let offset = (weekday.rawValue - first.weekday.rawValue + 7) % 7
            let date = first.adding(days: offset + 7 * (n - 1))
            return Holiday(name: name, date: date, actual: date)
        }
        func last(_ name: String, _ weekday: Weekday, _ month: Int) -> Holiday? {
            guard let lastDay = CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year)) else { return nil }
            let offset = (lastDay.weekday.rawValue - weekday.rawValue + 7) % 7
            let date = lastDay.adding(days: -offset)
            return Holiday(name: name, date: date, actual: date)
        }
        var days = [
            fixed("New Year's Day", 1, 1), nth("Birthday of Martin Luther King, Jr.", 3, .monday, 1),
            nth("Washington's Birthday", 3, .monday, 2), last("Memorial Day", .monday, 5),
            fixed("Independence Day", 7, 4), nth("Labor Day", 1, .monday, 9), nth("Columbus Day", 2, .monday, 10),
            fixed("Veterans Day", 11, 11), nth("Thanksgiving Day", 4, .thursday, 11), fixed("Christmas Day", 12, 25),
        ]
        if year >= 2021 { days.append(fixed("Juneteenth National Independence Day", 6, 19)) }
        return days.compactMap { $0 }.sorted { $0.date < $1.date }
    }
}
