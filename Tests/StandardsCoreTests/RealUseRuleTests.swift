import Foundation
import Testing
@testable import StandardsCore

/// The rules issue 10 found missing in real use: steps out of order, numbers out of range, dates that trap,
/// duties shown to the wrong party, OBAR's own appeal rules, and likely duplicate complaints.
@Suite("Steps in order, numbers in range, each party's own duties (issue 10)")
struct RealUseRuleTests {
    func check(_ type: DocketEntryType, _ date: String, _ payload: Payload = [:], on docket: DocketBuilder,
               profile: RuleProfile = .nar) -> GuardVerdict {
        Guards.check(ProposedEntry(type: type, effectiveOn: CivilDate(date)!, payload: payload), kind: .ethics, docket: docket.entries,
                     profile: profile, calendar: HolidayCalendar())
    }

    /// A complaint taken to the stage named: filed → acknowledged → forwarded → served → decided.
    func docket(through stage: String) -> DocketBuilder {
        var d = DocketBuilder()
        d.add(.complaintFiled, "2026-03-02", ["articles": .text("1, 2"), "transactionConcludedOn": .text("2026-02-02")])
        if stage == "filed" { return d }
        d.add(.complaintAcknowledged, "2026-03-03")
        if stage == "under-review" { return d }
        d.add(.gcForwarded, "2026-03-20")
        if stage == "forwarded" { return d }
        d.notice(.complaintServed, "2026-03-21")
        if stage == "served" { return d }
        d.add(.hearingHeld, "2026-05-20")
        d.add(.decisionFiled, "2026-05-21", ["outcome": .text("violation"), "discipline": .text("reprimand"), "vote": .text("3-0")])
        return d
    }

    @Test func eachIntakeStepIsRefusedOutsideItsStageWithItsRule() {
        // Acknowledging a case at any later stage would send it back to "under review" (a1.5).
        #expect(check(.complaintAcknowledged, "2026-03-03", on: docket(through: "filed")).allowed)
        let again = check(.complaintAcknowledged, "2026-06-01", on: docket(through: "decided"))
        #expect(again.refusals.map(\.code) == ["step_out_of_order"] && again.refusals.first?.rule == "a1.5")
        // The GC decides only what staff took in (a1.6).
        #expect(check(.gcForwarded, "2026-03-10", on: docket(through: "filed")).refusals.first?.rule == "a1.6")
        #expect(check(.gcForwarded, "2026-03-10", on: docket(through: "under-review")).allowed)
        // Serving a complaint still under review would show the respondent what the GC has not sent on (a1.11, S3 5.1.1).
        let early = ProposedEntry(type: .noticeSent, effectiveOn: CivilDate("2026-03-10")!, payload: ["notice": .text("complaint-served")])
        let verdict = Guards.check(early, kind: .ethics, docket: docket(through: "under-review").entries, profile: .nar, calendar: HolidayCalendar())
        #expect(verdict.refusals.first?.rule == "a1.11")
        // Nothing to reply to before service; withdrawal and amendment only before the hearing (a1.11, a1.17, a1.18).
        #expect(check(.replyReceived, "2026-03-25", on: docket(through: "forwarded")).refusals.first?.rule == "a1.11")
        #expect(check(.replyReceived, "2026-03-25", on: docket(through: "served")).allowed)
        #expect(check(.withdrawn, "2026-06-01", on: docket(through: "decided")).refusals.first?.rule == "a1.17")
        #expect(check(.complaintAmended, "2026-06-01", ["articles": .text("1")], on: docket(through: "decided")).refusals.first?.rule == "a1.18")
        #expect(check(.withdrawn, "2026-03-25", on: docket(through: "served")).allowed)
        // A hearing that sat and adjourned to resume has begun: no withdrawal, no amendment (a1.17, a1.18; issue 11).
        var adjourned = docket(through: "served")
        adjourned.add(.hearingScheduled, "2026-04-01", ["hearingOn": .text("2026-05-01")])
        adjourned.add(.hearingAdjourned, "2026-05-01", ["lateWitness": .text("no")])
        #expect(check(.withdrawn, "2026-05-02", on: adjourned).refusals.first?.rule == "a1.17")
        #expect(check(.complaintAmended, "2026-05-02", ["articles": .text("1")], on: adjourned).refusals.first?.rule == "a1.18")
        #expect(check(.withdrawn, "2026-04-02", on: { var d = docket(through: "served"); d.add(.hearingScheduled, "2026-04-01", ["hearingOn": .text("2026-05-01")]); return d }()).allowed)
    }

    @Test func aPartialDismissalIsAppealedAndDecidedWhileTheRestGoesOn() {
        var d = docket(through: "under-review")
        d.add(.gcDismissed, "2026-03-20", ["reason": .text("unworthy"), "articles": .text("2")])
        d.add(.gcForwarded, "2026-03-20", ["articles": .text("1")])
        #expect(CaseProjection.build(kind: .ethics, docket: d.entries).status == .forwarded)
        #expect(DismissalAppeal.isPartial(d.entries))
        d.add(.dismissalAppealed, "2026-03-25", ["explanation": .text("Article 2 applies."), "partial": .text("yes")])
        let projection = CaseProjection.build(kind: .ethics, docket: d.entries)
        #expect(projection.status == .forwarded && projection.directorsMatterPending)
        #expect(check(.dismissalAppealed, "2026-03-26", on: d).refusals.map(\.code) == ["step_out_of_order"], "one appeal at a time")
        d.add(.dismissalAppealDecided, "2026-04-20", ["outcome": .text("confirmed"), "partial": .text("yes")])
        let after = CaseProjection.build(kind: .ethics, docket: d.entries)
        #expect(after.status == .forwarded && !after.directorsMatterPending, "confirming dismisses only the dismissed Article")
        #expect(check(.dismissalAppealDecided, "2026-04-21", ["outcome": .text("confirmed")], on: d).refusals.first?.rule == "a1.10")
        // The Directors' decision is final: the same dismissal is not appealed again (a1.10).
        #expect(check(.dismissalAppealed, "2026-04-22", ["explanation": .text("Again.")], on: d).refusals.map(\.code) == ["dismissal_appeal_decided"])
    }

    @Test func whenTheDirectorsMayActIsStatedOnce() {
        // One rule for the step, the hearing page and the Directors' page (a1.23, a1.25, a1.27; issue 11).
        var d = docket(through: "decided")
        func refusal(_ status: CaseStatus) -> String? { DirectorsAction.refusal(docket: d.entries, status: status)?.rule }
        #expect(refusal(.decided) == "a1.23", "not before the decision is sent to the parties")
        d.notice(.decision, "2026-05-22")
        #expect(refusal(.decided) == nil)
        d.add(.appealFiled, "2026-05-30", ["basis": .text("Too harsh."), "appellant": .text("respondent"), "grounds": .text("discipline")])
        #expect(refusal(.appealed) == "a1.27", "an appeal is heard first")
        d.add(.appealReviewed, "2026-06-05", ["outcome": .text("dismissed")])
        #expect(refusal(.appealed) == nil, "unless the President's review dismissed it")
        #expect(refusal(.appealHeard) == nil && refusal(.beforeDirectors) == nil)
        #expect(refusal(.forwarded) == "a1.25")
    }

    @Test func dateArithmeticSaturatesInsteadOfTrapping() {
        let day = CivilDate("2026-11-30")!
        #expect(day.adding(days: .max) == .latest)
        #expect(day.adding(days: .min) == .earliest)
        #expect(day.adding(months: .max) == .latest && day.adding(months: .min) == .earliest)
        #expect(CivilDate(dayNumber: .max).description == "9999-12-31")
        #expect(HolidayCalendar().adding(workingDays: .max, to: day) == .latest)
        #expect(HolidayCalendar().subtracting(workingDays: .max, from: day) == .earliest)
        #expect(day.adding(days: 20).description == "2026-12-20", "ordinary arithmetic is unchanged")
    }

    @Test func complianceTermsAreBoundedWhereTheyEnter() {
        var d = docket(through: "decided")
        d.notice(.decision, "2026-05-22")
        let huge = check(.finalAction, "2026-07-01", ["action": .text("adopted"), "complianceDays": .text("9223372036854775807")], on: d)
        #expect(huge.refusals.map(\.code) == ["compliance_days_invalid"] && huge.refusals.first?.rule == "a1.32")
        #expect(check(.finalAction, "2026-07-01", ["action": .text("adopted"), "complianceDays": .text("0")], on: d).refusals.first?.code == "compliance_days_invalid")
        #expect(check(.finalAction, "2026-07-01", ["action": .text("adopted"), "complianceDays": .text("60")], on: d).allowed)
        let penalty = check(.finalAction, "2026-07-01", ["action": .text("adopted"), "automaticPenalty": .text("suspension: 9223372036854775807 days")], on: d)
        #expect(penalty.refusals.map(\.code) == ["suspension_out_of_range"])
        let remediable = check(.finalAction, "2026-07-01", ["action": .text("adopted"), "automaticPenalty": .text("remediable suspension: 99999 days")], on: d)
        #expect(remediable.refusals.first?.rule == "b8.2")
        // Even a stored absurd count derives dates without trapping.
        d.add(.finalAction, "2026-07-01", ["action": .text("adopted"), "discipline": .text("fine: 500"), "complianceDays": .text("9223372036854775807")])
        #expect(DisciplineCompliance.items(d.entries, profile: .nar, asOf: CivilDate("2026-07-02")!).first?.dueOn == .latest)
    }

    @Test func stepDatesLieInASensibleWindow() {
        let today = CivilDate("2026-11-30")!
        #expect(EntryDates.refusal(CivilDate("9999-12-31")!, field: "effectiveOn", today: today)?.code == "date_out_of_range")
        #expect(EntryDates.refusal(CivilDate("2023-12-01")!, field: "effectiveOn", today: today) == nil, "paper records back-dated up to three years")
        #expect(EntryDates.refusal(CivilDate("2023-11-29")!, field: "effectiveOn", today: today) != nil)
        #expect(EntryDates.refusal(CivilDate("2026-12-01")!, field: "receivedOn", today: today, notAfterToday: true)?.code == "date_in_future")
        let entry = ProposedEntry(type: .hearingScheduled, effectiveOn: today, payload: ["hearingOn": .text("9999-12-31")])
        #expect(EntryValidation.check(entry, kind: .ethics, docket: []).map(\.code) == ["invalid_payload_field"])
    }

    @Test func eachPartySeesOnlyItsOwnDuties() {
        #expect(PartyDuties.concerns(.dismissalAppeal, [.complainant]))
        #expect(!PartyDuties.concerns(.dismissalAppeal, [.respondent]), "the respondent is not told the complainant may appeal")
        #expect(PartyDuties.concerns(.reply, [.respondent]) && !PartyDuties.concerns(.reply, [.complainant]))
        #expect(!PartyDuties.concerns(.reply, [.principalOfRespondent]), "the principal is copied; the reply is the respondent's")
        var d = docket(through: "decided")
        d.add(.appealFiled, "2026-05-30", ["basis": .text("x"), "appellant": .text("respondent"), "grounds": .text("discipline")])
        #expect(PartyDuties.concerns(.appealAmendment, [.respondent], docket: d.entries))
        #expect(!PartyDuties.concerns(.appealAmendment, [.complainant], docket: d.entries))
        #expect(CommitteeDuties.concerns(.panelNamed, [.pscChair]) && !CommitteeDuties.concerns(.panelNamed, [.panelist]))
        #expect(CommitteeDuties.concerns(.gcReview, [.grievanceCommittee]) && CommitteeDuties.concerns(.dismissalAppealDecision, [.director]))
    }

    @Test func obarAppealsNeedFiveHundredDollarsAndPetitionsForRehearingMoveTheWindow() {
        var d = docket(through: "decided")
        // S3 5.4.2: "the sum of $500.00"; NAR only caps it (a1.26).
        #expect(check(.appealFiled, "2026-05-30", ["basis": .text("x"), "depositCents": .integer(25_000)], on: d, profile: .obar).refusals.map(\.code) == ["appeal_deposit_required"])
        #expect(check(.appealFiled, "2026-05-30", ["basis": .text("x"), "depositCents": .integer(25_000)], on: d, profile: .nar).allowed)
        // NAR offers no petition for rehearing.
        #expect(check(.rehearingPetitioned, "2026-05-25", ["petitioner": .text("respondent"), "basis": .text("x")], on: d).refusals.first?.code == "rehearing_not_offered")
        // OBAR: while a petition is pending no appeal is filed and no appeal window runs (S3 5.4.1, a2.16).
        #expect(check(.rehearingPetitioned, "2026-05-25", ["petitioner": .text("respondent"), "basis": .text("x")], on: d, profile: .obar).allowed)
        d.add(.rehearingPetitioned, "2026-05-25", ["petitioner": .text("respondent"), "basis": .text("x")])
        #expect(check(.appealFiled, "2026-05-30", ["basis": .text("x"), "depositCents": .integer(50_000)], on: d, profile: .obar).refusals.map(\.code) == ["rehearing_pending"])
        func deadlines(_ asOf: String) -> [Deadline] {
            DeadlineDerivation.derive(DeadlineInput(kind: .ethics, profile: .obar, calendar: HolidayCalendar(), docket: d.entries, asOf: CivilDate(asOf)!))
        }
        #expect(!deadlines("2026-06-01").contains { $0.key == .appeal || $0.key == .appealAfterRehearingDenied })
        // Denied on 2026-06-15: the appeal is due 10 days later, 2026-06-25, well after the 20 days from the decision.
        d.add(.rehearingDecided, "2026-06-15", ["outcome": .text("denied")])
        #expect(deadlines("2026-06-16").first { $0.key == .appealAfterRehearingDenied }?.dueOn == CivilDate("2026-06-25"))
        #expect(check(.appealFiled, "2026-06-25", ["basis": .text("x"), "depositCents": .integer(50_000)], on: d, profile: .obar).allowed)
        #expect(check(.appealFiled, "2026-06-26", ["basis": .text("x"), "depositCents": .integer(50_000)], on: d, profile: .obar).refusals.first?.code == "appeal_too_late")
    }

    @Test func localDifferencesAreProfileOptionsThatOlderFilesStillLoad() throws {
        // OBAR's differences are fields, round-tripped through the JSON `psdesk profiles` reads and writes.
        let obar = try RuleProfiles.decode(try JSONEncoder().encode(RuleProfile.obar))
        #expect(obar.rehearingPetitions && obar.appealDepositRequired && obar.continuanceReasonsInWriting && obar.copyRespondentPrincipal)
        #expect(obar.fineCapRule == "a2.15")
        // A profile file written before these options existed loads with NAR's behaviour.
        var json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(RuleProfile.nar)) as! [String: Any]
        for key in ["rehearingPetitions", "appealDepositRequired", "fineCapRule", "continuanceReasonsInWriting", "copyRespondentPrincipal"] { json[key] = nil }
        let older = try RuleProfiles.decode(try JSONSerialization.data(withJSONObject: json))
        #expect(!older.rehearingPetitions && !older.appealDepositRequired && older.fineCapRule == "b8.1" && !older.copyRespondentPrincipal)
        // A custom profile may take one OBAR option without the others.
        var custom = RuleProfile.nar
        custom.continuanceReasonsInWriting = true
        var d = docket(through: "served")
        d.add(.panelNamed, "2026-04-01", ["members": .text("A, B, C")])
        d.add(.hearingScheduled, "2026-04-02", ["hearingOn": .text("2026-05-20")])
        let unexplained = check(.hearingContinued, "2026-04-10", ["hearingOn": .text("2026-06-10"), "basis": .text("all-parties-agree")], on: d, profile: custom)
        #expect(unexplained.refusals.first?.rule == "a2.13")
        #expect(check(.hearingContinued, "2026-04-10", ["hearingOn": .text("2026-06-10"), "basis": .text("all-parties-agree")], on: d).allowed)
    }

    @Test func theSameComplainantRespondentAndDatesAreFlaggedAsLikelyDuplicates() {
        let a = ComplaintFingerprint(complainants: ["Nora Beacham nora@example.com"], respondents: ["Grant Scarborough"],
                                     transactionConcludedOn: "2026-10-01", factsKnownOn: nil)
        let reload = ComplaintFingerprint(complainants: ["nora  beacham NORA@example.com"], respondents: ["grant scarborough"],
                                          transactionConcludedOn: "2026-10-01", factsKnownOn: nil)
        let other = ComplaintFingerprint(complainants: ["Nora Beacham nora@example.com"], respondents: ["Grant Scarborough"],
                                         transactionConcludedOn: "2026-09-01", factsKnownOn: nil)
        let flagged = ComplaintFingerprint.duplicates([(id: 1, fingerprint: a), (id: 2, fingerprint: reload), (id: 3, fingerprint: other)])
        #expect(flagged[1] == [2] && flagged[2] == [1] && flagged[3] == nil)
    }

    @Test func everyRuleIdTheDigestsStateIsInTheCatalog() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Resources/Rules").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        let catalog = RuleCatalog(markdown: try files.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) })
        #expect(catalog.rule("a1.16")?.statement.contains("Notice of hearing") == true)
        #expect(catalog.rule("a2.16")?.statement.contains("500") == true)
        #expect(catalog.rule("b8.2") != nil && catalog.rule("z9.9") == nil)
        #expect(catalog.rules.count > 140)
    }
}
