import Fluent
import Foundation
import StandardsCore

/// One version of an association's citation schedule (a2.35), kept whole: a change is a new version with the day it
/// takes effect, so a citation issued under an earlier one still reads the schedule it was issued under.
final class CitationScheduleVersion: Model, @unchecked Sendable {
    static let schema = "citation_schedules"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    /// `YYYY-MM-DD`.
    @Field(key: "effective_on") var effectiveOn: String
    /// The schedule as JSON (`CitationSchedule`).
    @Field(key: "body") var body: String
    @Field(key: "recorded_by") var recordedBy: String
    @Timestamp(key: "recorded_at", on: .create) var recordedAt: Date?
    init() {}
    init(associationID: UUID, schedule: CitationSchedule, recordedBy: String) throws {
        self.$association.id = associationID
        self.effectiveOn = schedule.effectiveOn?.description ?? ""
        self.body = String(decoding: try JSONEncoder().encode(schedule), as: UTF8.self)
        self.recordedBy = recordedBy
    }

    var schedule: CitationSchedule? { try? JSONDecoder().decode(CitationSchedule.self, from: Data(body.utf8)) }
}

struct CreateCitationSchedules: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CitationScheduleVersion.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("effective_on", .string, .required)
            .field("body", .string, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime)
            .unique(on: "association_id", "effective_on")
            .create()
    }
    func revert(on database: Database) async throws { try await database.schema(CitationScheduleVersion.schema).delete() }
}

/// The association's schedule versions and the one in force on a day (a2.35).
enum CitationScheduleStore {
    static func versions(of association: UUID, on db: Database) async throws -> [CitationSchedule] {
        try await CitationScheduleVersion.query(on: db).filter(\.$association.$id == association).sort(\.$effectiveOn).all().compactMap(\.schedule)
    }

    static func inForce(for association: UUID, on day: CivilDate, db: Database) async throws -> CitationSchedule {
        CitationSchedules.inForce(on: day, versions: try await versions(of: association, on: db))
    }
}
