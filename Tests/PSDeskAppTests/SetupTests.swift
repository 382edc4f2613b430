import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp

/// Issue 13, item 1: a fresh installation gets its first administrator from `psdesk setup`, whose one-time link sets
/// a password and signs them in.
@Suite("First run: setup and the welcome link")
struct SetupTests {
    static func path(of link: String) throws -> String {
        try #require(URL(string: link)).path
    }

    @Test func setupMakesTheFirstAdministratorWhoseLinkSetsAPasswordOnce() async throws {
        try await withTestApp { app in
            let made = try await AdministratorSetup.run(email: " Admin@Board.Example ", name: "Ada Admin", serverURL: "https://psdesk.board.example/",
                                                        on: app)
            #expect(made.email == "admin@board.example")
            #expect(made.link.hasPrefix("https://psdesk.board.example/welcome/psd_"))
            let token = String(made.link.split(separator: "/").last!)
            // Only the token's hash is kept.
            let links = try await SignInLink.query(on: app.db).all()
            #expect(links.count == 1 && links[0].tokenHash == TokenHashing.hash(token) && !links[0].tokenHash.contains(token))
            let admin = try #require(try await User.query(on: app.db).filter(\.$email == "admin@board.example").first())
            #expect(admin.isAdministrator && admin.displayName == "Ada Admin")
            // Nobody can sign in before the link is used: the account's password is unknown.
            let browser = Browser(app)
            #expect(try await browser.signIn("admin@board.example", password: "").status == .unauthorized)

            let path = try Self.path(of: made.link)
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("admin@board.example") && page.body.string.contains("name=\"_csrf\""))
            // Too short, then two that differ: each refused beside its field, nothing set.
            let short = try await browser.post(path, form: ["password": "short", "confirmation": "short"])
            #expect(short.status == .unprocessableEntity && short.body.string.contains("at least 12 characters"))
            let differ = try await browser.post(path, form: ["password": "correct horse battery", "confirmation": "correct horse batteyr"])
            #expect(differ.status == .unprocessableEntity && differ.body.string.contains("id=\"confirmation-error\""))
            // Without the form's CSRF token it is refused.
            let forged = try await Browser(app).post(path, form: ["password": "correct horse battery", "confirmation": "correct horse battery"],
                                                     includeCSRF: false)
            #expect(forged.status == .forbidden)

            let chosen = try await browser.post(path, form: ["password": "correct horse battery", "confirmation": "correct horse battery"])
            #expect(chosen.status == .seeOther)
            // Signed in: home leads an administrator with no association to the administration page.
            let home = try await browser.get("/")
            #expect(home.headers.first(name: .location) == "/administration")
            let administration = try await browser.get("/administration")
            #expect(administration.status == .ok && administration.body.string.contains("No association yet"))
            // The link worked once.
            #expect(try await Browser(app).get(path).status == .gone)
            #expect(try await Browser(app).signIn("admin@board.example", password: "correct horse battery").status == .seeOther)
            // Setup now refuses, for anyone.
            for email in ["admin@board.example", "someone@else.example"] {
                await #expect(throws: AppError.self) {
                    _ = try await AdministratorSetup.run(email: email, name: nil, serverURL: "http://127.0.0.1:8080", on: app)
                }
            }
            // Someone who is not an administrator is not let in.
            let staff = Browser(app)
            _ = try await Fixture.make(app)
            _ = try await staff.signIn("staff@home.test")
            #expect(try await staff.get("/administration").status == .forbidden)
        }
    }

    /// The link's token never reaches the request log.
    @Test func theLogKeepsNoSecretFromAPath() {
        #expect(RequestLogging.loggable("/welcome/psd_abcDEF123-_x") == "/welcome/psd_…")
        #expect(RequestLogging.loggable("/a/obar/cases/E-2026-0001") == "/a/obar/cases/E-2026-0001")
    }

    @Test func aLostLinkIsReplacedAndOnlyTheNewestWorks() async throws {
        try await withTestApp { app in
            let first = try await AdministratorSetup.run(email: "admin@board.example", name: nil, serverURL: "http://127.0.0.1:8080", on: app)
            let second = try await AdministratorSetup.run(email: "admin@board.example", name: nil, serverURL: "http://127.0.0.1:8080", on: app)
            #expect(try await Browser(app).get(try Self.path(of: first.link)).status == .gone)
            #expect(try await Browser(app).get(try Self.path(of: second.link)).status == .ok)
            // Not for another address: the first administrator is made once.
            await #expect(throws: AppError.self) {
                _ = try await AdministratorSetup.run(email: "other@board.example", name: nil, serverURL: "http://127.0.0.1:8080", on: app)
            }
            #expect(try await User.query(on: app.db).filter(\.$isAdministrator == true).count() == 1)
        }
    }

    @Test func badInputAndOldOrMadeUpLinksAreRefused() async throws {
        try await withTestApp { app in
            for (email, url) in [("not-an-email", "http://127.0.0.1:8080"), ("a@b", "http://x.example"), ("a b@c.example", "http://x.example"),
                                 ("admin@board.example", "ftp://x.example"), ("admin@board.example", "no url")] {
                await #expect(throws: AppError.self, "\(email) \(url)") {
                    _ = try await AdministratorSetup.run(email: email, name: nil, serverURL: url, on: app)
                }
            }
            #expect(try await User.query(on: app.db).count() == 0)
            let made = try await AdministratorSetup.run(email: "admin@board.example", name: nil, serverURL: "http://127.0.0.1:8080", on: app)
            // A day later the link has expired.
            app.clock = .fixed(testNow.addingTimeInterval(SignInLinks.welcomeLifetime + 60))
            #expect(try await Browser(app).get(try Self.path(of: made.link)).status == .gone)
            #expect(try await Browser(app).get("/welcome/psd_guess").status == .gone)
            // An absurd token is turned away before any lookup, never with a server error.
            let long = try await Browser(app).get("/welcome/" + String(repeating: "x", count: 5000)).status.code
            #expect((400..<500).contains(long))
        }
    }
}
