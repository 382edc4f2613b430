import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

@Suite("Refusal to arbitrate goes to the Directors (a1.34); the Directors' page; what is due from a party")
struct DirectorsTests {
    @Test func aRefusalToArbitrateSkipsTheGCAndWaitsForTheDirectors() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase(title: "Refusal to arbitrate — Realtor")
            let base = "/api/v1/associations/home/cases/\(number)"
            let referred = try await app.testing().sendRequest(.POST, "\(base)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"refusal-to-arbitrate.filed","effectiveOn":"2026-11-02","payload":{"arbitrationCase":"A-2026-0003","question":"Did Rita Realtor refuse to arbitrate a properly arbitrable matter?"}}"#)
            }
            #expect(referred.status == .created)
            // The GC may not act on it.
            let gc = try await app.testing().sendRequest(.POST, "\(base)/gc-decision", headers: fixture.bearer("gc@home.test")) {
                $0.json(#"{"type":"gc.forwarded","effectiveOn":"2026-11-03","decision":"forward"}"#)
            }
            #expect(try gc.content.decode(ErrorBody.self).error.rule == "a1.34")
            // The Directors see it on their page.
            let director = Browser(app)
            _ = try await director.signIn("director@home.test")
            let page = try await director.get("/a/home/directors")
            #expect(page.status == .ok)
            #expect(page.body.string.contains(number) && page.body.string.contains("Before the Board of Directors"))
            #expect(try await director.get("/a/home/cases/\(number)").status == .ok)
            // A party cannot open the Directors' page.
            let party = Browser(app)
            _ = try await party.signIn("party@home.test")
            #expect(try await party.get("/a/home/directors").status == .forbidden)
            // The Directors answer the single question; that is the final action.
            let decided = try await app.testing().sendRequest(.POST, "\(base)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"refusal-to-arbitrate.decided","effectiveOn":"2026-12-01","payload":{"outcome":"refused"}}"#)
            }
            #expect(decided.status == .created)
            #expect(try await app.testing().sendRequest(.GET, base, headers: fixture.bearer("staff@home.test")).content.decode(APIModel.CaseOut.self).status == "final-action")
        }
    }

    @Test func theDirectorsPageNamesThePanelTheProfileCallsFor() async throws {
        try await withTestApp { app in
            // setup: a dismissal appeal in the NAR association, its Board quorum set to 3
            let fixture = try await Fixture.make(app)
            fixture.home.boardQuorum = 3
            try await fixture.home.save(on: app.db)
            let number = try await fixture.openEthicsCase()
            let base = "/api/v1/associations/home/cases/\(number)"
            _ = try await app.testing().sendRequest(.POST, "\(base)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1"}}"#)
            }
            try await fixture.acknowledge(number, on: "2026-11-03")
            _ = try await app.testing().sendRequest(.POST, "\(base)/gc-decision", headers: fixture.bearer("gc@home.test")) { $0.json(#"{"decision":"dismiss","reason":"unworthy"}"#) }
            _ = try await app.testing().sendRequest(.POST, "\(base)/appeal-dismissal", headers: fixture.bearer("party@home.test")) { $0.json(#"{"explanation":"Please review."}"#) }
            let director = Browser(app)
            _ = try await director.signIn("director@home.test")
            // check: 5 Directors or a quorum, whichever is less: here 3 (a1.10)
            #expect(try await director.get("/a/home/directors").body.string.contains("Heard by 3 Directors (5 or a quorum, whichever is less, a1.10)"))
        }
    }

    @Test func aPartySeesWhatIsDueFromThem() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            try await fixture.addRespondentAccount()
            let number = try await fixture.openEthicsCase()
            let today = AssociationClock(timeZoneIdentifier: "America/New_York")!.civilDate(at: app.clock.now())
            _ = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"complaint.filed","effectiveOn":"\#(today.adding(days: -5))","payload":{"articles":"1"}}"#)
            }
            try await fixture.acknowledge(number, on: today.adding(days: -4).description)
            _ = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/gc-decision", headers: fixture.bearer("gc@home.test")) {
                $0.json(#"{"decision":"dismiss","reason":"unworthy"}"#)
            }
            let complainant = Browser(app)
            _ = try await complainant.signIn("party@home.test")
            let page = try await complainant.get("/a/home").body.string
            #expect(page.contains("What is due from you"))
            #expect(page.contains("Complainant may appeal the dismissal (Form E-22)"))
            #expect(page.contains(today.adding(days: 20).description))
            // The respondent is not told of the complainant's option, on the dashboard or on the case.
            let respondent = Browser(app)
            _ = try await respondent.signIn("rita@home.test")
            #expect(!(try await respondent.get("/a/home").body.string.contains("Complainant may appeal the dismissal")))
            #expect(!(try await respondent.get("/a/home/cases/\(number)").body.string.contains("What is due from you")))
            #expect(try await complainant.get("/a/home/cases/\(number)").body.string.contains("What is due from you"))
        }
    }
}
