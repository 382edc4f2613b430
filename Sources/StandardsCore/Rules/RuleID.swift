/// A rule the code cites: its id (`a1.16`, `b8.2`, `b.1` for a whole section) and short title. The constants
/// (`RuleID.a1_16`) are generated from the shipped digests (`scripts/generate-rule-ids` → `RuleIDs.swift`), so a step,
/// a refusal or a window citing a rule that does not exist fails to compile. Encoded as its id string.
public struct RuleID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let id: String
    public let title: String

    init(_ id: String, _ title: String) {
        self.id = id
        self.title = title
    }

    public var description: String { id }

    /// The rule with this id, for ids read from files and requests; nil for one the digests do not state.
    public static func known(_ id: String) -> RuleID? { byID[id] }

    private static let byID: [String: RuleID] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

    public static func == (lhs: RuleID, rhs: RuleID) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.id < rhs.id }

    public init(from decoder: Decoder) throws {
        let id = try decoder.singleValueContainer().decode(String.self)
        guard let rule = RuleID.known(id) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\"\(id)\" is not a rule id the digests state"))
        }
        self = rule
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }
}

extension Refusal {
    /// A refusal citing a rule by its constant (`.a1_16`).
    public init(code: String, message: String, rule: RuleID) {
        self.init(code: code, message: message, rule: rule.id)
    }
}
