import Foundation

/// Any JSON value, for a case file's profile overrides.
public indirect enum JSONValue: Codable, Sendable, Equatable {
    case object([String: JSONValue]), array([JSONValue]), string(String), number(Double), bool(Bool), null

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .object(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .number(let value):
            // Whole numbers stay integers, so cents and days decode as Int.
            if value == value.rounded(), abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// `overrides` laid over `self`: objects merge key by key, anything else is replaced.
    public func merged(with overrides: JSONValue) -> JSONValue {
        guard case .object(var base) = self, case .object(let over) = overrides else { return overrides }
        for (key, value) in over { base[key] = base[key].map { $0.merged(with: value) } ?? value }
        return .object(base)
    }
}

extension RuleProfiles {
    /// A profile with some of its options changed (a window rolled forward to the next business day, a deposit cap), as a
    /// case file may ask; the result is checked like any profile file.
    public static func applying(_ overrides: JSONValue, to profile: RuleProfile) throws -> RuleProfile {
        let base = try JSONDecoder().decode(JSONValue.self, from: encode(profile))
        return try decode(JSONEncoder().encode(base.merged(with: overrides)))
    }
}
