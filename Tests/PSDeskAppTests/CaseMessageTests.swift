import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
@testable import PSDeskApp
@testable import StandardsCore

extension Browser {
    /// A multipart form as a browser sends it, with the session cookie and CSRF token.
    @discardableResult
    func postMultipart(_ path: String, fields: [String: String], file: (name: String, data: Data)?) async throws -> TestingHTTPResponse {
        let boundary = "psdesk-browser-boundary"
        var body = ByteBuffer()
        for (name, value) in fields.merging(csrf.map { ["_csrf": $0] } ?? [:], uniquingKeysWith: { a, _ in a }) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        if let file {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.data)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        if let cookie { headers.replaceOrAdd(name: .cookie, value: cookie) }
        headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: body)
    }
}

@Suite("Messages between staff and each party (issue 19)")
struct CaseMessageTests {
    @Test func aPartysThreadIsTheirsAloneAndTheEmailSaysOnlyThatAMessageWaits() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            try await fixture.addRespondentAccount()
            let number = try await fixture.openEthicsCase()
            try await fixture.forward(number, filedOn: "2026-11-02", forwardedOn: "2026-11-16")
            try await fixture.step(number, "serve", #"{"effectiveOn":"2026-11-20"}"#)
            let path = "/a/home/cases/\(number)/messages"
            let complainantID = try fixture.complainant.requireID().uuidString

            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            #expect(try await staff.get("/a/home/cases/\(number)").body.string.contains("Messages with each party"))
            let threads = try await staff.get(path)
            #expect(threads.status == .ok && threads.body.string.contains("Pat Public") && threads.body.string.contains("Rita Realtor"))
            // An empty message is refused beside its thread's field.
            let empty = try await staff.postMultipart(path, fields: ["partyId": complainantID, "body": "  "], file: nil)
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("Write your message."))
            let sent = try await staff.postMultipart(path, fields: ["partyId": complainantID, "body": "Please send us the listing agreement you mention."], file: nil)
            #expect(sent.status == .seeOther)
            let toParty = try #require(try await OutboxMessage.query(on: app.db).filter(\.$purpose == "message").filter(\.$toAddress == "pat@example.com").first())
            #expect(toParty.subject == "New message about case \(number)" && !toParty.textBody.contains("listing agreement") && !toParty.htmlBody.contains("listing agreement"))

            // The complainant reads it and answers with the agreement attached, through the upload checks.
            let complainant = Browser(app)
            _ = try await complainant.signIn("party@home.test")
            let own = try await complainant.get(path)
            #expect(own.status == .ok && own.body.string.contains("listing agreement") && !own.body.string.contains("Rita Realtor"))
            let refusedFile = try await complainant.postMultipart(path, fields: ["body": "Here it is."], file: ("agreement.pdf", Data("MZ\u{90}\u{0}not a pdf".utf8)))
            #expect(refusedFile.status == .unprocessableEntity && refusedFile.body.string.contains("Here it is."))
            #expect(try await CaseMessage.query(on: app.db).count() == 1, "a refused file sends nothing")
            let answered = try await complainant.postMultipart(path, fields: ["body": "Here it is, signed by both of us."],
                                                               file: ("agreement.pdf", DocumentTests.pdf))
            #expect(answered.status == .seeOther)
            let reply = try #require(try await CaseMessage.query(on: app.db).filter(\.$fromStaff == false).first())
            #expect(reply.attachmentName == "agreement.pdf" && reply.attachmentType == "application/pdf" && reply.partyPersonID == fixture.complainant.id)
            let toStaff = try #require(try await OutboxMessage.query(on: app.db).filter(\.$purpose == "message").filter(\.$toAddress == "staff@home.test").first())
            #expect(toStaff.textBody.contains("Pat Public") && !toStaff.textBody.contains("signed by both"))
            let attachmentURL = "\(path)/\(try reply.requireID().uuidString)/attachment"
            #expect(try await complainant.get(attachmentURL).body.string.hasPrefix("%PDF"))
            #expect(try await staff.get(attachmentURL).status == .ok)

            // The respondent never sees the complainant's thread, its attachment, or that it exists; nor is it a case document.
            let respondent = Browser(app)
            _ = try await respondent.signIn("rita@home.test")
            let theirs = try await respondent.get(path)
            #expect(theirs.status == .ok && !theirs.body.string.contains("listing agreement") && !theirs.body.string.contains("signed by both"))
            #expect(try await respondent.get(attachmentURL).status == .notFound)
            #expect(!(try await respondent.get("/a/home/cases/\(number)")).body.string.contains("agreement.pdf"))
            // A respondent cannot write into the complainant's thread by naming it.
            _ = try await respondent.postMultipart(path, fields: ["partyId": complainantID, "body": "Let me in."], file: nil)
            #expect(try await CaseMessage.query(on: app.db).filter(\.$partyPersonID == fixture.complainant.requireID()).count() == 2)
            // The Grievance Committee has no thread here.
            let gc = Browser(app)
            _ = try await gc.signIn("gc@home.test")
            #expect(try await gc.get(path).status == .forbidden)

            // Part of the record: the database refuses to change or remove a message.
            let sql = try #require(app.db as? SQLDatabase)
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE case_messages SET body = 'changed'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM case_messages").run() }
            #expect(try await CaseMessage.query(on: app.db).count() == 3)
        }
    }
}
