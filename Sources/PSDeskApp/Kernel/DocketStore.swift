import Vapor
import Fluent
import StandardsCore

/// Reads and appends docket entries and keeps the case's projection cache in step with them.
/// The only code that writes `docket_entries`, and it only ever inserts.
enum DocketStore {
    static func entries(of caseID: UUID, on db: Database) async throws -> [DocketEntry] {
        try await DocketEntryRecord.query(on: db).filter(\.$caseRecord.$id == caseID).sort(\.$sequence).all().map(domainEntry)
    }

    static func domainEntry(_ record: DocketEntryRecord) throws -> DocketEntry {
        guard let type = DocketEntryType(rawValue: record.type), let date = CivilDate(record.effectiveOn) else {
            throw AppError(.internalServerError, code: "corrupt_docket", message: "Docket entry \(record.id?.uuidString ?? "?") cannot be read.")
        }
        let payload = (try? JSONDecoder().decode(Payload.self, from: Data(record.payload.utf8))) ?? [:]
        return DocketEntry(id: try record.requireID(), sequence: record.sequence, type: type, effectiveOn: date,
                           recordedAt: record.recordedAt, actorName: record.actorName, payload: payload, corrects: record.correctsID)
    }

    /// Validates and appends entries in order, inside the caller's transaction. Sequence numbers come from
    /// the docket itself; the unique `(case_id, sequence)` index makes a concurrent append fail rather
    /// than collide, and the caller's transaction retries.
    struct Appended: Sendable {
        let records: [DocketEntryRecord]
        /// Rules that let the entries through with a note (a late reply, a1.11).
        let warnings: [Refusal]
    }

    @discardableResult
    static func append(_ proposed: [ProposedEntry], to caseRecord: CaseRecord, by actor: Actor?, actorName: String? = nil,
                       at now: Date, on db: Database) async throws -> Appended {
        let caseID = try caseRecord.requireID()
        guard let kind = CaseKind(rawValue: caseRecord.kind) else { throw AppError.notFound("case") }
        // Appends to one case wait for each other on PostgreSQL, whichever instance takes them (issue 21); the docket
        // is read after the lock, so the next sequence is the right one.
        try await RowLock.forUpdate(CaseRecord.schema, caseID, on: db)
        var docket = try await entries(of: caseID, on: db)
        var appended: [DocketEntryRecord] = []
        var warnings: [Refusal] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Each entry is sealed after the one before it (`DocketChain`, issue 20).
        var previousHash = DryRun.isOn ? DocketChain.genesis : try await DocketChainStore.lastHash(of: caseID, on: db)
        let openedOn = proposed.first { $0.type == .caseOpened }?.effectiveOn
        let filingOn = proposed.first { [.complaintFiled, .arbitrationRequested].contains($0.type) && $0.corrects == nil }?.effectiveOn
        guard let association = try await Association.find(caseRecord.$association.id, on: db),
              let zone = AssociationClock(timeZoneIdentifier: association.timeZone) else { throw AppError.notFound("association") }
        let rules = try await CaseRules.load(for: caseRecord, in: association, on: db,
                                             today: openedOn ?? proposed.first?.effectiveOn ?? CivilDate(dayNumber: 0),
                                             filingOn: caseRecord.filedOn == nil ? filingOn : nil)
        // Where the case stood in its association's tally before these entries (nil: a case opening now).
        let before = docket.isEmpty ? nil : ReadModels.TallyKey(caseRecord)
        let roles = actor?.roles(in: caseRecord.$association.id) ?? []
        let byParty = roles.contains(.party) && !roles.contains(.staff)
        for entry in proposed {
            var refiled: [DocketEntry]?
            if entry.type == .complaintFiled, let number = entry.payload["refiles"]?.textValue {
                guard let parsed = CaseNumber(number),
                      let prior = try await CaseRecord.query(on: db).filter(\.$association.$id == caseRecord.$association.id)
                        .filter(\.$number == parsed.description).first() else {
                    throw AppError(.unprocessableEntity, code: "refiled_case_not_found", message: "No case \(number) in this association to refile.", rule: .a1_17)
                }
                refiled = try await entries(of: prior.requireID(), on: db)
            }
            let verdict = Guards.check(entry, kind: kind, docket: docket, profile: rules.profile, calendar: rules.calendar,
                                       respondentNonMemberPeriods: rules.nonMemberPeriods, byParty: byParty, refiledDocket: refiled)
            if !verdict.allowed { throw AppError(refusals: verdict.refusals) }
            warnings += verdict.warnings
            if entry.type == .partyAdded, let raw = entry.payload["personId"]?.textValue, let personID = UUID(uuidString: raw),
               try await Person.query(on: db).filter(\.$id == personID).filter(\.$association.$id == caseRecord.$association.id).count() == 0 {
                throw AppError(.unprocessableEntity, code: "unknown_person", message: "No person with id \(raw) in this association.")
            }
            if entry.type == .partyAdded, let raw = entry.payload["personId"]?.textValue, let personID = UUID(uuidString: raw),
               try await OmbudsDesk.isOmbuds(personID, in: caseRecord.$association.id, on: db) {
                throw AppError(.unprocessableEntity, code: "ombuds_not_a_party",
                               message: "The association's ombuds cannot be named in a case: users agreed never to involve the ombuds in later proceedings.",
                               rule: .a3_5)
            }
            if DryRun.isOn {
                // Checked exactly as for real, kept in memory so the next entry is checked against it, never written.
                docket.append(DocketEntry(sequence: (docket.map(\.sequence).max() ?? 0) + 1, type: entry.type, effectiveOn: entry.effectiveOn,
                                          recordedAt: now, actorName: actorName ?? actor?.displayName ?? "PSDesk", payload: entry.payload,
                                          corrects: entry.corrects))
                continue
            }
            let record = DocketEntryRecord(
                associationID: caseRecord.$association.id, caseID: caseID, sequence: (docket.map(\.sequence).max() ?? 0) + 1,
                type: entry.type.rawValue, effectiveOn: entry.effectiveOn.description, recordedAt: now,
                actorUserID: actor?.userID, actorName: actorName ?? actor?.displayName ?? "PSDesk",
                payload: String(decoding: try encoder.encode(entry.payload), as: UTF8.self), correctsID: entry.corrects)
            record.id = UUID()
            try DocketChainStore.seal(record, previous: previousHash)
            previousHash = record.chainHash ?? previousHash
            try await record.create(on: db)
            appended.append(record)
            docket.append(try domainEntry(record))
        }
        if DryRun.isOn { throw DryRun.Outcome(entries: Array(docket.suffix(proposed.count)), warnings: warnings) }
        let respondentsChanged = try await refreshProjection(of: caseRecord, kind: kind, docket: docket, on: db)
        let notices = docket.suffix(appended.count).filter { $0.type == .noticeSent }
        if !notices.isEmpty {
            try await NoticeMail.enqueue(Array(notices), record: caseRecord, kind: kind, docket: docket, association: association, now: now, on: db)
            if notices.contains(where: { $0.corrects == nil && [.complaintServed, .requestServed].contains($0.parsed.notice) }) {
                try await PartyAccounts.inviteRespondents(of: caseRecord, association: association, now: now, on: db)
            }
        }
        // The rules read above serve the read models too, unless the respondents changed or one's membership has a gap
        // (counted up to today, a1.4), which are read again.
        let reusable = !respondentsChanged && rules.nonMemberPeriods.isEmpty ? rules : nil
        try await ReadModels.refresh(caseRecord, kind: kind, docket: docket, rules: reusable, on: zone.civilDate(at: now), in: association,
                                     before: before, appended: Set(proposed.map(\.type)), on: db)
        if !DryRun.isOn { ServiceMetrics.docketAppended(appended.count) }
        return Appended(records: appended, warnings: warnings)
    }

    /// Rewrites the cached status, dates and parties from the docket; says whether the respondents changed.
    @discardableResult
    static func refreshProjection(of caseRecord: CaseRecord, kind: CaseKind, docket: [DocketEntry], on db: Database) async throws -> Bool {
        let projection = CaseProjection.build(kind: kind, docket: docket)
        caseRecord.status = projection.status.rawValue
        caseRecord.openedOn = projection.openedOn?.description
        caseRecord.filedOn = projection.filedOn?.description
        caseRecord.lastActivityOn = projection.lastActivityOn?.description
        caseRecord.respondentNotified = projection.respondentNotified
        caseRecord.directorsMatterPending = projection.directorsMatterPending
        try await caseRecord.save(on: db)
        let caseID = try caseRecord.requireID()
        let cached = try await CaseParty.query(on: db).filter(\.$caseRecord.$id == caseID).all()
        let wanted = Set(projection.parties)
        for row in cached {
            let ref = PartyRef(personId: row.$person.id, role: PartyRole(rawValue: row.role) ?? .complainant)
            if !wanted.contains(ref) || PartyRole(rawValue: row.role) == nil { try await row.delete(on: db) }
        }
        let have = Set(cached.compactMap { row in PartyRole(rawValue: row.role).map { PartyRef(personId: row.$person.id, role: $0) } })
        for party in projection.parties where !have.contains(party) {
            try await CaseParty(associationID: caseRecord.$association.id, caseID: caseID, personID: party.personId, role: party.role.rawValue).create(on: db)
        }
        if [.ethics, .arbitration, .mediation].contains(kind) { try await refreshPanelSeats(of: caseRecord, docket: docket, on: db) }
        let respondents = { (refs: Set<PartyRef>) in Set(refs.filter { $0.role == .respondent }.map(\.personId)) }
        return respondents(have) != respondents(wanted)
    }

    /// Rewrites the cached panel seats from the docket (`HearingPanel`), only when they changed.
    static func refreshPanelSeats(of caseRecord: CaseRecord, docket: [DocketEntry], on db: Database) async throws {
        let caseID = try caseRecord.requireID()
        // The hearing panel, and the mediation officer of an arbitration or mediation (S3 §8).
        let wanted = HearingPanel.build(docket).seated + (MediationOfficer.assigned(docket).map { [(personId: $0, seat: PanelSeat.mediatorSeat)] } ?? [])
        let cached = try await PanelSeat.query(on: db).filter(\.$caseRecord.$id == caseID).all()
        let same = cached.count == wanted.count && wanted.allSatisfy { seat in cached.contains { $0.$person.id == seat.personId && $0.seat == seat.seat } }
        guard !same else { return }
        try await PanelSeat.query(on: db).filter(\.$caseRecord.$id == caseID).delete()
        for seat in wanted {
            try await PanelSeat(associationID: caseRecord.$association.id, caseID: caseID, personID: seat.personId, seat: seat.seat).create(on: db)
        }
    }
}
