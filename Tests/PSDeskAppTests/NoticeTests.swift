import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

@Suite("Notices: printable letters and recorded receipt (issue 5, b14)")
struct NoticeTests {
    @Test func theLetterListsTheTimeFramesItStartsAndReceiptMovesThem() async throws {
        try await withTestApp { app in
            // setup: an OBAR case (dismissal appeal counts from receipt, a2.10) with a dismissal notice
            let fixture = try await Fixture.make(app)
            let created = try await app.testing().sendRequest(.POST, "/api/v1/associations/other/cases", headers: fixture.bearer("staff@other.test")) {
                $0.json(#"{"kind":"ethics","title":"Dismissed complaint","openedOn":"2026-03-02"}"#)
            }
            let number = try created.content.decode(APIModel.CaseOut.self).number
            let path = "/api/v1/associations/other/cases/\(number)/entries"
            let appended = try await app.testing().sendRequest(.POST, path, headers: fixture.bearer("staff@other.test")) {
                $0.json(#"{"type":"complaint.filed","effectiveOn":"2026-03-02","payload":{"articles":"1"}}"#)
            }
            #expect(appended.status == .created, "\(appended.body.string)")
            // Taken in, then dismissed by the Committee (recorded by staff from its minutes), through their steps.
            for (step, body) in [("acknowledge", #"{"effectiveOn":"2026-03-03"}"#), ("gc-decision", #"{"effectiveOn":"2026-04-01","decision":"dismiss","reason":"unworthy"}"#)] {
                let done = try await app.testing().sendRequest(.POST, "/api/v1/associations/other/cases/\(number)/\(step)", headers: fixture.bearer("staff@other.test")) {
                    $0.json(body)
                }
                #expect(done.status == .ok, "\(done.body.string)")
            }
            let sent = try await app.testing().sendRequest(.POST, path, headers: fixture.bearer("staff@other.test")) {
                $0.json(#"{"type":"notice.sent","effectiveOn":"2026-04-02","payload":{"notice":"dismissal","to":"Pat Public","channel":"mail"}}"#)
            }
            let notice = try sent.content.decode(APIModel.EntryOut.self)
            let browser = Browser(app)
            _ = try await browser.signIn("staff@other.test")
            // act: the letter
            let letter = try await browser.get("/a/other/cases/\(number)/notices/\(notice.id)/letter")
            // check
            #expect(letter.status == .ok)
            #expect(letter.body.string.contains("Dismissal of your complaint"))
            #expect(letter.body.string.contains("Complainant may appeal the dismissal (Form E-22)"))
            #expect(letter.body.string.contains("20 days from the day you receive the notice"))
            // The letter carries its substance: to whom, when, what was decided and why, what may be done, who signs.
            let html = letter.body.string
            #expect(html.contains("Dear Pat Public,") && html.contains("April 2, 2026"))
            #expect(html.contains("dismissed, because it does not warrant further consideration"))
            #expect(html.contains("What you may do") && html.contains("Form E-22"))
            #expect(html.contains("Professional Standards Administrator, Other Association"))
            #expect(!letter.body.string.contains("days left"), "a letter states the rule as sent, not today's standing")
            // act: record receipt through the case page's form
            let page = try await browser.get("/a/other/cases/\(number)")
            #expect(page.body.string.contains("Record receipt"))
            let bad = try await browser.post("/a/other/cases/\(number)/notices/\(notice.id)/receipt", form: ["receivedOn": "2026-03-30"])
            #expect(bad.status == .unprocessableEntity)
            let noticesBefore = try await app.testing().sendRequest(.GET, path, headers: fixture.bearer("staff@other.test"))
                .content.decode([APIModel.EntryOut].self).filter { $0.type == "notice.sent" }.count
            let recorded = try await browser.post("/a/other/cases/\(number)/notices/\(notice.id)/receipt", form: ["receivedOn": "2026-04-06"])
            #expect(recorded.status == .seeOther)
            // check: a correction entry, the original untouched, the deadline now dated from receipt
            let entries = try await app.testing().sendRequest(.GET, path, headers: fixture.bearer("staff@other.test")).content.decode([APIModel.EntryOut].self)
            #expect(entries.filter { $0.type == "notice.sent" }.count == noticesBefore + 1)
            #expect(entries.first { $0.id == notice.id }?.payload["receivedOn"] == nil)
            #expect(entries.last?.corrects == notice.id)
            let deadlines = try await app.testing().sendRequest(.GET, "/api/v1/associations/other/cases/\(number)/deadlines?asOf=2026-04-07",
                                                                headers: fixture.bearer("staff@other.test")).content.decode(APIModel.DeadlinesOut.self)
            #expect(deadlines.deadlines.first { $0.key == "dismissal-appeal" }?.dueOn == "2026-04-26")
            #expect(!(try await browser.get("/a/other/cases/\(number)").body.string.contains("notices/\(notice.id)/receipt")), "receipt is recorded once")
            // Another association's staff cannot read the letter.
            let stranger = Browser(app)
            _ = try await stranger.signIn("staff@home.test")
            #expect(try await stranger.get("/a/other/cases/\(number)/notices/\(notice.id)/letter").status == .notFound)
        }
    }
}
