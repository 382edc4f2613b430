import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

@Suite("Arbitration, part 1: the request with its deposit and the Committee's classification (issue 14; a2.18–a2.20, b.4)")
struct ArbitrationRequestTests {
    static func openArbitration(_ fixture: Fixture, title: String = "Commission dispute") async throws -> String {
        let created = try await fixture.app.testing().sendRequest(.POST, "/api/v1/associations/home/cases", headers: fixture.bearer("staff@home.test")) {
            $0.json(#"{"kind":"arbitration","title":"\#(title)","openedOn":"2026-11-02","parties":[{"personId":"\#(fixture.complainant.id!)","role":"complainant"},{"personId":"\#(fixture.respondent.id!)","role":"respondent"}]}"#)
        }
        #expect(created.status == .created, "\(created.body.string)")
        return try created.content.decode(APIModel.CaseOut.self).number
    }

    static func post(_ fixture: Fixture, _ number: String, _ step: String, _ body: String, as email: String = "staff@home.test") async throws -> TestingHTTPResponse {
        try await fixture.app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/\(step)", headers: fixture.bearer(email)) { $0.json(body) }
    }

    static func ledger(_ app: Application, _ number: String) async throws -> CaseLedger {
        let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first())
        return CaseLedger.build(try await DocketStore.entries(of: record.requireID(), on: app.db), profile: RuleProfiles.nar)
    }

    static let request = #"{"effectiveOn":"2026-11-02","amount":"12,500.00","nature":"Split of the selling commission on 4 Dune Rd","firm":"Shore Realty","transactionConcludedOn":"2026-09-15","agreementSigned":"yes"}"#

    @Test func staffRecordARequestWithItsDepositOnePerFirmForRelatedRequests() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await Self.openArbitration(fixture)
            // Every bad field is refused with its rule, and nothing is recorded.
            let bad = try await Self.post(fixture, number, "arbitration-request",
                                          #"{"effectiveOn":"2026-11-02","amount":"-5","nature":" ","firm":"Shore Realty","transactionConcludedOn":"2026-13-01","agreementSigned":"no"}"#)
            #expect(bad.status == .unprocessableEntity)
            for code in ["bad_amount", "nature_required", "bad_transactionConcludedOn", "agreement_not_signed"] { #expect(bad.body.string.contains(code), "\(code)") }
            #expect(try await Self.ledger(app, number).postings.isEmpty)
            // The generic entry route refuses what the step records.
            let generic = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"arbitration.requested","effectiveOn":"2026-11-02","payload":{"amountCents":100}}"#)
            }
            #expect(generic.status == .unprocessableEntity && generic.body.string.contains("use_the_step"))
            // A party may not record it for themselves here: staff record paper requests.
            #expect(try await Self.post(fixture, number, "arbitration-request", Self.request, as: "party@home.test").status == .forbidden)
            #expect(try await Self.post(fixture, number, "arbitration-request", Self.request).status == .ok)
            var ledger = try await Self.ledger(app, number)
            #expect(ledger.balance(.depositsHeld) == 50_000 && ledger.isBalanced)
            #expect(try await Self.post(fixture, number, "arbitration-request", Self.request).body.string.contains("already_requested"))
            // A related request from the same firm, heard with the first, owes no second deposit (a2.20).
            let related = try await Self.openArbitration(fixture, title: "Related commission dispute")
            let unknown = Self.request.replacingOccurrences(of: #""agreementSigned""#, with: #""consolidatedWith":"A-2026-9999","agreementSigned""#)
            #expect(try await Self.post(fixture, related, "arbitration-request", unknown).body.string.contains("unknown_related_request"))
            let consolidated = Self.request.replacingOccurrences(of: #""firm":"Shore Realty""#, with: #""firm":" shore realty ","consolidatedWith":"\#(number)""#)
            #expect(try await Self.post(fixture, related, "arbitration-request", consolidated).status == .ok)
            ledger = try await Self.ledger(app, related)
            #expect(ledger.balance(.depositsHeld) == 0 && ledger.isBalanced)
            // The Money page lists the deposit held.
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let money = try await staff.get("/a/home/money")
            #expect(money.status == .ok && money.body.string.contains(number) && money.body.string.contains("$500.00"))
            // A party claiming none of the funds owes none (S3 7.4.1).
            let third = try await Self.openArbitration(fixture, title: "Which respondent is owed")
            let exempt = Self.request.replacingOccurrences(of: #""agreementSigned""#, with: #""exemption":"deciding-which-respondent","agreementSigned""#)
            #expect(try await Self.post(fixture, third, "arbitration-request", exempt).status == .ok)
            #expect(try await Self.ledger(app, third).balance(.depositsHeld) == 0)
            // The 180-day window is on the case's time frames, counted from the closing date (a2.18).
            let deadlines = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/deadlines", headers: fixture.bearer("staff@home.test"))
            #expect(deadlines.body.string.contains("arbitration-filing"))
        }
    }

    @Test func theCommitteeClassifiesAndBothPartiesAreTold() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await Self.openArbitration(fixture)
            #expect(try await Self.post(fixture, number, "arbitration-classify", #"{"effectiveOn":"2026-11-20","classification":"mandatory"}"#, as: "gc@home.test")
                .body.string.contains("no_request"))
            #expect(try await Self.post(fixture, number, "arbitration-request", Self.request).status == .ok)
            // A party may not; declining needs the Committee's reasons.
            #expect(try await Self.post(fixture, number, "arbitration-classify", #"{"classification":"mandatory"}"#, as: "party@home.test").status == .forbidden)
            let unreasoned = try await Self.post(fixture, number, "arbitration-classify", #"{"effectiveOn":"2026-11-20","classification":"declined-amount"}"#, as: "gc@home.test")
            #expect(unreasoned.status == .unprocessableEntity && unreasoned.body.string.contains("reason_required"))
            let bogus = try await Self.post(fixture, number, "arbitration-classify", #"{"effectiveOn":"2026-11-20","classification":"maybe"}"#, as: "gc@home.test")
            #expect(bogus.status == .unprocessableEntity)
            #expect(try await Self.post(fixture, number, "arbitration-classify", #"{"effectiveOn":"2026-11-20","classification":"mandatory"}"#, as: "gc@home.test").status == .ok)
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first())
            let docket = try await DocketStore.entries(of: record.requireID(), on: app.db)
            #expect(docket.contains { $0.type == .arbitrationClassified && $0.payload["classification"]?.textValue == "mandatory" })
            let notice = try #require(docket.last { $0.type == .noticeSent })
            #expect(notice.payload["notice"]?.textValue == "classification" && notice.payload["to"]?.textValue == "Pat Public; Rita Realtor")
            #expect(record.status == CaseStatus.classified.rawValue)
            // The classification notice is emailed to the claimant, who has an address.
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$toAddress == "pat@example.com").count() == 1)
            #expect(try await Self.post(fixture, number, "arbitration-classify", #"{"effectiveOn":"2026-11-21","classification":"voluntary"}"#, as: "gc@home.test")
                .body.string.contains("already_classified"))
        }
    }

    @Test func theCasePageOffersEachStepToWhoMayTakeItAndKeepsWhatWasTyped() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await Self.openArbitration(fixture)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let page = try await staff.get("/a/home/cases/\(number)")
            #expect(page.body.string.contains("id=\"arbitration-request\"") && !page.body.string.contains("id=\"arbitration-classify\""))
            #expect(page.body.string.contains("$500.00"))
            // The agreement box left unticked: refused beside the form, the amount kept.
            let refused = try await staff.post("/a/home/cases/\(number)/arbitration-request",
                                               form: ["amount": "12500", "nature": "Referral fee", "firm": "Shore Realty", "effectiveOn": "2026-11-02"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("signed agreement to arbitrate") && refused.body.string.contains("value=\"12500\""))
            let done = try await staff.post("/a/home/cases/\(number)/arbitration-request",
                                            form: ["amount": "12500", "nature": "Referral fee", "firm": "Shore Realty", "effectiveOn": "2026-11-02", "agreementSigned": "yes"])
            #expect(done.status == .seeOther)
            let after = try await staff.get("/a/home/cases/\(number)")
            #expect(after.body.string.contains("The request for arbitration was recorded") && after.body.string.contains("id=\"arbitration-classify\""))
            #expect(!after.body.string.contains("id=\"arbitration-request\""))
            // The Committee sees the classification form too; a party sees neither.
            let gc = Browser(app)
            _ = try await gc.signIn("gc@home.test")
            #expect(try await gc.get("/a/home/cases/\(number)").body.string.contains("id=\"arbitration-classify\""))
        }
    }

    @Test(arguments: ["mandatory", "voluntary"])
    func theRespondentAgreesWithADepositOrDeclinesOnlyAVoluntaryMatter(classification: String) async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let respondent = try await fixture.addRespondentAccount()
            let number = try await Self.openArbitration(fixture)
            #expect(try await Self.post(fixture, number, "arbitration-request", Self.request).status == .ok)
            #expect(try await Self.post(fixture, number, "arbitration-serve", #"{"effectiveOn":"2026-11-20"}"#).body.string.contains("not_classified"))
            #expect(try await Self.post(fixture, number, "arbitration-classify", #"{"effectiveOn":"2026-11-20","classification":"\#(classification)"}"#, as: "gc@home.test").status == .ok)
            let early = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/arbitration-respond", headers: respondent) {
                $0.json(#"{"answer":"agrees"}"#)
            }
            #expect(early.body.string.contains("not_served"))
            #expect(try await Self.post(fixture, number, "arbitration-serve", #"{"effectiveOn":"2026-11-23"}"#).status == .ok)
            // The respondent's 15 days to respond run from the service (b.1).
            let deadlines = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/deadlines", headers: fixture.bearer("staff@home.test"))
            #expect(deadlines.body.string.contains("2026-12-08"), "\(deadlines.body.string)")
            let declined = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/arbitration-respond", headers: respondent) {
                $0.json(#"{"answer":"declines","text":"I prefer court."}"#)
            }
            let record = { try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first()) }
            if classification == "mandatory" {
                #expect(declined.status == .unprocessableEntity && declined.body.string.contains("a1.34"))
                let agreed = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/arbitration-respond", headers: respondent) {
                    $0.json(#"{"answer":"agrees","firm":"Dune Homes","effectiveOn":"2026-11-30"}"#)
                }
                #expect(agreed.status == .ok, "\(agreed.body.string)")
                let ledger = try await Self.ledger(app, number)
                #expect(ledger.balance(.depositsHeld) == 100_000 && ledger.isBalanced)
                #expect(try await record().status == CaseStatus.replyReceived.rawValue)
            } else {
                #expect(declined.status == .ok, "\(declined.body.string)")
                #expect(try await record().status == CaseStatus.closed.rawValue)
                // The claimant's deposit stays held until the association disposes of it (issue 15): nothing is lost.
                #expect(try await Self.ledger(app, number).balance(.depositsHeld) == 50_000)
            }
        }
    }

    @Test func aMediatorSeesOnlyTheirCaseAndASignedSettlementRefundsEveryDeposit() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let respondent = try await fixture.addRespondentAccount()
            let officer = Person(associationID: fixture.home.id!, kind: .member, firstName: "Mona", lastName: "Mediator")
            try await officer.create(on: app.db)
            let mediator = try await Fixture.login(app, email: "mona@home.test", role: .mediator, in: fixture.home, person: officer.id)
            let number = try await Self.openArbitration(fixture)
            let other = try await Self.openArbitration(fixture, title: "Another dispute")
            #expect(try await Self.post(fixture, number, "arbitration-request", Self.request).status == .ok)
            let early = try await Self.post(fixture, number, "mediation-assign", #"{"mediatorId":"\#(officer.id!)"}"#)
            #expect(early.body.string.contains("not_arbitrable_yet"))
            #expect(try await Self.post(fixture, number, "arbitration-classify", #"{"effectiveOn":"2026-11-20","classification":"mandatory"}"#, as: "gc@home.test").status == .ok)
            // Only one of the association's mediation officers.
            #expect(try await Self.post(fixture, number, "mediation-assign", #"{"mediatorId":"\#(fixture.respondent.id!)"}"#).body.string.contains("not_a_mediator"))
            #expect(try await Self.post(fixture, number, "mediation-assign", #"{"effectiveOn":"2026-11-23","mediatorId":"\#(officer.id!)"}"#).status == .ok)
            #expect(try await Self.post(fixture, number, "arbitration-serve", #"{"effectiveOn":"2026-11-23"}"#).status == .ok)
            _ = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/arbitration-respond", headers: respondent) {
                $0.json(#"{"answer":"agrees","firm":"Dune Homes","effectiveOn":"2026-11-25"}"#)
            }
            // The mediator sees this case and not the other; nobody else may record the outcome.
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)", headers: mediator).status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(other)", headers: mediator).status == .notFound)
            let list = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases", headers: mediator)
            #expect(list.body.string.contains(number) && !list.body.string.contains(other))
            #expect(try await Self.post(fixture, number, "mediation-conclude", #"{"outcome":"settled","signedSettlement":"yes"}"#, as: "gc@home.test").status == .forbidden)
            let unsigned = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/mediation-conclude", headers: mediator) {
                $0.json(#"{"effectiveOn":"2026-11-30","outcome":"settled"}"#)
            }
            #expect(unsigned.body.string.contains("settlement_not_signed"))
            #expect(try await Self.ledger(app, number).balance(.depositsHeld) == 100_000)
            let settled = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/mediation-conclude", headers: mediator) {
                $0.json(#"{"effectiveOn":"2026-11-30","outcome":"settled","signedSettlement":"yes"}"#)
            }
            #expect(settled.status == .ok, "\(settled.body.string)")
            let ledger = try await Self.ledger(app, number)
            #expect(ledger.balance(.depositsHeld) == 0 && ledger.isBalanced)
            #expect(try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first()).status == CaseStatus.settled.rawValue)
            #expect(try await Self.post(fixture, number, "mediation-assign", #"{"mediatorId":"\#(officer.id!)"}"#).body.string.contains("settled"))
            // A new request on the same matter is refused: a signed settlement cannot then be arbitrated (b5.2).
            let again = try await Self.openArbitration(fixture, title: "The same commission again")
            let sameMatter = Self.request.replacingOccurrences(of: #""agreementSigned""#, with: #""earlierRequest":"\#(number)","agreementSigned""#)
            let refused = try await Self.post(fixture, again, "arbitration-request", sameMatter)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("matter_settled") && refused.body.string.contains("b5.2"))
            #expect(try await Self.post(fixture, again, "arbitration-request", Self.request).status == .ok, "another matter is heard")
        }
    }

    @Test func anImpasseSendsTheMatterOnToArbitration() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let officer = Person(associationID: fixture.home.id!, kind: .member, firstName: "Mona", lastName: "Mediator")
            try await officer.create(on: app.db)
            let mediator = try await Fixture.login(app, email: "mona@home.test", role: .mediator, in: fixture.home, person: officer.id)
            let number = try await Self.openArbitration(fixture)
            #expect(try await Self.post(fixture, number, "arbitration-request", Self.request).status == .ok)
            #expect(try await Self.post(fixture, number, "arbitration-classify", #"{"effectiveOn":"2026-11-20","classification":"mandatory"}"#, as: "gc@home.test").status == .ok)
            #expect(try await Self.post(fixture, number, "mediation-assign", #"{"effectiveOn":"2026-11-23","mediatorId":"\#(officer.id!)"}"#).status == .ok)
            let ended = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/mediation-conclude", headers: mediator) {
                $0.json(#"{"effectiveOn":"2026-11-30","outcome":"impasse"}"#)
            }
            #expect(ended.status == .ok)
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first())
            #expect(record.status == CaseStatus.mediationEnded.rawValue)
            #expect(try await Self.ledger(app, number).balance(.depositsHeld) == 50_000, "deposits stay for the arbitration")
            #expect(try await Self.post(fixture, number, "arbitration-serve", #"{"effectiveOn":"2026-11-30"}"#).status == .ok)
        }
    }

    @Test func theMediationFormsOfferTheOfficersAndTheOfficerRecordsTheEnd() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let officer = Person(associationID: fixture.home.id!, kind: .member, firstName: "Mona", lastName: "Mediator")
            try await officer.create(on: app.db)
            _ = try await Fixture.login(app, email: "mona@home.test", role: .mediator, in: fixture.home, person: officer.id)
            let number = try await Self.openArbitration(fixture)
            #expect(try await Self.post(fixture, number, "arbitration-request", Self.request).status == .ok)
            #expect(try await Self.post(fixture, number, "arbitration-classify", #"{"effectiveOn":"2026-11-20","classification":"mandatory"}"#, as: "gc@home.test").status == .ok)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let page = try await staff.get("/a/home/cases/\(number)")
            #expect(page.body.string.contains("id=\"mediation-assign\"") && page.body.string.contains("Mona Mediator"))
            #expect(try await staff.post("/a/home/cases/\(number)/mediation-assign", form: ["mediatorId": officer.id!.uuidString]).status == .seeOther)
            let mona = Browser(app)
            _ = try await mona.signIn("mona@home.test")
            let hers = try await mona.get("/a/home/cases/\(number)")
            #expect(hers.status == .ok && hers.body.string.contains("id=\"mediation-conclude\""))
            #expect(try await mona.post("/a/home/cases/\(number)/mediation-conclude", form: ["outcome": "impasse"]).status == .seeOther)
            #expect(try await mona.get("/a/home/cases/\(number)").body.string.contains("How the mediation ended was recorded"))
        }
    }

    @Test func theClaimantAppealsADeclineAndTheDirectorsReverseIt() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let respondent = try await fixture.addRespondentAccount()
            let number = try await Self.openArbitration(fixture)
            #expect(try await Self.post(fixture, number, "arbitration-request", Self.request).status == .ok)
            #expect(try await Self.post(fixture, number, "classification-challenge", #"{"explanation":"early"}"#, as: "party@home.test").body.string.contains("not_classified"))
            #expect(try await Self.post(fixture, number, "arbitration-classify",
                                        #"{"effectiveOn":"2026-11-20","classification":"declined-amount","reason":"Too small to arbitrate."}"#, as: "gc@home.test").status == .ok)
            #expect(try await Self.post(fixture, number, "arbitration-serve", #"{"effectiveOn":"2026-11-21"}"#).body.string.contains("declined"))
            // 20 days from the notice to challenge (b4.1).
            var deadlines = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/deadlines", headers: fixture.bearer("staff@home.test")).body.string
            #expect(deadlines.contains("classification-challenge") && deadlines.contains("2026-12-10"), "\(deadlines)")
            // Only the claimant appeals a decline.
            let byRespondent = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/classification-challenge", headers: respondent) {
                $0.json(#"{"explanation":"I want it heard."}"#)
            }
            #expect(byRespondent.body.string.contains("claimant_appeals_decline"))
            #expect(try await Self.post(fixture, number, "classification-challenge", #"{"effectiveOn":"2026-11-25","explanation":"The amount is what the rules allow."}"#,
                                        as: "party@home.test").status == .ok)
            #expect(try await Self.post(fixture, number, "classification-challenge", #"{"explanation":"again"}"#, as: "party@home.test").body.string.contains("challenge_pending"))
            deadlines = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/deadlines", headers: fixture.bearer("staff@home.test")).body.string
            #expect(deadlines.contains("classification-challenge-decision") && deadlines.contains("2026-12-25"), "\(deadlines)")
            // The Directors reverse: the request is now mandatory, both parties told, and it goes to the respondent.
            #expect(try await Self.post(fixture, number, "classification-challenge-decide", #"{"effectiveOn":"2026-12-01","outcome":"reversed"}"#)
                .body.string.contains("classification_required"))
            #expect(try await Self.post(fixture, number, "classification-challenge-decide",
                                        #"{"effectiveOn":"2026-12-01","outcome":"reversed","classification":"mandatory"}"#).status == .ok)
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first())
            let docket = try await DocketStore.entries(of: record.requireID(), on: app.db)
            #expect(docket.last { $0.type == .arbitrationClassified }?.payload["classification"]?.textValue == "mandatory")
            #expect(docket.filter { $0.parsed.notice == .classification }.count == 2)
            #expect(try await Self.post(fixture, number, "arbitration-serve", #"{"effectiveOn":"2026-12-02"}"#).status == .ok)
        }
    }
}
