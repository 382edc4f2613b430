import Fluent
import SQLKit
import Foundation

/// Rows written straight through SQLKit, hundreds to a statement. Fluent finds a model's fields by reflection on every
/// row, which left the synthetic seed and the read-model rebuild spending most of their time there (issue 12).
/// Each type lists its columns once, beside its model, in the order of its values.
protocol BulkRow {
    static var schema: String { get }
    static var bulkColumns: [String] { get }
    var bulkValues: [any Encodable & Sendable] { get }
}

enum BulkRows {
    static func insert<Row: BulkRow>(_ rows: [Row], on db: Database) async throws {
        guard !rows.isEmpty else { return }
        guard let sql = db as? SQLDatabase else {
            throw AppError(.internalServerError, code: "no_sql", message: "Rows of \(Row.schema) can only be written to an SQL database.")
        }
        // SQLite binds at most 32,766 values to a statement, PostgreSQL 65,535.
        let perStatement = max(1, 30_000 / Row.bulkColumns.count)
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            var insert = sql.insert(into: Row.schema).columns(Row.bulkColumns)
            for row in rows[start..<min(rows.count, start + perStatement)] { insert = insert.values(row.bulkValues) }
            try await insert.run()
        }
    }
}

extension CaseRecord: BulkRow {
    static let bulkColumns = ["id", "association_id", "kind", "year", "sequence", "number", "title", "status", "opened_on", "last_activity_on",
                              "filed_on", "respondent_notified", "dismissal_appeal_pending", "created_at"]
    var bulkValues: [any Encodable & Sendable] {
        [id, $association.id, kind, year, sequence, number, title, status, openedOn, lastActivityOn, filedOn, respondentNotified,
         directorsMatterPending, createdAt ?? Date()]
    }
}

extension DocketEntryRecord: BulkRow {
    static let bulkColumns = ["id", "association_id", "case_id", "sequence", "type", "effective_on", "recorded_at", "actor_user_id", "actor_name",
                              "payload", "corrects_id", "payload_sha256", "chain_hash"]
    var bulkValues: [any Encodable & Sendable] {
        [id ?? .fresh(), $association.id, $caseRecord.id, sequence, type, effectiveOn, recordedAt, $actor.id, actorName, payload, correctsID,
         payloadSHA256, chainHash]
    }
}

extension CaseParty: BulkRow {
    static let bulkColumns = ["id", "association_id", "case_id", "person_id", "role"]
    var bulkValues: [any Encodable & Sendable] { [id ?? .fresh(), $association.id, $caseRecord.id, $person.id, role] }
}

extension PanelSeat: BulkRow {
    static let bulkColumns = ["id", "association_id", "case_id", "person_id", "seat"]
    var bulkValues: [any Encodable & Sendable] { [id ?? .fresh(), $association.id, $caseRecord.id, $person.id, seat] }
}

extension CaseDeadlineRow: BulkRow {
    static let bulkColumns = ["id", "association_id", "case_id", "case_number", "case_kind", "case_closed", "key", "title", "rule", "due_on", "due_text",
                              "due_text_for_party", "explanation_head", "dated", "lapse_note", "party_option", "for_complainant", "for_respondent",
                              "settled_status"]
    var bulkValues: [any Encodable & Sendable] {
        [id ?? .fresh(), $association.id, $caseRecord.id, caseNumber, caseKind, caseClosed, key, title, rule, dueOn, dueText, dueTextForParty,
         explanationHead, dated, lapseNote, partyOption, forComplainant, forRespondent, settledStatus]
    }
}

extension CaseLedgerRow: BulkRow {
    static let bulkColumns = ["id", "association_id", "case_id", "case_number", "case_kind", "case_title", "deposits_held", "owed", "to_treasury", "refunded"]
    var bulkValues: [any Encodable & Sendable] {
        [id ?? .fresh(), $association.id, $caseRecord.id, caseNumber, caseKind, caseTitle, depositsHeld, owed, toTreasury, refunded]
    }
}

extension EscrowRow: BulkRow {
    static let bulkColumns = ["id", "association_id", "case_id", "case_number", "case_title", "held", "paid_in", "paid_out", "review_deposit",
                              "held_since", "held_for", "until_on", "until"]
    var bulkValues: [any Encodable & Sendable] {
        [id ?? .fresh(), $association.id, $caseRecord.id, caseNumber, caseTitle, held, paidIn, paidOut, reviewDeposit, heldSince, heldFor, untilOn, until]
    }
}

extension CaseComplianceRow: BulkRow {
    static let bulkColumns = ["id", "association_id", "case_id", "case_number", "position", "sanction", "rule", "due_on", "status_before", "note_before",
                              "status_after", "note_after"]
    var bulkValues: [any Encodable & Sendable] {
        [id ?? .fresh(), $association.id, $caseRecord.id, caseNumber, position, sanction, rule, dueOn, statusBefore, noteBefore, statusAfter, noteAfter]
    }
}

extension UUID {
    /// A time-ordered (version 7) UUID: the current millisecond first, then random bits from the system generator.
    /// Rows written in bulk then land at the end of each index instead of all over it: with random keys every batch of
    /// the seed dirtied thousands of scattered pages and 200,000 cases wrote 25 GB for an 800 MB file. (Foundation's
    /// `UUID()` is random, and on Linux opens /dev/urandom for each one.)
    static func fresh() -> UUID {
        var generator = SystemRandomNumberGenerator()
        return ordered(UInt64(Date().timeIntervalSince1970 * 1000), using: &generator)
    }

    /// A version 7 UUID whose first 48 bits are `order` (milliseconds, or any counter that only grows) and whose other
    /// bits come from `generator`: from a seeded one, the same UUIDs each run.
    static func ordered<G: RandomNumberGenerator>(_ order: UInt64, using generator: inout G) -> UUID {
        let random = generator.next(), more = generator.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: order >> (8 * (5 - index))) }
        for index in 6..<16 { bytes[index] = UInt8(truncatingIfNeeded: (index < 11 ? random : more) >> (8 * (index % 8))) }
        bytes[6] = (bytes[6] & 0x0F) | 0x70   // version 7
        bytes[8] = (bytes[8] & 0x3F) | 0x80   // RFC 9562 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

extension Database {
    /// PostgreSQL, where an SQL statement differs from SQLite's (full-text search, case-insensitive `LIKE`).
    var isPostgreSQL: Bool { (self as? SQLDatabase)?.dialect.name == "postgresql" }
}

extension QueryBuilder {
    /// `COUNT(*)`: Fluent's `count()` counts the id column, which no list index holds, so the database read the row of
    /// every case it counted (200 ms on 200,000 cases); this is answered from the index the filters use.
    func countRows() async throws -> Int {
        try await aggregate(.custom(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("aggregate"))), as: Int.self)
    }
}

extension CaseEventRow: BulkRow {
    static let bulkColumns = ["id", "association_id", "case_id", "case_number", "case_kind", "kind", "event_key", "starts_on", "starts_at_minute",
                              "time_text", "place", "revision"]
    var bulkValues: [any Encodable & Sendable] {
        [id ?? .fresh(), $association.id, $caseRecord.id, caseNumber, caseKind, kind, eventKey, startsOn, startsAtMinute, timeText, place, revision]
    }
}

extension CaseFactRow: BulkRow {
    static let bulkColumns = ["id", "association_id", "case_id", "case_kind", "measure", "detail", "happened_on", "cents"]
    var bulkValues: [any Encodable & Sendable] { [id ?? .fresh(), $association.id, $caseRecord.id, caseKind, measure, detail, happenedOn, cents] }
}

extension CaseStageRow: BulkRow {
    static let bulkColumns = ["id", "association_id", "case_id", "case_kind", "status", "entered_on", "left_on", "days"]
    var bulkValues: [any Encodable & Sendable] { [id ?? .fresh(), $association.id, $caseRecord.id, caseKind, status, enteredOn, leftOn, days] }
}
