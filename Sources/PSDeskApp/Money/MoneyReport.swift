import Vapor
import Fluent
import SQLKit
import StandardsCore

/// Money across an association's cases: each case's ledger (derived from its docket, ADR 0004) as the read models keep
/// it (issue 12), for the PSA who holds deposits and collects fines. Totals are summed by the database over every
/// case; the lines come a page at a time, by case number. Every amount is integer cents.
struct MoneyReport: Sendable {
    struct Line: Sendable {
        let number: String
        let title: String
        let depositsHeld: Int
        let owed: Int
        let toTreasury: Int
        let refunded: Int
    }
    struct Totals: Sendable, Decodable {
        let cases: Int
        let held: Int
        let owed: Int
        let treasury: Int
        let refunded: Int
    }
    let lines: [Line]
    let totals: Totals
    /// The last case number shown, when more follow.
    let next: String?

    static let pageSize = 100
    /// The cases whose money the page shows: deposits, fines and awards; citation fines once final (S3 9.3.2.3).
    static let kinds: [CaseKind] = [.ethics, .arbitration, .citation]

    /// - Parameter after: the case number the page before ended on.
    static func load(in scope: AssociationScope, after: String?, on db: Database) async throws -> MoneyReport {
        guard scope.roles.contains(.staff) else { throw AppError.forbidden }
        // Ethics and arbitration alike (issue 14): appeal deposits, fines, and arbitration deposits held and refunded.
        var query = CaseLedgerRow.query(on: db).filter(\.$association.$id == scope.id).filter(\.$caseKind ~~ kinds.map(\.rawValue))
        if let after { query = query.filter(\.$caseNumber > after) }
        let rows = try await query.sort(\.$caseNumber).limit(pageSize + 1).all()
        let lines = rows.prefix(pageSize).map { Line(number: $0.caseNumber, title: $0.caseTitle, depositsHeld: $0.depositsHeld, owed: $0.owed,
                                                     toTreasury: $0.toTreasury, refunded: $0.refunded) }
        return MoneyReport(lines: Array(lines), totals: try await totals(of: scope.id, on: db),
                           next: rows.count > pageSize ? lines.last?.number : nil)
    }

    static func totals(of associationID: UUID, on db: Database) async throws -> Totals {
        guard let sql = db as? SQLDatabase else { throw AppError(.internalServerError, code: "no_sql", message: "The database cannot sum.") }
        let table = CaseLedgerRow.schema
        // PostgreSQL sums bigints to numeric: cast back, so both databases give integer cents.
        return try await sql.raw("""
            SELECT COUNT(*) AS cases, CAST(COALESCE(SUM(deposits_held), 0) AS BIGINT) AS held, CAST(COALESCE(SUM(owed), 0) AS BIGINT) AS owed,
                   CAST(COALESCE(SUM(to_treasury), 0) AS BIGINT) AS treasury, CAST(COALESCE(SUM(refunded), 0) AS BIGINT) AS refunded
            FROM \(ident: table) WHERE association_id = \(bind: associationID) AND case_kind IN (\(binds: kinds.map(\.rawValue)))
            """).first(decoding: Totals.self) ?? Totals(cases: 0, held: 0, owed: 0, treasury: 0, refunded: 0)
    }
}
