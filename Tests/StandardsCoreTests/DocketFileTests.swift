import Foundation
import Testing
@testable import StandardsCore

@Suite("The docket file format and its generated documentation")
struct DocketFileTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs").standardized

    @Test func theDocumentedExampleGivesTheDocumentedDates() throws {
        let data = try Data(contentsOf: Self.docs.appendingPathComponent("examples/mediation-tolled.json"))
        let file = try JSONDecoder().decode(DocketFile.self, from: data)
        let (docket, profile, calendar) = try file.resolve().get()
        #expect(profile.name == "obar")
        let deadlines = DeadlineDerivation.derive(DeadlineInput(kind: file.kind, profile: profile, calendar: calendar, docket: docket, asOf: file.asOf!))
        #expect(deadlines.first { $0.key == .filing }?.dueOn?.description == "2026-08-22")
        #expect(deadlines.first { $0.key == .gcDecisionNotice }?.dueOn?.description == "2026-08-28")
    }

    @Test func badFilesReportEveryProblem() throws {
        let json = #"{"profile":"mars","kind":"ethics","entries":[{"type":"teleport","effectiveOn":"2026-01-01"},{"type":"note","effectiveOn":"2026-01-02","payload":{}}]}"#
        let file = try JSONDecoder().decode(DocketFile.self, from: Data(json.utf8))
        guard case .failure(let error) = file.resolve() else { Issue.record("must fail"); return }
        #expect(error.problems.count == 3)
        #expect(error.problems[0].contains("profile \"mars\""))
        #expect(error.problems[1].contains("entry 1: unknown type"))
        #expect(error.problems[2].contains("entry 2 (note)"))
    }

    @Test func positionalIdsLetCorrectionsReferToEntries() throws {
        let json = #"""
        {"profile":"nar","kind":"ethics","entries":[
          {"type":"notice.sent","effectiveOn":"2026-04-02","payload":{"notice":"dismissal"}},
          {"type":"notice.sent","effectiveOn":"2026-04-03","payload":{"notice":"dismissal"},"corrects":"00000000-0000-0000-0000-000000000001"}]}
        """#
        let file = try JSONDecoder().decode(DocketFile.self, from: Data(json.utf8))
        let (docket, profile, calendar) = try file.resolve().get()
        let deadlines = DeadlineDerivation.derive(DeadlineInput(kind: .ethics, profile: profile, calendar: calendar, docket: docket, asOf: CivilDate("2026-04-05")!))
        #expect(deadlines.first { $0.key == .dismissalAppeal }?.dueOn?.description == "2026-04-23")
    }

    @Test func docsDocketIsGeneratedFromTheCatalog() throws {
        let text = try String(contentsOf: Self.docs.appendingPathComponent("docket.md"), encoding: .utf8)
        #expect(text.contains(DocketCatalogDoc.markdown()), "regenerate with `swift run psdesk docs docket`")
    }
}
