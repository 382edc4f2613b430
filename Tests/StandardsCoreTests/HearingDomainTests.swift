import Foundation
import Testing
import PropertyBased
@testable import StandardsCore

@Suite("Panel projection, ledger, compliance, final notices and money (issue 6)")
struct HearingDomainTests {
    let a = UUID(), b = UUID(), c = UUID(), d = UUID()

    func check(_ type: DocketEntryType, _ date: String, _ payload: Payload, _ docket: DocketBuilder, _ profile: RuleProfile = .nar) -> GuardVerdict {
        Guards.check(ProposedEntry(type: type, effectiveOn: CivilDate(date)!, payload: payload), kind: .ethics, docket: docket.entries,
                     profile: profile, calendar: HolidayCalendar())
    }

    func listed() -> DocketBuilder {
        var docket = DocketBuilder()
        docket.add(.complaintFiled, "2026-03-02", ["articles": .text("1")])
        docket.add(.noticeSent, "2026-05-04", ["notice": .text("panel-list"), "people": .text([a, b, c, d].map(\.uuidString).joined(separator: ","))])
        return docket
    }

    @Test func challengesRulingsAndConflictsShapeThePanel() {
        var docket = listed()
        // A challenge names a listed member (a1.14); a stranger to the list is refused.
        #expect(check(.challengeFiled, "2026-05-06", ["personId": .text(UUID().uuidString), "challenged": .text("X"), "reason": .text("r")], docket)
            .refusals.map(\.code) == ["not_on_panel_list"])
        docket.add(.challengeFiled, "2026-05-06", ["personId": .text(c.uuidString), "challenged": .text("C"), "reason": .text("business associate")])
        // Naming waits for the ruling; a ruling needs a pending challenge.
        let names: Payload = ["members": .text("A, B, D"), "memberIds": .text("\(a),\(b),\(d)"), "chairId": .text(a.uuidString)]
        #expect(check(.panelNamed, "2026-05-15", names, docket).refusals.map(\.code) == ["challenges_pending"])
        #expect(check(.challengeRuled, "2026-05-15", ["personId": .text(a.uuidString), "outcome": .text("denied")], docket).refusals.map(\.code) == ["no_pending_challenge"])
        docket.add(.challengeRuled, "2026-05-15", ["personId": .text(c.uuidString), "outcome": .text("upheld")])
        #expect(HearingPanel.build(docket.entries).disqualified == [c])
        #expect(check(.panelNamed, "2026-05-16", ["members": .text("A, C, D"), "memberIds": .text("\(a),\(c),\(d)"), "chairId": .text(a.uuidString)], docket)
            .refusals.map(\.code) == ["panelist_disqualified"])
        #expect(check(.panelNamed, "2026-05-16", ["members": .text("A, B, D"), "memberIds": .text("\(a),\(b),\(d)"), "chairId": .text(c.uuidString)], docket)
            .refusals.map(\.code) == ["chair_not_on_panel"])
        docket.add(.panelNamed, "2026-05-16", names)
        // A conflict empties the seat; the replacement takes it and keeps the chair (b7.3).
        docket.add(.panelistConflict, "2026-05-18", ["personId": .text(b.uuidString), "disclosure": .text("sold the complainant a house")])
        var panel = HearingPanel.build(docket.entries)
        #expect(panel.vacancies == [b])
        #expect(panel.seated.map(\.personId) == [a, d])
        #expect(check(.panelNamed, "2026-05-19", ["members": .text("x"), "memberIds": .text(c.uuidString), "replaces": .text(b.uuidString)], docket)
            .refusals.map(\.code) == ["panelist_disqualified"])
        let newcomer = UUID()
        docket.add(.panelNamed, "2026-05-19", ["members": .text("A, N, D"), "memberIds": .text(newcomer.uuidString), "replaces": .text(b.uuidString)])
        panel = HearingPanel.build(docket.entries)
        #expect(panel.members == [a, newcomer, d])
        #expect(panel.chair == a)
        #expect(panel.vacancies.isEmpty)
        #expect(panel.uncertified == [a, newcomer, d])
        // The replacement leaves the case where it was.
        #expect(CaseProjection.build(kind: .ethics, docket: docket.entries).status == .panelNamed)
    }

    @Test func anAdjournedHearingResumesInsideItsWindow() {
        var docket = listed()
        docket.add(.hearingScheduled, "2026-05-20", ["hearingOn": .text("2026-06-10")])
        docket.add(.hearingAdjourned, "2026-06-10", ["lateWitness": .text("yes")])
        // Late witness: 5 to 30 days (a1.19), not 21 days' notice.
        #expect(check(.hearingScheduled, "2026-06-11", ["hearingOn": .text("2026-06-14")], docket).refusals.map(\.rule) == ["a1.19"])
        #expect(check(.hearingScheduled, "2026-06-11", ["hearingOn": .text("2026-06-15")], docket).allowed)
        #expect(check(.hearingScheduled, "2026-06-11", ["hearingOn": .text("2026-07-11")], docket).refusals.map(\.rule) == ["a1.19"])
        var plain = listed()
        plain.add(.hearingScheduled, "2026-05-20", ["hearingOn": .text("2026-06-10")])
        plain.add(.hearingAdjourned, "2026-06-10", ["lateWitness": .text("no")])
        #expect(check(.hearingScheduled, "2026-06-11", ["hearingOn": .text("2026-06-24")], plain).refusals.map(\.rule) == ["a1.19"])
        #expect(check(.hearingScheduled, "2026-06-11", ["hearingOn": .text("2026-06-25")], plain).allowed)
    }

    @Test func aDecisionNeedsASimpleMajority() {
        #expect(Guards.voteRefusals("2-1").isEmpty)
        #expect(Guards.voteRefusals("3 - 0").isEmpty)
        #expect(Guards.voteRefusals("1-1").map(\.rule) == ["a1.22"])
        #expect(Guards.voteRefusals("2-2-1").map(\.rule) == ["a1.22"])
        #expect(Guards.voteRefusals("unanimous").map(\.rule) == ["a1.22"])
    }

    func appealed(deposit: Int, discipline: String = "reprimand; fine: 1500.00") -> DocketBuilder {
        var docket = listed()
        docket.add(.hearingHeld, "2026-06-16")
        docket.add(.decisionFiled, "2026-06-17", ["outcome": .text("violation"), "discipline": .text(discipline)])
        docket.add(.appealFiled, "2026-06-26", ["basis": .text("too harsh"), "appellant": .text("respondent"), "grounds": .text("discipline"), "depositCents": .integer(deposit)])
        return docket
    }

    @Test func theAppealIsHeardWithinThirtyDaysOfReceipt() {
        let docket = appealed(deposit: 50_000)
        let late = check(.appealHearingScheduled, "2026-07-01", ["hearingOn": .text("2026-07-30")], docket)
        #expect(late.allowed && late.warnings.map(\.rule) == ["a1.27"])
        let onTime = check(.appealHearingScheduled, "2026-07-01", ["hearingOn": .text("2026-07-20")], docket)
        #expect(onTime.allowed && onTime.warnings.isEmpty)
        // Ten days' notice still holds (a1.27).
        #expect(check(.appealHearingScheduled, "2026-07-15", ["hearingOn": .text("2026-07-20")], docket).refusals.map(\.rule) == ["a1.27"])
    }

    @Test func theDepositFollowsTheOutcome() {
        let docket = appealed(deposit: 50_000)
        func refusals(_ payload: Payload) -> [String] { check(.finalAction, "2026-07-17", payload, docket).refusals.map(\.code) }
        #expect(refusals(["action": .text("adopted")]) == ["deposit_disposition_required"])
        #expect(refusals(["action": .text("adopted"), "depositDisposition": .text("refunded")]) == ["deposit_follows_outcome"])
        #expect(refusals(["action": .text("dismissed"), "depositDisposition": .text("to-treasury")]) == ["deposit_follows_outcome"])
        #expect(refusals(["action": .text("adopted"), "depositDisposition": .text("to-treasury")]).isEmpty)
        #expect(refusals(["action": .text("modified"), "discipline": .text("reprimand"), "depositDisposition": .text("split"), "refundCents": .integer(60_000)])
            == ["refund_out_of_range"])
        #expect(refusals(["action": .text("modified"), "discipline": .text("reprimand"), "depositDisposition": .text("split"), "refundCents": .integer(20_000)]).isEmpty)
        #expect(check(.finalAction, "2026-07-17", ["action": .text("adopted"), "depositDisposition": .text("refunded")], listed()).refusals.map(\.code) == ["no_deposit_held"])
    }

    @Test func theLedgerPostsDepositsFinesFeesAndPayments() {
        var docket = appealed(deposit: 50_000)
        docket.add(.finalAction, "2026-07-17", ["action": .text("modified"), "discipline": .text("reprimand; fine: 500.00"),
                                                "depositDisposition": .text("split"), "refundCents": .integer(20_000)])
        let nar = CaseLedger.build(docket.entries, profile: .nar)
        #expect(nar.balance(.depositsHeld) == 0)
        #expect(nar.balance(.treasury) == 30_000)
        #expect(nar.balance(.respondentOwes) == 50_000)
        #expect(nar.isBalanced)
        // OBAR adds its $500 processing fee for a violation (a2.6).
        #expect(CaseLedger.build(docket.entries, profile: .obar).balance(.respondentOwes) == 100_000)
        // A payment over what is owed is refused (b8.1); one that fits clears it.
        #expect(check(.disciplineCompliance, "2026-07-20", ["event": .text("fine-paid"), "amountCents": .integer(50_001)], docket).refusals.map(\.code) == ["payment_not_owed"])
        docket.add(.disciplineCompliance, "2026-07-20", ["event": .text("fine-paid"), "amountCents": .integer(50_000)])
        let paid = CaseLedger.build(docket.entries, profile: .nar)
        #expect(paid.balance(.respondentOwes) == 0)
        #expect(paid.balance(.treasury) == 80_000)
    }

    @Test func theLedgerAlwaysBalancesAndHoldsNothingNegative() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...50_000), Gen.int(in: 0...1_500_000), Gen.int(in: 0...3), Gen.int(in: 0...60_000)) { deposit, fine, choice, refund in
            let action = ["adopted", "modified", "dismissed", "modified"][choice]
            let disposition = ["to-treasury", "split", "refunded", "refunded"][choice]
            var docket = appealed(deposit: deposit, discipline: "fine: \(Money.format(fine))")
            let payload: Payload = ["action": .text(action), "discipline": .text("fine: \(Money.format(fine / 2))"),
                                    "depositDisposition": .text(disposition), "refundCents": .integer(refund)]
            let verdict = check(.finalAction, "2026-07-17", payload, docket)
            guard verdict.allowed else { return }
            docket.add(.finalAction, "2026-07-17", payload)
            let ledger = CaseLedger.build(docket.entries, profile: .obar)
            #expect(ledger.isBalanced)
            #expect(ledger.balance(.depositsHeld) == 0)
            #expect(ledger.balance(.respondentOwes) >= 0)
            // Before any payment, every deposited cent is either in the treasury or back with the appellant (a1.29).
            #expect(ledger.balance(.treasury) + ledger.balance(.parties) == 0)
            #expect(ledger.balance(.treasury) >= 0 && ledger.balance(.treasury) <= deposit)
        }
    }

    @Test func complianceTracksDueDatesPenaltiesAbeyanceAndJudgments() {
        var docket = appealed(deposit: 0, discipline: "reprimand; course: Code of Ethics; fine: 500.00; suspension: 30 days")
        docket.add(.finalAction, "2026-07-17", ["action": .text("adopted"), "complianceDays": .text("20"), "automaticPenalty": .text("suspension: 30 days")])
        var items = DisciplineCompliance.items(docket.entries, profile: .nar, asOf: CivilDate("2026-07-20")!)
        #expect(items.map(\.status) == [.done, .due, .due, .inForce])
        #expect(items[1].dueOn?.description == "2026-08-06")
        items = DisciplineCompliance.items(docket.entries, profile: .nar, asOf: CivilDate("2026-08-20")!)
        #expect(items[1].status == .overdue)
        #expect(items[1].note.contains("automatic penalty applies (suspension: 30 days)"))
        #expect(items[3].status == .served)
        // The stated penalty applies by itself the day after the due date (a1.32).
        #expect(items.count == 5 && items[4].sanction == "suspension of 30 days (automatic)")
        #expect(items[4].status == .inForce && items[4].note == "from 2026-08-07 to 2026-09-06, for non-compliance")
        // Non-compliance goes to the Directors only after the member may explain (a1.32).
        #expect(check(.disciplineCompliance, "2026-08-20", ["event": .text("referred-to-directors")], docket).refusals.map(\.rule) == ["a1.32"])
        // The respondent leaves every association: held in abeyance; on rejoining the time runs again (a1.12).
        docket.add(.disciplineCompliance, "2026-08-21", ["event": .text("abeyance")])
        #expect(DisciplineCompliance.items(docket.entries, profile: .nar, asOf: CivilDate("2026-09-01")!).allSatisfy { $0.status == .heldInAbeyance })
        docket.add(.disciplineCompliance, "2027-01-04", ["event": .text("revived")])
        let revived = DisciplineCompliance.items(docket.entries, profile: .nar, asOf: CivilDate("2027-01-05")!)
        #expect(revived[1].dueOn?.description == "2027-01-24")
        #expect(revived[1].status == .due)
        // Contingent on a declaratory judgment (a1.33).
        var contingent = appealed(deposit: 0)
        contingent.add(.finalAction, "2026-07-17", ["action": .text("adopted"), "contingentOnJudgment": .text("yes")])
        #expect(DisciplineCompliance.items(contingent.entries, profile: .nar, asOf: CivilDate("2026-07-20")!).allSatisfy { $0.status == .contingent })
        // Referrals back to a panel impose nothing yet.
        var referred = appealed(deposit: 0)
        referred.add(.finalAction, "2026-07-17", ["action": .text("new-panel")])
        #expect(DisciplineCompliance.items(referred.entries, profile: .nar, asOf: CivilDate("2026-07-20")!).isEmpty)
        #expect(CaseProjection.build(kind: .ethics, docket: referred.entries).status == .forwarded)
    }

    @Test func theDirectorsMayAddSanctionsOnlyForNonCompliance() {
        var docket = appealed(deposit: 0, discipline: "fine: 500.00")
        docket.add(.finalAction, "2026-07-17", ["action": .text("adopted")])
        let harsher: Payload = ["action": .text("modified"), "discipline": .text("fine: 500.00; suspension: 60 days")]
        #expect(check(.finalAction, "2026-09-01", harsher, docket).refusals.map(\.rule) == ["a1.25"])
        docket.add(.disciplineCompliance, "2026-08-20", ["event": .text("explanation-invited")])
        docket.add(.disciplineCompliance, "2026-09-01", ["event": .text("referred-to-directors")])
        #expect(CaseProjection.build(kind: .ethics, docket: docket.entries).status == .beforeDirectors)
        #expect(check(.finalAction, "2026-09-10", harsher, docket).allowed)
        // The later action replaces the earlier one: the $500 fine is owed once, not twice; a higher fine adds only the difference.
        docket.add(.disciplineCompliance, "2026-09-05", ["event": .text("fine-paid"), "amountCents": .integer(20_000)])
        docket.add(.finalAction, "2026-09-10", harsher)
        #expect(CaseLedger.build(docket.entries, profile: .nar).balance(.respondentOwes) == 30_000)
        docket.add(.finalAction, "2026-09-20", ["action": .text("modified"), "discipline": .text("fine: 800.00")])
        let ledger = CaseLedger.build(docket.entries, profile: .nar)
        #expect(ledger.balance(.respondentOwes) == 60_000)
        #expect(ledger.balance(.treasury) == 20_000)
        #expect(ledger.isBalanced)
    }

    @Test func finalActionNoticesFollowThePublicationOption() {
        let suspension: [Sanction] = [.suspension(days: 60, remediable: false)]
        let nar = FinalActionNotice.recipients(action: .adopted, sanctions: suspension, profile: .nar, otherAssociations: ["Albemarle"], agencies: ["Commission"])
        #expect(nar.map(\.to) == ["Complainant", "Respondent", "Board of Directors", "Professional Standards Administrator, Albemarle", "Commission",
                                  "The membership (suspension or expulsion only)"])
        #expect(nar.first { $0.to == "Commission" }?.redacted == true)
        // Heard under a regional agreement, the respondent's home signatory ratifies or implements it (appendix (5)(d));
        // an association outside the agreement is told as before (a1.31).
        let regional = FinalActionNotice.recipients(action: .adopted, sanctions: suspension, profile: .nar, otherAssociations: ["Albemarle", "Elsewhere"],
                                                    agencies: [], signatories: ["Albemarle", "OBAR"])
        #expect(regional.contains { $0.to == "Professional Standards Administrator, Albemarle, for ratification or implementation (appendix (5)(d))" && $0.rule == .a2_36 })
        #expect(regional.contains { $0.to == "Professional Standards Administrator, Elsewhere" && $0.rule == .a1_31 })
        // OBAR never publishes names (S3 1.1.6).
        #expect(!FinalActionNotice.recipients(action: .adopted, sanctions: suspension, profile: .obar, otherAssociations: [], agencies: []).contains { $0.to.contains("membership") })
        // A fine alone is not told to the membership (b11.3).
        #expect(!FinalActionNotice.recipients(action: .adopted, sanctions: [.fine(cents: 50_000)], profile: .nar, otherAssociations: [], agencies: []).contains { $0.to.contains("membership") })
        // Policy Statement 45 option 1: names published, members only, after a second violation in three years (b11.2).
        var ps45 = RuleProfile.nar
        ps45.publication = .ps45Option1
        let fine: [Sanction] = [.fine(cents: 50_000)]
        #expect(!FinalActionNotice.recipients(action: .adopted, sanctions: fine, profile: ps45, otherAssociations: [], agencies: []).contains { $0.rule == .b11_2 })
        #expect(FinalActionNotice.recipients(action: .adopted, sanctions: fine, profile: ps45, otherAssociations: [], agencies: [],
                                             priorViolationsInThreeYears: 1).contains { $0.rule == .b11_2 && $0.to.contains("no firm") })
        // A dismissal goes to the parties and Directors only.
        #expect(FinalActionNotice.recipients(action: .dismissed, sanctions: suspension, profile: .nar, otherAssociations: [], agencies: []).count == 3)
    }

    @Test func aRedactedCopyHasNoPartyNameLeft() {
        let text = "Rita Realtor told Pat Public the roof was new. Ms. Realtor later admitted it; PAT PUBLIC relied on it."
        let redacted = FinalActionNotice.redact(text, names: [("Rita Realtor", "the Respondent"), ("Pat Public", "the Complainant")])
        #expect(redacted == "the Respondent told the Complainant the roof was new. Ms. the Respondent later admitted it; the Complainant relied on it.")
        for name in ["Rita", "Realtor", "Pat", "Public"] { #expect(!redacted.localizedCaseInsensitiveContains(name)) }
        // A surname that is also a role word is replaced once, never rewritten again.
        #expect(FinalActionNotice.redact("Rory Respondent and Mr. Respondent", names: [("Rory Respondent", "the Respondent")]) == "the Respondent and Mr. the Respondent")
        // Whole words only: "Patio" keeps its letters.
        #expect(FinalActionNotice.redact("Pat's patio", names: [("Pat Public", "the Complainant")]) == "the Complainant's patio")
    }

    @Test func atTheHearingADismissedArticleReturnsOnlyOnThePanelsMotion() {
        var docket = listed()
        docket.add(.gcDismissed, "2026-03-20", ["reason": .text("not-a-code-matter"), "articles": .text("2")])
        docket.add(.gcForwarded, "2026-03-20", ["articles": .text("1")])
        docket.add(.hearingScheduled, "2026-05-20", ["hearingOn": .text("2026-06-10")])
        #expect(check(.complaintAmended, "2026-06-10", ["articles": .text("1, 2")], docket).refusals.map(\.rule) == ["a1.19"])
        #expect(check(.complaintAmended, "2026-06-10", ["articles": .text("1, 2"), "panelMotion": .text("yes")], docket).allowed)
        #expect(check(.complaintAmended, "2026-06-10", ["articles": .text("1, 3")], docket).allowed)
    }

    @Test func theCommitteeTakesAnAbsentComplainantsPlaceOnlyAfterTheNoShow() {
        var docket = listed()
        docket.add(.hearingScheduled, "2026-05-20", ["hearingOn": .text("2026-06-10")])
        let substitute: Payload = ["complainantAbsent": .text("clear-strong-convincing"), "rationale": .text("Two witnesses and the listing file prove it.")]
        #expect(check(.gcContinues, "2026-06-12", substitute, docket).refusals.map(\.rule) == ["a1.21"])
        docket.add(.hearingNoShow, "2026-06-10", ["absent": .text("public-complainant")])
        #expect(CaseProjection.build(kind: .ethics, docket: docket.entries).status == .underReview)
        #expect(check(.gcContinues, "2026-06-12", substitute, docket).allowed)
        docket.add(.gcContinues, "2026-06-12", substitute)
        // Back before the panel for a continued hearing (a1.21).
        #expect(CaseProjection.build(kind: .ethics, docket: docket.entries).status == .panelNamed)
        // After a withdrawal the public-trust ground is still required (a1.17).
        #expect(check(.gcContinues, "2026-06-12", ["rationale": .text("r")], listed()).refusals.first?.code == "public_trust_required")
    }

    @Test func anAppealIsDecidedOnTheRecord() {
        let docket = appealed(deposit: 0)
        func upload(_ d: DocketBuilder) -> GuardVerdict {
            Guards.check(ProposedEntry(type: .documentFiled, effectiveOn: CivilDate("2026-07-01")!, payload: ["title": .text("New photos")]),
                         kind: .ethics, docket: d.entries, profile: .nar, calendar: HolidayCalendar(), byParty: true)
        }
        #expect(upload(docket).refusals.map(\.rule) == ["a1.28"])
        var refused = listed()
        refused.add(.hearingHeld, "2026-06-16")
        refused.add(.decisionFiled, "2026-06-17", ["outcome": .text("violation")])
        refused.add(.appealFiled, "2026-06-26", ["basis": .text("The panel refused my inspector's report."), "grounds": .text("procedural"), "refusedEvidence": .text("yes")])
        #expect(upload(refused).allowed)
    }

    @Test func moneyIsParsedAndFormattedInOnePlace() async {
        #expect(Money.cents("1,250.50") == 125_050)
        #expect(Money.cents("$500") == 50_000)
        #expect(Money.cents("500.5") == 50_050)
        for bad in ["-5", "5.555", "abc", "", "1.2.3", "100000000"] { #expect(Money.cents(bad) == nil, "\(bad)") }
        #expect(Money.format(150_000) == "$1,500.00")
        #expect(Money.format(5) == "$0.05")
        await propertyCheck(count: 300, input: Gen.int(in: 0...9_999_999_999)) { cents in
            #expect(Money.cents(Money.format(cents)) == cents)
        }
    }
}
