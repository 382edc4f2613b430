import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

@Suite("Deadlines and guards over HTTP")
struct DeadlineAPITests {
    func append(_ app: Application, _ fixture: Fixture, _ number: String, _ json: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test")) { $0.json(json) }
    }

    @Test func aRefusedEntryIs422NamingTheRule() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            // A complaint that names a case to refile which does not exist (a1.17).
            let refiled = try await append(app, fixture, number, #"{"type":"complaint.filed","effectiveOn":"2026-05-01","payload":{"articles":"1","refiles":"E-2020-0999"}}"#)
            #expect(refiled.status == .unprocessableEntity)
            let error = try refiled.content.decode(ErrorBody.self).error
            #expect(error.code == "refiled_case_not_found" && error.rule == "a1.17")
            // A hearing is set through its step, which checks the panel and the notice (a1.16): the generic route says so.
            let short = try await append(app, fixture, number, #"{"type":"hearing.scheduled","effectiveOn":"2026-05-01","payload":{"hearingOn":"2026-05-10"}}"#)
            let routed = try short.content.decode(ErrorBody.self).error
            #expect(short.status == .unprocessableEntity && routed.code == "use_the_step" && routed.rule == "a1.16")
            #expect(routed.message.contains("hearing/schedule"))
            let appeal = try await append(app, fixture, number, #"{"type":"appeal.filed","effectiveOn":"2026-05-01","payload":{"basis":"x","appellant":"complainant","grounds":"discipline"}}"#)
            #expect(try appeal.content.decode(ErrorBody.self).error.rule == "a1.24")
            #expect(try await DocketEntryRecord.query(on: app.db).filter(\.$type == "hearing.scheduled").count() == 0)
        }
    }

    @Test func aLateReplyIsRecordedWithAWarning() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            try await fixture.forward(number)
            try await fixture.step(number, "serve", #"{"effectiveOn":"2026-04-02"}"#)
            // Staff record a reply that came on paper: the reply step, late, passes with a warning (a1.11).
            let late = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/reply", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"effectiveOn":"2026-04-20","text":"Denied."}"#)
            }
            #expect(late.status == .ok)
            #expect(try late.content.decode(APIController.StepOut.self).warnings.first?.rule == "a1.11")
            // The generic entry route sends a step's entry to its step.
            let generic = try await append(app, fixture, number, #"{"type":"reply.received","effectiveOn":"2026-04-20"}"#)
            #expect(generic.status == .unprocessableEntity)
            #expect(try generic.content.decode(ErrorBody.self).error.code == "use_the_step")
        }
    }

    @Test func deadlinesByNumberAndByIdAgreeAndFollowTheProfile() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            _ = try await append(app, fixture, number, #"{"type":"complaint.filed","effectiveOn":"2026-03-02","payload":{"articles":"1","transactionConcludedOn":"2026-02-02"}}"#)
            _ = try await append(app, fixture, number, #"{"type":"notice.sent","effectiveOn":"2026-04-02","payload":{"notice":"dismissal","receivedOn":"2026-04-06"}}"#)
            let byNumber = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/deadlines?asOf=2026-04-10",
                                                               headers: fixture.bearer("staff@home.test"))
            #expect(byNumber.status == .ok)
            let out = try byNumber.content.decode(APIModel.DeadlinesOut.self)
            #expect(out.profile == "nar")
            let filing = try #require(out.deadlines.first { $0.key == "filing" })
            #expect(filing.dueOn == "2026-08-01")
            #expect(filing.closedDayNote?.contains("Saturday") == true)
            #expect(out.deadlines.first { $0.key == "dismissal-appeal" }?.dueOn == "2026-04-22")   // a1.10: from transmittal
            let id = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first()?.requireID())
            let byID = try await app.testing().sendRequest(.GET, "/api/v1/cases/\(id)/deadlines?asOf=2026-04-10", headers: fixture.bearer("staff@home.test"))
            #expect(try byID.content.decode(APIModel.DeadlinesOut.self).deadlines.map(\.dueOn) == out.deadlines.map(\.dueOn))
            // Another association's staff, a bad id and a bad date.
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/cases/\(id)/deadlines", headers: fixture.bearer("staff@other.test")).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/cases/nope/deadlines", headers: fixture.bearer("staff@home.test")).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/cases/\(id)/deadlines?asOf=2026-13-01", headers: fixture.bearer("staff@home.test")).status == .badRequest)
            // The web case page shows the same deadline with its explanation.
            let browser = Browser(app)
            _ = try await browser.signIn("staff@home.test")
            let page = try await browser.get("/a/home/cases/\(number)").body.string
            #expect(page.contains("Complaint filed within 180 days"))
            #expect(page.contains("180 days from 2026-02-02 = 2026-08-01 (Sat)"))
        }
    }
}
