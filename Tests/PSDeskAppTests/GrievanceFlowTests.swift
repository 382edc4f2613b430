import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

@Suite("Intake and Grievance Committee review (a1.6, a1.10, b6)")
struct GrievanceFlowTests {
    @Test func intakeThenAPartialDismissalPutsDecisionAndNoticesOnTheDocket() async throws {
        try await withTestApp { app in
            // setup: a complaint on file in the NAR-profile association
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            _ = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"complaint.filed","effectiveOn":"2026-03-02","payload":{"articles":"1, 12","transactionConcludedOn":"2026-02-02"}}"#)
            }
            // The wrong roles are refused first.
            let gc = Browser(app)
            _ = try await gc.signIn("gc@home.test")
            try await gc.get("/a/home/cases/\(number)")
            #expect(try await gc.post("/a/home/cases/\(number)/acknowledge", form: [:]).status == .forbidden)
            let party = Browser(app)
            _ = try await party.signIn("party@home.test")
            try await party.get("/a/home/cases/\(number)")
            #expect(try await party.post("/a/home/cases/\(number)/gc-decision", form: ["decision": "forward"]).status == .forbidden)
            // act: staff acknowledges
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let casePage = try await staff.get("/a/home/cases/\(number)")
            #expect(casePage.body.string.contains("Acknowledge complaint"))
            #expect(try await staff.post("/a/home/cases/\(number)/acknowledge", form: [:]).status == .seeOther)
            // act: the GC sees it in its queue and decides: Article 1 forwarded, Article 12 dismissed
            let queue = try await gc.get("/a/home/gc-queue")
            #expect(queue.status == .ok)
            #expect(queue.body.string.contains(number))
            #expect(queue.body.string.contains("Taking the allegations as true"))
            try await gc.get("/a/home/cases/\(number)")
            let today = AssociationClock(timeZoneIdentifier: "America/New_York")!.civilDate(at: app.clock.now())
            let missingReason = try await gc.post("/a/home/cases/\(number)/gc-decision",
                                                  form: ["decision": "partial", "forwardedArticles": "1", "dismissedArticles": "12", "decidedOn": today.description])
            #expect(missingReason.status == .unprocessableEntity)
            let decided = try await gc.post("/a/home/cases/\(number)/gc-decision",
                                            form: ["decision": "partial", "reason": "not-a-code-matter", "forwardedArticles": "1", "dismissedArticles": "12",
                                                   "rationale": "Article 12 concerns an advertisement outside the association's area.", "decidedOn": today.description])
            #expect(decided.status == .seeOther)
            // check: the docket holds both decisions and both notices; the status is forwarded
            let entries = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test"))
                .content.decode([APIModel.EntryOut].self)
            #expect(entries.suffix(6).map(\.type) == ["complaint.acknowledged", "notice.sent", "gc.dismissed", "gc.forwarded", "notice.sent", "notice.sent"])
            #expect(entries.filter { $0.type == "notice.sent" }.compactMap { $0.payload["notice"]?.textValue } == ["acknowledgment", "gc-decision", "dismissal"])
            let shown = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)", headers: fixture.bearer("staff@home.test"))
            #expect(try shown.content.decode(APIModel.CaseOut.self).status == "forwarded")
            // The dismissal notice starts the 20-day appeal window from transmittal under NAR (a1.10).
            let deadlines = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/deadlines?asOf=\(today)",
                                                                headers: fixture.bearer("staff@home.test")).content.decode(APIModel.DeadlinesOut.self)
            #expect(deadlines.deadlines.first { $0.key == "dismissal-appeal" }?.dueOn == today.adding(days: 20).description)
            #expect(deadlines.deadlines.first { $0.key == "gc-review" }?.status == (today <= CivilDate("2026-04-16")! ? "met" : "missed"))
            // The decided complaint has left the queue.
            #expect(!(try await gc.get("/a/home/gc-queue").body.string.contains(number)))
        }
    }
}

@Suite("Ethics steps over the API")
struct EthicsStepAPITests {
    @Test func eachStepIsAnAPICallWithTheSameRules() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let base = "/api/v1/associations/home/cases/\(number)"
            _ = try await app.testing().sendRequest(.POST, "\(base)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1","transactionConcludedOn":"2026-10-01"}}"#)
            }
            // wrong role first
            #expect(try await app.testing().sendRequest(.POST, "\(base)/acknowledge", headers: fixture.bearer("gc@home.test")).status == .forbidden)
            let ack = try await app.testing().sendRequest(.POST, "\(base)/acknowledge", headers: fixture.bearer("staff@home.test"))
            #expect(ack.status == .ok)
            #expect(try ack.content.decode(APIController.StepOut.self).case_.status == "under-review")
            let bad = try await app.testing().sendRequest(.POST, "\(base)/gc-decision", headers: fixture.bearer("gc@home.test")) { $0.json(#"{"decision":"convict"}"#) }
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.content.decode(ErrorBody.self).error.rule == "a1.6")
            let noReason = try await app.testing().sendRequest(.POST, "\(base)/gc-decision", headers: fixture.bearer("gc@home.test")) { $0.json(#"{"decision":"dismiss"}"#) }
            #expect(try noReason.content.decode(ErrorBody.self).error.rule == "a1.6")
            let dismissed = try await app.testing().sendRequest(.POST, "\(base)/gc-decision", headers: fixture.bearer("gc@home.test")) {
                $0.json(#"{"decision":"dismiss","reason":"unworthy","rationale":"No Code matter on its face."}"#)
            }
            #expect(try dismissed.content.decode(APIController.StepOut.self).case_.status == "dismissed")
            let appeal = try await app.testing().sendRequest(.POST, "\(base)/appeal-dismissal", headers: fixture.bearer("party@home.test")) {
                $0.json(#"{"explanation":"The Committee overlooked the second listing."}"#)
            }
            #expect(appeal.status == .ok)
            #expect(try appeal.content.decode(APIController.StepOut.self).case_.status == "dismissal-appealed")
            // A party who is not the complainant cannot withdraw it.
            #expect(try await app.testing().sendRequest(.POST, "\(base)/withdraw", headers: fixture.bearer("stranger@home.test")).status == .notFound)
        }
    }
}

@Suite("The GC's request for the respondent's response (a1.7, S3 5.1.1)")
struct ResponseRequestTests {
    @Test func theRespondentSeesTheComplaintOnlyOnceAskedAndAnswersThroughThePortal() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let ritaHeaders = try await fixture.addRespondentAccount()
            let number = try await fixture.openEthicsCase()
            let base = "/api/v1/associations/home/cases/\(number)"
            _ = try await app.testing().sendRequest(.POST, "\(base)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1","transactionConcludedOn":"2026-10-01"}}"#)
            }
            _ = try await app.testing().sendRequest(.POST, "\(base)/acknowledge", headers: fixture.bearer("staff@home.test"))
            #expect(try await app.testing().sendRequest(.GET, base, headers: ritaHeaders).status == .notFound, "not told before GC review")
            // The request must say what is needed.
            let vague = try await app.testing().sendRequest(.POST, "\(base)/request-response", headers: fixture.bearer("gc@home.test")) { $0.json("{}") }
            #expect(try vague.content.decode(ErrorBody.self).error.rule == "a1.7")
            let asked = try await app.testing().sendRequest(.POST, "\(base)/request-response", headers: fixture.bearer("gc@home.test")) {
                $0.json(#"{"text":"Who held the earnest money deposit between March 1 and March 20?"}"#)
            }
            #expect(asked.status == .ok)
            // Now the respondent sees it, and answers.
            #expect(try await app.testing().sendRequest(.GET, base, headers: ritaHeaders).status == .ok)
            #expect(try await app.testing().sendRequest(.POST, "\(base)/respond", headers: fixture.bearer("party@home.test")) { $0.json(#"{"text":"x"}"#) }.status == .forbidden,
                    "the complainant cannot answer for the respondent")
            let answered = try await app.testing().sendRequest(.POST, "\(base)/respond", headers: ritaHeaders) { $0.json(#"{"text":"The escrow agent held it."}"#) }
            #expect(answered.status == .ok)
            let deadlines = try await app.testing().sendRequest(.GET, "\(base)/deadlines", headers: fixture.bearer("staff@home.test")).content.decode(APIModel.DeadlinesOut.self)
            #expect(deadlines.deadlines.first { $0.key == "response-request" }?.status == "met")
        }
    }
}

@Suite("A GC member who helped the complainant may not review the complaint (S4 (5))")
struct HelperExclusionTests {
    @Test func theHelperCannotDecideButAnotherMemberCan() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            // Two GC members with persons: the fixture's gc@home.test gets a person; a second member is added.
            let helperPerson = Person(associationID: try fixture.home.requireID(), kind: .member, firstName: "Hal", lastName: "Helper")
            try await helperPerson.create(on: app.db)
            let gcUser = try #require(try await User.query(on: app.db).filter(\.$email == "gc@home.test").first())
            gcUser.$person.id = try helperPerson.requireID()
            try await gcUser.save(on: app.db)
            let other = Person(associationID: try fixture.home.requireID(), kind: .member, firstName: "Olga", lastName: "Other")
            try await other.create(on: app.db)
            let otherUser = User(email: "gc2@home.test", displayName: "Olga Other", passwordHash: try Bcrypt.hash(Fixture.password, cost: 4), personID: try other.requireID())
            try await otherUser.create(on: app.db)
            try await RoleAssignment(userID: otherUser.requireID(), associationID: fixture.home.requireID(), role: "grievance").create(on: app.db)
            let number = try await fixture.openEthicsCase()
            _ = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1"}}"#)
            }
            // Staff assign Hal through the case page.
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let page = try await staff.get("/a/home/cases/\(number)").body.string
            #expect(page.contains("Help for the complainant") && page.contains("Hal Helper") && page.contains("Olga Other"))
            #expect(try await staff.post("/a/home/cases/\(number)/assign-helper", form: ["personId": try fixture.complainant.requireID().uuidString]).status == .unprocessableEntity)
            #expect(try await staff.post("/a/home/cases/\(number)/assign-helper", form: ["personId": try helperPerson.requireID().uuidString]).status == .seeOther)
            try await fixture.acknowledge(number, on: "2026-11-03")
            // Hal may read it but not decide; Olga may.
            let hal = Browser(app)
            _ = try await hal.signIn("gc@home.test")
            let halPage = try await hal.get("/a/home/cases/\(number)").body.string
            #expect(halPage.contains("you may not take part in its review"))
            #expect(!halPage.contains("Record the decision and send the notices"))
            #expect(try await hal.post("/a/home/cases/\(number)/gc-decision", form: ["decision": "forward"]).status == .forbidden)
            let olga = Browser(app)
            _ = try await olga.signIn("gc2@home.test")
            try await olga.get("/a/home/cases/\(number)")
            #expect(try await olga.post("/a/home/cases/\(number)/gc-decision", form: ["decision": "forward"]).status == .seeOther)
        }
    }
}

@Suite("A GC amendment the complainant does not agree to (a1.6)")
struct GCAmendmentTests {
    @Test func anAddedArticleBecomesTheCommitteesOwnLinkedComplaint() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let base = "/api/v1/associations/home/cases/\(number)"
            _ = try await app.testing().sendRequest(.POST, "\(base)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1, 2"}}"#)
            }
            let noRationale = try await app.testing().sendRequest(.POST, "\(base)/gc-amend", headers: fixture.bearer("gc@home.test")) { $0.json(#"{"articles":"1, 12"}"#) }
            #expect(try noRationale.content.decode(ErrorBody.self).error.rule == "a1.6")
            // Delete Article 2, add Article 12 without the complainant's agreement.
            let amended = try await app.testing().sendRequest(.POST, "\(base)/gc-amend", headers: fixture.bearer("gc@home.test")) {
                $0.json(#"{"articles":"1, 12","rationale":"Article 2 is not supported; the advertisement raises Article 12.","complainantAgrees":false}"#)
            }
            #expect(amended.status == .ok)
            let entries = try await app.testing().sendRequest(.GET, "\(base)/entries", headers: fixture.bearer("staff@home.test")).content.decode([APIModel.EntryOut].self)
            #expect(entries.first { $0.type == "gc.amended" }?.payload["articles"]?.textValue == "1")
            let link = try #require(entries.first { $0.type == "case.linked" })
            let gcNumber = try #require(link.payload["caseNumber"]?.textValue)
            let gcCase = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(gcNumber)/entries", headers: fixture.bearer("staff@home.test"))
                .content.decode([APIModel.EntryOut].self)
            let complaint = try #require(gcCase.first { $0.type == "complaint.filed" })
            #expect(complaint.payload["articles"]?.textValue == "12")
            #expect(complaint.payload["channel"]?.textValue == "gc-own-motion")
            #expect(gcCase.contains { $0.type == "case.linked" && $0.payload["caseNumber"]?.textValue == number })
            #expect(gcCase.contains { $0.type == "party.added" && $0.payload["role"]?.textValue == "respondent" })
        }
    }
}

@Suite("GC own-motion complaints and added respondents (a1.6, a1.9)")
struct GCOwnMotionTests {
    @Test func theCommitteeFilesItsOwnComplaintAndAddsARespondent() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            // Members with numbers, so they can be named.
            for (person, number) in [(fixture.respondent, "H-1"), (fixture.complainant, "H-2")] {
                try await Membership(associationID: fixture.home.requireID(), personID: person.requireID(), memberNumber: number,
                                     membershipType: "realtor", isPrincipal: false, firmID: nil, officeID: nil).create(on: app.db)
            }
            // The wrong role first; then an unknown member and a missing narrative are refused.
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/associations/home/gc-complaints", headers: fixture.bearer("party@home.test")) {
                $0.json(#"{"respondents":"H-1","articles":"1","text":"x"}"#) }.status == .forbidden)
            let unknown = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/gc-complaints", headers: fixture.bearer("gc@home.test")) {
                $0.json(#"{"respondents":"NOPE","articles":"1","text":"Seen in the press."}"#)
            }
            #expect(try unknown.content.decode(ErrorBody.self).error.code == "unknown_member")
            let filed = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/gc-complaints", headers: fixture.bearer("gc@home.test")) {
                $0.json(#"{"respondents":"H-1","articles":"12","text":"An advertisement without the firm's name ran in the local paper.","effectiveOn":"2026-11-02"}"#)
            }
            #expect(filed.status == .created)
            let gcCase = try filed.content.decode(APIModel.CaseOut.self)
            #expect(gcCase.status == "filed")
            #expect(gcCase.parties.map(\.role) == ["respondent"])
            // On another complaint, the GC adds a respondent the complainant agrees to.
            let number = try await fixture.openEthicsCase()
            _ = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1"}}"#)
            }
            let widened = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/gc-amend", headers: fixture.bearer("gc@home.test")) {
                $0.json(#"{"addRespondents":"H-2","rationale":"The listing agent's co-broker took part.","complainantAgrees":true}"#)
            }
            #expect(widened.status == .ok)
            #expect(try widened.content.decode(APIController.StepOut.self).case_.parties.filter { $0.role == "respondent" }.count == 2)
        }
    }
}
