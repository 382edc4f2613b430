import Foundation
import Testing
import Vapor
import Fluent
import NIOConcurrencyHelpers
@testable import PSDeskApp
@testable import StandardsCore

/// A relay in memory: refuses while `down`, records each message it accepts.
final class RecordingRelay: MailTransport, @unchecked Sendable {
    private let state = NIOLockedValueBox<(down: Bool, accepted: [RenderedMail])>((false, []))
    var down: Bool {
        get { state.withLockedValue { $0.down } }
        set { state.withLockedValue { $0.down = newValue } }
    }
    var accepted: [RenderedMail] { state.withLockedValue { $0.accepted } }
    func deliver(_ message: RenderedMail) async throws {
        try state.withLockedValue { state in
            if state.down { throw MailDeliveryError(description: "connection refused") }
            state.accepted.append(message)
        }
    }
}

/// A complaint acknowledged by email whose complainant gave no address: its one message, waiting for one.
func acknowledgedWithoutAnAddress(_ app: Application) async throws -> (Fixture, OutboxMessage) {
    let fixture = try await Fixture.make(app)
    let number = try await fixture.openEthicsCase()
    fixture.complainant.email = nil
    try await fixture.complainant.save(on: app.db)
    try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-27","payload":{"articles":"1","transactionConcludedOn":"2026-10-02"}}"#])
    try await fixture.acknowledge(number, on: "2026-11-27")
    return (fixture, try #require(try await OutboxMessage.query(on: app.db).first()))
}

@Suite("Email: the outbox, retries, and transmittal on the day the relay accepted (issue 13)")
struct MailTests {
    /// Decodes one base64 part of a rendered message.
    static func part(_ mail: RenderedMail, _ type: String) -> String {
        guard let start = mail.data.range(of: "Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n") else { return "" }
        let rest = mail.data[start.upperBound...]
        let encoded = rest.prefix { $0 != "-" }.replacingOccurrences(of: "\r\n", with: "")
        return Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    @Test func anEmailedNoticeIsRetriedUntilAcceptedAndCountsFromThatDay() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-27","payload":{"articles":"1","transactionConcludedOn":"2026-10-02"}}"#])
            try await fixture.acknowledge(number, on: "2026-11-27")
            // The acknowledgment goes by email (a1.5): one message to the complainant, who has an address on file.
            let queued = try await OutboxMessage.query(on: app.db).all()
            #expect(queued.count == 1)
            let message = try #require(queued.first)
            #expect(message.toAddress == "pat@example.com" && message.status == "queued" && message.purpose == "notice")
            #expect(message.subject.contains("Acknowledgment of your complaint") && message.subject.contains(number))
            #expect(message.textBody.contains("Dear Pat Public,") && message.textBody.contains("November 27, 2026"))

            // act: the relay is down for the first round
            let relay = RecordingRelay()
            relay.down = true
            #expect(try await OutboxDelivery.deliverDue(app: app, transport: relay) == 0)
            var stored = try #require(try await OutboxMessage.find(message.id, on: app.db))
            #expect(stored.status == "queued" && stored.attempts == 1 && stored.lastError?.contains("connection refused") == true)
            #expect(stored.nextAttemptAt == testNow.addingTimeInterval(60), "the first retry waits PSDESK_MAIL_RETRY_SECONDS")
            // A round before the retry is due sends nothing, even with the relay back.
            relay.down = false
            #expect(try await OutboxDelivery.deliverDue(app: app, transport: relay) == 0)
            // Staff see it as undelivered meanwhile.
            #expect(try await Outbox.undelivered(in: fixture.home.requireID(), relayConfigured: true, on: app.db).count == 1)

            // act: three days later the retry is due and the relay accepts it
            let later = testNow.addingTimeInterval(3 * 86_400)
            app.clock = .fixed(later)
            #expect(try await OutboxDelivery.deliverDue(app: app, transport: relay) == 1)
            #expect(try await OutboxDelivery.deliverDue(app: app, transport: relay) == 0, "delivered once")
            #expect(relay.accepted.count == 1)
            stored = try #require(try await OutboxMessage.find(message.id, on: app.db))
            #expect(stored.status == "sent" && stored.acceptedAt == later && stored.attempts == 2)

            // check: the message on the wire
            let wire = try #require(relay.accepted.first)
            #expect(wire.recipients == ["pat@example.com"])
            #expect(wire.data.contains("Message-ID: \(stored.messageID)\r\n"))
            #expect(wire.data.contains("From: \"Home Association\" <psdesk@localhost>\r\n"))
            let text = Self.part(wire, "text/plain")
            #expect(text.contains("Dear Pat Public,") && text.contains("http://127.0.0.1:8080/a/home/cases/\(number)"))
            #expect(!text.contains(NoticeMail.baseURLMark))

            // check: the notice now counts as transmitted on the day the relay accepted it, by a correction (b14)
            let entries = try await DocketStore.entries(of: try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first()).requireID(), on: app.db)
            let correction = try #require(entries.last)
            #expect(correction.type == .noticeSent && correction.corrects == message.noticeEntryID)
            #expect(correction.effectiveOn == CivilDate("2026-12-03"))
            #expect(correction.payload["emailAccepted"]?.textValue?.contains(stored.messageID) == true)
            #expect(entries.contains { $0.id == message.noticeEntryID && $0.effectiveOn == CivilDate("2026-11-27") }, "the original stays")
            #expect(try await Outbox.undelivered(in: fixture.home.requireID(), relayConfigured: true, on: app.db).isEmpty)
        }
    }

    @Test func aRecipientWithoutAnAddressIsShownToStaffAndCanBeResent() async throws {
        try await withTestApp { app in
            let (fixture, message) = try await acknowledgedWithoutAnAddress(app)
            #expect(message.status == "no-address" && message.toAddress.isEmpty)
            let relay = RecordingRelay()
            #expect(try await OutboxDelivery.deliverDue(app: app, transport: relay) == 0)
            #expect(try await Outbox.undelivered(in: fixture.home.requireID(), relayConfigured: true, on: app.db).map(\.id) == [message.id])
            // A bad address is refused; a good one queues it again.
            await #expect(throws: AppError.self) { try await Outbox.resend(message, to: "pat@", now: testNow, on: app.db) }
            try await Outbox.resend(message, to: " Pat@Elsewhere.example ", now: testNow, on: app.db)
            #expect(try await OutboxDelivery.deliverDue(app: app, transport: relay) == 1)
            #expect(relay.accepted.first?.recipients == ["pat@elsewhere.example"])
        }
    }

    @Test func headersCannotBeSplitAndNamesAreEncoded() {
        let message = OutboxMessage()
        message.id = UUID()
        message.toName = "Zoë \"Q\"\r\nBcc: evil@example.com"
        message.toAddress = "zoe@example.com"
        message.fromName = "Ñandú Board"
        message.fromAddress = ""
        message.subject = "Hello\r\nBcc: evil@example.com"
        message.textBody = "plain"
        message.htmlBody = "<p>html</p>"
        message.messageID = "<x@example.com>"
        let mail = RenderedMail(message, defaultFrom: "psa@board.example", baseURL: "https://psdesk.example", now: testNow)
        let headers = mail.data.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(!headers.contains { $0.hasPrefix("Bcc:") }, "\(headers)")
        #expect(headers.contains("Subject: Hello  Bcc: evil@example.com"))
        #expect(headers.contains { $0.hasPrefix("From: =?utf-8?B?") && $0.hasSuffix("<psa@board.example>") })
        #expect(mail.from == "psa@board.example" && mail.recipients == ["zoe@example.com"])
        #expect(Self.part(mail, "text/plain") == "plain" && Self.part(mail, "text/html") == "<p>html</p>")
    }
}

@Suite("Email on the staff worklist (issue 13)")
struct MailWorklistTests {
    @Test func staffSeeUndeliveredMailAndSendItAgainOthersCannot() async throws {
        try await withTestApp { app in
            let (_, message) = try await acknowledgedWithoutAnAddress(app)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let dashboard = try await staff.get("/a/home")
            #expect(dashboard.body.string.contains("Email not delivered (1)") && dashboard.body.string.contains("no email address on file"))
            #expect(dashboard.body.string.contains("No mail relay is configured"))
            // Another association's staff cannot reach it; a GC member has no worklist and may not resend.
            let otherStaff = Browser(app)
            _ = try await otherStaff.signIn("staff@other.test")
            _ = try await otherStaff.get("/a/other")
            let foreign = try await otherStaff.post("/a/other/outbox/\(message.id!)/resend", form: ["address": "x@example.com"])
            #expect(foreign.status == .notFound)
            let gc = Browser(app)
            _ = try await gc.signIn("gc@home.test")
            #expect(!(try await gc.get("/a/home").body.string.contains("Email not delivered")))
            #expect(try await gc.post("/a/home/outbox/\(message.id!)/resend", form: ["address": "x@example.com"]).status == .forbidden)
            // A bad address is said, not sent; a good one queues it.
            _ = try await staff.post("/a/home/outbox/\(message.id!)/resend", form: ["address": "not an address"])
            #expect(try await staff.get("/a/home").body.string.contains("Not sent again"))
            let done = try await staff.post("/a/home/outbox/\(message.id!)/resend", form: ["address": "pat@new.example"])
            #expect(done.status == .seeOther)
            let stored = try #require(try await OutboxMessage.find(message.id, on: app.db))
            #expect(stored.status == "queued" && stored.toAddress == "pat@new.example")
            #expect(try await staff.get("/a/home").body.string.contains("will be sent again"))
        }
    }
}
