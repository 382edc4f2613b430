/// A value in a docket entry's payload. Payloads are JSON objects whose fields each entry type declares
/// (see `DocketEntryType.fields`), so what is stored is typed and checked before it is appended.
public enum PayloadValue: Hashable, Sendable, Codable {
    case text(String)
    case integer(Int)
    case bool(Bool)

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) { self = .bool(flag); return }
        if let number = try? container.decode(Int.self) { self = .integer(number); return }
        if let text = try? container.decode(String.self) { self = .text(text); return }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "payload values are strings, integers or booleans")
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .integer(let number): try container.encode(number)
        case .bool(let flag): try container.encode(flag)
        }
    }

    public var textValue: String? { if case .text(let t) = self { t } else { nil } }
    public var integerValue: Int? { if case .integer(let n) = self { n } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }

    /// A short human rendering for timelines.
    public var display: String {
        switch self {
        case .text(let t): t
        case .integer(let n): String(n)
        case .bool(let b): b ? "yes" : "no"
        }
    }
}

public typealias Payload = [String: PayloadValue]

/// What a payload field must hold.
public enum FieldType: Sendable, Equatable {
    case text
    case date
    /// Integer cents, never negative. Money is never a floating-point number.
    case cents
    case uuid
    /// An instant as ISO 8601 with zone, for hour-based limits (a1.22).
    case timestamp
    case choice([String])
}

public struct PayloadField: Sendable {
    public let name: String
    public let type: FieldType
    public let required: Bool
    public let label: String

    public init(_ name: String, _ type: FieldType, required: Bool = true, label: String) {
        self.name = name
        self.type = type
        self.required = required
        self.label = label
    }

    /// The label for a record or a letter: without the form's hint ("e.g. …"), rule ids or units.
    public var plainLabel: String {
        var text = label.components(separatedBy: ", e.g.").first ?? label
        text = text.replacingOccurrences(of: " (cents)", with: "")
        if let open = text.range(of: " ("), text.hasSuffix(")") { text = String(text[..<open.lowerBound]) }
        return text
    }
}
