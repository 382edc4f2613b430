import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// Issue 16's citation steps through the API on OBAR's profile (which adopts citations, a2.30) and NAR's (which does
/// not, b9.1): limits read from the member's earlier citation cases, escalation by the same conduct only, Level 1's
/// choice and Level 3's both, the reminder's timing, finality by silence, payment.
@Suite("The citation program (issue 16; a2.30–a2.35, b9.1)")
struct CitationProgramTests {
    struct Cast {
        let staff: HTTPHeaders, respondent: HTTPHeaders, panel: HTTPHeaders
        let respondentID: UUID, complainantID: UUID
    }

    static func cast(_ app: Application, _ fixture: Fixture) async throws -> Cast {
        let id = try fixture.other.requireID()
        let respondent = Person(associationID: id, kind: .member, firstName: "Cy", lastName: "Cited")
        let complainant = Person(associationID: id, kind: .public, firstName: "Pat", lastName: "Public")
        try await respondent.create(on: app.db)
        try await complainant.create(on: app.db)
        try await seatCitationPanel(app, in: fixture.other)
        return Cast(staff: fixture.bearer("staff@other.test"),
                    respondent: try await Fixture.login(app, email: "cy@cite.test", role: .party, in: fixture.other, person: respondent.requireID()),
                    panel: try await Fixture.login(app, email: "panel@cite.test", role: .citationPanel, in: fixture.other, person: nil),
                    respondentID: try respondent.requireID(), complainantID: try complainant.requireID())
    }

    /// Four PSC members with current training, three of them the standing citation panel the executive officer
    /// appointed (S3 9.1.2); the fourth is a substitute. Returns the panel, then the substitute.
    @discardableResult
    static func seatCitationPanel(_ app: Application, in association: Association) async throws -> [UUID] {
        let id = try association.requireID()
        var people: [UUID] = []
        for (index, name) in ["Ada", "Ben", "Cal", "Dee"].enumerated() {
            let person = Person(associationID: id, kind: .member, firstName: name, lastName: "Panelist")
            try await person.create(on: app.db)
            let firm = Firm(associationID: id, name: "\(name) Realty")
            try await firm.create(on: app.db)
            try await Membership(associationID: id, personID: person.requireID(), memberNumber: "CP-\(index)", membershipType: MembershipType.realtor.rawValue,
                                 isPrincipal: true, firmID: firm.requireID(), officeID: nil).create(on: app.db)
            try await CommitteeSeat(associationID: id, personID: person.requireID(), trainingThrough: "2027-06-30").create(on: app.db)
            if index < 3 { try await CommitteeSeat(associationID: id, personID: person.requireID(), committee: "citation-panel", trainingThrough: nil).create(on: app.db) }
            people.append(try person.requireID())
        }
        return people
    }

    /// The association's standing citation panel, as a step body names it.
    static func standingPanel(_ app: Application, slug: String) async throws -> [UUID] {
        let association = try #require(try await Association.query(on: app.db).filter(\.$slug == slug).first())
        return try await CommitteeSeat.query(on: app.db).filter(\.$association.$id == association.requireID())
            .filter(\.$committee == "citation-panel").all().map(\.$person.id)
    }

    static func open(_ app: Application, _ cast: Cast, slug: String = "other", expect status: HTTPStatus = .created) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/\(slug)/cases", headers: cast.staff) {
            $0.json(#"{"kind":"citation","title":"Advertising without the firm name","openedOn":"2026-03-02","parties":[{"personId":"\#(cast.respondentID)","role":"respondent"},{"personId":"\#(cast.complainantID)","role":"complainant"}]}"#)
        }
        #expect(response.status == status, "\(response.body.string)")
        return response
    }

    static func opened(_ app: Application, _ cast: Cast) async throws -> String {
        try await open(app, cast).content.decode(APIModel.CaseOut.self).number
    }

    @discardableResult
    static func step(_ app: Application, _ number: String, _ name: String, as headers: HTTPHeaders, _ body: String, dryRun: Bool = false,
                     expect status: HTTPStatus = .ok, code: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
        // The panel's decisions name the panel that decided (S3 9.1.2): the standing panel, unless the body names one.
        var body = body
        if ["citation-issue", "citation-to-hearing"].contains(name), !body.contains("panelistIds"), body.hasPrefix("{") {
            let ids = try await standingPanel(app, slug: "other").map { "\"\($0)\"" }.joined(separator: ",")
            body = #"{"panelistIds":[\#(ids)]"# + (body == "{}" ? "}" : "," + body.dropFirst())
        }
        let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/other/cases/\(number)/\(name)\(dryRun ? "?dryRun=true" : "")", headers: headers) { $0.json(body) }
        #expect(response.status == status, "\(name): \(response.body.string)", sourceLocation: sourceLocation)
        if let code { #expect(response.body.string.contains(code), "\(name): \(response.body.string)", sourceLocation: sourceLocation) }
        return response
    }

    static func issue(_ app: Application, _ cast: Cast, _ standards: String, filedOn: String, on day: String = "2026-11-02") async throws -> String {
        let number = try await opened(app, cast)
        try await step(app, number, "citation-issue", as: cast.panel,
                       #"{"effectiveOn":"\#(day)","standards":"\#(standards)","complaintFiledOn":"\#(filedOn)","summary":"Advertised without the firm's name."}"#)
        return number
    }

    static func docket(_ app: Application, _ number: String) async throws -> [DocketEntry] {
        try await ArbitrationHearingTests.docket(app, number)
    }

    @Test func anAssociationWithoutACitationPolicyHasNoCitations() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let member = Person(associationID: try fixture.home.requireID(), kind: .member, firstName: "Nat", lastName: "Member")
            try await member.create(on: app.db)
            let refused = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"kind":"citation","title":"Advertising","openedOn":"2026-03-02","parties":[{"personId":"\#(try member.requireID())","role":"respondent"}]}"#)
            }
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("citations_not_adopted") && refused.body.string.contains("b9.1"), "\(refused.body.string)")
        }
    }

    @Test func limitsReadTheMembersEarlierCitationsAndNameThem() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture)
            let first = try await Self.issue(app, cast, "12-7", filedOn: "2026-01-15")
            // The second in the 12 months that began 2026-01-15 is allowed; the third is refused and names both.
            let second = try await Self.issue(app, cast, "Art 12 (status)", filedOn: "2026-06-01")
            let third = try await Self.opened(app, cast)
            // Filed 2026-11-01, inside the 12 months that began 2026-01-15 (the edge itself: `CitationTests`).
            let refused = try await Self.step(app, third, "citation-issue", as: cast.panel,
                                              #"{"effectiveOn":"2026-11-02","standards":"1-6","complaintFiledOn":"2026-11-01","summary":"x"}"#,
                                              expect: .unprocessableEntity, code: "citation_limit_12_months")
            #expect(refused.body.string.contains(first) && refused.body.string.contains(second) && refused.body.string.contains("a2.32"))
            #expect(try await Self.docket(app, third).allSatisfy { $0.type != .citationIssued }, "nothing was issued")
        }
    }

    @Test func escalationCountsOnlyTheSameConductAndAStandardIsNotTwoArticles() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture)
            _ = try await Self.issue(app, cast, "12-7", filedOn: "2024-02-01", on: "2024-03-01")
            let next = try await Self.opened(app, cast)
            let same = try await Self.step(app, next, "citation-issue", as: cast.panel,
                                           #"{"effectiveOn":"2026-11-02","standards":"12-7","complaintFiledOn":"2026-10-01","summary":"x"}"#, dryRun: true)
            #expect(same.body.string.contains("12-7: Level 1, offense 2, $200.00"), "\(same.body.string)")
            let other = try await Self.step(app, next, "citation-issue", as: cast.panel,
                                            #"{"effectiveOn":"2026-11-02","standards":"12-8","complaintFiledOn":"2026-10-01","summary":"x"}"#, dryRun: true)
            #expect(other.body.string.contains("12-8: Level 1, offense 1, $100.00 or training, your choice"), "\(other.body.string)")
            // Identifiers of their own: "12-7" belongs to Article 12, not to Articles 7 and 12.
            #expect(CitableConduct.article(of: "12-7") == 12 && CitableConduct.article(of: "Art 12 (status)") == 12
                    && CitableConduct.article(of: "3-2 late change notice") == 3 && CitableConduct.article(of: "Art 4 (2nd sentence)") == 4)
        }
    }

    @Test func levelOneOffersTrainingInsteadAndLevelThreeRequiresBoth() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture)
            let level3 = try await Self.issue(app, cast, "12-10", filedOn: "2026-10-01")
            let issued = try #require(try await Self.docket(app, level3).last { $0.type == .citationIssued })
            #expect(issued.payload["fineCents"]?.integerValue == 50_000 && issued.payload["trainingRequired"]?.textValue == "yes")
            try await Self.step(app, level3, "citation-accept", as: cast.respondent, #"{"trainingInsteadOfFine":"yes"}"#,
                                expect: .unprocessableEntity, code: "no_training_choice")
            let level1 = try await Self.issue(app, cast, "1-6", filedOn: "2026-10-05")
            try await Self.step(app, level1, "citation-accept", as: cast.respondent, #"{"trainingInsteadOfFine":"yes"}"#)
            // Nothing left to pay: the member chose the training instead of the $100 (a2.34).
            try await Self.step(app, level1, "citation-paid", as: cast.staff, #"{"effectiveOn":"2026-11-20","amount":"100"}"#,
                                expect: .unprocessableEntity, code: "bad_amount")
            // …so no payment falls due and nothing is owed in the ledger; the Level 3 fine is owed once accepted.
            let trained = try await Self.docket(app, level1)
            #expect(CaseLedger.build(trained, profile: RuleProfiles.obar).balance(.respondentOwes) == 0)
            let deadlines = try await app.testing().sendRequest(.GET, "/api/v1/associations/other/cases/\(level1)/deadlines", headers: cast.staff)
            #expect(!deadlines.body.string.contains("citation-payment"), "\(deadlines.body.string)")
            try await Self.step(app, level3, "citation-accept", as: cast.respondent, "{}")
            let owed = CaseLedger.build(try await Self.docket(app, level3), profile: RuleProfiles.obar)
            #expect(owed.balance(.respondentOwes) == 50_000 && owed.isBalanced)
        }
    }

    @Test func reminderAfterTenDaysFinalBySilenceThenPaid() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture)
            let number = try await Self.issue(app, cast, "12-7", filedOn: "2026-09-01", on: "2026-10-01")
            let notice = try #require(try await Self.docket(app, number).last { $0.parsed.notice == .citation })
            let recipients = notice.payload["to"]?.textValue ?? ""
            #expect(recipients.contains("Cy Cited"))
            #expect((notice.payload["note"]?.textValue ?? "").contains("Summary of the complaint: Advertised without the firm's name."))
            // Received 2026-10-03: the reminder is due once ten days have passed, 2026-10-13 (a2.31).
            try await Fixture.record(app, association: "other", case: number,
                                     [#"{"type":"notice.sent","effectiveOn":"2026-10-01","corrects":"\#(notice.id)","payload":{"notice":"citation","to":"\#(recipients)","channel":"mail","receivedOn":"2026-10-03"}}"#])
            try await Self.step(app, number, "citation-reminder", as: cast.staff, #"{"effectiveOn":"2026-10-12"}"#, expect: .unprocessableEntity, code: "reminder_too_early")
            try await Self.step(app, number, "citation-reminder", as: cast.staff, #"{"effectiveOn":"2026-10-13"}"#)
            try await Self.step(app, number, "citation-reminder", as: cast.staff, #"{"effectiveOn":"2026-10-14"}"#, expect: .unprocessableEntity, code: "no_reminder_due")
            // Not final while the 20 days run (to 2026-10-23); final by silence after, and no hearing may then be asked.
            try await Self.step(app, number, "citation-paid", as: cast.staff, #"{"effectiveOn":"2026-10-20","amount":"100"}"#, expect: .unprocessableEntity, code: "not_final")
            try await Self.step(app, number, "citation-hearing-request", as: cast.respondent, #"{"effectiveOn":"2026-10-24"}"#,
                                expect: .unprocessableEntity, code: "citation_final")
            try await Self.step(app, number, "citation-paid", as: cast.staff, #"{"effectiveOn":"2026-10-26","amount":"99"}"#, expect: .unprocessableEntity, code: "bad_amount")
            try await Self.step(app, number, "citation-paid", as: cast.staff, #"{"effectiveOn":"2026-10-26","amount":"100"}"#)
            let docket = try await Self.docket(app, number)
            #expect(CaseProjection.build(kind: .citation, docket: docket).status == .citationPaid)
            #expect(docket.contains { $0.parsed.notice == .citationPaid && ($0.payload["to"]?.textValue ?? "").contains("Pat Public") })
        }
    }

    @Test func aHearingRequestInTimeSetsTheCitationAside() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture)
            let number = try await Self.issue(app, cast, "12-7", filedOn: "2026-10-01")
            try await Self.step(app, number, "citation-hearing-request", as: cast.respondent, "{}")
            try await Self.step(app, number, "citation-accept", as: cast.respondent, "{}", expect: .unprocessableEntity, code: "already_answered")
            // A citation set aside by a hearing request does not count toward the limits or escalation.
            let next = try await Self.opened(app, cast)
            let fresh = try await Self.step(app, next, "citation-issue", as: cast.panel,
                                            #"{"standards":"12-7","complaintFiledOn":"2026-11-01","summary":"x"}"#, dryRun: true)
            #expect(fresh.body.string.contains("12-7: Level 1, offense 1"), "\(fresh.body.string)")
        }
    }

    /// An unpaid fine suspends the membership automatically the day after the bylaws' due date, until paid; payment
    /// reinstates it and the member is told (S3 9.3.2.3, 9.3.2.5).
    @Test func anUnpaidFineSuspendsTheMembershipUntilPaid() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture)
            let membership = Membership(associationID: try fixture.other.requireID(), personID: cast.respondentID, memberNumber: "OT-77",
                                        membershipType: MembershipType.realtor.rawValue, isPrincipal: false, firmID: nil, officeID: nil)
            try await membership.create(on: app.db)
            let number = try await Self.issue(app, cast, "12-2", filedOn: "2026-08-20", on: "2026-09-01")
            let notice = try #require(try await Self.docket(app, number).last { $0.parsed.notice == .citation })
            // Received 2026-09-03: final by silence after 2026-09-23; the fine is due 30 days later, 2026-10-23.
            try await Fixture.record(app, association: "other", case: number,
                                     [#"{"type":"notice.sent","effectiveOn":"2026-09-01","corrects":"\#(notice.id)","payload":{"notice":"citation","to":"x","channel":"mail","receivedOn":"2026-09-03"}}"#])
            let deadlines = try await app.testing().sendRequest(.GET, "/api/v1/associations/other/cases/\(number)/deadlines", headers: cast.staff)
            #expect(deadlines.body.string.contains(#""key":"citation-payment""#) && deadlines.body.string.contains("2026-10-23"), "\(deadlines.body.string)")
            func member() async throws -> APIModel.MemberOut {
                try await app.testing().sendRequest(.GET, "/api/v1/associations/other/members/OT-77", headers: cast.staff).content.decode(APIModel.MemberOut.self)
            }
            // Today (2026-11-30) the fine is unpaid: suspended since 2026-10-24, shown to staff and to the member.
            #expect(try await member().suspension?.since == "2026-10-24")
            #expect(try await member().suspension?.caseNumber == number)
            let browser = Browser(app)
            try await browser.signIn("cy@cite.test")
            let page = try await browser.get("/a/other/cases/\(number)")
            #expect(page.body.string.contains("Membership suspended automatically since 2026-10-24 until the fine of $250.00 is paid"), "\(page.body.string)")
            try await Self.step(app, number, "citation-paid", as: cast.staff, #"{"amount":"250"}"#)
            #expect(try await member().suspension == nil)
            let docket = try await Self.docket(app, number)
            #expect(docket.contains { $0.parsed.notice == .membershipReinstated })
            // Final by silence, the fine was owed from then and is now in the treasury; the ledger balances (S3 9.3.2.3).
            let ledger = CaseLedger.build(docket, profile: RuleProfiles.obar)
            #expect(ledger.balance(.treasury) == 25_000 && ledger.balance(.respondentOwes) == 0 && ledger.isBalanced)
            let browser2 = Browser(app)
            try await browser2.signIn("staff@other.test")
            #expect(try await browser2.get("/a/other/money").body.string.contains(number))
            let after = StepView(kind: .citation, docket: docket, today: CivilDate("2026-11-30")!,
                                 deadlines: DeadlineDerivation.derive(DeadlineInput(kind: .citation, profile: RuleProfiles.obar, calendar: HolidayCalendar(), docket: docket, asOf: CivilDate("2026-11-30")!)))
            #expect(CitationSteps.standing(after) == .reinstated(on: CivilDate("2026-11-30")!, suspendedSince: CivilDate("2026-10-24")!))
        }
    }

    /// The schedule form: a version held to the model is refused with the message beside its field and nothing typed
    /// lost; a good one takes effect on its day, and a citation keeps the version in force when it was issued (a2.35,
    /// b9.4). The public filing page shows the schedule (S3 9.1.1) only where citations are adopted (b9.1).
    @Test func staffRecordAScheduleVersionAndACitationKeepsItsOwn() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture)
            let staff = Browser(app)
            try await staff.signIn("staff@other.test")
            let page = try await staff.get("/a/other/citations")
            #expect(page.status == .ok && page.body.string.contains("12-7") && page.body.string.contains("$100.00 (fine or training, the member&#39;s choice)"), "\(page.body.string)")
            var fields: [(String, String)] = [("effectiveOn", "2026-11-30"), ("entries", "12-7 = 1\n1-6 = 1\nArt 2 = 1")]
            for level in 1...3 {
                for offense in 1...3 {
                    let model = CitationLevel(rawValue: level)!.modelFines[offense - 1]
                    fields.append(("fine\(level)-\(offense)", level == 1 ? String(model / 200) : String(model / 100)))
                    fields.append(("training\(level)-\(offense)", CitationLevel(rawValue: level)!.modelTraining[offense - 1].rawValue))
                }
            }
            let refused = try await staff.post("/a/other/citations/schedule", fields: fields)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Not in the model schedule, so not citable: Art 2 (b9.4)"), "\(refused.body.string)")
            #expect(refused.body.string.contains("Art 2 = 1"))
            fields[1] = ("entries", "12-7 = 1\n1-6 = 1")
            let recorded = try await staff.post("/a/other/citations/schedule", fields: fields)
            #expect(recorded.status == .seeOther, "\(recorded.body.string)")
            #expect(try await staff.get("/a/other/citations").body.string.contains("The schedule effective 2026-11-30 was recorded"))
            // Issued today: half the model's Level 1 fine, with the version named; 12-2 is no longer citable.
            let number = try await Self.opened(app, cast)
            try await Self.step(app, number, "citation-issue", as: cast.panel, #"{"standards":"12-2","complaintFiledOn":"2026-11-01","summary":"x"}"#,
                                expect: .unprocessableEntity, code: "not_citable")
            try await Self.step(app, number, "citation-issue", as: cast.panel, #"{"standards":"12-7","complaintFiledOn":"2026-11-01","summary":"x"}"#)
            let issued = try #require(try await Self.docket(app, number).last { $0.type == .citationIssued })
            #expect(issued.payload["fineCents"]?.integerValue == 5_000)
            #expect(issued.payload["scheduleEffectiveOn"]?.textValue == "2026-11-30")
            // The same day again is refused; a party may not record a version at all.
            let again = try await staff.post("/a/other/citations/schedule", fields: fields)
            #expect(again.body.string.contains("A version already takes effect on 2026-11-30"))
            let filing = try await app.testing().sendRequest(.GET, "/file/other")
            #expect(filing.body.string.contains("id=\"citation-schedule\"") && filing.body.string.contains("$50.00"), "\(filing.body.string.prefix(400))")
            #expect(!(try await app.testing().sendRequest(.GET, "/file/home")).body.string.contains("citation-schedule"))
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/home/citations", headers: fixture.bearer("staff@home.test")).status == .notFound)
        }
    }

    /// The Directors see counts, never names (S3 9.4.6); a party sees the schedule but no figures.
    @Test func theDirectorsFiguresNameNoOne() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture)
            let number = try await Self.issue(app, cast, "12-7; 1-6", filedOn: "2026-10-01")
            try await Self.step(app, number, "citation-accept", as: cast.respondent, "{}")
            try await Self.step(app, number, "citation-paid", as: cast.staff, #"{"amount":"200"}"#)
            let director = try await Fixture.login(app, email: "dora@cite.test", role: .director, in: fixture.other, person: nil)
            let response = try await app.testing().sendRequest(.GET, "/api/v1/associations/other/citations", headers: director)
            #expect(response.status == .ok)
            let figures = try response.content.decode(APIController.CitationsOut.self)
            #expect(figures.statistics?.first?.issued == 1 && figures.statistics?.first?.paid == 1)
            #expect(figures.statistics?.first?.byViolation == ["12-7": 1, "1-6": 1])
            #expect(!response.body.string.contains("Cited") && !response.body.string.contains("Public") && !response.body.string.contains(number))
            let party = try await app.testing().sendRequest(.GET, "/api/v1/associations/other/citations", headers: cast.respondent)
            #expect(try party.content.decode(APIController.CitationsOut.self).statistics == nil)
        }
    }

    /// The panel that decides is the three the executive officer appointed from the PSC, checked for conflicts like any
    /// tribunal: one with the respondent's firm does not sit and a PSC member takes the seat (S3 9.1.2, b7.1–b7.2).
    @Test func theCitationPanelIsThreeUnconflictedPSCMembers() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Self.cast(app, fixture)
            let people = try await Self.standingPanel(app, slug: "other")
            let substitute = try #require(try await Membership.query(on: app.db).filter(\.$memberNumber == "CP-3").first()).$person.id
            // The respondent is with the first panelist's firm.
            let conflicted = try #require(try await Membership.query(on: app.db).filter(\.$person.$id == people[0]).first())
            try await Membership(associationID: try fixture.other.requireID(), personID: cast.respondentID, memberNumber: "OT-9",
                                 membershipType: MembershipType.realtor.rawValue, isPrincipal: false, firmID: conflicted.$firm.id, officeID: nil).create(on: app.db)
            let number = try await Self.opened(app, cast)
            func body(_ ids: [UUID]) -> String {
                #"{"panelistIds":[\#(ids.map { "\"\($0)\"" }.joined(separator: ","))],"standards":"12-7","complaintFiledOn":"2026-11-01","summary":"x"}"#
            }
            try await Self.step(app, number, "citation-issue", as: cast.panel, body(Array(people.prefix(2))), expect: .unprocessableEntity, code: "citation_panel_size")
            try await Self.step(app, number, "citation-issue", as: cast.panel, body(people), expect: .unprocessableEntity, code: "party_firm")
            try await Self.step(app, number, "citation-issue", as: cast.panel, body([substitute] + people.dropFirst()))
            let issued = try #require(try await Self.docket(app, number).last { $0.type == .citationIssued })
            #expect((issued.payload["panel"]?.textValue ?? "").contains("Dee Panelist"))
            // With nobody in conflict, a substitute may not replace a standing member.
            let plain = try await Self.opened(app, cast)
            let other = Person(associationID: try fixture.other.requireID(), kind: .member, firstName: "Una", lastName: "Related")
            try await other.create(on: app.db)
            let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/other/cases", headers: cast.staff) {
                $0.json(#"{"kind":"citation","title":"Plain","openedOn":"2026-11-02","parties":[{"personId":"\#(try other.requireID())","role":"respondent"}]}"#)
            }
            let fresh = try response.content.decode(APIModel.CaseOut.self).number
            _ = plain
            try await Self.step(app, fresh, "citation-issue", as: cast.panel, body([substitute] + people.dropFirst()), expect: .unprocessableEntity, code: "not_the_citation_panel")
        }
    }

    /// Appointing the citation panel: a PSC member with hearing experience, three at most (S3 9.1.2, b9.2).
    @Test func appointingTheCitationPanel() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            try await Self.seatCitationPanel(app, in: fixture.other)
            let staff = Browser(app)
            try await staff.signIn("staff@other.test")
            let page = try await staff.get("/a/other/committee")
            #expect(page.body.string.contains("id=\"citation-panel\"") && page.body.string.contains("Cal Panelist"))
            #expect(!page.body.string.contains("The citation panel has"))
            let full = try await staff.post("/a/other/committee", form: ["committee": "citation-panel", "memberNumber": "CP-3", "hearingExperience": "yes"])
            #expect(full.body.string.contains("already has its 3 members"), "\(full.body.string)")
            let seat = try #require(try await CommitteeSeat.query(on: app.db).filter(\.$committee == "citation-panel").first())
            try await seat.delete(on: app.db)
            #expect(try await staff.get("/a/other/committee").body.string.contains("The citation panel has 2 of its 3 members"))
            let untried = try await staff.post("/a/other/committee", form: ["committee": "citation-panel", "memberNumber": "CP-3"])
            #expect(untried.body.string.contains("has not sat on a hearing panel here"), "\(untried.body.string)")
            let member = Person(associationID: try fixture.other.requireID(), kind: .member, firstName: "Noe", lastName: "Committee")
            try await member.create(on: app.db)
            try await Membership(associationID: try fixture.other.requireID(), personID: member.requireID(), memberNumber: "NC-1",
                                 membershipType: MembershipType.realtor.rawValue, isPrincipal: false, firmID: nil, officeID: nil).create(on: app.db)
            let outsider = try await staff.post("/a/other/committee", form: ["committee": "citation-panel", "memberNumber": "NC-1", "hearingExperience": "yes"])
            #expect(outsider.body.string.contains("not on this association&#39;s Professional Standards Committee"))
            let appointed = try await staff.post("/a/other/committee", form: ["committee": "citation-panel", "memberNumber": "CP-3", "hearingExperience": "yes"])
            #expect(appointed.status == .seeOther)
            #expect(try await Self.standingPanel(app, slug: "other").count == 3)
            // The home association has no citation program, so no citation panel.
            let home = Browser(app)
            try await home.signIn("staff@home.test")
            #expect(!(try await home.get("/a/home/committee")).body.string.contains("citation-panel"))
        }
    }
}
