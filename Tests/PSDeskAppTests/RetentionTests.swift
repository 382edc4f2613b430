import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// Retention (issue 20, item 1): an arbitration file whose years have passed is destroyed on staff's confirmation, its
/// content gone from the database file and the document store, its tombstone kept and the chain still whole; a legal
/// hold stops it.
@Suite("Retention: destroying an expired arbitration file")
struct RetentionTests {
    static let secret = "commission split sixty-forty with Quillington"

    /// An arbitration in the OBAR association (files kept 3 years, a2.2), opened and closed three years ago, with a note, a
    /// document and a message.
    static func expiredFile(_ app: Application, _ fixture: Fixture) async throws -> CaseRecord {
        let other = try fixture.other.requireID()
        let claimant = Person(associationID: other, kind: .member, firstName: "Zelda", lastName: "Claimworth", email: "zelda@example.com")
        let respondent = Person(associationID: other, kind: .member, firstName: "Quentin", lastName: "Quillington")
        try await claimant.create(on: app.db)
        try await respondent.create(on: app.db)
        let staff = fixture.bearer("staff@other.test")
        let opened = try await app.testing().sendRequest(.POST, "/api/v1/associations/other/cases", headers: staff) { req in
            try req.content.encode(APIModel.NewCase(kind: "arbitration", title: "Claimworth v. Quillington", openedOn: "2023-11-30", summary: nil,
                                                    parties: [.init(personId: claimant.id!, role: "claimant"), .init(personId: respondent.id!, role: "respondent")]))
        }
        #expect(opened.status == .created, "\(opened.body.string)")
        let number = try opened.content.decode(APIModel.CaseOut.self).number
        for body in [#"{"type":"note","effectiveOn":"2023-11-30","payload":{"text":"\#(secret)"}}"#,
                     #"{"type":"case.closed","effectiveOn":"2023-11-30","payload":{"reason":"Settled between the parties."}}"#] {
            let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/other/cases/\(number)/entries", headers: staff) { $0.json(body) }
            #expect(response.status == .created, "\(response.body.string)")
        }
        let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).filter(\.$association.$id == other).first())
        let staffActor = try await staffActor(app)
        let scope = try await CaseScope.load(number: number, in: AssociationScope(association: fixture.other, roles: [.staff]), actor: staffActor, on: app.db)
        _ = try await UploadDocument.run(filename: "statement.pdf", title: "Statement of Quillington", data: Data("%PDF-1.4\n\(secret)\n%%EOF\n".utf8),
                                         effectiveOn: CivilDate("2023-11-30")!, to: scope, by: staffActor, config: app.psdesk, now: app.clock.now(), on: app.db)
        return record
    }

    static func staffActor(_ app: Application) async throws -> Actor {
        let user = try #require(try await User.query(on: app.db).filter(\.$email == "staff@other.test").first())
        return try #require(try await Actor.load(userID: user.requireID(), on: app.db))
    }

    @Test func anExpiredFileIsDestroyedItsTombstoneStaysAndTheChainHolds() async throws {
        try await withTestApp(fileDatabase: true) { app in
            let fixture = try await Fixture.make(app)
            let record = try await Self.expiredFile(app, fixture)
            let document = try #require(try await DocumentRecord.query(on: app.db).filter(\.$caseRecord.$id == record.requireID()).first())
            let blob = DocumentStorage(root: app.psdesk.blobDirectory).path(for: document.sha256)
            #expect(FileManager.default.fileExists(atPath: blob))
            let today = CivilDate("2026-12-01")!
            // A file ended this autumn cannot have come due: it is counted, not read.
            let staffToken = fixture.bearer("staff@other.test")
            let recent = try await app.testing().sendRequest(.POST, "/api/v1/associations/other/cases", headers: staffToken) {
                $0.json(#"{"kind":"arbitration","title":"Recent v. Ended","openedOn":"2026-10-01","parties":[]}"#)
            }
            let recentNumber = try recent.content.decode(APIModel.CaseOut.self).number
            let closed = try await app.testing().sendRequest(.POST, "/api/v1/associations/other/cases/\(recentNumber)/entries", headers: staffToken) {
                $0.json(#"{"type":"case.closed","effectiveOn":"2026-10-02","payload":{"reason":"Settled."}}"#)
            }
            #expect(closed.status == .created, "\(closed.body.string)")
            let listing = try await RecordDestruction.files(in: fixture.other, today: today, on: app.db)
            let files = listing.files
            #expect(files.count == 1 && files.first?.answer.due(on: today) == CivilDate("2026-11-30"), "\(files.map(\.answer))")
            #expect(listing.notYetDue == 1 && listing.years == 3 && !files.contains { $0.record.number == recentNumber })

            // A legal hold stops it; released, the file may go.
            let staff = fixture.bearer("staff@other.test")
            let base = "/api/v1/associations/other/cases/\(record.number)/entries"
            #expect(try await app.testing().sendRequest(.POST, base, headers: staff) {
                $0.json(#"{"type":"records.legal-hold","effectiveOn":"2026-11-30","payload":{"event":"placed","reason":"Subpoena in Dare County case 26-CV-114"}}"#)
            }.status == .created)
            await #expect(throws: AppError.self) { try await RecordDestruction.destroy(record, in: fixture.other, confirmedBy: try await Self.staffActor(app), app: app) }
            #expect(try await DocketEntryRecord.query(on: app.db).filter(\.$destroyedBy != nil).count() == 0)
            #expect(try await app.testing().sendRequest(.POST, base, headers: staff) {
                $0.json(#"{"type":"records.legal-hold","effectiveOn":"2026-12-01","payload":{"event":"released","reason":"Case dismissed"}}"#)
            }.status == .created)
            // Nobody writes a tombstone by hand.
            let forged = try await app.testing().sendRequest(.POST, base, headers: staff) {
                $0.json(#"{"type":"records.destroyed","effectiveOn":"2026-12-01","payload":{"rule":"a2.2","basis":"x","entries":"1","documents":"0","confirmedBy":"me"}}"#)
            }
            #expect(forged.status == .unprocessableEntity && forged.body.string.contains("records_destroyed_by_retention"))

            let done = try await RecordDestruction.destroy(record, in: fixture.other, confirmedBy: try await Self.staffActor(app), app: app)
            #expect(done.documents == 1 && done.entries >= 6)
            let entries = try await DocketEntryRecord.query(on: app.db).filter(\.$caseRecord.$id == record.requireID()).sort(\.$sequence).all()
            let tombstone = try #require(entries.last)
            #expect(tombstone.type == "records.destroyed" && tombstone.payload.contains("staff@other.test") && tombstone.payload.contains("a2.2"))
            #expect(entries.dropLast().allSatisfy { $0.payload == "{}" && $0.destroyedBy == tombstone.id })
            #expect(try await DocketChainStore.verify(on: app.db).findings.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: blob))
            #expect(try await DocumentRecord.query(on: app.db).filter(\.$caseRecord.$id == record.requireID()).count() == 0)
            #expect(try await CaseParty.query(on: app.db).filter(\.$caseRecord.$id == record.requireID()).count() == 0)
            // Gone from the database file itself (and its write-ahead log), not only from what queries return.
            for path in [app.psdesk.sqlitePath, app.psdesk.sqlitePath + "-wal"] where FileManager.default.fileExists(atPath: path) {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                #expect(bytes.range(of: Data(Self.secret.utf8)) == nil, "\(path) still holds the note")
                #expect(bytes.range(of: Data("Statement of Quillington".utf8)) == nil, "\(path) still holds the document's title")
            }
            // Once is enough; and the case page says what happened.
            await #expect(throws: AppError.self) { try await RecordDestruction.destroy(record, in: fixture.other, confirmedBy: try await Self.staffActor(app), app: app) }
        }
    }

    @Test func staffChooseAndConfirmOnTheRecordsPage() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let record = try await Self.expiredFile(app, fixture)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@other.test")
            let page = try await staff.get("/a/other/records")
            #expect(page.status == .ok && page.body.string.contains("May be destroyed now (1)") && page.body.string.contains(record.number))
            #expect(page.body.string.contains("may go since 2026-11-30: 3 years after the case ended 2023-11-30 (a2.2)"))
            // Without the confirmation nothing goes, and the choice is kept.
            let unconfirmed = try await staff.post("/a/other/records/destroy", fields: [("numbers[]", record.number)])
            #expect(unconfirmed.status == .unprocessableEntity && unconfirmed.body.string.contains("Tick the box that confirms"))
            #expect(unconfirmed.body.string.contains("value=\"\(record.number)\" checked"))
            #expect(try await DocketEntryRecord.query(on: app.db).filter(\.$type == "records.destroyed").count() == 0)
            let done = try await staff.post("/a/other/records/destroy", fields: [("numbers[]", record.number), ("confirm", "yes")])
            #expect(done.status == .seeOther)
            let after = try await staff.get("/a/other/records").body.string
            #expect(after.contains("Destroyed the content of 1 file: \(record.number)") && after.contains("Destroyed (1)") && after.contains("May be destroyed now (0)"))
            let casePage = try await staff.get("/a/other/cases/\(record.number)").body.string
            #expect(casePage.contains("File destroyed under the retention rules") && !casePage.contains(Self.secret))
            // Only staff see the page or destroy.
            let other = Browser(app)
            _ = try await other.signIn("staff@home.test")
            #expect(try await other.get("/a/other/records").status == .notFound)
            let director = Browser(app)
            _ = try await director.signIn("director@home.test")
            #expect(try await director.get("/a/home/records").status == .forbidden)
        }
    }

    @Test func theMorningDigestTellsStaffWhatHasComeDueOnce() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let record = try await Self.expiredFile(app, fixture)
            // Noon in the association's zone on the test day, after the 07:00 digest hour.
            _ = try await Reminders.run(fixture.other, app: app, now: app.clock.now())
            _ = try await Reminders.run(fixture.other, app: app, now: app.clock.now().addingTimeInterval(600))
            let digests = try await ReminderRecord.query(on: app.db).filter(\.$kind == "overdue-digest").all()
            #expect(digests.map(\.recipientAddress) == ["staff@other.test"], "one digest, once")
            let mail = try #require(try await OutboxMessage.find(digests.first?.outboxMessageID, on: app.db))
            #expect(mail.subject.contains("1 file to destroy") && mail.textBody.contains(record.number) && mail.textBody.contains("/a/other/records"))
            #expect(try await DocketEntryRecord.query(on: app.db).filter(\.$type == "records.destroyed").count() == 0, "the digest destroys nothing")
        }
    }

    /// A hearing's recording (S3 6.2.1, a2.5): only staff file one; it is kept while the case runs, may go once it ended
    /// without a sanction, and goes only on confirmation, leaving its title and digest on the docket.
    @Test func aHearingRecordingIsKeptUntilTheSanctionIsCompleteThenDestroyedOnConfirmation() async throws {
        try await withTestApp(fileDatabase: true) { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let mp3 = Data("ID3".utf8) + Data([0x04, 0, 0, 0, 0, 0x10]) + Data(repeating: 0x55, count: 4_000)
            func upload(as email: String, filename: String) async throws -> TestingHTTPResponse {
                let (multipartHeaders, body) = DocumentTests().multipart(mp3, filename: filename, title: "Recording of the hearing")
                var headers = multipartHeaders
                headers.add(contentsOf: fixture.bearer(email))
                return try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/documents", headers: headers, body: body)
            }
            // A party may not record the hearing, so may not file one (S3 6.2.1).
            let refused = try await upload(as: "party@home.test", filename: "hearing.mp3")
            #expect(refused.status.code >= 400 && refused.status.code < 500 && refused.body.string.contains("upload_type_not_accepted"), "\(refused.body.string)")
            let filed = try await upload(as: "staff@home.test", filename: "hearing.mp3")
            #expect(filed.status == .created, "\(filed.body.string)")
            let document = try filed.content.decode(APIModel.DocumentOut.self)
            #expect(document.mediaType == "audio/mpeg")
            let blob = DocumentStorage(root: app.psdesk.blobDirectory).path(for: document.sha256)

            let today = CivilDate("2026-11-30")!
            let open = try await RecordDestruction.recordings(in: fixture.home, today: today, on: app.db)
            guard case .kept = open.first?.answer else { Issue.record("an open case keeps its recording: \(open.map(\.answer))"); return }
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let kept = try await staff.get("/a/home/records")
            #expect(kept.body.string.contains("Recording of the hearing") && kept.body.string.contains("Hearing recordings (0 may go)"))

            try await Fixture.record(app, case: number, [#"{"type":"case.withdrawn","effectiveOn":"2026-10-01","payload":{"reason":"Resolved."}}"#])
            let page = try await staff.get("/a/home/records")
            #expect(page.body.string.contains("Hearing recordings (1 may go)"))
            // Without the confirmation nothing goes; the choice is kept.
            let unconfirmed = try await staff.post("/a/home/records/recordings/destroy", fields: [("documents[]", document.id.uuidString)])
            #expect(unconfirmed.status == .unprocessableEntity && unconfirmed.body.string.contains("cannot be brought back"))
            #expect(FileManager.default.fileExists(atPath: blob))
            let confirmed = try await staff.post("/a/home/records/recordings/destroy", fields: [("documents[]", document.id.uuidString), ("confirm", "yes")])
            #expect(confirmed.status == .seeOther || confirmed.status == .found, "\(confirmed.status)")
            #expect(try await DocumentRecord.find(document.id, on: app.db) == nil)
            #expect(!FileManager.default.fileExists(atPath: blob))
            let docket = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test"))
                .content.decode([APIModel.EntryOut].self)
            let tombstone = try #require(docket.last { $0.type == "records.recording-destroyed" })
            #expect(tombstone.payload["sha256"]?.textValue == document.sha256 && tombstone.payload["title"]?.textValue == "Recording of the hearing")
            #expect(try await DocketChainStore.verify(on: app.db).findings.isEmpty)
            // Nobody posts that entry by hand.
            let forged = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"records.recording-destroyed","effectiveOn":"2026-11-30","payload":{"title":"x","sha256":"y","basis":"z","confirmedBy":"w"}}"#)
            }
            #expect(forged.status == .unprocessableEntity && forged.body.string.contains("records_destroyed_by_retention"))
        }
    }
}
