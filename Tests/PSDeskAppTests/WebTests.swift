import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
@testable import PSDeskApp
@testable import StandardsCore

@Suite("Web: sign-in, CSRF, lockout, pages")
struct WebTests {
    @Test func signInSetsASecureSessionCookieAndSignOutEndsIt() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let browser = Browser(app)
            // act
            let response = try await browser.signIn("staff@home.test")
            // check
            #expect(response.status == .seeOther)
            let cookie = try #require(response.headers.setCookie?["psdesk_session"])
            #expect(cookie.isHTTPOnly)
            #expect(cookie.sameSite == .lax)
            #expect(try await browser.get("/a/home").status == .ok)
            let out = try await browser.post("/logout", form: [:])
            #expect(out.status == .seeOther)
            let after = try await browser.get("/a/home")
            #expect(after.status == .seeOther)
            #expect(after.headers.first(name: .location)?.hasPrefix("/login") == true)
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let browser = Browser(app)
            try await browser.get("/login")
            let response = try await browser.post("/login", form: ["email": "staff@home.test", "password": Fixture.password], includeCSRF: false)
            #expect(response.status == .forbidden)
            let forged = try await browser.post("/login", form: ["email": "staff@home.test", "password": Fixture.password, "_csrf": "forged"], includeCSRF: false)
            #expect(forged.status == .forbidden)
        }
    }

    @Test func repeatedFailuresLockTheAccount() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let browser = Browser(app)
            for _ in 0..<5 {
                let wrong = try await browser.signIn("staff@home.test", password: "wrong")
                #expect(wrong.status == .unauthorized)
            }
            // Even the right password is refused while locked.
            let locked = try await browser.signIn("staff@home.test")
            #expect(locked.status == .unauthorized)
            #expect(locked.body.string.contains("locked"))
            // The typed email is kept in the form.
            #expect(locked.body.string.contains("value=\"staff@home.test\""))
        }
    }

    @Test func everyPageRendersForStaff() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase(title: "Public v. Realtor — advertising")
            let browser = Browser(app)
            _ = try await browser.signIn("staff@home.test")
            let pages: [(String, [String])] = [
                ("/a/home", ["Home Association", "open cases", number]),
                ("/a/home/cases", [number, "Public v. Realtor", "Pat Public (Complainant)"]),
                ("/a/home/cases?q=Realtor", [number]),
                ("/a/home/cases?q=\(number)", [number]),
                ("/a/home/cases/new", ["Open a case", "name=\"_csrf\""]),
                ("/a/home/cases/\(number)", ["Case opened", "Party added", "Rita Realtor", "Add a docket entry"]),
                ("/a/home/cases/\(number)?entryType=deadline.waived", ["Add a docket entry"]),
                ("/a/home/members", ["members shown"]),
            ]
            for (path, needles) in pages {
                let response = try await browser.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.body.string.contains("Sign out"), "\(path) renders inside the signed-in layout")
                for needle in needles { #expect(response.body.string.contains(needle), "\(path) shows \(needle)") }
            }
            let miss = try await browser.get("/a/home/cases?q=Nobody")
            #expect(!miss.body.string.contains(number))
        }
    }

    /// A page view leaves the session as it was and writes nothing (`QuietSessions`); a change is still saved. SQLite
    /// only: the writes are counted by a trigger.
    @Test func readingPagesDoesNotWriteTheSession() async throws {
        guard !isPostgres else { return }
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let browser = Browser(app)
            _ = try await browser.signIn("staff@home.test")
            let sql = try #require(app.db as? SQLDatabase)
            try await sql.raw("CREATE TABLE session_writes (n INTEGER)").run()
            try await sql.raw("CREATE TRIGGER session_written AFTER UPDATE ON _fluent_sessions BEGIN INSERT INTO session_writes VALUES (1); END").run()
            struct Count: Decodable { let n: Int }
            func writes() async throws -> Int { try await sql.raw("SELECT COUNT(*) AS n FROM session_writes").first(decoding: Count.self)?.n ?? -1 }
            for path in ["/a/home", "/a/home/cases", "/a/home/cases/\(number)", "/a/home/members"] {
                #expect(try await browser.get(path).status == .ok, "\(path)")
            }
            #expect(try await writes() == 0)
            // Signing out ends the session: the next page asks to sign in again.
            let out = try await browser.post("/logout", form: [:])
            #expect(out.status == .seeOther)
            let after = try await browser.get("/a/home/cases")
            #expect(after.status == .seeOther && after.headers.first(name: .location)?.hasPrefix("/login") == true)
        }
    }

    @Test func aFormWithAnErrorKeepsWhatWasTyped() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let browser = Browser(app)
            _ = try await browser.signIn("staff@home.test")
            try await browser.get("/a/home/cases/new")
            let bad = try await browser.post("/a/home/cases", form: ["kind": "", "title": "Kept title", "openedOn": "2026-02-30", "summary": "Kept summary"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Kept title") && bad.body.string.contains("Kept summary"))
            #expect(bad.body.string.contains("Choose the kind of case."))
            let good = try await browser.post("/a/home/cases", form: ["kind": "arbitration", "title": "Firm A v. Firm B", "openedOn": "2026-06-01"])
            #expect(good.status == .seeOther)
            #expect(good.headers.first(name: .location) == "/a/home/cases/A-2026-0001")
            // The docket entry form too: a refused entry re-renders with the text and the rule.
            try await browser.get("/a/home/cases/\(number)?entryType=note")
            let refused = try await browser.post("/a/home/cases/\(number)/entries", form: ["type": "note", "effectiveOn": "2026-04-01", "f_text": ""])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Note is required"))
            // A step's own entry is not on the generic form: it goes through the step, with its checks (issue 11).
            let stepOwned = try await browser.post("/a/home/cases/\(number)/entries", form: ["type": "gc.dismissed", "effectiveOn": "2026-04-01", "f_reason": "unworthy"])
            #expect(stepOwned.status == .unprocessableEntity && stepOwned.body.string.contains("Record the Grievance Committee&#39;s decision"))
            let added = try await browser.post("/a/home/cases/\(number)/entries", form: ["type": "note", "effectiveOn": "2026-04-01", "f_text": "Called the complainant"])
            #expect(added.status == .seeOther)
            #expect(try await browser.get("/a/home/cases/\(number)").body.string.contains("Called the complainant"))
        }
    }

    @Test func anotherAssociationsPagesAre404() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let browser = Browser(app)
            _ = try await browser.signIn("staff@other.test")
            #expect(try await browser.get("/a/home").status == .notFound)
            #expect(try await browser.get("/a/home/cases/\(number)").status == .notFound)
            #expect(try await browser.get("/a/other").status == .ok)
        }
    }

    @Test func healthAndReadiness() async throws {
        try await withTestApp { app in
            #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok)
            let ready = try await app.testing().sendRequest(.GET, "/readyz")
            #expect(ready.status == .ok)
            #expect(ready.headers.first(name: "X-Request-Id") != nil)
        }
    }
}

@Suite("The staff worklist")
struct WorklistTests {
    @Test func showsOverdueDueSoonAndNewComplaints() async throws {
        try await withTestApp { app in
            // setup: one complaint whose GC review is overdue, one due within the week, one awaiting intake
            let fixture = try await Fixture.make(app)
            let today = AssociationClock(timeZoneIdentifier: "America/New_York")!.civilDate(at: app.clock.now())
            func file(_ number: String, receivedDaysAgo: Int) async throws {
                let received = today.adding(days: -receivedDaysAgo).description
                let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test")) {
                    $0.json(#"{"type":"complaint.filed","effectiveOn":"\#(received)","payload":{"articles":"1"}}"#)
                }
                #expect(response.status == .created)
            }
            let overdue = try await fixture.openEthicsCase(title: "Old complaint")
            try await file(overdue, receivedDaysAgo: 60)      // GC review due 45 days after receipt (b6.2): 15 days overdue
            let soon = try await fixture.openEthicsCase(title: "Recent complaint")
            try await file(soon, receivedDaysAgo: 40)         // due in 5 days
            // act
            let browser = Browser(app)
            _ = try await browser.signIn("staff@home.test")
            let page = try await browser.get("/a/home").body.string
            // check
            #expect(page.contains("Worklist"))
            #expect(page.contains("Overdue (1)"))
            #expect(page.contains("Due in the next 7 days (1)"))
            #expect(page.contains("New complaints awaiting intake (2)"))
            #expect(page.contains("overdue by 15 days"))
            // Only staff get the worklist.
            let gc = Browser(app)
            _ = try await gc.signIn("gc@home.test")
            #expect(!(try await gc.get("/a/home").body.string.contains("Worklist")))
        }
    }
}
