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
        if input.kind == .ombuds && !input.parties.isEmpty {
            refusals.append(Refusal(code: "ombuds_keeps_no_identities", message: "Ombuds matters keep no identities.", rule: "a3.3"))
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
        let year = input.openedOn.year
        return try await writeTransaction(on: db) { tx in
            let last = try await CaseRecord.query(on: tx).filter(\.$association.$id == scope.id)
                .filter(\.$kind == input.kind.rawValue).filter(\.$year == year).max(\.$sequence) ?? 0
            let number = CaseNumber(kind: input.kind, year: year, sequence: last + 1)
            let record = CaseRecord(associationID: scope.id, kind: input.kind.rawValue, year: year, sequence: number.sequence,
                                    number: number.description, title: title, status: CaseStatus.opened.rawValue)
            try await record.create(on: tx)
            try await DocketStore.append(firstEntries, to: record, by: actor, at: now, on: tx)
            return record
        }
    }
}

/// Appends one entry proposed by a user (web form or API) to a case they may write to.
enum AppendEntry {
    static func run(_ proposed: ProposedEntry, to caseScope: CaseScope, by actor: Actor, now: Date, on db: Database) async throws -> (entry: DocketEntryRecord, warnings: [Refusal]) {
        try caseScope.require(.appendEntry)
        let record = caseScope.record
        let appended = try await writeTransaction(on: db) { tx in
            try await DocketStore.append([proposed], to: record, by: actor, at: now, on: tx)
        }
        guard let entry = appended.records.first else { throw AppError(.internalServerError, code: "internal", message: "Nothing was appended.") }
        return (entry, appended.warnings)
    }
}
