import Foundation
import Testing
@testable import StandardsCore

private func entry(_ seq: Int, _ type: DocketEntryType, _ date: String, _ payload: Payload = [:], corrects: UUID? = nil, id: UUID = UUID()) -> DocketEntry {
    DocketEntry(id: id, sequence: seq, type: type, effectiveOn: CivilDate(date)!, recordedAt: Date(timeIntervalSince1970: Double(seq)),
                actorName: "PSA", payload: payload, corrects: corrects)
}

/// Issue 20 item 6: what a docket gives the reports, and the definitions the dashboard counts by.
@Suite("Reports: a docket's counted events and stages")
struct CaseActivityTests {
    /// An ethics complaint citing Articles 1, 3 and 12, forwarded, heard, decided (violation of 1 and 12), appealed,
    /// and adopted by the Directors with a fine and a course.
    static let ethics: [DocketEntry] = [
        entry(1, .caseOpened, "2025-11-20"),
        entry(2, .complaintFiled, "2025-11-20", ["articles": .text("1, 3, 12")]),
        entry(3, .gcForwarded, "2026-01-10"),
        entry(4, .hearingScheduled, "2026-02-01", ["hearingOn": .text("2026-03-01")]),
        entry(5, .hearingHeld, "2026-03-01"),
        entry(6, .decisionFiled, "2026-03-05", ["outcome": .text("violation"), "findings": .text("…"),
                                                "conclusions": .text("Article 1: violation; Article 3: no violation; Article 12: violation"),
                                                "vote": .text("3-0"), "discipline": .text("fine: 1500.00; course: Ethics 101")]),
        entry(7, .appealFiled, "2026-03-20", ["basis": .text("procedure")]),
        entry(8, .finalAction, "2026-05-02", ["action": .text("adopted")]),
    ]

    func count(_ facts: [CaseActivity.Fact], _ measure: CaseActivity.Measure) -> Int { facts.filter { $0.measure == measure }.count }

    @Test func anEthicsCaseCountsEachStepOnItsDayAndTheViolationsAtFinalAction() {
        let facts = CaseActivity.facts(kind: .ethics, docket: Self.ethics)
        #expect(facts.contains(.init(.complaintReceived, on: CivilDate("2025-11-20")!)))
        #expect(facts.contains(.init(.complaintForwarded, on: CivilDate("2026-01-10")!)))
        #expect(facts.contains(.init(.hearingHeld, on: CivilDate("2026-03-01")!)))
        #expect(facts.contains(.init(.decision, on: CivilDate("2026-03-05")!, detail: "violation")))
        #expect(facts.contains(.init(.appealFiled, on: CivilDate("2026-03-20")!)))
        #expect(facts.contains(.init(.finalAction, on: CivilDate("2026-05-02")!, detail: "adopted")))
        // Article 3 was cited but not found violated; both findings count on the day of final action (a1.25).
        let violations = facts.filter { $0.measure == .violation }
        #expect(violations.map(\.detail).sorted() == ["1", "12"])
        #expect(violations.allSatisfy { $0.on == CivilDate("2026-05-02") })
        let sanctions = facts.filter { $0.measure == .sanction }
        #expect(sanctions.map(\.detail).sorted() == ["course", "fine"])
        #expect(sanctions.first { $0.detail == "fine" }?.cents == 150_000)
    }

    @Test func noViolationIsCountedBeforeTheDirectorsActOrWhenTheyDismiss() {
        let beforeFinal = CaseActivity.facts(kind: .ethics, docket: Array(Self.ethics.prefix(7)))
        #expect(count(beforeFinal, .violation) == 0 && count(beforeFinal, .sanction) == 0)
        var dismissed = Array(Self.ethics.prefix(7))
        dismissed.append(entry(8, .finalAction, "2026-05-02", ["action": .text("dismissed")]))
        #expect(count(CaseActivity.facts(kind: .ethics, docket: dismissed), .violation) == 0)
        // The Directors reduce the discipline: the sanctions counted are theirs.
        var modified = Array(Self.ethics.prefix(7))
        modified.append(entry(8, .finalAction, "2026-05-02", ["action": .text("modified"), "discipline": .text("reprimand")]))
        #expect(CaseActivity.facts(kind: .ethics, docket: modified).filter { $0.measure == .sanction }.map(\.detail) == ["reprimand"])
    }

    @Test func aStruckStepIsNotCountedAndACorrectedAwardCountsOnceAsCorrected() {
        let dismissal = UUID()
        var docket = Array(Self.ethics.prefix(2))
        docket.append(entry(3, .gcDismissed, "2026-01-10", ["reason": .text("unworthy")], id: dismissal))
        docket.append(entry(4, .entryStruck, "2026-01-11", ["reason": .text("recorded on the wrong case")], corrects: dismissal))
        #expect(count(CaseActivity.facts(kind: .ethics, docket: docket), .complaintDismissed) == 0)

        let award = UUID()
        let arbitration = [
            entry(1, .caseOpened, "2026-01-05"),
            entry(2, .arbitrationRequested, "2026-01-05", ["amountCents": .integer(900_000)]),
            entry(3, .hearingHeld, "2026-04-01"),
            entry(4, .awardRendered, "2026-04-03", ["amountCents": .integer(500_000)], id: award),
            entry(5, .awardRendered, "2026-04-03", ["amountCents": .integer(450_000)], corrects: award),
            entry(6, .awardPaid, "2026-05-01", ["amountCents": .integer(450_000)]),
        ]
        let facts = CaseActivity.facts(kind: .arbitration, docket: arbitration)
        #expect(facts.filter { $0.measure == .award }.map(\.cents) == [450_000])
        #expect(facts.contains(.init(.arbitrationRequested, on: CivilDate("2026-01-05")!, cents: 900_000)))
        #expect(facts.contains(.init(.arbitrationHearing, on: CivilDate("2026-04-01")!)))
        #expect(count(facts, .hearingHeld) == 0)
        #expect(facts.contains(.init(.awardPaid, on: CivilDate("2026-05-01")!, cents: 450_000)))
        // An arbitration is not an ethics complaint.
        #expect(count(facts, .complaintReceived) == 0)
    }

    @Test func conclusionsThatNameNoArticleFindEveryArticleCited() {
        let decision = DecisionFiled(outcome: "violation", findings: "…", conclusions: "The respondent violated the Code.", vote: "2-1")
        #expect(CaseActivity.violatedArticles(decision, cited: [2, 9]) == [2, 9])
        let none = DecisionFiled(outcome: "no-violation", findings: "…", conclusions: "Article 2: no violation", vote: "3-0")
        #expect(CaseActivity.violatedArticles(none, cited: [2]) == [])
    }

    @Test func stagesSpanFromEachChangeOfStatusToTheNext() {
        let spans = CaseActivity.stages(kind: .ethics, docket: Self.ethics)
        #expect(spans.first == .init(status: .opened, from: CivilDate("2025-11-20")!, to: CivilDate("2025-11-20")!))
        #expect(spans.contains(.init(status: .filed, from: CivilDate("2025-11-20")!, to: CivilDate("2026-01-10")!)))
        #expect(spans.first { $0.status == .filed }?.days == 51)
        #expect(spans.last == .init(status: .finalAction, from: CivilDate("2026-05-02")!, to: nil))
        #expect(spans.last?.days == nil)
        // Every span ends where the next begins.
        for (a, b) in zip(spans, spans.dropFirst()) { #expect(a.to == b.from) }
    }

    @Test func theMedianComesFromAHistogramAndAgesFallInTheirBands() {
        #expect(StaffDashboard.median([:]) == nil)
        #expect(StaffDashboard.median([4: 1]) == 4)
        // 1, 1, 3, 10 → the lower middle, 1; 1, 1, 3, 10, 10 → 3.
        #expect(StaffDashboard.median([1: 2, 3: 1, 10: 1]) == 1)
        #expect(StaffDashboard.median([1: 2, 3: 1, 10: 2]) == 3)
        let today = CivilDate("2026-12-01")!
        #expect(StaffDashboard.AgeBand.of(filed: today, on: today) == .month)
        #expect(StaffDashboard.AgeBand.of(filed: today.adding(days: -30), on: today) == .month)
        #expect(StaffDashboard.AgeBand.of(filed: today.adding(days: -31), on: today) == .quarter)
        #expect(StaffDashboard.AgeBand.of(filed: today.adding(days: -365), on: today) == .year)
        #expect(StaffDashboard.AgeBand.of(filed: today.adding(days: -366), on: today) == .older)
        #expect(StaffDashboard.months(endingOn: today) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
                                                            "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"])
        #expect(StaffDashboard.months(endingOn: CivilDate("2026-03-31")!, count: 3) == ["2026-01", "2026-02", "2026-03"])
    }

    @Test func theAnnualReportLinesEveryMeasureAndAddsTheAssociationsUp() {
        let a: [ActivityReport.Key: ActivityReport.Tally] = [.init(.complaintReceived): .init(count: 3, cents: 0),
                                                               .init(.violation, "12"): .init(count: 2, cents: 0), .init(.violation, "3"): .init(count: 1, cents: 0),
                                                               .init(.award): .init(count: 1, cents: 250_000)]
        let b: [ActivityReport.Key: ActivityReport.Tally] = [.init(.complaintReceived): .init(count: 4, cents: 0),
                                                               .init(.award): .init(count: 2, cents: 100_000)]
        let report = ActivityReport(year: 2026, associations: ["A", "B"], tallies: [a, b], ombuds: [[], []])
        let received = report.lines.first { $0.key.measure == .complaintReceived }
        #expect(received?.counts == [3, 4] && received?.total == 7 && received?.cents == nil)
        #expect(report.lines.first { $0.key.measure == .award }?.cents == 350_000)
        // Articles in their numeric order; a measure with nothing shows at zero.
        #expect(report.lines.filter { $0.key.measure == .violation }.map(\.label) == ["Violations found, by Article: Article 3", "Violations found, by Article: Article 12"])
        #expect(report.total(.mediationSettled) == 0 && report.lines.contains { $0.key.measure == .mediationSettled })
        #expect(report.ombuds.count == OmbudsConcern.allCases.count)
        #expect(ActivityReport.days(of: 2026) == CivilDate("2026-01-01")!...CivilDate("2026-12-31")!)
    }
}

/// Issue 20 item 1: a hearing's recording stays until any sanction is completed (S3 6.2.1, a2.5).
@Suite("Retention: hearing recordings")
struct RecordingRetentionTests {
    func view(_ kind: CaseKind, _ docket: [DocketEntry], today: String = "2026-12-01") -> StepView {
        StepView(kind: kind, docket: docket, today: CivilDate(today)!, deadlines: [])
    }

    @Test func anEthicsRecordingGoesOnceTheCaseHasEndedAndEverySanctionIsDone() {
        let decided = Array(CaseActivityTests.ethics.prefix(7))
        guard case .kept(let open) = RecordRetention.recording(view(.ethics, decided), profile: .nar) else { Issue.record("an open case keeps it"); return }
        #expect(open.contains("S3 6.2.1"))
        // Final action with a fine and a course: kept while either is outstanding.
        guard case .kept(let outstanding) = RecordRetention.recording(view(.ethics, CaseActivityTests.ethics), profile: .nar) else {
            Issue.record("an outstanding sanction keeps it"); return
        }
        #expect(outstanding.contains("fine") && outstanding.contains("course"))
        // Both complied with: it may go from the last of them.
        let complied = CaseActivityTests.ethics + [
            entry(9, .disciplineCompliance, "2026-06-01", ["event": .text("fine-paid"), "sanction": .text("fine"), "amountCents": .integer(150_000)]),
            entry(10, .disciplineCompliance, "2026-07-15", ["event": .text("course-completed"), "sanction": .text("course")]),
        ]
        #expect(RecordRetention.recording(view(.ethics, complied), profile: .nar) == .from(CivilDate("2026-07-15")!, basis: "every sanction completed", rule: .a2_5))
        // Ended without a sanction: from the day it ended.
        let withdrawn = Array(CaseActivityTests.ethics.prefix(3)) + [entry(4, .withdrawn, "2026-02-02")]
        #expect(RecordRetention.recording(view(.ethics, withdrawn), profile: .nar) == .from(CivilDate("2026-02-02")!, basis: "the case ended without a sanction", rule: .a2_5))
        // A legal hold keeps it whatever the rules allow.
        let held = withdrawn + [entry(5, .legalHold, "2026-03-01", ["event": .text("placed"), "reason": .text("subpoena")])]
        #expect(RecordRetention.recording(view(.ethics, held), profile: .nar) == .held("subpoena"))
    }

    @Test func anArbitrationRecordingGoesWithItsFile() {
        let arbitration = [entry(1, .caseOpened, "2026-01-05"), entry(2, .arbitrationRequested, "2026-01-05", ["amountCents": .integer(100_000)])]
        guard case .kept(let why) = RecordRetention.recording(view(.arbitration, arbitration), profile: .obar) else { Issue.record("kept with the file"); return }
        #expect(why.contains("arbitration file"))
    }
}
