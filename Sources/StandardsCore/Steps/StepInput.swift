import Foundation

/// A step with nothing to send but its date.
public struct NoInput: Decodable, Sendable {
    public init() {}
}

/// Reads a step's fields from JSON, a URL-encoded form or a multipart form alike. A field may answer to an older
/// name as well (`note` and `text`): integrations written against earlier versions keep working.
public struct StepFields {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    let container: KeyedDecodingContainer<Key>

    public init(_ decoder: Decoder) throws {
        container = try decoder.container(keyedBy: Key.self)
    }

    /// The first of `names` present, or nil.
    public func optional(_ names: String...) throws -> String? {
        StepSchema.collector?.record(names, required: false, kind: .text)
        for name in names {
            if let value = try container.decodeIfPresent(String.self, forKey: Key(stringValue: name)) { return value }
        }
        return nil
    }

    /// The first of `names` present; a missing field is a decoding error naming the first.
    public func required(_ names: String...) throws -> String {
        if let collector = StepSchema.collector {
            collector.record(names, required: true, kind: .text)
            return ""
        }
        for name in names {
            if let value = try container.decodeIfPresent(String.self, forKey: Key(stringValue: name)) { return value }
        }
        throw DecodingError.keyNotFound(Key(stringValue: names[0]), .init(codingPath: [], debugDescription: "\(names[0]) is required"))
    }

    /// A list sent as a JSON array, repeated form fields (`name[]`), or one comma-separated string.
    public func list(_ names: String...) throws -> [String] {
        StepSchema.collector?.record(names, required: false, kind: .list)
        for name in names {
            let key = Key(stringValue: name)
            guard container.contains(key) else { continue }
            if let many = try? container.decode([String].self, forKey: key) { return many.flatMap(Self.split) }
            if let one = try? container.decode(String.self, forKey: key) { return Self.split(one) }
        }
        return []
    }

    /// Like `list`, for items that may hold spaces and commas ("Art 12 (status)"): a typed text is split on semicolons
    /// and line breaks only; an array (`standards[]` checkboxes, JSON) is taken item by item.
    public func items(_ names: String...) throws -> [String] {
        StepSchema.collector?.record(names, required: false, kind: .list)
        for name in names {
            let key = Key(stringValue: name)
            guard container.contains(key) else { continue }
            if let many = try? container.decode([String].self, forKey: key) { return many }
            if let one = try? container.decode(String.self, forKey: key) {
                return one.split(whereSeparator: { $0 == ";" || $0.isNewline }).map(String.init)
            }
        }
        return []
    }

    static func split(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
    }
}

/// A choice a person makes from a fixed list; an unknown value is a decoding error that lists the choices.
public func choice<T: RawRepresentable & CaseIterable>(_ raw: String, as: T.Type, field: String, prompt: String) throws -> T where T.RawValue == String {
    if let collector = StepSchema.collector, let first = T.allCases.first {
        collector.record([field], required: true, kind: .choice(T.allCases.map(\.rawValue)))
        return first
    }
    guard let value = T(rawValue: raw.trimmingCharacters(in: .whitespaces)) else {
        throw DecodingError.dataCorrupted(.init(codingPath: [StepFields.Key(stringValue: field)],
            debugDescription: "\(prompt) (\(field): one of \(T.allCases.map(\.rawValue).joined(separator: ", ")))"))
    }
    return value
}
