import Vapor
import Fluent
import StandardsCore

/// Opens a case: numbers it within its association, kind and year, and writes its first docket
/// entries (`case.opened`, then one `party.added` per party).
enum OpenCase {
    struct Input: Sendable {
        var kind: CaseKind
        var title: String
        var openedOn: CivilDate
        var summary: String?
        var parties: [PartyRef]
    }

    static func run(_ input: Input, in scope: AssociationScope, by actor: Actor, now: Date, on db: Database) async throws -> CaseRecord {
        // 1. authorize
        let facts = CaseFacts(kind: input.kind, status: .opened)
        guard AccessPolicy.allows(roles: scope.roles, .createCase, on: facts) else { throw AppError.forbidden }
        // 2. check the input against the rules
        let title = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        var refusals: [Refusal] = []
        if title.isEmpty { refusals.append(Refusal(code: "title_required", message: "Give the case a short title.")) }
        if title.count > 200 { refusals.append(Refusal(code: "title_too_long", message: "The title is longer than 200 characters.")) }
        // Only an association whose rules adopt a citation policy has citations at all (b9.1).
        if input.kind == .citation, !scope.association.adoptsCitations(on: input.openedOn) {
            refusals.append(Refusal(code: "citations_not_adopted", message: "This association has not adopted a citation policy.", rule: .b9_1))
        }
        if !refusals.isEmpty { throw AppError(refusals: refusals) }
        var entries = [ProposedEntry(type: .caseOpened, effectiveOn: input.openedOn,
                                     payload: input.summary.map { ["summary": .text($0)] } ?? [:])]
        entries += input.parties.map {
            ProposedEntry(type: .partyAdded, effectiveOn: input.openedOn,
                          payload: ["personId": .text($0.personId.uuidString), "role": .text($0.role.rawValue)])
        }
        // 3–4. number and append in one transaction; a concurrent number clash retries
        let firstEntries = entries
        return try await writeTransaction(on: db) { tx in
            try await create(kind: input.kind, title: title, openedOn: input.openedOn, associationID: scope.id, entries: firstEntries,
                             actor: actor, actorName: nil, now: now, on: tx).record
        }
    }

    /// Numbers a new case inside the caller's transaction and writes its first entries. Callers have
    /// authorized the action (staff) or it is a right of anyone (online filing, a1.1).
    static func create(kind: CaseKind, title: String, openedOn: CivilDate, associationID: UUID, entries: [ProposedEntry], actor: Actor?,
                       actorName: String?, now: Date, on tx: Database) async throws -> (record: CaseRecord, appended: DocketStore.Appended) {
        let year = openedOn.year
        // On PostgreSQL, numbering waits for the association's row: clerks on every instance number one at a time
        // instead of clashing on the unique number and retrying (issue 21).
        try await RowLock.forUpdate(Association.schema, associationID, on: tx)
        let last = try await CaseRecord.query(on: tx).filter(\.$association.$id == associationID)
            .filter(\.$kind == kind.rawValue).filter(\.$year == year).max(\.$sequence) ?? 0
        let number = CaseNumber(kind: kind, year: year, sequence: last + 1)
        let record = CaseRecord(associationID: associationID, kind: kind.rawValue, year: year, sequence: number.sequence,
                                number: number.description, title: title, status: CaseStatus.opened.rawValue)
        try await record.create(on: tx)
        let appended = try await DocketStore.append(entries, to: record, by: actor, actorName: actorName, at: now, on: tx)
        return (record, appended)
    }
}

/// Appends one entry proposed by a user (web form or API) to a case they may write to.
enum AppendEntry {
    static func run(_ proposed: ProposedEntry, to caseScope: CaseScope, by actor: Actor, now: Date, on db: Database) async throws -> (entry: DocketEntryRecord, warnings: [Refusal]) {
        try caseScope.require(.appendEntry)
        // The tombstone is written only by the destruction it records, after its checks (`RecordDestruction`).
        if proposed.type == .recordsDestroyed || proposed.type == .recordingDestroyed {
            throw AppError(.unprocessableEntity, code: "records_destroyed_by_retention",
                           message: "A file's content or a hearing's recording is destroyed from Records, where the retention rules and any legal hold are checked.", rule: .a2_2)
        }
        if proposed.type == .legalHold { try caseScope.require(.destroyRecords) }
        // An entry a step records goes through that step, with its policy, availability and checks (a panel's composition,
        // a1.14; the certificates before the hearing, b7.3; the Directors' action, a1.25); the generic route keeps notes,
        // documents, correspondence, corrections and strikes, and the entries of processes without steps yet (issue 11).
        if proposed.corrects == nil, let step = StepRegistry.step(recording: proposed, kind: caseScope.kind) {
            let page = step is any HearingStep.Type ? "hearing page" : "case page"
            throw AppError(.unprocessableEntity, code: "use_the_step",
                           message: "Record this with the step \"\(step.title)\" on the \(page) (or POST …/\(step.name)): its checks run there.", rule: step.rule)
        }
        let record = caseScope.record
        let appended = try await writeTransaction(on: db) { tx in
            try await DocketStore.append([proposed], to: record, by: actor, at: now, on: tx)
        }
        guard let entry = appended.records.first else { throw AppError(.internalServerError, code: "internal", message: "Nothing was appended.") }
        return (entry, appended.warnings)
    }
}
