import Vapor
import Fluent
import SQLKit
import StandardsCore

/// The docket's hash chain as stored (issue 20, item 2): `DocketStore.append` seals each entry with `seal`; the
/// worker chains each past day's heads across the association (`sealDays`); `psdesk audit verify` computes both again
/// and names the first break (`verify`).
enum DocketChainStore {
    static func sha256(_ text: String) -> String { SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined() }

    /// Both databases keep whole milliseconds exactly; the chain counts the time in them.
    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func normalized(_ date: Date) -> Date { Date(timeIntervalSince1970: Double(millis(date)) / 1000) }

    /// Sets the entry's payload digest and its hash after `previous` (the case's last hash, or the genesis).
    static func seal(_ record: DocketEntryRecord, previous: String) throws {
        record.recordedAt = normalized(record.recordedAt)
        record.payloadSHA256 = sha256(record.payload)
        record.chainHash = sha256(DocketChain.canonical(try record.chainLink(), previous: previous))
    }

    /// The hash the case's next entry follows.
    static func lastHash(of caseID: UUID, on db: Database) async throws -> String {
        try await DocketEntryRecord.query(on: db).filter(\.$caseRecord.$id == caseID).sort(\.$sequence, .descending).first()?.chainHash
            ?? DocketChain.genesis
    }

    // MARK: the association's days

    /// Chains every finished day's heads (the association's calendar) not yet chained, oldest first; returns how many.
    @discardableResult
    static func sealDays(now: Date, on db: Database) async throws -> Int {
        guard let sql = db as? SQLDatabase else { return 0 }
        var sealed = 0
        for association in try await Association.query(on: db).all() {
            guard let zone = AssociationClock(timeZoneIdentifier: association.timeZone) else { continue }
            let associationID = try association.requireID()
            let today = zone.civilDate(at: now)
            let last = try await DocketDayAnchor.query(on: db).filter(\.$association.$id == associationID).sort(\.$day, .descending).first()
            var previous = last?.anchor ?? DocketChain.genesis
            // Only the days after the last chained one, each found by the next entry recorded (so empty days cost nothing),
            // and of each day only every changed case's last entry, picked by the database: a day once chained is never
            // read again, and a day of millions of entries is a few hundred thousand short rows.
            var from = last.flatMap { CivilDate($0.day) }.map { zone.instant(on: $0.adding(days: 1), hour: 0, minute: 0) }
            while true {
                struct First: Decodable { let first: Date? }
                var next: SQLQueryString = "SELECT MIN(recorded_at) AS first FROM \(ident: DocketEntryRecord.schema) WHERE association_id = \(bind: associationID)"
                if let from { next += " AND recorded_at >= \(bind: from)" }
                guard let first = try await sql.raw(next).first(decoding: First.self)?.first else { break }
                let day = zone.civilDate(at: first)
                guard day < today else { break }
                let start = zone.instant(on: day, hour: 0, minute: 0), end = zone.instant(on: day.adding(days: 1), hour: 0, minute: 0)
                struct Head: Decodable { let case_id: UUID; let sequence: Int; let chain_hash: String? }
                let rows = try await sql.raw("""
                    SELECT e.case_id, e.sequence, e.chain_hash FROM \(ident: DocketEntryRecord.schema) e
                    JOIN (SELECT case_id, MAX(sequence) AS last FROM \(ident: DocketEntryRecord.schema)
                          WHERE association_id = \(bind: associationID) AND recorded_at >= \(bind: start) AND recorded_at < \(bind: end)
                          GROUP BY case_id) d ON d.case_id = e.case_id AND d.last = e.sequence
                    """).all(decoding: Head.self)
                let heads = DayAnchor.heads(of: rows.map { ($0.case_id, $0.sequence, $0.chain_hash ?? "") })
                let anchor = DocketDayAnchor(associationID: associationID, day: day.description, previous: previous, caseCount: heads.count,
                                             anchor: sha256(DayAnchor.canonical(associationID: associationID, day: day, previous: previous, heads: heads)))
                try await anchor.create(on: db)
                previous = anchor.anchor
                sealed += 1
                from = end
            }
        }
        return sealed
    }

    /// What the chain covers of an entry, read as a plain row (`DocketEntryRecord.chainLink` for a model).
    struct ChainRow: Decodable {
        static let columns = "id, association_id, case_id, sequence, type, effective_on, recorded_at, actor_user_id, actor_name, payload, corrects_id, payload_sha256, chain_hash, destroyed_by"
        let id: UUID, association_id: UUID, case_id: UUID, sequence: Int, type: String, effective_on: String, recorded_at: Date
        let actor_user_id: UUID?, actor_name: String, payload: String, corrects_id: UUID?, payload_sha256: String?, chain_hash: String?, destroyed_by: UUID?

        var link: DocketChain.Link {
            DocketChain.Link(id: id, associationID: association_id, caseID: case_id, sequence: sequence, type: type, effectiveOn: effective_on,
                             recordedAtMillis: DocketChainStore.millis(recorded_at), actorUserID: actor_user_id, actorName: actor_name,
                             correctsID: corrects_id, payloadSHA256: payload_sha256 ?? "")
        }
    }

    /// Finds the next day to chain without reading the docket (`sealDays`).
    struct AddRecordedAtIndex: AsyncMigration {
        static let name = "docket_entries_association_recorded"
        func prepare(on database: Database) async throws {
            guard let sql = database as? SQLDatabase else { return }
            try await sql.create(index: SQLIdentifier(Self.name)).on(DocketEntryRecord.schema).column("association_id").column("recorded_at").run()
        }
        func revert(on database: Database) async throws {
            guard let sql = database as? SQLDatabase else { return }
            try await sql.drop(index: SQLIdentifier(Self.name)).run()
        }
    }

    // MARK: verifying

    /// One place the record does not hold.
    struct Finding: Sendable, CustomStringConvertible {
        let association: String
        let caseNumber: String?
        let day: String?
        let what: String
        var description: String {
            if let caseNumber { return "\(association) \(caseNumber): \(what)" }
            return "\(association) day \(day ?? "?"): \(what)"
        }
    }

    /// Every case's chain, then the association's day anchors; the first break of each case and of each association.
    /// Cases are read `batch` at a time (keyset by id, one query for their entries), and of each case only the last
    /// entry of each day is kept for the anchors, so memory stays flat however many cases there are.
    static func verify(association slug: String? = nil, on db: Database, batch: Int = 500,
                       progress: (Int, Int) -> Void = { _, _ in }) async throws -> (cases: Int, findings: [Finding]) {
        guard let sql = db as? SQLDatabase else { return (0, []) }
        var associations = Association.query(on: db)
        if let slug { associations = associations.filter(\.$slug == slug) }
        var findings: [Finding] = []
        var checked = 0
        for association in try await associations.sort(\.$slug).all() {
            let associationID = try association.requireID()
            guard let zone = AssociationClock(timeZoneIdentifier: association.timeZone) else { continue }
            let total = try await CaseRecord.query(on: db).filter(\.$association.$id == associationID).countRows()
            var broken: [(number: String, what: String)] = []
            var lastOfDay: [String: [UUID: (sequence: Int, hash: String)]] = [:]
            var after: UUID?
            while true {
                var page = CaseRecord.query(on: db).filter(\.$association.$id == associationID).sort(\.$id).limit(batch)
                if let after { page = page.filter(\.$id > after) }
                let cases = try await page.all()
                guard let last = cases.last else { break }
                // Plain rows through SQLKit: a Fluent model costs about 100 µs a row to decode, which on millions of entries
                // was nearly all of the run.
                let entries = try await sql.raw("""
                    SELECT \(unsafeRaw: ChainRow.columns) FROM \(ident: DocketEntryRecord.schema)
                    WHERE case_id IN (\(binds: cases.compactMap(\.id))) ORDER BY sequence
                    """).all(decoding: ChainRow.self)
                let byCase = Dictionary(grouping: entries, by: \.case_id)
                for record in cases {
                    let entries = byCase[try record.requireID()] ?? []
                    let stored = entries.map { DocketChain.Stored(link: $0.link, storedHash: $0.chain_hash ?? "", payload: $0.destroyed_by == nil ? $0.payload : nil) }
                    if let chainBreak = DocketChain.verify(stored, hash: sha256) { broken.append((record.number, chainBreak.description)) }
                    for entry in entries {
                        let day = zone.civilDate(at: entry.recorded_at).description
                        if entry.sequence > (lastOfDay[day]?[entry.case_id]?.sequence ?? 0) {
                            lastOfDay[day, default: [:]][entry.case_id] = (entry.sequence, entry.chain_hash ?? "")
                        }
                    }
                }
                checked += cases.count
                progress(checked, total)
                after = last.id
            }
            findings += broken.sorted { $0.number < $1.number }.map { Finding(association: association.slug, caseNumber: $0.number, day: nil, what: $0.what) }
            if let dayBreak = try await verifyDays(association, zone: zone, lastOfDay: lastOfDay, on: db) { findings.append(dayBreak) }
        }
        return (checked, findings)
    }

    /// The day anchors computed again from the entries as they are now; the first day that differs.
    private static func verifyDays(_ association: Association, zone: AssociationClock, lastOfDay: [String: [UUID: (sequence: Int, hash: String)]],
                                   on db: Database) async throws -> Finding? {
        let associationID = try association.requireID()
        let anchors = try await DocketDayAnchor.query(on: db).filter(\.$association.$id == associationID).sort(\.$day).all()
        var previous = DocketChain.genesis
        for anchor in anchors {
            guard let day = CivilDate(anchor.day) else { continue }
            let dayHeads = DayAnchor.heads(of: (lastOfDay[anchor.day] ?? [:]).map { ($0.key, $0.value.sequence, $0.value.hash) })
            let expected = sha256(DayAnchor.canonical(associationID: associationID, day: day, previous: previous, heads: dayHeads))
            if anchor.previous != previous || anchor.anchor != expected {
                return Finding(association: association.slug, caseNumber: nil, day: anchor.day,
                               what: "the day's chained heads no longer match what was recorded that day (an entry of that day changed, or the day's anchor did)")
            }
            previous = anchor.anchor
        }
        return nil
    }
}

/// One finished day's anchor for an association (`DayAnchor`): append-only.
final class DocketDayAnchor: Model, @unchecked Sendable {
    static let schema = "docket_day_anchors"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    /// The association's civil day, `YYYY-MM-DD`.
    @Field(key: "day") var day: String
    @Field(key: "previous") var previous: String
    @Field(key: "case_count") var caseCount: Int
    @Field(key: "anchor") var anchor: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
    init(associationID: UUID, day: String, previous: String, caseCount: Int, anchor: String) {
        self.id = UUID(); self.$association.id = associationID; self.day = day; self.previous = previous; self.caseCount = caseCount; self.anchor = anchor
    }
}

/// Adds the chain to the docket: each existing entry is sealed in order, case by case; the append-only triggers are
/// made again so that the one change they allow is the retention rules' destruction of a payload (its digest and
/// hash untouched, `destroyed_by` set once).
struct AddDocketChain: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        try await AppendOnlyTable.drop(DocketEntryRecord.schema, on: sql)
        // SQLite adds one column per statement.
        for (column, type) in [("payload_sha256", DatabaseSchema.DataType.string), ("chain_hash", .string), ("destroyed_by", .uuid)] {
            try await database.schema(DocketEntryRecord.schema).field(.definition(name: .key(FieldKey(stringLiteral: column)), dataType: type, constraints: [])).update()
        }
        let cases = try await CaseRecord.query(on: database).all()
        for record in cases {
            var previous = DocketChain.genesis
            for entry in try await DocketEntryRecord.query(on: database).filter(\.$caseRecord.$id == record.requireID()).sort(\.$sequence).all() {
                entry.payloadSHA256 = DocketChainStore.sha256(entry.payload)
                entry.chainHash = DocketChainStore.sha256(DocketChain.canonical(try entry.chainLink(), previous: previous))
                try await entry.save(on: database)
                previous = entry.chainHash ?? previous
            }
        }
        try await DocketTriggers.create(on: sql)
        try await database.schema(DocketDayAnchor.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id"))
            .field("day", .string, .required)
            .field("previous", .string, .required)
            .field("case_count", .int, .required)
            .field("anchor", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "association_id", "day")
            .create()
        try await AppendOnlyTable.create(DocketDayAnchor.schema, refusal: "day anchors are append-only", on: sql)
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        try await AppendOnlyTable.drop(DocketDayAnchor.schema, on: sql)
        try await database.schema(DocketDayAnchor.schema).delete()
        try await DocketTriggers.drop(on: sql)
        for column in ["payload_sha256", "chain_hash", "destroyed_by"] {
            try await database.schema(DocketEntryRecord.schema).deleteField(FieldKey(stringLiteral: column)).update()
        }
        try await AppendOnlyTable.create(DocketEntryRecord.schema, refusal: "docket entries are append-only", on: sql)
    }
}

/// The docket's triggers: no DELETE ever; the only UPDATE is a payload's destruction under the retention rules.
enum DocketTriggers {
    static let refusal = "docket entries are append-only"
    /// Every column but the payload and `destroyed_by` stays as it was.
    static let unchanged = ["id", "association_id", "case_id", "sequence", "type", "effective_on", "recorded_at", "actor_user_id", "actor_name",
                            "corrects_id", "payload_sha256", "chain_hash"]

    static func create(on sql: SQLDatabase) async throws {
        let same = unchanged.map { "NEW.\($0) IS NOT DISTINCT FROM OLD.\($0)" }.joined(separator: " AND ")
        try await AppendOnlyTable.create(DocketEntryRecord.schema, refusal: refusal,
                                         updateAllowed: "OLD.destroyed_by IS NULL AND NEW.destroyed_by IS NOT NULL AND NEW.payload = '{}' AND \(same)",
                                         on: sql)
    }

    static func drop(on sql: SQLDatabase) async throws { try await AppendOnlyTable.drop(DocketEntryRecord.schema, on: sql) }
}
