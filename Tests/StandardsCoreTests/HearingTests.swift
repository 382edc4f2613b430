import Foundation
import Testing
@testable import StandardsCore

@Suite("Continuances and no-shows (a1.15, a1.21, S3 5.2.4)")
struct HearingTests {
    func scheduled() -> DocketBuilder {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1")])
        docket.add(.hearingScheduled, "2026-05-01", ["hearingOn": .text("2026-06-01")])
        return docket
    }

    func check(_ type: DocketEntryType, _ date: String, _ payload: Payload, _ docket: DocketBuilder, _ profile: RuleProfile = .nar) -> GuardVerdict {
        Guards.check(ProposedEntry(type: type, effectiveOn: CivilDate(date)!, payload: payload), kind: .ethics, docket: docket.entries,
                     profile: profile, calendar: HolidayCalendar())
    }

    @Test func aContinuanceNeedsAgreementOrTheChairsWrittenFinding() {
        let docket = scheduled()
        // All parties agree on a date: no reason needed under NAR, and no fresh 21 days.
        #expect(check(.hearingContinued, "2026-05-25", ["hearingOn": .text("2026-06-05"), "basis": .text("all-parties-agree")], docket).allowed)
        // OBAR wants every request in writing with reasons (S3 5.2.4).
        #expect(check(.hearingContinued, "2026-05-25", ["hearingOn": .text("2026-06-05"), "basis": .text("all-parties-agree")], docket, .obar)
            .refusals.map(\.rule) == ["a2.13"])
        // The chair's finding needs its reason, and the new date its 21 days' notice.
        let unfair = check(.hearingContinued, "2026-05-25", ["hearingOn": .text("2026-06-05"), "basis": .text("denial-unfair")], docket)
        #expect(unfair.refusals.map(\.code) == ["continuance_needs_reason", "hearing_notice_too_short"])
        #expect(check(.hearingContinued, "2026-05-25", ["hearingOn": .text("2026-06-15"), "basis": .text("denial-unfair"),
                                                          "reason": .text("The respondent's counsel is in trial.")], docket).allowed)
    }

    @Test func theHearingNoticeFollowsTheContinuance() throws {
        var docket = scheduled()
        docket.add(.hearingContinued, "2026-05-25", ["hearingOn": .text("2026-06-05"), "basis": .text("all-parties-agree")])
        let deadlines = derive(.ethics, .nar, docket, asOf: "2026-05-26")
        #expect(deadlines[.hearingNotice]?.status == .waived, "an agreed date needs no fresh notice period")
        #expect(deadlines[.witnessNotice]?.dueOn?.description == "2026-05-21")   // 15 days before the new date (a1.20)
        #expect(CaseProjection.build(kind: .ethics, docket: docket.entries).status == .hearingScheduled)
    }

    @Test func noShowsFollowTheRules() {
        var docket = scheduled()
        #expect(check(.hearingNoShow, "2026-06-01", ["absent": .text("realtor-complainant")], docket).refusals.map(\.rule) == ["a1.21"])
        #expect(check(.hearingNoShow, "2026-06-01", ["absent": .text("realtor-complainant"), "article14Warning": .text("given")], docket).allowed)
        // The respondent's absence: the panel proceeds; the complainant's: back to the GC.
        docket.add(.hearingNoShow, "2026-06-01", ["absent": .text("respondent")])
        #expect(CaseProjection.build(kind: .ethics, docket: docket.entries).status == .hearingScheduled)
        docket.add(.hearingNoShow, "2026-06-01", ["absent": .text("public-complainant")])
        #expect(CaseProjection.build(kind: .ethics, docket: docket.entries).status == .underReview)
    }
}
