import Fluent
import Foundation
import StandardsCore

/// The association's citation cases read for the Directors' figures (S3 9.4.6): only their citation entries, never
/// their parties.
enum CitationStatisticsLoader {
    static func load(in association: UUID, on db: Database) async throws -> CitationStatistics {
        let types = [DocketEntryType.citationIssued, .citationPaid, .citationHearingRequested].map(\.rawValue)
        let records = try await DocketEntryRecord.query(on: db)
            .join(CaseRecord.self, on: \DocketEntryRecord.$caseRecord.$id == \CaseRecord.$id)
            .filter(CaseRecord.self, \.$association.$id == association)
            .filter(CaseRecord.self, \.$kind == CaseKind.citation.rawValue)
            .filter(\.$type ~~ types).all()
        var byCase: [UUID: [DocketEntry]] = [:]
        for record in records { byCase[record.$caseRecord.id, default: []].append(try DocketStore.domainEntry(record)) }
        return CitationStatistics(dockets: byCase.values.map { $0.sorted { $0.sequence < $1.sequence } })
    }
}
