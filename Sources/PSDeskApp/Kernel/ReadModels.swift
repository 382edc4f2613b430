import Vapor
import Fluent
import SQLKit
import StandardsCore

/// The read models of issue 12: each case's open time frames, ledger balances and outstanding discipline (and since
/// issue 20 its counted events and stage spans for the reports), and each
/// association's count of cases by kind and status. Written in the same transaction as every docket append
/// (`DocketStore`), from the docket just as the case page derives it; rebuilt from the dockets by `rebuild`. A list
/// reads these instead of replaying dockets, and works out what depends on today from the stored dates.
enum ReadModels {
    /// What one case contributes, built from its docket without the database.
    struct CaseRows {
        var deadlines: [CaseDeadlineRow] = []
        var ledger: CaseLedgerRow?
        var compliance: [CaseComplianceRow] = []
        var escrow: EscrowRow?
        var events: [CaseEventRow] = []
        var facts: [CaseFactRow] = []
        var stages: [CaseStageRow] = []
    }

    /// Where a case counts in its association's tally.
    struct TallyKey: Hashable, Sendable {
        let kind: String
        let status: String
        let directorsMatterPending: Bool

        init(kind: String, status: String, directorsMatterPending: Bool) {
            self.kind = kind; self.status = status; self.directorsMatterPending = directorsMatterPending
        }
        init(_ record: CaseRecord) {
            self.init(kind: record.kind, status: record.status, directorsMatterPending: record.directorsMatterPending)
        }
    }

    static func rows(for record: CaseRecord, kind: CaseKind, docket: [DocketEntry], rules: CaseRules, today: CivilDate) throws -> CaseRows {
        let caseID = try record.requireID()
        let associationID = record.$association.id
        let closed = CaseStatus(rawValue: record.status)?.isTerminal ?? false
        var out = CaseRows()
        let deadlines = rules.deadlines(kind: kind, docket: docket, asOf: today)
        for deadline in deadlines {
            let open = OpenDeadline(deadline)
            let settledFiling = open == nil && KeptWindows.filingKeys.contains(deadline.key)
            // Missed and never met (a hearing set too soon, one resumed outside its window): overdue on every later day.
            let missedUnmet = open == nil && !settledFiling && deadline.status == .missed && deadline.satisfiedByEntryId == nil
            guard open != nil || settledFiling || missedUnmet else { continue }
            let row = CaseDeadlineRow()
            row.$association.id = associationID
            row.$caseRecord.id = caseID
            row.caseNumber = record.number
            row.caseKind = kind.rawValue
            row.caseClosed = closed
            row.key = deadline.key.rawValue
            row.title = deadline.title
            row.rule = deadline.rule
            row.dueOn = deadline.dueOn?.description
            row.dueText = deadline.dueText
            row.dueTextForParty = deadline.dueTextForParty
            row.explanationHead = open?.explanationHead ?? deadline.explanation
            row.dated = open?.dated ?? false
            row.lapseNote = open?.lapseNote
            row.partyOption = deadline.key.isPartyOption
            row.forComplainant = PartyDuties.concerns(deadline.key, [.complainant], docket: docket)
            row.forRespondent = PartyDuties.concerns(deadline.key, [.respondent], docket: docket)
            row.settledStatus = open == nil ? deadline.status.rawValue : nil
            out.deadlines.append(row)
        }
        let ledger = CaseLedger.build(docket, profile: rules.profile)
        if !ledger.postings.isEmpty {
            let row = CaseLedgerRow()
            row.$association.id = associationID
            row.$caseRecord.id = caseID
            row.caseNumber = record.number
            row.caseKind = kind.rawValue
            row.caseTitle = record.title
            row.depositsHeld = ledger.balance(.depositsHeld)
            row.owed = ledger.balance(.respondentOwes)
            row.toTreasury = ledger.balance(.treasury)
            // Refunds are what went back out to the parties.
            row.refunded = ledger.postings.filter { $0.to == .parties }.reduce(0) { $0 + $1.cents }
            out.ledger = row
        }
        if kind == .arbitration, let position = EscrowRegister.position(docket: docket, deadlines: deadlines, asOf: today) {
            let row = EscrowRow()
            row.$association.id = associationID
            row.$caseRecord.id = caseID
            row.caseNumber = record.number
            row.caseTitle = record.title
            row.held = position.held
            row.paidIn = position.paidIn
            row.paidOut = position.paidOut
            row.reviewDeposit = position.reviewDeposit
            row.heldSince = position.since?.description
            row.heldFor = position.heldFor
            row.untilOn = position.untilOn?.description
            row.until = position.until
            out.escrow = row
        }
        for event in CaseCalendar.events(docket) {
            let row = CaseEventRow()
            row.$association.id = associationID
            row.$caseRecord.id = caseID
            row.caseNumber = record.number
            row.caseKind = kind.rawValue
            row.kind = event.kind.rawValue
            row.eventKey = event.key
            row.startsOn = event.on.description
            row.startsAtMinute = event.startsAt.map { $0.hour * 60 + $0.minute }
            row.timeText = event.timeText
            row.place = event.place
            row.revision = event.revision
            out.events.append(row)
        }
        for fact in CaseActivity.facts(kind: kind, docket: docket) {
            let row = CaseFactRow()
            row.$association.id = associationID
            row.$caseRecord.id = caseID
            row.caseKind = kind.rawValue
            row.measure = fact.measure.rawValue
            row.detail = fact.detail
            row.happenedOn = fact.on.description
            row.cents = fact.cents
            out.facts.append(row)
        }
        for span in CaseActivity.stages(kind: kind, docket: docket) {
            let row = CaseStageRow()
            row.$association.id = associationID
            row.$caseRecord.id = caseID
            row.caseKind = kind.rawValue
            row.status = span.status.rawValue
            row.enteredOn = span.from.description
            row.leftOn = span.to?.description
            row.days = span.days
            out.stages.append(row)
        }
        if kind == .ethics {
            for item in DisciplineCompliance.kept(docket, profile: rules.profile) {
                let row = CaseComplianceRow()
                row.$association.id = associationID
                row.$caseRecord.id = caseID
                row.caseNumber = record.number
                row.position = item.position
                row.sanction = item.sanction
                row.rule = item.rule.id
                row.dueOn = item.dueOn?.description
                row.statusBefore = item.statusBefore.rawValue
                row.noteBefore = item.noteBefore
                row.statusAfter = item.statusAfter.rawValue
                row.noteAfter = item.noteAfter
                out.compliance.append(row)
            }
        }
        return out
    }

    /// Rewrites one case's rows, and moves it in the tally from where it stood (`before`; nil for a new case).
    /// - Parameter rules: the case's rules when the caller holds them still true; nil reads them again (the entries
    ///   changed the respondents, whose membership gaps count, a1.4).
    /// - Parameter appended: the types of the entries just written; the case's search words are written again only
    ///   when one of them holds what is searched (`CaseSearchText.sourceTypes`).
    static func refresh(_ record: CaseRecord, kind: CaseKind, docket: [DocketEntry], rules: CaseRules? = nil, on today: CivilDate,
                        in association: Association, before: TallyKey?, appended: Set<DocketEntryType>, on db: Database) async throws {
        let caseID = try record.requireID()
        let rules = if let rules { rules } else { try await CaseRules.load(for: record, in: association, on: db, today: today) }
        try await clear([caseID], on: db)
        try await insert([try rows(for: record, kind: kind, docket: docket, rules: rules, today: today)], on: db)
        if !appended.isDisjoint(with: CaseSearchText.sourceTypes) { try await CaseSearch.refresh([(record, docket)], on: db) }
        let now = TallyKey(record)
        if before != now {
            if let before { try await count(before, in: record.$association.id, by: -1, on: db) }
            try await count(now, in: record.$association.id, by: 1, on: db)
        }
    }

    /// Removes these cases' rows, before they are written again.
    static func clear(_ caseIDs: [UUID], on db: Database) async throws {
        try await CaseDeadlineRow.query(on: db).filter(\.$caseRecord.$id ~~ caseIDs).delete()
        try await CaseLedgerRow.query(on: db).filter(\.$caseRecord.$id ~~ caseIDs).delete()
        try await CaseComplianceRow.query(on: db).filter(\.$caseRecord.$id ~~ caseIDs).delete()
        try await EscrowRow.query(on: db).filter(\.$caseRecord.$id ~~ caseIDs).delete()
        try await CaseEventRow.query(on: db).filter(\.$caseRecord.$id ~~ caseIDs).delete()
        try await CaseFactRow.query(on: db).filter(\.$caseRecord.$id ~~ caseIDs).delete()
        try await CaseStageRow.query(on: db).filter(\.$caseRecord.$id ~~ caseIDs).delete()
    }

    static func insert(_ all: [CaseRows], on db: Database) async throws {
        try await BulkRows.insert(all.flatMap(\.deadlines), on: db)
        try await BulkRows.insert(all.compactMap(\.ledger), on: db)
        try await BulkRows.insert(all.flatMap(\.compliance), on: db)
        try await BulkRows.insert(all.compactMap(\.escrow), on: db)
        try await BulkRows.insert(all.flatMap(\.events), on: db)
        try await BulkRows.insert(all.flatMap(\.facts), on: db)
        try await BulkRows.insert(all.flatMap(\.stages), on: db)
    }

    /// Adds `delta` to one tally, atomically on both databases (an upsert, so two appends never lose a count).
    static func count(_ key: TallyKey, in associationID: UUID, by delta: Int, on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.raw("""
            INSERT INTO \(ident: CaseTally.schema) (id, association_id, kind, status, dismissal_appeal_pending, cases)
            VALUES (\(bind: UUID.fresh()), \(bind: associationID), \(bind: key.kind), \(bind: key.status), \(bind: key.directorsMatterPending), \(bind: delta))
            ON CONFLICT (association_id, kind, status, dismissal_appeal_pending)
            DO UPDATE SET cases = \(ident: CaseTally.schema).cases + excluded.cases
            """).run()
    }

    /// Recomputes every read model of the matching associations from their dockets, a batch of cases at a time, each
    /// batch in its own transaction; `progress` hears how many cases are done. Safe to run while the server runs: an
    /// append to a case in a batch waits for that batch's transaction.
    @discardableResult
    static func rebuild(association slug: String? = nil, now: Date, on db: Database, batch: Int = 500,
                        progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) async throws -> Int {
        // Only the columns the rebuild reads: a migration (`CreateCaseSearch`) runs it against the schema as it stood
        // then, before later migrations add theirs.
        var associations = Association.query(on: db).field(\.$id).field(\.$slug).field(\.$name).field(\.$ruleProfile).field(\.$timeZone)
            .field(\.$holidayCalendar).field(\.$closureDays)
        if let slug { associations = associations.filter(\.$slug == slug) }
        var done = 0
        for association in try await associations.all() {
            let associationID = try association.requireID()
            guard let zone = AssociationClock(timeZoneIdentifier: association.timeZone) else { continue }
            let today = zone.civilDate(at: now)
            let total = try await CaseRecord.query(on: db).filter(\.$association.$id == associationID).countRows()
            var after: UUID?
            while true {
                var page = CaseRecord.query(on: db).filter(\.$association.$id == associationID).sort(\.$id).limit(batch)
                if let after { page = page.filter(\.$id > after) }
                let records = try await page.all()
                guard let last = records.last else { break }
                let ids = records.compactMap(\.id)
                // Read and written in one transaction, so an append to one of these cases meanwhile is not overwritten.
                try await db.transaction { tx in
                    let entries = try await DocketEntryRecord.query(on: tx).filter(\.$caseRecord.$id ~~ ids).sort(\.$sequence).all()
                    let byCase = Dictionary(grouping: entries, by: { $0.$caseRecord.id })
                    let rulesByCase = try await CaseRules.load(for: records, in: association, on: tx, today: today)
                    var built: [CaseRows] = []
                    var searched: [(record: CaseRecord, docket: [DocketEntry])] = []
                    for record in records {
                        guard let id = record.id, let kind = CaseKind(rawValue: record.kind), let rules = rulesByCase[id],
                              let docket = try? (byCase[id] ?? []).map(DocketStore.domainEntry) else { continue }
                        built.append(try rows(for: record, kind: kind, docket: docket, rules: rules, today: today))
                        searched.append((record, docket))
                    }
                    try await clear(ids, on: tx)
                    try await insert(built, on: tx)
                    try await CaseSearch.refresh(searched, on: tx)
                }
                done += records.count
                after = last.id
                progress(done, total)
            }
            try await recountTallies(of: associationID, on: db)
        }
        return done
    }

    /// A read model added after `CreateCaseSearch` (whose rebuild fills them all on a new installation) is filled by the
    /// same rebuild on an installation that already ran it.
    static func fillNewReadModel(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        struct Ran: Decodable { let n: Int }
        let searchBuilt = try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations WHERE name LIKE \(bind: "%CreateCaseSearch")")
            .first(decoding: Ran.self)?.n ?? 0
        if searchBuilt > 0 { try await rebuild(now: Date(), on: database) }
    }

    /// The association's tallies counted again from its cases.
    static func recountTallies(of associationID: UUID, on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        struct Group: Decodable { let kind: String; let status: String; let dismissal_appeal_pending: Bool; let cases: Int }
        let groups = try await sql.raw("""
            SELECT kind, status, dismissal_appeal_pending, COUNT(*) AS cases FROM \(ident: CaseRecord.schema)
            WHERE association_id = \(bind: associationID) GROUP BY kind, status, dismissal_appeal_pending
            """).all(decoding: Group.self)
        try await db.transaction { tx in
            try await CaseTally.query(on: tx).filter(\.$association.$id == associationID).delete()
            for group in groups {
                let tally = CaseTally()
                tally.$association.id = associationID
                tally.kind = group.kind; tally.status = group.status
                tally.directorsMatterPending = group.dismissal_appeal_pending; tally.cases = group.cases
                try await tally.create(on: tx)
            }
        }
    }
}

/// Which kept windows (`case_deadlines`) stand overdue or due soon on a day: the one definition the worklist and the
/// case list's `due` filter share, as SQL conditions on the table's columns.
enum KeptWindows {
    /// The filing windows, kept settled for what they say (a1.2, a2.18): never a flag of their own.
    static let filingKeys: [DeadlineKey] = [.filing, .arbitrationFiling]

    /// Still running past its due date, and not a party's option (which lapses rather than goes overdue).
    static func pastDue(on day: CivilDate) -> SQLQueryString {
        "settled_status IS NULL AND due_on < \(bind: day.description) AND party_option = \(bind: false)"
    }

    /// Missed with nothing recorded to meet it (a hearing set too soon): overdue on every later day.
    static var missedUnmet: SQLQueryString {
        "settled_status = \(bind: DeadlineStatus.missed.rawValue) AND key NOT IN (\(binds: filingKeys.map(\.rawValue)))"
    }

    /// Running and due from `day` through a week later.
    static func dueWithinWeek(of day: CivilDate) -> SQLQueryString {
        "settled_status IS NULL AND due_on >= \(bind: day.description) AND due_on <= \(bind: day.adding(days: 7).description)"
    }
}
