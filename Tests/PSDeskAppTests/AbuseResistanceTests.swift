import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
@testable import PSDeskApp
@testable import StandardsCore

/// Issue 21, item 1: guessing, enumerating and flooding. Sign-in is counted per address and per account before any
/// password is checked; unknown, wrong and locked accounts are told apart by nothing; anonymous forms are limited per
/// address; anonymous pages write no session; control characters are refused.
@Suite("Abuse resistance: throttles, one answer, no anonymous sessions, no control characters")
struct AbuseResistanceTests {
    /// The sentence a refused sign-in page shows.
    static func loginError(_ response: TestingHTTPResponse) -> String? {
        let html = response.body.string
        guard let start = html.range(of: "role=\"alert\">") else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "<" })
    }

    @Test func aBurstOfWrongPasswordsIsCheckedNoMoreThanTheLimitAllows() async throws {
        try await withTestApp { app in
            // setup: the address limit out of the way, so only the account's counts
            _ = try await Fixture.make(app)
            app.psdesk.addressAttempts = 1000
            let browsers = (0..<24).map { _ in Browser(app) }
            for browser in browsers { try await browser.get("/login") }
            let before = app.passwordWork.checksMade
            // act: 24 wrong passwords at once
            let responses = try await withThrowingTaskGroup(of: TestingHTTPResponse.self) { group in
                for browser in browsers {
                    group.addTask { try await browser.post("/login", form: ["email": "staff@home.test", "password": "wrong", "next": ""]) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check: exactly the lockout limit was checked against the real hash, the rest cost a decoy's check
            let after = app.passwordWork.checksMade
            #expect(after.accounts - before.accounts == app.psdesk.lockoutAttempts)
            #expect(after.decoys - before.decoys == 24 - app.psdesk.lockoutAttempts)
            #expect(responses.allSatisfy { $0.status == .unauthorized })
            #expect(Set(responses.map(Self.loginError)).count == 1)
            // The right password is refused too while the account is locked, and works once the period has passed.
            let owner = Browser(app)
            #expect(try await owner.signIn("staff@home.test").status == .unauthorized)
            app.clock = .fixed(testNow.addingTimeInterval(Double(app.psdesk.lockoutMinutes * 60 + 60)))
            #expect(try await owner.signIn("staff@home.test").status == .seeOther)
        }
    }

    @Test func unknownWrongLockedAndDeactivatedAccountsGetOneAnswerForOneCheck() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            app.psdesk.addressAttempts = 1000
            // A locked account: the limit's worth of failures.
            for _ in 0..<app.psdesk.lockoutAttempts { _ = try await Browser(app).signIn("gc@home.test", password: "wrong") }
            let gone = try #require(try await User.query(on: app.db).filter(\.$email == "director@home.test").first())
            gone.deactivatedAt = testNow
            try await gone.save(on: app.db)
            var answers: [String: (HTTPStatus, String?)] = [:]
            for (label, email, password) in [("unknown", "nobody@home.test", "anything at all"), ("wrong", "staff@home.test", "wrong"),
                                             ("locked", "gc@home.test", Fixture.password), ("deactivated", "director@home.test", Fixture.password)] {
                let browser = Browser(app)
                try await browser.get("/login")
                let before = app.passwordWork.checksMade
                let response = try await browser.post("/login", form: ["email": email, "password": password, "next": ""])
                let after = app.passwordWork.checksMade
                // One bcrypt check each, real or decoy: the same work.
                #expect((after.accounts - before.accounts) + (after.decoys - before.decoys) == 1, "\(label)")
                answers[label] = (response.status, Self.loginError(response))
            }
            #expect(Set(answers.values.map(\.0.code)) == [401])
            #expect(Set(answers.values.map(\.1)).count == 1)
            #expect(answers["unknown"]?.1?.contains("do not match an account, or the account is locked") == true)
        }
    }

    /// Timing, measured: the three refusals interleaved at a realistic bcrypt cost, medians compared.
    @Test func unknownWrongAndLockedAccountsTakeTheSameTime() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            var config = app.psdesk
            config.addressAttempts = 10_000
            config.lockoutAttempts = 3
            let work = PasswordWork(cost: 10, threads: 1)
            defer { work.shutdown() }
            for email in ["staff@home.test", "gc@home.test"] {
                let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
                user.passwordHash = try await work.hash(Fixture.password)
                try await user.save(on: app.db)
            }
            // gc@ locked: over the account's limit for this window.
            for _ in 0..<5 { _ = try await Throttle.hit(config.signInAccount, key: "gc@home.test", now: testNow, on: app.db) }
            var times: [String: [Double]] = [:]
            for _ in 0..<7 {
                for (label, email) in [("unknown", "nobody@home.test"), ("wrong", "staff@home.test"), ("locked", "gc@home.test")] {
                    // The wrong-password account never reaches its own limit.
                    if label == "wrong" { try await Throttle.clear(config.signInAccount, key: email, on: app.db) }
                    let started = ContinuousClock.now
                    let outcome = try await SignIn.run(email: email, password: label == "locked" ? Fixture.password : "wrong", client: "198.51.100.7",
                                                       config: config, passwords: work, now: testNow, on: app.db)
                    let elapsed = ContinuousClock.now - started
                    #expect(outcome == .refused)
                    times[label, default: []].append(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
                }
            }
            let medians = times.mapValues { $0.sorted()[$0.count / 2] }
            let (fastest, slowest) = (medians.values.min() ?? 0, medians.values.max() ?? 0)
            #expect(slowest < fastest * 1.5, "median seconds: \(medians)")
        }
    }

    @Test func anAddressThatFailsTooOftenIsToldWhenToTryAgain() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            app.psdesk.addressAttempts = 3
            for email in ["a@x.test", "b@x.test", "c@x.test"] {
                #expect(try await Browser(app).signIn(email, password: "wrong").status == .unauthorized)
            }
            let before = app.passwordWork.checksMade
            let refused = try await Browser(app).signIn("staff@home.test")
            #expect(refused.status == .tooManyRequests)
            #expect(Self.loginError(refused)?.contains("Too many failed sign-ins from your address. Try again in 15 minutes.") == true)
            // Refused before any password work.
            #expect(app.passwordWork.checksMade == before)
        }
    }

    @Test func anonymousPagesWriteNoSessionAndTheirFormsStillWork() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let visitor = Browser(app)
            for path in ["/login", "/file/home", "/track", "/ombuds/home", "/password/forgot"] {
                let page = try await visitor.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.headers.setCookie?["psdesk_session"] == nil, "\(path)")
            }
            #expect(try await WebSessionRecord.query(on: app.db).count() == 0)
            #expect(visitor.jar["psdesk_csrf"] != nil)
            // A forged CSRF cookie (its signature does not hold) is refused with the token it carries.
            let forger = Browser(app)
            try await forger.get("/login")
            let token = try #require(forger.csrf)
            forger.jar["psdesk_csrf"] = token + ".forged"
            #expect(try await forger.post("/login", form: ["email": "staff@home.test", "password": Fixture.password, "next": ""]).status == .forbidden)
            // A stale session cookie makes no row and is expired.
            let stale = Browser(app)
            stale.jar["psdesk_session"] = "psd_not-a-session"
            let answered = try await stale.get("/login")
            #expect(answered.headers.setCookie?["psdesk_session"]?.expires.map { $0 < Date() } == true)
            #expect(try await WebSessionRecord.query(on: app.db).count() == 0)
            // Signing in makes one session, stored by the id's hash only.
            #expect(try await visitor.signIn("staff@home.test").status == .seeOther)
            let sessions = try await WebSessionRecord.query(on: app.db).all()
            let id = try #require(visitor.jar["psdesk_session"])
            #expect(sessions.count == 1 && sessions[0].keyHash == TokenHashing.hash(id) && !sessions[0].data.contains(id))
            #expect(try await visitor.get("/a/home").status == .ok)
            // Eight hours later it no longer counts, and the sweep deletes it.
            app.clock = .fixed(testNow.addingTimeInterval(StoredSessions.lifetime + 60))
            #expect(try await visitor.get("/a/home").status == .seeOther)
            try await StoredSessions.purge(now: app.clock.now(), on: app.db)
            #expect(try await WebSessionRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func publicFormsAreLimitedPerAddressAndSayWhenToTryAgain() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            app.psdesk.publicPerHour = 2
            let filer = Browser(app)
            try await filer.get("/file/home")
            for _ in 0..<2 { #expect(try await PublicFilingTests().post(filer, "/file/home", fields: PublicFilingTests.good).status == .seeOther) }
            try await filer.get("/file/home")
            let third = try await PublicFilingTests().post(filer, "/file/home", fields: PublicFilingTests.good)
            #expect(third.status == .tooManyRequests)
            #expect(third.body.string.contains("Too many complaints filed from your address. Try again in"))
            #expect(try await CaseRecord.query(on: app.db).count() == 2)
            // Look-ups and reset requests count apart from filings.
            let looker = Browser(app)
            try await looker.get("/track")
            for _ in 0..<2 { #expect(try await looker.post("/track", form: ["number": "E-2026-0001", "key": "psd_guess"]).status == .unauthorized) }
            #expect(try await looker.post("/track", form: ["number": "E-2026-0001", "key": "psd_guess"]).status == .tooManyRequests)
            try await looker.get("/password/forgot")
            #expect(try await looker.post("/password/forgot", form: ["email": "staff@home.test"]).status == .ok)
            // An hour on, the address may file again.
            app.clock = .fixed(testNow.addingTimeInterval(3600))
            try await filer.get("/file/home")
            #expect(try await PublicFilingTests().post(filer, "/file/home", fields: PublicFilingTests.good).status == .seeOther)
        }
    }

    @Test func theSweepForgetsOnlyWindowsThatHaveEnded() async throws {
        try await withTestApp { app in
            let config = app.psdesk
            _ = try await Throttle.hit(config.publicFiling, key: "203.0.113.9", now: testNow, on: app.db)
            _ = try await Throttle.hit(config.signInAccount, key: "a@x.test", now: testNow.addingTimeInterval(3000), on: app.db)
            // An hour and a half on: the filing window (an hour) has ended, the sign-in window (15 minutes) began 30 minutes ago.
            try await Throttle.purge(now: testNow.addingTimeInterval(5400), config: config, on: app.db)
            let left = try await (app.db as! SQLDatabase).raw("SELECT bucket FROM throttle_counts").all()
            #expect(left.count == 1)
            #expect(try left.first?.decode(column: "bucket", as: String.self).hasPrefix("sign-in-account:") == true)
        }
    }

    @Test func controlCharactersAreRefusedInFormsJSONAndQueries() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let api = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases", headers: fixture.bearer("staff@home.test")) { req in
                req.json(#"{"kind":"ethics","title":"hidden\u0000text","openedOn":"2026-03-02","parties":[]}"#)
            }
            #expect(api.status == .badRequest)
            #expect(try api.content.decode(ErrorBody.self).error.code == "control_characters")
            let query = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases?q=a%07b", headers: fixture.bearer("staff@home.test"))
            #expect(query.status == .badRequest)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            try await staff.get("/a/home/cases/new")
            let form = try await staff.post("/a/home/cases", form: ["kind": "ethics", "title": "a\u{0}b", "openedOn": "2026-03-02"])
            #expect(form.status == .badRequest && form.body.string.contains("The field \u{201C}title\u{201D} holds a control character"))
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
            // Tabs and line breaks are text.
            #expect(try await staff.get("/a/home/cases?q=a%09b%0Ac").status == .ok)
        }
    }
}
