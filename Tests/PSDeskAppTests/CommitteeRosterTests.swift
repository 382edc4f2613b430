import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// The committee page (issue 18): every body, offices and who appointed them, terms, the Grievance Committee's panels,
/// training, warnings, CSV; and the panel assistant reading terms, certified trainers and load.
@Suite("Committee rosters")
struct CommitteeRosterTests {
    /// Members GC-0 … GC-(n−1) of `association`, REALTORs each with a firm of their own.
    static func members(_ app: Application, _ association: Association, count: Int, prefix: String) async throws {
        let id = try association.requireID()
        for index in 0..<count {
            let person = Person(associationID: id, kind: .member, firstName: "\(prefix)\(index)", lastName: "Member")
            try await person.create(on: app.db)
            let firm = Firm(associationID: id, name: "\(prefix)\(index) Realty")
            try await firm.create(on: app.db)
            try await Membership(associationID: id, personID: person.requireID(), memberNumber: "\(prefix)-\(index)", membershipType: MembershipType.realtor.rawValue,
                                 isPrincipal: true, firmID: firm.requireID(), officeID: nil).create(on: app.db)
        }
    }

    @Test func obarsGrievanceCommitteeIsBuiltPanelByPanelWithTermsAndWarningsUntilComplete() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            try await Self.members(app, fixture.other, count: 13, prefix: "GC")
            let staff = Browser(app)
            _ = try await staff.signIn("staff@other.test")
            var page = try await staff.get("/a/other/committee").body.string
            for id in ["grievance", "psc", "directors", "executive", "citation-panel", "mediators"] { #expect(page.contains("id=\"\(id)\""), "\(id)") }
            #expect(page.contains("The Grievance Committee has 0 members; at least 12 are required."))
            // A panel that does not exist, and a term longer than three years, are refused beside nothing lost.
            let noPanel = try await staff.post("/a/other/committee", form: ["committee": "grievance", "memberNumber": "GC-0", "subpanel": "3"])
            #expect(noPanel.status == .unprocessableEntity && noPanel.body.string.contains("Choose panel 1 to 2 of the Grievance Committee"))
            #expect(noPanel.body.string.contains("value=\"GC-0\""))
            let long = try await staff.post("/a/other/committee", form: ["committee": "grievance", "memberNumber": "GC-0", "termStartsOn": "2026-12-01",
                                                                        "termEndsOn": "2029-12-01"])
            #expect(long.status == .unprocessableEntity && long.body.string.contains("A term is at most three years"))
            // Twelve members, six a panel, a chair each designated by the President; one trained this spring.
            for index in 0..<12 {
                var form = ["committee": "grievance", "memberNumber": "GC-\(index)", "subpanel": index < 6 ? "1" : "2", "trainedOn": "2026-04-15"]
                if index % 6 == 0 { form["office"] = "chair" }
                #expect(try await staff.post("/a/other/committee", form: form).status == .seeOther, "GC-\(index)")
            }
            let chair = try #require(try await CommitteeSeat.query(on: app.db).filter(\.$committee == "grievance").filter(\.$isChair == true)
                .filter(\.$subpanel == 2).first())
            #expect(chair.appointedBy == "the President" && chair.trainingThrough == "2027-06-30")
            #expect(chair.termStartsOn == "2026-11-30" && chair.termEndsOn == "2029-11-29", "three years from today (S3 3.2)")
            let member = try #require(try await CommitteeSeat.query(on: app.db).filter(\.$committee == "grievance").filter(\.$isChair == false).first())
            #expect(member.appointedBy == "the Committee Chair")
            page = try await staff.get("/a/other/committee").body.string
            #expect(!page.contains("The Grievance Committee has"), "twelve in two panels of six, each chaired: no warning")
            #expect(page.contains("chair, panel 2") && page.contains("current through 2027-06-30"))
            // A second chair for panel 2 steps the first down; the vice-chair is the President-Elect's.
            let second = try #require(try await CommitteeSeat.query(on: app.db).filter(\.$committee == "grievance").filter(\.$subpanel == 2)
                .filter(\.$isChair == false).first())
            #expect(try await staff.post("/a/other/committee/\(second.requireID())", form: ["office": "chair", "subpanel": "2", "trainingThrough": "2027-06-30",
                                                                                           "termEndsOn": second.termEndsOn ?? ""]).status == .seeOther)
            #expect(try await CommitteeSeat.query(on: app.db).filter(\.$committee == "grievance").filter(\.$subpanel == 2).filter(\.$isChair == true).count() == 1)
            // A term stretched past three years from its kept start is refused on a change too.
            let stretched = try await staff.post("/a/other/committee/\(second.requireID())", form: ["office": "chair", "subpanel": "2", "termEndsOn": "2030-01-31"])
            #expect(stretched.status == .unprocessableEntity && stretched.body.string.contains("A term is at most three years"))
            #expect(try await staff.post("/a/other/committee", form: ["committee": "grievance", "memberNumber": "GC-12", "office": "vice-chair"]).status == .seeOther)
            let vice = try #require(try await CommitteeSeat.query(on: app.db).filter(\.$isViceChair == true).first())
            #expect(vice.appointedBy == "the President-Elect")
            // A lapsed member is named; a certified trainer is exempt.
            page = try await staff.get("/a/other/committee").body.string
            #expect(page.contains("GC12 Member: no professional-standards training this year"))
            let csv = try await staff.get("/a/other/committee.csv")
            #expect(csv.headers.contentType?.subType == "csv")
            let rows = csv.body.string.components(separatedBy: "\r\n")
            #expect(rows.first == "body,member,association,office,appointed_by,term_starts_on,term_ends_on,training_through,certified_trainer,panel,recent_panels,"
                    + "years_realtor,years_real_estate,primary_field,secondary_field,post_licensing_education,code_of_ethics_training,states")
            #expect(rows.filter { $0.hasPrefix("grievance,") }.count == 13)
            #expect(rows.contains("grievance,GC8 Member,Other Association,member,the Committee Chair,2026-11-30,2029-11-29,2027-06-30,no,2,0,,,,,,,"))
            #expect(try await staff.post("/a/other/committee/\(vice.requireID())", form: ["office": "vice-chair", "certifiedTrainer": "yes"]).status == .seeOther)
            #expect(!(try await staff.get("/a/other/committee").body.string.contains("GC12 Member: no professional-standards training")))
            // The API gives each body's roster too.
            let api = try await app.testing().sendRequest(.GET, "/api/v1/associations/other/committee?body=grievance", headers: fixture.bearer("staff@other.test"))
            let roster = try api.content.decode([APIModel.CommitteeSeatOut].self)
            #expect(roster.count == 13 && roster.filter(\.isChair).count == 2 && roster.contains { $0.isViceChair && $0.certifiedTrainer })
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/other/committee?body=council", headers: fixture.bearer("staff@other.test")).status == .badRequest)
        }
    }

    @Test func theHearingPanelAssistantReadsTermsTrainersAndLoad() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            try await Self.members(app, fixture.home, count: 5, prefix: "PS")
            let people = try await Person.query(on: app.db).filter(\.$firstName ~~ (0..<5).map { "PS\($0)" }).sort(\.$firstName).all()
            for (index, person) in people.enumerated() {
                let seat = CommitteeSeat(associationID: try fixture.home.requireID(), personID: try person.requireID(), trainingThrough: index == 3 ? nil : "2027-06-30")
                seat.certifiedTrainer = index == 3            // exempt from training
                seat.termEndsOn = index == 4 ? "2026-11-01" : nil  // term over
                try await seat.create(on: app.db)
            }
            let number = try await fixture.openEthicsCase(title: "Public v. Realtor — panel")
            // PS0 sat on two panels this year, PS1 on one.
            var sequence = 5000
            for (person, count) in [(people[0], 2), (people[1], 1)] {
                for _ in 0..<count {
                    sequence += 1
                    let other = CaseRecord(associationID: try fixture.home.requireID(), kind: "ethics", year: 2026, sequence: sequence,
                                           number: "E-2026-\(sequence)", title: "Earlier", status: "closed")
                    other.openedOn = "2026-06-01"
                    try await other.create(on: app.db)
                    try await PanelSeat(associationID: try fixture.home.requireID(), caseID: other.requireID(), personID: person.requireID(), seat: "member").create(on: app.db)
                }
            }
            let api = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/hearing", headers: fixture.bearer("staff@home.test"))
            #expect(api.status == .ok)
            #expect(api.body.string.contains("their term on the committee ended on 2026-11-01"))
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "staff@home.test").first())
            let actor = try #require(try await Actor.load(userID: user.requireID(), on: app.db))
            let scope = try await AssociationScope.load(slug: "home", actor: actor, on: app.db)
            let caseScope = try await CaseScope.load(number: number, in: scope, actor: actor, on: app.db)
            let selection = try await PanelSelection.load(caseScope, hearingOn: CivilDate("2026-12-15")!, profile: .nar, db: app.db)
            let byName = Dictionary(uniqueKeysWithValues: selection.candidates.map { ($0.name, $0) })
            #expect(byName["PS0 Member"]?.recentAssignments == 2 && byName["PS1 Member"]?.recentAssignments == 1)
            #expect(PanelComposition.exclusions(of: try #require(byName["PS3 Member"]), context: selection.context).isEmpty, "a certified trainer is exempt")
            let proposal = try #require(PanelComposition.propose(from: selection.candidates, size: 3, context: selection.context)).map(\.name)
            #expect(proposal == ["PS2 Member", "PS3 Member", "PS1 Member"], "the least loaded first; PS4's term is over")
        }
    }
}

/// A conflict disclosed mid-case (S3 2.1, b7.3) is filled from the alternates before anything else happens.
@Suite("Conflicts disclosed mid-case")
struct MidCaseDisclosureTests {
    @Test func theFirstAlternateWhoPassesEveryRuleTakesTheSeatAndThePartiesAreNoticedAgain() async throws {
        try await withTestApp { app in
            let (_, cast, psc, number) = try await HearingWalkthroughTests.stage(app)
            func hearing(_ step: String, as headers: HTTPHeaders? = nil, _ body: String, expect: HTTPStatus = .ok) async throws -> TestingHTTPResponse {
                try await HearingWalkthroughTests.hearing(app, cast, number, step, as: headers ?? cast.staff, body, expect: expect)
            }
            _ = try await hearing("panel-list", #"{"effectiveOn":"2026-10-01"}"#)
            // Alternates in order: Drew (the chair's firm, so never with the chair, b7.1), then Gale.
            _ = try await hearing("name-panel", as: psc.chairLogin,
                                  #"{"effectiveOn":"2026-10-16","memberIds":"\#(psc.chair),\#(psc.beta),\#(psc.delta)","chairId":"\#(psc.chair)","alternateIds":"\#(psc.alphaTwo),\#(psc.epsilon)"}"#)
            for person in [psc.chair, psc.beta, psc.delta] { _ = try await hearing("certify", #"{"effectiveOn":"2026-10-17","personId":"\#(person)"}"#) }
            _ = try await hearing("schedule", #"{"effectiveOn":"2026-11-05","hearingOn":"2026-12-10","place":"Board room"}"#)
            // After the hearing is noticed, Blake discloses that he sold the complainant a house.
            let disclosed = try await hearing("disclose-conflict", as: psc.betaLogin, #"{"effectiveOn":"2026-11-20","disclosure":"I sold the complainant a house last year."}"#)
            #expect(disclosed.status == .ok)
            let docket = try await ArbitrationHearingTests.docket(app, number)
            let panel = HearingPanel.build(docket)
            #expect(Set(panel.members) == [psc.chair, psc.epsilon, psc.delta], "Gale, the first alternate who passes every rule, took the seat")
            #expect(panel.vacancies.isEmpty && panel.alternates == [psc.alphaTwo])
            // The parties are noticed again with the panel as it now stands (a1.16).
            let notice = try #require(docket.last { $0.type == .noticeSent })
            #expect(notice.effectiveOn == CivilDate("2026-11-20") && notice.payload.values.contains { $0.textValue?.contains("replaces a panelist who disclosed a conflict") == true })
            // Nothing is left for the chair to fill.
            _ = try await hearing("replace-panelist", #"{"effectiveOn":"2026-11-21","personId":"\#(psc.alphaTwo)","replaces":"\#(psc.beta)"}"#, expect: .unprocessableEntity)
        }
    }
}

/// A Directors' panel decides a dismissal appeal by its members' own votes (issue 18; a1.10, S3 1.3.1).
@Suite("Directors' panels vote")
struct DirectorsPanelVoteTests {
    @Test func thePanelsDecisionIsRecordedFromEachDirectorsVote() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let board = try await HearingWalkthroughTests.board(app, association: fixture.home, also: [])
            // A sixth Director, not on the panel.
            let outsider = try await HearingWalkthroughTests.board(app, association: fixture.home).first!
            var logins: [UUID: HTTPHeaders] = [:]
            for (index, person) in (board + [outsider]).enumerated() {
                logins[person] = try await Fixture.login(app, email: "director\(index)@home.test", role: .director, in: fixture.home, person: person)
            }
            let president = try await Fixture.login(app, email: "president@home.test", role: .president, in: fixture.home, person: nil)
            let number = try await fixture.openEthicsCase(title: "Public v. Realtor — dismissal appealed")
            try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1","transactionConcludedOn":"2026-10-01"}}"#])
            try await fixture.acknowledge(number, on: "2026-11-02")
            try await fixture.step(number, "gc-decision", #"{"effectiveOn":"2026-11-20","decision":"dismiss","reason":"unworthy"}"#, as: "gc@home.test")
            try await fixture.step(number, "appeal-dismissal", #"{"effectiveOn":"2026-11-25","explanation":"It was wrong."}"#, as: "party@home.test")
            func step(_ name: String, _ headers: HTTPHeaders, _ body: String, expect: HTTPStatus = .ok, code: String? = nil) async throws {
                let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/\(name)", headers: headers) { $0.json(body) }
                #expect(response.status == expect, "\(name): \(response.body.string)")
                if let code { #expect(response.body.string.contains(code), "\(name): \(response.body.string)") }
            }
            // Nobody votes before the President appoints the panel; four Directors are too few (five, or a quorum if less).
            try await step("directors-vote", logins[board[0]]!, #"{"vote":"reinstated"}"#, expect: .unprocessableEntity, code: "no_directors_panel")
            let four = board.prefix(4).map { "\"\($0)\"" }.joined(separator: ",")
            try await step("directors-panel", president, #"{"directorIds":[\#(four)]}"#, expect: .unprocessableEntity, code: "appeal_panel_too_small")
            let five = board.map { "\"\($0)\"" }.joined(separator: ",")
            try await step("directors-panel", president, #"{"directorIds":[\#(five)]}"#)
            // Staff cannot decide for the panel, nor vote; a Director not on it cannot vote.
            try await step("dismissal-appeal-decision", fixture.bearer("staff@home.test"), #"{"outcome":"confirmed","directorIds":[\#(five)]}"#,
                           expect: .unprocessableEntity, code: "panel_decides")
            try await step("directors-vote", fixture.bearer("staff@home.test"), #"{"vote":"confirmed"}"#, expect: .forbidden)
            try await step("directors-vote", logins[outsider]!, #"{"vote":"confirmed"}"#, expect: .unprocessableEntity, code: "not_on_directors_panel")
            // The Directors' own page says their vote is awaited.
            let director = Browser(app)
            _ = try await director.signIn("director0@home.test")
            #expect(try await director.get("/a/home/my-panels").body.string.contains("Your vote is awaited"))
            // Two vote to confirm, then three to reinstate: the third reinstating vote is the majority and decides.
            try await step("directors-vote", logins[board[0]]!, #"{"vote":"confirmed","reason":"The GC saw no Code matter."}"#)
            try await step("directors-vote", logins[board[0]]!, #"{"vote":"reinstated"}"#, expect: .unprocessableEntity, code: "already_voted")
            try await step("directors-panel", president, #"{"directorIds":[\#(five)]}"#, expect: .unprocessableEntity, code: "voting_begun")
            #expect(!(try await director.get("/a/home/my-panels").body.string.contains("Your vote is awaited")), "voted: nothing awaited")
            try await step("directors-vote", logins[board[1]]!, #"{"vote":"confirmed"}"#)
            try await step("directors-vote", logins[board[2]]!, #"{"vote":"reinstated"}"#)
            try await step("directors-vote", logins[board[3]]!, #"{"vote":"reinstated"}"#)
            var docket = try await ArbitrationHearingTests.docket(app, number)
            #expect(!docket.contains { $0.type == .dismissalAppealDecided }, "two of five is no majority yet")
            try await step("directors-vote", logins[board[4]]!, #"{"vote":"reinstated"}"#)
            docket = try await ArbitrationHearingTests.docket(app, number)
            let decided = try #require(docket.last { $0.type == .dismissalAppealDecided })
            #expect(decided.payload["outcome"]?.textValue == "reinstated" && decided.payload["votes"]?.textValue == "3 reinstated, 2 confirmed, of 5 Directors")
            #expect(decided.actorName == "director4@home.test", "recorded by the Director whose vote decided it, not staff")
            let votes = docket.filter { $0.type == .directorVoted }
            #expect(votes.count == 5 && Set(votes.compactMap { $0.payload["personId"]?.textValue }) == Set(board.map(\.uuidString)))
            let shown = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)", headers: fixture.bearer("staff@home.test"))
            #expect(try shown.content.decode(APIModel.CaseOut.self).status == "forwarded")
            // Decided and reinstated: the complaint is no longer before the Board, so the Directors no longer see it (a1.10).
            try await step("directors-vote", logins[board[0]]!, #"{"vote":"confirmed"}"#, expect: .notFound)
        }
    }
}

extension DirectorsPanelVoteTests {
    /// A Director who sits on the Grievance Committee's roster (no account needed) reviewed the complaint: the
    /// assistant shows them disabled with the reason, and the appointment is refused (b7.4).
    @Test func aDirectorOnTheGrievanceRosterIsExplainedAndRefused() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let board = try await HearingWalkthroughTests.board(app, association: fixture.home)
            try await CommitteeSeat(associationID: fixture.home.requireID(), personID: board[0], committee: CommitteeBody.grievance.rawValue,
                                    trainingThrough: "2027-06-30").create(on: app.db)
            let number = try await fixture.openEthicsCase(title: "Public v. Realtor — dismissal appealed")
            try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1","transactionConcludedOn":"2026-10-01"}}"#])
            try await fixture.acknowledge(number, on: "2026-11-02")
            try await fixture.step(number, "gc-decision", #"{"effectiveOn":"2026-11-20","decision":"dismiss","reason":"unworthy"}"#, as: "gc@home.test")
            try await fixture.step(number, "appeal-dismissal", #"{"effectiveOn":"2026-11-25","explanation":"It was wrong."}"#, as: "party@home.test")
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let page = try await staff.get("/a/home/cases/\(number)").body.string
            #expect(page.contains("reviewed the complaint in the Grievance Committee (b7.4)"))
            // The assistant ticks the least loaded of those who may sit: here the four others, none on a panel this year.
            let ticked = page.components(separatedBy: "name=\"directorIds[]\"").dropFirst().filter { $0.prefix(60).contains("checked") }
            #expect(ticked.count == 4 && page.contains("— 0 Directors&#39; panels in 12 months"))
            let five = board.map { "\"\($0)\"" }.joined(separator: ",")
            let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/directors-panel",
                                                               headers: fixture.bearer("staff@home.test")) { $0.json(#"{"directorIds":[\#(five)]}"#) }
            #expect(response.status == .unprocessableEntity && response.body.string.contains("director_reviewed_in_gc"))
        }
    }
}

/// The chair may pass over the assistant's proposal, but naming busier members takes a recorded reason (issue 18).
@Suite("Panel naming: override with a reason")
struct PanelOverrideTests {
    @Test func namingBusierMembersThanProposedNeedsAReasonThatIsKept() async throws {
        try await withTestApp { app in
            let (fixture, cast, psc, number) = try await HearingWalkthroughTests.stage(app)
            // Blake and Dana sat on two panels each this year; Gale on none.
            var sequence = 7000
            for person in [psc.beta, psc.delta] {
                for _ in 0..<2 {
                    sequence += 1
                    let earlier = CaseRecord(associationID: try fixture.home.requireID(), kind: "ethics", year: 2026, sequence: sequence,
                                             number: "E-2026-\(sequence)", title: "Earlier", status: "closed")
                    earlier.openedOn = "2026-05-01"
                    try await earlier.create(on: app.db)
                    try await PanelSeat(associationID: try fixture.home.requireID(), caseID: earlier.requireID(), personID: person, seat: "member").create(on: app.db)
                }
            }
            func hearing(_ step: String, as headers: HTTPHeaders? = nil, _ body: String, expect: HTTPStatus = .ok) async throws -> TestingHTTPResponse {
                try await HearingWalkthroughTests.hearing(app, cast, number, step, as: headers ?? cast.staff, body, expect: expect)
            }
            _ = try await hearing("panel-list", #"{"effectiveOn":"2026-10-01"}"#)
            let busy = #""memberIds":"\#(psc.chair),\#(psc.beta),\#(psc.delta)","chairId":"\#(psc.chair)""#
            let refused = try await hearing("name-panel", as: psc.chairLogin, #"{"effectiveOn":"2026-10-16",\#(busy)}"#, expect: .unprocessableEntity)
            #expect(refused.body.string.contains("override_reason_required") && refused.body.string.contains("Gale"))
            _ = try await hearing("name-panel", as: psc.chairLogin,
                                  #"{"effectiveOn":"2026-10-16",\#(busy),"overrideReason":"Both know commercial leasing, which this complaint turns on."}"#)
            let named = try #require(try await ArbitrationHearingTests.docket(app, number).last { $0.type == .panelNamed })
            #expect(named.payload["overrideReason"]?.textValue == "Both know commercial leasing, which this complaint turns on.")
        }
    }
}

/// The Board's yearly review of the two committees, with the members it removed (S3 3.2).
@Suite("The Board's yearly review")
struct CommitteeReviewTests {
    @Test func theReviewIsRecordedWithItsRemovalsAndTheWarningClears() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            try await CommitteeRosterTests.members(app, fixture.other, count: 2, prefix: "RV")
            let staff = Browser(app)
            _ = try await staff.signIn("staff@other.test")
            _ = try await staff.get("/a/other/committee")
            for number in ["RV-0", "RV-1"] {
                #expect(try await staff.post("/a/other/committee", form: ["committee": "psc", "memberNumber": number, "trainedOn": "2026-03-01"]).status == .seeOther)
            }
            var page = try await staff.get("/a/other/committee").body.string
            #expect(page.contains("No yearly review of the Grievance and Professional Standards Committees by the Board is recorded"))
            let leaving = try #require(try await CommitteeSeat.query(on: app.db).join(Person.self, on: \CommitteeSeat.$person.$id == \Person.$id)
                .filter(Person.self, \.$firstName == "RV1").first())
            let future = try await staff.post("/a/other/committee/review", fields: [("reviewedOn", "2026-12-05"), ("remove[]", try leaving.requireID().uuidString)])
            #expect(future.status == .unprocessableEntity && future.body.string.contains("cannot be after today"))
            #expect(try await CommitteeSeat.query(on: app.db).filter(\.$id == leaving.requireID()).count() == 1, "a refused review removes no one")
            let recorded = try await staff.post("/a/other/committee/review", fields: [("reviewedOn", "2026-11-30"), ("remove[]", try leaving.requireID().uuidString),
                                                                                     ("note", "Annual review at the November meeting.")])
            #expect(recorded.status == .seeOther)
            #expect(try await CommitteeSeat.query(on: app.db).filter(\.$id == leaving.requireID()).count() == 0)
            page = try await staff.get("/a/other/committee").body.string
            #expect(page.contains("removed: RV1 Member (Professional Standards Committee)") && page.contains("Annual review at the November meeting."))
            #expect(!page.contains("No yearly review"))
            // Only staff record it; another association's seat cannot be removed through it.
            let director = Browser(app)
            _ = try await director.signIn("director@home.test")
            _ = try await director.get("/a/home")
            #expect(try await director.post("/a/home/committee/review", fields: [("reviewedOn", "2026-11-30")]).status == .forbidden)
            let foreign = Browser(app)
            _ = try await foreign.signIn("staff@home.test")
            _ = try await foreign.get("/a/home/committee")
            let stay = try #require(try await CommitteeSeat.query(on: app.db).first())
            #expect(try await foreign.post("/a/home/committee/review", fields: [("reviewedOn", "2026-11-30"), ("remove[]", try stay.requireID().uuidString)])
                .status == .unprocessableEntity)
        }
    }
}

/// The same Directors' panel decides arbitration's matters before the Board: a classification challenge (b4.3) and a
/// procedural review (b3.9), each from its members' votes, with the Directors reaching the case only while it waits.
@Suite("Directors' panels for arbitration matters")
struct ArbitrationDirectorsPanelTests {
    typealias Walk = ArbitrationHearingTests

    static func directors(_ app: Application, _ fixture: Fixture) async throws -> (ids: [UUID], logins: [HTTPHeaders], president: HTTPHeaders) {
        let ids = try await HearingWalkthroughTests.board(app, association: fixture.home)
        var logins: [HTTPHeaders] = []
        for (index, person) in ids.enumerated() {
            logins.append(try await Fixture.login(app, email: "arb-director\(index)@home.test", role: .director, in: fixture.home, person: person))
        }
        let president = try await Fixture.login(app, email: "arb-president@home.test", role: .president, in: fixture.home, person: nil)
        return (ids, logins, president)
    }

    @Test func aClassificationChallengeIsReversedByThePanelsVotes() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Walk.cast(app, fixture, fixture.home, staffEmail: "staff@home.test")
            let (ids, logins, president) = try await Self.directors(app, fixture)
            let number = try await Walk.open(app, cast)
            try await Walk.step(app, cast, number, "arbitration-request", as: cast.staff,
                                #"{"effectiveOn":"2026-08-03","amount":"5,000","nature":"Referral fee","firm":"Clara Commercial","transactionConcludedOn":"2026-07-01","agreementSigned":"yes"}"#)
            try await Walk.step(app, cast, number, "arbitration-classify", as: cast.gc, #"{"effectiveOn":"2026-08-10","classification":"declined-complexity","reason":"Title questions"}"#)
            let base = "/api/v1/associations/home/cases/\(number)"
            #expect(try await app.testing().sendRequest(.GET, base, headers: logins[0]).status == .notFound, "nothing before the Board yet")
            try await Walk.step(app, cast, number, "directors-panel", as: president, #"{"directorIds":[]}"#, expect: .unprocessableEntity, code: "nothing_before_directors")
            try await Walk.step(app, cast, number, "classification-challenge", as: cast.claimant, #"{"effectiveOn":"2026-08-20","explanation":"It is a plain fee dispute"}"#)
            let five = ids.map { "\"\($0)\"" }.joined(separator: ",")
            try await Walk.step(app, cast, number, "directors-panel", as: president, #"{"effectiveOn":"2026-08-25","directorIds":[\#(five)]}"#)
            // The Directors now reach it; staff may no longer record a decision for them.
            #expect(try await app.testing().sendRequest(.GET, base, headers: logins[0]).status == .ok)
            try await Walk.step(app, cast, number, "classification-challenge-decide", as: cast.staff,
                                #"{"effectiveOn":"2026-09-15","outcome":"upheld"}"#, expect: .unprocessableEntity, code: "panel_decides")
            // The standing classification is not a reversal; a vote names the classification that would stand.
            try await Walk.step(app, cast, number, "directors-vote", as: logins[0], #"{"effectiveOn":"2026-09-01","vote":"declined-complexity"}"#,
                                expect: .unprocessableEntity, code: "vote_required")
            try await Walk.step(app, cast, number, "directors-vote", as: logins[0], #"{"effectiveOn":"2026-09-01","vote":"voluntary"}"#)
            try await Walk.step(app, cast, number, "directors-vote", as: logins[1], #"{"effectiveOn":"2026-09-02","vote":"upheld"}"#)
            try await Walk.step(app, cast, number, "directors-vote", as: logins[2], #"{"effectiveOn":"2026-09-03","vote":"voluntary"}"#)
            try await Walk.step(app, cast, number, "directors-vote", as: logins[3], #"{"effectiveOn":"2026-09-04","vote":"voluntary"}"#)
            let docket = try await Walk.docket(app, number)
            let decided = try #require(docket.last { $0.type == .classificationChallengeDecided })
            #expect(decided.payload["outcome"]?.textValue == "reversed" && decided.payload["classification"]?.textValue == "voluntary")
            #expect(decided.payload["votes"]?.textValue == "1 upheld, 3 voluntary, of 5 Directors" && decided.actorName == "arb-director3@home.test")
            let standing = try #require(CaseProjection.effectiveEntries(docket).last { $0.type == .arbitrationClassified })
            #expect(standing.payload["classification"]?.textValue == "voluntary" && standing.effectiveOn.description == "2026-09-04")
            #expect(docket.contains { $0.parsed.notice == .classification && $0.effectiveOn.description == "2026-09-04" }, "both parties told (b4.3)")
            // Decided: the last Director has nothing to vote on, and the Directors no longer reach the case.
            #expect(try await app.testing().sendRequest(.GET, base, headers: logins[4]).status == .notFound)
        }
    }

    @Test func aProceduralReviewIsConfirmedByThePanelsVotes() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Walk.cast(app, fixture, fixture.home, staffEmail: "staff@home.test")
            let (ids, logins, president) = try await Self.directors(app, fixture)
            let number = try await AwardFinalityTests.awarded(app, cast, amount: "48,000")
            try await Walk.step(app, cast, number, "award-escrow", as: cast.staff, #"{"effectiveOn":"2026-10-06","amount":"48,000"}"#)
            try await Walk.step(app, cast, number, "review-request", as: cast.respondent,
                                #"{"effectiveOn":"2026-10-10","defect":"bias","explanation":"The chair had listed the claimant's property."}"#)
            // A hearing panelist may not sit on the review (b7.4); the panel of five is appointed and votes.
            let withChair = ([cast.committee.chair] + ids.prefix(4)).map { "\"\($0)\"" }.joined(separator: ",")
            try await Walk.step(app, cast, number, "directors-panel", as: president, #"{"effectiveOn":"2026-10-12","directorIds":[\#(withChair)]}"#,
                                expect: .unprocessableEntity, code: "not_a_director")
            try await Walk.step(app, cast, number, "directors-panel", as: president,
                                #"{"effectiveOn":"2026-10-12","directorIds":[\#(ids.map { "\"\($0)\"" }.joined(separator: ","))]}"#)
            // The Director's own page lists the vote awaited.
            let director = Browser(app)
            _ = try await director.signIn("arb-director0@home.test")
            #expect(try await director.get("/a/home/my-panels").body.string.contains(number))
            for (index, vote) in ["confirmed", "confirmed", "new-hearing"].enumerated() {
                try await Walk.step(app, cast, number, "directors-vote", as: logins[index], #"{"effectiveOn":"2026-10-25","vote":"\#(vote)"}"#)
            }
            #expect(!(try await Walk.docket(app, number)).contains { $0.type == .reviewDecided }, "two to one of five decides nothing")
            try await Walk.step(app, cast, number, "directors-vote", as: logins[3], #"{"effectiveOn":"2026-10-25","vote":"confirmed"}"#)
            let docket = try await Walk.docket(app, number)
            let decided = try #require(docket.last { $0.type == .reviewDecided })
            #expect(decided.payload["outcome"]?.textValue == "confirmed" && decided.payload["votes"]?.textValue == "3 confirmed, 1 new hearing, of 5 Directors")
            #expect(docket.contains { $0.parsed.notice == .reviewDecision })
            let ledger = try await AwardFinalityTests.ledger(app, number)
            #expect(ledger.balance(.reviewDepositHeld) == 0 && ledger.balance(.treasury) == RuleProfiles.nar.proceduralReviewDepositCents)
            #expect(try await AwardFinalityTests.deadline(app, cast, number, .suitNotice)?.dueOn == "2026-11-09", "a2.25: 15 days after the confirmation")
        }
    }
}

/// Appointment criteria per member (S3 1.3.2, 3.3): kept from the committee page with their ranges checked, shown on
/// the roster and its CSV, and used as a filter on whom the panel assistant proposes (issue 18).
@Suite("Appointment criteria")
struct AppointmentCriteriaTests {
    @Test func criteriaAreRangeCheckedAndReadAsTyped() {
        func parse(_ values: [String: String]) -> Result<AppointmentCriteria, FieldProblems> { AppointmentCriteria.parse { values[$0] ?? "" } }
        #expect(parse(["yearsRealtor": "71"]) == .failure(FieldProblems(["yearsRealtor": "Enter whole years from 0 to 70."])))
        #expect(parse(["yearsRealtor": "-1"]) == .failure(FieldProblems(["yearsRealtor": "Enter whole years from 0 to 70."])))
        #expect(parse(["yearsInRealEstate": "4.5"]) == .failure(FieldProblems(["yearsInRealEstate": "Enter whole years from 0 to 70."])))
        #expect(parse(["yearsRealtor": "12", "yearsInRealEstate": "10"])
                == .failure(FieldProblems(["yearsRealtor": "Years as a REALTOR cannot exceed years in the real estate business."])))
        #expect(parse(["states": "NC, Virginia"]) == .failure(FieldProblems(["states": "List states as two-letter codes, like NC, VA."])))
        #expect(parse(["primaryField": "farming"]) == .failure(FieldProblems(["primaryField": "Choose a field of real estate from the list."])))
        let kept = try? parse(["yearsRealtor": "70", "yearsInRealEstate": "70", "primaryField": "commercial", "states": "va nc;NC",
                               "codeOfEthicsTraining": "yes"]).get()
        #expect(kept == AppointmentCriteria(yearsRealtor: 70, yearsInRealEstate: 70, primaryField: .commercial, codeOfEthicsTraining: true, states: ["NC", "VA"]))
        #expect(kept?.summary == "70 yrs REALTOR · 70 in real estate · commercial · Code of Ethics training · knows NC, VA law")
        // What the form shows reads back as the same criteria.
        #expect(kept.map { c in try? AppointmentCriteria.parse { c.formValues[$0] ?? "" }.get() } == kept)
    }

    @Test func theFilterAdmitsOnlyMembersWhoMeetEveryPart() {
        let seasoned = AppointmentCriteria(yearsRealtor: 12, yearsInRealEstate: 15, primaryField: .residential, secondaryField: .commercial, states: ["NC"])
        let (filter, ignored) = CriteriaFilter.parse { ["minYearsRealtor": "12", "field": "commercial", "state": "nc", "position": "principal", "minYearsInRealEstate": "99"][$0] ?? "" }
        #expect(ignored == ["years in real estate must be 0 to 70"])
        #expect(filter.admits(seasoned, isPrincipal: true))
        #expect(!filter.admits(seasoned, isPrincipal: false), "a non-principal")
        #expect(!filter.admits(AppointmentCriteria(yearsRealtor: 11, yearsInRealEstate: 15, primaryField: .commercial, states: ["NC"]), isPrincipal: true), "one year short")
        #expect(!filter.admits(nil, isPrincipal: true), "nothing recorded meets a filter on criteria")
        #expect(CriteriaFilter().admits(nil, isPrincipal: false) && CriteriaFilter().isEmpty)
        #expect(filter.description == "at least 12 years as a REALTOR, works in commercial, principals, knows NC law")
    }

    @Test func staffRecordCriteriaAndTheAssistantProposesOnlyFromThoseWhoMeetTheFilter() async throws {
        try await withTestApp { app in
            let (fixture, cast, psc, number) = try await HearingWalkthroughTests.stage(app)
            _ = try await HearingWalkthroughTests.hearing(app, cast, number, "panel-list", as: cast.staff, #"{"effectiveOn":"2026-10-01"}"#)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            _ = try await staff.get("/a/home/committee")
            func seat(_ person: UUID) async throws -> String {
                try #require(try await CommitteeSeat.query(on: app.db).filter(\.$person.$id == person).first()?.requireID()).uuidString
            }
            // Out of range: refused beside the member, with what was typed kept in the open form.
            let refused = try await staff.post("/a/home/committee/\(try await seat(psc.gamma))/criteria",
                                               form: ["yearsRealtor": "80", "yearsInRealEstate": "20", "otherTraining": "Mediation certificate"])
            #expect(refused.status == .unprocessableEntity)
            let body = refused.body.string
            #expect(body.contains("Casey Panelist: Enter whole years from 0 to 70.") && body.contains("value=\"80\"") && body.contains("Mediation certificate"))
            // Three commercial members; Avery (chair, Alpha) also knows NC law.
            for (person, years) in [(psc.chair, "20"), (psc.gamma, "14"), (psc.epsilon, "9")] {
                let saved = try await staff.post("/a/home/committee/\(try await seat(person))/criteria",
                                                 form: ["yearsRealtor": years, "yearsInRealEstate": years, "primaryField": "commercial", "states": "NC"])
                #expect(saved.status == .seeOther)
            }
            let roster = try await staff.get("/a/home/committee").body.string
            #expect(roster.contains("20 yrs REALTOR · 20 in real estate · commercial · knows NC law"))
            let csv = try await staff.get("/a/home/committee.csv").body.string
            #expect(csv.contains("years_realtor") && csv.contains(",14,14,commercial,"))
            let api = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/committee", headers: fixture.bearer("staff@home.test"))
                .content.decode([APIModel.CommitteeSeatOut].self)
            #expect(api.first { $0.personId == psc.gamma }?.criteria?.yearsRealtor == 14 && api.first { $0.personId == psc.beta }?.criteria == nil)
            // The assistant proposes only from members who meet the filter; the rest are marked, not hidden.
            let chair = Browser(app)
            _ = try await chair.signIn("avery-home@test")
            let filtered = try await chair.get("/a/home/cases/\(number)/hearing?field=commercial&minYearsRealtor=9").body.string
            #expect(filtered.contains("now: at least 9 years as a REALTOR, works in commercial"))
            let proposed = try #require(filtered.range(of: "A panel that passes every rule is ticked: <strong>").map { filtered[$0.upperBound...].prefix(while: { $0 != "<" }) })
            #expect(["Avery", "Casey", "Gale"].allSatisfy { proposed.contains("\($0) Panelist") } && !proposed.contains("Blake") && !proposed.contains("Finley"),
                    "\(proposed)")
            #expect(filtered.components(separatedBy: "outside the filter").count - 1 == 4, "Blake, Drew, Emery and Finley are marked, still listed")
            // Two members meet a stricter filter: too few for a panel, and the page says so.
            let none = try await chair.get("/a/home/cases/\(number)/hearing?field=commercial&minYearsRealtor=10").body.string
            #expect(none.contains("No panel that passes every rule can be drawn from the members who meet the filter"))
        }
    }
}

/// The mediation officer least loaded this year is listed first, with the count (issue 18, S3 §8).
@Suite("Mediation officers: load")
struct MediatorLoadTests {
    @Test func theLeastLoadedOfficerIsListedFirst() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await ArbitrationHearingTests.cast(app, fixture, fixture.home, staffEmail: "staff@home.test")
            // A second officer, Abe, who mediated two disputes this year; Mona none.
            let abe = Person(associationID: try fixture.home.requireID(), kind: .member, firstName: "Abe", lastName: "Arbiter")
            try await abe.create(on: app.db)
            _ = try await Fixture.login(app, email: "abe@home.test", role: .mediator, in: fixture.home, person: abe.requireID())
            for sequence in [8001, 8002] {
                let earlier = CaseRecord(associationID: try fixture.home.requireID(), kind: "mediation", year: 2026, sequence: sequence,
                                         number: "M-2026-\(sequence)", title: "Earlier", status: "settled")
                earlier.openedOn = "2026-06-01"
                try await earlier.create(on: app.db)
                try await PanelSeat(associationID: try fixture.home.requireID(), caseID: earlier.requireID(), personID: abe.requireID(),
                                    seat: PanelSeat.mediatorSeat).create(on: app.db)
            }
            let number = try await ArbitrationHearingTests.requestedAndAgreed(app, cast)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let page = try await staff.get("/a/home/cases/\(number)").body.string
            let mona = try #require(page.range(of: "Mona Mediator — 0 mediations in 12 months"))
            let abeRow = try #require(page.range(of: "Abe Arbiter — 2 mediations in 12 months"))
            #expect(mona.lowerBound < abeRow.lowerBound)
            // The roster of mediation officers shows the same load.
            try await CommitteeSeat(associationID: try fixture.home.requireID(), personID: abe.requireID(), committee: CommitteeBody.mediators.rawValue,
                                    trainingThrough: nil).create(on: app.db)
            let roster = try await staff.get("/a/home/committee").body.string
            #expect(roster.contains("Mediations, 12 months") && roster.contains(#"data-label="Mediations, 12 months" class="num">2<"#))
        }
    }
}

/// Under a regional agreement the appeal panels are the appendix's (issue 18; appendix (5)(b), (c); a2.36): a
/// procedural review by five members of the shared Professional Standards Committee who did not sit on the hearing
/// panel, each voting in their own name; a dismissal appeal by five Directors of the signatory Boards.
@Suite("Regional appeal panels")
struct RegionalAppealPanelTests {
    typealias Walk = ArbitrationHearingTests

    @Test func aProceduralReviewIsDecidedByPSCMembersWhoDidNotHearIt() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            try await fixture.joinInARegionalAgreement(app)
            let cast = try await Walk.cast(app, fixture, fixture.home, staffEmail: "staff@home.test")
            let number = try await AwardFinalityTests.awarded(app, cast, amount: "48,000")
            try await Walk.step(app, cast, number, "review-request", as: cast.respondent,
                                #"{"effectiveOn":"2026-10-10","defect":"bias","explanation":"The chair had listed the claimant's property."}"#)
            // A PSC member of Other joins the shared committee: with Home's four who did not sit, five.
            let otherID = try fixture.other.requireID()
            let olive = Person(associationID: otherID, kind: .member, firstName: "Olive", lastName: "Other")
            try await olive.create(on: app.db)
            try await Membership(associationID: otherID, personID: olive.requireID(), memberNumber: "OT-P1", membershipType: "realtor",
                                 isPrincipal: true, firmID: nil, officeID: nil).create(on: app.db)
            try await CommitteeSeat(associationID: otherID, personID: olive.requireID(), trainingThrough: "2027-06-30").create(on: app.db)
            let c = cast.committee
            let president = try await Fixture.login(app, email: "president@home.test", role: .president, in: fixture.home, person: nil)
            func ids(_ people: [UUID]) -> String { people.map { "\"\($0)\"" }.joined(separator: ",") }
            // The chair heard it (b7.4); the Board is not the pool here.
            let board = try await HearingWalkthroughTests.board(app, association: fixture.home)
            let refused = try await Walk.step(app, cast, number, "directors-panel", as: president,
                                              #"{"effectiveOn":"2026-10-12","directorIds":[\#(ids([c.chair, c.beta, c.alphaTwo, c.delta, board[0]]))]}"#,
                                              expect: .unprocessableEntity)
            #expect(refused.body.string.contains("director_sat_on_hearing_panel") && refused.body.string.contains("the shared Professional Standards Committee"))
            let panel = [c.beta, c.alphaTwo, c.delta, c.lapsed, try olive.requireID()]
            try await Walk.step(app, cast, number, "directors-panel", as: president, #"{"effectiveOn":"2026-10-12","directorIds":[\#(ids(panel))]}"#)
            // A PSC member on it reaches the case and votes in their own name; one who heard the case reaches it but may not vote.
            let blake = c.betaLogin
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)", headers: blake).status == .ok)
            let gale = c.epsilonLogin
            try await Walk.step(app, cast, number, "directors-vote", as: gale, #"{"vote":"confirmed"}"#, expect: .unprocessableEntity, code: "not_on_directors_panel")
            var logins = [blake]
            for (index, person) in [c.alphaTwo, c.delta].enumerated() {
                logins.append(try await Fixture.login(app, email: "appeal\(index)@home.test", role: .psc, in: fixture.home, person: person))
            }
            for login in logins { try await Walk.step(app, cast, number, "directors-vote", as: login, #"{"effectiveOn":"2026-10-25","vote":"confirmed"}"#) }
            let decided = try #require(try await Walk.docket(app, number).last { $0.type == .reviewDecided })
            #expect(decided.payload["outcome"]?.textValue == "confirmed" && decided.payload["votes"]?.textValue == "3 confirmed, of 5 members of the regional appeal panel")
        }
    }
}

/// A committee member who is a party to another pending case with a party to this one may not sit (b7.2): a related
/// matter, found from the parties of open cases, explained beside them in the panel assistant.
@Suite("Conflicts: a party to a related pending case")
struct RelatedCaseConflictTests {
    @Test func aMemberWhoIsAPartyToAnotherPendingCaseWithAPartyMayNotSit() async throws {
        try await withTestApp { app in
            let (fixture, cast, psc, number) = try await HearingWalkthroughTests.stage(app)
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first())
            let respondent = try #require(try await CaseParty.query(on: app.db).filter(\.$caseRecord.$id == record.requireID())
                .filter(\.$role == "respondent").first()).$person.id
            // Gale filed her own complaint against the same respondent; it is still pending.
            let other = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases", headers: fixture.bearer("staff@home.test")) { req in
                try req.content.encode(APIModel.NewCase(kind: "ethics", title: "Panelist v. Respondent", openedOn: "2026-03-02", summary: nil,
                                                        parties: [.init(personId: psc.epsilon, role: "complainant"), .init(personId: respondent, role: "respondent")]))
            }
            #expect(other.status == .created)
            let state = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/hearing", headers: cast.staff)
                .content.decode(APIModel.HearingOut.self)
            #expect(state.candidates.first { $0.personId == psc.epsilon }?.exclusions.map(\.code) == ["party_in_related_case"])
            #expect(state.candidates.first { $0.personId == psc.delta }?.exclusions.isEmpty == true)
            // Once that case is closed it no longer stands in the way.
            let otherNumber = try other.content.decode(APIModel.CaseOut.self).number
            let closed = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(otherNumber)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"case.closed","effectiveOn":"2026-03-03","payload":{"reason":"Withdrawn by agreement."}}"#)
            }
            #expect(closed.status == .created, "\(closed.body.string)")
            let after = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/hearing", headers: cast.staff)
                .content.decode(APIModel.HearingOut.self)
            #expect(after.candidates.first { $0.personId == psc.epsilon }?.exclusions.isEmpty == true)
        }
    }
}
