import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// Issue 16: a forwarded complaint goes to the citation panel first where citations are adopted (S3 9.2.2), waits for
/// it, and comes back for a hearing when the panel sends it or the cited member asks (S3 9.3.3), with the complainant
/// offered the role again.
@Suite("Forwarded complaints and the citation panel (S3 9.2.2, 9.3.3)")
struct CitationReferralTests {
    typealias Walk = EthicsWalkthroughTests

    static func forwarded(_ app: Application, _ cast: Walk.Cast) async throws -> String {
        let number = try await Walk.openComplaint(app, cast, filedOn: "2026-10-02")
        try await Walk.step(app, cast, number, "acknowledge", as: cast.staff, #"{"effectiveOn":"2026-10-05"}"#)
        try await Walk.step(app, cast, number, "gc-decision", as: cast.gc, #"{"effectiveOn":"2026-10-20","decision":"forward"}"#)
        return number
    }

    /// OBAR's cast for an ethics complaint, its standing citation panel seated, and a citation panel account.
    static func obarCast(_ app: Application, _ fixture: Fixture) async throws -> (cast: Walk.Cast, panel: HTTPHeaders) {
        let cast = try await Walk.cast(app, fixture, association: fixture.other, staffEmail: "staff@other.test")
        try await CitationProgramTests.seatCitationPanel(app, in: fixture.other)
        return (cast, try await Fixture.login(app, email: "panel@refer.test", role: .citationPanel, in: fixture.other, person: nil))
    }

    /// A forwarded complaint in OBAR sent to the citation panel, which issued a citation on it.
    static func referredAndCited(_ app: Application) async throws -> (cast: Walk.Cast, ethics: String, citation: String) {
        let fixture = try await Fixture.make(app)
        let (cast, panel) = try await obarCast(app, fixture)
        let ethics = try await forwarded(app, cast)
        try await Walk.step(app, cast, ethics, "refer-to-citation-panel", as: cast.staff, #"{"summary":"Advertised without the firm name."}"#)
        let citation = try #require(try await docket(app, ethics).last { $0.type == .citationReferral }?.payload["citationCase"]?.textValue)
        try await CitationProgramTests.step(app, citation, "citation-issue", as: panel, #"{"standards":"12-7","complaintFiledOn":"2026-10-02","summary":"x"}"#)
        return (cast, ethics, citation)
    }

    static func docket(_ app: Application, _ number: String) async throws -> [DocketEntry] { try await ArbitrationHearingTests.docket(app, number) }

    static func status(_ app: Application, _ number: String, _ kind: CaseKind) async throws -> CaseStatus {
        CaseProjection.build(kind: kind, docket: try await docket(app, number)).status
    }

    @Test func theCitedMembersHearingRequestBringsTheComplaintBack() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let (cast, panel) = try await Self.obarCast(app, fixture)
            let ethics = try await Self.forwarded(app, cast)
            try await Walk.step(app, cast, ethics, "refer-to-citation-panel", as: cast.gc, #"{"effectiveOn":"2026-10-21","summary":""}"#, expect: .unprocessableEntity)
            try await Walk.step(app, cast, ethics, "refer-to-citation-panel", as: cast.gc, #"{"effectiveOn":"2026-10-21","summary":"Advertised without the firm name."}"#)
            let referral = try #require(try await Self.docket(app, ethics).last { $0.type == .citationReferral })
            let citation = try #require(referral.payload["citationCase"]?.textValue)
            #expect(citation.hasPrefix("C-2026-"))
            // The citation review has the complaint's parties and knows where it came from; the complaint waits.
            let opened = try await Self.docket(app, citation)
            #expect(CitationReferral.openedFrom(opened) == ethics)
            #expect(Set(opened.filter { $0.type == .partyAdded }.compactMap { $0.payload["role"]?.textValue }) == ["complainant", "respondent"])
            let held = try await Walk.step(app, cast, ethics, "serve", as: cast.staff, #"{"effectiveOn":"2026-10-22"}"#, expect: .unprocessableEntity)
            #expect(held.body.string.contains("with_citation_panel"), "\(held.body.string)")
            try await Walk.step(app, cast, ethics, "refer-to-citation-panel", as: cast.gc, #"{"summary":"again"}"#, expect: .unprocessableEntity)
            try await CitationProgramTests.step(app, citation, "citation-issue", as: panel,
                                                #"{"effectiveOn":"2026-10-23","standards":"12-7","complaintFiledOn":"2026-10-02","summary":"Advertised without the firm name."}"#)
            // The respondent asks for a full hearing: the complaint is back at forwarded and the complainant offered the role.
            try await CitationProgramTests.step(app, citation, "citation-hearing-request", as: cast.respondent, #"{"effectiveOn":"2026-10-30"}"#)
            let back = try await Self.docket(app, ethics)
            #expect(CitationReferral.waitingFor(back) == nil)
            #expect(try await Self.status(app, ethics, .ethics) == .forwarded)
            let offer = try #require(back.last { $0.parsed.notice == .complainantOffered })
            #expect((offer.payload["to"]?.textValue ?? "").contains("Casey Consumer"))
            #expect((offer.payload["note"]?.textValue ?? "").contains("not admissible"))
            try await Walk.step(app, cast, ethics, "serve", as: cast.staff, #"{"effectiveOn":"2026-11-02"}"#)
            // The case page links the two.
            let browser = Browser(app)
            try await browser.signIn("staff@other.test")
            #expect(try await browser.get("/a/other/cases/\(citation)").body.string.contains("Opened from the complaint <a href=\"/a/other/cases/\(ethics)\">"))
        }
    }

    @Test func thePanelSendsAnEgregiousComplaintToAHearing() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let (cast, panel) = try await Self.obarCast(app, fixture)
            let ethics = try await Self.forwarded(app, cast)
            try await Walk.step(app, cast, ethics, "refer-to-citation-panel", as: cast.staff, #"{"summary":"Misrepresented the listing."}"#)
            let citation = try #require(try await Self.docket(app, ethics).last { $0.type == .citationReferral }?.payload["citationCase"]?.textValue)
            try await CitationProgramTests.step(app, citation, "citation-to-hearing", as: panel, #"{"reason":"sometimes"}"#, expect: .unprocessableEntity)
            try await CitationProgramTests.step(app, citation, "citation-to-hearing", as: cast.respondent, #"{"reason":"egregious"}"#, expect: .forbidden)
            try await CitationProgramTests.step(app, citation, "citation-to-hearing", as: panel, #"{"reason":"egregious","note":"Repeated after warnings."}"#)
            #expect(try await Self.status(app, citation, .citation) == .closed)
            let back = try #require(try await Self.docket(app, ethics).last { $0.type == .citationReferral })
            #expect(back.payload["event"]?.textValue == "returned")
            #expect((back.payload["reason"]?.textValue ?? "").contains("egregious"))
            try await CitationProgramTests.step(app, citation, "citation-issue", as: panel,
                                                #"{"standards":"12-7","complaintFiledOn":"2026-10-02","summary":"x"}"#, expect: .unprocessableEntity)
        }
    }

    @Test func withoutACitationPolicyTheComplaintGoesStraightToAHearing() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Walk.cast(app, fixture, association: fixture.home, staffEmail: "staff@home.test")
            let ethics = try await Self.forwarded(app, cast)
            let refused = try await Walk.step(app, cast, ethics, "refer-to-citation-panel", as: cast.staff, #"{"summary":"x"}"#, expect: .unprocessableEntity)
            #expect(refused.body.string.contains("citations_not_adopted") && refused.body.string.contains("b9.1"))
        }
    }

    /// A citation opened on its own (recorded by staff) becomes an ethics case at forwarded when a hearing is asked for.
    @Test func aStandaloneCitationsHearingRequestOpensAnEthicsCase() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await CitationProgramTests.cast(app, fixture)
            let citation = try await CitationProgramTests.issue(app, cast, "12-7", filedOn: "2026-10-01")
            try await CitationProgramTests.step(app, citation, "citation-hearing-request", as: cast.respondent, "{}")
            let ethics = try #require(try await CaseRecord.query(on: app.db).filter(\.$kind == CaseKind.ethics.rawValue)
                .filter(\.$association.$id == fixture.other.requireID()).first())
            let docket = try await Self.docket(app, ethics.number)
            #expect(CitationReferral.openedFrom(docket) == citation)
            #expect(CaseProjection.build(kind: .ethics, docket: docket).status == .forwarded)
            #expect(docket.contains { $0.parsed.notice == .complainantOffered && ($0.payload["to"]?.textValue ?? "").contains("Pat Public") })
        }
    }

    /// A complaint withdrawn while with the citation panel ends its citation review, and no later hearing request can
    /// revive it (a1.17, S3 9.3.3).
    @Test func aWithdrawnComplaintDoesNotComeBack() async throws {
        try await withTestApp { app in
            let (cast, ethics, citation) = try await Self.referredAndCited(app)
            try await Walk.step(app, cast, ethics, "withdraw", as: cast.complainant, #"{"reason":"Settled between us."}"#)
            let refused = try await CitationProgramTests.step(app, citation, "citation-hearing-request", as: cast.respondent, "{}", expect: .unprocessableEntity)
            #expect(refused.body.string.contains("case_ended"), "\(refused.body.string)")
            #expect(try await Self.status(app, ethics, .ethics) == .withdrawn)
            // The citation review ended with the complaint: nothing is left open on it.
            #expect(try await Self.status(app, citation, .citation) == .withdrawn)
        }
    }

    /// An accepted citation is the complaint's final resolution (S3 9.3.2.2): the referred complaint closes with it.
    @Test func anAcceptedCitationClosesTheComplaint() async throws {
        try await withTestApp { app in
            let (cast, ethics, citation) = try await Self.referredAndCited(app)
            try await CitationProgramTests.step(app, citation, "citation-accept", as: cast.respondent, "{}")
            #expect(try await Self.status(app, ethics, .ethics) == .closed)
            let closing = try #require(try await Self.docket(app, ethics).last { $0.type == .closed })
            #expect((closing.payload["reason"]?.textValue ?? "").contains("accepted, final and not appealable"))
            try await Walk.step(app, cast, ethics, "withdraw", as: cast.complainant, #"{"reason":"late"}"#, expect: .unprocessableEntity)
            try await CitationProgramTests.step(app, citation, "citation-paid", as: cast.staff, #"{"amount":"100"}"#)
            #expect(try await Self.status(app, citation, .citation) == .citationPaid)
        }
    }
}
