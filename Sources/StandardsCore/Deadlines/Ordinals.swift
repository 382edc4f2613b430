/// Position of a case in its enum's declaration order, for array-indexed tables on the hot path of
/// deadline derivation (no hashing). These enums have no payloads and fewer than 256 cases, so a value's
/// in-memory representation is its declaration index; `OrdinalTests` checks that for every case.
protocol DeclarationOrdinal: CaseIterable {}

extension DeclarationOrdinal {
    var ordinal: Int {
        assert(MemoryLayout<Self>.size == 1, "ordinal needs a payload-free enum of fewer than 256 cases")
        return Int(unsafeBitCast(self, to: UInt8.self))
    }
}

extension DeadlineKey: DeclarationOrdinal {}
extension DocketEntryType: DeclarationOrdinal {}
extension NoticeKind: DeclarationOrdinal {}
