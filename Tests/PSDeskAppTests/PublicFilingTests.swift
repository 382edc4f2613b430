import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

@Suite("Online ethics complaint without an account (a1.1) and following it with the access key")
struct PublicFilingTests {
    /// A multipart body for the filing form, with optional attachments.
    func multipart(_ fields: [String: String], files: [(name: String, filename: String, data: Data)] = []) -> (HTTPHeaders, ByteBuffer) {
        let boundary = "psdesk-public-boundary"
        var body = ByteBuffer()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.data)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
        return (headers, body)
    }

    func post(_ browser: Browser, _ path: String, fields: [String: String], files: [(name: String, filename: String, data: Data)] = []) async throws -> TestingHTTPResponse {
        var all = fields
        all["_csrf"] = browser.csrf
        var (headers, body) = multipart(all, files: files)
        if let cookie = browser.cookie { headers.replaceOrAdd(name: .cookie, value: cookie) }
        let response = try await browser.app.testing().sendRequest(.POST, path, headers: headers, body: body)
        browser.remember(response)
        return response
    }

    static let good: [String: String] = [
        "firstName": "Pat", "lastName": "Public", "email": "pat@example.com",
        "respondent1Name": "Rita Realtor", "respondent1Firm": "Shore Realty",
        "article1": "2", "narrative1": "The listing said the house was outside the flood zone; it is not.",
        "transactionConcludedOn": "2026-02-02", "informalProcess": "mediation", "informalStartedOn": "2026-03-02", "informalEndedOn": "2026-03-23",
        "litigation": "", "signature": "Pat Public", "signatureAgreed": "yes",
    ]

    @Test func staffRecordAPaperComplaintFromANewMemberOfThePublic() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            // Nobody but the association's staff may use the paper form.
            let visitor = Browser(app)
            let anonymous = try await visitor.get("/file/home?paper=1")
            #expect(anonymous.status == .forbidden)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let form = try await staff.get("/file/home?paper=1")
            #expect(form.body.string.contains("Record a paper complaint") && form.body.string.contains("Day it was received"))
            var fields = Self.good
            fields["firstName"] = "Olive"; fields["lastName"] = "Outsider"; fields["email"] = "olive@example.com"
            fields["paper"] = "yes"; fields["receivedOn"] = "2999-01-01"
            let future = try await post(staff, "/file/home?paper=1", fields: fields)
            #expect(future.status == .unprocessableEntity && future.body.string.contains("value=\"Olive\""))
            fields["receivedOn"] = "2026-11-20"
            #expect(try await post(staff, "/file/home?paper=1", fields: fields).status == .seeOther)
            let receipt = try await staff.get("/file/home/received").body.string
            #expect(receipt.contains("to take it in"))
            // A new person, the complaint with its Article and narrative, filed on the day it came, recorded by staff.
            let record = try #require(try await CaseRecord.query(on: app.db).first())
            let docket = try await DocketStore.entries(of: record.requireID(), on: app.db)
            let complaint = try #require(docket.first { $0.type == .complaintFiled })
            #expect(complaint.effectiveOn == CivilDate("2026-11-20") && complaint.payload["channel"]?.textValue == "paper")
            #expect(complaint.payload["narrative"]?.textValue?.contains("flood zone") == true)
            #expect(complaint.actorName == "staff@home.test")
            #expect(try await Person.query(on: app.db).filter(\.$lastName == "Outsider").count() == 1)
            _ = fixture
        }
    }

    @Test func aBadFormKeepsEverythingTypedAndNamesEachField() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let browser = Browser(app)
            let page = try await browser.get("/file/home")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("File an ethics complaint"))
            var fields = Self.good
            fields["email"] = "not-an-email"
            fields["article1"] = ""
            fields["signatureAgreed"] = nil
            let response = try await post(browser, "/file/home", fields: fields)
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("value=\"Pat\"") && html.contains("value=\"Rita Realtor\"") && html.contains("outside the flood zone"))
            #expect(html.contains("Enter an email address"))
            #expect(html.contains("Choose the Article for each description you wrote."))
            #expect(html.contains("Type your full name and confirm"))
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func filingCreatesTheCaseAndAKeyThatFollowsIt() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let browser = Browser(app)
            try await browser.get("/file/home")
            let pdf = Data("%PDF-1.4\n%%EOF\n".utf8)
            let posted = try await post(browser, "/file/home", fields: Self.good, files: [("attachment1", "listing.pdf", pdf)])
            // Post-redirect-get: the receipt is its own page, so a reload files nothing twice.
            #expect(posted.status == .seeOther)
            #expect(posted.headers.first(name: .location) == "/file/home/received")
            let response = try await browser.get("/file/home/received")
            #expect(response.status == .ok)
            let html = response.body.string
            let key = try #require(html.range(of: "<code id=\"access-key\">").map { String(html[$0.upperBound...].prefix { $0 != "<" }) })
            let reloaded = try await browser.get("/file/home/received")
            #expect(reloaded.status == .ok && !reloaded.body.string.contains(key), "the key is shown once")
            #expect(reloaded.body.string.contains("does not file it again"))
            #expect(try await CaseRecord.query(on: app.db).count() == 1)
            #expect(try await Browser(app).get("/file/home/received").status == .seeOther, "another browser sees no receipt")
            #expect(key.hasPrefix("psk_"))
            #expect(html.contains("E-"))
            // The filing window with the mediation suspension, explained (a1.2, a1.3).
            #expect(html.contains("+21 days suspended for mediation 2026-03-02→2026-03-23"))
            // Stored: the case, its parties, the complaint, the attachment; the key only as a hash.
            let record = try #require(try await CaseRecord.query(on: app.db).first())
            let docket = try await DocketStore.entries(of: record.requireID(), on: app.db)
            #expect(docket.map(\.type) == [.caseOpened, .partyAdded, .partyAdded, .informalProcess, .complaintFiled, .documentFiled])
            #expect(docket.first { $0.type == .complaintFiled }?.payload["narrative"]?.textValue?.contains("Article 2: The listing") == true)
            #expect(try await DocumentRecord.query(on: app.db).count() == 1)
            let stored = try #require(try await CaseAccessKey.query(on: app.db).first())
            #expect(stored.keyHash == TokenHashing.hash(key))
            #expect(stored.keyHash != key)
            // The named respondent is the registry's member (matched by name), not a new person.
            #expect(try await CaseParty.query(on: app.db).filter(\.$person.$id == fixture.respondent.requireID()).count() == 1)
            // Staff see it awaiting intake.
            let staff = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(record.number)", headers: fixture.bearer("staff@home.test"))
            #expect(try staff.content.decode(APIModel.CaseOut.self).status == "filed")
            // The filer follows the case with number and key; a wrong key is refused.
            let visitor = Browser(app)
            try await visitor.get("/track")
            let wrong = try await visitor.post("/track", form: ["number": record.number, "key": "psk_wrong"])
            #expect(wrong.status == .unauthorized)
            let right = try await visitor.post("/track", form: ["number": record.number.lowercased(), "key": key])
            #expect(right.status == .seeOther)
            let location = try #require(right.headers.first(name: .location))
            let tracked = try await visitor.get(location)
            #expect(tracked.status == .ok)
            #expect(tracked.body.string.contains("Complaint filed within 180 days"))
            #expect(tracked.body.string.contains("Filed, awaiting intake"))
            // Once a hearing is set, the filer sees when and where.
            let today = try app.clock.today(for: fixture.home)
            let hearingOn = today.adding(days: 30)
            try await Fixture.record(app, case: record.number,
                                     [#"{"type":"hearing.scheduled","effectiveOn":"\#(today)","payload":{"hearingOn":"\#(hearingOn)","time":"10:00","place":"Board room"}}"#])
            #expect(try await visitor.get(location).body.string.contains("Hearing on \(hearingOn) (\(hearingOn.weekday.shortName)) at 10:00, Board room"))
            // Another browser without the key cannot open the same page.
            #expect(try await Browser(app).get(location).status == .notFound)
        }
    }

    @Test func aLateComplaintIsStillReceivedAndFlagged() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let browser = Browser(app)
            try await browser.get("/file/home")
            var fields = Self.good
            fields["transactionConcludedOn"] = "2025-01-10"
            fields["informalProcess"] = ""
            #expect(try await post(browser, "/file/home", fields: fields).status == .seeOther)
            let response = try await browser.get("/file/home/received")
            #expect(response.body.string.contains("filed after the 180-day window (a1.2)"))
            let record = try #require(try await CaseRecord.query(on: app.db).first())
            #expect(record.status == "filed")
        }
    }

    @Test func anOralComplaintCannotGoForwardUntilWritten() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let path = "/api/v1/associations/home/cases/\(number)/entries"
            _ = try await app.testing().sendRequest(.POST, path, headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"complaint.filed","effectiveOn":"2026-03-02","payload":{"articles":"1","channel":"oral"}}"#)
            }
            try await fixture.acknowledge(number, on: "2026-03-03")
            let forward = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/gc-decision", headers: fixture.bearer("gc@home.test")) {
                $0.json(#"{"effectiveOn":"2026-03-20","decision":"forward"}"#)
            }
            #expect(forward.status == .unprocessableEntity)
            #expect(try forward.content.decode(ErrorBody.self).error.rule == "a1.5")
        }
    }
}

/// Under a regional agreement, the signatory the agreement names administers a complaint filed with any of them
/// (appendix (5)(a)): the respondent's association, or the one through which they use the MLS (issue 18).
@Suite("Regional agreements: which association administers a complaint")
struct AdministeringAssociationTests {
    typealias Filing = PublicFilingTests

    @Test func theRuleAtItsEdges() {
        let signatories: Set<String> = ["obar", "albemarle"]
        func pick(_ rule: RegionalAgreementTerms.Administering, _ memberships: [(String, Bool)]) -> String {
            RegionalAgreementTerms.administering(rule, filedWith: "obar", signatories: signatories,
                                                 memberships: memberships.map { .init(association: $0.0, usesMLS: $0.1) }).association
        }
        #expect(pick(.respondentBoard, [("albemarle", false)]) == "albemarle")
        #expect(pick(.respondentBoard, [("obar", false), ("albemarle", true)]) == "obar", "a member of both: where it was filed")
        #expect(pick(.respondentMLSBoard, [("obar", false), ("albemarle", true)]) == "albemarle")
        #expect(pick(.respondentMLSBoard, [("albemarle", false)]) == "albemarle", "no MLS recorded: the respondent's own")
        #expect(pick(.respondentBoard, [("elsewhere", true)]) == "obar", "memberships outside the agreement do not count")
        #expect(pick(.respondentMLSBoard, []) == "obar")
        #expect(RegionalAgreementTerms.administering(.respondentMLSBoard, filedWith: "obar", signatories: signatories,
                                                     memberships: [.init(association: "albemarle", usesMLS: false)]).reason.contains("no MLS membership is recorded"))
    }

    /// Rita is a member of Other only (or of both, using the MLS through Other); the complaint is filed with Home.
    static func file(_ app: Application, mlsRule: Bool, alsoHome: Bool) async throws -> (Fixture, CaseRecord, String) {
        let fixture = try await Fixture.make(app)
        try await fixture.joinInARegionalAgreement(app)
        if mlsRule, let agreement = try await RegionalAgreement.query(on: app.db).first() {
            agreement.administering = RegionalAgreementTerms.Administering.respondentMLSBoard.rawValue
            try await agreement.save(on: app.db)
        }
        let rita = Person(associationID: try fixture.other.requireID(), kind: .member, firstName: "Rita", lastName: "Realtor", email: "rita@example.com")
        try await rita.create(on: app.db)
        let there = Membership(associationID: try fixture.other.requireID(), personID: try rita.requireID(), memberNumber: "OT-7", membershipType: "realtor",
                               isPrincipal: false, firmID: nil, officeID: nil)
        there.usesMLS = mlsRule ? true : nil
        try await there.create(on: app.db)
        try await MembershipPeriod(associationID: try fixture.other.requireID(), membershipID: try there.requireID(), startsOn: "2015-01-01", endsOn: nil).create(on: app.db)
        if alsoHome {
            fixture.respondent.email = "rita@example.com"
            try await fixture.respondent.save(on: app.db)
            let home = Membership(associationID: try fixture.home.requireID(), personID: try fixture.respondent.requireID(), memberNumber: "HM-7",
                                  membershipType: "realtor", isPrincipal: false, firmID: nil, officeID: nil)
            try await home.create(on: app.db)
            try await MembershipPeriod(associationID: try fixture.home.requireID(), membershipID: try home.requireID(), startsOn: "2015-01-01", endsOn: nil).create(on: app.db)
        }
        let browser = Browser(app)
        try await browser.get("/file/home")
        var fields = Filing.good
        fields["respondent1Name"] = ""
        fields["respondent1Number"] = alsoHome ? "HM-7" : "OT-7"
        let posted = try await Filing().post(browser, "/file/home", fields: fields)
        #expect(posted.status == .seeOther)
        let receipt = try await browser.get("/file/home/received").body.string
        let record = try #require(try await CaseRecord.query(on: app.db).first())
        return (fixture, record, receipt)
    }

    @Test func aComplaintAgainstAnotherSignatorysMemberIsAdministeredThere() async throws {
        try await withTestApp { app in
            let (fixture, record, receipt) = try await Self.file(app, mlsRule: false, alsoHome: false)
            #expect(record.$association.id == fixture.other.id, "the respondent's association keeps it")
            #expect(receipt.contains("Other Association") && receipt.contains(record.number))
            let docket = try await DocketStore.entries(of: record.requireID(), on: app.db)
            #expect(docket.first { $0.type == .caseOpened }?.payload["summary"]?.textValue?.contains("administered by Other Association, the respondent's association") == true)
            let parties = try await CaseParty.query(on: app.db).filter(\.$caseRecord.$id == record.requireID()).with(\.$person).all()
            #expect(parties.allSatisfy { $0.person.$association.id == fixture.other.id }, "the filer and respondent are Other's people")
            // Other's staff see it; Home's do not.
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/other/cases/\(record.number)", headers: fixture.bearer("staff@other.test")).status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(record.number)", headers: fixture.bearer("staff@home.test")).status == .notFound)
        }
    }

    @Test func underTheMLSRuleTheAssociationOfTheMLSAdministersIt() async throws {
        try await withTestApp { app in
            let (fixture, record, _) = try await Self.file(app, mlsRule: true, alsoHome: true)
            #expect(record.$association.id == fixture.other.id)
            let respondent = try #require(try await CaseParty.query(on: app.db).filter(\.$caseRecord.$id == record.requireID())
                .filter(\.$role == "respondent").with(\.$person).first())
            #expect(respondent.person.$association.id == fixture.other.id, "her membership there is the respondent")
        }
    }

    @Test func underTheRespondentsAssociationRuleAMemberOfBothStaysWhereFiled() async throws {
        try await withTestApp { app in
            let (fixture, record, _) = try await Self.file(app, mlsRule: false, alsoHome: true)
            #expect(record.$association.id == fixture.home.id)
        }
    }
}
