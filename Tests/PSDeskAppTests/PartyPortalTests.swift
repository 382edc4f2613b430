import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

@Suite("Party portal: dismissal appeal, service, reply, withdrawal (a1.10, a1.11, a1.17)")
struct PartyPortalTests {
    @Test func aDismissedComplaintIsAppealedReinstatedServedAnsweredAndWithdrawn() async throws {
        try await withTestApp { app in
            // setup: a complaint with the fixture's public complainant (party@home.test) and a respondent with an account
            let fixture = try await Fixture.make(app)
            try await fixture.addRespondentAccount()
            let number = try await fixture.openEthicsCase()
            _ = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1","transactionConcludedOn":"2026-10-01"}}"#)
            }
            try await fixture.acknowledge(number, on: "2026-11-03")
            let casePath = "/a/home/cases/\(number)"
            let early = Browser(app)
            _ = try await early.signIn("rita@home.test")
            #expect(try await early.get(casePath).status == .notFound, "the respondent is not told before GC review (a2.11)")
            let gc = Browser(app)
            _ = try await gc.signIn("gc@home.test")
            try await gc.get(casePath)
            #expect(try await gc.post("\(casePath)/gc-decision", form: ["decision": "dismiss", "reason": "unworthy"]).status == .seeOther)

            // Once the GC has decided, the respondent sees the case: no reply form yet, and a complainant's step is refused to them.
            let rita = Browser(app)
            _ = try await rita.signIn("rita@home.test")
            #expect(!(try await rita.get(casePath).body.string.contains("Your reply to the complaint")))
            #expect(try await rita.post("\(casePath)/appeal-dismissal", form: ["explanation": "x"]).status == .forbidden)

            // The complainant appeals with an explanation only.
            let pat = Browser(app)
            _ = try await pat.signIn("party@home.test")
            #expect(try await pat.get(casePath).body.string.contains("Appeal the dismissal (Form E-22)"))
            #expect(try await pat.post("\(casePath)/appeal-dismissal", form: ["explanation": "The Committee misread the listing."]).status == .seeOther)
            #expect(try await status(app, fixture, number) == "dismissal-appealed")
            // New material is refused while the appeal is pending (a1.10).
            var (headers, body) = DocumentTests().multipart(DocumentTests.pdf, filename: "new-evidence.pdf")
            headers.replaceOrAdd(name: .cookie, value: pat.cookie ?? "")
            let upload = try await app.testing().sendRequest(.POST, "\(casePath)/documents", headers: headers,
                                                              body: withCSRF(body, csrf: pat.csrf ?? "", headers: headers))
            #expect(upload.status == .unprocessableEntity)
            #expect(upload.body.string.contains("cannot be revised or supplemented"))

            // Staff record the Directors' decision: reinstated, then serve the complaint.
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            try await staff.get(casePath)
            // Without the Directors who decided it, the form comes back with the panel rule (a1.10).
            let unnamed = try await staff.post("\(casePath)/dismissal-appeal-decision", form: ["outcome": "reinstated"])
            #expect(unnamed.status == .unprocessableEntity && unnamed.body.string.contains("at least 5 Directors"))
            let board = try await HearingWalkthroughTests.board(app, association: fixture.home).map(\.uuidString).joined(separator: ",")
            #expect(try await staff.post("\(casePath)/dismissal-appeal-decision", form: ["outcome": "reinstated", "directorIds": board]).status == .seeOther)
            // Staff are told what their own step did, and may record a party's paper filings, folded away.
            let afterDecision = try await staff.get(casePath).body.string
            #expect(afterDecision.contains("The Directors&#39; decision on the dismissal appeal was recorded."))
            #expect(afterDecision.contains("Record the complainant's withdrawal, received on paper"))
            #expect(try await status(app, fixture, number) == "forwarded")
            #expect(try await staff.get(casePath).body.string.contains("Serve the complaint"))
            #expect(try await staff.post("\(casePath)/serve", form: [:]).status == .seeOther)

            // The respondent replies through the portal; the reply deadline is met.
            #expect(try await rita.get(casePath).body.string.contains("Your reply to the complaint"))
            #expect(try await rita.post("\(casePath)/reply", form: ["text": "The listing was accurate when published.", "effectiveOn": "2026-11-01"]).status == .seeOther)
            // A party's reply is dated the day it arrives, whatever date the form carries; only staff date paper filings.
            let replyEntries = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test"))
                .content.decode([APIModel.EntryOut].self)
            #expect(replyEntries.last { $0.type == "reply.received" }?.effectiveOn == "2026-11-30")
            #expect(try await status(app, fixture, number) == "reply-received")
            let deadlines = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/deadlines", headers: fixture.bearer("staff@home.test"))
                .content.decode(APIModel.DeadlinesOut.self)
            #expect(deadlines.deadlines.first { $0.key == "reply" }?.status == "met")
            #expect(deadlines.deadlines.first { $0.key == "reply-forwarded" }?.status == "pending")

            // The complainant withdraws.
            try await pat.get(casePath)
            let unconfirmed = try await pat.post("\(casePath)/withdraw", form: ["reason": "Settled privately."])
            #expect(unconfirmed.status == .unprocessableEntity, "withdrawal cannot be undone, so it is confirmed first (a1.17)")
            #expect(unconfirmed.body.string.contains("cannot be undone") && unconfirmed.body.string.contains("Settled privately."))
            #expect(try await pat.post("\(casePath)/withdraw", form: ["reason": "Settled privately.", "confirm": "yes"]).status == .seeOther)
            #expect(try await status(app, fixture, number) == "withdrawn")
        }
    }

    func status(_ app: Application, _ fixture: Fixture, _ number: String) async throws -> String {
        try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)", headers: fixture.bearer("staff@home.test"))
            .content.decode(APIModel.CaseOut.self).status
    }

    /// Adds the `_csrf` field to a multipart body built by `DocumentTests.multipart`.
    func withCSRF(_ body: ByteBuffer, csrf: String, headers: HTTPHeaders) -> ByteBuffer {
        var out = ByteBuffer()
        out.writeString("--psdesk-test-boundary\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n")
        var copy = body
        out.writeBuffer(&copy)
        return out
    }
}

@Suite("Completion, amendment and distribution (a1.13, a1.18)")
struct CompletionAndDistributionTests {
    @Test func sentBackAmendedReviewedServedAnsweredAndDistributed() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let base = "/api/v1/associations/home/cases/\(number)"
            _ = try await app.testing().sendRequest(.POST, "\(base)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1","transactionConcludedOn":"2026-10-01"}}"#)
            }
            // Staff send it back; an empty reason is refused with the rule.
            let empty = try await app.testing().sendRequest(.POST, "\(base)/request-completion", headers: fixture.bearer("staff@home.test")) { $0.json(#"{"reason":" "}"#) }
            #expect(try empty.content.decode(ErrorBody.self).error.rule == "a1.18")
            let sent = try await app.testing().sendRequest(.POST, "\(base)/request-completion", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"reason":"Please say which Article the advertising complaint falls under."}"#)
            }
            #expect(sent.status == .ok)
            // Only the complainant (or staff) may amend.
            #expect(try await app.testing().sendRequest(.POST, "\(base)/amend", headers: fixture.bearer("gc@home.test")) { $0.json(#"{"articles":"12"}"#) }.status == .forbidden)
            let amended = try await app.testing().sendRequest(.POST, "\(base)/amend", headers: fixture.bearer("party@home.test")) {
                $0.json(#"{"articles":"1, 12","text":"Article 12: the advertisement hid the firm's name."}"#)
            }
            #expect(amended.status == .ok)
            try await fixture.acknowledge(number, on: "2026-11-04")
            // The GC sees the amended Articles on the case page.
            let gc = Browser(app)
            _ = try await gc.signIn("gc@home.test")
            #expect(try await gc.get("/a/home/cases/\(number)").body.string.contains("<strong>Articles cited:</strong> 1, 12"))
            _ = try await app.testing().sendRequest(.POST, "\(base)/gc-decision", headers: fixture.bearer("gc@home.test")) { $0.json(#"{"decision":"forward"}"#) }
            _ = try await app.testing().sendRequest(.POST, "\(base)/serve", headers: fixture.bearer("staff@home.test"))
            // The reply comes on paper after service (today); staff record it through the reply step (a1.11).
            try await fixture.step(number, "reply", #"{"text":"Denied."}"#)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            #expect(try await staff.get("/a/home/cases/\(number)").body.string.contains("Send the reply to the complainant"))
            let forwarded = try await app.testing().sendRequest(.POST, "\(base)/forward-reply", headers: fixture.bearer("staff@home.test"))
            #expect(forwarded.status == .ok)
            #expect(try await staff.get("/a/home/cases/\(number)").body.string.contains("Distribute"))
            let distributed = try await app.testing().sendRequest(.POST, "\(base)/distribute", headers: fixture.bearer("staff@home.test"))
            #expect(distributed.status == .ok)
            let entries = try await app.testing().sendRequest(.GET, "\(base)/entries", headers: fixture.bearer("staff@home.test")).content.decode([APIModel.EntryOut].self)
            #expect(entries.compactMap { $0.payload["notice"]?.textValue } == ["completion-request", "acknowledgment", "gc-decision", "complaint-served", "reply-forwarded", "complaint-and-reply-distributed"])
            #expect(entries.first { $0.payload["notice"]?.textValue == "completion-request" }?.payload["note"]?.textValue?.contains("which Article") == true)
            #expect(entries.contains { $0.type == "complaint.amended" })
        }
    }
}

@Suite("After an amendment the respondent gets the amended complaint and may amend the reply (a1.18)")
struct AmendedReplyTests {
    @Test func anAmendmentAfterServiceReachesTheRespondentWhoMayReplyAgain() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            try await fixture.addRespondentAccount()
            let number = try await fixture.openEthicsCase()
            let base = "/api/v1/associations/home/cases/\(number)"
            _ = try await app.testing().sendRequest(.POST, "\(base)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1"}}"#)
            }
            try await fixture.acknowledge(number, on: "2026-11-03")
            _ = try await app.testing().sendRequest(.POST, "\(base)/gc-decision", headers: fixture.bearer("gc@home.test")) { $0.json(#"{"decision":"forward"}"#) }
            _ = try await app.testing().sendRequest(.POST, "\(base)/serve", headers: fixture.bearer("staff@home.test"))
            let browser = Browser(app)
            _ = try await browser.signIn("rita@home.test")
            try await browser.get("/a/home/cases/\(number)")
            #expect(try await browser.post("/a/home/cases/\(number)/reply", form: ["text": "First reply."]).status == .seeOther)
            #expect(!(try await browser.get("/a/home/cases/\(number)").body.string.contains("Your reply to the complaint")))
            // The complainant amends: the respondent is sent the amended complaint and the reply form returns.
            _ = try await app.testing().sendRequest(.POST, "\(base)/amend", headers: fixture.bearer("party@home.test")) { $0.json(#"{"articles":"1, 2"}"#) }
            let entries = try await app.testing().sendRequest(.GET, "\(base)/entries", headers: fixture.bearer("staff@home.test")).content.decode([APIModel.EntryOut].self)
            #expect(entries.last?.payload["notice"]?.textValue == "amended-complaint")
            #expect(try await browser.get("/a/home/cases/\(number)").body.string.contains("Your reply to the complaint"))
        }
    }
}
