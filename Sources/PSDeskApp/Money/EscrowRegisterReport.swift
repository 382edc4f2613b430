import Vapor
import Fluent
import SQLKit
import StandardsCore

/// The association's escrow register (issue 15, a2.23–a2.27): every arbitration case where the association holds or
/// held award money or a review deposit — what is held, for whom, since when, until what date or event — a page at a
/// time by case number, with totals summed by the database and a reconciliation (paid in − paid out − held = 0), and
/// the whole register as CSV. Read from the read model written with every append (`EscrowRow`).
struct EscrowRegisterReport: Sendable {
    struct Totals: Sendable, Decodable {
        let cases: Int
        let held: Int
        let paidIn: Int
        let paidOut: Int
        let reviewDeposits: Int
        /// Zero when the register reconciles: what came in, less what went out, less what is held.
        var difference: Int { paidIn - paidOut - held }
    }
    let rows: [EscrowRow]
    let totals: Totals
    /// The last case number shown, when more follow.
    let next: String?

    static let pageSize = 100

    static func load(in scope: AssociationScope, after: String?, on db: Database) async throws -> EscrowRegisterReport {
        guard scope.roles.contains(.staff) else { throw AppError.forbidden }
        let rows = try await page(of: scope.id, after: after, limit: pageSize + 1, on: db)
        return EscrowRegisterReport(rows: Array(rows.prefix(pageSize)), totals: try await totals(of: scope.id, on: db),
                                    next: rows.count > pageSize ? rows[pageSize - 1].caseNumber : nil)
    }

    static func page(of associationID: UUID, after: String?, limit: Int, on db: Database) async throws -> [EscrowRow] {
        var query = EscrowRow.query(on: db).filter(\.$association.$id == associationID)
        if let after { query = query.filter(\.$caseNumber > after) }
        return try await query.sort(\.$caseNumber).limit(limit).all()
    }

    static func totals(of associationID: UUID, on db: Database) async throws -> Totals {
        guard let sql = db as? SQLDatabase else { throw AppError(.internalServerError, code: "no_sql", message: "The database cannot sum.") }
        // PostgreSQL sums bigints to numeric: cast back, so both databases give integer cents.
        return try await sql.raw("""
            SELECT COUNT(*) AS cases, CAST(COALESCE(SUM(held), 0) AS BIGINT) AS "held", CAST(COALESCE(SUM(paid_in), 0) AS BIGINT) AS "paidIn",
                   CAST(COALESCE(SUM(paid_out), 0) AS BIGINT) AS "paidOut", CAST(COALESCE(SUM(review_deposit), 0) AS BIGINT) AS "reviewDeposits"
            FROM \(ident: EscrowRow.schema) WHERE association_id = \(bind: associationID)
            """).first(decoding: Totals.self) ?? Totals(cases: 0, held: 0, paidIn: 0, paidOut: 0, reviewDeposits: 0)
    }

    /// What the funds wait for, as of today: a date already passed means they may move now.
    static func until(_ row: EscrowRow, today: CivilDate) -> String {
        guard let on = row.untilOn.flatMap(CivilDate.init) else { return row.until }
        return on < today ? "\(row.until): closed \(on) — the funds may be released" : "\(on): \(row.until)"
    }

    static let csvHeader = ["case", "title", "held_cents", "held_for", "held_since", "until_on", "until", "review_deposit_cents", "paid_in_cents", "paid_out_cents"]

    /// The whole register as CSV (RFC 4180), read and written a thousand rows at a time so memory stays flat.
    static func csv(of associationID: UUID, on db: Database) -> Response.Body {
        Response.Body(asyncStream: { writer in
            do {
                try await writer.writeBuffer(ByteBuffer(string: CSVText.line(csvHeader)))
                var after: String?
                while true {
                    let rows = try await page(of: associationID, after: after, limit: 1_000, on: db)
                    guard let last = rows.last else { break }
                    let text = rows.map { row in
                        CSVText.line([row.caseNumber, row.caseTitle, String(row.held), row.heldFor ?? "", row.heldSince ?? "", row.untilOn ?? "", row.until,
                                      String(row.reviewDeposit), String(row.paidIn), String(row.paidOut)])
                    }.joined()
                    try await writer.writeBuffer(ByteBuffer(string: text))
                    after = last.caseNumber
                }
                try await writer.write(.end)
            } catch {
                try await writer.write(.error(error))
            }
        })
    }
}

/// CSV lines for spreadsheets: every field quoted when it holds a comma, quote or line break (RFC 4180), and text a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) prefixed with an apostrophe, since titles are typed by
/// people outside the association.
enum CSVText {
    static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    static func field(_ value: String) -> String {
        let isNumber = Int(value) != nil
        let safe = !isNumber && value.first.map { "=+-@\t\r".contains($0) } == true ? "'" + value : value
        return safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }

    /// A small CSV built in memory (a header and its rows) as a download named `filename`.
    static func download(_ rows: [[String]], filename: String) -> Response {
        let response = Response(status: .ok, body: .init(string: rows.map(line).joined()))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: filename)
        return response
    }
}

/// `GET /a/{association}/money/escrow` (the register) and `…/money/escrow.csv`.
struct EscrowRegisterController: RouteCollection {
    let sessions: Middleware
    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        let association = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association", "money")
        association.get("escrow", use: page)
        association.get("escrow.csv", use: csv)
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let lines: [Line]
        let totals: [String: String]
        let reconciles: Bool
        let position: String
        let nextURL: String?
        let firstURL: String?
        let csvURL: String
        struct Line: Encodable {
            let number: String; let url: String; let title: String; let held: String; let heldFor: String; let since: String; let until: String; let reviewDeposit: String
        }
    }

    func page(req: Request) async throws -> View {
        let (scope, actor) = try await req.associationScope()
        let after = (req.query["after"] as String?).flatMap(CaseNumber.init)?.description
        let from = CaseListing.position(req, onFirstPage: after == nil)
        let report = try await EscrowRegisterReport.load(in: scope, after: after, on: req.db)
        let today = try req.today(for: scope.association)
        let slug = scope.association.slug
        let t = report.totals
        let shownTo = from + report.rows.count - 1
        return try await req.view.render("money/escrow", Page(
            layout: try await LayoutContext.make(req, "Escrow register", scope: scope, actor: actor),
            lines: report.rows.map { row in
                .init(number: row.caseNumber, url: Paths.caseDetail(slug, row.caseNumber), title: row.caseTitle, held: Money.format(row.held),
                      heldFor: row.heldFor.map { "the \($0)" } ?? "—", since: row.heldSince ?? "—",
                      until: EscrowRegisterReport.until(row, today: today), reviewDeposit: Money.format(row.reviewDeposit))
            },
            totals: ["cases": String(t.cases), "held": Money.format(t.held), "paidIn": Money.format(t.paidIn), "paidOut": Money.format(t.paidOut),
                     "reviewDeposits": Money.format(t.reviewDeposits), "difference": Money.format(t.difference)],
            reconciles: t.difference == 0,
            position: report.rows.isEmpty ? "" : "Cases \(from)–\(shownTo) of \(t.cases), by number.",
            nextURL: report.next.map { "/a/\(slug)/money/escrow?after=\($0)&from=\(shownTo + 1)" },
            firstURL: after == nil ? nil : "/a/\(slug)/money/escrow",
            csvURL: "/a/\(slug)/money/escrow.csv"))
    }

    func csv(req: Request) async throws -> Response {
        let (scope, _) = try await req.associationScope()
        guard scope.roles.contains(.staff) else { throw AppError.forbidden }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"escrow-\(scope.association.slug).csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: EscrowRegisterReport.csv(of: scope.id, on: req.db))
    }
}
