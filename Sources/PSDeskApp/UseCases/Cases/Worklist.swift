import Vapor
import Fluent
import StandardsCore

/// The PSA's worklist for one association: complaints awaiting intake, deadlines due in the coming week
/// and deadlines missed, across every open case the actor may see. Dockets are loaded in one query.
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
        let ids = open.compactMap(\.record.id)
        guard !ids.isEmpty else { return Result(newComplaints: [], dueSoon: [], overdue: []) }
        let records = try await DocketEntryRecord.query(on: db).filter(\.$caseRecord.$id ~~ ids).sort(\.$sequence).all()
        let byCase = Dictionary(grouping: records, by: { $0.$caseRecord.id })
        var dueSoon: [Item] = []
        var overdue: [Item] = []
        let horizon = today.adding(days: 7)
        for row in open {
            guard let id = row.record.id else { continue }
            let docket = try (byCase[id] ?? []).map(DocketStore.domainEntry)
            let rules = try await CaseRules.load(for: row.record, on: db, today: today)
            for deadline in rules.deadlines(kind: row.kind, docket: docket, asOf: today) {
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
