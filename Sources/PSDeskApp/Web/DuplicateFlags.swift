import Vapor
import Fluent
import StandardsCore

/// Flags complaints on a list that look like another on the same list (`ComplaintFingerprint`): for each case id,
/// the numbers of its likely duplicates.
enum DuplicateFlags {
    static func load(for rows: [CaseListing.Row], on db: Database) async throws -> [UUID: [String]] {
        let ids = rows.compactMap(\.record.id)
        guard ids.count > 1 else { return [:] }
        let parties = try await CaseParty.query(on: db).filter(\.$caseRecord.$id ~~ ids).with(\.$person).all()
        let byCase = Dictionary(grouping: parties, by: { $0.$caseRecord.id })
        let filings = try await DocketEntryRecord.query(on: db).filter(\.$caseRecord.$id ~~ ids)
            .filter(\.$type == DocketEntryType.complaintFiled.rawValue).all()
        let firstFiling = Dictionary(filings.map { ($0.$caseRecord.id, $0) }, uniquingKeysWith: { $0.sequence < $1.sequence ? $0 : $1 })
        var items: [(id: UUID, fingerprint: ComplaintFingerprint)] = []
        for id in ids {
            let payload = firstFiling[id].flatMap { try? DocketStore.domainEntry($0).payload } ?? [:]
            let people = byCase[id] ?? []
            func of(_ role: PartyRole) -> [CaseParty] { people.filter { $0.role == role.rawValue } }
            let complainants = of(.complainant).map { "\($0.person.fullName) \($0.person.email ?? "")" }
            // By name: an online filer's unresolved respondent is a new person record each time, with the same name.
            let respondents = of(.respondent).map { $0.person.fullName }
            items.append((id, ComplaintFingerprint(complainants: complainants, respondents: respondents,
                                                   transactionConcludedOn: payload["transactionConcludedOn"]?.textValue,
                                                   factsKnownOn: payload["factsKnownOn"]?.textValue)))
        }
        let numbers = Dictionary(uniqueKeysWithValues: rows.compactMap { row in row.record.id.map { ($0, row.record.number) } })
        return ComplaintFingerprint.duplicates(items).mapValues { $0.compactMap { numbers[$0] }.sorted() }
    }
}
