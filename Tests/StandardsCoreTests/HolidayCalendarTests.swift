import Testing
@testable import StandardsCore

@Suite("Holiday calendars and working days (b14.5, b14.6)")
struct HolidayCalendarTests {
    let federal = HolidayCalendar()

    func d(_ text: String) -> CivilDate { CivilDate(text)! }

    @Test func computesThe2026FederalHolidaysByTheirRules() {
        let days = FederalHolidays.observed(in: 2026).map { "\($0.date) \($0.name)" }
        #expect(days == [
            "2026-01-01 New Year's Day", "2026-01-19 Birthday of Martin Luther King, Jr.", "2026-02-16 Washington's Birthday",
            "2026-05-25 Memorial Day", "2026-06-19 Juneteenth National Independence Day", "2026-07-03 Independence Day",
            "2026-09-07 Labor Day", "2026-10-12 Columbus Day", "2026-11-11 Veterans Day", "2026-11-26 Thanksgiving Day",
            "2026-12-25 Christmas Day",
        ])
    }

    @Test func observesWeekendHolidaysOnFridayOrMonday() {
        // 2026-07-04 is a Saturday → observed Friday 2026-07-03; 2027-12-25 is a Saturday → Friday 12-24;
        // 2028-01-01 is a Saturday → observed Friday 2027-12-31; 2022-06-19 is a Sunday → Monday 06-20.
        #expect(federal.holidayName(d("2026-07-03")) == "Independence Day")
        #expect(federal.holidayName(d("2027-12-24")) == "Christmas Day")
        #expect(federal.holidayName(d("2027-12-31")) == "New Year's Day")
        #expect(federal.holidayName(d("2022-06-20")) == "Juneteenth National Independence Day")
        #expect(federal.holidayName(d("2020-06-19")) == nil, "Juneteenth is a federal holiday from 2021")
    }

    @Test func closureDaysAndWorkingDayArithmetic() {
        let obar = HolidayCalendar(named: "us-federal", closureDays: ["2026-12-24"])!
        #expect(!obar.isWorkingDay(d("2026-12-24")))
        #expect(obar.holidayName(d("2026-12-24")) == "association closure")
        #expect(HolidayCalendar(named: "moon", closureDays: []) == nil)
        #expect(HolidayCalendar(named: "us-federal", closureDays: ["2026-13-01"]) == nil)
        // 5 working days from Wed 2026-11-25: Fri 27, Mon 30, Tue 1, Wed 2, Thu 3 (Thanksgiving 26th skipped).
        #expect(federal.adding(workingDays: 5, to: d("2026-11-25")) == d("2026-12-03"))
        #expect(federal.subtracting(workingDays: 1, from: d("2026-11-27")) == d("2026-11-25"))
        #expect(federal.nextWorkingDay(onOrAfter: d("2026-08-01")) == d("2026-08-03"))
    }
}

@Suite("Tolling: suspensions merge and add end − start days (a1.3, a1.4)")
struct TollingTests {
    func d(_ text: String) -> CivilDate { CivilDate(text)! }

    @Test func overlappingSuspensionsAreCountedOnce() {
        let merged = Tolling.merge([
            SuspensionInterval(start: d("2026-03-02"), end: d("2026-03-23"), reason: "mediation"),
            SuspensionInterval(start: d("2026-03-10"), end: d("2026-04-01"), reason: "respondent not a member"),
            SuspensionInterval(start: d("2026-06-01"), end: d("2026-06-11"), reason: "ombuds"),
        ])
        #expect(merged.count == 2)
        #expect(merged[0].start == d("2026-03-02") && merged[0].end == d("2026-04-01"))
        let (lastDay, counted) = Tolling.extend(start: d("2026-02-02"), days: 180, by: merged)
        #expect(counted.map(\.1) == [30, 10])
        #expect(lastDay == d("2026-08-01").adding(days: 40))
    }

    @Test func suspensionBeforeTheWindowDoesNotCount() {
        let (lastDay, counted) = Tolling.extend(start: d("2026-04-20"), days: 180,
                                                by: [SuspensionInterval(start: d("2026-03-02"), end: d("2026-03-23"), reason: "mediation")])
        #expect(counted.isEmpty)
        #expect(lastDay == d("2026-10-17"))
    }
}
