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

@Suite("The online complaint form's checks (a1.1, a1.2, b6.7)")
struct OnlineComplaintTests {
    let today = CivilDate("2026-11-23")!

    func complete() -> OnlineComplaint {
        OnlineComplaint(firstName: "Pat", lastName: "Public", email: "pat@example.com",
                        respondents: [.init(memberNumber: nil, name: "Rita Realtor", firm: "Shore")],
                        articles: [(2, "The listing hid the flood zone from buyers.")], transactionConcludedOn: "2026-02-02",
                        signature: "Pat Public", signatureAgreed: true)
    }

    @Test func aCompleteComplaintHasNoProblems() {
        #expect(complete().problems(today: today).isEmpty)
        #expect(complete().complaintPayload["articles"] == .text("2"))
        #expect(complete().complaintPayload["channel"] == .text("online"))
    }

    @Test func eachProblemIsNamedByField() {
        var complaint = complete()
        complaint.articles = [(18, "Something happened that was wrong.")]
        complaint.transactionConcludedOn = "2027-01-01"
        complaint.informalProcess = "mediation"
        complaint.informalStartedOn = "2026-03-10"
        complaint.informalEndedOn = "2026-03-01"
        complaint.signatureAgreed = false
        let problems = complaint.problems(today: today)
        #expect(problems["articles"] == .init("articlesUnknown", ["article": "18"]))
        #expect(problems["transactionConcludedOn"] == .init("future"))
        #expect(problems["informalEndedOn"] == .init("informalOrder"))
        #expect(problems["signature"] != nil)
        #expect(problems.count == 4)
    }
}
