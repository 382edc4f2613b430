import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// The link in the newest outbox message to `address`, as the worker would send it (before delivery clears it).
func emailedLink(_ app: Application, to address: String, path: String) async throws -> String? {
    let message = try await OutboxMessage.query(on: app.db).filter(\.$toAddress == address).sort(\.$createdAt, .descending).first()
    guard let body = message?.textBody, let range = body.range(of: NoticeMail.baseURLMark + path) else { return nil }
    return path + String(body[range.upperBound...].prefix { !$0.isWhitespace })
}

@Suite("People and roles: invitations, grants, revocations, deactivation (issue 13)")
struct PeopleTests {
    @Test func staffInviteAPersonWhoSetsAPasswordOnceAndHoldsTheRole() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let page = try await staff.get("/a/home/people")
            #expect(page.status == .ok && page.body.string.contains("Invite someone"))
            // Bad input comes back beside each field, with what was typed.
            let bad = try await staff.post("/a/home/people/invite", form: ["email": "gina@", "name": "Gina Grey", "role": "party"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("invite-email-error") && bad.body.string.contains("invite-role-error") && bad.body.string.contains("Gina Grey"))
            let sent = try await staff.post("/a/home/people/invite", form: ["email": " Gina@Example.com ", "name": "Gina Grey", "role": "grievance"])
            #expect(sent.status == .seeOther)
            #expect(try await staff.get("/a/home/people").body.string.contains("Gina Grey (gina@example.com) was invited as Grievance Committee"))
            // The email carries a one-time link; only its hash is stored.
            let link = try #require(try await emailedLink(app, to: "gina@example.com", path: "/welcome/"))
            let token = String(link.dropFirst("/welcome/".count))
            let stored = try #require(try await SignInLink.query(on: app.db).filter(\.$purpose == "invitation").first())
            #expect(stored.tokenHash == TokenHashing.hash(token) && stored.tokenHash != token)
            #expect(stored.expiresAt == testNow.addingTimeInterval(7 * 86_400))
            // Nobody can sign in before the link is used.
            #expect(try await Browser(app).signIn("gina@example.com", password: "").status != .seeOther)
            // act: Gina opens the link and chooses a password
            let gina = Browser(app)
            let welcome = try await gina.get(link)
            #expect(welcome.status == .ok && welcome.body.string.contains("Grievance Committee at Home Association"))
            let set = try await gina.post(link, form: ["password": "a long enough password", "confirmation": "a long enough password"])
            #expect(set.status == .seeOther)
            #expect(try await gina.get("/a/home/gc-queue").status == .ok, "signed in, with the role")
            #expect(try await Browser(app).get(link).status == .gone, "single use")
            #expect(try await Browser(app).signIn("gina@example.com", password: "a long enough password").status == .seeOther)
            // Recorded in the association's history, not another's.
            let changes = try await AdminChange.query(on: app.db).filter(\.$associationID == fixture.home.requireID()).all()
            #expect(changes.contains { $0.summary == "Invited gina@example.com as Grievance Committee" && $0.actorName == "staff@home.test" })
        }
    }

    @Test func onlyAnAssociationsOwnStaffManageItsPeople() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let gcUser = try #require(try await User.query(on: app.db).filter(\.$email == "gc@home.test").first())
            let gc = Browser(app)
            _ = try await gc.signIn("gc@home.test")
            #expect(try await gc.get("/a/home/people").status == .forbidden)
            let other = Browser(app)
            _ = try await other.signIn("staff@other.test")
            _ = try await other.get("/a/other/people")
            // Someone of another association is not found there, whatever the verb.
            for verb in ["revoke", "deactivate", "grant"] {
                #expect(try await other.post("/a/other/people/\(gcUser.id!)/\(verb)", form: ["role": "grievance"]).status == .notFound)
            }
            #expect(try await other.get("/a/home/people").status != .ok)
            _ = fixture
        }
    }

    @Test func revokingAndDeactivatingAreRecordedAndTakeEffectAtOnce() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let director = try #require(try await User.query(on: app.db).filter(\.$email == "director@home.test").first())
            let directorBrowser = Browser(app)
            _ = try await directorBrowser.signIn("director@home.test")
            #expect(try await directorBrowser.get("/a/home").status == .ok)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            _ = try await staff.get("/a/home/people")
            // The last PSA cannot be revoked.
            let staffUser = try #require(try await User.query(on: app.db).filter(\.$email == "staff@home.test").first())
            _ = try await staff.post("/a/home/people/\(staffUser.id!)/revoke", form: ["role": "staff"])
            #expect(try await staff.get("/a/home/people").body.string.contains("would be left with no staff"))
            // Deactivating the director signs them out and refuses their sign-in and API token.
            let done = try await staff.post("/a/home/people/\(director.id!)/deactivate", form: [:])
            #expect(done.status == .seeOther)
            #expect(try await directorBrowser.get("/a/home").status != .ok)
            #expect(try await Browser(app).signIn("director@home.test").status != .seeOther)
            let api = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases", headers: fixture.bearer("director@home.test"))
            #expect(api.status == .unauthorized)
            let changes = try await AdminChange.query(on: app.db).filter(\.$associationID == fixture.home.requireID()).all().map(\.summary)
            #expect(changes.contains("Deactivated the account of director@home.test"))
            _ = try await staff.post("/a/home/people/\(director.id!)/reactivate", form: [:])
            #expect(try await Browser(app).signIn("director@home.test").status == .seeOther)
            // Revoking a role removes it at once and is recorded.
            _ = try await staff.post("/a/home/people/\(director.id!)/revoke", form: ["role": "director"])
            #expect(try await RoleAssignment.query(on: app.db).filter(\.$user.$id == director.requireID()).count() == 0)
            #expect(try await AdminChange.query(on: app.db).filter(\.$summary == "Revoked Director from director@home.test").count() == 1)
        }
    }
}

@Suite("Your account: password, email, tokens, sign out everywhere, reset (issue 13)")
struct AccountTests {
    @Test func aResetLinkSetsANewPasswordAndSignsOutEverywhereWithoutRevealingAccounts() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let elsewhere = Browser(app)
            _ = try await elsewhere.signIn("staff@home.test")
            #expect(try await elsewhere.get("/a/home").status == .ok)
            let visitor = Browser(app)
            _ = try await visitor.get("/password/forgot")
            let unknown = try await visitor.post("/password/forgot", form: ["email": "nobody@home.test"])
            _ = try await visitor.get("/password/forgot")
            let known = try await visitor.post("/password/forgot", form: ["email": "staff@home.test"])
            // The same answer either way, but only the real account gets a message.
            #expect(unknown.status == known.status)
            #expect(unknown.body.string.replacingOccurrences(of: "nobody@home.test", with: "X") == known.body.string.replacingOccurrences(of: "staff@home.test", with: "X"))
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$toAddress == "nobody@home.test").count() == 0)
            let link = try #require(try await emailedLink(app, to: "staff@home.test", path: "/password/reset/"))
            let reset = try await visitor.post(link, form: ["password": "a brand new password", "confirmation": "a brand new password"])
            #expect(reset.status == .seeOther)
            #expect(try await elsewhere.get("/a/home").status != .ok, "the other session is signed out")
            #expect(try await visitor.get("/a/home").status == .ok)
            #expect(try await Browser(app).signIn("staff@home.test").status != .seeOther, "the old password no longer works")
        }
    }

    @Test func changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let other = Browser(app)
            _ = try await other.signIn("gc@home.test")
            let me = Browser(app)
            _ = try await me.signIn("gc@home.test")
            _ = try await me.get("/account")
            let wrong = try await me.post("/account/password", form: ["current": "not it", "password": "another long password", "confirmation": "another long password"])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("current-error"))
            let short = try await me.post("/account/password", form: ["current": Fixture.password, "password": "short", "confirmation": "short"])
            #expect(short.status == .unprocessableEntity && short.body.string.contains("password-error"))
            let done = try await me.post("/account/password", form: ["current": Fixture.password, "password": "another long password", "confirmation": "another long password"])
            #expect(done.status == .seeOther)
            #expect(try await me.get("/account").status == .ok, "this session continues")
            #expect(try await other.get("/account").status != .ok, "the other ends")
            // Sign out everywhere ends this one too.
            _ = try await me.post("/account/sign-out-everywhere", form: [:])
            #expect(try await me.get("/account").status != .ok)
        }
    }

    @Test func anEmailChangeIsConfirmedFromTheNewAddress() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let me = Browser(app)
            _ = try await me.signIn("gc@home.test")
            _ = try await me.get("/account")
            let taken = try await me.post("/account/email", form: ["email": "gc@home.test", "current": Fixture.password])
            #expect(taken.status == .unprocessableEntity)
            _ = try await me.post("/account/email", form: ["email": "new.gc@home.test", "current": Fixture.password])
            #expect(try await User.query(on: app.db).filter(\.$email == "gc@home.test").count() == 1, "nothing changes before the link")
            let link = try #require(try await emailedLink(app, to: "new.gc@home.test", path: "/account/email/"))
            _ = try await me.get(link)
            #expect(try await me.post(link, form: [:]).status == .seeOther)
            #expect(try await User.query(on: app.db).filter(\.$email == "new.gc@home.test").count() == 1)
            #expect(try await Browser(app).get(link).status == .gone)
        }
    }

    @Test func apiTokensAreMadeShownOnceAndRevokedByTheirOwner() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let me = Browser(app)
            _ = try await me.signIn("staff@home.test")
            _ = try await me.get("/account")
            let made = try await me.post("/account/tokens", form: ["name": "report script"])
            #expect(made.status == .created)
            let html = made.body.string
            let start = try #require(html.range(of: "id=\"new-token\" value=\""))
            let token = String(html[start.upperBound...].prefix { $0 != "\"" })
            #expect(token.hasPrefix("psd_"))
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases", headers: headers).status == .ok)
            #expect(!(try await me.get("/account").body.string.contains(token)), "shown once")
            let record = try #require(try await APIToken.query(on: app.db).filter(\.$name == "report script").first())
            // Another user cannot revoke it.
            let other = Browser(app)
            _ = try await other.signIn("gc@home.test")
            _ = try await other.get("/account")
            #expect(try await other.post("/account/tokens/\(record.id!)/revoke", form: [:]).status == .notFound)
            _ = try await me.get("/account")
            #expect(try await me.post("/account/tokens/\(record.id!)/revoke", form: [:]).status == .seeOther)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases", headers: headers).status == .unauthorized)
        }
    }
}
