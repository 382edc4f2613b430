import Foundation
import Testing
@testable import StandardsCore

@Suite("The case calendar and its iCalendar text (issue 19; RFC 5545; a1.15, a1.19, a2.29)")
struct CaseCalendarTests {
    @Test func aHearingIsOneEventThatMovesWithEachContinuanceAndKeepsItsPlace() throws {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1")])
        docket.add(.hearingScheduled, "2026-05-01", ["hearingOn": .text("2026-06-01"), "time": .text("2:30 pm"), "place": .text("Board room")])
        var events = CaseCalendar.events(docket.entries)
        let first = try #require(events.first)
        #expect(events.count == 1 && first.kind == .hearing && first.on == CivilDate("2026-06-01") && first.revision == 0)
        #expect(first.startsAt?.hour == 14 && first.startsAt?.minute == 30 && first.place == "Board room")
        docket.add(.hearingContinued, "2026-05-20", ["hearingOn": .text("2026-06-20"), "basis": .text("all-parties-agree")])
        events = CaseCalendar.events(docket.entries)
        #expect(events.count == 1 && events[0].key == first.key && events[0].on == CivilDate("2026-06-20") && events[0].revision == 1)
        #expect(events[0].place == "Board room" && events[0].startsAt?.hour == 14, "a continuance keeps the time and place")
        // Each mediation session is its own event (a2.29); one with an unreadable time is a whole day that says the time.
        docket.add(.mediationSession, "2026-05-02", ["sessionOn": .text("2026-05-10"), "time": .text("after lunch"), "place": .text("Room 2")])
        let session = try #require(CaseCalendar.events(docket.entries).first { $0.kind == .mediationSession })
        #expect(session.startsAt == nil && session.timeText == "after lunch")
    }

    @Test func clockTimesAreReadOrLeftAsTyped() {
        #expect(CalendarEvent.clock("09:30")! == (9, 30))
        #expect(CalendarEvent.clock("9:30")! == (9, 30))
        #expect(CalendarEvent.clock("12 pm")! == (12, 0))
        #expect(CalendarEvent.clock("12:15am")! == (0, 15))
        #expect(CalendarEvent.clock("2 p.m.")! == (14, 0))
        for bad in ["25:00", "9:7", "13 pm", "noon", "", "9:60", "-1:00"] { #expect(CalendarEvent.clock(bad) == nil, "\(bad)") }
    }

    @Test func aLocalTimeBecomesTheRightInstantOnBothSidesOfSummerTime() throws {
        let zone = try #require(AssociationClock(timeZoneIdentifier: "America/New_York"))
        // 10:00 EST is 15:00 UTC; 10:00 EDT is 14:00 UTC.
        #expect(ICalendar.utc(zone.instant(on: CivilDate("2026-12-15")!, hour: 10, minute: 0)) == "20261215T150000Z")
        #expect(ICalendar.utc(zone.instant(on: CivilDate("2026-07-01")!, hour: 10, minute: 0)) == "20260701T140000Z")
        // The day summer time starts, 09:00 is already EDT.
        #expect(ICalendar.utc(zone.instant(on: CivilDate("2026-03-08")!, hour: 9, minute: 0)) == "20260308T130000Z")
    }

    @Test func textIsEscapedAndLongLinesFoldWithoutSplittingACharacter() {
        #expect(ICalendar.text("Room 2; floor 3, east\\wing\nBring ID") == "Room 2\\; floor 3\\, east\\\\wing\\nBring ID")
        #expect(ICalendar.text("a\u{0}b\u{7}c") == "abc")
        let long = "DESCRIPTION:" + String(repeating: "é", count: 80)
        let folded = ICalendar.fold(long)
        let lines = folded.components(separatedBy: "\r\n")
        #expect(lines.count > 1 && lines.allSatisfy { $0.utf8.count <= 75 } && lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(lines.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == long)
        let calendar = ICalendar(name: "Test", events: [.init(uid: "u1@x", summary: "Hearing", description: "", start: .day(CivilDate("2026-12-31")!))])
        let text = calendar.render(stamp: Date(timeIntervalSince1970: 0))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101") && text.contains("DTSTAMP:19700101T000000Z"))
    }
}
