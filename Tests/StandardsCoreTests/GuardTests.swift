import Foundation
import Testing
@testable import StandardsCore

@Suite("Guards: refusals name their rule; late actions a panel may accept pass with a warning")
struct GuardTests {
    func check(_ type: DocketEntryType, _ date: String, _ payload: Payload, on docket: DocketBuilder, kind: CaseKind = .ethics,
               profile: RuleProfile = .nar) -> GuardVerdict {
        Guards.check(ProposedEntry(type: type, effectiveOn: CivilDate(date)!, payload: payload), kind: kind, docket: docket.entries,
                     profile: profile, calendar: HolidayCalendar())
    }

    func filed() -> DocketBuilder {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-02")])
        return docket
    }

    @Test func hearingWithLessThan21DaysNoticeIsRefused() {
        let verdict = check(.hearingScheduled, "2026-05-01", ["hearingOn": .text("2026-05-21")], on: filed())
        #expect(verdict.refusals.map(\.code) == ["hearing_notice_too_short"])
        #expect(verdict.refusals.first?.rule == "a1.16")
        #expect(check(.hearingScheduled, "2026-05-01", ["hearingOn": .text("2026-05-22")], on: filed()).allowed)
        // Arbitration: a2.21; an appeal hearing: 10 days (a1.27).
        #expect(check(.hearingScheduled, "2026-05-01", ["hearingOn": .text("2026-05-10")], on: DocketBuilder(), kind: .arbitration).refusals.first?.rule == "a2.21")
        #expect(check(.appealHearingScheduled, "2026-05-01", ["hearingOn": .text("2026-05-10")], on: filed()).refusals.first?.rule == "a1.27")
        #expect(check(.appealHearingScheduled, "2026-05-01", ["hearingOn": .text("2026-05-11")], on: filed()).allowed)
    }

    @Test func complainantMayAppealOnlyOnProceduralGrounds() {
        var docket = filed()
        docket.add(.decisionFiled, "2026-06-17", ["outcome": .text("no-violation")])
        let sanction = check(.appealFiled, "2026-06-20", ["basis": .text("too lenient"), "appellant": .text("complainant"), "grounds": .text("discipline")], on: docket)
        #expect(sanction.refusals.map(\.rule) == ["a1.24"])
        let procedural = check(.appealFiled, "2026-06-20", ["basis": .text("denied a witness"), "appellant": .text("complainant"), "grounds": .text("procedural")], on: docket)
        #expect(procedural.allowed)
        let respondent = check(.appealFiled, "2026-06-20", ["basis": .text("too harsh"), "appellant": .text("respondent"), "grounds": .text("discipline")], on: docket)
        #expect(respondent.allowed)
    }

    @Test func appealDepositOverTheCapIsRefused() {
        var docket = filed()
        docket.add(.decisionFiled, "2026-06-17", ["outcome": .text("violation")])
        let over = check(.appealFiled, "2026-06-20", ["basis": .text("x"), "depositCents": .integer(50_001)], on: docket)
        #expect(over.refusals.map(\.code) == ["appeal_deposit_over_cap"])
        #expect(over.refusals.first?.rule == "a1.26")
        #expect(check(.appealFiled, "2026-06-20", ["basis": .text("x"), "depositCents": .integer(50_000)], on: docket).allowed)
    }

    @Test func lateAppealsAndChallengesAreRefused() {
        var docket = filed()
        docket.add(.decisionFiled, "2026-06-17", ["outcome": .text("violation")])
        // OBAR: 20 days after the decision is rendered (a2.16) → last day 2026-07-07.
        let obarAppeal: Payload = ["basis": .text("x"), "depositCents": .integer(50_000)]
        #expect(check(.appealFiled, "2026-07-07", obarAppeal, on: docket, profile: .obar).allowed)
        #expect(check(.appealFiled, "2026-07-08", obarAppeal, on: docket, profile: .obar).refusals.first?.rule == "a2.16")
        var listed = filed()
        listed.notice(.panelList, "2026-05-04")
        #expect(check(.challengeFiled, "2026-05-14", ["challenged": .text("A"), "reason": .text("same firm")], on: listed).allowed)
        let late = check(.challengeFiled, "2026-05-15", ["challenged": .text("A"), "reason": .text("same firm")], on: listed)
        #expect(late.refusals.map(\.code) == ["challenge_too_late"])
        #expect(late.refusals.first?.rule == "a1.14")
        var dismissed = filed()
        dismissed.add(.complaintAcknowledged, "2026-03-03")
        dismissed.add(.gcDismissed, "2026-04-01", ["reason": .text("unworthy")])
        dismissed.notice(.dismissal, "2026-04-02", received: "2026-04-06")
        #expect(check(.dismissalAppealed, "2026-04-23", [:], on: dismissed).refusals.first?.rule == "a1.10")
        #expect(check(.dismissalAppealed, "2026-04-23", [:], on: dismissed, profile: .obar).allowed, "OBAR counts from receipt (a2.10)")
    }

    @Test func aLateReplyPassesWithAWarning() {
        var docket = filed()
        docket.add(.complaintAcknowledged, "2026-03-03")
        docket.add(.gcForwarded, "2026-04-01")
        docket.notice(.complaintServed, "2026-04-02")
        let verdict = check(.replyReceived, "2026-04-20", [:], on: docket)
        #expect(verdict.allowed)
        #expect(verdict.warnings.map(\.rule) == ["a1.11"])
        #expect(check(.replyReceived, "2026-04-17", [:], on: docket).warnings.isEmpty)
    }

    @Test func aLateComplaintIsReceivedWithAWarning() {
        let verdict = check(.complaintFiled, "2026-09-01", ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-02")], on: DocketBuilder())
        #expect(verdict.allowed)
        #expect(verdict.warnings.first?.rule == "a1.2")
        #expect(verdict.warnings.first?.message.contains("31 days late") == true)
    }

    @Test func profilesRoundTripThroughJSONAndValidate() throws {
        for profile in RuleProfiles.builtIn {
            #expect(profile.problems().isEmpty, "\(profile.name)")
            let data = try RuleProfiles.encode(profile)
            #expect(try RuleProfiles.decode(data) == profile)
        }
        var broken = RuleProfiles.obar
        broken.windows["reply"] = nil
        broken.appealDepositCapCents = 60_000
        var unruled = WindowRule(3, rule: .a1_11)
        unruled.rule = ""
        broken.windows["made-up"] = unruled
        let problems = broken.problems()
        #expect(problems.contains("window reply is missing (a1.11)"))
        #expect(problems.contains("appealDepositCapCents exceeds the $500 cap (a1.26)"))
        #expect(problems.contains("window made-up is not a known time frame"))
        #expect(throws: ProfileError.self) { try RuleProfiles.decode(try RuleProfiles.encode(broken)) }
    }

    @Test func aCaseUsesTheProfileVersionInForceOnItsFilingDate() {
        var older = RuleProfiles.nar
        older.effectiveFrom = CivilDate("2020-01-01")!
        older.windows["reply"] = WindowRule(10, rule: .a1_11)
        let versions = [older, RuleProfiles.nar]
        #expect(RuleProfiles.profile(named: "nar", on: CivilDate("2022-05-01")!, from: versions)?.window(.reply)?.days == 10)
        #expect(RuleProfiles.profile(named: "nar", on: CivilDate("2026-05-01")!, from: versions)?.window(.reply)?.days == 15)
        #expect(RuleProfiles.profile(named: "nope", on: CivilDate("2026-05-01")!) == nil)
    }

    @Test func membershipGapsBecomeSuspensions() {
        let gaps = MembershipGaps.nonMemberPeriods([(CivilDate("2010-01-15")!, CivilDate("2026-02-28")!), (CivilDate("2026-05-01")!, nil)],
                                                   until: CivilDate("2026-11-23")!)
        #expect(gaps == [SuspensionInterval(start: CivilDate("2026-02-28")!, end: CivilDate("2026-05-01")!, reason: "respondent not a member (a1.4)")])
        let left = MembershipGaps.nonMemberPeriods([(CivilDate("2010-01-15")!, CivilDate("2026-06-30")!)], until: CivilDate("2026-11-23")!)
        #expect(left.first?.days == 146)
    }
}

@Suite("Guards for dismissal appeals, refiling and the appeal amendment window (a1.10, a1.17, a1.27)")
struct MoreGuardTests {
    @Test func aPartyCannotAddMaterialWhileADismissalAppealIsPending() {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1")])
        docket.add(.gcDismissed, "2026-04-01", ["reason": .text("unworthy")])
        docket.add(.dismissalAppealed, "2026-04-10", ["explanation": .text("The GC misread the contract.")])
        let upload = ProposedEntry(type: .documentFiled, effectiveOn: CivilDate("2026-04-12")!, payload: ["title": .text("New evidence")])
        let byParty = Guards.check(upload, kind: .ethics, docket: docket.entries, profile: .nar, calendar: HolidayCalendar(), byParty: true)
        #expect(byParty.refusals.map(\.rule) == ["a1.10"])
        #expect(Guards.check(upload, kind: .ethics, docket: docket.entries, profile: .nar, calendar: HolidayCalendar(), byParty: false).allowed,
                "staff still files the Directors' papers")
    }

    @Test func refilingIsRefusedOnceForwardingWasTransmitted() {
        var early = DocketBuilder()
        early.add(.complaintFiled, "2026-03-02", ["articles": .text("1")])
        early.add(.withdrawn, "2026-03-20")
        var late = DocketBuilder()
        late.add(.complaintFiled, "2026-03-02", ["articles": .text("1")])
        late.add(.gcForwarded, "2026-04-01")
        late.notice(.complaintServed, "2026-04-02")
        late.add(.withdrawn, "2026-04-20")
        let refile = ProposedEntry(type: .complaintFiled, effectiveOn: CivilDate("2026-05-01")!,
                                   payload: ["articles": .text("1"), "refiles": .text("E-2026-0001"), "transactionConcludedOn": .text("2026-02-02")])
        #expect(Guards.check(refile, kind: .ethics, docket: [], profile: .nar, calendar: HolidayCalendar(), refiledDocket: early.entries).allowed)
        let refused = Guards.check(refile, kind: .ethics, docket: [], profile: .nar, calendar: HolidayCalendar(), refiledDocket: late.entries)
        #expect(refused.refusals.map(\.code) == ["refiling_after_forwarding"])
        #expect(refused.refusals.first?.rule == "a1.17")
    }

    @Test func anAppealReturnedForDetailHasTenDaysToBeAmended() throws {
        var docket = DocketBuilder()
        docket.add(.decisionFiled, "2026-06-17", ["outcome": .text("violation")])
        docket.add(.appealFiled, "2026-07-01", ["basis": .text("unfair")])
        docket.add(.appealReviewed, "2026-07-08", ["outcome": .text("returned-for-detail")])
        let open = try #require(derive(.ethics, .nar, docket, asOf: "2026-07-09")[.appealAmendment])
        #expect(open.dueOn?.description == "2026-07-18")
        #expect(open.rule == "a1.27")
        docket.add(.appealAmended, "2026-07-15", ["basis": .text("The panel refused a witness (procedural).")])
        #expect(derive(.ethics, .nar, docket, asOf: "2026-07-20")[.appealAmendment]?.status == .met)
    }

    @Test func underNarCounselReviewMovesTheTransmittalClock() throws {
        var docket = DocketBuilder()
        docket.add(.decisionFiled, "2026-06-17", ["outcome": .text("violation")])
        #expect(derive(.ethics, .nar, docket, asOf: "2026-06-18")[.decisionTransmitted]?.dueOn?.description == "2026-06-22")
        docket.add(.counselReviewed, "2026-06-25")
        #expect(derive(.ethics, .nar, docket, asOf: "2026-06-26")[.decisionTransmitted]?.dueOn?.description == "2026-06-30")
    }
}

@Suite("Complainants are added or substituted only by mutual agreement (a1.18)")
struct ComplainantChangeTests {
    @Test func aNewComplainantAfterFilingNeedsBothPartiesAgreement() {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1")])
        let person = UUID().uuidString
        func check(_ payload: Payload) -> GuardVerdict {
            Guards.check(ProposedEntry(type: .partyAdded, effectiveOn: CivilDate("2026-03-10")!, payload: payload), kind: .ethics,
                         docket: docket.entries, profile: .nar, calendar: HolidayCalendar())
        }
        #expect(check(["personId": .text(person), "role": .text("complainant")]).refusals.map(\.rule) == ["a1.18"])
        #expect(check(["personId": .text(person), "role": .text("complainant"), "mutualAgreement": .text("yes")]).allowed)
        #expect(check(["personId": .text(person), "role": .text("respondent")]).allowed, "respondents may be added (by the GC, a1.6)")
    }
}
