import Fluent
import SQLKit

/// Indexes for what every list and every case page looks up (issue 12): a case's rules read the respondent's
/// memberships and their periods by person and membership; the case list is ordered by the day a case was opened and
/// filtered by status; a person's cases are found through their party rows. Without them each lookup scanned the
/// whole roster or every case of the association.
struct AddListIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("memberships_person_id", Membership.schema, ["person_id"]),
        ("membership_periods_membership_id", MembershipPeriod.schema, ["membership_id"]),
        ("cases_association_opened", CaseRecord.schema, ["association_id", "opened_on", "number"]),
        ("cases_association_status", CaseRecord.schema, ["association_id", "status"]),
        ("case_parties_person_id", CaseParty.schema, ["person_id"]),
    ]

    func prepare(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        for index in Self.indexes {
            var create = sql.create(index: SQLIdentifier(index.name)).on(index.table)
            for column in index.columns { create = create.column(column) }
            try await create.run()
        }
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        for index in Self.indexes { try await sql.drop(index: SQLIdentifier(index.name)).run() }
    }
}
