import Vapor
import Fluent
import StandardsCore

/// The Reports pages (issue 20 item 6), for staff and the Board (`viewReports`): the dashboard of open cases and time
/// frames, and the annual activity report of the association or of every signatory of its regional agreement; each
/// with its chart drawn as SVG beside the table that holds its numbers, and as CSV.
struct ReportsController: RouteCollection {
    let sessions: Middleware
    init(app: Application) { sessions = app.webSessions }

    static func url(_ slug: String) -> String { "/a/\(slug)/reports" }

    func boot(routes: RoutesBuilder) throws {
        let reports = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association", "reports")
        reports.get(use: dashboard)
        reports.get("dashboard.csv", use: dashboardCSV)
        reports.get("annual", use: annual)
        reports.get("annual.csv", use: annualCSV)
    }

    static func scope(_ req: Request) async throws -> (AssociationScope, Actor) {
        let (scope, actor) = try await req.associationScope()
        guard AccessPolicy.allows(roles: scope.roles, .viewReports) else { throw AppError.forbidden }
        return (scope, actor)
    }

    /// A bar's length in percent of the longest, at least a sliver for any count above zero.
    static func width(_ value: Int, of most: Int) -> Int { value <= 0 ? 0 : max(1, value * 100 / max(1, most)) }

    // MARK: dashboard

    struct DashboardPage: Encodable {
        let layout: LayoutContext
        let report: ProgramReports.Dashboard
        let csvURL: String
        let annualURL: String
        let bands: [Band]
        let open: [OpenRow]
        let stageDays: [Bar]
        let months: [MonthRow]
        struct Band: Encodable { let label: String; let color: String }
        struct Segment: Encodable { let x: Int; let width: Int; let color: String }
        struct OpenRow: Encodable { let label: String; let counts: [Cell]; let total: Int; let segments: [Segment] }
        /// A number with the column it stands in, which a phone shows beside it.
        struct Cell: Encodable { let column: String; let value: String }
        struct Bar: Encodable { let label: String; let value: Int; let note: String; let width: Int }
        struct MonthRow: Encodable { let month: String; let opened: Int; let closed: Int; let openedWidth: Int; let closedWidth: Int }
    }

    /// One colour per age band, from young to old, told apart without relying on hue alone (the table holds the numbers).
    static let bandColors = ["#9ec5e8", "#5b9bd5", "#2f5f8f", "#c9822b", "#a33b2b"]

    func dashboard(req: Request) async throws -> View {
        let (scope, actor) = try await Self.scope(req)
        let today = try req.today(for: scope.association)
        let report = try await ProgramReports.dashboard(of: scope.association, today: today, on: req.db)
        let mostOpen = report.open.map(\.total).max() ?? 0
        let open = report.open.map { stage in
            var x = 0
            var segments: [DashboardPage.Segment] = []
            for (index, count) in stage.byAge.enumerated() where count > 0 {
                let width = Self.width(count, of: mostOpen)
                segments.append(.init(x: x, width: width, color: Self.bandColors[index % Self.bandColors.count]))
                x += width
            }
            let counts = zip(report.ageBands, stage.byAge).map { DashboardPage.Cell(column: $0, value: String($1)) }
            return DashboardPage.OpenRow(label: stage.label, counts: counts, total: stage.total, segments: segments)
        }
        let mostDays = report.stageDays.map(\.medianDays).max() ?? 0
        let mostMonth = report.months.flatMap { [$0.opened, $0.closed] }.max() ?? 0
        let slug = scope.association.slug
        return try await req.view.render("reports/dashboard", DashboardPage(
            layout: try await LayoutContext.make(req, "Reports", scope: scope, actor: actor), report: report,
            csvURL: Self.url(slug) + "/dashboard.csv", annualURL: Self.url(slug) + "/annual",
            bands: report.ageBands.enumerated().map { .init(label: $1, color: Self.bandColors[$0 % Self.bandColors.count]) },
            open: open,
            stageDays: report.stageDays.map { .init(label: $0.label, value: $0.medianDays, note: "\($0.spans)", width: Self.width($0.medianDays, of: mostDays)) },
            months: report.months.map { .init(month: $0.month, opened: $0.opened, closed: $0.closed, openedWidth: Self.width($0.opened, of: mostMonth),
                                              closedWidth: Self.width($0.closed, of: mostMonth)) }))
    }

    /// The dashboard as CSV: one table after another, each row led by the part it belongs to.
    func dashboardCSV(req: Request) async throws -> Response {
        let (scope, _) = try await Self.scope(req)
        let report = try await ProgramReports.dashboard(of: scope.association, today: try req.today(for: scope.association), on: req.db)
        var rows = [["part", "kind", "status_or_key", "label"] + report.ageBands + ["total", "due_this_week", "overdue", "median_days", "stays", "opened", "closed"]]
        let blankBands = Array(repeating: "", count: report.ageBands.count)
        for stage in report.open {
            rows.append(["open", stage.kind, stage.status, stage.label] + stage.byAge.map(String.init) + [String(stage.total), "", "", "", "", "", ""])
        }
        for frame in report.timeFrames {
            rows.append(["time-frame", "", frame.key, frame.title] + blankBands + ["", String(frame.dueThisWeek), String(frame.overdue), "", "", "", ""])
        }
        for stage in report.stageDays {
            rows.append(["days-per-stage", stage.kind, stage.status, stage.label] + blankBands + ["", "", "", String(stage.medianDays), String(stage.spans), "", ""])
        }
        for month in report.months {
            rows.append(["month", "", month.month, month.month] + blankBands + ["", "", "", "", "", String(month.opened), String(month.closed)])
        }
        return CSVText.download(rows, filename: "dashboard-\(scope.association.slug)-\(report.asOf).csv")
    }

    // MARK: annual report

    struct AnnualPage: Encodable {
        let layout: LayoutContext
        let year: String
        let yearError: String?
        let maxYear: Int
        let agreement: String?
        let rolledUp: Bool
        let csvURL: String?
        let dashboardURL: String
        let associations: [String]
        let showColumns: Bool
        let sections: [Section]
        let ombuds: [OmbudsRow]
        let threshold: Int
        struct Section: Encodable { let title: String; let rows: [Row] }
        struct Row: Encodable { let label: String; let counts: [DashboardPage.Cell]; let total: Int; let amount: String?; let width: Int }
        struct OmbudsRow: Encodable { let label: String; let cells: [DashboardPage.Cell]; let total: String; let width: Int; let suppressed: Bool }
    }

    func annual(req: Request) async throws -> Response {
        let (scope, actor) = try await Self.scope(req)
        let today = try req.today(for: scope.association)
        try await scope.association.$regionalAgreement.load(on: req.db)
        let agreement = scope.association.regionalAgreement?.name
        let rolledUp = agreement != nil && req.query[String.self, at: "scope"] == "agreement"
        let slug = scope.association.slug
        let layout = try await LayoutContext.make(req, "Annual activity report", scope: scope, actor: actor)
        let year: Int
        do { year = try ProgramReports.year(req, today: today) } catch let error as AppError {
            // The typed year stays in the field with what is wrong beside it.
            let page = AnnualPage(layout: layout, year: req.query[String.self, at: "year"] ?? "", yearError: error.message, maxYear: today.year,
                                  agreement: agreement, rolledUp: rolledUp, csvURL: nil, dashboardURL: Self.url(slug), associations: [], showColumns: false,
                                  sections: [], ombuds: [], threshold: OmbudsTrends.defaultThreshold)
            return try await req.view.render("reports/annual", page).response(status: .badRequest, for: req)
        }
        let associations = try await ProgramReports.associations(for: scope.association, rolledUp: rolledUp, on: req.db)
        let report = try await ProgramReports.annual(year: year, of: associations, on: req.db)
        let most = report.lines.map(\.total).max() ?? 0
        var sections: [AnnualPage.Section] = []
        for line in report.lines {
            let row = AnnualPage.Row(label: line.label, counts: zip(report.associations, line.counts).map { .init(column: $0, value: String($1)) }, total: line.total, amount: line.cents.map(Money.format),
                                     width: Self.width(line.total, of: most))
            if sections.last?.title == line.key.measure.section { sections[sections.count - 1] = .init(title: line.key.measure.section, rows: sections[sections.count - 1].rows + [row]) }
            else { sections.append(.init(title: line.key.measure.section, rows: [row])) }
        }
        let mostOmbuds = report.ombuds.compactMap(\.total.count).max() ?? 0
        let query = "?year=\(year)" + (rolledUp ? "&scope=agreement" : "")
        let page = AnnualPage(layout: layout, year: String(year), yearError: nil, maxYear: today.year, agreement: agreement, rolledUp: rolledUp,
                              csvURL: Self.url(slug) + "/annual.csv" + query, dashboardURL: Self.url(slug), associations: report.associations,
                              showColumns: report.associations.count > 1, sections: sections,
                              ombuds: report.ombuds.map { line in
                                  .init(label: line.concern.label, cells: zip(report.associations, line.cells).map { .init(column: $0, value: $1.text) }, total: line.total.text,
                                        width: Self.width(line.total.count ?? 0, of: mostOmbuds), suppressed: line.total.count == nil)
                              },
                              threshold: OmbudsTrends.defaultThreshold)
        return try await req.view.render("reports/annual", page).encodeResponse(for: req)
    }

    func annualCSV(req: Request) async throws -> Response {
        let (scope, _) = try await Self.scope(req)
        let (report, rolledUp) = try await ProgramReports.annual(asked: req, in: scope)
        let name = rolledUp ? "agreement" : scope.association.slug
        return CSVText.download(ProgramReports.annualCSV(report), filename: "annual-report-\(name)-\(report.year).csv")
    }
}
