import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// Issue 13, item 2 (first part): an administrator creates and edits associations; each change is recorded with who,
/// when, before and after; nobody else may.
@Suite("Administration: associations")
struct AdministrationTests {
    /// A signed-in administrator, made by `psdesk setup` and its link.
    static func administrator(_ app: Application) async throws -> Browser {
        let made = try await AdministratorSetup.run(email: "admin@board.example", name: "Ada Admin", serverURL: "http://127.0.0.1:8080", on: app)
        let path = try #require(URL(string: made.link)).path
        let browser = Browser(app)
        try await browser.get(path)
        #expect(try await browser.post(path, form: ["password": "correct horse battery", "confirmation": "correct horse battery"]).status == .seeOther)
        return browser
    }

    static let good = ["name": "Coastal Plain Association of REALTORS®", "slug": "coastal", "ruleProfile": "obar", "timeZone": "America/Chicago",
                       "holidayCalendar": "us-federal", "closureDays": "2026-12-24\n2026-12-31, 2026-12-24", "boardSize": "9", "boardQuorum": "5"]

    @Test func anAdministratorCreatesAndEditsAnAssociationAndEachChangeIsRecorded() async throws {
        try await withTestApp { app in
            let admin = try await Self.administrator(app)
            #expect(try await admin.get("/administration/associations/new").status == .ok)
            // Every bad field is named beside itself, and what was typed stays.
            var bad = Self.good
            bad["slug"] = "Coastal Plain"; bad["timeZone"] = "Mars/Base"; bad["closureDays"] = "2026-13-01"; bad["boardQuorum"] = "4"
            bad["ruleProfile"] = "texas"
            let refused = try await admin.post("/administration/associations", form: bad)
            #expect(refused.status == .unprocessableEntity)
            for field in ["slug", "timeZone", "closureDays", "boardQuorum", "ruleProfile"] {
                #expect(refused.body.string.contains("id=\"\(field)-error\""), "\(field)")
            }
            #expect(refused.body.string.contains("value=\"Coastal Plain Association of REALTORS®\"") && refused.body.string.contains("Mars/Base"))
            #expect(try await Association.query(on: app.db).count() == 0)

            let created = try await admin.post("/administration/associations", form: Self.good)
            #expect(created.status == .seeOther)
            let association = try #require(try await Association.query(on: app.db).filter(\.$slug == "coastal").first())
            #expect(association.ruleProfile == "obar" && association.timeZone == "America/Chicago" && association.boardQuorum == 5)
            #expect(association.closureDays == "2026-12-24,2026-12-31")
            let overview = try await admin.get("/administration")
            #expect(overview.body.string.contains("Coastal Plain Association of REALTORS® was created."))
            #expect(overview.body.string.contains("Ada Admin: Created Coastal Plain Association"))
            // The new association takes complaints at once, under its own profile.
            #expect(try await Browser(app).get("/file/coastal").status == .ok)
            // The same short name again is refused.
            #expect(try await admin.post("/administration/associations", form: Self.good).body.string.contains("already uses"))

            // An edit records the settings before and after.
            var edited = Self.good
            edited["boardSize"] = "11"; edited["boardQuorum"] = "6"
            #expect(try await admin.post("/administration/associations/coastal", form: edited).status == .seeOther)
            let changes = try await AdminChange.query(on: app.db).sort(\.$at).sort(\.$summary).all()
            #expect(changes.count == 2)
            let change = try #require(changes.first { $0.before != nil })
            #expect(change.before?.contains("\"boardSize\":9") == true && change.after?.contains("\"boardSize\":11") == true)
            #expect(change.actorName == "Ada Admin")
            // Saving what is already there records nothing.
            #expect(try await admin.post("/administration/associations/coastal", form: edited).status == .seeOther)
            #expect(try await AdminChange.query(on: app.db).count() == 2)
            #expect(try await admin.get("/administration/associations/nowhere").status == .notFound)
        }
    }

    @Test func nobodyButAnAdministratorMayAdminister() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            for path in ["/administration", "/administration/associations/new", "/administration/associations/home"] {
                #expect(try await staff.get(path).status == .forbidden, "\(path)")
            }
            #expect(try await staff.post("/administration/associations", form: Self.good).status == .forbidden)
            #expect(try await staff.post("/administration/associations/home", form: Self.good).status == .forbidden)
            #expect(try await Association.query(on: app.db).filter(\.$slug == "coastal").count() == 0)
            // Signed out: sent to sign in.
            let anonymous = try await Browser(app).get("/administration")
            #expect(anonymous.status == .seeOther || anonymous.status == .unauthorized)
        }
    }
}

@Suite("Administration: regional agreements and an association's first staff (issue 13, a2.36)")
struct RegionalAgreementAdministrationTests {
    @Test func anAgreementIsRecordedAndAWithdrawnSignatoryStopsSharingAfterNinetyDays() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let admin = try await AdministrationTests.administrator(app)
            _ = try await admin.get("/administration/agreements/new")
            // One signatory is refused, with the field named.
            let refused = try await admin.post("/administration/agreements", fields: [("name", "Coastal Regional"), ("effectiveOn", "2001-01-01"),
                                                                                        ("administering", "respondent-board"), ("signatory[]", "home")])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("signatories-error"))
            // Two, one of which gave notice 100 days ago: it has left.
            let saved = try await admin.post("/administration/agreements", fields: [("name", "Coastal Regional"), ("effectiveOn", "2001-01-01"),
                                                                                      ("administering", "respondent-board"), ("signatory[]", "home"),
                                                                                      ("signatory[]", "other"), ("notice-other", "2026-08-22"), ("notice-home", "")])
            #expect(saved.status == .seeOther)
            let agreement = try #require(try await RegionalAgreement.query(on: app.db).first())
            #expect(agreement.effectiveOn == "2001-01-01" && agreement.administering == "respondent-board")
            let home = try #require(try await Association.find(fixture.home.id, on: app.db))
            let other = try #require(try await Association.find(fixture.other.id, on: app.db))
            #expect(home.$regionalAgreement.id == agreement.id && other.regionalWithdrawalNoticeOn == "2026-08-22")
            let today = try #require(CivilDate("2026-11-30"))
            #expect(try await Committee.associations(sharing: home, on: today, db: app.db) == [try home.requireID()])
            #expect(try await Committee.associations(sharing: other, on: today, db: app.db) == [try other.requireID()])
            // Before the withdrawal took effect, both shared.
            let before = try #require(CivilDate("2026-11-19"))
            let shared = Set(try await Committee.associations(sharing: home, on: before, db: app.db))
            #expect(shared == [try home.requireID(), try other.requireID()])
            #expect(try await AdminChange.query(on: app.db).filter(\.$subject == "regional-agreement").count() == 1)
            #expect(try await admin.get("/administration").body.string.contains("Coastal Regional"))
            // Only administrators.
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            #expect(try await staff.get("/administration/agreements/new").status == .forbidden)
        }
    }

    @Test func anAdministratorInvitesAnAssociationsFirstStaff() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let admin = try await AdministrationTests.administrator(app)
            _ = try await admin.get("/administration/associations/home/staff")
            let bad = try await admin.post("/administration/associations/home/staff", form: ["email": "nope", "name": "Pat"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("email-error"))
            #expect(try await admin.post("/administration/associations/home/staff", form: ["email": "pat@home.example", "name": "Pat Ainsley"]).status == .seeOther)
            let pat = try #require(try await User.query(on: app.db).filter(\.$email == "pat@home.example").with(\.$roles).first())
            #expect(pat.roles.map(\.role) == ["staff"] && pat.awaitingPassword)
            #expect(try await emailedLink(app, to: "pat@home.example", path: "/welcome/") != nil)
        }
    }
}
