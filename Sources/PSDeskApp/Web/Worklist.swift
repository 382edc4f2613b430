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
        /// Discipline still to be complied with after final action (a1.32, b8).
        let compliance: [ComplianceLine]
    }

    struct ComplianceLine: Sendable {
        let caseNumber: String
        let item: ComplianceItem
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
        var compliance: [ComplianceLine] = []
        let disciplined = rows.filter { $0.kind == .ethics && [CaseStatus.finalAction.rawValue, CaseStatus.beforeDirectors.rawValue].contains($0.record.status) }
        for listed in try await ListedCaseDeadlines.load(disciplined, in: association, today: today, on: db) {
            for item in DisciplineCompliance.items(listed.docket, profile: listed.rules.profile, asOf: today) where item.isOutstanding || item.status == .heldInAbeyance {
                compliance.append(ComplianceLine(caseNumber: listed.row.record.number, item: item))
            }
        }
        compliance.sort { ($0.item.status == .overdue ? 0 : 1, $0.item.dueOn ?? today, $0.caseNumber) < ($1.item.status == .overdue ? 0 : 1, $1.item.dueOn ?? today, $1.caseNumber) }
        let byDue: (Item, Item) -> Bool = { ($0.deadline.dueOn ?? today, $0.caseNumber) < ($1.deadline.dueOn ?? today, $1.caseNumber) }
        return Result(newComplaints: open.filter { $0.record.status == CaseStatus.filed.rawValue },
                      dueSoon: dueSoon.sorted(by: byDue), overdue: overdue.sorted(by: byDue), compliance: compliance)
    }
}
