import Foundation
import Testing
import Vapor
import Fluent
import SQLKit
@testable import PSDeskApp
@testable import StandardsCore

/// Tamper evidence (issue 20, item 2): every entry sealed as it is appended, each past day's heads chained across the
/// association, and `audit verify` naming the first break, on SQLite and PostgreSQL alike.
@Suite("Audit: the docket's hash chain and the association's days")
struct AuditChainTests {
    static func docket(_ app: Application, _ fixture: Fixture) async throws -> (number: String, entries: [DocketEntryRecord]) {
        let number = try await fixture.openEthicsCase()
        try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-27","payload":{"articles":"1","narrative":"Article 1: the listing hid the flood zone.","transactionConcludedOn":"2026-10-02"}}"#])
        try await fixture.acknowledge(number, on: "2026-11-27")
        let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first())
        let entries = try await DocketEntryRecord.query(on: app.db).filter(\.$caseRecord.$id == record.requireID()).sort(\.$sequence).all()
        return (number, entries)
    }

    @Test func everyAppendIsSealedAndAnEntryAlteredInTheDatabaseIsNamed() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let (number, entries) = try await Self.docket(app, fixture)
            #expect(entries.count >= 5 && entries.allSatisfy { $0.chainHash?.count == 64 && $0.payloadSHA256?.count == 64 })
            // Other cases around it, so the cases are read in more than one batch below.
            for title in ["Second v. Realtor", "Third v. Realtor"] { _ = try await fixture.openEthicsCase(title: title) }
            let clean = try await DocketChainStore.verify(on: app.db)
            #expect(clean.findings.isEmpty && clean.cases >= 1, "\(clean.findings)")

            // The triggers still refuse any change but a payload's destruction.
            let filed = try #require(entries.first { $0.type == DocketEntryType.complaintFiled.rawValue })
            filed.payload = #"{"articles":"1,2"}"#
            await #expect(throws: (any Error).self) { try await filed.save(on: app.db) }
            let fresh = try #require(try await DocketEntryRecord.find(filed.id, on: app.db))
            fresh.effectiveOn = "2026-01-01"
            await #expect(throws: (any Error).self) { try await fresh.save(on: app.db) }

            // Someone with the database in hand drops the triggers and edits the complaint's text.
            let sql = try #require(app.db as? SQLDatabase)
            try await DocketTriggers.drop(on: sql)
            let altered = try #require(try await DocketEntryRecord.find(filed.id, on: app.db))
            altered.payload = altered.payload.replacingOccurrences(of: "hid the flood zone", with: "was accurate")
            try await altered.save(on: app.db)
            let broken = try await DocketChainStore.verify(on: app.db)
            #expect(broken.findings.count == 1)
            #expect(broken.findings.first?.description == "home \(number): entry #\(filed.sequence): its payload no longer matches the SHA-256 recorded with it (the text was changed)")
            // Read a case at a time, the same finding and nothing else.
            let batched = try await DocketChainStore.verify(on: app.db, batch: 1)
            #expect(batched.findings.map(\.description) == broken.findings.map(\.description) && batched.cases == clean.cases && clean.cases >= 3)
            // And one who also fixes the digest breaks the hash instead.
            altered.payloadSHA256 = DocketChainStore.sha256(altered.payload)
            try await altered.save(on: app.db)
            let rehashed = try await DocketChainStore.verify(on: app.db)
            #expect(rehashed.findings.first?.description.contains("entry #\(filed.sequence): its fields or its place no longer give its recorded hash") == true)
            try await DocketTriggers.create(on: sql)
        }
    }

    @Test func aDestroyedPayloadKeepsTheChainAndADayRewrittenWholeIsNamed() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let (number, entries) = try await Self.docket(app, fixture)
            // The one change the triggers allow: a payload destroyed under the retention rules, its digest kept.
            let filed = try #require(entries.first { $0.type == DocketEntryType.complaintFiled.rawValue })
            filed.payload = "{}"
            filed.destroyedBy = UUID()
            try await filed.save(on: app.db)
            #expect(try await DocketChainStore.verify(on: app.db).findings.isEmpty)
            // Destroyed once: it cannot be "destroyed" again into something else.
            let again = try #require(try await DocketEntryRecord.find(filed.id, on: app.db))
            again.destroyedBy = UUID()
            await #expect(throws: (any Error).self) { try await again.save(on: app.db) }

            // The finished days are chained across the association, once.
            let later = Date(timeIntervalSince1970: Double(DocketChainStore.millis(entries.last!.recordedAt)) / 1000 + 3 * 86_400)
            let sealed = try await DocketChainStore.sealDays(now: later, on: app.db)
            #expect(sealed >= 1)
            #expect(try await DocketChainStore.sealDays(now: later, on: app.db) == 0)
            #expect(try await DocketChainStore.verify(on: app.db).findings.isEmpty)

            // A case rewritten whole, every hash computed again, verifies on its own but not against its day.
            let sql = try #require(app.db as? SQLDatabase)
            try await DocketTriggers.drop(on: sql)
            var previous = DocketChain.genesis
            for entry in try await DocketEntryRecord.query(on: app.db).filter(\.$caseRecord.$id == filed.$caseRecord.id).sort(\.$sequence).all() {
                if entry.type == DocketEntryType.caseOpened.rawValue { entry.payload = #"{"summary":"rewritten"}"# }
                entry.payloadSHA256 = entry.destroyedBy == nil ? DocketChainStore.sha256(entry.payload) : entry.payloadSHA256
                entry.chainHash = DocketChainStore.sha256(DocketChain.canonical(try entry.chainLink(), previous: previous))
                previous = entry.chainHash!
                try await entry.save(on: app.db)
            }
            let findings = try await DocketChainStore.verify(on: app.db).findings
            #expect(findings.count == 1 && findings.first?.caseNumber == nil && findings.first?.description.contains("home day") == true, "\(findings) \(number)")
            try await DocketTriggers.create(on: sql)
        }
    }
}

@Suite("Audit: who opened a confidential record")
struct ConfidentialReadTests {
    typealias Hearing = HearingWalkthroughTests

    @Test func readsOfADecisionBeforeFinalActionAndOfTheDirectorsMattersAreLoggedForAdministrators() async throws {
        try await withTestApp { app in
            let (fixture, cast, psc, number) = try await Hearing.stage(app)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            // Before any decision, opening the case is not a confidential read.
            #expect(try await staff.get("/a/home/cases/\(number)").status == .ok)
            #expect(try await ConfidentialRead.query(on: app.db).count() == 0)

            try await Hearing.hearing(app, cast, number, "panel-list", as: cast.staff, #"{"effectiveOn":"2026-05-04"}"#)
            let panel = [psc.chair, psc.beta, psc.delta]
            try await Hearing.hearing(app, cast, number, "name-panel", as: cast.staff,
                                      #"{"effectiveOn":"2026-05-20","memberIds":"\#(panel.map(\.uuidString).joined(separator: ","))","chairId":"\#(panel[0])"}"#)
            for person in panel { try await Hearing.hearing(app, cast, number, "certify", as: cast.staff, #"{"effectiveOn":"2026-05-21","personId":"\#(person)"}"#) }
            try await Hearing.hearing(app, cast, number, "schedule", as: cast.staff, #"{"effectiveOn":"2026-05-21","hearingOn":"2026-06-11","place":"Board room"}"#)
            try await Hearing.hearing(app, cast, number, "hold", as: cast.staff, #"{"effectiveOn":"2026-06-11"}"#)
            try await Hearing.hearing(app, cast, number, "decision", as: cast.staff,
                                      #"{"effectiveOn":"2026-06-12","outcome":"violation","findings":"f","conclusions":"Article 1: violation","vote":"3-0","discipline":"fine: 1000.00"}"#)

            // Now each opening of the case or hearing page is logged with who, and the Directors' page too.
            #expect(try await staff.get("/a/home/cases/\(number)/hearing").status == .ok)
            let party = Browser(app)
            _ = try await party.signIn("casey-home@test")
            #expect(try await party.get("/a/home/cases/\(number)").status == .ok)
            let reads = try await ConfidentialRead.query(on: app.db).sort(\.$at).all()
            #expect(reads.count == 2)
            #expect(reads.first?.what == "\(number): the hearing page, with the panel's decision before the Directors' final action" && reads.first?.rule == "a2.3")
            #expect(reads.first?.actorName.contains("staff@home.test") == true && reads.last?.actorName.contains("casey-home@test") == true)
            #expect(try await staff.get("/a/home/directors").status == .ok)
            #expect(try await ConfidentialRead.query(on: app.db).count() == 3)

            // Administrators read them; nobody changes them, not even in the database.
            _ = try await Fixture.login(app, email: "admin@test", role: .staff, in: fixture.other, person: nil)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "admin@test").first())
            user.isAdministrator = true
            try await user.save(on: app.db)
            let administrator = Browser(app)
            _ = try await administrator.signIn("admin@test")
            let page = try await administrator.get("/administration").body.string
            #expect(page.contains("Confidential records opened") && page.contains("\(number): the hearing page"))
            #expect(page.contains("the Directors&#39; matters") || page.contains("the Directors' matters"))
            #expect(try await staff.get("/administration").status == .forbidden)
            let first = try #require(reads.first)
            first.what = "nothing"
            await #expect(throws: (any Error).self) { try await first.save(on: app.db) }
            await #expect(throws: (any Error).self) { try await reads[1].delete(on: app.db) }
        }
    }
}
