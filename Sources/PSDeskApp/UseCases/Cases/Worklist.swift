import Vapor
import Fluent
import StandardsCore

/// The PSA's worklist for one association: complaints awaiting intake, deadlines due in the coming week
/// and deadlines missed, across every open case the actor may see.
enum Worklist {
    struct Item: Sendable {
        let caseNumber: String
        let caseTitle: String
        let deadline: Deadline
    }

    struct Result: Sendable {
        let newComplaints: [CaseListing.Row]
        let dueSoon: [Item]
        let overdue: [Item]
    }

    static func build(for rows: [CaseListing.Row], association: Association, today: CivilDate, on db: Database) async throws -> Result {
        let open = rows.filter { !(CaseStatus(rawValue: $0.record.status)?.isTerminal ?? false) }
        var dueSoon: [Item] = []
        var overdue: [Item] = []
        let horizon = today.adding(days: 7)
        for listed in try await ListedCaseDeadlines.load(open, in: association, today: today, on: db) {
            let row = listed.row
            for deadline in listed.deadlines {
                if deadline.status == .pending, let due = deadline.dueOn, due <= horizon {
                    dueSoon.append(Item(caseNumber: row.record.number, caseTitle: row.record.title, deadline: deadline))
                } else if deadline.status == .missed, deadline.satisfiedByEntryId == nil {
                    overdue.append(Item(caseNumber: row.record.number, caseTitle: row.record.title, deadline: deadline))
                }
            }
        }
        let byDue: (Item, Item) -> Bool = { ($0.deadline.dueOn ?? today, $0.caseNumber) < ($1.deadline.dueOn ?? today, $1.caseNumber) }
        return Result(newComplaints: open.filter { $0.record.status == CaseStatus.filed.rawValue },
                      dueSoon: dueSoon.sorted(by: byDue), overdue: overdue.sorted(by: byDue))
    }
}
