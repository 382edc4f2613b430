import Foundation
import Testing
@testable import StandardsCore

@Suite("Civil dates (b14.6: civil days, not Date at midnight)")
struct CivilDateTests {
    @Test func parsesAndPrintsRoundTrip() {
        for text in ["2026-02-02", "2024-02-29", "1999-12-31", "0001-01-01", "9999-12-31"] {
            #expect(CivilDate(text)?.description == text)
        }
    }

    @Test func refusesImpossibleOrMalformedDates() {
        for text in ["2026-02-29", "2025-13-01", "2026-04-31", "2026-2-2", "20260202", "2026-02-02T00:00", "", "abcd-ef-gh", "2100-02-29"] {
            #expect(CivilDate(text) == nil, "\(text) should not parse")
        }
    }

    @Test func knowsWeekdays() {
        // 2026-08-01 is the Saturday of the seed example (a1.2 worked example in issue 4).
        #expect(CivilDate("2026-08-01")?.weekday == .saturday)
        #expect(CivilDate("2026-11-23")?.weekday == .monday)
        #expect(CivilDate("1970-01-01")?.weekday == .thursday)
        #expect(CivilDate("1969-12-31")?.weekday == .wednesday)
        #expect(CivilDate("2026-08-01")?.isWeekend == true)
    }

    @Test func addsDaysAcrossMonthsYearsAndLeapDays() throws {
        let start = try #require(CivilDate("2026-02-02"))
        // 180 days from 2026-02-02 is 2026-08-01 (a1.2, trigger day is day 0).
        #expect(start.adding(days: 180).description == "2026-08-01")
        #expect(try #require(CivilDate("2024-02-28")).adding(days: 1).description == "2024-02-29")
        #expect(try #require(CivilDate("2025-12-31")).adding(days: 1).description == "2026-01-01")
        #expect(start.days(to: start.adding(days: 21)) == 21)
        #expect(try #require(CivilDate("2026-03-01")) > start)
    }

    @Test func encodesAsPlainDateString() throws {
        let date = try #require(CivilDate("2026-10-17"))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2026-10-17\"]")
        #expect(try JSONDecoder().decode([CivilDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CivilDate].self, from: Data("[\"2026-02-30\"]".utf8)) }
    }
}

@Suite("Instant to civil date, in the association's zone")
struct AssociationClockTests {
    let eastern = AssociationClock(timeZoneIdentifier: "America/New_York")!

    func instant(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    @Test func midnightBelongsToTheNewDay() {
        #expect(eastern.civilDate(at: instant("2026-07-01T04:00:00Z")).description == "2026-07-01")  // 00:00 EDT
        #expect(eastern.civilDate(at: instant("2026-07-01T03:59:59Z")).description == "2026-06-30")  // 23:59:59 EDT
    }

    @Test func daylightSavingEdges() {
        // Spring forward 2026-03-08: 02:00 EST becomes 03:00 EDT.
        #expect(eastern.civilDate(at: instant("2026-03-08T04:59:59Z")).description == "2026-03-07")  // 23:59:59 EST
        #expect(eastern.civilDate(at: instant("2026-03-08T07:30:00Z")).description == "2026-03-08")  // 03:30 EDT
        // Fall back 2026-11-01: 02:00 EDT becomes 01:00 EST.
        #expect(eastern.civilDate(at: instant("2026-11-01T03:59:59Z")).description == "2026-10-31")  // 23:59:59 EDT
        #expect(eastern.civilDate(at: instant("2026-11-01T05:30:00Z")).description == "2026-11-01")  // 00:30 EST
        #expect(eastern.civilDate(at: instant("2026-11-02T04:59:59Z")).description == "2026-11-01")  // 23:59:59 EST
    }

    @Test func unknownZoneIsRefused() {
        #expect(AssociationClock(timeZoneIdentifier: "Mars/Olympus") == nil)
    }
}
