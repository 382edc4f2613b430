import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// A respondent who leaves the association mid-case (issue 18; S4 (14), a1.12): staff see where they are still a
/// member, the complaint goes there on PSDesk (a case opens there, dated as filed) or by a printable packet, the
/// complainant is told, and with no other membership the case goes on here.
@Suite("A respondent who resigns mid-case")
struct ResignationTests {
    /// Rita's membership here ended on 2026-11-20; `elsewhere` keeps her a member of Other (same email) from 2019.
    static func stage(_ app: Application, elsewhere: Bool) async throws -> (Fixture, String) {
        let fixture = try await Fixture.make(app)
        fixture.respondent.email = "rita@example.com"
        try await fixture.respondent.save(on: app.db)
        func member(_ person: Person, in association: Association, ends: String?) async throws {
            let membership = Membership(associationID: try association.requireID(), personID: try person.requireID(), memberNumber: "M-\(association.slug)",
                                        membershipType: "realtor", isPrincipal: false, firmID: nil, officeID: nil)
            try await membership.create(on: app.db)
            try await MembershipPeriod(associationID: try association.requireID(), membershipID: try membership.requireID(),
                                       startsOn: "2019-01-01", endsOn: ends).create(on: app.db)
        }
        try await member(fixture.respondent, in: fixture.home, ends: "2026-11-20")
        if elsewhere {
            let there = Person(associationID: try fixture.other.requireID(), kind: .member, firstName: "Rita", lastName: "Realtor", email: "rita@example.com")
            try await there.create(on: app.db)
            try await member(there, in: fixture.other, ends: nil)
        }
        let number = try await fixture.openEthicsCase()
        try await fixture.forward(number, filedOn: "2026-11-02", forwardedOn: "2026-11-10")
        return (fixture, number)
    }

    /// The docket of a case in Home: numbers restart in each association, so the transferred case may share one.
    static func docket(_ app: Application, _ fixture: Fixture, _ number: String) async throws -> [DocketEntry] {
        let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$association.$id == fixture.home.requireID()).filter(\.$number == number).first())
        return try await DocketStore.entries(of: record.requireID(), on: app.db)
    }

    static func resign(_ app: Application, _ fixture: Fixture, _ number: String, _ body: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/respondent-resigned", headers: fixture.bearer("staff@home.test")) {
            $0.json(body)
        }
    }

    @Test func theComplaintGoesToTheOtherAssociationOnPSDeskAndTheComplainantIsTold() async throws {
        try await withTestApp { app in
            let (fixture, number) = try await Self.stage(app, elsewhere: true)
            // Staff see, on the case page, that she left and where she is still a member.
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let page = try await staff.get("/a/home/cases/\(number)").body.string
            #expect(page.contains("membership here ended on 2026-11-20") && page.contains("still a member of Other Association"))
            #expect(page.contains("id=\"respondent-resigned\"") && page.contains("<option value=\"other\""))
            // Kept here while she is a member elsewhere: refused. Sent somewhere she is not a member: refused.
            var response = try await Self.resign(app, fixture, number, #"{"effectiveOn":"2026-11-25","endedOn":"2026-11-20","disposition":"continues","confirm":"yes"}"#)
            #expect(response.status == .unprocessableEntity && response.body.string.contains("member_elsewhere"))
            response = try await Self.resign(app, fixture, number, #"{"effectiveOn":"2026-11-25","endedOn":"2026-11-20","disposition":"transferred","toAssociation":"nowhere","confirm":"yes"}"#)
            #expect(response.status == .unprocessableEntity && response.body.string.contains("not_a_member_there"))
            response = try await Self.resign(app, fixture, number, #"{"effectiveOn":"2026-11-25","endedOn":"2026-11-27","disposition":"transferred","toAssociation":"other","confirm":"yes"}"#)
            #expect(response.status == .unprocessableEntity && response.body.string.contains("endedOn_required"), "ended after the day recorded")
            response = try await Self.resign(app, fixture, number, #"{"effectiveOn":"2026-11-25","endedOn":"2026-11-20","disposition":"transferred","toAssociation":"other","confirm":"yes"}"#)
            #expect(response.status == .ok, "\(response.body.string)")

            // Closed here, with the number it has there and the complainant's notice.
            let here = try await Self.docket(app, fixture, number)
            let resigned = try #require(here.last { $0.type == .respondentResigned })
            let theirNumber = try #require(resigned.payload["toCase"]?.textValue)
            #expect(resigned.payload["to"]?.textValue == "Other Association" && theirNumber.hasPrefix("E-2026-"))
            #expect(CaseProjection.build(kind: .ethics, docket: here).status == .closed)
            let notice = try #require(here.last { $0.parsed.notice == .complaintTransferred })
            #expect(notice.payload["to"]?.textValue == "Pat Public")
            // Opened there: her membership there is the respondent, the complainant copied, the complaint dated as filed here.
            let there = try await app.testing().sendRequest(.GET, "/api/v1/associations/other/cases/\(theirNumber)/entries", headers: fixture.bearer("staff@other.test"))
                .content.decode([APIModel.EntryOut].self)
            let filed = try #require(there.first { $0.type == "complaint.filed" })
            #expect(filed.effectiveOn == "2026-11-02")
            #expect(there.first { $0.type == "case.opened" }?.payload["transferredFrom"]?.textValue == "Home Association \(number)")
            let otherID = try fixture.other.requireID()
            let parties = try await CaseParty.query(on: app.db).join(CaseRecord.self, on: \CaseParty.$caseRecord.$id == \CaseRecord.$id)
                .filter(CaseRecord.self, \.$number == theirNumber).filter(CaseRecord.self, \.$association.$id == otherID).with(\.$person).all()
            #expect(Set(parties.map { "\($0.role) \($0.person.fullName) \($0.person.$association.id == otherID)" })
                    == ["respondent Rita Realtor true", "complainant Pat Public true"])
            // Nothing more to record here.
            response = try await Self.resign(app, fixture, number, #"{"effectiveOn":"2026-11-26","endedOn":"2026-11-20","disposition":"packet","packetTo":"Harbor","confirm":"yes"}"#)
            #expect(response.status == .unprocessableEntity)
        }
    }

    @Test func withNoOtherMembershipItGoesOnHereOrByPacket() async throws {
        try await withTestApp { app in
            let (fixture, number) = try await Self.stage(app, elsewhere: false)
            var response = try await Self.resign(app, fixture, number, #"{"effectiveOn":"2026-11-25","endedOn":"2026-11-20","disposition":"transferred","toAssociation":"other","confirm":"yes"}"#)
            #expect(response.status == .unprocessableEntity && response.body.string.contains("not_a_member_there"))
            response = try await Self.resign(app, fixture, number, #"{"effectiveOn":"2026-11-25","endedOn":"2026-11-20","disposition":"packet","packetTo":"  ","confirm":"yes"}"#)
            #expect(response.status == .unprocessableEntity && response.body.string.contains("packetTo_required"))
            // A packet to an association not on PSDesk: closed here, and the packet prints the record.
            response = try await Self.resign(app, fixture, number, #"{"effectiveOn":"2026-11-25","endedOn":"2026-11-20","disposition":"packet","packetTo":"Harbor Association of REALTORS®","confirm":"yes"}"#)
            #expect(response.status == .ok, "\(response.body.string)")
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let packet = try await staff.get("/a/home/cases/\(number)/transfer-packet")
            #expect(packet.status == .ok)
            let text = packet.body.string
            #expect(text.contains("Harbor Association of REALTORS®") && text.contains("ended on 2026-11-20") && text.contains("Complaint filed"))
            #expect(text.contains("filed here on 2026-11-02"))
            // Only staff print it.
            let party = Browser(app)
            _ = try await party.signIn("party@home.test")
            #expect(try await party.get("/a/home/cases/\(number)/transfer-packet").status == .notFound)
        }
    }

    @Test func aResignationWithNoOtherMembershipKeepsTheCaseHere() async throws {
        try await withTestApp { app in
            let (fixture, number) = try await Self.stage(app, elsewhere: false)
            let response = try await Self.resign(app, fixture, number, #"{"effectiveOn":"2026-11-25","endedOn":"2026-11-20","disposition":"continues"}"#)
            #expect(response.status == .ok, "\(response.body.string)")
            let docket = try await Self.docket(app, fixture, number)
            #expect(CaseProjection.build(kind: .ethics, docket: docket).status == .forwarded, "the case goes on (S4 (14))")
            #expect(!docket.contains { $0.parsed.notice == .complaintTransferred })
        }
    }
}
