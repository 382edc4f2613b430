import Vapor
import Fluent
import SQLKit
import StandardsCore

/// Destroying a file's content once the retention rules let it go (issue 20, item 1; S3 1.1.3, a2.2), only on staff's
/// confirmation and never under a legal hold (`RecordRetention`). One case at a time, each in its own transaction, so a
/// long batch shows progress and, cut off, is resumed by running it again (a destroyed file is skipped).
///
/// What goes: every docket entry's payload (its SHA-256 stays, so the chain still verifies), the case's documents and
/// their files, its letters, emails, reminders and messages, its search words, parties, access keys and read models, and
/// its title. What stays: the tombstone entry (what, when, who confirmed, under which rule), the entries' dates and
/// types, and the money registers the association's accounts need.
enum RecordDestruction {
    struct Due: Sendable {
        let record: CaseRecord
        let answer: RecordRetention.Answer
    }

    /// What Records shows: the files whose retention was worked out today, those destroyed, and how many ended
    /// arbitration files were left unread because none of them can have come due.
    struct Listing: Sendable {
        /// Ended arbitration files old enough to have come due, and every file that has had a legal hold.
        var files: [Due] = []
        /// The latest destruction tombstones (at most `shownDestroyed`), newest first, and how many in all.
        var destroyed: [(number: String, on: String)] = []
        var destroyedTotal = 0
        /// Ended arbitration files too recent to come due (opened fewer than the profile's years ago), or all of them when
        /// the profile sets no period; counted, not read.
        var notYetDue = 0
        /// The profile's years for arbitration files today; nil: it sets none (b11.6).
        var years: Int?
    }

    static let shownDestroyed = 100

    /// The association's files as the retention rules see them today. Only what can matter is read: a file may go no
    /// sooner than the profile's years after it was opened (every date counted from lies on or after its opening), so
    /// ended arbitration files opened more recently are only counted, and none is read when the profile sets no period;
    /// destroyed files are listed from their tombstones. Held files are always read.
    static func files(in association: Association, today: CivilDate, on db: Database) async throws -> Listing {
        let associationID = try association.requireID()
        var listing = Listing(years: association.ruleProfile(on: today)?.arbitrationRetentionYears)
        let ended = CaseStatus.allCases.filter { $0.isTerminal || $0 == .awardPaid }.map(\.rawValue)
        let tombstones = try await DocketEntryRecord.query(on: db).filter(\.$association.$id == associationID)
            .filter(\.$type == DocketEntryType.recordsDestroyed.rawValue).sort(\.$effectiveOn, .descending).all()
        let destroyedIDs = Set(tombstones.map(\.$caseRecord.id))
        let held = Set(try await DocketEntryRecord.query(on: db).filter(\.$association.$id == associationID)
            .filter(\.$type == DocketEntryType.legalHold.rawValue).all().map(\.$caseRecord.id)).subtracting(destroyedIDs)
        func endedArbitration() -> QueryBuilder<CaseRecord> {
            CaseRecord.query(on: db).filter(\.$association.$id == associationID).filter(\.$kind == CaseKind.arbitration.rawValue).filter(\.$status ~~ ended)
        }
        var records = held.isEmpty ? [] : try await CaseRecord.query(on: db).filter(\.$id ~~ held).all()
        if let years = listing.years {
            let openedBy = today.adding(months: -12 * max(0, years)).description
            records += try await endedArbitration().filter(\.$openedOn <= openedBy).all().filter { record in
                record.id.map { !held.contains($0) && !destroyedIDs.contains($0) } ?? false
            }
            listing.notYetDue = try await endedArbitration().group(.or) { $0.filter(\.$openedOn > openedBy).filter(\.$openedOn == nil) }.countRows()
        } else {
            listing.notYetDue = try await endedArbitration().countRows() - destroyedIDs.count
        }
        for record in records.sorted(by: { $0.number < $1.number }) {
            listing.files.append(Due(record: record, answer: try await answer(for: record, in: association, today: today, on: db)))
        }
        let numbers = Dictionary(try await CaseRecord.query(on: db).filter(\.$id ~~ Array(tombstones.prefix(shownDestroyed).map(\.$caseRecord.id))).all()
            .compactMap { record in record.id.map { ($0, record.number) } }, uniquingKeysWith: { a, _ in a })
        listing.destroyed = tombstones.prefix(shownDestroyed).map { (numbers[$0.$caseRecord.id] ?? "—", $0.effectiveOn) }
        listing.destroyedTotal = destroyedIDs.count
        return listing
    }

    static func answer(for record: CaseRecord, in association: Association, today: CivilDate, on db: Database) async throws -> RecordRetention.Answer {
        guard let (view, profile) = try await view(of: record, in: association, today: today, on: db) else { return .kept("unknown kind") }
        return RecordRetention.answer(view, arbitrationYears: profile.arbitrationRetentionYears)
    }

    /// The case as the retention rules read it today: its docket with its time frames, and its rule profile.
    static func view(of record: CaseRecord, in association: Association, today: CivilDate, on db: Database) async throws -> (StepView, RuleProfile)? {
        guard let kind = CaseKind(rawValue: record.kind) else { return nil }
        let docket = try await DocketStore.entries(of: record.requireID(), on: db)
        let rules = try await CaseRules.load(for: record, in: association, on: db, today: today)
        return (StepView(kind: kind, docket: docket, today: today, deadlines: rules.deadlines(kind: kind, docket: docket, asOf: today)), rules.profile)
    }

    struct Destroyed: Sendable { let entries: Int; let documents: Int }

    /// Destroys one file's content, if the rules let it go today and no hold stands; refuses otherwise (422, the rule).
    /// - Parameter scrub: fold the search index and the log into the database file at once (`scrub`); a batch does it
    ///   once at its end instead.
    static func destroy(_ record: CaseRecord, in association: Association, confirmedBy actor: Actor, app: Application,
                        scrub scrubNow: Bool = true) async throws -> Destroyed {
        let now = app.clock.now()
        let today = try app.clock.today(for: association)
        let answer = try await answer(for: record, in: association, today: today, on: app.db)
        switch answer {
        case .from(let day, _, _) where day <= today: break
        case .from(let day, _, let rule):
            throw AppError(.unprocessableEntity, code: "retention_not_due", message: "\(record.number) is kept until \(day).", rule: rule)
        case .held(let reason):
            throw AppError(.unprocessableEntity, code: "legal_hold", message: "\(record.number) is under a legal hold: \(reason).", rule: .b11_6)
        case .kept(let why):
            throw AppError(.unprocessableEntity, code: "retention_kept", message: "\(record.number) is kept: \(why).", rule: .a2_2)
        case .destroyed(let on):
            throw AppError(.conflict, code: "already_destroyed", message: "\(record.number)'s content was destroyed on \(on).", rule: .a2_2)
        }
        guard case .from(_, let basis, let rule) = answer else { throw AppError.notFound("case") }
        let caseID = try record.requireID()
        let result = try await writeTransaction(on: app.db) { tx -> (Destroyed, [String]) in
            let txSQL = tx as? SQLDatabase
            // Freed space is overwritten, so the destroyed text does not linger in the database file (SQLite).
            try await DatabaseTuning.secureDelete(on: tx)
            let entries = try await DocketEntryRecord.query(on: tx).filter(\.$caseRecord.$id == caseID).sort(\.$sequence).all()
            let documents = try await DocumentRecord.query(on: tx).filter(\.$caseRecord.$id == caseID).all()
            let messages = try await CaseMessage.query(on: tx).filter(\.$caseRecord.$id == caseID).all()
            let tombstone = try await DocketStore.append(
                [ProposedEntry(type: .recordsDestroyed, effectiveOn: today, payload: [
                    "rule": .text(rule.id), "basis": .text(basis), "entries": .text(String(entries.count)),
                    "documents": .text(String(documents.count)), "confirmedBy": .text("\(actor.displayName) <\(actor.email)>")])],
                to: record, by: actor, at: now, on: tx)
            guard let tombstoneID = tombstone.records.first?.id else { throw AppError(.internalServerError, code: "internal", message: "No tombstone.") }
            for entry in entries where entry.destroyedBy == nil {
                entry.payload = "{}"
                entry.destroyedBy = tombstoneID
                try await entry.save(on: tx)
            }
            guard let txSQL else { return (Destroyed(entries: entries.count, documents: documents.count), []) }
            for table in [DocumentRecord.schema, LetterRecord.schema, OutboxMessage.schema, ReminderRecord.schema, CaseMessage.schema,
                          CaseSearch.table, CaseSearch.articlesTable, CaseParty.schema, CaseAccessKey.schema,
                          CaseDeadlineRow.schema, CaseEventRow.schema, CaseComplianceRow.schema, CaseLedgerRow.schema] {
                try await txSQL.delete(from: table).where("case_id", .equal, caseID).run()
            }
            record.title = "File destroyed under the retention rules (\(rule.id))"
            try await record.save(on: tx)
            let files = documents.map(\.sha256) + messages.compactMap(\.attachmentSHA256)
            return (Destroyed(entries: entries.count, documents: documents.count), files)
        }
        try await removeUnreferencedFiles(Set(result.1), app: app)
        if scrubNow { try await scrub(app.db) }
        return result.0
    }

    // MARK: hearing recordings (S3 6.2.1)

    struct Recording: Sendable {
        let document: DocumentRecord
        let record: CaseRecord
        let answer: RecordRetention.Answer
    }

    /// The association's hearing recordings still held, each with what the retention rules say of it today.
    static func recordings(in association: Association, today: CivilDate, on db: Database) async throws -> [Recording] {
        let audio = DocumentType.recordings.map(\.mediaType)
        let documents = try await DocumentRecord.query(on: db).filter(\.$association.$id == association.requireID())
            .filter(\.$mediaType ~~ audio).sort(\.$uploadedAt).all()
        let cases = try await CaseRecord.query(on: db).filter(\.$id ~~ Set(documents.map(\.$caseRecord.id))).all()
        var answers: [UUID: (CaseRecord, RecordRetention.Answer)] = [:]
        for record in cases {
            guard let id = record.id, let (view, profile) = try await view(of: record, in: association, today: today, on: db) else { continue }
            answers[id] = (record, RecordRetention.recording(view, profile: profile))
        }
        return documents.compactMap { document in
            answers[document.$caseRecord.id].map { Recording(document: document, record: $0.0, answer: $0.1) }
        }
    }

    /// Destroys one hearing recording (as `recordings` found it today) whose sanction is complete (S3 6.2.1): its file
    /// goes, the docket keeps what it was (title, digest) and who confirmed; refuses otherwise with the rule.
    static func destroyRecording(_ recording: Recording, today: CivilDate, confirmedBy actor: Actor, app: Application) async throws {
        let now = app.clock.now()
        let title = recording.document.title
        guard case .from(let day, let basis, let rule) = recording.answer, day <= today else {
            let why: String = switch recording.answer {
            case .held(let reason): "it is under a legal hold: \(reason)"
            case .kept(let reason): "it is \(reason)"
            case .from(let day, _, _): "it is kept until \(day)"
            case .destroyed(let on): "its file was destroyed on \(on)"
            }
            throw AppError(.unprocessableEntity, code: "recording_kept", message: "\(recording.record.number): “\(title)” stays: \(why).", rule: .a2_5)
        }
        let sha = recording.document.sha256
        try await writeTransaction(on: app.db) { tx in
            try await DatabaseTuning.secureDelete(on: tx)
            _ = try await DocketStore.append(
                [ProposedEntry(type: .recordingDestroyed, effectiveOn: today, payload: [
                    "title": .text(title), "sha256": .text(sha), "basis": .text("\(basis), \(day) (\(rule.id))"),
                    "confirmedBy": .text("\(actor.displayName) <\(actor.email)>")])],
                to: recording.record, by: actor, at: now, on: tx)
            try await recording.document.delete(on: tx)
        }
        try await removeUnreferencedFiles([sha], app: app)
    }

    /// Removes these stored files once no document or message attachment refers to them (the store keeps one copy per
    /// SHA-256, which another case may share).
    static func removeUnreferencedFiles(_ shas: Set<String>, app: Application) async throws {
        let storage = DocumentStorage(root: app.psdesk.blobDirectory)
        for sha in shas {
            let documents = try await DocumentRecord.query(on: app.db).filter(\.$sha256 == sha).count()
            let attachments = try await CaseMessage.query(on: app.db).filter(\.$attachmentSHA256 == sha).count()
            if documents + attachments == 0 { try? FileManager.default.removeItem(atPath: storage.path(for: sha)) }
        }
    }

    /// On SQLite, the search index drops destroyed words from its segments and the write-ahead log is folded into the
    /// file, so no destroyed text lingers in either (PostgreSQL's dead rows go with its vacuum).
    static func scrub(_ db: Database) async throws {
        guard let sql = db as? SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("INSERT INTO \(unsafeRaw: CaseSearch.ftsTable)(\(unsafeRaw: CaseSearch.ftsTable)) VALUES('optimize')").run()
        try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
    }
}

/// A file's messages may be deleted only by its destruction: the append-only triggers of `case_messages` let a row go
/// once its case's docket holds the tombstone (issue 20).
struct AllowDestroyedMessages: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        try await AppendOnlyTable.drop(CaseMessage.schema, on: sql)
        try await AppendOnlyTable.create(CaseMessage.schema, refusal: "case messages are part of the record: append-only",
                                         deleteAllowed: "EXISTS (SELECT 1 FROM docket_entries WHERE docket_entries.case_id = OLD.case_id AND docket_entries.type = 'records.destroyed')",
                                         on: sql)
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        try await AppendOnlyTable.drop(CaseMessage.schema, on: sql)
        try await AppendOnlyTable.create(CaseMessage.schema, refusal: "case messages are part of the record: append-only", on: sql)
    }
}
