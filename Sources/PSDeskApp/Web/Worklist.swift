import Vapor
import Fluent
import StandardsCore

/// The PSA's worklist for one association: complaints awaiting intake, deadlines due in the coming week, deadlines
/// missed and discipline outstanding, across every case of the association. Read from the read models
/// (issue 12): what depends on today is worked out from the stored due dates, so no docket is replayed. Each list
/// shows its most pressing lines and says how many there are in all.
enum Worklist {
    /// How many lines each list shows.
    static let shown = 100

    struct Item: Sendable {
        let caseNumber: String
        let title: String
        let dueText: String
        let rule: String
        let explanation: String
    }

    struct Section<Line: Sendable>: Sendable {
        let lines: [Line]
        let total: Int
    }

    struct Result: Sendable {
        let newComplaints: Section<CaseListing.Row>
        let dueSoon: Section<Item>
        let overdue: Section<Item>
        /// Discipline still to be complied with after final action (a1.32, b8).
        let compliance: Section<ComplianceLine>
    }

    struct ComplianceLine: Sendable {
        let caseNumber: String
        let item: ComplianceItem
    }

    static func build(in scope: AssociationScope, actor: Actor, today: CivilDate, on db: Database) async throws -> Result {
        let filed = CaseListing.Filter(statuses: [.filed])
        let newComplaints = try await CaseListing.page(in: scope, actor: actor, filter: filed, limit: shown, after: nil, on: db)
        let newTotal = try await CaseListing.count(in: scope, actor: actor, filter: filed, on: db)
        // Pending until the due date (`OpenDeadline.status`), overdue after it (`KeptWindows`).
        let soon = windows(of: scope.id, on: db).filter(.sql(embed: KeptWindows.dueWithinWeek(of: today)))
        let late = windows(of: scope.id, on: db).filter(.sql(embed: KeptWindows.pastDue(on: today)))
        // And what was missed with nothing to meet it, whatever the day (few: each is a flag on a case).
        let missed = try await windows(of: scope.id, on: db).filter(.sql(embed: KeptWindows.missedUnmet)).all()
        func section(_ query: QueryBuilder<CaseDeadlineRow>, adding settled: [CaseDeadlineRow] = []) async throws -> Section<Item> {
            let rows = try await query.copy().sort(\.$dueOn).sort(\.$caseNumber).limit(shown).all()
            let total = rows.count < shown ? rows.count : try await query.countRows()
            // Ordered by due date, an unknown one counting as today's, then case.
            let merged = (rows + settled).sorted { ($0.dueOn ?? today.description, $0.caseNumber) < ($1.dueOn ?? today.description, $1.caseNumber) }
            return Section(lines: merged.prefix(shown).map { item($0, asOf: today) }, total: total + settled.count)
        }
        // Discipline outstanding today: overdue first (past its date, `statusAfter`), then due or held (`statusBefore`),
        // each by date; only the lines shown are read (`KeptComplianceItem.item(asOf:)` decides each as the worklist did).
        let outstanding: [String] = [ComplianceItem.Status.due, .overdue, .heldInAbeyance].map(\.rawValue)
        let day = today.description
        let pastDue = CaseComplianceRow.query(on: db).filter(\.$association.$id == scope.id).filter(\.$dueOn < day)
            .filter(\.$statusAfter ~~ outstanding)
        let notYet = CaseComplianceRow.query(on: db).filter(\.$association.$id == scope.id).filter(\.$statusBefore ~~ outstanding)
            .group(.or) { $0.filter(\.$dueOn == nil).filter(\.$dueOn >= day) }
        var discipline: [ComplianceLine] = []
        for query in [pastDue, notYet] where discipline.count < shown {
            let rows = try await query.copy().sort(\.$dueOn).sort(\.$caseNumber).sort(\.$position).limit(shown - discipline.count).all()
            discipline += rows.map { ComplianceLine(caseNumber: $0.caseNumber, item: Self.compliance($0).item(asOf: today)) }
        }
        // Overdue first, then by due date (an unknown date counts as today).
        func order(_ line: ComplianceLine) -> (Int, CivilDate, String) { (line.item.status == .overdue ? 0 : 1, line.item.dueOn ?? today, line.caseNumber) }
        discipline.sort { order($0) < order($1) }
        let disciplineTotal = try await pastDue.countRows() + notYet.countRows()
        return Result(newComplaints: Section(lines: newComplaints.rows, total: newTotal), dueSoon: try await section(soon),
                      overdue: try await section(late, adding: missed),
                      compliance: Section(lines: discipline, total: disciplineTotal))
    }

    /// The kept windows of the association's cases still running.
    static func windows(of associationID: UUID, on db: Database) -> QueryBuilder<CaseDeadlineRow> {
        CaseDeadlineRow.query(on: db).filter(\.$association.$id == associationID).filter(\.$caseClosed == false)
    }

    /// Those only the calendar still moves.
    static func openWindows(of associationID: UUID, on db: Database) -> QueryBuilder<CaseDeadlineRow> {
        windows(of: associationID, on: db).filter(\.$settledStatus == nil)
    }

    static func item(_ row: CaseDeadlineRow, asOf today: CivilDate) -> Item {
        Item(caseNumber: row.caseNumber, title: row.title, dueText: row.dueText, rule: row.rule,
             explanation: row.settledStatus == nil ? row.open.explanation(asOf: today) : row.explanationHead)
    }

    static func compliance(_ row: CaseComplianceRow) -> KeptComplianceItem {
        KeptComplianceItem(position: row.position, sanction: row.sanction, rule: RuleID.known(row.rule) ?? .b8_1, dueOn: row.dueOn.flatMap(CivilDate.init),
                           statusBefore: ComplianceItem.Status(rawValue: row.statusBefore) ?? .due, noteBefore: row.noteBefore,
                           statusAfter: ComplianceItem.Status(rawValue: row.statusAfter) ?? .overdue, noteAfter: row.noteAfter)
    }
}

extension CaseDeadlineRow {
    /// The kept window, to say how it stands on a given day.
    var open: OpenDeadline {
        OpenDeadline(key: DeadlineKey(rawValue: key) ?? .filing, dueOn: dueOn.flatMap(CivilDate.init), explanationHead: explanationHead,
                     dated: dated, lapseNote: lapseNote)
    }
}
