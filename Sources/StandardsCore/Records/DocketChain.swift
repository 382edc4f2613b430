import Foundation

/// Tamper evidence for the docket (issue 20, item 2; the files S3 1.1.3–1.1.4 keep): each entry's hash covers the hash
/// of the entry before it in its case, its own fields and its payload's SHA-256, so changing, removing or re-ordering
/// any entry breaks every hash after it. Each day's heads are chained across the association (`DayAnchor`), so a case
/// rewritten whole, with its hashes computed again, still breaks the association's chain.
///
/// The payload counts by its digest: when a file's content is destroyed under the retention rules (S3 1.1.3), the
/// payload goes and its digest stays, so the chain still verifies. The hash function is the caller's (SHA-256 hex):
/// this module imports no crypto.
public enum DocketChain {
    /// The "previous hash" of a case's first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// What an entry's hash covers.
    public struct Link: Sendable, Equatable {
        public let id: UUID
        public let associationID: UUID
        public let caseID: UUID
        public let sequence: Int
        public let type: String
        public let effectiveOn: String
        /// `recorded_at` in whole milliseconds since 1970 (what both databases keep exactly).
        public let recordedAtMillis: Int64
        public let actorUserID: UUID?
        public let actorName: String
        public let correctsID: UUID?
        public let payloadSHA256: String

        public init(id: UUID, associationID: UUID, caseID: UUID, sequence: Int, type: String, effectiveOn: String, recordedAtMillis: Int64,
                    actorUserID: UUID?, actorName: String, correctsID: UUID?, payloadSHA256: String) {
            self.id = id; self.associationID = associationID; self.caseID = caseID; self.sequence = sequence; self.type = type
            self.effectiveOn = effectiveOn; self.recordedAtMillis = recordedAtMillis; self.actorUserID = actorUserID; self.actorName = actorName
            self.correctsID = correctsID; self.payloadSHA256 = payloadSHA256
        }
    }

    /// The exact text hashed for an entry: one field per line, versioned, so the format can never be read two ways.
    public static func canonical(_ link: Link, previous: String) -> String {
        [
            "psdesk-docket-v1",
            "previous=\(previous)",
            "id=\(link.id.uuidString.lowercased())",
            "association=\(link.associationID.uuidString.lowercased())",
            "case=\(link.caseID.uuidString.lowercased())",
            "sequence=\(link.sequence)",
            "type=\(link.type)",
            "effective=\(link.effectiveOn)",
            "recorded=\(link.recordedAtMillis)",
            "actor=\(link.actorUserID?.uuidString.lowercased() ?? "-")",
            "actor-name=\(link.actorName.replacingOccurrences(of: "\n", with: " "))",
            "corrects=\(link.correctsID?.uuidString.lowercased() ?? "-")",
            "payload=\(link.payloadSHA256)",
        ].joined(separator: "\n")
    }

    /// One stored entry as the verifier reads it: its link, the hash stored with it, and its payload text unless the
    /// retention rules destroyed it.
    public struct Stored: Sendable {
        public let link: Link
        public let storedHash: String
        public let payload: String?
        public init(link: Link, storedHash: String, payload: String?) { self.link = link; self.storedHash = storedHash; self.payload = payload }
    }

    /// The first place a case's chain does not hold.
    public enum Break: Equatable, Sendable, CustomStringConvertible {
        /// The payload no longer has the SHA-256 recorded for it: its text was changed.
        case payloadAltered(sequence: Int)
        /// The entry's fields or its place no longer give the hash stored with it.
        case hashMismatch(sequence: Int)
        /// Sequence numbers skip or repeat: an entry was removed or inserted.
        case gap(expected: Int, found: Int)

        public var description: String {
            switch self {
            case .payloadAltered(let n): "entry #\(n): its payload no longer matches the SHA-256 recorded with it (the text was changed)"
            case .hashMismatch(let n): "entry #\(n): its fields or its place no longer give its recorded hash (changed, moved or rewritten)"
            case .gap(let expected, let found): "entry #\(expected) is missing: the next entry is #\(found) (removed or inserted)"
            }
        }

        public var sequence: Int {
            switch self {
            case .payloadAltered(let n), .hashMismatch(let n): n
            case .gap(let expected, _): expected
            }
        }
    }

    /// Walks a case's entries in sequence order and names the first break, or nil when every hash follows.
    public static func verify(_ entries: [Stored], hash: (String) -> String) -> Break? {
        var previous = genesis
        for (index, entry) in entries.enumerated() {
            let expected = index + 1
            if entry.link.sequence != expected { return .gap(expected: expected, found: entry.link.sequence) }
            if let payload = entry.payload, hash(payload) != entry.link.payloadSHA256 { return .payloadAltered(sequence: expected) }
            if hash(canonical(entry.link, previous: previous)) != entry.storedHash { return .hashMismatch(sequence: expected) }
            previous = entry.storedHash
        }
        return nil
    }
}

/// Each day's docket heads, chained across the association: the anchor of a day covers the anchor of the day before and
/// the last hash of every case that changed that day (in the association's calendar).
public enum DayAnchor {
    public struct Head: Sendable, Equatable {
        public let caseID: UUID
        public let sequence: Int
        public let hash: String
        public init(caseID: UUID, sequence: Int, hash: String) { self.caseID = caseID; self.sequence = sequence; self.hash = hash }
    }

    public static func canonical(associationID: UUID, day: CivilDate, previous: String, heads: [Head]) -> String {
        (["psdesk-day-v1", "association=\(associationID.uuidString.lowercased())", "day=\(day)", "previous=\(previous)"]
            + heads.sorted { $0.caseID.uuidString < $1.caseID.uuidString }.map { "\($0.caseID.uuidString.lowercased()) \($0.sequence) \($0.hash)" })
            .joined(separator: "\n")
    }

    /// The heads of one day: for each case, its last entry recorded that day.
    public static func heads(of entries: [(caseID: UUID, sequence: Int, hash: String)]) -> [Head] {
        var last: [UUID: (Int, String)] = [:]
        for entry in entries where entry.sequence > (last[entry.caseID]?.0 ?? 0) { last[entry.caseID] = (entry.sequence, entry.hash) }
        return last.map { Head(caseID: $0.key, sequence: $0.value.0, hash: $0.value.1) }
    }
}
