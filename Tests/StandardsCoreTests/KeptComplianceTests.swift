import Foundation
import Testing
@testable import StandardsCore

/// The worklist reads discipline from a read model kept at final action (issue 12); on every later day it must say
/// what `DisciplineCompliance.items` says that day.
@Suite("Kept discipline reads back as derived")
struct KeptComplianceTests {
    static func docket(_ discipline: String, _ extra: [(DocketEntryType, String, Payload)] = []) -> [DocketEntry] {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-01")])
        docket.add(.hearingHeld, "2026-06-01")
        docket.add(.decisionFiled, "2026-06-02", ["outcome": .text("violation"), "discipline": .text(discipline)])
        docket.add(.finalAction, "2026-07-17", ["action": .text("adopted"), "complianceDays": .text("20"), "automaticPenalty": .text("suspension: 30 days")])
        for (type, date, payload) in extra { docket.add(type, date, payload) }
        return docket.entries
    }

    static let cases: [[DocketEntry]] = [
        docket("reprimand; course: Code of Ethics; fine: 500.00; suspension: 30 days"),
        docket("fine: 250.00", [(.disciplineCompliance, "2026-08-01", ["event": .text("fine-paid"), "amountCents": .integer(25_000)])]),
        docket("course: Arbitration", [(.disciplineCompliance, "2026-08-21", ["event": .text("abeyance")])]),
        docket("fine: 100.00", [(.disciplineCompliance, "2026-08-21", ["event": .text("abeyance")]),
                                (.disciplineCompliance, "2027-01-04", ["event": .text("revived")])]),
    ]

    @Test(arguments: 0..<cases.count)
    func everyLaterDayReadsAsDerived(index: Int) {
        let docket = Self.cases[index]
        for profile in [RuleProfiles.nar, RuleProfiles.obar] {
            let kept = DisciplineCompliance.kept(docket, profile: profile)
            var day = CivilDate("2026-07-17")!
            while day < CivilDate("2027-03-01")! {
                let derived = DisciplineCompliance.items(docket, profile: profile, asOf: day)
                for item in kept {
                    #expect(item.item(asOf: day) == derived[item.position], "\(item.sanction) on \(day)")
                }
                // Everything the worklist lists that day is kept.
                let listed = derived.enumerated().filter { $0.element.isOutstanding || $0.element.status == .heldInAbeyance }.map(\.offset)
                #expect(Set(listed).isSubset(of: Set(kept.map(\.position))), "\(day)")
                day = day.adding(days: 3)
            }
        }
    }

    @Test func theUnpaidFineTurnsOverdueTheDayAfterItsDate() {
        let kept = DisciplineCompliance.kept(Self.cases[0], profile: .nar)
        let fine = kept.first { $0.sanction.hasPrefix("fine") }
        #expect(fine?.dueOn?.description == "2026-08-06")
        #expect(fine?.item(asOf: CivilDate("2026-08-06")!).status == .due)
        #expect(fine?.item(asOf: CivilDate("2026-08-07")!).status == .overdue)
        #expect(fine?.item(asOf: CivilDate("2026-08-07")!).note.contains("automatic penalty applies") == true)
    }
}
