import Foundation
import Testing
@testable import StandardsCore

/// Rule ids are a type (issue 11 item 3): the generated constants match the shipped digests, and any id the code still
/// writes as text (a switch returning a rule, a stage table) is one the digests state.
@Suite("Rule ids")
struct RuleIDTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    @Test func theConstantsAreTheDigestsIds() throws {
        let folder = Self.root.appendingPathComponent("Resources/Rules")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        let catalog = RuleCatalog(markdown: try files.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) })
        let tableIDs = Set(catalog.rules.map(\.id))
        let constants = Set(RuleID.all.map(\.id))
        #expect(tableIDs.subtracting(constants).isEmpty, "run scripts/generate-rule-ids: \(tableIDs.subtracting(constants).sorted())")
        #expect(constants.subtracting(tableIDs).isEmpty, "a constant the digests no longer state: \(constants.subtracting(tableIDs).sorted())")
        #expect(catalog.rule("b.1")?.statement.contains("Arbitration") == true, "a whole section is citable and readable at /rules/b.1")
        #expect(RuleID.a1_16.title.contains("otice") && RuleID.known("a1.16") == .a1_16 && RuleID.known("z9.9") == nil)
        // Encoded as the bare id; an id the digests do not state is refused when read.
        #expect(String(decoding: try JSONEncoder().encode(RuleID.b8_2), as: UTF8.self) == #""b8.2""#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RuleID.self, from: Data(#""a9.99""#.utf8)) }
    }

    @Test func everyIdTheCodeStillWritesAsTextIsKnown() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(pattern: #""([ab][0-9]*(?:\.[0-9]+)+|[ab][0-9]+)""#)
        var unknown: [String] = []
        var scanned = 0
        for case let path as String in FileManager.default.enumerator(atPath: sources.path)! where path.hasSuffix(".swift") && !path.hasSuffix("RuleIDs.swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            scanned += 1
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let id = String(text[Range(match.range(at: 1), in: text)!])
                if RuleID.known(id) == nil { unknown.append("\(path): \(id)") }
            }
        }
        #expect(scanned > 100)
        #expect(unknown.isEmpty, "unknown rule ids: \(unknown)")
    }
}
