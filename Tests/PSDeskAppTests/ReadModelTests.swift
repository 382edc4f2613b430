import Foundation
import Testing
import Vapor
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// The read models (issue 12) kept by every append equal what a rebuild from the dockets gives, on both databases.
@Suite("Read models")
struct ReadModelTests {
    /// Every row of every read model as text, without ids, sorted: two states compare equal when they hold the same.
    static func snapshot(_ db: Database) async throws -> [String: [String]] {
        let deadlines = try await CaseDeadlineRow.query(on: db).all().map { r in
            [r.caseNumber, r.caseKind, "\(r.caseClosed)", r.key, r.title, r.rule, r.dueOn ?? "-", r.dueText, r.dueTextForParty, r.explanationHead,
             "\(r.dated)", r.lapseNote ?? "-", "\(r.partyOption)", "\(r.forComplainant)", "\(r.forRespondent)", r.settledStatus ?? "-"].joined(separator: "|")
        }
        let ledgers = try await CaseLedgerRow.query(on: db).all().map { r in
            [r.caseNumber, r.caseKind, r.caseTitle, "\(r.depositsHeld)", "\(r.owed)", "\(r.toTreasury)", "\(r.refunded)"].joined(separator: "|")
        }
        let compliance = try await CaseComplianceRow.query(on: db).all().map { r in
            [r.caseNumber, "\(r.position)", r.sanction, r.rule, r.dueOn ?? "-", r.statusBefore, r.noteBefore, r.statusAfter, r.noteAfter].joined(separator: "|")
        }
        let tallies = try await CaseTally.query(on: db).filter(\.$cases != 0).all().map { r in
            ["\(r.$association.id)", r.kind, r.status, "\(r.dismissalAppealPending)", "\(r.cases)"].joined(separator: "|")
        }
        return ["deadlines": deadlines.sorted(), "ledgers": ledgers.sorted(), "compliance": compliance.sorted(), "tallies": tallies.sorted()]
    }

    @Test func whatEveryAppendKeptEqualsARebuildFromTheDockets() async throws {
        try await withTestApp { app in
            _ = try await DemoSeed.run(on: app.db, config: app.psdesk)
            _ = try await SyntheticSeed.run(cases: 120, slug: "synthetic", seed: 7, bcryptCost: 4, on: app.db) { _ in }
            let live = try await Self.snapshot(app.db)
            // A rebuild that found nothing to write would also be "equal": the demo has open windows, money and discipline.
            #expect((live["deadlines"]?.count ?? 0) > 50)
            #expect((live["ledgers"]?.count ?? 0) > 5)
            #expect((live["compliance"]?.count ?? 0) > 0)
            #expect(live["deadlines"]?.contains { $0.contains("|met|") || $0.hasSuffix("|met") } == true)
            let cases = try await CaseRecord.query(on: app.db).count()
            let counted = try await CaseTally.query(on: app.db).all().reduce(0) { $0 + $1.cases }
            #expect(counted == cases)

            let rebuilt = try await ReadModels.rebuild(now: app.clock.now(), on: app.db, batch: 37)
            #expect(rebuilt == cases)
            let again = try await Self.snapshot(app.db)
            for table in live.keys.sorted() {
                let before = live[table] ?? [], after = again[table] ?? []
                #expect(before == after, "\(table): only live \(Set(before).subtracting(after).prefix(3)); only rebuilt \(Set(after).subtracting(before).prefix(3))")
            }
        }
    }

    @Test func aStepMovesTheCaseInTheTallyAndItsWindows() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first())
            func tally(_ status: CaseStatus) async throws -> Int {
                try await CaseTally.query(on: app.db).filter(\.$status == status.rawValue).all().reduce(0) { $0 + $1.cases }
            }
            let opened = try await tally(.opened)
            #expect(opened == 1)
            try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1","transactionConcludedOn":"2026-10-01"}}"#])
            #expect(try await tally(.opened) == 0)
            #expect(try await tally(.filed) == 1)
            let windows = try await CaseDeadlineRow.query(on: app.db).filter(\.$caseRecord.$id == record.requireID()).all()
            // The filing window is kept settled (a1.2); the Committee's review is open (b6.2).
            #expect(windows.first { $0.key == DeadlineKey.filing.rawValue }?.settledStatus == "met")
            #expect(windows.contains { $0.key == DeadlineKey.gcReview.rawValue && $0.settledStatus == nil })
        }
    }
}
