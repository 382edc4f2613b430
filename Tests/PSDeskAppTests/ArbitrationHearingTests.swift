import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// Issue 14's "done means", walked through the API on both profiles with every date asserted: a mandatory
/// arbitration whose mediation fails, in a specialist field, with a challenge, heard in the respondent's absence;
/// a refusal to arbitrate; an ethics complaint held for the arbitration of the same transaction.
@Suite("Arbitration, part 1: from mediation to the hearing (issue 14; a2.17, a2.21, a2.22, b3.2, b2.10)")
struct ArbitrationHearingTests {
    /// The people of one association's arbitration: two member parties, a mediation officer, the committee, and two
    /// members the President may appoint for a commercial dispute.
    struct Cast {
        let slug: String
        let staff: HTTPHeaders, gc: HTTPHeaders, claimant: HTTPHeaders, respondent: HTTPHeaders, mediator: HTTPHeaders
        let claimantID: UUID, respondentID: UUID, mediatorID: UUID
        let committee: HearingWalkthroughTests.Committee
        let specialists: [String]
    }

    static func cast(_ app: Application, _ fixture: Fixture, _ association: Association, staffEmail: String) async throws -> Cast {
        let id = try association.requireID()
        func person(_ first: String, _ last: String, number: String?) async throws -> UUID {
            let person = Person(associationID: id, kind: .member, firstName: first, lastName: last)
            try await person.create(on: app.db)
            if let number {
                try await Membership(associationID: id, personID: person.requireID(), memberNumber: number, membershipType: "realtor",
                                     isPrincipal: true, firmID: nil, officeID: nil).create(on: app.db)
            }
            return try person.requireID()
        }
        let slug = association.slug
        let claimant = try await person("Clara", "Claimant", number: "\(slug)-C1")
        let respondent = try await person("Ross", "Respondent", number: "\(slug)-R1")
        let mediator = try await person("Mona", "Mediator", number: nil)
        _ = try await person("Sam", "Specialist", number: "\(slug)-S1")
        _ = try await person("Sky", "Specialist", number: "\(slug)-S2")
        func login(_ email: String, _ role: Role, _ person: UUID?) async throws -> HTTPHeaders {
            try await Fixture.login(app, email: email, role: role, in: association, person: person)
        }
        return Cast(slug: slug, staff: fixture.bearer(staffEmail), gc: try await login("gc-\(slug)@arb.test", .grievance, nil),
                    claimant: try await login("clara-\(slug)@arb.test", .party, claimant), respondent: try await login("ross-\(slug)@arb.test", .party, respondent),
                    mediator: try await login("mona-\(slug)@arb.test", .mediator, mediator),
                    claimantID: claimant, respondentID: respondent, mediatorID: mediator,
                    committee: try await HearingWalkthroughTests.committee(app, association: association), specialists: ["\(slug)-S1", "\(slug)-S2"])
    }

    static func open(_ app: Application, _ cast: Cast, on day: String = "2026-08-03") async throws -> String {
        let created = try await app.testing().sendRequest(.POST, "/api/v1/associations/\(cast.slug)/cases", headers: cast.staff) {
            $0.json(#"{"kind":"arbitration","title":"Commission on 9 Harbor Ln","openedOn":"\#(day)","parties":[{"personId":"\#(cast.claimantID)","role":"complainant"},{"personId":"\#(cast.respondentID)","role":"respondent"}]}"#)
        }
        #expect(created.status == .created, "\(created.body.string)")
        return try created.content.decode(APIModel.CaseOut.self).number
    }

    /// Posts a step; asserts the status, and for a refusal the code.
    @discardableResult
    static func step(_ app: Application, _ cast: Cast, _ number: String, _ name: String, as headers: HTTPHeaders, _ body: String,
                     expect status: HTTPStatus = .ok, code: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/\(cast.slug)/cases/\(number)/\(name)", headers: headers) { $0.json(body) }
        #expect(response.status == status, "\(name): \(response.body.string)", sourceLocation: sourceLocation)
        if let code { #expect(response.body.string.contains(code), "\(name): \(response.body.string)", sourceLocation: sourceLocation) }
        return response
    }

    static func docket(_ app: Application, _ number: String) async throws -> [DocketEntry] {
        let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first())
        return try await DocketStore.entries(of: record.requireID(), on: app.db)
    }

    /// Request, classification, service and the respondent's agreement with the deposit, on fixed days.
    static func requestedAndAgreed(_ app: Application, _ cast: Cast, field: String = "commercial") async throws -> String {
        let number = try await open(app, cast)
        try await step(app, cast, number, "arbitration-request", as: cast.staff,
                       #"{"effectiveOn":"2026-08-03","amount":"48,000.00","nature":"Cooperating commission on a commercial lease","firm":"Clara Commercial","transactionConcludedOn":"2026-07-01","field":"\#(field)","agreementSigned":"yes"}"#)
        try await step(app, cast, number, "arbitration-classify", as: cast.gc, #"{"effectiveOn":"2026-08-10","classification":"mandatory"}"#)
        try await step(app, cast, number, "arbitration-serve", as: cast.staff, #"{"effectiveOn":"2026-08-11"}"#)
        try await step(app, cast, number, "arbitration-respond", as: cast.respondent, #"{"effectiveOn":"2026-08-14","answer":"agrees","firm":"Ross Realty"}"#)
        return number
    }

    @Test(arguments: ["nar", "obar"])
    func aMandatoryArbitrationWhoseMediationFailsIsHeardWithoutTheRespondent(profile: String) async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let association = profile == "nar" ? fixture.home : fixture.other
            let cast = try await Self.cast(app, fixture, association, staffEmail: profile == "nar" ? "staff@home.test" : "staff@other.test")
            let number = try await Self.requestedAndAgreed(app, cast)
            let deposit = profile == "nar" ? RuleProfiles.nar.arbitrationDepositCents : RuleProfiles.obar.arbitrationDepositCents
            // The mediation comes first: assigned, a session set with notice, then an impasse.
            try await Self.step(app, cast, number, "mediation-assign", as: cast.staff, #"{"effectiveOn":"2026-08-17","mediatorId":"\#(cast.mediatorID)"}"#)
            try await Self.step(app, cast, number, "hearing/panel-list", as: cast.staff, #"{"effectiveOn":"2026-08-18"}"#, expect: .unprocessableEntity, code: "step_out_of_order")
            try await Self.step(app, cast, number, "mediation-session", as: cast.mediator, #"{"effectiveOn":"2026-08-20","sessionOn":"2026-08-19","place":"Room 2"}"#,
                                expect: .unprocessableEntity, code: "bad_sessionOn")
            try await Self.step(app, cast, number, "mediation-session", as: cast.mediator, #"{"effectiveOn":"2026-08-20","sessionOn":"2026-08-27","time":"10:00","place":"Room 2"}"#)
            try await Self.step(app, cast, number, "mediation-conclude", as: cast.mediator, #"{"effectiveOn":"2026-08-28","outcome":"impasse"}"#)
            // Outside residential brokerage the President appoints specialists, before the committee list goes out (a2.22).
            try await Self.step(app, cast, number, "arbitration-specialists", as: cast.staff, #"{"effectiveOn":"2026-09-01","outcome":"appointed","memberNumbers":"NOPE-1"}"#,
                                expect: .unprocessableEntity, code: "not_members")
            try await Self.step(app, cast, number, "arbitration-specialists", as: cast.staff,
                                #"{"effectiveOn":"2026-09-01","outcome":"appointed","memberNumbers":"\#(cast.specialists.joined(separator: ","))"}"#)
            try await Self.step(app, cast, number, "hearing/panel-list", as: cast.staff, #"{"effectiveOn":"2026-09-01"}"#)
            let list = try #require(try await Self.docket(app, number).last { $0.parsed.notice == .panelList })
            #expect(list.payload["note"]?.textValue?.contains("Sam Specialist") == true, "the appointees are on the list the parties may challenge")
            #expect(try await Self.step(app, cast, number, "arbitration-specialists", as: cast.staff, #"{"effectiveOn":"2026-09-02","outcome":"released"}"#,
                                        expect: .unprocessableEntity).body.string.contains("list_already_sent"))
            // A challenge for cause within 10 days, upheld by the chair (a1.14).
            try await Self.step(app, cast, number, "hearing/challenge", as: cast.respondent,
                                #"{"effectiveOn":"2026-09-05","personId":"\#(cast.committee.beta)","reason":"Co-listed the property with the claimant"}"#)
            try await Self.step(app, cast, number, "hearing/rule-challenge", as: cast.committee.chairLogin,
                                #"{"effectiveOn":"2026-09-08","personId":"\#(cast.committee.beta)","outcome":"upheld"}"#)
            try await Self.step(app, cast, number, "hearing/challenge", as: cast.claimant,
                                #"{"effectiveOn":"2026-09-14","personId":"\#(cast.committee.gamma)","reason":"Late"}"#, expect: .unprocessableEntity, code: "challenge_period_over")
            let c = cast.committee
            try await Self.step(app, cast, number, "hearing/name-panel", as: c.chairLogin,
                                #"{"effectiveOn":"2026-09-15","members":["\#(c.chair)","\#(c.beta)","\#(c.gamma)"],"chairId":"\#(c.chair)"}"#,
                                expect: .unprocessableEntity, code: "challenged")
            try await Self.step(app, cast, number, "hearing/name-panel", as: c.chairLogin,
                                #"{"effectiveOn":"2026-09-15","members":["\#(c.chair)","\#(c.gamma)","\#(c.epsilon)"],"chairId":"\#(c.chair)"}"#)
            for panelist in [c.chair, c.gamma, c.epsilon] {
                try await Self.step(app, cast, number, "hearing/certify", as: cast.staff, #"{"effectiveOn":"2026-09-16","personId":"\#(panelist)"}"#)
            }
            // Notice at least 21 days ahead (a2.21): 2026-09-21 + 21 = 2026-10-12.
            try await Self.step(app, cast, number, "hearing/schedule", as: cast.staff, #"{"effectiveOn":"2026-09-21","hearingOn":"2026-10-11","place":"Board room"}"#,
                                expect: .unprocessableEntity, code: "hearing_notice_too_short")
            try await Self.step(app, cast, number, "hearing/schedule", as: cast.staff, #"{"effectiveOn":"2026-09-21","hearingOn":"2026-10-20","time":"09:30","place":"Board room"}"#)
            // Postponed on a party's request: no more than 30 days unless the parties agree (a2.21); the ethics basis is not arbitration's.
            try await Self.step(app, cast, number, "hearing/continuance", as: cast.staff,
                                #"{"effectiveOn":"2026-10-05","hearingOn":"2026-11-12","continuanceBasis":"denial-unfair","reason":"Counsel unavailable"}"#,
                                expect: .unprocessableEntity, code: "basis_not_for_arbitration")
            try await Self.step(app, cast, number, "hearing/continuance", as: cast.staff,
                                #"{"effectiveOn":"2026-10-05","hearingOn":"2026-11-20","continuanceBasis":"party-request","reason":"Counsel unavailable"}"#,
                                expect: .unprocessableEntity, code: "postponement_too_long")
            try await Self.step(app, cast, number, "hearing/continuance", as: cast.staff,
                                #"{"effectiveOn":"2026-10-05","hearingOn":"2026-11-12","continuanceBasis":"party-request","reason":"Counsel unavailable"}"#)
            try await Self.step(app, cast, number, "hearing/papers-to-panel", as: cast.staff, #"{"effectiveOn":"2026-11-05"}"#)
            // The respondent does not appear; the claimant does. No award without the claimant (b3.2).
            try await Self.step(app, cast, number, "hearing/no-show", as: cast.staff, #"{"effectiveOn":"2026-11-12","absent":"realtor-complainant"}"#,
                                expect: .unprocessableEntity, code: "absent_party")
            try await Self.step(app, cast, number, "hearing/no-show", as: cast.staff, #"{"effectiveOn":"2026-11-12","absent":"respondent"}"#)
            try await Self.step(app, cast, number, "hearing/hold", as: cast.staff, #"{"effectiveOn":"2026-11-12","recorded":"yes"}"#,
                                expect: .unprocessableEntity, code: "claimant_absent")
            try await Self.step(app, cast, number, "award-render", as: c.chairLogin, #"{"effectiveOn":"2026-11-12","prevailing":"claimant","amount":"40,000"}"#,
                                expect: .unprocessableEntity, code: "no_hearing_on_the_merits")
            try await Self.step(app, cast, number, "hearing/hold", as: cast.staff, #"{"effectiveOn":"2026-11-12","recorded":"yes","claimantPresent":"yes"}"#)
            // The panel's award: never more than the $48,000 in dispute, fees only where the agreement provides (b3.6).
            let tooMuch = try await Self.step(app, cast, number, "award-render", as: c.chairLogin,
                                              #"{"effectiveOn":"2026-11-13","prevailing":"claimant","amount":"48,000.01","attorneyFees":"2,000"}"#, expect: .unprocessableEntity)
            #expect(tooMuch.body.string.contains("award_exceeds_dispute") && tooMuch.body.string.contains("no_fees_without_agreement"))
            try await Self.step(app, cast, number, "award-render", as: c.chairLogin, #"{"effectiveOn":"2026-11-13","prevailing":"claimant","amount":"40,000"}"#)
            // Paid into escrow, never more than the award (a2.23); direct satisfaction is refused once escrow is held.
            try await Self.step(app, cast, number, "award-escrow", as: cast.staff, #"{"effectiveOn":"2026-11-20","amount":"40,000.01"}"#,
                                expect: .unprocessableEntity, code: "bad_amount")
            try await Self.step(app, cast, number, "award-escrow", as: cast.staff, #"{"effectiveOn":"2026-11-20","amount":"25,000"}"#)
            try await Self.step(app, cast, number, "award-satisfied", as: cast.staff, #"{"effectiveOn":"2026-11-21"}"#, expect: .unprocessableEntity, code: "escrow_held")
            try await Self.step(app, cast, number, "award-escrow", as: cast.staff, #"{"effectiveOn":"2026-11-23","amount":"15,000"}"#)
            try await Self.step(app, cast, number, "award-escrow", as: cast.staff, #"{"effectiveOn":"2026-11-24","amount":"1"}"#,
                                expect: .unprocessableEntity, code: "nothing_owed")

            let docket = try await Self.docket(app, number)
            let effective = CaseProjection.effectiveEntries(docket)
            #expect(CaseProjection.build(kind: .arbitration, docket: docket).status == .awarded)
            let held = try #require(effective.last { $0.type == .hearingHeld })
            #expect(held.effectiveOn.description == "2026-11-12" && held.payload["respondentPresent"]?.textValue == "no")
            let classified = try #require(effective.last { $0.type == .arbitrationClassified })
            #expect(classified.payload["mediationRequired"]?.textValue == (profile == "obar" ? "yes" : "no"))
            let notices = effective.compactMap(\.parsed.notice)
            #expect(notices.contains(.mediationSession) && notices.filter { $0 == .arbitrationHearing }.count == 2 && !notices.contains(.hearing))
            // Every date the rules count: the notice, the papers, the challenges.
            let rules = try await CaseRules.load(for: try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first()), on: app.db,
                                                 today: CivilDate("2026-11-30")!)
            let deadlines = rules.deadlines(kind: .arbitration, docket: docket, asOf: CivilDate("2026-11-30")!)
            let challenges = try #require(deadlines.first { $0.key == .challenges })
            #expect(challenges.dueOn?.description == "2026-09-11" && challenges.status == .met)
            let notice = try #require(deadlines.first { $0.key == .arbitrationHearingNotice })
            #expect(notice.earliestOn?.description == "2026-10-26" && notice.status == .met)
            // OBAR sends the request and response to the panel 5 days ahead (a2.12); NAR sets no such time frame.
            let papers = deadlines.first { $0.key == .arbitrationPapersToPanel }
            #expect(profile == "obar" ? papers?.status == .met && papers?.dueOn?.description == "2026-11-07" : papers == nil)
            // Both deposits are held, and the ledger balances to the cent.
            let ledger = CaseLedger.build(docket, profile: rules.profile)
            #expect(ledger.balance(.depositsHeld) == 2 * deposit && ledger.balance(.escrowHeld) == 4_000_000 && ledger.isBalanced)
            // The notice of hearing encloses the Arbitration Guidelines and says counsel must be an attorney.
            let hearingNotice = try #require(effective.last { $0.parsed.notice == .arbitrationHearing })
            let staff = Browser(app)
            _ = try await staff.signIn(profile == "nar" ? "staff@home.test" : "staff@other.test")
            let letter = try await staff.get("/a/\(cast.slug)/cases/\(number)/notices/\(hearingNotice.id.uuidString)/letter")
            #expect(letter.status == .ok && letter.body.string.contains("Arbitration Guidelines") && letter.body.string.contains("licensed attorney"))
            // The hearing page is the arbitration's: the record of the day, no decision or appeal forms.
            let page = try await staff.get("/a/\(cast.slug)/cases/\(number)/hearing")
            #expect(page.status == .ok && page.body.string.contains("Sam Specialist") && !page.body.string.contains("id=\"decision\""))
        }
    }

    @Test(arguments: ["nar", "obar"])
    func aRefusalToArbitrateGoesToTheDirectorsAndTheProfileDecidesWhetherTheHearingGoesAhead(profile: String) async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let association = profile == "nar" ? fixture.home : fixture.other
            let cast = try await Self.cast(app, fixture, association, staffEmail: profile == "nar" ? "staff@home.test" : "staff@other.test")
            let number = try await Self.open(app, cast)
            try await Self.step(app, cast, number, "arbitration-request", as: cast.staff,
                                #"{"effectiveOn":"2026-08-03","amount":"9,000","nature":"Referral fee","firm":"Clara Commercial","transactionConcludedOn":"2026-07-01","agreementSigned":"yes"}"#)
            try await Self.step(app, cast, number, "arbitration-classify", as: cast.gc, #"{"effectiveOn":"2026-08-10","classification":"mandatory"}"#)
            try await Self.step(app, cast, number, "arbitration-serve", as: cast.staff, #"{"effectiveOn":"2026-08-11"}"#)
            // While the respondent's 15 days run, no panel (b.1).
            try await Self.step(app, cast, number, "hearing/panel-list", as: cast.staff, #"{"effectiveOn":"2026-08-20"}"#, expect: .unprocessableEntity, code: "awaiting_response")
            // A mandatory matter cannot be declined; it can be refused, and the refusal goes to the Directors (a1.34).
            try await Self.step(app, cast, number, "arbitration-respond", as: cast.respondent, #"{"effectiveOn":"2026-08-21","answer":"declines"}"#,
                                expect: .unprocessableEntity, code: "mandatory_matter")
            try await Self.step(app, cast, number, "arbitration-respond", as: cast.respondent, #"{"effectiveOn":"2026-08-21","answer":"refuses","text":"I will not arbitrate."}"#)
            let docket = try await Self.docket(app, number)
            let refused = try #require(docket.last { $0.type == .arbitrationRefused })
            #expect(refused.payload["referredTo"]?.textValue == "the Board of Directors of \(association.name)")
            #expect(docket.contains { $0.parsed.notice == .refusalToArbitrate && $0.effectiveOn.description == "2026-08-21" })
            if profile == "nar" {
                // Without Option #3 the hearing does not go ahead; the claimant's recourse is before the Directors.
                try await Self.step(app, cast, number, "hearing/panel-list", as: cast.staff, #"{"effectiveOn":"2026-08-24"}"#, expect: .unprocessableEntity,
                                    code: "no_hearing_without_respondent")
            } else {
                // OBAR (Option #3): the hearing goes ahead once the required mediation has ended (a2.17, a2.29).
                try await Self.step(app, cast, number, "hearing/panel-list", as: cast.staff, #"{"effectiveOn":"2026-08-24"}"#, expect: .unprocessableEntity, code: "mediation_first")
                try await Self.step(app, cast, number, "mediation-assign", as: cast.staff, #"{"effectiveOn":"2026-08-24","mediatorId":"\#(cast.mediatorID)"}"#)
                try await Self.step(app, cast, number, "mediation-conclude", as: cast.mediator, #"{"effectiveOn":"2026-08-25","outcome":"withdrawal"}"#)
                try await Self.step(app, cast, number, "hearing/panel-list", as: cast.staff, #"{"effectiveOn":"2026-08-26"}"#)
            }
            // A residential dispute needs no specialists (a2.22).
            try await Self.step(app, cast, number, "arbitration-specialists", as: cast.staff, #"{"effectiveOn":"2026-08-26","outcome":"released"}"#,
                                expect: .unprocessableEntity, code: "not_specialist")
        }
    }

    @Test func noQualifiedSpecialistsReleasesThePartiesAndClosesTheCase() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture, fixture.home, staffEmail: "staff@home.test")
            let number = try await Self.requestedAndAgreed(app, cast, field: "industrial")
            try await Self.step(app, cast, number, "arbitration-specialists", as: cast.staff, #"{"effectiveOn":"2026-08-20","outcome":"released"}"#)
            let docket = try await Self.docket(app, number)
            #expect(CaseProjection.build(kind: .arbitration, docket: docket).status == .closed)
            try await Self.step(app, cast, number, "hearing/panel-list", as: cast.staff, #"{"effectiveOn":"2026-08-21"}"#, expect: .unprocessableEntity, code: "step_out_of_order")
        }
    }

    @Test func aPanelistNeverSeesTheMediation() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture, fixture.home, staffEmail: "staff@home.test")
            let number = try await Self.requestedAndAgreed(app, cast, field: "residential")
            try await Self.step(app, cast, number, "mediation-assign", as: cast.staff, #"{"effectiveOn":"2026-08-17","mediatorId":"\#(cast.mediatorID)"}"#)
            let note = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/entries", headers: cast.staff) {
                $0.json(#"{"type":"note","effectiveOn":"2026-08-20","payload":{"text":"Ross would accept 30,000 to settle"}}"#)
            }
            #expect(note.status == .created)
            try await Self.step(app, cast, number, "mediation-conclude", as: cast.mediator, #"{"effectiveOn":"2026-08-28","outcome":"impasse"}"#)
            try await Self.step(app, cast, number, "hearing/panel-list", as: cast.staff, #"{"effectiveOn":"2026-09-01"}"#)
            let c = cast.committee
            try await Self.step(app, cast, number, "hearing/name-panel", as: c.chairLogin,
                                #"{"effectiveOn":"2026-09-15","members":["\#(c.chair)","\#(c.gamma)","\#(c.epsilon)"],"chairId":"\#(c.chair)"}"#)
            let asPanelist = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/entries", headers: c.epsilonLogin)
            #expect(asPanelist.status == .ok && asPanelist.body.string.contains("panel.named"))
            #expect(!asPanelist.body.string.contains("30,000") && !asPanelist.body.string.contains("mediation."))
            let asStaff = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/entries", headers: cast.staff)
            #expect(asStaff.body.string.contains("30,000") && asStaff.body.string.contains("mediation.ended"))
        }
    }

    @Test func anEthicsComplaintWaitsForTheArbitrationOfTheSameTransaction() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture, fixture.home, staffEmail: "staff@home.test")
            let arbitration = try await Self.requestedAndAgreed(app, cast, field: "residential")
            let walk = try await EthicsWalkthroughTests.cast(app, fixture, association: fixture.home, staffEmail: "staff@home.test")
            let ethics = try await EthicsWalkthroughTests.openComplaint(app, walk, filedOn: "2026-08-05")
            try await Self.step(app, cast, ethics, "hold-for-arbitration", as: cast.staff, #"{"effectiveOn":"2026-08-06","event":"held","arbitrationCase":"A-2026-9999"}"#,
                                expect: .unprocessableEntity, code: "unknown_arbitration")
            try await Self.step(app, cast, ethics, "hold-for-arbitration", as: cast.staff, #"{"effectiveOn":"2026-08-06","event":"held","arbitrationCase":"\#(arbitration)"}"#)
            // While held, the complaint takes no other step (b2.10).
            try await Self.step(app, cast, ethics, "acknowledge", as: cast.staff, #"{"effectiveOn":"2026-08-07"}"#, expect: .unprocessableEntity, code: "held_for_arbitration")
            // Linked both ways: the arbitration's page names the complaint waiting for it.
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            #expect(try await staff.get("/a/home/cases/\(arbitration)").body.string.contains(ethics))
            #expect(try await staff.get("/a/home/cases/\(ethics)").body.string.contains(arbitration))
            try await Self.step(app, cast, ethics, "hold-for-arbitration", as: cast.staff, #"{"effectiveOn":"2026-11-20","event":"resumed"}"#)
            try await Self.step(app, cast, ethics, "acknowledge", as: cast.staff, #"{"effectiveOn":"2026-11-20"}"#)
            #expect(!(try await staff.get("/a/home/cases/\(arbitration)").body.string.contains(ethics)))
        }
    }

    @Test func aLateRequestIsRecordedAndFlagged() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture, fixture.other, staffEmail: "staff@other.test")
            let number = try await Self.open(app, cast, on: "2026-11-02")
            let late = try await Self.step(app, cast, number, "arbitration-request", as: cast.staff,
                                           #"{"effectiveOn":"2026-11-02","amount":"3,000","nature":"Referral fee","firm":"Clara Commercial","transactionConcludedOn":"2026-03-02","agreementSigned":"yes"}"#)
            #expect(late.body.string.contains("request_untimely"))
            // The Committee's queue lists the request to classify, with the day its decision is due (a2.19: 30 days).
            let staff = Browser(app)
            _ = try await staff.signIn("staff@other.test")
            let queue = try await staff.get("/a/other/gc-queue")
            #expect(queue.status == .ok && queue.body.string.contains(number) && queue.body.string.contains("decide by") && queue.body.string.contains("$3,000.00"))
        }
    }

    @Test func aMemberRequestsArbitrationOnlineAndKeepsWhatWasTyped() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture, fixture.other, staffEmail: "staff@other.test")
            let clara = Browser(app)
            _ = try await clara.signIn("clara-other@arb.test")
            let page = try await clara.get("/a/other/arbitration/request")
            #expect(page.status == .ok && page.body.string.contains("$500.00") && page.body.string.contains("Mediation comes first"))
            // Every mistake is named beside its field, and what was typed stays.
            let bad = try await clara.post("/a/other/arbitration/request", form: ["respondent": "nobody", "amount": "lots", "nature": "Referral fee", "firm": "Clara Commercial"])
            #expect(bad.status == .unprocessableEntity)
            for text in ["respondent-error", "amount-error", "agreement-error", "value=\"Referral fee\""] { #expect(bad.body.string.contains(text), "\(text)") }
            // Someone who is not a member of the association may not file.
            let stranger = Browser(app)
            _ = try await stranger.signIn("stranger@home.test")
            #expect(try await stranger.get("/a/home/arbitration/request").status == .forbidden)
            let filed = try await clara.post("/a/other/arbitration/request", form: [
                "respondent": "other-R1", "amount": "7,250.00", "nature": "Referral fee on 12 Sound Ct", "firm": "Clara Commercial",
                "transactionConcludedOn": "2026-10-01", "field": "residential", "agreementSigned": "yes"])
            #expect(filed.status == .seeOther)
            let location = try #require(filed.headers.first(name: .location))
            let number = String(location.split(separator: "/").last ?? "")
            let docket = try await Self.docket(app, number)
            let request = try #require(docket.last { $0.type == .arbitrationRequested })
            #expect(request.payload["amountCents"]?.integerValue == 725_000 && request.payload["depositCents"]?.integerValue == 50_000)
            #expect(request.payload["onlineBy"]?.textValue == cast.claimantID.uuidString && request.effectiveOn.description == "2026-11-30")
            #expect(CaseProjection.build(kind: .arbitration, docket: docket).parties.map(\.personId).contains(cast.respondentID))
            let shown = try await clara.get(location)
            #expect(shown.status == .ok && shown.body.string.contains("deposit of $500.00 is due"))
            // A mediation-only request opens a mediation case on the same 180-day terms (S3 7.3.1).
            let mediation = try await clara.post("/a/other/arbitration/request", form: [
                "respondent": "Ross Respondent", "amount": "1,000", "nature": "Shared advertising costs", "firm": "Clara Commercial",
                "transactionConcludedOn": "2026-10-01", "mediationOnly": "yes", "agreementSigned": "yes"])
            let mediationNumber = String(try #require(mediation.headers.first(name: .location)).split(separator: "/").last ?? "")
            #expect(mediationNumber.hasPrefix("M-"))
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == mediationNumber).first())
            let rules = try await CaseRules.load(for: record, on: app.db, today: CivilDate("2026-11-30")!)
            let window = try #require(rules.deadlines(kind: .mediation, docket: try await Self.docket(app, mediationNumber), asOf: CivilDate("2026-11-30")!)
                .first { $0.key == .arbitrationFiling })
            #expect(window.status == .met)
        }
    }

    @Test(arguments: ["nar", "obar"])
    func aChallengeTheDirectorsDecideAVoluntaryDeclineAndASettlementThatBarsANewRequest(profile: String) async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let association = profile == "nar" ? fixture.home : fixture.other
            let cast = try await Self.cast(app, fixture, association, staffEmail: profile == "nar" ? "staff@home.test" : "staff@other.test")
            let request = #"{"effectiveOn":"2026-08-03","amount":"5,000","nature":"Referral fee","firm":"Clara Commercial","transactionConcludedOn":"2026-07-01","agreementSigned":"yes"}"#
            // The Committee declines for complexity; the claimant appeals to the Directors, who reverse it to voluntary (b4.1, b4.3).
            let first = try await Self.open(app, cast)
            try await Self.step(app, cast, first, "arbitration-request", as: cast.staff, request)
            try await Self.step(app, cast, first, "arbitration-classify", as: cast.gc, #"{"effectiveOn":"2026-08-10","classification":"declined-complexity","reason":"Title questions"}"#)
            try await Self.step(app, cast, first, "classification-challenge", as: cast.respondent, #"{"effectiveOn":"2026-08-12","explanation":"Fine by me"}"#,
                                expect: .unprocessableEntity, code: "claimant_appeals_decline")
            try await Self.step(app, cast, first, "classification-challenge", as: cast.claimant, #"{"effectiveOn":"2026-08-20","explanation":"It is a plain fee dispute"}"#)
            try await Self.step(app, cast, first, "classification-challenge-decide", as: cast.staff,
                                #"{"effectiveOn":"2026-09-15","outcome":"reversed","classification":"voluntary"}"#)
            var docket = try await Self.docket(app, first)
            let decided = try #require(CaseProjection.effectiveEntries(docket).last { $0.type == .arbitrationClassified })
            #expect(decided.payload["classification"]?.textValue == "voluntary" && decided.effectiveOn.description == "2026-09-15")
            #expect(decided.payload["mediationRequired"]?.textValue == (profile == "obar" ? "yes" : "no"))
            // The respondent declines a voluntary arbitration: it ends (a2.19).
            try await Self.step(app, cast, first, "arbitration-serve", as: cast.staff, #"{"effectiveOn":"2026-09-16"}"#)
            try await Self.step(app, cast, first, "arbitration-respond", as: cast.respondent, #"{"effectiveOn":"2026-09-20","answer":"refuses"}"#,
                                expect: .unprocessableEntity, code: "voluntary_matter")
            try await Self.step(app, cast, first, "arbitration-respond", as: cast.respondent, #"{"effectiveOn":"2026-09-20","answer":"declines"}"#)
            docket = try await Self.docket(app, first)
            #expect(CaseProjection.build(kind: .arbitration, docket: docket).status == .closed)
            // A mandatory matter settles in mediation: both deposits come back, and the same matter cannot be arbitrated again (S3 7.8.1, b5.2).
            let second = try await Self.requestedAndAgreed(app, cast, field: "residential")
            try await Self.step(app, cast, second, "mediation-assign", as: cast.staff, #"{"effectiveOn":"2026-08-17","mediatorId":"\#(cast.mediatorID)"}"#)
            try await Self.step(app, cast, second, "mediation-conclude", as: cast.mediator, #"{"effectiveOn":"2026-09-02","outcome":"settled","signedSettlement":"yes"}"#)
            docket = try await Self.docket(app, second)
            let ledger = CaseLedger.build(docket, profile: profile == "nar" ? RuleProfiles.nar : RuleProfiles.obar)
            #expect(ledger.balance(.depositsHeld) == 0 && ledger.isBalanced && CaseProjection.build(kind: .arbitration, docket: docket).status == .settled)
            let third = try await Self.open(app, cast, on: "2026-09-10")
            try await Self.step(app, cast, third, "arbitration-request", as: cast.staff,
                                request.replacingOccurrences(of: #""agreementSigned""#, with: #""earlierRequest":"\#(second)","agreementSigned""#),
                                expect: .unprocessableEntity, code: "matter_settled")
        }
    }

    @Test func theEscrowedAwardIsReleasedOnlyOnceEveryWindowHasClosed() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture, fixture.home, staffEmail: "staff@home.test")
            let number = try await Self.requestedAndAgreed(app, cast, field: "residential")
            let c = cast.committee
            // NAR requires no mediation: the panel, the hearing and the award follow the response (a2.29 is OBAR's).
            try await Self.step(app, cast, number, "hearing/panel-list", as: cast.staff, #"{"effectiveOn":"2026-08-20"}"#)
            try await Self.step(app, cast, number, "hearing/name-panel", as: c.chairLogin,
                                #"{"effectiveOn":"2026-09-01","members":["\#(c.chair)","\#(c.gamma)","\#(c.epsilon)"],"chairId":"\#(c.chair)"}"#)
            for panelist in [c.chair, c.gamma, c.epsilon] {
                try await Self.step(app, cast, number, "hearing/certify", as: cast.staff, #"{"effectiveOn":"2026-09-01","personId":"\#(panelist)"}"#)
            }
            try await Self.step(app, cast, number, "hearing/schedule", as: cast.staff, #"{"effectiveOn":"2026-09-02","hearingOn":"2026-09-30","place":"Board room"}"#)
            try await Self.step(app, cast, number, "hearing/hold", as: cast.staff, #"{"effectiveOn":"2026-09-30","claimantPresent":"yes"}"#)
            try await Self.step(app, cast, number, "award-render", as: c.chairLogin, #"{"effectiveOn":"2026-10-01","prevailing":"claimant","amount":"12,000"}"#)
            try await Self.step(app, cast, number, "award-release", as: cast.staff, #"{"effectiveOn":"2026-10-02"}"#, expect: .unprocessableEntity, code: "nothing_in_escrow")
            try await Self.step(app, cast, number, "award-escrow", as: cast.staff, #"{"effectiveOn":"2026-10-05","amount":"12,000"}"#)
            // The windows to correct (a2.24) and to ask for review (b3.8) run 20 days from the award's service: 2026-10-21.
            let early = try await Self.step(app, cast, number, "award-release", as: cast.staff, #"{"effectiveOn":"2026-10-15"}"#,
                                            expect: .unprocessableEntity, code: "window_open")
            #expect(early.body.string.contains("2026-10-21"))
            try await Self.step(app, cast, number, "award-release", as: cast.staff, #"{"effectiveOn":"2026-10-22"}"#)
            let docket = try await Self.docket(app, number)
            let ledger = CaseLedger.build(docket, profile: RuleProfiles.nar)
            #expect(ledger.balance(.escrowHeld) == 0 && ledger.isBalanced && CaseProjection.build(kind: .arbitration, docket: docket).status == .awardPaid)
            #expect(ledger.postings.contains { $0.description.contains("released") && $0.cents == 1_200_000 && $0.on.description == "2026-10-22" })
            try await Self.step(app, cast, number, "award-release", as: cast.staff, #"{"effectiveOn":"2026-10-23"}"#, expect: .unprocessableEntity, code: "nothing_in_escrow")
        }
    }
}
