import Foundation

/// Shows an instant as people at the association read it: local time with the zone's abbreviation.
enum TimestampFormatting {
    /// One formatter per time zone, made once: building a `DateFormatter` per timestamp was 15 % of the case page's
    /// CPU (issue 12). Formatting holds the lock: a formatter is not safe to share between threads on Linux.
    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var formatters: [String: DateFormatter] = [:]
    }
    private static let cache = Cache()

    static func local(_ instant: Date, timeZone identifier: String) -> String {
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let formatter = cache.formatters[identifier] { return formatter.string(from: instant) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
        // Only zones the app knows are cached; an unknown one is formatted (as UTC) without filling the cache.
        if TimeZone(identifier: identifier) != nil && cache.formatters.count < 64 { cache.formatters[identifier] = formatter }
        return formatter.string(from: instant)
    }
}
