import Vapor
import Fluent
import StandardsCore

/// Money across an association's cases: each case's ledger (derived from its docket, ADR 0004) summed, for the
/// PSA who holds deposits and collects fines. Every amount is integer cents.
struct MoneyReport: Sendable {
    struct Line: Sendable {
        let number: String
        let title: String
        let depositsHeld: Int
        let owed: Int
        let toTreasury: Int
        let refunded: Int
    }
    let lines: [Line]
    var totalHeld: Int { lines.reduce(0) { $0 + $1.depositsHeld } }
    var totalOwed: Int { lines.reduce(0) { $0 + $1.owed } }
    var totalTreasury: Int { lines.reduce(0) { $0 + $1.toTreasury } }
    var totalRefunded: Int { lines.reduce(0) { $0 + $1.refunded } }

    static func load(in scope: AssociationScope, actor: Actor, today: CivilDate, on db: Database) async throws -> MoneyReport {
        guard scope.roles.contains(.staff) else { throw AppError.forbidden }
        let rows = try await CaseListing.visibleCases(in: scope, actor: actor, search: nil, kinds: [.ethics], on: db)
        var lines: [Line] = []
        for listed in try await ListedCaseDeadlines.load(rows, in: scope.association, today: today, on: db) {
            let ledger = CaseLedger.build(listed.docket, profile: listed.rules.profile)
            guard !ledger.postings.isEmpty else { continue }
            // Refunds are what went back out to the parties; the parties' balance is minus what they paid in.
            let refunded = ledger.postings.filter { $0.to == .parties }.reduce(0) { $0 + $1.cents }
            lines.append(Line(number: listed.row.record.number, title: listed.row.record.title, depositsHeld: ledger.balance(.depositsHeld),
                              owed: ledger.balance(.respondentOwes), toTreasury: ledger.balance(.treasury), refunded: refunded))
        }
        return MoneyReport(lines: lines.sorted { $0.number < $1.number })
    }
}
