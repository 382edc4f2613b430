import Foundation
import Testing
@testable import StandardsCore

@Suite("Panel composition (a1.14, b7): every reason reported")
struct PanelCompositionTests {
    let hearing = CivilDate("2026-12-08")!
    let trained = CivilDate("2027-06-30")!

    func member(_ name: String, firm: String, realtor: Bool = true, principal: Bool = true) -> PanelCandidate {
        PanelCandidate(name: name, firm: firm, isRealtor: realtor, isPrincipal: principal, trainingCurrentThrough: trained)
    }

    @Test func aGoodPanelPasses() {
        let panel = [member("A", firm: "F1"), member("B", firm: "F2", principal: false), member("C", firm: "F3")]
        #expect(PanelComposition.check(panel, chair: panel[0].id, context: PanelContext(partyIsNonPrincipal: true, hearingOn: hearing)).isEmpty)
    }

    @Test func reportsEveryFailureNotJustTheFirst() {
        var challenged = member("D", firm: "F4")
        challenged.successfullyChallenged = true
        var untrained = member("E", firm: "F5")
        untrained.trainingCurrentThrough = CivilDate("2026-06-30")
        let panel = [member("A", firm: "F1"), member("B", firm: "F1"), member("P", firm: "F6", realtor: false), challenged, untrained, member("Q", firm: "F7", realtor: false)]
        let problems = PanelComposition.check(panel, chair: nil, context: PanelContext(partyIsNonPrincipal: true, hearingOn: hearing))
        let codes = Set(problems.map(\.code))
        #expect(codes == ["panel_even", "panel_needs_non_principal", "panel_same_firm", "challenged", "training_lapsed", "chair_missing"])
        #expect(problems.first { $0.code == "panel_same_firm" }?.rule == "b7.1")
        let minority = [member("A", firm: "F1"), member("P", firm: "F2", realtor: false), member("Q", firm: "F3", realtor: false)]
        #expect(PanelComposition.check(minority, chair: minority[0].id, context: PanelContext(partyIsNonPrincipal: false, hearingOn: hearing)).map(\.code)
                == ["panel_not_majority_realtors"])
        #expect(PanelComposition.check([member("A", firm: "F1")], chair: nil, context: PanelContext(partyIsNonPrincipal: false, hearingOn: hearing))
                .map(\.code).contains("panel_too_small"))
    }

    @Test func explainsWhyACandidateIsExcluded() {
        var candidate = member("Gina", firm: "Dune Ridge Realty")
        candidate.servedOnOtherTribunal = true
        candidate.certificateSigned = false
        let original = candidate.id
        let reasons = PanelComposition.exclusions(of: candidate, context: PanelContext(partyIsNonPrincipal: false, partyFirms: ["Dune Ridge Realty"],
                                                                                      originalPanel: [original], hearingOn: hearing))
        #expect(reasons.map(\.rule) == ["b7.2", "b7.4", "b7.4", "b7.3"])
        #expect(reasons.first?.message == "Gina: licensed with a party's firm (Dune Ridge Realty)")
    }

    @Test func proposesAPanelThatPassesEveryRule() throws {
        var related = member("R", firm: "F9")
        related.relatedToParty = true
        let pool = [member("A", firm: "F1"), member("A2", firm: "F1"), related, member("B", firm: "F2"), member("N", firm: "F3", principal: false),
                    member("P", firm: "F4", realtor: false)]
        let context = PanelContext(partyIsNonPrincipal: true, hearingOn: hearing)
        let proposed = try #require(PanelComposition.propose(from: pool, size: 3, context: context))
        #expect(PanelComposition.check(proposed, chair: proposed[0].id, context: context).isEmpty)
        #expect(proposed.contains { $0.name == "N" })
        #expect(!proposed.contains { $0.name == "R" })
        #expect(PanelComposition.propose(from: [member("A", firm: "F1"), member("A2", firm: "F1")], size: 3, context: context) == nil)
    }
}
