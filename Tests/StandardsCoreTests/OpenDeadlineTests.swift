import Foundation
import Testing
@testable import StandardsCore

/// A read model keeps only the open deadlines of the day it was written (issue 12). On any later day, what it says
/// must be exactly what deriving the whole docket on that day says: the same deadlines open, the same status, the
/// same sentence.
@Suite("Open deadlines read back without the docket")
struct OpenDeadlineTests {
    static let profiles = ["nar", "obar"]

    @Test(arguments: profiles)
    func laterDaysReadBackAsDerived(profileName: String) {
        let profile = profileName == "obar" ? RuleProfiles.obar : RuleProfiles.nar
        var checked = 0
        for seed in 0..<24 {
            for length in 3...34 {
                let (kind, docket) = SyntheticDockets.docket(seed, entries: length)
                let written = docket.last!.effectiveOn
                let input = { (day: CivilDate) in
                    DeadlineInput(kind: kind, profile: profile, calendar: HolidayCalendar(), docket: docket, asOf: day)
                }
                let kept = DeadlineDerivation.derive(input(written)).compactMap(OpenDeadline.init)
                for later in [0, 1, 3, 9, 20, 45, 400] {
                    let day = written.adding(days: later)
                    let derived = DeadlineDerivation.derive(input(day)).filter(\.isOpen)
                    #expect(kept.map(\.key) == derived.map(\.key), "seed \(seed), \(length) entries, +\(later) days")
                    for (stored, fresh) in zip(kept, derived) {
                        #expect(stored.dueOn == fresh.dueOn)
                        #expect(stored.status(asOf: day) == fresh.status, "\(fresh.key) seed \(seed) +\(later)")
                        #expect(stored.explanation(asOf: day) == fresh.explanation, "\(fresh.key) seed \(seed) +\(later)")
                        checked += 1
                    }
                }
            }
        }
        // The dockets stand open at every stage: a run that compared nothing would prove nothing.
        #expect(checked > 1_000)
    }

    @Test func aSettledDeadlineIsNotKept() {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-01")])
        docket.add(.noticeSent, "2026-03-10", ["notice": .text("dismissal")])
        let asOf = CivilDate("2026-03-12")!
        let open = DeadlineDerivation.derive(DeadlineInput(kind: .ethics, profile: RuleProfiles.nar, calendar: HolidayCalendar(),
                                                           docket: docket.entries, asOf: asOf))
        let appeal = open.first { $0.key == .dismissalAppeal }
        #expect(appeal?.isOpen == true)
        #expect(open.first { $0.key == .filing }?.isOpen == false)  // met by the complaint itself (a1.2)
        let kept = appeal.flatMap(OpenDeadline.init)
        // The complainant's own option lapses, with what follows (a1.10).
        #expect(kept?.status(asOf: asOf.adding(days: 60)) == .lapsed)
        #expect(kept?.explanation(asOf: asOf.adding(days: 60)).hasSuffix("window closed unused: the dismissal stands.") == true)
    }
}
