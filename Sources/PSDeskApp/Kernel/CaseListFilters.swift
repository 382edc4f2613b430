import Vapor
import Fluent
import FluentSQL
import StandardsCore

/// What a case list can be narrowed and ordered by, read from a query string the same way for the web and the API
/// (issue 12): `q` (words of the number, title, a party's name or the narratives: `CaseSearch`), `kind`, `status`,
/// `due` (`overdue`, `week`), `article` (1–17), `party` (a person's id), `sort` (a column, `-` first for newest or last
/// first). Each is checked: a value this server does not know is refused with what it
/// takes, never ignored.
extension CaseListing {
    /// A column a list is ordered by, with the case number breaking ties (so a keyset is exact).
    enum SortColumn: String, CaseIterable, Sendable {
        case opened, number, activity, title, status

        var field: FieldKey {
            switch self {
            case .opened: "opened_on"
            case .number: "number"
            case .activity: "last_activity_on"
            case .title: "title"
            case .status: "status"
            }
        }

        func value(of record: CaseRecord) -> String {
            switch self {
            case .opened: record.openedOn ?? ""
            case .number: record.number
            case .activity: record.lastActivityOn ?? ""
            case .title: record.title
            case .status: record.status
            }
        }
    }

    struct Sort: Sendable, Equatable {
        var column: SortColumn
        var descending: Bool
        /// Newest first.
        static let `default` = Sort(column: .opened, descending: true)

        /// `opened` (oldest first) or `-opened` (newest first), and so on for each column.
        init?(parameter: String) {
            let descending = parameter.hasPrefix("-")
            guard let column = SortColumn(rawValue: descending ? String(parameter.dropFirst()) : parameter) else { return nil }
            self.init(column: column, descending: descending)
        }
        init(column: SortColumn, descending: Bool) { self.column = column; self.descending = descending }

        var parameter: String { (descending ? "-" : "") + column.rawValue }
    }

    /// Cases with a time frame in a window, read from the kept windows (`ReadModels`).
    enum DueWindow: String, CaseIterable, Sendable {
        /// Past its due date (not a party's lapsed option), or missed with nothing to meet it.
        case overdue
        /// Due from today through a week from today.
        case week
    }

    /// A list's query string, checked.
    struct ListQuery: Sendable {
        var search: String = ""
        var kind: CaseKind?
        var status: CaseStatus?
        var due: DueWindow?
        var article: Int?
        var party: UUID?
        var sort: Sort = .default
        var after: Cursor?

        init() {}

        /// Anything narrows the list beyond what the actor may see.
        var narrows: Bool { kind != nil || status != nil || due != nil || article != nil || party != nil || !search.isEmpty }

        /// - Parameter lenientCursor: a page address edited by hand starts again at the first page (the web) instead of
        ///   being refused (the API, whose clients must learn their cursor is wrong).
        init(_ req: Request, lenientCursor: Bool = false) throws {
            func text(_ name: String) -> String? {
                guard let value = req.query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
                return value
            }
            func refuse(_ name: String, _ allowed: [String]) -> AppError {
                AppError.invalid("\(name) must be one of: \(allowed.joined(separator: ", ")).", code: "bad_\(name)")
            }
            search = String((text("q") ?? "").prefix(200))
            if let raw = text("kind") {
                guard let kind = CaseKind(rawValue: raw) else { throw refuse("kind", CaseKind.allCases.map(\.rawValue)) }
                self.kind = kind
            }
            if let raw = text("status") {
                guard let status = CaseStatus(rawValue: raw) else { throw refuse("status", CaseStatus.allCases.map(\.rawValue)) }
                self.status = status
            }
            if let raw = text("due") {
                guard let due = DueWindow(rawValue: raw) else { throw refuse("due", DueWindow.allCases.map(\.rawValue)) }
                self.due = due
            }
            if let raw = text("article") {
                guard let article = Int(raw), CitedArticles.codeArticles.contains(article) else {
                    throw AppError.invalid("article must be an Article of the Code of Ethics, 1 to 17.", code: "bad_article")
                }
                self.article = article
            }
            if let raw = text("party") {
                guard let party = UUID(uuidString: raw) else {
                    throw AppError.invalid("party must be the id of a person in the association.", code: "bad_party")
                }
                self.party = party
            }
            if let raw = text("sort") {
                guard let sort = Sort(parameter: raw) else {
                    throw refuse("sort", SortColumn.allCases.flatMap { [$0.rawValue, "-" + $0.rawValue] })
                }
                self.sort = sort
            }
            if let token = text("cursor") ?? text("after") {
                if let cursor = Cursor(token: token) {
                    after = cursor
                } else if !lenientCursor {
                    throw AppError.invalid("cursor is not one this server gave: start again without it.", code: "bad_cursor")
                }
            }
        }

        func filter(today: CivilDate) -> Filter {
            var filter = Filter(search: search)
            if let kind { filter.kinds = [kind] }
            if let status { filter.statuses = [status] }
            filter.due = due.map { ($0, today) }
            filter.article = article
            filter.party = party
            return filter
        }

        /// The filters and order as query items, for the links to other pages.
        var items: [URLQueryItem] {
            var items: [URLQueryItem] = []
            if !search.isEmpty { items.append(.init(name: "q", value: search)) }
            if let kind { items.append(.init(name: "kind", value: kind.rawValue)) }
            if let status { items.append(.init(name: "status", value: status.rawValue)) }
            if let due { items.append(.init(name: "due", value: due.rawValue)) }
            if let article { items.append(.init(name: "article", value: String(article))) }
            if let party { items.append(.init(name: "party", value: party.uuidString)) }
            if sort != .default { items.append(.init(name: "sort", value: sort.parameter)) }
            return items
        }
    }

    /// The position of a page's first line (`from`), for "Cases 101–200 of 2,345": 1 on the first page. Only words on
    /// the page, so clamped: a hostile value cannot overflow the arithmetic after it.
    static func position(_ req: Request, onFirstPage: Bool) -> Int {
        onFirstPage ? 1 : min(max(1, (req.query["from"] as Int?) ?? 1), 100_000_000)
    }

    /// The running cases with a kept window in `window` as of `today` (as the worklist counts them), as an SQL
    /// condition on `cases.id`.
    static func dueCondition(_ window: DueWindow, today: CivilDate, in associationID: UUID) -> DatabaseQuery.Filter {
        let standing: SQLQueryString
        switch window {
        case .overdue: standing = "(\(KeptWindows.pastDue(on: today))) OR (\(KeptWindows.missedUnmet))"
        case .week: standing = KeptWindows.dueWithinWeek(of: today)
        }
        return .sql(embed: """
            \(ident: CaseRecord.schema).\(ident: "id") IN (SELECT case_id FROM \(ident: CaseDeadlineRow.schema) \
            WHERE association_id = \(bind: associationID) AND case_closed = \(bind: false) AND (\(standing)))
            """)
    }
}
