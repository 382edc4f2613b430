import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// A feed as Python's `icalendar` reads it (RFC 5545): each event's UID, summary, start, location and sequence.
struct ParsedEvent: Decodable {
    let uid: String; let summary: String; let start: String; let location: String?; let sequence: Int; let url: String?
}

func parseICS(_ text: String) throws -> [ParsedEvent] {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("psdesk-\(UUID().uuidString).ics").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let script = """
        import icalendar, json, sys
        calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        assert calendar.get('VERSION') == '2.0' and calendar.get('PRODID'), 'VERSION and PRODID are required'
        out = []
        for e in calendar.walk('VEVENT'):
            for required in ('UID', 'DTSTAMP', 'DTSTART'):
                assert e.get(required) is not None, required + ' is required'
            out.append({'uid': str(e['UID']), 'summary': str(e['SUMMARY']), 'start': e.decoded('DTSTART').isoformat(),
                        'location': str(e['LOCATION']) if e.get('LOCATION') else None, 'sequence': int(e.get('SEQUENCE', 0)),
                        'url': str(e['URL']) if e.get('URL') else None})
        print(json.dumps(out))
        """
    let (status, output) = try runProgram("/usr/bin/env", ["python3", "-c", script, path])
    #expect(status == 0, "icalendar refused the feed")
    return try JSONDecoder().decode([ParsedEvent].self, from: Data(output.utf8))
}

@Suite("Calendars: each person's private feed (issue 19; a1.15, a1.16, a2.21)")
struct CalendarFeedTests {
    /// Makes the signed-in person's calendar link from the account page and returns it.
    static func link(_ browser: Browser) async throws -> String {
        _ = try await browser.get("/account")
        let page = try await browser.post("/account/calendar", form: [:]).body.string
        let start = try #require(page.range(of: "id=\"calendar-url\" value=\""))
        return String(page[start.upperBound...].prefix { $0 != "\"" })
    }

    static func feed(_ app: Application, _ url: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.GET, URL(string: url)?.path ?? url)
    }

    @Test func eachPersonSeesTheirOwnHearingAndAContinuedHearingMovesTheSameEvent() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            typealias Walk = ArbitrationHearingTests
            let cast = try await Walk.cast(app, fixture, fixture.home, staffEmail: "staff@home.test")
            let number = try await Walk.open(app, cast)
            try await Walk.step(app, cast, number, "arbitration-request", as: cast.staff,
                                #"{"effectiveOn":"2026-08-03","amount":"48,000.00","nature":"Cooperating commission","firm":"Clara Commercial","transactionConcludedOn":"2026-07-01","field":"residential","agreementSigned":"yes"}"#)
            try await Walk.step(app, cast, number, "arbitration-classify", as: cast.gc, #"{"effectiveOn":"2026-08-10","classification":"mandatory"}"#)
            try await Walk.step(app, cast, number, "arbitration-serve", as: cast.staff, #"{"effectiveOn":"2026-08-11"}"#)
            try await Walk.step(app, cast, number, "arbitration-respond", as: cast.respondent, #"{"effectiveOn":"2026-08-14","answer":"agrees","firm":"Ross Realty"}"#)
            let c = cast.committee
            try await Walk.step(app, cast, number, "hearing/panel-list", as: cast.staff, #"{"effectiveOn":"2026-08-20"}"#)
            try await Walk.step(app, cast, number, "hearing/name-panel", as: c.chairLogin,
                                #"{"effectiveOn":"2026-09-01","members":["\#(c.chair)","\#(c.gamma)","\#(c.epsilon)"],"chairId":"\#(c.chair)","overrideReason":"The calendar test's panel."}"#)
            for panelist in [c.chair, c.gamma, c.epsilon] {
                try await Walk.step(app, cast, number, "hearing/certify", as: cast.staff, #"{"effectiveOn":"2026-09-01","personId":"\#(panelist)"}"#)
            }
            try await Walk.step(app, cast, number, "hearing/schedule", as: cast.staff,
                                #"{"effectiveOn":"2026-11-02","hearingOn":"2026-12-15","time":"9:30","place":"https://meet.example/hearing-1"}"#)

            let claimant = Browser(app), panelist = Browser(app), stranger = Browser(app), staff = Browser(app)
            _ = try await claimant.signIn("clara-home@arb.test")
            _ = try await panelist.signIn("gale-home@test")
            _ = try await stranger.signIn("mona-home@arb.test")
            _ = try await staff.signIn("staff@home.test")
            let claimantURL = try await Self.link(claimant)
            #expect(claimantURL.hasPrefix(app.psdesk.publicURL + "/calendar/psd_") && claimantURL.hasSuffix(".ics"))
            // Only the link's hash is kept.
            let token = String(claimantURL.split(separator: "/").last!.dropLast(4))
            #expect(try await CalendarFeedRecord.query(on: app.db).filter(\.$tokenHash == TokenHashing.hash(token)).count() == 1)
            #expect(try await CalendarFeedRecord.query(on: app.db).filter(\.$tokenHash == token).count() == 0)

            let served = try await Self.feed(app, claimantURL)
            #expect(served.status == .ok && served.headers.contentType?.description.hasPrefix("text/calendar") == true)
            #expect(served.body.string.contains("\r\n") && !served.body.string.contains("Clara Claimant"), "CRLF lines; no party named")
            var events = try parseICS(served.body.string)
            let hearing = try #require(events.first { $0.summary.hasPrefix("Hearing") })
            // 9:30 in New York on 2026-12-15 is 14:30 UTC.
            #expect(hearing.start == "2026-12-15T14:30:00+00:00" && hearing.location == "https://meet.example/hearing-1" && hearing.sequence == 0)
            #expect(hearing.url == "https://meet.example/hearing-1" && hearing.summary.contains(number))
            // The claimant's own time frame: witnesses and counsel 15 days before (a1.20), a whole day.
            #expect(!events.contains { $0.summary.hasPrefix("Due:") }, "no time frame of the claimant's is dated ahead")

            // The panelist sees the hearing; a mediator not on the case sees nothing of it.
            let panelistEvents = try parseICS(try await Self.feed(app, try await Self.link(panelist)).body.string)
            #expect(panelistEvents.contains { $0.uid == hearing.uid })
            let strangerEvents = try parseICS(try await Self.feed(app, try await Self.link(stranger)).body.string)
            #expect(!strangerEvents.contains { $0.uid == hearing.uid })
            // A complaint filed now: the Grievance Committee's review is due (b6.2), in its calendar and staff's as a whole day.
            let ethics = try await fixture.openEthicsCase()
            try await fixture.append(ethics, [#"{"type":"complaint.filed","effectiveOn":"2026-11-27","payload":{"articles":"1","transactionConcludedOn":"2026-10-02"}}"#])
            try await fixture.acknowledge(ethics, on: "2026-11-27")
            let review = try #require(try await CaseDeadlineRow.query(on: app.db).filter(\.$caseNumber == ethics).filter(\.$key == DeadlineKey.gcReview.rawValue).first())
            let reviewDue = try #require(review.dueOn)
            let gc = Browser(app)
            _ = try await gc.signIn("gc@home.test")
            let gcEvents = try parseICS(try await Self.feed(app, try await Self.link(gc)).body.string)
            #expect(gcEvents.contains { $0.summary.hasPrefix("Due:") && $0.summary.contains(ethics) && $0.start == reviewDue })
            #expect(!gcEvents.contains { $0.uid == hearing.uid }, "the Committee does not sit at the hearing")
            let staffEvents = try parseICS(try await Self.feed(app, try await Self.link(staff)).body.string)
            #expect(staffEvents.contains { $0.uid == hearing.uid } && staffEvents.contains { $0.summary.contains(ethics) && $0.start == reviewDue })
            #expect(!(try parseICS(try await Self.feed(app, claimantURL).body.string)).contains { $0.summary.contains(ethics) })

            // Continued by agreement: the same event moves, one sequence later (a2.21).
            try await Walk.step(app, cast, number, "hearing/continuance", as: cast.staff,
                                #"{"effectiveOn":"2026-11-20","hearingOn":"2026-12-29","continuanceBasis":"all-parties-agree"}"#)
            events = try parseICS(try await Self.feed(app, claimantURL).body.string)
            let moved = try #require(events.first { $0.uid == hearing.uid })
            #expect(moved.start == "2026-12-29T14:30:00+00:00" && moved.sequence == 1 && moved.location == hearing.location)
            #expect(events.filter { $0.summary.hasPrefix("Hearing") }.count == 1)

            // A new link replaces the old; turning it off ends it; a made-up one is not found.
            let replaced = try await Self.link(claimant)
            #expect(try await Self.feed(app, claimantURL).status == .notFound)
            #expect(try await Self.feed(app, replaced).status == .ok)
            #expect(try await claimant.post("/account/calendar/off", form: [:]).status == .seeOther)
            #expect(try await Self.feed(app, replaced).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/calendar/psd_made-up.ics").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/calendar/\(String(repeating: "x", count: 300)).ics").status == .notFound)
        }
    }
}
