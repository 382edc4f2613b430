import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

@Suite("API: cases and the docket over /api/v1")
struct APITests {
    @Test func withoutATokenTheAPIAnswers401InTheErrorShape() async throws {
        try await withTestApp { app in
            // act
            let response = try await app.testing().sendRequest(.GET, "/api/v1/associations")
            // check
            #expect(response.status == .unauthorized)
            let body = try response.content.decode(ErrorBody.self)
            #expect(body.error.code == "unauthenticated")
        }
    }

    @Test func tokensAreStoredHashedAndRevocable() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await Fixture.make(app)
            let token = fixture.tokens["staff@home.test"]!
            // check: only the hash is at rest
            let stored = try await APIToken.query(on: app.db).all()
            #expect(!stored.contains { $0.tokenHash == token })
            #expect(stored.contains { $0.tokenHash == TokenHashing.hash(token) })
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations", headers: fixture.bearer("staff@home.test")).status == .ok)
            // act: revoke
            let record = try #require(stored.first { $0.tokenHash == TokenHashing.hash(token) })
            try await APITokens.revoke(id: record.requireID(), now: Date(), on: app.db)
            // check
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations", headers: fixture.bearer("staff@home.test")).status == .unauthorized)
        }
    }

    @Test func staffOpensNumberedCasesAndAppendsEntries() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await Fixture.make(app)
            // act
            let first = try await fixture.openEthicsCase()
            let second = try await fixture.openEthicsCase(title: "Second")
            // check: numbered per association, kind and year
            #expect(first == "E-2026-0001")
            #expect(second == "E-2026-0002")
            let appended = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(first)/entries", headers: fixture.bearer("staff@home.test")) { req in
                req.json(#"{"type":"complaint.filed","effectiveOn":"2026-03-02","payload":{"articles":"1, 2","transactionConcludedOn":"2026-01-15"}}"#)
            }
            #expect(appended.status == .created)
            let entry = try appended.content.decode(APIModel.EntryOut.self)
            #expect(entry.sequence == 4)  // case.opened + two party.added
            let shown = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(first)", headers: fixture.bearer("staff@home.test"))
            let out = try shown.content.decode(APIModel.CaseOut.self)
            #expect(out.status == "filed")
            #expect(Set(out.parties.map(\.role)) == ["complainant", "respondent"])
            // A case number in another association starts its own sequence.
            let elsewhere = try await app.testing().sendRequest(.POST, "/api/v1/associations/other/cases", headers: fixture.bearer("staff@other.test")) { req in
                req.json(#"{"kind":"ethics","title":"Other","openedOn":"2026-05-05"}"#)
            }
            #expect(try elsewhere.content.decode(APIModel.CaseOut.self).number == "E-2026-0001")
        }
    }

    @Test func theWrongRoleIsRefused() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            // The GC may read the complaint but not write to its docket or open cases.
            let append = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("gc@home.test")) { req in
                req.json(#"{"type":"note","effectiveOn":"2026-03-02","payload":{"text":"hi"}}"#)
            }
            #expect(append.status == .forbidden)
            let open = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases", headers: fixture.bearer("gc@home.test")) { req in
                req.json(#"{"kind":"ethics","title":"x"}"#)
            }
            #expect(open.status == .forbidden)
            // The ombuds keeps no cases (a3.3): not a kind anyone opens, and the ombuds lists none.
            let ombuds = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases", headers: fixture.bearer("staff@home.test")) { req in
                req.json(#"{"kind":"ombuds","title":"Inquiry"}"#)
            }
            #expect(ombuds.status == .badRequest)
            let ombudsList = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases", headers: fixture.bearer("ombuds@home.test"))
            #expect(ombudsList.status == .forbidden)
        }
    }

    @Test func partiesSeeOnlyTheirOwnCases() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)", headers: fixture.bearer("party@home.test")).status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)", headers: fixture.bearer("stranger@home.test")).status == .notFound)
            let list = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases", headers: fixture.bearer("stranger@home.test"))
            #expect(try list.content.decode([APIModel.CaseOut].self).isEmpty)
        }
    }

    @Test func anotherAssociationsCaseIs404() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let foreign = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)", headers: fixture.bearer("staff@other.test"))
            #expect(foreign.status == .notFound)
            #expect(try foreign.content.decode(ErrorBody.self).error.code == "not_found")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/home/members", headers: fixture.bearer("staff@other.test")).status == .notFound)
        }
    }

    @Test func badInputIsA4xxWithTheRuleNeverA5xx() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let headers = fixture.bearer("staff@home.test")
            let path = "/api/v1/associations/home/cases/\(number)/entries"
            let cases: [(String, HTTPStatus, String)] = [
                (#"{"type":"note","effectiveOn":"2026-03-02","payload":{"text":"#, .badRequest, "invalid_request"),          // malformed JSON
                (#"{"type":"note","effectiveOn":20260302}"#, .badRequest, "invalid_request"),                                // wrong type
                (#"{"type":"note","effectiveOn":"2026-02-30","payload":{"text":"x"}}"#, .badRequest, "invalid_request"),    // impossible date
                (#"{"type":"teleport","effectiveOn":"2026-03-02"}"#, .badRequest, "unknown_entry_type"),
                (#"{"type":"award.rendered","effectiveOn":"2026-03-02","payload":{"amountCents":100}}"#, .unprocessableEntity, "entry_type_not_for_case_kind"),
                (#"{"type":"note","effectiveOn":"2026-03-02","payload":{}}"#, .unprocessableEntity, "missing_payload_field"),
                (#"[1,2,3]"#, .badRequest, "invalid_request"),
            ]
            for (body, status, code) in cases {
                let response = try await app.testing().sendRequest(.POST, path, headers: headers) { $0.json(body) }
                #expect(response.status == status, "\(body)")
                #expect((try? response.content.decode(ErrorBody.self).error.code) == code, "\(body)")
            }
            let wrongKind = try await app.testing().sendRequest(.POST, path, headers: headers) {
                $0.json(#"{"type":"award.rendered","effectiveOn":"2026-03-02","payload":{"amountCents":100}}"#)
            }
            #expect(try wrongKind.content.decode(ErrorBody.self).error.rule == "a2.23")
            for unknown in ["/api/v1/associations/home/cases/E-2026-9999", "/api/v1/associations/home/cases/not-a-number",
                            "/api/v1/associations/nowhere/cases", "/api/v1/associations/home/cases/\(number)/documents/not-a-uuid",
                            "/api/v1/associations/home/members/NOPE"] {
                let response = try await app.testing().sendRequest(.GET, unknown, headers: headers)
                #expect(response.status == .notFound, "\(unknown)")
            }
            let huge = String(repeating: "x", count: 2_000_000)
            let oversized = try await app.testing().sendRequest(.POST, path, headers: headers) {
                $0.json(#"{"type":"note","effectiveOn":"2026-03-02","payload":{"text":"\#(huge)"}}"#)
            }
            #expect(oversized.status.code >= 400 && oversized.status.code < 500)
        }
    }

    @Test func correctionsAreNewEntriesAndMoveTheProjection() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let headers = fixture.bearer("staff@home.test")
            let path = "/api/v1/associations/home/cases/\(number)/entries"
            try await fixture.forward(number, filedOn: "2026-03-02", forwardedOn: "2026-04-10")
            let before = try await app.testing().sendRequest(.GET, path, headers: headers).content.decode([APIModel.EntryOut].self)
            let id = try #require(before.first { $0.type == "gc.forwarded" }).id
            let corrected = try await app.testing().sendRequest(.POST, path, headers: headers) {
                $0.json(#"{"type":"gc.forwarded","effectiveOn":"2026-04-14","corrects":"\#(id.uuidString)"}"#)
            }
            #expect(corrected.status == .created)
            let entries = try await app.testing().sendRequest(.GET, path, headers: headers).content.decode([APIModel.EntryOut].self)
            #expect(entries.count == before.count + 1)
            #expect(entries.first { $0.id == id }?.effectiveOn == "2026-04-10", "the original is untouched")
            let shown = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)", headers: headers).content.decode(APIModel.CaseOut.self)
            #expect(shown.lastActivityOn == "2026-04-14")
        }
    }

    @Test func openAPIDocumentMatchesTheRoutes() async throws {
        try await withTestApp { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            let paths = try #require(document?["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, item) in paths {
                for method in item.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                    documented.insert("\(method.uppercased()) \(path)")
                }
            }
            let routed = Set(app.routes.all.compactMap { route -> String? in
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                return path.hasPrefix("/api/v1") ? "\(route.method.rawValue) \(path)" : nil
            })
            #expect(documented == routed)
        }
    }
}
