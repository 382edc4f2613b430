import Foundation
import Testing
@testable import StandardsCore

@Suite("Discipline: allowed sanctions, bounds, and the Directors' prerogatives (b8, a1.25, a2.6, a2.15)")
struct DisciplineTests {
    func parse(_ text: String) -> [Sanction] { (try? DisciplineText.parse(text).get()) ?? [] }

    @Test func parsesTheSanctionsNARAllows() {
        #expect(parse("reprimand; course: Code of Ethics refresher; fine: 1,500.00") ==
                [.letterOfReprimand, .course("Code of Ethics refresher"), .fine(cents: 150_000)])
        #expect(parse("suspension: 90 days; expulsion: 2 years; probation: 180 days") ==
                [.suspension(days: 90, remediable: false), .expulsion(years: 2), .probation(days: 180)])
        guard case .failure(let refusal) = DisciplineText.parse("public flogging") else { Issue.record("must refuse"); return }
        #expect(refusal.rule == "b8.1")
    }

    @Test func boundsOfEachSanction() {
        #expect(Discipline.check([.fine(cents: 1_500_000)], profile: .nar).isEmpty)
        #expect(Discipline.check([.fine(cents: 1_000_000), .fine(cents: 600_000)], profile: .obar).map(\.rule) == ["a2.15"])
        #expect(Discipline.check([.suspension(days: 29, remediable: false)], profile: .nar).map(\.rule) == ["b8.2"])
        #expect(Discipline.check([.suspension(days: 366, remediable: false)], profile: .nar).map(\.rule) == ["b8.2"])
        #expect(Discipline.check([.suspension(days: 400, remediable: true)], profile: .nar).isEmpty, "remediable suspensions last until cured")
        #expect(Discipline.check([.expulsion(years: 4)], profile: .nar).map(\.rule) == ["b8.4"])
        #expect(Discipline.check([.probation(days: 200)], profile: .nar).map(\.code) == ["probation_alone"])
        #expect(Discipline.check([.probation(days: 400), .fine(cents: 10_000)], profile: .nar).map(\.code) == ["probation_out_of_range"])
        #expect(Discipline.check([.assessmentInLieu(cents: 100_000)], profile: .nar, assessmentsInLastThreeYears: 1).map(\.code) == ["assessment_once_in_three_years"])
    }

    @Test func directorsMayReduceButNeverIncrease() {
        let recommended: [Sanction] = [.letterOfReprimand, .fine(cents: 100_000)]
        #expect(!Discipline.isIncrease(from: recommended, to: recommended))
        #expect(!Discipline.isIncrease(from: recommended, to: [.letterOfReprimand, .fine(cents: 50_000)]))
        #expect(!Discipline.isIncrease(from: recommended, to: [.letterOfReprimand]))
        #expect(!Discipline.isIncrease(from: [.suspension(days: 90, remediable: false)], to: [.fine(cents: 200_000)]), "a fine in place of a suspension is a reduction")
        #expect(Discipline.isIncrease(from: recommended, to: [.letterOfReprimand, .fine(cents: 150_000)]))
        #expect(Discipline.isIncrease(from: recommended, to: [.suspension(days: 30, remediable: false)]))
        #expect(Discipline.isIncrease(from: [.suspension(days: 90, remediable: false)], to: [.suspension(days: 90, remediable: false), .fine(cents: 100)]),
                "a fine on top of the suspension is an increase")
    }

    @Test func theGuardRefusesAnIncreaseByTheDirectors() {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1")])
        docket.add(.decisionFiled, "2026-06-17", ["outcome": .text("violation"), "discipline": .text("reprimand; fine: 1000.00")])
        func final(_ discipline: String) -> GuardVerdict {
            Guards.check(ProposedEntry(type: .finalAction, effectiveOn: CivilDate("2026-08-01")!,
                                       payload: ["action": .text("modified"), "discipline": .text(discipline)]),
                         kind: .ethics, docket: docket.entries, profile: .nar, calendar: HolidayCalendar())
        }
        #expect(final("reprimand; fine: 500.00").allowed)
        #expect(final("reprimand; fine: 2000.00").refusals.map(\.rule) == ["a1.25"])
        let overCap = Guards.check(ProposedEntry(type: .decisionFiled, effectiveOn: CivilDate("2026-06-17")!,
                                                 payload: ["outcome": .text("violation"), "discipline": .text("fine: 20000.00")]),
                                   kind: .ethics, docket: [], profile: .obar, calendar: HolidayCalendar())
        #expect(overCap.refusals.map(\.rule) == ["a2.15"])
    }

    @Test func obarAddsTheProcessingFee() {
        #expect(Discipline.processingFee(profile: .obar, violationFound: true) == 50_000)
        #expect(Discipline.processingFee(profile: .obar, violationFound: false) == 0)
        #expect(Discipline.processingFee(profile: .nar, violationFound: true) == 0)
    }
}
