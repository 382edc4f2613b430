import Foundation
import Testing
@testable import StandardsCore

/// Builds dockets for deadline tests: entries in order, one per call.
struct DocketBuilder {
    var entries: [DocketEntry] = []

    @discardableResult
    mutating func add(_ type: DocketEntryType, _ date: String, _ payload: Payload = [:], corrects: UUID? = nil) -> DocketEntry {
        let entry = DocketEntry(sequence: entries.count + 1, type: type, effectiveOn: CivilDate(date)!,
                                recordedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(entries.count)), actorName: "PSA",
                                payload: payload, corrects: corrects)
        entries.append(entry)
        return entry
    }

    @discardableResult
    mutating func notice(_ kind: NoticeKind, _ sent: String, received: String? = nil) -> DocketEntry {
        var payload: Payload = ["notice": .text(kind.rawValue)]
        if let received { payload["receivedOn"] = .text(received) }
        return add(.noticeSent, sent, payload)
    }
}

func derive(_ kind: CaseKind = .ethics, _ profile: RuleProfile = RuleProfiles.nar, _ docket: DocketBuilder, asOf: String,
            nonMember: [SuspensionInterval] = []) -> [DeadlineKey: Deadline] {
    let deadlines = DeadlineDerivation.derive(DeadlineInput(kind: kind, profile: profile, calendar: HolidayCalendar(), docket: docket.entries,
                                                            asOf: CivilDate(asOf)!, respondentNonMemberPeriods: nonMember))
    return Dictionary(deadlines.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
}

@Suite("Filing window: the three examples of issue 4 (a1.2–a1.4)")
struct FilingWindowTests {
    @Test func concludedAndKnownTheSameDayNothingSuspended() throws {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-07-20", ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-02"), "factsKnownOn": .text("2026-02-02")])
        let filing = try #require(derive(.ethics, .nar, docket, asOf: "2026-07-21")[.filing])
        #expect(filing.dueOn?.description == "2026-08-01")
        #expect(filing.closedDayNote == "2026-08-01 is a Saturday; not moved under nar")
        #expect(filing.status == .met)
        #expect(filing.explanation.hasPrefix("180 days from 2026-02-02 = 2026-08-01 (Sat)"))
        #expect(filing.rule == "a1.2")
    }

    @Test func factsKnowableLaterMovesTheStart() throws {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-10-19", ["articles": .text("2"), "transactionConcludedOn": .text("2026-02-02"), "factsKnownOn": .text("2026-04-20")])
        let filing = try #require(derive(.ethics, .nar, docket, asOf: "2026-10-20")[.filing])
        #expect(filing.dueOn?.description == "2026-10-17")
        #expect(filing.status == .missed, "received two days after the last day")
        #expect(filing.explanation.contains("the day the facts could be known, 2026-04-20"))
        #expect(filing.explanation.contains("2 days late"))
    }

    @Test func mediationSuspendsTwentyOneDays() throws {
        var docket = DocketBuilder()
        docket.add(.informalProcess, "2026-03-23", ["process": .text("mediation"), "startedOn": .text("2026-03-02"), "endedOn": .text("2026-03-23")])
        docket.add(.complaintFiled, "2026-08-20", ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-02")])
        let filing = try #require(derive(.ethics, .obar, docket, asOf: "2026-08-21")[.filing])
        #expect(filing.dueOn?.description == "2026-08-22")
        #expect(filing.explanation == "180 days from 2026-02-02, +21 days suspended for mediation 2026-03-02→2026-03-23 = 2026-08-22 (Sat); received 2026-08-20, in time.")
        #expect(filing.status == .met)
    }

    @Test func respondentNotAMemberSuspendsTooButOverlapCountsOnce() throws {
        var docket = DocketBuilder()
        docket.add(.informalProcess, "2026-03-23", ["process": .text("mediation"), "startedOn": .text("2026-03-02"), "endedOn": .text("2026-03-23")])
        docket.add(.complaintFiled, "2026-08-20", ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-02")])
        let lapse = SuspensionInterval(start: CivilDate("2026-03-15")!, end: CivilDate("2026-04-01")!, reason: "respondent not a member (a1.4)")
        let filing = try #require(derive(.ethics, .nar, docket, asOf: "2026-08-21", nonMember: [lapse])[.filing])
        // Merged: 2026-03-02 → 2026-04-01 = 30 days, not 21 + 17.
        #expect(filing.dueOn?.description == "2026-08-31")
    }

    @Test func anInformalProcessStillRunningSuspendsTheWindow() throws {
        var docket = DocketBuilder()
        docket.add(.informalProcess, "2026-03-02", ["process": .text("ombuds"), "startedOn": .text("2026-03-02")])
        docket.add(.complaintFiled, "2026-12-20", ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-02")])
        let filing = try #require(derive(.ethics, .nar, docket, asOf: "2026-06-01")[.filing])
        #expect(filing.status == .suspended)
        #expect(filing.explanation.contains("ombuds (still running)"))
    }
}

@Suite("Ethics time frames on both profiles (S4 summary; S3 local windows)")
struct EthicsDeadlineTests {
    func filed() -> DocketBuilder {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-02")])
        return docket
    }

    @Test func gcReviewWithin45DaysOfReceipt() throws {
        var docket = filed()
        let pending = try #require(derive(.ethics, .nar, docket, asOf: "2026-03-10")[.gcReview])
        #expect(pending.dueOn?.description == "2026-04-16")   // b6.2: 2026-03-02 + 45
        #expect(pending.status == .pending)
        #expect(pending.explanation.contains("37 days left"))
        docket.add(.gcForwarded, "2026-04-20")
        let late = try #require(derive(.ethics, .nar, docket, asOf: "2026-04-21")[.gcReview])
        #expect(late.status == .missed)
    }

    @Test func gcDecisionNoticeIsFiveWorkingDaysUnderObarOnly() throws {
        var docket = filed()
        docket.add(.gcDismissed, "2026-11-20", ["reason": .text("unworthy")])   // a Friday before Thanksgiving week
        let obar = try #require(derive(.ethics, .obar, docket, asOf: "2026-11-21")[.gcDecisionNotice])
        // Mon 23, Tue 24, Wed 25, (Thu 26 Thanksgiving), Fri 27, Mon 30.
        #expect(obar.dueOn?.description == "2026-11-30")
        #expect(obar.rule == "a2.8")
        #expect(derive(.ethics, .nar, docket, asOf: "2026-11-21")[.gcDecisionNotice] == nil, "NAR sets no such window")
    }

    @Test func dismissalAppealCountsFromTransmittalUnderNarAndReceiptUnderObar() throws {
        var docket = filed()
        docket.add(.gcDismissed, "2026-04-01", ["reason": .text("not-a-code-matter")])
        docket.notice(.dismissal, "2026-04-02", received: "2026-04-06")
        let nar = try #require(derive(.ethics, .nar, docket, asOf: "2026-04-03")[.dismissalAppeal])
        let obar = try #require(derive(.ethics, .obar, docket, asOf: "2026-04-03")[.dismissalAppeal])
        #expect(nar.dueOn?.description == "2026-04-22")
        #expect(nar.rule == "a1.10")
        #expect(obar.dueOn?.description == "2026-04-26")
        #expect(obar.rule == "a2.10")
        #expect(obar.closedDayNote == "2026-04-26 is a Sunday; not moved under obar")
        // No appeal by then: the window lapses (a party's option), it is not "missed".
        #expect(derive(.ethics, .nar, docket, asOf: "2026-05-01")[.dismissalAppeal]?.status == .lapsed)
    }

    @Test func receiptNotRecordedLeavesTheDueDateOpen() throws {
        var docket = filed()
        docket.add(.gcDismissed, "2026-04-01", ["reason": .text("untimely")])
        docket.notice(.dismissal, "2026-04-02")
        let obar = try #require(derive(.ethics, .obar, docket, asOf: "2026-04-03")[.dismissalAppeal])
        #expect(obar.dueOn == nil)
        #expect(obar.status == .pending)
        #expect(obar.explanation.contains("receipt date is not recorded"))
    }

    @Test func correctingAReceiptDateMovesOnlyItsDependents() throws {
        var docket = filed()
        docket.add(.gcDismissed, "2026-04-01", ["reason": .text("untimely")])
        let notice = docket.notice(.dismissal, "2026-04-02", received: "2026-04-06")
        let before = derive(.ethics, .obar, docket, asOf: "2026-04-10")
        docket.add(.noticeSent, "2026-04-02", ["notice": .text("dismissal"), "receivedOn": .text("2026-04-09")], corrects: notice.id)
        let after = derive(.ethics, .obar, docket, asOf: "2026-04-10")
        #expect(before[.dismissalAppeal]?.dueOn?.description == "2026-04-26")
        #expect(after[.dismissalAppeal]?.dueOn?.description == "2026-04-29")
        for key in before.keys where key != .dismissalAppeal {
            #expect(before[key] == after[key], "\(key) must not change")
        }
    }

    @Test func replyWindowAndLateReplyWarning() throws {
        var docket = filed()
        docket.add(.gcForwarded, "2026-04-01")
        docket.notice(.complaintServed, "2026-04-02", received: "2026-04-04")
        let open = try #require(derive(.ethics, .nar, docket, asOf: "2026-04-05")[.reply])
        #expect(open.dueOn?.description == "2026-04-17")
        #expect(derive(.ethics, .nar, docket, asOf: "2026-04-05")[.distribution]?.dueOn?.description == "2026-04-17")  // a1.13
        docket.add(.replyReceived, "2026-04-20")
        let late = try #require(derive(.ethics, .nar, docket, asOf: "2026-04-21")[.reply])
        #expect(late.status == .missed)
        #expect(late.explanation.contains("the panel may accept it (a1.11)"))
        let forward = try #require(derive(.ethics, .nar, docket, asOf: "2026-04-21")[.replyForwarded])
        #expect(forward.dueOn?.description == "2026-04-25")   // 5 days from receipt of the reply
    }

    @Test func challengesThenPanelNamed() throws {
        var docket = filed()
        docket.notice(.panelList, "2026-05-04")
        let deadlines = derive(.ethics, .nar, docket, asOf: "2026-05-05")
        #expect(deadlines[.challenges]?.dueOn?.description == "2026-05-14")   // a1.14: 10 days
        #expect(deadlines[.panelNamed]?.dueOn?.description == "2026-05-19")   // a1.14: 5 days after challenges are due
        #expect(deadlines[.panelNamed]?.explanation.contains("the day challenges were due, 2026-05-14") == true)
    }

    @Test func hearingNoticeWitnessesAndPapers() throws {
        var docket = filed()
        docket.add(.hearingScheduled, "2026-05-01", ["hearingOn": .text("2026-05-20")])
        let short = derive(.ethics, .obar, docket, asOf: "2026-05-02")
        #expect(short[.hearingNotice]?.earliestOn?.description == "2026-05-22")
        #expect(short[.hearingNotice]?.status == .missed)
        #expect(short[.hearingNotice]?.explanation.contains("2 days too soon (a1.16)") == true)
        var ok = filed()
        ok.add(.hearingScheduled, "2026-05-01", ["hearingOn": .text("2026-06-16")])
        let good = derive(.ethics, .obar, ok, asOf: "2026-05-02")
        #expect(good[.hearingNotice]?.status == .met)
        #expect(good[.witnessNotice]?.dueOn?.description == "2026-06-01")    // a1.20: 15 days before
        #expect(good[.papersToPanel]?.dueOn?.description == "2026-06-11")    // a2.12: 5 days before
        #expect(derive(.ethics, .nar, ok, asOf: "2026-05-02")[.papersToPanel] == nil, "the lead time is a board option; NAR sets none")
    }

    @Test func adjournedHearingResumesWithinFifteenToThirtyDays() throws {
        var docket = filed()
        docket.add(.hearingScheduled, "2026-05-01", ["hearingOn": .text("2026-06-16")])
        docket.add(.hearingAdjourned, "2026-06-16")
        docket.add(.hearingScheduled, "2026-06-17", ["hearingOn": .text("2026-06-26")])
        let tooSoon = try #require(derive(.ethics, .nar, docket, asOf: "2026-06-18")[.adjournedHearing])
        #expect(tooSoon.earliestOn?.description == "2026-07-01")
        #expect(tooSoon.dueOn?.description == "2026-07-16")
        #expect(tooSoon.status == .missed)
        var witness = filed()
        witness.add(.hearingAdjourned, "2026-06-16", ["lateWitness": .text("yes")])
        witness.add(.hearingScheduled, "2026-06-17", ["hearingOn": .text("2026-06-22")])
        #expect(derive(.ethics, .nar, witness, asOf: "2026-06-18")[.adjournedHearing]?.status == .met)
    }

    @Test func decisionWithin48HoursByTimestamps() throws {
        var docket = filed()
        docket.add(.hearingHeld, "2026-06-16", ["adjournedAt": .text("2026-06-16T17:30:00-04:00")])
        docket.add(.decisionFiled, "2026-06-18", ["outcome": .text("violation"), "filedAt": .text("2026-06-18T18:00:00-04:00")])
        let late = try #require(derive(.ethics, .nar, docket, asOf: "2026-06-19")[.decisionFiled])
        #expect(late.status == .missed)
        #expect(late.explanation.contains("48.5 hours"))
        var onTime = filed()
        onTime.add(.hearingHeld, "2026-06-16", ["adjournedAt": .text("2026-06-16T17:30:00-04:00")])
        onTime.add(.decisionFiled, "2026-06-18", ["outcome": .text("violation"), "filedAt": .text("2026-06-18T17:00:00-04:00")])
        #expect(derive(.ethics, .nar, onTime, asOf: "2026-06-19")[.decisionFiled]?.status == .met)
    }

    @Test func decisionTransmittalAndAppealDifferByProfile() throws {
        var docket = filed()
        docket.add(.hearingHeld, "2026-06-16")
        docket.add(.decisionFiled, "2026-06-17", ["outcome": .text("violation")])
        docket.add(.counselReviewed, "2026-06-22")
        docket.notice(.decision, "2026-06-24", received: "2026-06-26")
        let nar = derive(.ethics, .nar, docket, asOf: "2026-06-25")
        let obar = derive(.ethics, .obar, docket, asOf: "2026-06-25")
        #expect(nar[.decisionTransmitted]?.dueOn?.description == "2026-06-27")   // a1.23: 5 days, after counsel's review when one was needed
        #expect(nar[.decisionTransmitted]?.status == .met)
        #expect(obar[.decisionTransmitted]?.dueOn?.description == "2026-07-02")  // a2.14: 10 days after counsel review
        #expect(obar[.decisionTransmitted]?.status == .met)
        #expect(nar[.appeal]?.dueOn?.description == "2026-07-14")   // a1.24: 20 days after transmittal
        #expect(obar[.appeal]?.dueOn?.description == "2026-07-07")  // a2.16: 20 days after the decision is rendered
    }

    @Test func appealReviewHearingNoticeAndDirectorsDecision() throws {
        var docket = filed()
        docket.add(.decisionFiled, "2026-06-17", ["outcome": .text("violation")])
        docket.add(.appealFiled, "2026-07-01", ["basis": .text("discipline")])
        docket.add(.appealHearingScheduled, "2026-07-10", ["hearingOn": .text("2026-07-18")])
        var deadlines = derive(.ethics, .nar, docket, asOf: "2026-07-11")
        #expect(deadlines[.appealReview]?.dueOn?.description == "2026-07-11")   // a1.27: 10 days
        #expect(deadlines[.appealHearing]?.dueOn?.description == "2026-07-31")  // a1.27: ≤ 30 days after receipt
        #expect(deadlines[.appealHearingNotice]?.status == .missed)             // a1.27: ≥ 10 days' notice
        docket.add(.appealHeard, "2026-07-28")
        deadlines = derive(.ethics, .nar, docket, asOf: "2026-07-29")
        #expect(deadlines[.appealHearing]?.status == .met)
        #expect(deadlines[.directorsDecision]?.dueOn?.description == "2026-08-02")  // a1.30: 5 days
        #expect(deadlines[.appealReview]?.status == .missed)
    }

    @Test func responseRequestAndWaiver() throws {
        var docket = filed()
        docket.notice(.responseRequest, "2026-03-20")
        #expect(derive(.ethics, .nar, docket, asOf: "2026-04-20")[.responseRequest]?.status == .lapsed)
        #expect(derive(.ethics, .nar, docket, asOf: "2026-04-20")[.responseRequest]?.explanation.contains("Article 14") == true)
        docket.add(.deadlineWaived, "2026-03-21", ["deadline": .text("response-request"), "reason": .text("GC withdrew the request")])
        #expect(derive(.ethics, .nar, docket, asOf: "2026-04-20")[.responseRequest]?.status == .waived)
    }

    @Test func aWithdrawnCaseMakesOpenWindowsNotApplicable() throws {
        var docket = filed()
        docket.add(.gcForwarded, "2026-04-01")
        docket.notice(.complaintServed, "2026-04-02")
        docket.add(.withdrawn, "2026-04-05")
        #expect(derive(.ethics, .nar, docket, asOf: "2026-05-01")[.reply]?.status == .notApplicable)
    }
}

@Suite("Arbitration and citation time frames (S3 §7, §9)")
struct ArbitrationDeadlineTests {
    @Test func arbitrabilityIs30DaysUnderObarAnd45UnderNar() throws {
        var docket = DocketBuilder()
        docket.add(.arbitrationRequested, "2026-09-21", ["amountCents": .integer(1_245_000), "transactionConcludedOn": .text("2026-08-01")])
        #expect(derive(.arbitration, .obar, docket, asOf: "2026-09-22")[.arbitrability]?.dueOn?.description == "2026-10-21")
        #expect(derive(.arbitration, .nar, docket, asOf: "2026-09-22")[.arbitrability]?.dueOn?.description == "2026-11-05")
        #expect(derive(.arbitration, .obar, docket, asOf: "2026-09-22")[.arbitrationFiling]?.dueOn?.description == "2027-01-28")
    }

    @Test func awardPaymentReviewMotionAndSuitNotice() throws {
        var docket = DocketBuilder()
        docket.add(.arbitrationRequested, "2026-04-06", ["amountCents": .integer(860_000)])
        docket.add(.hearingScheduled, "2026-06-22", ["hearingOn": .text("2026-07-20")])
        docket.add(.awardRendered, "2026-07-21", ["amountCents": .integer(430_000)])
        docket.notice(.award, "2026-07-23", received: "2026-07-27")
        let obar = derive(.arbitration, .obar, docket, asOf: "2026-07-28")
        let nar = derive(.arbitration, .nar, docket, asOf: "2026-07-28")
        #expect(obar[.arbitrationHearingNotice]?.status == .met)                 // a2.21: 28 days ≥ 21
        #expect(obar[.arbitrationPapersToPanel]?.dueOn?.description == "2026-07-15")
        #expect(obar[.awardTransmitted]?.status == .met)                         // b1: 5 days
        #expect(obar[.awardPayment]?.dueOn?.description == "2026-08-06")         // a2.23: 10 days following receipt
        #expect(nar[.awardPayment]?.dueOn?.description == "2026-08-02")          // b3.7: 10 days after transmittal
        #expect(obar[.proceduralReview]?.dueOn?.description == "2026-08-16")     // a2.24: 20 days following receipt
        #expect(obar[.motionToCorrect]?.dueOn?.description == "2026-08-12")      // a2.24: 20 days after service
        docket.notice(.motionToCorrect, "2026-08-05", received: "2026-08-07")
        #expect(derive(.arbitration, .obar, docket, asOf: "2026-08-08")[.motionObjection]?.dueOn?.description == "2026-08-17")  // a2.24: 10 days after receipt
        docket.add(.reviewRequested, "2026-08-10")
        docket.add(.reviewDecided, "2026-09-01", ["outcome": .text("confirmed")])
        let suit = try #require(derive(.arbitration, .obar, docket, asOf: "2026-09-20")[.suitNotice])
        #expect(suit.dueOn?.description == "2026-09-16")                         // a2.25: 15 more days
        #expect(suit.status == .lapsed)
        #expect(suit.explanation.contains("released to the prevailing party"))
    }

    @Test func citationReminderAndHearingRequest() throws {
        var docket = DocketBuilder()
        docket.add(.citationIssued, "2026-11-02", ["standard": .text("Art. 12"), "fineCents": .integer(10_000)])
        docket.notice(.citation, "2026-11-02", received: "2026-11-04")
        let open = derive(.citation, .obar, docket, asOf: "2026-11-10")
        #expect(open[.citationReminder]?.dueOn?.description == "2026-11-14")
        #expect(open[.citationHearingRequest]?.dueOn?.description == "2026-11-24")
        docket.add(.citationAccepted, "2026-11-12")
        let answered = derive(.citation, .obar, docket, asOf: "2026-12-01")
        #expect(answered[.citationReminder]?.status == .met)
        #expect(answered[.citationHearingRequest]?.status == .lapsed)
        #expect(answered[.citationHearingRequest]?.explanation.contains("final and cannot be appealed (a2.31)") == true)
    }
}
