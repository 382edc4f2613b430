import Foundation
import Testing
@testable import StandardsCore

/// Every rule asked without a database: a case file with profile overrides, an actor, the people a step needs and a
/// refiled docket, checked by the same policy, availability, decision and guards as the app (issue 11 item 9).
@Suite("Case files checked offline (psdesk check)")
struct CaseFileCheckTests {
    func file(_ json: String) throws -> CaseFileCheck.Case {
        let file = try JSONDecoder().decode(DocketFile.self, from: Data(json.utf8))
        let (docket, profile, calendar) = try file.resolve().get()
        return CaseFileCheck.Case(file: file, docket: docket, profile: profile, calendar: calendar)
    }

    static let directors = (1...5).map { "00000000-0000-0000-0000-0000000000d\($0)" }

    func appealed(profile: String, quorum: Int, actor: String = #"{"roles":["staff"]}"#) -> String {
        """
        { "profile": "\(profile)", "kind": "ethics", "actor": \(actor),
          "people": { "boardQuorum": \(quorum), "board": [\(Self.directors.map { #"{"id":"\#($0)","name":"D \#($0.suffix(1))"}"# }.joined(separator: ","))] },
          "entries": [
            { "type": "complaint.filed", "effectiveOn": "2026-03-02", "payload": { "articles": "1", "transactionConcludedOn": "2026-02-02" } },
            { "type": "complaint.acknowledged", "effectiveOn": "2026-03-03" },
            { "type": "gc.dismissed", "effectiveOn": "2026-03-20", "payload": { "reason": "unworthy" } },
            { "type": "notice.sent", "effectiveOn": "2026-03-20", "payload": { "notice": "dismissal", "to": "C", "channel": "mail" } },
            { "type": "dismissal.appealed", "effectiveOn": "2026-03-30", "payload": { "explanation": "Wrong." } } ] }
        """
    }

    func decide(_ count: Int) -> Data {
        Data(#"{"outcome":"confirmed","directorIds":[\#(Self.directors.prefix(count).map { "\"\($0)\"" }.joined(separator: ","))]}"#.utf8)
    }

    @Test func theDismissalAppealPanelFollowsTheProfileAndTheBoardsQuorum() throws {
        let date = CivilDate("2026-04-20")!
        // NAR: five Directors or a quorum if less (a1.10); OBAR: five (a2.10).
        let narSmallBoard = CaseFileCheck.step("dismissal-appeal-decision", input: decide(3), on: date, case: try file(appealed(profile: "nar", quorum: 3)))
        #expect(narSmallBoard.allowed && narSmallBoard.entries.map(\.type) == [.dismissalAppealDecided])
        let narLargeBoard = CaseFileCheck.step("dismissal-appeal-decision", input: decide(3), on: date, case: try file(appealed(profile: "nar", quorum: 8)))
        #expect(narLargeBoard.refusals.map(\.rule) == ["a1.10"])
        let obar = CaseFileCheck.step("dismissal-appeal-decision", input: decide(3), on: date, case: try file(appealed(profile: "obar", quorum: 3)))
        #expect(obar.refusals.map(\.code) == ["appeal_panel_too_small"] && obar.refusals.first?.rule == "a2.10")
        #expect(CaseFileCheck.step("dismissal-appeal-decision", input: decide(5), on: date, case: try file(appealed(profile: "obar", quorum: 3))).allowed)
    }

    @Test func theActorAndTheStageAreCheckedBeforeTheInput() throws {
        let date = CivilDate("2026-04-20")!
        // A respondent may not record the Directors' decision: refused for who asks, not for the case.
        let asRespondent = try file(appealed(profile: "nar", quorum: 3, actor: #"{"roles":["party"],"partyRoles":["respondent"]}"#))
        let forbidden = CaseFileCheck.step("dismissal-appeal-decision", input: decide(5), on: date, case: asRespondent)
        #expect(forbidden.forbidden && !forbidden.allowed)
        // Serving a complaint under a dismissal appeal is out of its stage (a1.11).
        let serve = CaseFileCheck.step("serve", input: Data(), on: date, case: try file(appealed(profile: "nar", quorum: 3)))
        #expect(!serve.forbidden && serve.refusals.map(\.code) == ["step_out_of_order"] && serve.refusals.first?.rule == "a1.11")
        // A missing choice names the field and the step's rule.
        let blank = CaseFileCheck.step("dismissal-appeal-decision", input: Data("{}".utf8), on: date, case: try file(appealed(profile: "nar", quorum: 3)))
        #expect(blank.refusals.first?.code == "invalid_input" && blank.refusals.first?.message.contains("outcome") == true)
        #expect(CaseFileCheck.step("teleport", input: Data(), on: date, case: try file(appealed(profile: "nar", quorum: 3))).refusals.first?.code == "unknown_step")
    }

    @Test func profileOverridesMoveTheDeadlines() throws {
        // Served on Saturday 2026-03-21: the reply is due 15 days later, Sunday 2026-04-05 (a1.11).
        let base = """
        { "profile": "nar", "kind": "ethics", %@
          "entries": [
            { "type": "complaint.filed", "effectiveOn": "2026-03-02", "payload": { "articles": "1", "transactionConcludedOn": "2026-02-02" } },
            { "type": "complaint.acknowledged", "effectiveOn": "2026-03-03" },
            { "type": "gc.forwarded", "effectiveOn": "2026-03-20" },
            { "type": "notice.sent", "effectiveOn": "2026-03-21", "payload": { "notice": "complaint-served", "to": "R", "channel": "mail" } } ] }
        """
        func replyDue(_ overrides: String) throws -> CivilDate? {
            let c = try file(base.replacingOccurrences(of: "%@", with: overrides))
            return DeadlineDerivation.derive(DeadlineInput(kind: .ethics, profile: c.profile, calendar: c.calendar, docket: c.docket,
                                                           asOf: CivilDate("2026-04-01")!)).first { $0.key == .reply }?.dueOn
        }
        #expect(try replyDue("") == CivilDate("2026-04-05"))
        #expect(try replyDue(#""profileOverrides": { "windows": { "reply": { "rollForward": true } } },"#) == CivilDate("2026-04-06"))
        // Overrides are checked like a profile file: a deposit over NAR's cap is refused.
        let bad = try JSONDecoder().decode(DocketFile.self, from: Data(base.replacingOccurrences(of: "%@", with: #""profileOverrides": { "appealDepositCapCents": 9999999 },"#).utf8))
        if case .failure(let error) = bad.resolve() { #expect(error.problems.contains { $0.hasPrefix("profileOverrides") }) } else { Issue.record("an override over the cap was accepted") }
    }

    @Test func aRefiledComplaintIsJudgedOnTheEarlierDocket() throws {
        func refile(afterForwarding: Bool) throws -> CaseFileCheck.Outcome {
            let earlier = afterForwarding
                ? #"{ "type": "gc.forwarded", "effectiveOn": "2026-03-10" }, { "type": "notice.sent", "effectiveOn": "2026-03-10", "payload": { "notice": "gc-decision", "to": "P", "channel": "mail" } },"#
                : ""
            let c = try file("""
            { "profile": "nar", "kind": "ethics",
              "refiledEntries": [
                { "type": "complaint.filed", "effectiveOn": "2026-03-02", "payload": { "articles": "1", "transactionConcludedOn": "2026-02-02" } },
                { "type": "complaint.acknowledged", "effectiveOn": "2026-03-03" }, \(earlier)
                { "type": "case.withdrawn", "effectiveOn": "2026-03-12" } ],
              "entries": [ { "type": "case.opened", "effectiveOn": "2026-04-01" } ] }
            """)
            return CaseFileCheck.entries([ProposedEntry(type: .complaintFiled, effectiveOn: CivilDate("2026-04-01")!,
                                                        payload: ["articles": .text("1"), "transactionConcludedOn": .text("2026-02-02"), "refiles": .text("E-2026-0001")])],
                                         on: c)
        }
        let early = try refile(afterForwarding: false)
        #expect(early.allowed, "withdrawn before the forwarding decision was transmitted: may be refiled (a1.17) \(early.refusals)")
        let late = try refile(afterForwarding: true)
        #expect(late.refusals.map(\.code) == ["refiling_after_forwarding"] && late.refusals.first?.rule == "a1.17")
    }

    static let committee = ["a1": ("Avery", "Alpha Realty", true), "a2": ("Drew", "Alpha Realty", false), "b1": ("Blake", "Beta Homes", false),
                            "c1": ("Casey", "Gamma Group", true), "d1": ("Finley", "Delta Realty", false)]
    static func member(_ key: String) -> String { "00000000-0000-0000-0000-0000000000\(key)" }

    /// A replied complaint whose committee list went out on 2026-05-04, with the committee in the file.
    func listSent(actor: String) -> String {
        let members = Self.committee.keys.sorted().map { key in
            let (name, firm, principal) = Self.committee[key]!
            return #"{"id":"\#(Self.member(key))","name":"\#(name)","firm":"\#(firm)","isRealtor":true,"isPrincipal":\#(principal),"trainingCurrentThrough":"2027-06-30","certificateSigned":true,"relatedToParty":false,"servedOnOtherTribunal":false,"successfullyChallenged":false,"disclosedConflict":false}"#
        }
        let listed = Self.committee.keys.sorted().map(Self.member).joined(separator: ",")
        return """
        { "profile": "nar", "kind": "ethics", "actor": \(actor), "people": { "committee": [\(members.joined(separator: ","))], "complainants": "C", "respondents": "R" },
          "entries": [
            { "type": "complaint.filed", "effectiveOn": "2026-03-02", "payload": { "articles": "1", "transactionConcludedOn": "2026-02-02" } },
            { "type": "complaint.acknowledged", "effectiveOn": "2026-03-03" },
            { "type": "gc.forwarded", "effectiveOn": "2026-03-20" },
            { "type": "notice.sent", "effectiveOn": "2026-05-04", "payload": { "notice": "panel-list", "to": "C; R", "channel": "email", "people": "\(listed)" } } ] }
        """
    }

    @Test func aHearingPanelIsCheckedOfflineFromTheCommitteeInTheFile() throws {
        let date = CivilDate("2026-05-18")!
        func name(_ keys: [String], as actor: String = #"{"roles":["staff"]}"#) throws -> CaseFileCheck.Outcome {
            let body = #"{"memberIds":"\#(keys.map(Self.member).joined(separator: ","))","chairId":"\#(Self.member(keys[0]))"}"#
            return CaseFileCheck.step("hearing/name-panel", input: Data(body.utf8), on: date, case: try file(listSent(actor: actor)))
        }
        // Two from one firm may not sit together (b7.1); three from three firms may.
        #expect(try name(["a1", "a2", "b1"]).refusals.map(\.rule).contains("b7.1"))
        let named = try name(["a1", "b1", "d1"])
        #expect(named.allowed && named.entries.map(\.type) == [.panelNamed])
        #expect(named.entries.first?.payload["members"]?.textValue == "Avery (chair), Blake, Finley")
        // A committee member who does not chair the committee may not name the panel (a1.14).
        let member = try name(["a1", "b1", "d1"], as: #"{"roles":["psc"],"personId":"\#(Self.member("c1"))"}"#)
        #expect(member.forbidden && !member.allowed)
        // The list is sent once (a1.14).
        let again = CaseFileCheck.step("hearing/panel-list", input: Data(), on: date, case: try file(listSent(actor: #"{"roles":["staff"]}"#)))
        #expect(again.refusals.map(\.code) == ["list_already_sent"])
    }

}
