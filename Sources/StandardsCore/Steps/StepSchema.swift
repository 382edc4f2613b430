import Foundation

/// A field of a step's input, as the documentation and the OpenAPI request schema show it.
public struct StepFieldDoc: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case text, date, list, choice([String]) }
    public let name: String
    /// Older names the field also answers to.
    public let aliases: [String]
    public var required: Bool
    public var kind: Kind
}

/// Reads a step's input fields from its own decoder: the `init(from:)` that decodes a request is run once against an
/// empty body with a collector listening, so the schema cannot drift from what the step reads.
public enum StepSchema {
    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var fields: [StepFieldDoc] = []

        func record(_ names: [String], required: Bool, kind: StepFieldDoc.Kind) {
            lock.lock(); defer { lock.unlock() }
            if let index = fields.firstIndex(where: { $0.name == names[0] }) {
                fields[index].required = fields[index].required || required
                if kind != .text { fields[index].kind = kind }
            } else {
                fields.append(StepFieldDoc(name: names[0], aliases: Array(names.dropFirst()), required: required, kind: kind))
            }
        }

        var recorded: [StepFieldDoc] { lock.lock(); defer { lock.unlock() }; return fields }
    }

    @TaskLocal static var collector: Collector?

    /// The fields `Input` reads, in the order it reads them.
    public static func fields<Input: Decodable>(of input: Input.Type) -> [StepFieldDoc] {
        let collector = Collector()
        $collector.withValue(collector) { _ = try? JSONDecoder().decode(Input.self, from: Data("{}".utf8)) }
        return collector.recorded
    }

    static var isCollecting: Bool { collector != nil }
}
