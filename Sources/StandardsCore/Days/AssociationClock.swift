import Foundation

/// The one place that turns an instant into a civil date on an association's calendar.
///
/// Foundation's `TimeZone` is used for the offset only; the domain never reads the clock itself:
/// callers pass the instant in.
public struct AssociationClock: Sendable {
    public let timeZone: TimeZone

    public init?(timeZoneIdentifier: String) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else { return nil }
        self.timeZone = zone
    }

    public func civilDate(at instant: Date) -> CivilDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return CivilDate(dayNumber: days)
    }

    /// The instant a wall-clock time on a civil date happens in the association's zone (a hearing at 10:00 on its
    /// day), for a calendar that shows it in each reader's own zone. In the hour a change to summer time skips, the
    /// offset before the change is used.
    public func instant(on day: CivilDate, hour: Int, minute: Int) -> Date {
        let local = TimeInterval(day.dayNumber * 86_400 + hour * 3_600 + minute * 60)
        let guess = Date(timeIntervalSince1970: local - TimeInterval(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local))))
        return Date(timeIntervalSince1970: local - TimeInterval(timeZone.secondsFromGMT(for: guess)))
    }

    /// Minutes since local midnight at an instant (for "each morning at 7").
    public func minuteOfDay(at instant: Date) -> Int {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        return ((seconds % 86_400) + 86_400) % 86_400 / 60
    }
}
