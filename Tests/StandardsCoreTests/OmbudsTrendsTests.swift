import Testing
@testable import StandardsCore

/// Issue 17: what the Board sees of the ombuds program is counts that cannot point at anyone (S0, a3.3).
@Suite("Ombuds trends: small counts suppressed (S0, a3.3)")
struct OmbudsTrendsTests {
    func d(_ text: String) -> CivilDate { CivilDate(text)! }

    func record(_ concern: OmbudsConcern, _ outcome: OmbudsOutcome, closed: String = "2026-10-20", services: [OmbudsService] = [.information]) -> OmbudsRecord {
        OmbudsRecord(openedOn: d("2026-10-01"), closedOn: d(closed), channel: .web, concern: concern, services: services, outcome: outcome)
    }

    @Test func cellsUnderTheThresholdAreSuppressedAndALoneOneTakesAnotherWithIt() {
        let records = Array(repeating: record(.commission, .agreedPlan), count: 7) + Array(repeating: record(.conduct, .referred), count: 6)
            + [record(.lostContact, .answered)]
        let trends = OmbudsTrends(records, threshold: 5)
        func cell(_ rows: [OmbudsTrends.Row], _ key: String) -> OmbudsTrends.Cell? { rows.first { $0.key == key }?.cell }
        #expect(trends.total == .count(14))
        // One matter about lost contact is under 5: hidden; with the total shown it could be worked out from the
        // rest, so the next smallest (conduct, 6) is hidden too. Zero stays zero.
        #expect(cell(trends.byConcern, "lost-contact") == .suppressed)
        #expect(cell(trends.byConcern, "conduct") == .suppressed)
        #expect(cell(trends.byConcern, "commission") == .count(7))
        #expect(cell(trends.byConcern, "general-question") == .count(0))
        #expect(cell(trends.byOutcome, "answered") == .suppressed)
        // Services overlap (a matter may use several), so a total does not give one away: no second suppression.
        #expect(cell(trends.byService, "information") == .count(14))
        #expect(trends.medianDays == 19)
    }

    @Test func tooFewMattersShowNothingThatCouldIdentify() {
        let trends = OmbudsTrends([record(.conduct, .referred), record(.commission, .answered)], threshold: 5)
        #expect(trends.total == .suppressed)
        #expect(trends.medianDays == nil)
        #expect(trends.byConcern.allSatisfy { $0.cell == .suppressed || $0.cell == .count(0) })
        #expect(OmbudsTrends([], threshold: 5).total == .count(0))
    }

    @Test func onlyPublicTrustAllegationsEndTheMatter() {
        #expect(OmbudsException.allCases.filter(\.isPublicTrust) == [.misappropriation, .discrimination, .fraud])
        #expect(OmbudsConditions.items.count == 3)
    }
}
