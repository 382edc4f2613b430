import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// Runs a program to its end; returns its exit status and what it printed.
@discardableResult
func runProgram(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Poppler's `pdftotext` on a PDF's bytes: what a reader's search or a screen reader finds in it.
func pdfText(_ pdf: Data) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("psdesk-test-\(UUID().uuidString).pdf").path
    try pdf.write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try runProgram("/usr/bin/pdftotext", ["-layout", path, "-"]).output
}

@Suite("Letters: templates, versions, PDF and the email that carries it (issue 19)")
struct LetterTests {
    @Test func anEditedTemplateIsANewVersionAndEachLetterKeepsItsOwn() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let filed = #"{"type":"complaint.filed","effectiveOn":"2026-11-27","payload":{"articles":"1","transactionConcludedOn":"2026-10-02"}}"#
            let first = try await fixture.openEthicsCase()
            try await fixture.append(first, [filed])
            try await fixture.acknowledge(first, on: "2026-11-27")
            let before = try #require(try await LetterRecord.query(on: app.db).first())
            #expect(before.templateVersion == 0 && before.recipientName == "Pat Public")
            #expect(try before.decoded().subject == "Acknowledgment of your complaint")

            let staff = Browser(app)
            #expect(try await staff.signIn("staff@home.test").status == .seeOther)
            let list = try await staff.get("/a/home/letters")
            #expect(list.status == .ok && list.body.string.contains("Acknowledgment of your complaint") && list.body.string.contains("Notice of hearing"))

            // A refused edit keeps what was typed and says why beside the field.
            let refused = try await staff.post("/a/home/letters/acknowledgment", form: ["subject": "  ", "body": "We have your complaint, thank you.", "action": "save"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Give the letter a subject.") && refused.body.string.contains("We have your complaint, thank you."))
            let tooLong = try await staff.post("/a/home/letters/acknowledgment", form: ["subject": String(repeating: "x", count: 151), "body": "Text.", "action": "save"])
            #expect(tooLong.status == .unprocessableEntity && tooLong.body.string.contains("150 characters"))

            // The preview shows the letter on a sample case and saves nothing.
            let body = "Thank you for writing to us.\n\nThe Grievance Committee meets monthly; you will hear from us after it reviews your complaint."
            let preview = try await staff.post("/a/home/letters/acknowledgment", form: ["subject": "We received your complaint", "body": body, "action": "preview"])
            #expect(preview.status == .ok && preview.body.string.contains("Pat Sample") && preview.body.string.contains("The Grievance Committee meets monthly"))
            #expect(try await LetterTemplateRecord.query(on: app.db).count() == 0)

            let saved = try await staff.post("/a/home/letters/acknowledgment", form: ["subject": "We received your complaint", "body": body, "action": "save"])
            #expect(saved.status == .seeOther)
            let page = try await staff.get("/a/home/letters/acknowledgment")
            #expect(page.body.string.contains("Version 1") && page.body.string.contains("Letters from now on use it"))
            let same = try await staff.post("/a/home/letters/acknowledgment", form: ["subject": "We received your complaint", "body": body, "action": "save"])
            #expect(same.status == .unprocessableEntity && same.body.string.contains("nothing was saved"))

            // A notice sent now uses version 1; the first letter keeps the standard text it was sent with.
            let second = try await fixture.openEthicsCase(title: "Public v. Realtor (2)")
            try await fixture.append(second, [filed])
            try await fixture.acknowledge(second, on: "2026-11-27")
            let letters = try await LetterRecord.query(on: app.db).sort(\.$createdAt).all()
            #expect(letters.count == 2)
            let after = try #require(letters.first { $0.id != before.id })
            #expect(after.templateVersion == 1)
            let afterContent = try after.decoded()
            #expect(afterContent.subject == "We received your complaint" && afterContent.paragraphs.count == 2)
            #expect(try #require(try await LetterRecord.find(before.id, on: app.db)).content == before.content)
            let mail = try #require(try await OutboxMessage.query(on: app.db).filter(\.$letterID == after.id).first())
            #expect(mail.subject.hasPrefix("We received your complaint") && mail.textBody.contains("The Grievance Committee meets monthly"))

            // The first notice's letter page still shows what was sent, with the standard version named.
            let firstNotice = try #require(try await DocketEntryRecord.find(before.noticeEntryID, on: app.db))
            let shown = try await staff.get("/a/home/cases/\(first)/notices/\(try firstNotice.requireID().uuidString)/letter")
            #expect(shown.status == .ok && shown.body.string.contains("Acknowledgment of your complaint") && !shown.body.string.contains("meets monthly"))
            #expect(shown.body.string.contains("PSDesk&#39;s standard text") || shown.body.string.contains("PSDesk's standard text"))

            // Only staff edit templates; an unknown notice is not a template.
            let party = Browser(app)
            _ = try await party.signIn("party@home.test")
            #expect(try await party.get("/a/home/letters").status == .forbidden)
            #expect(try await party.post("/a/home/letters/acknowledgment", form: ["subject": "x", "body": "y", "action": "save"]).status == .forbidden)
            #expect(try await staff.get("/a/home/letters/no-such-notice").status == .notFound)
            #expect(try await LetterTemplateRecord.query(on: app.db).count() == 1)
        }
    }

    /// Each letter carries its addressee's postal address: a party opens only their own, as a page, as a PDF, in the case's
    /// documents and through the API; staff open every one.
    @Test func aPartyOpensOnlyTheLetterAddressedToThem() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let ritaAPI = try await fixture.addRespondentAccount()
            let rita = try #require(try await Person.find(fixture.respondent.id, on: app.db))
            rita.address = "12 Harbour Lane, Manteo, NC 27954"
            try await rita.save(on: app.db)
            let number = try await fixture.openEthicsCase()
            try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-27","payload":{"articles":"1","transactionConcludedOn":"2026-10-02"}}"#])
            try await fixture.acknowledge(number, on: "2026-11-27")
            let gc = Browser(app)
            _ = try await gc.signIn("gc@home.test")
            try await gc.get("/a/home/cases/\(number)")
            #expect(try await gc.post("/a/home/cases/\(number)/gc-decision", form: ["decision": "forward"]).status == .seeOther)
            _ = try await LetterPrinting.printWaiting(app: app, limit: 50)
            let toRita = try #require(try await LetterRecord.query(on: app.db).filter(\.$recipientPersonID == rita.id).first())
            let toPat = try #require(try await LetterRecord.query(on: app.db).filter(\.$recipientPersonID == fixture.complainant.id)
                .filter(\.$noticeEntryID == toRita.noticeEntryID).first())
            let ritaDocument = try #require(toRita.documentID), patDocument = try #require(toPat.documentID)
            let letterPage = "/a/home/cases/\(number)/notices/\(toRita.noticeEntryID.uuidString)/letter"

            let pat = Browser(app)
            _ = try await pat.signIn("party@home.test")
            let patLetters = try await pat.get(letterPage).body.string
            #expect(patLetters.contains("Pat Public") && !patLetters.contains("Harbour Lane") && !patLetters.contains("Rita Realtor</"))
            #expect(try await pat.get("/a/home/cases/\(number)/notices/\(toRita.noticeEntryID.uuidString)/letters/\(try toRita.requireID().uuidString)/pdf").status == .notFound)
            #expect(try await pat.get("/a/home/cases/\(number)/notices/\(toPat.noticeEntryID.uuidString)/letters/\(try toPat.requireID().uuidString)/pdf").status == .ok)
            let casePage = try await pat.get("/a/home/cases/\(number)").body.string
            #expect(!casePage.contains(ritaDocument.uuidString) && casePage.contains(patDocument.uuidString))
            #expect(try await pat.get("/a/home/cases/\(number)/documents/\(ritaDocument.uuidString)").status == .notFound)
            let listed = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/documents", headers: ritaAPI)
            #expect(listed.status == .ok && listed.body.string.contains(ritaDocument.uuidString) && !listed.body.string.contains(patDocument.uuidString))

            // Staff open both.
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let both = try await staff.get(letterPage).body.string
            #expect(both.contains("Harbour Lane") && both.contains("Pat Public"))
            #expect(try await staff.get("/a/home/cases/\(number)/documents/\(ritaDocument.uuidString)").status == .ok)
        }
    }

    /// The arbitration hearing's notice (a2.21) printed to PDF and sent through a real SMTP server (aiosmtpd) by msmtp:
    /// the PDF is on the notice's docket entry and in the email, and its text is the letter.
    @Test func aHearingNoticeReachesARealSMTPServerWithItsPDF() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await ArbitrationHearingTests.cast(app, fixture, fixture.home, staffEmail: "staff@home.test")
            for (id, email) in [(cast.claimantID, "clara@example.com"), (cast.respondentID, "ross@example.com")] {
                let person = try #require(try await Person.find(id, on: app.db))
                person.email = email
                person.address = "12 Harbor Lane, Port Town"
                try await person.save(on: app.db)
            }
            let number = try await AwardFinalityTests.awarded(app, cast, amount: "40,000")
            let notice = try #require(try await DocketEntryRecord.query(on: app.db).filter(\.$type == "notice.sent").all()
                .first { $0.payload.contains("\"arbitration-hearing\"") })
            let letters = try await LetterRecord.query(on: app.db).filter(\.$noticeEntryID == notice.requireID()).all()
            #expect(letters.map(\.recipientName).sorted() == ["Clara Claimant", "Ross Respondent"])

            // Printed in the background round, attached to the notice's docket entry.
            #expect(try await LetterPrinting.printWaiting(app: app, limit: 500) >= 2)
            let claimantLetter = try #require(try await LetterRecord.query(on: app.db).filter(\.$noticeEntryID == notice.requireID())
                .filter(\.$recipientName == "Clara Claimant").first())
            let document = try #require(try await DocumentRecord.find(claimantLetter.documentID, on: app.db))
            #expect(document.docketEntryID == notice.id && document.mediaType == "application/pdf")
            let stored = try DocumentStorage(root: app.psdesk.blobDirectory).read(document.sha256)
            #expect(LetterText.sha256Data(stored) == document.sha256)
            let text = try pdfText(stored)
            #expect(text.contains("Notice of arbitration hearing") && text.contains("Clara Claimant") && text.contains("12 Harbor Lane"))
            #expect(text.contains("Outline of procedure") && text.contains("Board room"))
            #expect(text.contains("Page 1 of"))
            #expect(text.replacingOccurrences(of: "\n", with: "").contains(claimantLetter.textSHA256), "each page carries the letter's SHA-256")

            // The case page lists the PDF under the notice.
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let casePage = try await staff.get("/a/home/cases/\(number)")
            #expect(casePage.body.string.contains("Letter to Clara Claimant"))

            // A real SMTP server on this machine, reached through msmtp as in production.
            let port = Int.random(in: 20_000...40_000)
            let maildir = FileManager.default.temporaryDirectory.appendingPathComponent("psdesk-maildir-\(UUID().uuidString)").path
            let server = Process()
            // python3 from the PATH: the one pip installed aiosmtpd for (`.ci/run`).
            server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            server.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir]
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            // SIGKILL: aiosmtpd's event loop outlives a SIGTERM.
            defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit(); try? FileManager.default.removeItem(atPath: maildir) }
            let probe = "import socket, sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1)"
            for _ in 0..<100 where try runProgram("/usr/bin/env", ["python3", "-c", probe, String(port)]).status != 0 {
                try await Task.sleep(for: .milliseconds(100))
            }
            let relay = MsmtpTransport(relay: MailRelay(host: "127.0.0.1", port: port, security: .none, user: nil, password: nil))
            let hearingMail = try #require(try await OutboxMessage.query(on: app.db).filter(\.$letterID == claimantLetter.id).first())
            #expect(hearingMail.purpose == "notice-copy" && hearingMail.toAddress == "clara@example.com", "a mailed notice goes by email as a copy")
            #expect(try await OutboxDelivery.deliverDue(app: app, transport: relay, limit: 500) >= 2)
            let sent = try #require(try await OutboxMessage.find(hearingMail.id, on: app.db))
            #expect(sent.status == "sent", "\(sent.lastError ?? "")")

            // The message as the server received it: its PDF attachment's text is the letter.
            let extract = """
                import mailbox, sys
                for message in mailbox.Maildir(sys.argv[1], create=False):
                    if 'clara@example.com' in message['To'] and 'arbitration hearing' in message['Subject']:
                        for part in message.walk():
                            if part.get_content_type() == 'application/pdf':
                                open(sys.argv[2], 'wb').write(part.get_payload(decode=True)); print(part.get_filename())
                            if part.get_content_type() == 'text/calendar':
                                open(sys.argv[2] + '.ics', 'wb').write(part.get_payload(decode=True))
                """
            let received = maildir + "-hearing.pdf"
            defer { try? FileManager.default.removeItem(atPath: received) }
            let (status, filename) = try runProgram("/usr/bin/env", ["python3", "-c", extract, maildir, received])
            #expect(status == 0 && filename.contains(".pdf"))
            let attached = try Data(contentsOf: URL(fileURLWithPath: received))
            #expect(LetterText.sha256Data(attached) == document.sha256, "the attachment is the PDF on the docket")
            // The invitation: the hearing as an event, the same UID as in the parties' calendar links.
            let invitation = try String(contentsOfFile: received + ".ics", encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: received + ".ics") }
            let invited = try parseICS(invitation)
            let caseID = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first()?.requireID())
            #expect(invited.count == 1 && invited.first?.location == "Board room" && invited.first?.start == "2026-09-30")
            #expect(invited.first?.uid.hasPrefix("hearing-\(caseID.uuidString.lowercased())-hearing@") == true)
            let attachedText = try pdfText(attached)
            #expect(attachedText.contains("Notice of arbitration hearing") && attachedText.contains("Dear Clara Claimant"))
        }
    }

    /// Without a working renderer nothing is lost: the letter says why it is not printed, its PDF answers 503 with the
    /// reason, and the email waits (refused, retried) rather than going without its letter.
    @Test func aLetterThatCannotBePrintedHoldsItsEmailBackAndSaysWhy() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            app.psdesk.pdfRenderer = "/nonexistent/weasyprint"
            let number = try await fixture.openEthicsCase()
            try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-27","payload":{"articles":"1","transactionConcludedOn":"2026-10-02"}}"#])
            try await fixture.acknowledge(number, on: "2026-11-27")
            let letter = try #require(try await LetterRecord.query(on: app.db).first())
            #expect(try await LetterPrinting.printWaiting(app: app) == 0)
            let failed = try #require(try await LetterRecord.find(letter.id, on: app.db))
            #expect(failed.renderAttempts == 1 && failed.documentID == nil && failed.renderError?.contains("install Debian's weasyprint") == true)

            let relay = RecordingRelay()
            #expect(try await OutboxDelivery.deliverDue(app: app, transport: relay) == 0)
            #expect(relay.accepted.isEmpty)
            let held = try #require(try await OutboxMessage.query(on: app.db).filter(\.$letterID == letter.id).first())
            #expect(held.status == "queued" && held.lastError?.contains("PDF renderer") == true)

            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let page = try await staff.get("/a/home/cases/\(number)/notices/\(letter.noticeEntryID.uuidString)/letter")
            #expect(page.status == .ok && page.body.string.contains("Not printed yet"))
            let pdf = try await staff.get("/a/home/cases/\(number)/notices/\(letter.noticeEntryID.uuidString)/letters/\(try letter.requireID().uuidString)/pdf")
            #expect(pdf.status == .serviceUnavailable && pdf.body.string.contains("could not be printed"))
            // An id that is not this notice's letter is not found.
            #expect(try await staff.get("/a/home/cases/\(number)/notices/\(letter.noticeEntryID.uuidString)/letters/\(UUID().uuidString)/pdf").status == .notFound)
        }
    }
}
