/// A date on the association's calendar: no time zone, no time of day.
///
/// Rules count civil days ("within 20 days", b14.6), so dates are stored as a day number, never as a
/// `Date` at midnight, which would shift across time zones and daylight-saving changes.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it), always within 0001-01-01...9999-12-31.
    public let dayNumber: Int

    /// 0001-01-01 and 9999-12-31: every date PSDesk handles lies between, so arithmetic saturates there
    /// instead of trapping on overflow or leaving the years `description` can write.
    public static let dayNumberRange = -719_162...2_932_896
    public static let earliest = CivilDate(dayNumber: dayNumberRange.lowerBound)
    public static let latest = CivilDate(dayNumber: dayNumberRange.upperBound)

    /// A day number outside the supported range is clamped to its nearest end.
    public init(dayNumber: Int) {
        self.dayNumber = min(max(dayNumber, Self.dayNumberRange.lowerBound), Self.dayNumberRange.upperBound)
    }

    /// Returns nil for an impossible date (2026-02-30) or a year outside 1..9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.dayNumber = era * 146097 + doe - 719468
    }

    /// Parses exactly `YYYY-MM-DD`; anything else is nil.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public var year: Int { components.year }

    /// "November 30, 2026", as a letter dates itself.
    public var writtenOut: String {
        let (y, m, d) = components
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(months[m - 1]) \(d), \(y)"
    }

    /// Years a case can mean. A date outside is a slip (a six-digit year typed into a date field) that would carry
    /// every time frame counted from it along.
    public static let plausibleYears = 1950...2199
    public var isPlausible: Bool { Self.plausibleYears.contains(year) }

    public var weekday: Weekday { Weekday(rawValue: ((dayNumber % 7) + 7 + 4) % 7)! }  // 1970-01-01 was a Thursday.

    public var isWeekend: Bool { weekday == .saturday || weekday == .sunday }

    /// Saturates at `earliest`/`latest`: a count of any size never traps (a stored count is data, not a promise).
    public func adding(days: Int) -> CivilDate {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        if overflow { return days > 0 ? .latest : .earliest }
        return CivilDate(dayNumber: sum)
    }

    /// The same day `months` later, clamped to the month's last day (2026-01-31 + 1 month = 2026-02-28);
    /// saturates at `earliest`/`latest`.
    public func adding(months: Int) -> CivilDate {
        let (y, m, d) = components
        let maxMonths = 10_000 * 12
        guard months.magnitude < maxMonths else { return months > 0 ? .latest : .earliest }
        let total = y * 12 + (m - 1) + months
        let year = total / 12, month = total % 12 + 1
        if year > 9999 { return .latest }
        if year < 1 || total < 0 { return .earliest }
        return CivilDate(year: year, month: month, day: min(d, CivilDate.daysIn(month: month, year: year))) ?? self
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: CivilDate) -> Int { other.dayNumber - dayNumber }

    public var description: String {
        let (y, m, d) = components
        // Written digit by digit: dates are formatted many times per derived deadline.
        return String(unsafeUninitializedCapacity: 10) { buffer in
            let zero = UInt8(ascii: "0")
            buffer[0] = zero + UInt8(y / 1000 % 10); buffer[1] = zero + UInt8(y / 100 % 10)
            buffer[2] = zero + UInt8(y / 10 % 10); buffer[3] = zero + UInt8(y % 10)
            buffer[4] = UInt8(ascii: "-"); buffer[5] = zero + UInt8(m / 10); buffer[6] = zero + UInt8(m % 10)
            buffer[7] = UInt8(ascii: "-"); buffer[8] = zero + UInt8(d / 10); buffer[9] = zero + UInt8(d % 10)
            return 10
        }
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}


public enum Weekday: Int, Sendable, CaseIterable {
    case sunday = 0, monday, tuesday, wednesday, thursday, friday, saturday

    public var shortName: String { ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][rawValue] }
}

extension CivilDate: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a date as YYYY-MM-DD, got \"\(text)\"")
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
