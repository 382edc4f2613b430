import Foundation
import FluentSQLiteDriver
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
@testable import PSDeskApp
@testable import StandardsCore

@Suite("Storage: migrations, the append-only docket, projections rebuilt from the docket")
struct DocketIntegrityTests {
    @Test func migrationsRunUpDownAndUpAgain() async throws {
        try await withTestApp { app in
            try await app.autoRevert()
            try await app.autoMigrate()
            #expect(try await Association.query(on: app.db).count() == 0)
        }
    }

    @Test func theDatabaseRefusesToUpdateOrDeleteADocketEntry() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await Fixture.make(app)
            _ = try await fixture.openEthicsCase()
            let entry = try #require(try await DocketEntryRecord.query(on: app.db).first())
            let sql = try #require(app.db as? SQLDatabase)
            // act / check: raw SQL, bypassing every code path
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE docket_entries SET effective_on = '1999-01-01'").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("DELETE FROM docket_entries").run()
            }
            // and through Fluent
            entry.effectiveOn = "1999-01-01"
            await #expect(throws: (any Error).self) { try await entry.save(on: app.db) }
            let reread = try #require(try await DocketEntryRecord.find(entry.id, on: app.db))
            #expect(reread.effectiveOn == "2026-03-02")
            #expect(try await DocketEntryRecord.query(on: app.db).count() == 3)
        }
    }

    /// SQLite's REPLACE deletes the entry in its way without firing DELETE triggers; PostgreSQL's upsert updates
    /// it. Both must be refused by the database itself (issue 21), and the entry read back unchanged.
    @Test func theDatabaseRefusesToReplaceADocketEntry() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await Fixture.make(app)
            _ = try await fixture.openEthicsCase()
            let entry = try #require(try await DocketEntryRecord.query(on: app.db).sort(\.$sequence).first())
            let sqlite = (app.db as? SQLDatabase)?.dialect.name == "sqlite"
            // A copy of the entry with its date changed, then written over the original.
            let rewrites = sqlite
                ? ["INSERT OR REPLACE INTO docket_entries SELECT * FROM rewrite",
                   "REPLACE INTO docket_entries SELECT * FROM rewrite",
                   "INSERT INTO docket_entries SELECT * FROM rewrite WHERE true ON CONFLICT (id) DO UPDATE SET effective_on = excluded.effective_on"]
                : ["INSERT INTO docket_entries SELECT * FROM rewrite ON CONFLICT (id) DO UPDATE SET effective_on = excluded.effective_on",
                   "INSERT INTO docket_entries SELECT * FROM rewrite ON CONFLICT (case_id, sequence) DO UPDATE SET effective_on = excluded.effective_on"]
            for rewrite in rewrites {
                await #expect(throws: (any Error).self, "\(rewrite)") {
                    try await app.db.transaction { db in
                        let sql = try #require(db as? SQLDatabase)
                        try await sql.raw("CREATE TEMPORARY TABLE rewrite AS SELECT * FROM docket_entries WHERE sequence = 1").run()
                        try await sql.raw("UPDATE rewrite SET effective_on = '1999-01-01'").run()
                        try await sql.raw(SQLQueryString(rewrite)).run()
                    }
                }
            }
            // check: the entry and the docket's length are as they were, and an honest append still goes in
            let reread = try #require(try await DocketEntryRecord.find(entry.id, on: app.db))
            #expect(reread.effectiveOn == entry.effectiveOn)
            #expect(try await DocketEntryRecord.query(on: app.db).count() == 3)
            _ = try await fixture.openEthicsCase()
            #expect(try await DocketEntryRecord.query(on: app.db).count() == 6)
        }
    }

    @Test func everyCachedProjectionOfTheDemoRebuildsFromTheDocketAlone() async throws {
        try await withTestApp { app in
            // setup: the whole demo data set, written through the use cases
            let result = try await DemoSeed.run(on: app.db, config: app.psdesk)
            #expect(!result.alreadySeeded)
            let cases = try await CaseRecord.query(on: app.db).all()
            #expect(cases.count >= 12)
            #expect(Set(cases.map(\.kind)) == Set(CaseKind.allCases.map(\.rawValue)))
            // check: recompute from docket_entries only and compare with the cached columns
            for record in cases {
                let kind = try #require(CaseKind(rawValue: record.kind))
                let docket = try await DocketStore.entries(of: record.requireID(), on: app.db)
                let rebuilt = CaseProjection.build(kind: kind, docket: docket)
                #expect(rebuilt.status.rawValue == record.status, "\(record.number)")
                #expect(rebuilt.openedOn?.description == record.openedOn, "\(record.number)")
                #expect(rebuilt.lastActivityOn?.description == record.lastActivityOn, "\(record.number)")
                #expect(rebuilt.respondentNotified == record.respondentNotified, "\(record.number)")
                #expect(rebuilt.directorsMatterPending == record.directorsMatterPending, "\(record.number)")
                #expect(rebuilt.filedOn?.description == record.filedOn, "\(record.number)")
                // The panel seats a panelist's access rests on (a1.14), rebuilt from the docket too.
                let seats = try await PanelSeat.query(on: app.db).filter(\.$caseRecord.$id == record.requireID()).all()
                // An ethics or an arbitration panel (S3 7.6), and the mediation officer of a mediation (S3 §8).
                let panel = [.ethics, .arbitration].contains(kind) ? HearingPanel.build(docket).seated : []
                let wanted = panel + (MediationOfficer.assigned(docket).map { [(personId: $0, seat: PanelSeat.mediatorSeat)] } ?? [])
                #expect(Set(seats.map { "\($0.$person.id)|\($0.seat)" }) == Set(wanted.map { "\($0.personId)|\($0.seat)" }), "\(record.number)")
                let cachedParties = try await CaseParty.query(on: app.db).filter(\.$caseRecord.$id == record.requireID()).all()
                #expect(Set(cachedParties.map { "\($0.$person.id)|\($0.role)" }) == Set(rebuilt.parties.map { "\($0.personId)|\($0.role.rawValue)" }), "\(record.number)")
            }
            #expect(try await PanelSeat.query(on: app.db).count() > 0, "the demo seats a panel, so the seat check above compares something")
            #expect(cases.contains { $0.filedOn != nil })
            // The demo's statuses span the lifecycle.
            #expect(Set(cases.map(\.status)).count >= 10)
            // Seeding twice changes nothing.
            #expect(try await DemoSeed.run(on: app.db, config: app.psdesk).alreadySeeded)
            #expect(try await CaseRecord.query(on: app.db).count() == cases.count)
            // About sixty members of every class, and the respondent who left OBAR for Albemarle (S4 (14)).
            let types = try await Membership.query(on: app.db).all(\.$membershipType)
            #expect(types.count == 62)
            #expect(Set(types) == Set(MembershipType.allCases.map(\.rawValue)))
        }
    }

    @Test func concurrentCaseOpeningsGetDistinctNumbers() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<6 { group.addTask { try await fixture.openEthicsCase(title: "Concurrent \(i)") } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(numbers).count == 6)
            #expect(Set(numbers) == Set((1...6).map { CaseNumber(kind: .ethics, year: 2026, sequence: $0).description }))
        }
    }
}

@Suite("Member roster import")
struct RosterImportTests {
    let header = "member_id,first_name,last_name,email,phone,membership_type,principal,firm,office,joined_on,left_on"

    @Test func importsAGoodRosterWithFirmsOfficesAndPeriods() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let csv = """
            \(header)
            R-1,Ann,Lee,ann@x.test,,realtor,yes,Acme Realty,Main St,2015-04-01,
            R-2,"Bo, Jr.",Ray,,252-555-0101,realtor-associate,no,Acme Realty,Main St,2019-06-01,2025-12-31
            R-3,Cy,Fox,,,affiliate,,,,2022-01-10,
            """
            let outcome = try await ImportRoster.run(csvText: csv, associationID: fixture.home.requireID(), on: app.db)
            #expect(outcome.errors.isEmpty)
            #expect(outcome.imported == 3)
            #expect(try await Firm.query(on: app.db).count() == 1)
            #expect(try await Office.query(on: app.db).count() == 1)
            let bo = try #require(try await Membership.query(on: app.db).filter(\.$memberNumber == "R-2").with(\.$person).with(\.$periods).first())
            #expect(bo.person.firstName == "Bo, Jr.")
            #expect(bo.periods.first?.endsOn == "2025-12-31")
        }
    }

    @Test func oneBadRowImportsNothingAndNamesEveryBadLine() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let before = try await Person.query(on: app.db).count()
            let csv = """
            \(header)
            R-1,Ann,Lee,ann@x.test,,realtor,yes,Acme Realty,Main St,2015-04-01,
            R-2,Bo,Ray,,,broker,no,,,2019-06-01,
            R-3,Cy,Fox,,,realtor,,,,2022-02-30,
            """
            let outcome = try await ImportRoster.run(csvText: csv, associationID: fixture.home.requireID(), on: app.db)
            #expect(outcome.imported == 0)
            #expect(outcome.errors.map(\.line) == [3, 4])
            #expect(try await Person.query(on: app.db).count() == before)
            // A member number already on the roster is refused too.
            _ = try await ImportRoster.run(csvText: "\(header)\nR-9,Al,Ok,,,realtor,,,,2020-01-01,", associationID: fixture.home.requireID(), on: app.db)
            let again = try await ImportRoster.run(csvText: "\(header)\nR-9,Al,Ok,,,realtor,,,,2020-01-01,", associationID: fixture.home.requireID(), on: app.db)
            #expect(again.errors.first?.reason.contains("already on this association's roster") == true)
        }
    }
}

@Suite("Backup and restore: the database and every document (issue 21)")
struct BackupTests {
    /// An application on its own SQLite data folder, without migrating (a restored folder is read as it is).
    static func open(_ folder: String) async throws -> Application {
        let app = try await Application.make(.testing)
        var config = try AppConfig.fromEnvironment([:], testing: true)
        config.dataDirectory = folder
        config.inMemoryDatabase = false
        try await configure(app, config: config)
        return app
    }

    @Test func aBackupTakenWhileServingRestoresTheDatabaseAndEveryDocument() async throws {
        guard !isPostgres else { return }  // PostgreSQL's database is pg_dump's (README, "Backups").
        try await withTestApp(fileDatabase: true) { app in
            // setup: a case with two papers
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            var shas: [String] = []
            for (index, paper) in [DocumentTests.pdf, Data("%PDF-1.4\n% second paper\n%%EOF\n".utf8)].enumerated() {
                var (headers, body) = DocumentTests().multipart(paper, filename: "paper\(index).pdf")
                headers.add(contentsOf: fixture.bearer("staff@home.test"))
                let filed = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/documents", headers: headers, body: body)
                shas.append(try filed.content.decode(APIModel.DocumentOut.self).sha256)
            }
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("psdesk-backup-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: temporary) }
            // act: back up, then restore into an empty data folder
            let written = try await BackupArchive.write(to: temporary + "/backup", config: app.psdesk, db: app.db) { _ in }
            #expect(written.documents == 2)
            var restoredConfig = app.psdesk
            restoredConfig.dataDirectory = temporary + "/restored"
            let restored = try BackupArchive.restore(from: temporary + "/backup", config: restoredConfig) { _ in }
            #expect(restored == written)
            // check: the restored server holds the same docket and answers for each paper with its bytes
            let copy = try await Self.open(temporary + "/restored")
            do {
                let check = try await BackupArchive.check(config: copy.psdesk, db: copy.db)
                #expect(check == .init(integrity: "ok", documentsVerified: 2, missingOrAltered: []))
                #expect(try await DocketEntryRecord.query(on: copy.db).count() == DocketEntryRecord.query(on: app.db).count())
                #expect(try await CaseRecord.query(on: copy.db).all(\.$number) == [number])
                for sha in shas {
                    #expect(try DocumentStorage(root: copy.psdesk.blobDirectory).read(sha) == DocumentStorage(root: app.psdesk.blobDirectory).read(sha))
                }
                // The restored chain of docket hashes holds (issue 20).
                #expect(try await DocketChainStore.verify(on: copy.db).findings.isEmpty)
            } catch { try await copy.asyncShutdown(); throw error }
            try await copy.asyncShutdown()
            // A second restore over the restored folder is refused: nothing is overwritten.
            #expect(throws: AppError.self) { try BackupArchive.restore(from: temporary + "/backup", config: restoredConfig) { _ in } }
            // An altered document in the backup is found before anything is restored.
            let altered = temporary + "/backup/documents/\(shas[0].prefix(2))/\(shas[0])"
            try Data("%PDF-1.4 altered".utf8).write(to: URL(fileURLWithPath: altered))
            restoredConfig.dataDirectory = temporary + "/again"
            #expect(throws: AppError.self) { try BackupArchive.restore(from: temporary + "/backup", config: restoredConfig) { _ in } }
            #expect(!FileManager.default.fileExists(atPath: temporary + "/again/psdesk.sqlite"))
        }
    }
}
