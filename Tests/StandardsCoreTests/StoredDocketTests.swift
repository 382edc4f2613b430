import Foundation
import Testing
@testable import StandardsCore

/// A docket as this version writes it, kept in a file: whatever typed payloads, catalogs or lifecycles come later must
/// read it the same way (issue 11: existing databases and docket files keep working).
@Suite("A docket written on 2026-11-30 still reads the same")
struct StoredDocketTests {
    @Test func aWholeCaseFromFilingToComplianceReadsAsItDidWhenWritten() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/docket-2026-11-30.json")
        let file = try JSONDecoder().decode(DocketFile.self, from: Data(contentsOf: url))
        let (docket, profile, calendar) = try file.resolve().get()
        #expect(docket.count == 21)
        let projection = CaseProjection.build(kind: .ethics, docket: docket)
        #expect(projection.status == .finalAction && projection.respondentNotified && projection.parties.count == 2)
        #expect(projection.filedOn == CivilDate("2026-03-02") && projection.lastActivityOn == CivilDate("2026-08-01"))
        #expect(HearingPanel.build(docket).chair == UUID(uuidString: "00000000-0000-0000-0000-0000000000f1"))
        // The money: $500 deposit, $200 refunded and $300 kept (a1.29); the $1,000 fine imposed and paid (b8.1). It balances.
        let ledger = CaseLedger.build(docket, profile: profile)
        #expect(ledger.balance(.depositsHeld) == 0 && ledger.balance(.respondentOwes) == 0)
        #expect(ledger.postings.map(\.cents).reduce(0, +) > 0 && ledger.postings.contains { $0.cents == 20_000 && $0.rule == "a1.29" })
        // The deadlines, as derived the day the file was written.
        let deadlines = DeadlineDerivation.derive(DeadlineInput(kind: .ethics, profile: profile, calendar: calendar, docket: docket, asOf: file.asOf!))
        let byKey = Dictionary(deadlines.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byKey[.filing]?.dueOn == CivilDate("2026-08-01") && byKey[.filing]?.status == .met)
        #expect(byKey[.reply]?.status == .met)
        #expect(byKey[.hearingNotice]?.status == .met)
        #expect(byKey[.appeal]?.status == .met)
    }
}
