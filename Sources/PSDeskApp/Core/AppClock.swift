import Vapor
import StandardsCore

/// The one clock: what instant it is, and so what day it is in each association's calendar. Everything that asks
/// "what is today" asks this, so a test or a demo can pin the day and every time frame follows.
struct AppClock: Sendable {
    let now: @Sendable () -> Date

    static let system = AppClock(now: { Date() })

    /// A clock stopped at one instant.
    static func fixed(_ instant: Date) -> AppClock { AppClock(now: { instant }) }

    /// Today in the association's own calendar (its time zone), as a civil date.
    func today(for association: Association) throws -> CivilDate {
        guard let zone = AssociationClock(timeZoneIdentifier: association.timeZone) else {
            throw AppError(.internalServerError, code: "bad_time_zone", message: "The association's time zone is not known.")
        }
        return zone.civilDate(at: now())
    }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = AppClock }

    /// The system clock unless something (a test) set another.
    var clock: AppClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    /// Today in the association's calendar, by the application's clock.
    func today(for association: Association) throws -> CivilDate { try application.clock.today(for: association) }
}
