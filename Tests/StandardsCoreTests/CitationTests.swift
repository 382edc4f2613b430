import Foundation
import Testing
@testable import StandardsCore

@Suite("Citations: schedule as data, same-conduct escalation, anchored limits (a2.30–a2.35)")
struct CitationTests {
    func d(_ text: String) -> CivilDate { CivilDate(text)! }

    @Test func firstOffenseFinesAndTrainingChoices() {
        let level1 = Citations.evaluate(allegations: ["12-7"], complaintFiledOn: d("2026-03-01"), egregious: false, priors: [], profile: .obar)
        #expect(level1.mayIssue)
        #expect(level1.charges == [CitationCharge(standard: "12-7", level: .one, offense: 1, fineCents: 10_000, training: .insteadOfFine)])
        let level3 = Citations.evaluate(allegations: ["12-10"], complaintFiledOn: d("2026-03-01"), egregious: false, priors: [], profile: .obar)
        #expect(level3.charges.first?.fineCents == 50_000)
        #expect(level3.charges.first?.training == .inAddition)
    }

    @Test func escalationCountsOnlyTheSameConduct() {
        let priors = [PriorCitation(standard: "1-6", complaintFiledOn: d("2022-01-10"), fineCents: 10_000),
                      PriorCitation(standard: "3-4", complaintFiledOn: d("2023-05-10"), fineCents: 25_000)]
        let decision = Citations.evaluate(allegations: ["1-6"], complaintFiledOn: d("2026-03-01"), egregious: false, priors: priors, profile: .obar)
        #expect(decision.charges.first?.offense == 2)
        #expect(decision.charges.first?.fineCents == 20_000)
        let third = Citations.evaluate(allegations: ["3-4"], complaintFiledOn: d("2026-03-01"), egregious: false,
                                       priors: priors + [PriorCitation(standard: "3-4", complaintFiledOn: d("2024-08-01"), fineCents: 50_000)], profile: .obar)
        #expect(third.charges.first?.offense == 3)
        #expect(third.charges.first?.fineCents == 100_000)
    }

    @Test func mixedOrEgregiousComplaintsGoToAHearing() {
        let mixed = Citations.evaluate(allegations: ["12-7", "Art 2"], complaintFiledOn: d("2026-03-01"), egregious: false, priors: [], profile: .obar)
        #expect(mixed.refusals.map(\.code) == ["not_citable"])
        #expect(mixed.refusals.first?.rule == "a2.30")
        #expect(Citations.evaluate(allegations: ["12-7"], complaintFiledOn: d("2026-03-01"), egregious: true, priors: [], profile: .obar).refusals.map(\.code) == ["egregious"])
        #expect(Citations.evaluate(allegations: ["12-7"], complaintFiledOn: d("2026-03-01"), egregious: false, priors: [], profile: .nar).refusals.map(\.rule) == ["b9.1"])
    }

    @Test func twoInTwelveMonthsAnchoredOnTheFirstComplaint() {
        let priors = [PriorCitation(standard: "12-7", complaintFiledOn: d("2026-01-15"), fineCents: 10_000),
                      PriorCitation(standard: "12-8", complaintFiledOn: d("2026-06-01"), fineCents: 10_000)]
        let third = Citations.evaluate(allegations: ["1-6"], complaintFiledOn: d("2027-01-14"), egregious: false, priors: priors, profile: .obar)
        #expect(third.refusals.map(\.code) == ["citation_limit_12_months"])
        #expect(third.refusals.first?.message.contains("began 2026-01-15") == true)
        // The window that began 2026-01-15 ends 2027-01-15: a complaint filed that day starts a new one.
        let nextWindow = Citations.evaluate(allegations: ["1-6"], complaintFiledOn: d("2027-01-15"), egregious: false, priors: priors, profile: .obar)
        #expect(nextWindow.mayIssue)
    }

    @Test func threeInThirtySixMonthsAndFiveThousandDollars() {
        let priors = [PriorCitation(standard: "12-7", complaintFiledOn: d("2024-01-15"), fineCents: 10_000),
                      PriorCitation(standard: "12-8", complaintFiledOn: d("2025-03-01"), fineCents: 10_000),
                      PriorCitation(standard: "1-6", complaintFiledOn: d("2026-04-01"), fineCents: 10_000)]
        let fourth = Citations.evaluate(allegations: ["3-8"], complaintFiledOn: d("2026-10-01"), egregious: false, priors: priors, profile: .obar)
        #expect(fourth.refusals.map(\.code) == ["citation_limit_36_months"])
        let expensive = [PriorCitation(standard: "12-10", complaintFiledOn: d("2024-01-15"), fineCents: 200_000),
                         PriorCitation(standard: "3-6", complaintFiledOn: d("2025-06-01"), fineCents: 250_000)]
        let over = Citations.evaluate(allegations: ["12-12"], complaintFiledOn: d("2026-06-01"), egregious: false, priors: expensive, profile: .obar)
        #expect(over.totalFineCents == 50_000)
        #expect(over.mayIssue, "exactly $5,000 is not more than $5,000")
        let overCap = Citations.evaluate(allegations: ["12-12", "1-16"], complaintFiledOn: d("2026-06-01"), egregious: false, priors: expensive, profile: .obar)
        #expect(overCap.refusals.map(\.code) == ["citation_fines_over_5000"])
    }

    @Test func monthArithmeticClampsToTheMonthsEnd() {
        #expect(d("2026-01-31").adding(months: 1) == d("2026-02-28"))
        #expect(d("2024-02-29").adding(months: 12) == d("2025-02-28"))
        #expect(d("2026-11-23").adding(months: -12) == d("2025-11-23"))
    }

    /// A local schedule is held to the model (b9.4): nothing outside it, no level or fine above it, fines that rise.
    @Test func aLocalScheduleMayNotGoBeyondTheModel() {
        var schedule = CitationSchedule.model
        #expect(schedule.problems().isEmpty)
        schedule.levels["Art 2"] = .one
        schedule.levels["12-7"] = .two
        schedule.terms["2"] = .init(fines: [25_000, 50_000, 100_001], training: [.none, .none, .none])
        schedule.terms["3"] = .init(fines: [50_000, 40_000, 200_000], training: [.inAddition, .none, .none])
        let codes = schedule.problems().map { "\($0.field):\($0.refusal.code)" }
        #expect(codes == ["entries:not_in_model", "entries:level_above_model", "level2:fine_above_model", "level3:fines_must_escalate"])
        // A lower local fine is allowed, and a citation is charged by it.
        var local = CitationSchedule.model
        local.effectiveOn = d("2026-06-01")
        local.terms["1"] = .init(fines: [5_000, 10_000, 20_000], training: [.insteadOfFine, .none, .none])
        #expect(local.problems().isEmpty)
        let charged = Citations.evaluate(allegations: ["12-7"], complaintFiledOn: d("2026-07-01"), egregious: false, priors: [], schedule: local, profile: .obar)
        #expect(charged.charges.first?.fineCents == 5_000)
        #expect(charged.charges.first?.training == .insteadOfFine)
    }

    /// The schedule in force on a day is the latest version effective on or before it; before any, the model.
    @Test func theVersionInForceOnADay() {
        var june = CitationSchedule.model; june.effectiveOn = d("2026-06-01")
        var december = CitationSchedule.model; december.effectiveOn = d("2026-12-15"); december.levels = ["12-7": .one]
        #expect(CitationSchedules.inForce(on: d("2026-05-31"), versions: [december, june]) == .model)
        #expect(CitationSchedules.inForce(on: d("2026-12-14"), versions: [december, june]).effectiveOn == d("2026-06-01"))
        #expect(CitationSchedules.inForce(on: d("2026-12-15"), versions: [december, june]).levels == ["12-7": .one])
    }

    /// The Directors' figures count citations issued, paid and set aside, and the violations cited: no names (S3 9.4.6).
    @Test func statisticsCountWithoutNames() {
        func entry(_ type: DocketEntryType, _ day: String, _ payload: Payload = [:], _ sequence: Int) -> DocketEntry {
            DocketEntry(sequence: sequence, type: type, effectiveOn: d(day), recordedAt: Date(), actorName: "staff", payload: payload)
        }
        let paid = [entry(.citationIssued, "2026-03-01", ["standards": .text("12-7; 1-6"), "fineCents": .integer(20_000)], 1),
                    entry(.citationPaid, "2026-04-01", ["amountCents": .integer(20_000)], 2)]
        let heard = [entry(.citationIssued, "2026-05-01", ["standards": .text("12-7"), "fineCents": .integer(10_000)], 1),
                     entry(.citationHearingRequested, "2026-05-10", [:], 2)]
        let earlier = [entry(.citationIssued, "2025-05-01", ["standards": .text("3-4"), "fineCents": .integer(25_000)], 1)]
        let figures = CitationStatistics(dockets: [paid, heard, earlier])
        #expect(figures.years.map(\.year) == [2026, 2025])
        #expect(figures.years[0].issued == 2 && figures.years[0].paid == 1 && figures.years[0].hearingRequested == 1)
        #expect(figures.years[0].finesPaidCents == 20_000)
        #expect(figures.years[0].byViolation == ["12-7": 2, "1-6": 1])
        #expect(figures.years[1].byViolation == ["3-4": 1])
    }
}
