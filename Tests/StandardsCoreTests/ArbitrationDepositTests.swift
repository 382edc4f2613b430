import Foundation
import Testing
import PropertyBased
@testable import StandardsCore

@Suite("Arbitration deposits: one per firm, exemptions, refunds on settlement, a ledger that balances (S3 7.4.1, 7.8.1, a2.18, a2.20)")
struct ArbitrationDepositTests {
    static func entry(_ seq: Int, _ type: DocketEntryType, _ payload: Payload = [:]) -> DocketEntry {
        DocketEntry(sequence: seq, type: type, effectiveOn: CivilDate("2026-11-02")!.adding(days: seq), recordedAt: Date(timeIntervalSince1970: Double(seq)),
                    actorName: "PSA", payload: payload)
    }

    @Test func theDepositDependsOnTheFirmAndTheExemptions() {
        let obar = RuleProfiles.obar
        #expect(ArbitrationDeposit.due(firm: "Shore Realty", exemption: nil, firmsThatDeposited: [], profile: obar).cents == 50_000)
        // The same firm in a related request heard with this one deposits once (a2.20), however its name is typed.
        #expect(ArbitrationDeposit.due(firm: " shore realty ", exemption: nil, firmsThatDeposited: ["shore realty"], profile: obar).cents == 0)
        #expect(ArbitrationDeposit.due(firm: "Dune Homes", exemption: nil, firmsThatDeposited: ["shore realty"], profile: obar).cents == 50_000)
        for exemption in ArbitrationDeposit.Exemption.allCases {
            let due = ArbitrationDeposit.due(firm: "Shore Realty", exemption: exemption, firmsThatDeposited: [], profile: obar)
            #expect(due.cents == 0 && due.reason.contains("S3 7.4.1"))
        }
    }

    @Test func aSignedSettlementRefundsEveryDepositInFull() {
        let docket = [Self.entry(1, .arbitrationRequested, ["amountCents": .integer(900_000), "depositCents": .integer(50_000)]),
                      Self.entry(2, .replyReceived, ["depositCents": .integer(50_000)]),
                      Self.entry(3, .mediationSettled)]
        let before = CaseLedger.build(Array(docket.prefix(2)), profile: RuleProfiles.obar)
        #expect(before.balance(.depositsHeld) == 100_000 && before.isBalanced)
        let after = CaseLedger.build(docket, profile: RuleProfiles.obar)
        #expect(after.balance(.depositsHeld) == 0 && after.balance(.parties) == 0 && after.isBalanced)
        #expect(after.postings.last?.rule == RuleID.a2_29.id)
    }

    /// Random requests from random firms (some exempt, some consolidated), a response with or without a deposit, and
    /// perhaps a settlement: after every entry the ledger balances, nothing held is negative, the association holds one
    /// deposit per depositing firm, and a settlement leaves nothing held.
    @Test func theLedgerBalancesToTheCentAfterEveryStep() async {
        let firms = ["Shore Realty", "Dune Homes", "Sound Side", "Inlet Brokers"]
        let request = zip(Gen.int(in: 0...3), Gen.int(in: 0...5))
        await propertyCheck(count: 300, input: request.array(of: 1...8), Gen.bool, Gen.bool, Gen.bool) { requests, responds, settles, onOBAR in
            let profile = onOBAR ? RuleProfiles.obar : RuleProfiles.nar
            var paid: Set<String> = []
            var docket: [DocketEntry] = []
            var expectedHeld = 0
            for (firmIndex, flag) in requests {
                let firm = firms[firmIndex]
                let exemption: ArbitrationDeposit.Exemption? = flag == 0 ? .claimsNone : flag == 1 ? .decidingWhichRespondent : nil
                let due = ArbitrationDeposit.due(firm: firm, exemption: exemption, firmsThatDeposited: paid, profile: profile)
                if due.cents > 0 { paid.insert(ArbitrationDeposit.normalizedFirm(firm)) }
                expectedHeld += due.cents
                docket.append(Self.entry(docket.count + 1, .arbitrationRequested, ["amountCents": .integer(100_000), "depositCents": .integer(due.cents), "firm": .text(firm)]))
                let ledger = CaseLedger.build(docket, profile: profile)
                #expect(ledger.isBalanced && ledger.balance(.depositsHeld) == expectedHeld)
            }
            #expect(expectedHeld == paid.count * profile.arbitrationDepositCents, "one deposit per firm that owed one")
            if responds {
                docket.append(Self.entry(docket.count + 1, .replyReceived, ["depositCents": .integer(profile.arbitrationDepositCents)]))
                expectedHeld += profile.arbitrationDepositCents
            }
            if settles { docket.append(Self.entry(docket.count + 1, .mediationSettled)) }
            let ledger = CaseLedger.build(docket, profile: profile)
            #expect(ledger.isBalanced)
            #expect(ledger.balance(.depositsHeld) == (settles ? 0 : expectedHeld))
            #expect(ledger.postings.allSatisfy { $0.cents > 0 })
        }
    }
}
