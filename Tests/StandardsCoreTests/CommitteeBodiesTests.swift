import Foundation
import Testing
@testable import StandardsCore

/// The bodies that hear cases, at the edges of their rules (issue 18; S3 3.2–3.3, appendix (4); a2.7, a2.9, a2.36).
@Suite("Committee bodies: sizes, make-up, terms, training")
struct CommitteeBodiesTests {
    let today = CivilDate("2026-11-30")!
    func members(_ count: Int, association: String = "OBAR", realtor: Bool = true, subpanel: Int? = nil, trained: String = "2027-06-30") -> [RosterMember] {
        (0..<count).map { RosterMember(name: "\(association) \(realtor ? "R" : "N")\(subpanel ?? 0)-\($0)", association: association, isRealtor: realtor, isChair: $0 == 0,
                                       subpanel: subpanel, trainingCurrentThrough: CivilDate(trained)) }
    }
    func codes(_ body: CommitteeBody, _ members: [RosterMember], profile: RuleProfile = .obar, signatories: [String]? = nil) -> Set<String> {
        Set(RosterWarnings.check(body, members: members, composition: profile.composition(of: body), signatories: signatories, today: today).map(\.code))
    }

    @Test func obarsGrievanceCommitteeIsTwelveRealtorsInTwoPanelsOfSixEachWithAChair() {
        let full = members(6, subpanel: 1) + members(6, subpanel: 2)
        #expect(codes(.grievance, full).isEmpty)
        // Eleven: below the minimum, and panel 2 short.
        #expect(codes(.grievance, Array(full.dropLast())) == ["below_minimum", "subpanel_short"])
        // A non-REALTOR in place of one member (a2.7: all REALTORs).
        var mixed = full
        mixed[11].isRealtor = false
        #expect(codes(.grievance, mixed) == ["not_realtors"])
        // A panel whose chair stepped down has none (S3 3.2.1).
        var chairless = full
        chairless[6].isChair = false
        #expect(codes(.grievance, chairless) == ["subpanel_no_chair"])
    }

    @Test func obarsPSCIsTwentyOneWithAMajorityOfRealtors() {
        let realtors = members(11), others = members(10, realtor: false).map { var m = $0; m.isChair = false; return m }
        #expect(codes(.psc, realtors + others).isEmpty)
        // 10 of 20 is not a majority, and 20 is below 21.
        #expect(codes(.psc, Array(realtors.dropLast()) + others) == ["below_minimum", "not_majority_realtors"])
        // NAR leaves the size to the association: no minimum is checked.
        #expect(codes(.psc, Array(realtors.prefix(3)), profile: .nar).isEmpty)
    }

    @Test func aRegionalCommitteeNeedsItsMinimumAndEnoughFromEachSignatory() {
        let signatories = ["OBAR", "Albemarle"]
        // PSC: at least nine, two from each signatory (appendix (4)(b)).
        let psc = members(7) + members(1, association: "Albemarle").map { var m = $0; m.isChair = false; return m }
        #expect(codes(.psc, psc, signatories: signatories) == ["below_regional_minimum", "signatory_short"])
        #expect(codes(.psc, psc + members(1, association: "Albemarle").map { var m = $0; m.isChair = false; return m }, signatories: signatories).isEmpty)
        // GC: at least three, one from each (appendix (4)(a)); the local rule of twelve does not apply to the joint committee.
        #expect(codes(.grievance, members(2) + members(1, association: "Albemarle"), signatories: signatories).isEmpty)
        #expect(codes(.grievance, members(3), signatories: signatories) == ["signatory_short"])
    }

    @Test func trainingByTheEndOfTheSecondQuarterCertifiedTrainersExempt() {
        // Trained in March 2026: eligible through 30 June 2027, not a day more (S3 3.2, a2.7).
        let through = CommitteeTraining.currentThrough(trainedOn: CivilDate("2026-03-15")!)
        #expect(through == CivilDate("2027-06-30"))
        #expect(CommitteeTraining.eligible(on: CivilDate("2027-06-30")!, currentThrough: through, certifiedTrainer: false))
        #expect(!CommitteeTraining.eligible(on: CivilDate("2027-07-01")!, currentThrough: through, certifiedTrainer: false))
        #expect(CommitteeTraining.eligible(on: CivilDate("2027-07-01")!, currentThrough: nil, certifiedTrainer: true))
        var lapsed = members(12, subpanel: nil, trained: "2026-06-30")
        for index in lapsed.indices { lapsed[index].subpanel = index < 6 ? 1 : 2; lapsed[index].isChair = index % 6 == 0 }
        #expect(codes(.grievance, lapsed) == ["training_lapsed"])
        lapsed = lapsed.map { var m = $0; m.certifiedTrainer = true; return m }
        #expect(codes(.grievance, lapsed).isEmpty)
    }

    @Test func termsAreThreeYearsStaggeredAndWarnedBeforeTheyEnd() {
        #expect(CommitteeTerms.endsOn(startingOn: CivilDate("2026-01-01")!) == CivilDate("2028-12-31"))
        #expect(CommitteeTerms.endsOn(startingOn: CivilDate("2024-02-29")!) == CivilDate("2027-02-27"))
        // A regional agreement's first nine: three each for one, two and three years (appendix (4)(c)).
        let years = CommitteeTerms.initialYears(count: 9)
        #expect([1, 2, 3].allSatisfy { y in years.filter { $0 == y }.count == 3 })
        var roster = members(11) + members(10, realtor: false).map { var m = $0; m.isChair = false; return m }
        roster[3].termEndsOn = today.adding(days: 60)   // warned: 60 days ahead
        roster[4].termEndsOn = today.adding(days: 61)   // not yet
        roster[15].termEndsOn = today.adding(days: -1)  // over: no longer counts, so the PSC falls to 20
        let warnings = RosterWarnings.check(.psc, members: roster, composition: RuleProfile.obar.composition(of: .psc), signatories: nil, today: today)
        #expect(Set(warnings.map(\.code)) == ["term_expired", "term_ending", "below_minimum"])
        #expect(warnings.first { $0.code == "term_ending" }?.message.contains(roster[3].name) == true)
        #expect(!warnings.contains { $0.message.contains(roster[4].name) })
    }
}

/// The panel assistant spreads the work (issue 18): among members who pass every rule it proposes those who sat least.
@Suite("Panel assistant: load")
struct PanelLoadTests {
    let hearing = CivilDate("2026-12-15")!

    @Test func twentyProposalsSpreadTheLoadEvenlyAndEachPassesEveryRule() throws {
        var pool = (0..<9).map { PanelCandidate(name: "Member \($0)", firm: "Firm \($0)", trainingCurrentThrough: CivilDate("2027-06-30")) }
        // One member cannot sit at all: their term ended before the hearing (S3 3.3).
        pool.append(PanelCandidate(name: "Former", firm: "Firm X", trainingCurrentThrough: CivilDate("2027-06-30")))
        pool[9].termEndsOn = CivilDate("2026-12-01")
        let context = PanelContext(partyIsNonPrincipal: false, hearingOn: hearing)
        #expect(PanelComposition.exclusions(of: pool[9], context: context).map(\.code) == ["term_ended"])
        for _ in 0..<20 {
            let panel = try #require(PanelComposition.propose(from: pool, size: 3, context: context))
            let chair = panel[0].id
            #expect(PanelComposition.check(panel, chair: chair, context: context).isEmpty)
            for member in panel { pool[pool.firstIndex { $0.id == member.id }!].recentAssignments += 1 }
        }
        let loads = pool.prefix(9).map(\.recentAssignments)
        #expect(loads.reduce(0, +) == 60 && pool[9].recentAssignments == 0)
        #expect(loads.max()! - loads.min()! <= 1, "\(loads)")
    }

    @Test func theLeastLoadedNonPrincipalIsTakenWhenOneIsNeeded() throws {
        var busy = PanelCandidate(name: "Busy non-principal", firm: "A", isPrincipal: false, trainingCurrentThrough: CivilDate("2027-06-30"))
        busy.recentAssignments = 5
        let idle = PanelCandidate(name: "Idle non-principal", firm: "B", isPrincipal: false, trainingCurrentThrough: CivilDate("2027-06-30"))
        let principals = (0..<3).map { PanelCandidate(name: "Principal \($0)", firm: "P\($0)", isPrincipal: true, trainingCurrentThrough: CivilDate("2027-06-30")) }
        let panel = try #require(PanelComposition.propose(from: [busy, idle] + principals, size: 3, context: PanelContext(partyIsNonPrincipal: true, hearingOn: hearing)))
        #expect(panel.contains(idle) && !panel.contains(busy))
    }
}
