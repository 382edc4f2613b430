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
}
