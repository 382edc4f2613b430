import Foundation
import Testing
@testable import StandardsCore

/// A panel of Directors decides every matter before the Board by its members' own votes (issue 18; S3 1.3.1, a1.10,
/// a1.27, b3.9, b4.3): the matter waiting, the panel, the majority, and the decision entered as theirs.
@Suite("Directors' panels for every matter")
struct DirectorsPanelTests {
    static let board = (1...6).map { NamedPerson(id: UUID(), name: "Director \($0)") }

    static func facts(as person: UUID? = nil) -> StepFacts {
        var facts = StepFacts(profile: RuleProfiles.nar)
        facts.board = board
        facts.boardQuorum = 8
        facts.bothParties = "Clara Complainant; Ross Respondent"
        facts.actor = person.map { StepActor(personID: $0) } ?? StepActor(isStaff: true)
        return facts
    }

    static func view(_ docket: [DocketEntry], on day: String) -> StepView {
        StepView(kind: .ethics, docket: docket, today: CivilDate(day)!, deadlines: [])
    }

    /// Takes a step on the docket; the entries it appends, or its refusal codes.
    static func take<S: CaseStep>(_ step: S.Type, _ json: String, on docket: inout DocketBuilder, day: String, as person: UUID? = nil) -> Result<[ProposedEntry], StepRefusals> {
        let view = view(docket.entries, on: day)
        if let refusal = S.availability(view) { return .failure(StepRefusals([refusal])) }
        let input = try! JSONDecoder().decode(S.Input.self, from: Data(json.utf8))
        let result = S.decide(input, on: CivilDate(day)!, view: view, facts: facts(as: person))
        if case .success(let entries) = result { for entry in entries { docket.add(entry.type, day, entry.payload) } }
        return result
    }

    static func codes(_ result: Result<[ProposedEntry], StepRefusals>) -> [String] {
        if case .failure(let refusals) = result { return refusals.all.map(\.code) }
        return []
    }

    @Test func anEthicsAppealIsDecidedByTheVotesOfTheDirectorsWhoHeardIt() throws {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-01")])
        docket.add(.hearingHeld, "2026-06-01")
        docket.add(.decisionFiled, "2026-06-02", ["outcome": .text("violation"), "discipline": .text("reprimand; fine: 1500.00")])
        #expect(DirectorsMatter.pending(kind: .ethics, docket: docket.entries) == nil, "nothing before the Board until an appeal")
        docket.add(.appealFiled, "2026-06-20", ["basis": .text("The fine is out of proportion."), "appellant": .text("respondent"), "grounds": .text("discipline")])
        #expect(DirectorsMatter.pending(kind: .ethics, docket: docket.entries)?.matter == .ethicsAppeal)
        #expect(CaseProjection.build(kind: .ethics, docket: docket.entries).directorsMatterPending)

        // The President appoints five (a1.27: five, or a quorum if less); the Directors vote only once they have heard it.
        let five = Self.board.prefix(5).map(\.id)
        let list = five.map { "\"\($0)\"" }.joined(separator: ",")
        #expect(Self.codes(Self.take(DirectorsPanelSteps.Appoint.self, #"{"directorIds":[\#(five.prefix(4).map { "\"\($0)\"" }.joined(separator: ","))]}"#,
                                      on: &docket, day: "2026-06-25")) == ["appeal_panel_too_small"])
        _ = try Self.take(DirectorsPanelSteps.Appoint.self, #"{"directorIds":[\#(list)]}"#, on: &docket, day: "2026-06-25").get()
        #expect(Self.codes(Self.take(DirectorsPanelSteps.Vote.self, #"{"vote":"adopted"}"#, on: &docket, day: "2026-06-26", as: five[0])) == ["appeal_not_heard"])
        // Heard with no names given: the appointed panel sat.
        docket.add(.appealHearingScheduled, "2026-06-26", ["hearingOn": .text("2026-07-15")])
        _ = try Self.take(AppealSteps.Heard.self, #"{"directors":[]}"#, on: &docket, day: "2026-07-15").get()
        #expect(docket.entries.last?.payload["directorIds"]?.textValue == five.map(\.uuidString).joined(separator: ","))
        #expect(Self.codes(Self.take(DirectorsPanelSteps.Appoint.self, #"{"directorIds":[\#(list)]}"#, on: &docket, day: "2026-07-15")) == ["appeal_heard"])

        // A vote outside the matter's choices, and a sixth Director's, are refused.
        #expect(Self.codes(Self.take(DirectorsPanelSteps.Vote.self, #"{"vote":"reinstated"}"#, on: &docket, day: "2026-07-16", as: five[0])) == ["vote_required"])
        #expect(Self.codes(Self.take(DirectorsPanelSteps.Vote.self, #"{"vote":"adopted"}"#, on: &docket, day: "2026-07-16", as: Self.board[5].id)) == ["not_on_directors_panel"])
        _ = try Self.take(DirectorsPanelSteps.Vote.self, #"{"vote":"modified"}"#, on: &docket, day: "2026-07-16", as: five[0]).get()
        _ = try Self.take(DirectorsPanelSteps.Vote.self, #"{"vote":"adopted"}"#, on: &docket, day: "2026-07-16", as: five[1]).get()
        // Staff may not record the action while the panel is still voting.
        let act = #"{"action":"adopted"}"#
        #expect(Self.codes(Self.take(DirectorsSteps.Act.self, act, on: &docket, day: "2026-07-16")) == ["panel_still_voting"])
        _ = try Self.take(DirectorsPanelSteps.Vote.self, #"{"vote":"modified"}"#, on: &docket, day: "2026-07-17", as: five[2]).get()
        #expect(!docket.entries.contains { $0.type == .directorsDecided }, "two of five is not a majority")
        let deciding = try Self.take(DirectorsPanelSteps.Vote.self, #"{"vote":"modified"}"#, on: &docket, day: "2026-07-17", as: five[3]).get()
        #expect(deciding.map(\.type) == [.directorVoted, .directorsDecided])
        let decided = try #require(docket.entries.last)
        #expect(decided.payload["outcome"]?.textValue == "modified" && decided.payload["votes"]?.textValue == "1 adopted, 3 modified, of 5 Directors")
        // Decided: the fifth Director's vote is no longer taken, and staff record the panel's action, not another.
        #expect(Self.codes(Self.take(DirectorsPanelSteps.Vote.self, #"{"vote":"adopted"}"#, on: &docket, day: "2026-07-17", as: five[4])) == ["panel_decided"])
        #expect(Self.codes(Self.take(DirectorsSteps.Act.self, act, on: &docket, day: "2026-07-17")) == ["panel_decided_otherwise"])
        _ = try Self.take(DirectorsSteps.Act.self, #"{"action":"modified","discipline":"reprimand; fine: 500.00","depositDisposition":"to-treasury"}"#,
                          on: &docket, day: "2026-07-17").get()
        #expect(DirectorsMatter.pending(kind: .ethics, docket: docket.entries) == nil)
        #expect(!CaseProjection.build(kind: .ethics, docket: docket.entries).directorsMatterPending)
    }

    @Test func aMajorityIsOfThePanelsMembersNotOfTheVotesCast() {
        let ids = (0..<5).map { _ in UUID() }
        func panel(_ choices: [String]) -> DirectorsPanel {
            DirectorsPanel(matter: .proceduralReview, ids: ids, names: ids.map { _ in "D" },
                           votes: choices.enumerated().map { .init(id: ids[$0.offset], name: "D", choice: $0.element) }, votingOpen: true)
        }
        #expect(panel(["confirmed", "confirmed"]).majority() == nil)
        #expect(panel(["confirmed", "confirmed"]).majority(adding: "confirmed") == "confirmed")
        #expect(panel(["confirmed", "new-hearing", "new-hearing"]).majority(adding: "confirmed") == nil, "2–2 of five decides nothing")
        #expect(panel(["confirmed", "new-hearing"]).awaiting == Array(ids.suffix(3)))
        // Four Directors (a quorum of seven): three decide.
        let four = DirectorsPanel(matter: .dismissalAppeal, ids: Array(ids.prefix(4)), names: [], votes: [
            .init(id: ids[0], name: "", choice: "confirmed"), .init(id: ids[1], name: "", choice: "confirmed")], votingOpen: true)
        #expect(four.majority() == nil && four.majority(adding: "confirmed") == "confirmed")
    }
}

/// A respondent who left with no other membership: the case goes on to a final decision here, and its discipline is
/// held in abeyance from final action until they rejoin (S4 (14), a1.12).
@Suite("Resignation mid-case: discipline in abeyance")
struct ResignationAbeyanceTests {
    static func decided(resigned: Bool) -> DocketBuilder {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-01")])
        if resigned { docket.add(.respondentResigned, "2026-04-01", ["endedOn": .text("2026-03-30"), "disposition": .text("continues")]) }
        docket.add(.hearingHeld, "2026-06-01")
        docket.add(.decisionFiled, "2026-06-02", ["outcome": .text("violation"), "discipline": .text("fine: 500.00")])
        docket.notice(.decision, "2026-06-03", received: "2026-06-05")
        return docket
    }

    @Test(arguments: [true, false])
    func disciplineWaitsOnlyForARespondentWhoLeft(resigned: Bool) throws {
        var docket = Self.decided(resigned: resigned)
        let entries = try DirectorsPanelTests.take(DirectorsSteps.Act.self, #"{"action":"adopted"}"#, on: &docket, day: "2026-07-01").get()
        let held = entries.first { $0.type == .disciplineCompliance && $0.payload["event"]?.textValue == "abeyance" }
        #expect((held != nil) == resigned)
        if resigned {
            #expect(held?.payload["note"]?.textValue?.contains("2026-03-30") == true)
            // Nothing is due while it waits.
            let items = DisciplineCompliance.items(docket.entries, profile: RuleProfiles.nar, asOf: CivilDate("2026-09-01")!)
            #expect(!items.isEmpty && items.allSatisfy { !$0.isOutstanding })
        }
        // A dismissal imposes nothing to hold.
        var dismissed = Self.decided(resigned: resigned)
        let none = try DirectorsPanelTests.take(DirectorsSteps.Act.self, #"{"action":"dismissed"}"#, on: &dismissed, day: "2026-07-01").get()
        #expect(!none.contains { $0.type == .disciplineCompliance })
    }
}

/// The Executive Committee may decide a dismissal or an ethics appeal in the Directors' place (S4 (11), (32)); its
/// members who reviewed the complaint step aside (b7.4); other matters go to Directors only (a2.27, b4.3).
@Suite("The Executive Committee in the Directors' place")
struct ExecutiveCommitteeTests {
    @Test func theExecutiveCommitteeDecidesLessThoseWhoReviewedIt() throws {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-01")])
        docket.add(.gcDismissed, "2026-03-20", ["reason": .text("unworthy")])
        docket.add(.dismissalAppealed, "2026-03-30", ["explanation": .text("Wrong.")])
        let officers = (1...3).map { NamedPerson(id: UUID(), name: "Officer \($0)") }
        var facts = DirectorsPanelTests.facts()
        facts.executiveCommittee = officers
        facts.gcReviewers = [officers[2].id]
        let view = DirectorsPanelTests.view(docket.entries, on: "2026-04-02")
        let input = try JSONDecoder().decode(DirectorsPanelSteps.Appoint.Input.self, from: Data(#"{"body":"executive"}"#.utf8))
        let entries = try DirectorsPanelSteps.Appoint.decide(input, on: CivilDate("2026-04-02")!, view: view, facts: facts).get()
        #expect(entries.first?.payload["directorIds"]?.textValue == officers.prefix(2).map(\.id.uuidString).joined(separator: ","))
        #expect(entries.first?.payload["body"]?.textValue == "executive")
        // Two of them decide: the second agreeing vote is the majority.
        for entry in entries { docket.add(entry.type, "2026-04-02", entry.payload) }
        _ = try DirectorsPanelTests.take(DirectorsPanelSteps.Vote.self, #"{"vote":"confirmed"}"#, on: &docket, day: "2026-04-03", as: officers[0].id).get()
        let decided = try DirectorsPanelTests.take(DirectorsPanelSteps.Vote.self, #"{"vote":"confirmed"}"#, on: &docket, day: "2026-04-03", as: officers[1].id).get()
        #expect(decided.last?.type == .dismissalAppealDecided && decided.last?.payload["votes"]?.textValue == "2 confirmed, of 2 members of the Executive Committee")

        // With no one left, or for a matter only Directors decide, it is refused.
        facts.gcReviewers = Set(officers.map(\.id))
        var fresh = DocketBuilder()
        for entry in docket.entries.prefix(3) { fresh.add(entry.type, entry.effectiveOn.description, entry.payload) }
        let refused = DirectorsPanelSteps.Appoint.decide(input, on: CivilDate("2026-04-02")!, view: DirectorsPanelTests.view(fresh.entries, on: "2026-04-02"), facts: facts)
        #expect(DirectorsPanelTests.codes(refused) == ["no_executive_committee"])
        #expect(DirectorsMatter.proceduralReview.executiveCommitteeMayDecide == false && DirectorsMatter.classificationChallenge.executiveCommitteeMayDecide == false)
    }

    @Test func theExecutiveCommitteeHearsAnEthicsAppealAsAppointed() throws {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-01")])
        docket.add(.hearingHeld, "2026-06-01")
        docket.add(.decisionFiled, "2026-06-02", ["outcome": .text("violation"), "discipline": .text("reprimand")])
        docket.add(.appealFiled, "2026-06-20", ["basis": .text("Too harsh."), "appellant": .text("respondent"), "grounds": .text("discipline")])
        let officers = (1...3).map { NamedPerson(id: UUID(), name: "Officer \($0)") }
        var facts = DirectorsPanelTests.facts()
        facts.executiveCommittee = officers
        let input = try JSONDecoder().decode(DirectorsPanelSteps.Appoint.Input.self, from: Data(#"{"body":"executive"}"#.utf8))
        for entry in try DirectorsPanelSteps.Appoint.decide(input, on: CivilDate("2026-06-25")!, view: DirectorsPanelTests.view(docket.entries, on: "2026-06-25"), facts: facts).get() {
            docket.add(entry.type, "2026-06-25", entry.payload)
        }
        docket.add(.appealHearingScheduled, "2026-06-26", ["hearingOn": .text("2026-07-15")])
        // Three officers are fewer than a Directors' panel of five, yet the Committee sits as appointed.
        let heard = try DirectorsPanelTests.take(AppealSteps.Heard.self, #"{"directors":[]}"#, on: &docket, day: "2026-07-15").get()
        #expect(heard.first?.payload["directorIds"]?.textValue == officers.map(\.id.uuidString).joined(separator: ","))
        #expect(DirectorsPanel.current(kind: .ethics, docket: docket.entries)?.summary.hasPrefix("The Executive Committee decides") == true)
    }
}

/// Under a regional agreement a dismissal appeal goes to five Directors of the signatory Boards (appendix (5)(b)).
@Suite("Regional appeal panels: the pool")
struct RegionalPoolTests {
    @Test func aDismissalAppealIsHeardByFiveDirectorsOfTheSignatoryBoards() throws {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-01")])
        docket.add(.gcDismissed, "2026-03-20", ["reason": .text("unworthy")])
        docket.add(.dismissalAppealed, "2026-03-30", ["explanation": .text("Wrong.")])
        let theirs = (1...3).map { NamedPerson(id: UUID(), name: "Albemarle Director \($0)") }
        var facts = DirectorsPanelTests.facts()
        facts.regionalAgreement = "OBAR–Albemarle agreement"
        facts.signatoryBoards = Array(DirectorsPanelTests.board.prefix(2)) + theirs
        let view = DirectorsPanelTests.view(docket.entries, on: "2026-04-02")
        func appoint(_ people: [NamedPerson]) -> Result<[ProposedEntry], StepRefusals> {
            let json = #"{"directorIds":[\#(people.map { "\"\($0.id)\"" }.joined(separator: ","))]}"#
            return DirectorsPanelSteps.Appoint.decide(try! JSONDecoder().decode(DirectorsPanelSteps.Appoint.Input.self, from: Data(json.utf8)),
                                                      on: CivilDate("2026-04-02")!, view: view, facts: facts)
        }
        let appointed = try appoint(facts.signatoryBoards).get()
        #expect(appointed.first?.payload["body"]?.textValue == "regional")
        // Someone not on a signatory Board is refused; four are too few.
        #expect(DirectorsPanelTests.codes(appoint(Array(facts.signatoryBoards.prefix(4)) + [DirectorsPanelTests.board[4]])) == ["not_a_director"])
        #expect(DirectorsPanelTests.codes(appoint(Array(facts.signatoryBoards.prefix(4)))) == ["appeal_panel_too_small"])
    }
}

/// A complaint that a member refused to arbitrate goes straight to the Directors (a1.34): a panel answers the one
/// question by its members' votes.
@Suite("Directors' panels: a refusal to arbitrate")
struct RefusalToArbitratePanelTests {
    @Test func thePanelAnswersTheOneQuestion() throws {
        var docket = DocketBuilder()
        docket.add(.refusalToArbitrateFiled, "2026-11-02", ["arbitrationCase": .text("A-2026-0003"), "question": .text("Did Rita refuse?")])
        #expect(DirectorsMatter.pending(kind: .ethics, docket: docket.entries)?.matter == .refusalToArbitrate)
        let five = DirectorsPanelTests.board.prefix(5).map(\.id)
        _ = try DirectorsPanelTests.take(DirectorsPanelSteps.Appoint.self, #"{"directorIds":[\#(five.map { "\"\($0)\"" }.joined(separator: ","))]}"#,
                                         on: &docket, day: "2026-11-05").get()
        #expect(DirectorsPanelTests.codes(DirectorsPanelTests.take(DirectorsPanelSteps.Vote.self, #"{"vote":"confirmed"}"#, on: &docket, day: "2026-11-10", as: five[0]))
                == ["vote_required"])
        for director in five.prefix(3) {
            _ = try DirectorsPanelTests.take(DirectorsPanelSteps.Vote.self, #"{"vote":"refused"}"#, on: &docket, day: "2026-11-10", as: director).get()
        }
        let decided = try #require(docket.entries.last)
        #expect(decided.type == .refusalToArbitrateDecided && decided.payload["outcome"]?.textValue == "refused"
                && decided.payload["votes"]?.textValue == "3 refused, of 5 Directors")
        #expect(CaseProjection.build(kind: .ethics, docket: docket.entries).status == .finalAction)
        #expect(DirectorsMatter.pending(kind: .ethics, docket: docket.entries) == nil)
    }
}
