import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// Issue 5's "done means": a public complaint walked from filing to distribution, and withdrawal before and
/// after transmittal, on both profiles, asserting the deadline dates.
@Suite("Ethics walkthroughs on both profiles")
struct EthicsWalkthroughTests {
    /// People and accounts for one association: a public complainant and a member respondent, each with a
    /// party login, and a GC member.
    struct Cast {
        let slug: String
        let staff: HTTPHeaders
        let gc: HTTPHeaders
        let complainant: HTTPHeaders
        let respondent: HTTPHeaders
        let complainantID: UUID
        let respondentID: UUID
    }

    static func cast(_ app: Application, _ fixture: Fixture, association: Association, staffEmail: String) async throws -> Cast {
        let id = try association.requireID()
        let complainant = Person(associationID: id, kind: .public, firstName: "Casey", lastName: "Consumer")
        let respondent = Person(associationID: id, kind: .member, firstName: "Rory", lastName: "Respondent")
        try await complainant.create(on: app.db)
        try await respondent.create(on: app.db)
        func account(_ email: String, _ role: Role, _ person: UUID?) async throws -> HTTPHeaders {
            try await Fixture.login(app, email: email, role: role, in: association, person: person)
        }
        return Cast(slug: association.slug, staff: fixture.bearer(staffEmail),
                    gc: try await account("gc-\(association.slug)@test", .grievance, nil),
                    complainant: try await account("casey-\(association.slug)@test", .party, complainant.id),
                    respondent: try await account("rory-\(association.slug)@test", .party, respondent.id),
                    complainantID: try complainant.requireID(), respondentID: try respondent.requireID())
    }

    static func openComplaint(_ app: Application, _ cast: Cast, filedOn: String) async throws -> String {
        let created = try await app.testing().sendRequest(.POST, "/api/v1/associations/\(cast.slug)/cases", headers: cast.staff) {
            $0.json(#"{"kind":"ethics","title":"Consumer v. Respondent","openedOn":"\#(filedOn)","parties":[{"personId":"\#(cast.complainantID)","role":"complainant"},{"personId":"\#(cast.respondentID)","role":"respondent"}]}"#)
        }
        let number = try created.content.decode(APIModel.CaseOut.self).number
        let filed = try await app.testing().sendRequest(.POST, "/api/v1/associations/\(cast.slug)/cases/\(number)/entries", headers: cast.staff) {
            $0.json(#"{"type":"complaint.filed","effectiveOn":"\#(filedOn)","payload":{"articles":"1, 2","transactionConcludedOn":"2026-02-02","channel":"online"}}"#)
        }
        #expect(filed.status == .created)
        return number
    }

    @discardableResult
    static func step(_ app: Application, _ cast: Cast, _ number: String, _ name: String, as headers: HTTPHeaders, _ body: String,
                     expect status: HTTPStatus = .ok) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/\(cast.slug)/cases/\(number)/\(name)", headers: headers) { $0.json(body) }
        #expect(response.status == status, "\(name): \(response.body.string)")
        return response
    }

    @Test(arguments: ["nar", "obar"])
    func publicComplaintFromFilingToDistribution(profile: String) async throws {
        try await withTestApp { app in
            // setup: "home" runs the NAR profile, "other" the OBAR profile
            let fixture = try await Fixture.make(app)
            let association = profile == "nar" ? fixture.home : fixture.other
            let cast = try await Self.cast(app, fixture, association: association, staffEmail: profile == "nar" ? "staff@home.test" : "staff@other.test")
            let number = try await Self.openComplaint(app, cast, filedOn: "2026-03-02")
            let base = "/api/v1/associations/\(cast.slug)/cases/\(number)"
            // act: intake, GC amendment, partial dismissal
            try await Self.step(app, cast, number, "acknowledge", as: cast.staff, #"{"effectiveOn":"2026-03-04"}"#)
            try await Self.step(app, cast, number, "gc-amend", as: cast.gc,
                                #"{"effectiveOn":"2026-03-20","articles":"1, 2, 12","rationale":"The advertisement also raises Article 12.","complainantAgrees":true}"#)
            try await Self.step(app, cast, number, "gc-decision", as: cast.gc,
                                #"{"effectiveOn":"2026-04-01","decision":"partial","reason":"not-a-code-matter","forwardedArticles":"1","dismissedArticles":"2, 12"}"#)
            // The complainant receives the dismissal notice on 2026-04-03 (recorded as a correcting entry).
            let entries = try await app.testing().sendRequest(.GET, "\(base)/entries", headers: cast.staff).content.decode([APIModel.EntryOut].self)
            let dismissal = try #require(entries.first { $0.payload["notice"]?.textValue == "dismissal" })
            _ = try await app.testing().sendRequest(.POST, "\(base)/entries", headers: cast.staff) {
                $0.json(#"{"type":"notice.sent","effectiveOn":"2026-04-01","corrects":"\#(dismissal.id)","payload":{"notice":"dismissal","channel":"email","to":"Casey Consumer","receivedOn":"2026-04-03"}}"#)
            }
            // The complainant appeals the dismissal; the Directors reinstate it.
            try await Self.step(app, cast, number, "appeal-dismissal", as: cast.complainant, #"{"effectiveOn":"2026-04-10","explanation":"Article 2 is squarely raised."}"#)
            // Decided by five Directors (a1.10; OBAR a2.10): fewer are refused with the panel rule.
            let directors = try await HearingWalkthroughTests.board(app, association: association).map(\.uuidString)
            let tooFew = try await Self.step(app, cast, number, "dismissal-appeal-decision", as: cast.staff,
                                             #"{"effectiveOn":"2026-04-20","outcome":"reinstated","directorIds":["\#(directors.prefix(2).joined(separator: "\",\""))"]}"#,
                                             expect: .unprocessableEntity)
            #expect(try tooFew.content.decode(ErrorBody.self).error.rule == (profile == "nar" ? "a1.10" : "a2.10"))
            try await Self.step(app, cast, number, "dismissal-appeal-decision", as: cast.staff,
                                #"{"effectiveOn":"2026-04-20","outcome":"reinstated","directorIds":["\#(directors.joined(separator: "\",\""))"]}"#)
            // Service, distribution at day 15 with notice of no reply, then a late reply.
            try await Self.step(app, cast, number, "serve", as: cast.staff, #"{"effectiveOn":"2026-04-22"}"#)
            try await Self.step(app, cast, number, "distribute", as: cast.staff, #"{"effectiveOn":"2026-05-07"}"#)
            let late = try await Self.step(app, cast, number, "reply", as: cast.respondent, #"{"effectiveOn":"2026-05-12","text":"I deny the allegations."}"#)
            #expect(try late.content.decode(APIController.StepOut.self).warnings.map(\.rule) == ["a1.11"])

            // check: every deadline date on this profile
            let deadlines = try await app.testing().sendRequest(.GET, "\(base)/deadlines?asOf=2026-05-13", headers: cast.staff)
                .content.decode(APIModel.DeadlinesOut.self).deadlines
            let byKey = Dictionary(deadlines.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            func check(_ key: String, _ due: String, _ status: String) {
                #expect(byKey[key]?.dueOn == due, "\(profile) \(key) due")
                #expect(byKey[key]?.status == status, "\(profile) \(key) status: \(byKey[key]?.explanation ?? "missing")")
            }
            check("filing", "2026-08-01", "met")                                     // a1.2
            check("gc-review", "2026-04-16", "met")                                  // b6.2
            check("dismissal-appeal", profile == "nar" ? "2026-04-21" : "2026-04-23", "met")   // a1.10 transmittal / a2.10 receipt
            check("reply", "2026-05-07", "missed")                                   // a1.11, late reply recorded
            check("distribution", "2026-05-07", "met")                               // a1.13
            check("reply-forwarded", "2026-05-17", "pending")                        // a1.11: 5 days from receipt of the reply
            if profile == "obar" {
                check("gc-decision-notice", "2026-04-08", "met")                     // a2.8: 5 working days
            } else {
                #expect(byKey["gc-decision-notice"] == nil)
            }
            let shown = try await app.testing().sendRequest(.GET, base, headers: cast.staff).content.decode(APIModel.CaseOut.self)
            #expect(shown.status == "reply-received")
            let finalEntries = try await app.testing().sendRequest(.GET, "\(base)/entries", headers: cast.staff).content.decode([APIModel.EntryOut].self)
            #expect(finalEntries.first { $0.type == "gc.amended" }?.payload["articles"]?.textValue == "1, 2, 12")
        }
    }

    @Test(arguments: ["nar", "obar"])
    func withdrawalBeforeAndAfterTransmittal(profile: String) async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let association = profile == "nar" ? fixture.home : fixture.other
            let cast = try await Self.cast(app, fixture, association: association, staffEmail: profile == "nar" ? "staff@home.test" : "staff@other.test")
            func refile(_ number: String, on date: String) async throws -> TestingHTTPResponse {
                let created = try await app.testing().sendRequest(.POST, "/api/v1/associations/\(cast.slug)/cases", headers: cast.staff) {
                    $0.json(#"{"kind":"ethics","title":"Refiled","openedOn":"\#(date)"}"#)
                }
                let refiled = try created.content.decode(APIModel.CaseOut.self).number
                return try await app.testing().sendRequest(.POST, "/api/v1/associations/\(cast.slug)/cases/\(refiled)/entries", headers: cast.staff) {
                    $0.json(#"{"type":"complaint.filed","effectiveOn":"\#(date)","payload":{"articles":"1","transactionConcludedOn":"2026-02-02","refiles":"\#(number)"}}"#)
                }
            }
            // Before transmittal: the complainant withdraws and may refile within the window; the GC may not take it over.
            let early = try await Self.openComplaint(app, cast, filedOn: "2026-03-02")
            try await Self.step(app, cast, early, "withdraw", as: cast.complainant, #"{"effectiveOn":"2026-03-10","reason":"Want to add documents first."}"#)
            #expect(try await refile(early, on: "2026-03-20").status == .created)
            let takeover = try await Self.step(app, cast, early, "gc-continue", as: cast.gc, #"{"publicTrust":"fraud"}"#, expect: .unprocessableEntity)
            #expect(try takeover.content.decode(ErrorBody.self).error.code == "withdrawn_before_transmittal")

            // After transmittal: refiling is refused; the GC continues only for a potential public-trust violation.
            let late = try await Self.openComplaint(app, cast, filedOn: "2026-03-02")
            try await Self.step(app, cast, late, "acknowledge", as: cast.staff, #"{"effectiveOn":"2026-03-03"}"#)
            try await Self.step(app, cast, late, "gc-decision", as: cast.gc, #"{"effectiveOn":"2026-04-01","decision":"forward"}"#)
            try await Self.step(app, cast, late, "withdraw", as: cast.complainant, #"{"effectiveOn":"2026-04-10"}"#)
            let refused = try await refile(late, on: "2026-04-20")
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.content.decode(ErrorBody.self).error.rule == "a1.17")
            try await Self.step(app, cast, late, "gc-continue", as: cast.gc, #"{"publicTrust":"nonsense"}"#, expect: .unprocessableEntity)
            let continued = try await Self.step(app, cast, late, "gc-continue", as: cast.gc,
                                                #"{"effectiveOn":"2026-04-15","publicTrust":"misappropriation","rationale":"Escrow funds appear to be missing."}"#)
            #expect(try continued.content.decode(APIController.StepOut.self).case_.status == "under-review")
        }
    }
}
