import Foundation
import Testing
import PropertyBased
@testable import StandardsCore

/// Random sequences of the money steps after an award (escrow, direct payment, motion and ruling, review and its
/// decision, suit and court result, release, deposit equivalent, disposition of the deposits), each taken only when its
/// own availability allows and decided by the step itself, on random days: the ledger always balances, nothing held
/// goes negative, escrow never exceeds the award in force, and once nothing can stop the award every cent ends with a
/// named holder — the parties, the treasury or the costs — and nothing is left held (issue 15; a2.20, a2.23–a2.27).
@Suite("Arbitration money: a ledger that always balances, whatever order the steps come in (issue 15)")
struct AwardMoneyPropertyTests {
    static let inDispute = 4_800_000

    /// Which steps the random runs actually took: a property that never reaches a step proves nothing about it.
    final class Coverage: @unchecked Sendable {
        private let lock = NSLock()
        private var taken: Set<String> = []
        func record(_ name: String) { lock.lock(); taken.insert(name); lock.unlock() }
        var names: Set<String> { lock.lock(); defer { lock.unlock() }; return taken }
    }
    static let coverage = Coverage()

    /// A case being driven: its docket and the day.
    struct Machine {
        var docket: [DocketEntry] = []
        var day = CivilDate("2026-09-30")!
        let profile: RuleProfile
        let facts: StepFacts

        init(profile: RuleProfile) {
            self.profile = profile
            var facts = StepFacts(profile: profile)
            facts.bothParties = "Clara Claimant; Ross Respondent"
            facts.complainants = "Clara Claimant"
            facts.respondentRecipients = "Ross Respondent"
            facts.board = (1...5).map { NamedPerson(id: UUID(), name: "Director \($0)") }
            facts.boardQuorum = 3
            facts.refusalTribunal = "the Board of Directors"
            facts.actor = StepActor(isStaff: true)
            self.facts = facts
        }

        mutating func append(_ type: DocketEntryType, _ payload: Payload) {
            docket.append(DocketEntry(sequence: docket.count + 1, type: type, effectiveOn: day, recordedAt: Date(timeIntervalSince1970: Double(docket.count)),
                                      actorName: "PSA", payload: payload))
        }

        var view: StepView {
            let deadlines = DeadlineDerivation.derive(DeadlineInput(kind: .arbitration, profile: profile, calendar: HolidayCalendar(), docket: docket, asOf: day))
            return StepView(kind: .arbitration, docket: docket, today: day, deadlines: deadlines)
        }

        /// Takes the step if it is open and its decision accepts the input; true when entries were appended.
        @discardableResult
        mutating func take<S: CaseStep>(_ step: S.Type, _ json: String) -> Bool {
            let view = view
            guard S.availability(view) == nil, let input = try? JSONDecoder().decode(S.Input.self, from: Data(json.utf8)),
                  case .success(let entries) = S.decide(input, on: day, view: view, facts: facts) else { return false }
            AwardMoneyPropertyTests.coverage.record(S.name)
            for entry in entries {
                // Each party receives a mailed notice two days later: windows counted from receipt (OBAR) run.
                var payload = entry.payload
                if entry.type == .noticeSent { payload["receivedOn"] = .text(day.adding(days: 2).description) }
                append(entry.type, payload)
            }
            return true
        }

        static func dollars(_ cents: Int) -> String { String(format: "%d.%02d", cents / 100, cents % 100) }

        mutating func award(_ amount: Int) {
            append(.hearingHeld, ["claimantPresent": .text("yes")])
            let body = amount == 0 ? #"{"prevailing":"respondent","amount":"0"}"# : #"{"prevailing":"claimant","amount":"\#(Self.dollars(amount))"}"#
            #expect(take(AwardSteps.Render.self, body))
        }

        /// One random action: which step, and a number that sets its amount or choice.
        mutating func act(_ action: Int, _ n: Int) {
            let view = view
            let total = AwardSteps.award(view).map(AwardSteps.total) ?? 0
            let some = max(1, total * (n % 101) / 100)
            let directors = facts.board.map { "\"\($0.id)\"" }.joined(separator: ",")
            switch action {
            case 0: take(AwardSteps.Escrow.self, #"{"amount":"\#(Self.dollars(some))"}"#)
            case 1: take(AwardSteps.Satisfied.self, "{}")
            case 2: take(AfterAward.Motion.self, #"{"grounds":"miscalculation","explanation":"Figures","by":"respondent"}"#)
            case 3: take(AfterAward.Objection.self, #"{"text":"No","by":"claimant"}"#)
            case 4:
                let amount = AwardMoneyPropertyTests.inDispute * (n % 101) / 100
                take(AfterAward.Ruling.self, n % 3 == 0 ? #"{"outcome":"denied"}"#
                     : amount == 0 ? #"{"outcome":"corrected","prevailing":"respondent","amount":"0"}"#
                     : #"{"outcome":"corrected","prevailing":"claimant","amount":"\#(Self.dollars(amount))"}"#)
            case 5: take(AfterAward.ReviewRequest.self, #"{"defect":"bias","explanation":"The chair knew the claimant.","by":"respondent"}"#)
            case 6: take(AfterAward.ReviewDecision.self, #"{"outcome":"\#(n % 2 == 0 ? "confirmed" : "new-hearing")","directors":[\#(directors)]}"#)
            case 7: take(AfterAward.SuitNotice.self, #"{"court":"Circuit Court"}"#)
            case 8: take(AfterAward.CourtResult.self, #"{"outcome":"\#(["confirmed", "modified", "vacated"][n % 3])","amount":"\#(Self.dollars(some))"}"#)
            case 9: take(AwardSteps.Release.self, "{}")
            case 10: take(AfterAward.DepositEquivalentRequest.self, #"{"amount":"\#(Self.dollars(1 + n % profile.arbitrationDepositCents))"}"#)
            case 11:
                // Half the time exactly what is owed, so a payment is reached in every run of the check, not by luck.
                let owed = CaseLedger.arbitration(docket).balance(.partyOwes)
                let amount = n % 2 == 0 && owed > 0 ? owed : 1 + n * 997 % profile.arbitrationDepositCents
                take(AfterAward.DepositEquivalentPaid.self, #"{"amount":"\#(Self.dollars(amount))"}"#)
            case 12: take(AfterAward.DisposeDeposits.self, #"{"costs":"\#(Self.dollars(n * 31 % 30_000))","costsNote":"Stenographer"}"#)
            default:
                // The new hearing a review ordered, and its award.
                if AwardSteps.award(view) == nil && view.status == .panelNamed { award(AwardMoneyPropertyTests.inDispute * (n % 101) / 100) }
            }
        }

        func checkInvariants() {
            let ledger = CaseLedger.arbitration(docket)
            #expect(ledger.isBalanced)
            #expect(ledger.postings.allSatisfy { $0.cents > 0 })
            for account in [CaseLedger.Account.depositsHeld, .escrowHeld, .reviewDepositHeld, .partyOwes, .treasury, .costs] {
                #expect(ledger.balance(account) >= 0, "\(account) went negative")
            }
            let view = view
            let award = AwardSteps.award(view).map(AwardSteps.total)
            #expect(ledger.balance(.escrowHeld) <= (award ?? 0), "escrow never exceeds the award in force, and none is held without one")
        }
    }

    @Test func everyCentHasANamedHolderWhateverTheOrder() async {
        let actions = zip(Gen.int(in: 0...13), Gen.int(in: 0...10_000)).array(of: 1...24)
        await propertyCheck(count: 250, input: actions, Gen.int(in: 0...100), Gen.bool, Gen.bool) { steps, awardPercent, respondentDeposited, onOBAR in
            let profile = onOBAR ? RuleProfiles.obar : RuleProfiles.nar
            var machine = Machine(profile: profile)
            let deposit = profile.arbitrationDepositCents
            machine.append(.arbitrationRequested, ["amountCents": .integer(Self.inDispute), "depositCents": .integer(deposit)])
            machine.append(.replyReceived, ["depositCents": .integer(respondentDeposited ? deposit : 0)])
            machine.award(Self.inDispute * awardPercent / 100)
            machine.checkInvariants()
            for (action, n) in steps {
                machine.day = machine.day.adding(days: n % 10)
                machine.act(action, n)
                machine.checkInvariants()
            }
            // Long after every window: the court decides any suit, a pending motion is ruled on, a pending review
            // decided; then whatever is held is released and the deposits disposed of.
            machine.day = machine.day.adding(days: 90)
            // A respondent who lost without a deposit is asked for its equivalent and pays it (a2.20).
            machine.act(10, 1)
            machine.act(11, 0)
            machine.act(3, 0)
            machine.act(4, 0)
            machine.act(6, 0)
            machine.act(8, 0)
            machine.day = machine.day.adding(days: 30)
            machine.act(9, 0)
            machine.act(12, 0)
            machine.checkInvariants()
            let ledger = CaseLedger.arbitration(machine.docket)
            if AwardSteps.award(machine.view) != nil {
                #expect(ledger.balance(.escrowHeld) == 0 && ledger.balance(.depositsHeld) == 0 && ledger.balance(.reviewDepositHeld) == 0,
                        "a final award leaves nothing held: \(ledger.postings.map(\.description))")
                // Where it went: paid in by the parties equals what went back to them, to the treasury and to costs.
                let paidIn = ledger.postings.filter { $0.from == .parties }.reduce(0) { $0 + $1.cents }
                let paidOut = ledger.postings.filter { $0.to == .parties }.reduce(0) { $0 + $1.cents }
                #expect(paidIn == paidOut + ledger.balance(.treasury) + ledger.balance(.costs) - ledger.postings.filter { $0.to == .treasury && $0.from == .partyOwes }.reduce(0) { $0 + $1.cents })
            }
        }
        let steps: [any CaseStep.Type] = [AwardSteps.Escrow.self, AwardSteps.Satisfied.self, AwardSteps.Release.self, AfterAward.Motion.self, AfterAward.Objection.self,
                                          AfterAward.Ruling.self, AfterAward.ReviewRequest.self, AfterAward.ReviewDecision.self, AfterAward.SuitNotice.self,
                                          AfterAward.CourtResult.self, AfterAward.DepositEquivalentRequest.self, AfterAward.DepositEquivalentPaid.self,
                                          AfterAward.DisposeDeposits.self]
        #expect(Set(steps.map { $0.name }).subtracting(Self.coverage.names).isEmpty, "steps never reached: \(Set(steps.map { $0.name }).subtracting(Self.coverage.names))")
    }
}
