/// A span during which a window's clock is suspended (a1.3 informal process the complainant asked for,
/// a1.4 respondent not a member). `start` is the day suspension began, `end` the day it ended.
public struct SuspensionInterval: Hashable, Sendable, Codable {
    public let start: CivilDate
    public let end: CivilDate
    public let reason: String

    public init(start: CivilDate, end: CivilDate, reason: String) {
        self.start = start
        self.end = end
        self.reason = reason
    }

    /// Days added to a window: end − start (a1.3).
    public var days: Int { max(0, start.days(to: end)) }
}

public enum Tolling {
    /// Merges overlapping or touching intervals, so no day is counted twice. Idempotent.
    public static func merge(_ intervals: [SuspensionInterval]) -> [SuspensionInterval] {
        if intervals.count < 2 { return intervals.filter { $0.start <= $0.end } }
        let sorted = intervals.filter { $0.start <= $0.end }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var merged: [SuspensionInterval] = []
        for interval in sorted {
            if let last = merged.last, interval.start <= last.end {
                let reason = last.reason == interval.reason || last.reason.contains(interval.reason) ? last.reason : "\(last.reason) + \(interval.reason)"
                merged[merged.count - 1] = SuspensionInterval(start: last.start, end: max(last.end, interval.end), reason: reason)
            } else {
                merged.append(interval)
            }
        }
        return merged
    }

    /// Extends a window of `days` calendar days from `start` by every suspension that begins before the
    /// (growing) last day, clipped to start on or after the window's start. Returns the last day and the
    /// suspensions that counted, with the days each added.
    public static func extend(start: CivilDate, days: Int, by intervals: [SuspensionInterval]) -> (lastDay: CivilDate, counted: [(SuspensionInterval, Int)]) {
        var lastDay = start.adding(days: days)
        if intervals.isEmpty { return (lastDay, []) }
        var counted: [(SuspensionInterval, Int)] = []
        for interval in merge(intervals) {
            let clippedStart = max(interval.start, start)
            guard interval.end > clippedStart, clippedStart <= lastDay else { continue }
            let added = clippedStart.days(to: interval.end)
            lastDay = lastDay.adding(days: added)
            counted.append((SuspensionInterval(start: clippedStart, end: interval.end, reason: interval.reason), added))
        }
        return (lastDay, counted)
    }
}
