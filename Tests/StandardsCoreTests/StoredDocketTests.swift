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

    /// Each stored entry of a type with a typed payload reads into it and writes back to exactly what was stored.
    @Test func typedPayloadsReadAndWriteTheStoredJSON() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/docket-2026-11-30.json")
        let file = try JSONDecoder().decode(DocketFile.self, from: Data(contentsOf: url))
        let docket = try file.resolve().get().docket
        var count = 0
        for entry in docket {
            guard let reader = entry.type.spec.payloadType else { continue }
            let read = reader.init(entry.payload)
            let typed = try #require(read, "\(entry.type.rawValue) reads into \(reader)")
            #expect(typed.payload == entry.payload, "\(entry.type.rawValue) writes back what was stored")
            count += 1
        }
        #expect(count == typedPayloads.count, "the fixture holds one entry of each typed payload")
        #expect(docket.first { $0.type == .finalAction }?.payload(as: FinalAction.self)?.directorsAction == .modified)
        #expect(docket.first { $0.type == .appealFiled }?.payload(as: AppealFiled.self)?.depositCents == 50_000)
    }

    /// A typed payload holds exactly its spec's fields: every field filled reads and writes back whole, and it asks
    /// no more than the spec requires.
    @Test func eachTypedPayloadHoldsItsSpecsFields() throws {
        for reader in typedPayloads {
            let spec = reader.entryType.spec
            #expect(spec.payloadType.map(ObjectIdentifier.init) == ObjectIdentifier(reader), "\(reader.entryType.rawValue)'s spec names \(reader)")
            var full: Payload = [:]
            for field in spec.fields {
                switch field.type {
                case .cents: full[field.name] = .integer(1)
                case .date: full[field.name] = .text("2026-01-01")
                case .uuid: full[field.name] = .text(UUID().uuidString)
                case .choice(let options): full[field.name] = .text(options[0])
                case .text, .timestamp: full[field.name] = .text("x")
                }
            }
            let whole = reader.init(full)
            let typed = try #require(whole, "\(reader) reads every field of its spec")
            #expect(typed.payload == full, "\(reader) writes back every field and no other")
            // No stricter than the spec: a payload with only its required fields reads and writes back whole, so any
            // entry the guards accepted (or an older one) reads.
            let minimal = full.filter { key, _ in spec.fields.contains { $0.name == key && $0.required } }
            let least = reader.init(minimal)
            #expect(least?.payload == minimal, "\(reader) reads a payload with only the required fields")
        }
    }
}
