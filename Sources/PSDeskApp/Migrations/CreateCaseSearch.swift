import Fluent
import Foundation

/// The case list's full-text search and Article filter (`CaseSearch`), filled from the dockets already there by the
/// same rebuild `psdesk projections rebuild` runs: an existing installation upgrades with no step of its own.
struct CreateCaseSearch: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await CaseSearch.createTables(on: database)
        try await ReadModels.rebuild(now: Date(), on: database)
    }

    func revert(on database: Database) async throws {
        try await CaseSearch.dropTables(on: database)
    }
}
