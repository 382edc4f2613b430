import Foundation

/// Shows an instant as people at the association read it: local time with the zone's abbreviation.
enum TimestampFormatting {
    static func local(_ instant: Date, timeZone identifier: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
        return formatter.string(from: instant)
    }
}
