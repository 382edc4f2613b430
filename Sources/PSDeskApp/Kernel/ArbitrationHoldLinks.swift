import Foundation
import Fluent
import StandardsCore

/// The other side of an ethics complaint's hold for an arbitration (b2.10): the arbitration's page lists the ethics
/// cases still waiting for it. The hold is one entry on the ethics docket; this reads it from the arbitration's side.
enum ArbitrationHoldLinks {
    /// Numbers of the association's ethics cases whose latest hold names this arbitration and has not been lifted.
    static func waiting(for arbitration: String, in association: UUID, on db: Database) async throws -> [String] {
        let holds = try await DocketEntryRecord.query(on: db)
            .join(CaseRecord.self, on: \DocketEntryRecord.$caseRecord.$id == \CaseRecord.$id)
            .filter(CaseRecord.self, \.$association.$id == association)
            .filter(\.$type == DocketEntryType.heldForArbitration.rawValue).all()
        var numbers: [String] = []
        for caseID in Set(holds.map(\.$caseRecord.id)) {
            let docket = try await DocketStore.entries(of: caseID, on: db)
            guard ArbitrationHold.waitingFor(docket) == arbitration, let record = try await CaseRecord.find(caseID, on: db) else { continue }
            numbers.append(record.number)
        }
        return numbers.sorted()
    }
}
