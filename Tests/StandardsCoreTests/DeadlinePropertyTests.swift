import Foundation
import Testing
import PropertyBased
@testable import StandardsCore

/// Invariants of the engine, checked on generated inputs.
@Suite("Deadline invariants (property-based)")
struct DeadlinePropertyTests {
    static let base = CivilDate("2024-01-01")!

    /// Generated (start offset, length) pairs as suspension intervals within ~3 years of `base`.
    static let intervals = zip(Gen.int(in: 0...1000), Gen.int(in: 0...120)).array(of: 0...6)

    static func suspensions(_ raw: [(Int, Int)]) -> [SuspensionInterval] {
        raw.map { SuspensionInterval(start: base.adding(days: $0.0), end: base.adding(days: $0.0 + $0.1), reason: "generated") }
    }

    static func appealDue(noticeOffset: Int, days: Int, working: Bool, roll: Bool) -> CivilDate? {
        var profile = RuleProfiles.nar
        profile.windows[DeadlineKey.dismissalAppeal.rawValue] = WindowRule(days, working ? .working : .calendar, from: .transmitted, rollForward: roll, rule: .a1_10)
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2024-01-01", ["articles": .text("1")])
        docket.add(.noticeSent, base.adding(days: noticeOffset).description, ["notice": .text("dismissal")])
        let deadlines = DeadlineDerivation.derive(DeadlineInput(kind: .ethics, profile: profile, calendar: HolidayCalendar(), docket: docket.entries,
                                                                asOf: base.adding(days: 2000)))
        return deadlines.first { $0.key == .dismissalAppeal }?.dueOn
    }

    @Test func aLaterTriggerNeverGivesAnEarlierDeadline() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1500), Gen.int(in: 0...40), Gen.int(in: 0...60), Gen.bool, Gen.bool) { offset, delta, days, working, roll in
            let earlier = Self.appealDue(noticeOffset: offset, days: days, working: working, roll: roll)
            let later = Self.appealDue(noticeOffset: offset + delta, days: days, working: working, roll: roll)
            #expect(earlier != nil && later != nil)
            if let earlier, let later { #expect(later >= earlier) }
        }
    }

    @Test func aSuspensionNeverShortensAWindow() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...400), Self.intervals, zip(Gen.int(in: 0...1000), Gen.int(in: 0...120))) { start, raw, extra in
            let startDay = Self.base.adding(days: start)
            let without = Tolling.extend(start: startDay, days: 180, by: []).lastDay
            let with = Tolling.extend(start: startDay, days: 180, by: Self.suspensions(raw)).lastDay
            let withMore = Tolling.extend(start: startDay, days: 180, by: Self.suspensions(raw + [extra])).lastDay
            #expect(with >= without)
            #expect(withMore >= with)
        }
    }

    @Test func mergingSuspensionsIsIdempotentAndNeverCountsADayTwice() async {
        await propertyCheck(count: 300, input: Self.intervals) { raw in
            let intervals = Self.suspensions(raw)
            let once = Tolling.merge(intervals)
            #expect(Tolling.merge(once) == once)
            #expect(Tolling.merge(intervals.reversed()) == once)
            // Merged intervals do not overlap, and cover exactly the days the inputs cover.
            for (a, b) in zip(once, once.dropFirst()) { #expect(a.end < b.start) }
            var covered: Set<Int> = []
            for interval in intervals where interval.start < interval.end {
                for day in interval.start.dayNumber..<interval.end.dayNumber { covered.insert(day) }
            }
            #expect(once.map(\.days).reduce(0, +) == covered.count)
        }
    }

    @Test func workingDayDeadlinesLandOnWorkingDays() async {
        let calendar = HolidayCalendar()
        await propertyCheck(count: 300, input: Gen.int(in: 0...3000), Gen.int(in: 1...30)) { offset, days in
            let due = calendar.adding(workingDays: days, to: Self.base.adding(days: offset))
            #expect(calendar.isWorkingDay(due))
            #expect(calendar.subtracting(workingDays: days, from: due) <= Self.base.adding(days: offset))
        }
    }

    @Test func civilDatesRoundTripThroughText() async {
        await propertyCheck(count: 500, input: Gen.int(in: -700_000...2_900_000)) { dayNumber in
            let date = CivilDate(dayNumber: dayNumber)
            #expect(CivilDate(date.description) == date)
        }
    }
}
