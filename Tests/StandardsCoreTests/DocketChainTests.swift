import Foundation
import Testing
@testable import StandardsCore

/// The docket's hash chain (issue 20, item 2): any change to an entry, its place or its payload is named; a payload
/// destroyed under the retention rules keeps the chain whole.
@Suite("Docket hash chain")
struct DocketChainTests {
    /// A stand-in hash for the pure module's tests: distinct texts give distinct values (the app uses SHA-256).
    static func hash(_ text: String) -> String { String(text.utf8.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 }, radix: 16) }

    static let association = UUID(), caseID = UUID()

    static func chain(_ payloads: [String]) -> [DocketChain.Stored] {
        var previous = DocketChain.genesis
        return payloads.enumerated().map { index, payload in
            let link = DocketChain.Link(id: UUID(), associationID: association, caseID: caseID, sequence: index + 1, type: "note",
                                        effectiveOn: "2026-12-01", recordedAtMillis: 1_764_600_000_000 + Int64(index), actorUserID: nil,
                                        actorName: "PSA", correctsID: nil, payloadSHA256: hash(payload))
            let stored = hash(DocketChain.canonical(link, previous: previous))
            previous = stored
            return DocketChain.Stored(link: link, storedHash: stored, payload: payload)
        }
    }

    @Test func anUntouchedDocketVerifies() {
        #expect(DocketChain.verify(Self.chain(["{\"text\":\"a\"}", "{\"text\":\"b\"}", "{\"text\":\"c\"}"]), hash: Self.hash) == nil)
    }

    @Test func aChangedPayloadIsNamed() {
        var entries = Self.chain(["{\"text\":\"a\"}", "{\"text\":\"b\"}", "{\"text\":\"c\"}"])
        entries[1] = DocketChain.Stored(link: entries[1].link, storedHash: entries[1].storedHash, payload: "{\"text\":\"B\"}")
        #expect(DocketChain.verify(entries, hash: Self.hash) == .payloadAltered(sequence: 2))
    }

    @Test func aChangedFieldOrAReorderingIsNamed() {
        let entries = Self.chain(["{}", "{\"x\":1}", "{\"x\":2}"])
        let l = entries[2].link
        let moved = DocketChain.Link(id: l.id, associationID: l.associationID, caseID: l.caseID, sequence: l.sequence, type: l.type,
                                     effectiveOn: "2026-11-01", recordedAtMillis: l.recordedAtMillis, actorUserID: nil, actorName: l.actorName,
                                     correctsID: nil, payloadSHA256: l.payloadSHA256)
        #expect(DocketChain.verify(Array(entries.prefix(2)) + [DocketChain.Stored(link: moved, storedHash: entries[2].storedHash, payload: "{\"x\":2}")],
                                   hash: Self.hash) == .hashMismatch(sequence: 3))
        // The payload and its digest rewritten together still break the hash.
        let rewritten = DocketChain.Link(id: l.id, associationID: l.associationID, caseID: l.caseID, sequence: l.sequence, type: l.type,
                                         effectiveOn: l.effectiveOn, recordedAtMillis: l.recordedAtMillis, actorUserID: nil, actorName: l.actorName,
                                         correctsID: nil, payloadSHA256: Self.hash("{\"x\":3}"))
        #expect(DocketChain.verify(Array(entries.prefix(2)) + [DocketChain.Stored(link: rewritten, storedHash: entries[2].storedHash, payload: "{\"x\":3}")],
                                   hash: Self.hash) == .hashMismatch(sequence: 3))
    }

    @Test func aRemovedEntryIsNamed() {
        let entries = Self.chain(["{}", "{\"x\":1}", "{\"x\":2}"])
        #expect(DocketChain.verify([entries[0], entries[2]], hash: Self.hash) == .gap(expected: 2, found: 3))
    }

    @Test func aDestroyedPayloadKeepsTheChain() {
        var entries = Self.chain(["{\"narrative\":\"names\"}", "{\"x\":1}"])
        entries[0] = DocketChain.Stored(link: entries[0].link, storedHash: entries[0].storedHash, payload: nil)
        #expect(DocketChain.verify(entries, hash: Self.hash) == nil)
    }

    @Test func aDaysAnchorCoversEachCasesLastEntryOfTheDay() {
        let a = UUID(), b = UUID()
        let heads = DayAnchor.heads(of: [(a, 1, "h1"), (a, 2, "h2"), (b, 7, "h7")])
        #expect(Set(heads.map { "\($0.sequence)\($0.hash)" }) == ["2h2", "7h7"])
        let day = CivilDate("2026-12-01")!
        let one = DayAnchor.canonical(associationID: a, day: day, previous: DocketChain.genesis, heads: heads)
        #expect(one == DayAnchor.canonical(associationID: a, day: day, previous: DocketChain.genesis, heads: heads.reversed()))
        #expect(one != DayAnchor.canonical(associationID: a, day: day, previous: DocketChain.genesis, heads: [heads[0]]))
    }
}
