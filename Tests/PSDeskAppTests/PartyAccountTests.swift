import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

@Suite("Party accounts: the complainant's on filing or with the key, the respondent's on service (issue 13)")
struct PartyAccountTests {
    @Test func aComplainantWhoFiledOnlineGetsAnAccountThatSeesTheirCaseAndItsEmail() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let filer = Browser(app)
            try await filer.get("/file/home")
            let filing = PublicFilingTests()
            #expect(try await filing.post(filer, "/file/home", fields: PublicFilingTests.good).status == .seeOther)
            let receipt = try await filer.get("/file/home/received")
            #expect(receipt.body.string.contains("Create an account for pat@example.com"))
            // A short password comes back beside its field; the key is not shown again.
            let short = try await filer.post("/file/home/account", form: ["password": "short", "confirmation": "short"])
            #expect(short.status == .unprocessableEntity && short.body.string.contains("account-password-error"))
            let made = try await filer.post("/file/home/account", form: ["password": "my complaint password", "confirmation": "my complaint password"])
            #expect(made.status == .seeOther)
            let record = try #require(try await CaseRecord.query(on: app.db).first())
            #expect(made.headers.first(name: .location) == "/a/home/cases/\(record.number)")
            // Signed in as a party who sees this case and not another.
            let casePage = try await filer.get("/a/home/cases/\(record.number)")
            #expect(casePage.status == .ok && casePage.body.string.contains("Your account is ready"))
            let other = try await fixture.openEthicsCase(title: "Someone else's case")
            #expect(try await filer.get("/a/home/cases/\(other)").status == .notFound)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "pat@example.com").first())
            #expect(try await RoleAssignment.query(on: app.db).filter(\.$user.$id == user.requireID()).all().map(\.role) == ["party"])
            // A second try (another tab) makes no second account.
            #expect(try await filer.post("/file/home/account", form: ["password": "my complaint password", "confirmation": "my complaint password"]).status == .notFound)
            // Staff acknowledge it: the acknowledgment goes to the complainant's address.
            try await fixture.acknowledge(record.number, on: "2026-11-30")
            let ack = try #require(try await OutboxMessage.query(on: app.db).filter(\.$purpose == "notice").first())
            #expect(ack.toAddress == "pat@example.com" && ack.subject.hasPrefix("Acknowledgment of your complaint"))
        }
    }

    @Test func withTheKeyAComplainantCreatesOrClaimsAnAccountLater() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let filer = Browser(app)
            try await filer.get("/file/home")
            _ = try await PublicFilingTests().post(filer, "/file/home", fields: PublicFilingTests.good)
            let html = try await filer.get("/file/home/received").body.string
            let key = try #require(html.range(of: "<code id=\"access-key\">").map { String(html[$0.upperBound...].prefix { $0 != "<" }) })
            let record = try #require(try await CaseRecord.query(on: app.db).first())
            // Another browser, days later: the key opens the case, which offers the account.
            let later = Browser(app)
            try await later.get("/track")
            let opened = try await later.post("/track", form: ["number": record.number, "key": key])
            let tracked = try await later.get(try #require(opened.headers.first(name: .location)))
            #expect(tracked.body.string.contains("Create my account"))
            // Without having opened it with the key, the account route is not found.
            #expect(try await Browser(app).post("/track/case/\(record.id!)/account", form: ["password": "x"], includeCSRF: false).status != .seeOther)
            let made = try await later.post("/track/case/\(record.id!)/account", form: ["password": "my complaint password", "confirmation": "my complaint password"])
            #expect(made.status == .seeOther)
            #expect(try await later.get("/a/home/cases/\(record.number)").status == .ok)
        }
    }

    @Test func theRespondentIsInvitedWhenTheComplaintIsServed() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            fixture.respondent.email = "rita@shore.example"
            try await fixture.respondent.save(on: app.db)
            let number = try await fixture.openEthicsCase()
            try await fixture.forward(number, filedOn: "2026-11-02", forwardedOn: "2026-11-20")
            #expect(try await User.query(on: app.db).filter(\.$email == "rita@shore.example").count() == 0, "not before service (S3 5.1.1)")
            try await fixture.step(number, "serve", #"{"effectiveOn":"2026-11-23"}"#)
            let rita = try #require(try await User.query(on: app.db).filter(\.$email == "rita@shore.example").first())
            #expect(rita.awaitingPassword && rita.$person.id == fixture.respondent.id)
            #expect(try await Browser(app).signIn("rita@shore.example", password: "").status != .seeOther)
            let link = try #require(try await emailedLink(app, to: "rita@shore.example", path: "/welcome/"))
            let browser = Browser(app)
            #expect(try await browser.get(link).status == .ok)
            _ = try await browser.post(link, form: ["password": "respondent password", "confirmation": "respondent password"])
            #expect(try await browser.get("/a/home/cases/\(number)").status == .ok)
        }
    }
}

@Suite("The roster uploaded in the browser: every bad line, a preview, then the import with progress (issue 13)")
struct RosterUploadTests {
    static let header = "member_id,first_name,last_name,email,phone,membership_type,principal,firm,office,joined_on,left_on"

    func upload(_ browser: Browser, _ csv: String) async throws -> TestingHTTPResponse {
        try await PublicFilingTests().post(browser, "/a/home/members/import", fields: [:], files: [("roster", "roster.csv", Data(csv.utf8))])
    }

    @Test func aBadLineIsNamedNothingIsImportedAndTheFixedFileImportsOnConfirmation() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            // An account already uses Gina's address: the import ties it to her member record.
            let gina = User(email: "gina@shore.example", displayName: "Gina", passwordHash: "!")
            try await gina.create(on: app.db)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            #expect(try await staff.get("/a/home/members").body.string.contains("/a/home/members/import"))
            _ = try await staff.get("/a/home/members/import")
            let before = try await Membership.query(on: app.db).count()
            let bad = try await upload(staff, [Self.header,
                                               "M-100,Gina,Grey,gina@shore.example,,realtor,yes,Shore Realty,Main,2020-01-01,",
                                               "M-101,Hal,Hart,hal@shore.example,,astronaut,no,Shore Realty,Main,2020-01-01,"].joined(separator: "\n"))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Line 3:") && bad.body.string.contains("Nothing was imported"))
            #expect(try await Membership.query(on: app.db).count() == before)
            _ = try await staff.get("/a/home/members/import")
            let good = try await upload(staff, [Self.header,
                                                "M-100,Gina,Grey,gina@shore.example,,realtor,yes,Shore Realty,Main,2020-01-01,",
                                                "M-101,Hal,Hart,hal@shore.example,,realtor-associate,no,Shore Realty,Main,2020-01-01,"].joined(separator: "\n"))
            #expect(good.status == .ok && good.body.string.contains("2 members ready to import"))
            #expect(try await Membership.query(on: app.db).count() == before, "nothing before confirmation")
            let html = good.body.string
            let confirmURL = try #require(html.range(of: "action=\"/a/home/members/import/psd_").map { "/a/home/members/import/psd_" + html[$0.upperBound...].prefix { $0 != "\"" } })
            // Another staff member's session cannot confirm it.
            let other = Browser(app)
            _ = try await other.signIn("staff@other.test")
            _ = try await other.get("/a/other")
            #expect(try await other.post(confirmURL.replacingOccurrences(of: "/a/home/", with: "/a/other/"), form: [:]).status == .gone)
            let started = try await staff.post(confirmURL, form: [:])
            #expect(started.status == .seeOther)
            let jobURL = try #require(started.headers.first(name: .location))
            var page = try await staff.get(jobURL)
            for _ in 0..<600 where page.body.string.contains("Importing the roster") {
                try await Task.sleep(for: .milliseconds(100))
                page = try await staff.get(jobURL)
            }
            let heading = page.body.string.range(of: "<h1>").map { String(page.body.string[$0.upperBound...].prefix(300)) } ?? ""
            #expect(page.body.string.contains("2 members were added"), "\(heading)")
            #expect(try await Membership.query(on: app.db).count() == before + 2)
            let linked = try #require(try await User.find(gina.id, on: app.db))
            #expect(linked.$person.id != nil)
            // The preview imports once.
            #expect(try await staff.post(confirmURL, form: [:]).status == .gone)
            // A GC member may not import.
            let gc = Browser(app)
            _ = try await gc.signIn("gc@home.test")
            #expect(try await gc.get("/a/home/members/import").status == .forbidden)
            _ = fixture
        }
    }
}
