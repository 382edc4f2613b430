import Vapor
import Fluent
import SQLKit
import StandardsCore

/// The program's reports (issue 20 item 6), counted in SQL from the read models written with every append
/// (`CaseFactRow`, `CaseStageRow`, `CaseDeadlineRow`) and the cases table, so no docket is replayed: the staff
/// dashboard and the annual activity report. The same values feed the page, the CSV and the API.
enum ProgramReports {
    // MARK: the staff dashboard

    /// What the dashboard shows; also the API's answer.
    struct Dashboard: Content {
        struct OpenStage: Content {
            let kind: String
            let status: String
            let label: String
            /// One count per `StaffDashboard.AgeBand`, in its order.
            let byAge: [Int]
            let total: Int
        }
        struct TimeFrame: Content { let key: String; let title: String; let dueThisWeek: Int; let overdue: Int }
        struct StageDays: Content { let kind: String; let status: String; let label: String; let medianDays: Int; let spans: Int }
        struct Month: Content { let month: String; let opened: Int; let closed: Int }

        let association: String
        let asOf: String
        let ageBands: [String]
        let open: [OpenStage]
        let openTotal: Int
        let dueThisWeek: Int
        let overdue: Int
        let timeFrames: [TimeFrame]
        /// Median whole days at each stage, over the stays that ended in the last twelve months.
        let stageDays: [StageDays]
        let months: [Month]
    }

    static func dashboard(of association: Association, today: CivilDate, on db: Database) async throws -> Dashboard {
        guard let sql = db as? SQLDatabase else { throw AppError(.internalServerError, code: "no_sql", message: "Reports need an SQL database.") }
        let id = try association.requireID()
        let terminal = CaseStatus.allCases.filter(\.isTerminal).map(\.rawValue)
        let bands = StaffDashboard.AgeBand.allCases

        // Open cases by kind, status and how long since filing (or opening), each band counted by a CASE on the date.
        struct Open: Decodable { let kind: String; let status: String; let band: Int; let n: Int }
        var bandCase = SQLQueryString("CASE")
        for band in bands { if let floor = band.earliest(on: today) { bandCase += " WHEN d >= \(bind: floor.description) THEN \(literal: band.rawValue)" } }
        bandCase += " ELSE \(literal: StaffDashboard.AgeBand.older.rawValue) END"
        let open = try await sql.raw("""
            SELECT kind, status, \(bandCase) AS band, COUNT(*) AS n FROM (
              SELECT kind, status, COALESCE(filed_on, opened_on, \(bind: today.description)) AS d FROM \(ident: CaseRecord.schema)
              WHERE association_id = \(bind: id) AND status NOT IN (\(binds: terminal))) open_cases
            GROUP BY kind, status, band
            """).all(decoding: Open.self)
        var openRows: [String: (kind: String, status: String, byAge: [Int])] = [:]
        for row in open {
            let key = row.kind + "/" + row.status
            var line = openRows[key] ?? (row.kind, row.status, Array(repeating: 0, count: bands.count))
            if let index = bands.firstIndex(where: { $0.rawValue == row.band }) { line.byAge[index] += row.n }
            openRows[key] = line
        }
        let openStages = openRows.values.sorted { (Self.order($0.kind, $0.status)) < (Self.order($1.kind, $1.status)) }.map {
            Dashboard.OpenStage(kind: $0.kind, status: $0.status, label: Self.stageLabel($0.kind, $0.status), byAge: $0.byAge, total: $0.byAge.reduce(0, +))
        }

        // Time frames due in the coming week and overdue (`KeptWindows`, as the worklist counts them), by time frame.
        struct Due: Decodable { let key: String; let n: Int }
        func windows(_ condition: SQLQueryString) async throws -> [String: Int] {
            let rows = try await sql.raw("""
                SELECT key, COUNT(*) AS n FROM \(ident: CaseDeadlineRow.schema)
                WHERE association_id = \(bind: id) AND case_closed = \(bind: false) AND (\(condition)) GROUP BY key
                """).all(decoding: Due.self)
            return Dictionary(rows.map { ($0.key, $0.n) }, uniquingKeysWith: +)
        }
        let soon = try await windows(KeptWindows.dueWithinWeek(of: today))
        let late = try await windows("(\(KeptWindows.pastDue(on: today))) OR (\(KeptWindows.missedUnmet))")
        // The most overdue first, then the most due this week: what needs hands soonest heads the table.
        let timeFrames = Set(soon.keys).union(late.keys).map { key in
            Dashboard.TimeFrame(key: key, title: DeadlineKey(rawValue: key)?.title ?? key, dueThisWeek: soon[key] ?? 0, overdue: late[key] ?? 0)
        }.sorted { ($1.overdue, $1.dueThisWeek, $0.title) < ($0.overdue, $0.dueThisWeek, $1.title) }

        // Days per stage: a histogram of whole days per stage from the stays left in the last twelve months, the median
        // taken from it (`StaffDashboard.median`), so the rows read stay few however many cases there are.
        let months = StaffDashboard.months(endingOn: today)
        let since = (months.first ?? "") + "-01"
        struct Stay: Decodable { let case_kind: String; let status: String; let days: Int; let n: Int }
        let stays = try await sql.raw("""
            SELECT case_kind, status, days, COUNT(*) AS n FROM \(ident: CaseStageRow.schema)
            WHERE association_id = \(bind: id) AND left_on >= \(bind: since) AND left_on <= \(bind: today.description)
            GROUP BY case_kind, status, days
            """).all(decoding: Stay.self)
        var histograms: [String: (kind: String, status: String, days: [Int: Int])] = [:]
        for stay in stays {
            let key = stay.case_kind + "/" + stay.status
            histograms[key, default: (stay.case_kind, stay.status, [:])].days[stay.days, default: 0] += stay.n
        }
        let stageDays = histograms.values.sorted { Self.order($0.kind, $0.status) < Self.order($1.kind, $1.status) }.compactMap { stage in
            StaffDashboard.median(stage.days).map {
                Dashboard.StageDays(kind: stage.kind, status: stage.status, label: Self.stageLabel(stage.kind, stage.status), medianDays: $0,
                                    spans: stage.days.values.reduce(0, +))
            }
        }

        // Filed (or opened) and closed per month: a closing is a stay begun at a terminal status.
        struct PerMonth: Decodable { let m: String; let n: Int }
        let opened = try await sql.raw("""
            SELECT SUBSTR(d, 1, 7) AS m, COUNT(*) AS n FROM (
              SELECT COALESCE(filed_on, opened_on) AS d FROM \(ident: CaseRecord.schema) WHERE association_id = \(bind: id)) filed
            WHERE d >= \(bind: since) AND d <= \(bind: today.description) GROUP BY SUBSTR(d, 1, 7)
            """).all(decoding: PerMonth.self)
        let closed = try await sql.raw("""
            SELECT SUBSTR(entered_on, 1, 7) AS m, COUNT(*) AS n FROM \(ident: CaseStageRow.schema)
            WHERE association_id = \(bind: id) AND status IN (\(binds: terminal)) AND entered_on >= \(bind: since) AND entered_on <= \(bind: today.description)
            GROUP BY SUBSTR(entered_on, 1, 7)
            """).all(decoding: PerMonth.self)
        let openedBy = Dictionary(opened.map { ($0.m, $0.n) }, uniquingKeysWith: +)
        let closedBy = Dictionary(closed.map { ($0.m, $0.n) }, uniquingKeysWith: +)

        return Dashboard(association: association.name, asOf: today.description, ageBands: bands.map(\.label), open: openStages,
                         openTotal: openStages.reduce(0) { $0 + $1.total }, dueThisWeek: soon.values.reduce(0, +), overdue: late.values.reduce(0, +),
                         timeFrames: timeFrames, stageDays: stageDays,
                         months: months.map { Dashboard.Month(month: $0, opened: openedBy[$0] ?? 0, closed: closedBy[$0] ?? 0) })
    }

    /// Stages in the order a case passes them: by kind, then by the status's place in `CaseStatus`.
    static func order(_ kind: String, _ status: String) -> (Int, Int) {
        (CaseKind.allCases.firstIndex { $0.rawValue == kind } ?? 99, CaseStatus.allCases.firstIndex { $0.rawValue == status } ?? 99)
    }

    static func stageLabel(_ kind: String, _ status: String) -> String {
        "\(CaseKind(rawValue: kind)?.label ?? kind): \(CaseStatus(rawValue: status)?.label ?? status)"
    }

    // MARK: the annual activity report

    /// The associations an annual report covers: one, or every signatory of its regional agreement.
    static func associations(for association: Association, rolledUp: Bool, on db: Database) async throws -> [Association] {
        guard rolledUp, let agreement = association.$regionalAgreement.id else { return [association] }
        return try await Association.query(on: db).filter(\.$regionalAgreement.$id == agreement).sort(\.$name).all()
    }

    /// The year's counts of each association, side by side, and the ombuds matters closed in it.
    static func annual(year: Int, of associations: [Association], on db: Database) async throws -> ActivityReport {
        guard let sql = db as? SQLDatabase else { throw AppError(.internalServerError, code: "no_sql", message: "Reports need an SQL database.") }
        let ids = try associations.map { try $0.requireID() }
        let days = ActivityReport.days(of: year)
        struct Group: Decodable { let association_id: UUID; let measure: String; let detail: String; let n: Int; let cents: Int }
        // SUM of a BIGINT is NUMERIC on PostgreSQL: cast back so both engines give an integer.
        let groups = try await sql.raw("""
            SELECT association_id, measure, detail, COUNT(*) AS n, CAST(COALESCE(SUM(cents), 0) AS BIGINT) AS cents FROM \(ident: CaseFactRow.schema)
            WHERE association_id IN (\(binds: ids)) AND happened_on >= \(bind: days.lowerBound.description) AND happened_on <= \(bind: days.upperBound.description)
            GROUP BY association_id, measure, detail
            """).all(decoding: Group.self)
        var tallies = Array(repeating: [ActivityReport.Key: ActivityReport.Tally](), count: ids.count)
        for group in groups {
            guard let index = ids.firstIndex(of: group.association_id), let measure = CaseActivity.Measure(rawValue: group.measure) else { continue }
            tallies[index][ActivityReport.Key(measure, group.detail)] = ActivityReport.Tally(count: group.n, cents: group.cents)
        }
        let closed = try await OmbudsClosedRecord.query(on: db).filter(\.$association.$id ~~ ids)
            .filter(\.$closedOn >= days.lowerBound.description).filter(\.$closedOn <= days.upperBound.description).all()
        let ombuds = ids.map { id in closed.filter { $0.$association.id == id }.compactMap(\.record) }
        return ActivityReport(year: year, associations: associations.map(\.name), tallies: tallies, ombuds: ombuds)
    }

    /// The annual report a request asks for (`?year=`, `?scope=agreement`), as the CSV and the API give it; whether it
    /// was rolled up across the agreement.
    static func annual(asked req: Request, in scope: AssociationScope) async throws -> (report: ActivityReport, rolledUp: Bool) {
        let year = try year(req, today: try req.today(for: scope.association))
        let asked = req.query[String.self, at: "scope"] ?? "association"
        guard ["association", "agreement"].contains(asked) else {
            throw AppError.invalid("scope is association or agreement; \"\(asked.prefix(20))\" was asked.", code: "report_scope_unknown")
        }
        let associations = try await associations(for: scope.association, rolledUp: asked == "agreement", on: req.db)
        return (try await annual(year: year, of: associations, on: req.db), associations.count > 1)
    }

    /// The annual report as the API gives it.
    struct AnnualOut: Content {
        struct Line: Content {
            let section: String; let measure: String; let detail: String; let label: String
            let counts: [Int]; let total: Int; let amountCents: Int?
        }
        struct OmbudsLine: Content {
            let concern: String; let label: String
            /// One per association; null where the count is suppressed (fewer than the threshold, S0).
            let counts: [Int?]
            let total: Int?
        }
        let year: Int
        let associations: [String]
        let lines: [Line]
        let ombudsContacts: [OmbudsLine]
        let ombudsThreshold: Int

        init(_ report: ActivityReport) {
            year = report.year
            associations = report.associations
            lines = report.lines.map {
                Line(section: $0.key.measure.section, measure: $0.key.measure.rawValue, detail: $0.key.detail, label: $0.label, counts: $0.counts,
                     total: $0.total, amountCents: $0.cents)
            }
            ombudsContacts = report.ombuds.map { line in
                OmbudsLine(concern: line.concern.rawValue, label: line.concern.label, counts: line.cells.map(\.count), total: line.total.count)
            }
            ombudsThreshold = OmbudsTrends.defaultThreshold
        }
    }

    /// The annual report as CSV: one row per line, a column per association and the total.
    static func annualCSV(_ report: ActivityReport) -> [[String]] {
        var rows = [["section", "measure", "detail", "label"] + report.associations + ["total", "amount_cents"]]
        for line in report.lines {
            rows.append([line.key.measure.section, line.key.measure.rawValue, line.key.detail, line.label] + line.counts.map(String.init)
                        + [String(line.total), line.cents.map(String.init) ?? ""])
        }
        for line in report.ombuds {
            rows.append(["Ombuds", "ombuds-contact", line.concern.rawValue, "Ombuds contacts: \(line.concern.label)"]
                        + line.cells.map(OmbudsController.csvCount) + [OmbudsController.csvCount(line.total), ""])
        }
        return rows
    }

    /// The year a request asks for (`?year=`), this year when it asks for none; refused outside 2000 through this year.
    static func year(_ req: Request, today: CivilDate) throws -> Int {
        guard let text = req.query[String.self, at: "year"], !text.isEmpty else { return today.year }
        guard let year = Int(text), (2000...today.year).contains(year) else {
            throw AppError(.badRequest, code: "report_year_out_of_range", message: "The year must be a number from 2000 through \(today.year).")
        }
        return year
    }
}

extension OmbudsTrends.Cell {
    /// The number, or nil when suppressed.
    var count: Int? { if case .count(let n) = self { n } else { nil } }
}
