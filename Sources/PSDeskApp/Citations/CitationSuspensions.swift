import Fluent
import Vapor
import StandardsCore

/// Members suspended automatically for an unpaid citation fine (S3 9.3.2.5), read from the kept time frames: a
/// payment window past its due date on a case still open is a suspension running now; payment ends it.
enum CitationSuspensions {
    struct Suspension: Sendable {
        let caseNumber: String
        let since: CivilDate
    }

    /// Each suspended person with the citation that suspends them, as of `today` in the association.
    static func current(in association: UUID, today: CivilDate, on db: Database) async throws -> [UUID: Suspension] {
        let windows = try await CaseDeadlineRow.query(on: db).filter(\.$association.$id == association)
            .filter(\.$key == DeadlineKey.citationPayment.rawValue).filter(\.$caseClosed == false)
            .filter(\.$dueOn < today.description).all()
        guard !windows.isEmpty else { return [:] }
        // The respondents of every such case in one query, not one per case.
        let respondents = try await CaseParty.query(on: db).filter(\.$caseRecord.$id ~~ windows.map(\.$caseRecord.id))
            .filter(\.$role == PartyRole.respondent.rawValue).all()
        var out: [UUID: Suspension] = [:]
        for window in windows {
            guard let due = window.dueOn.flatMap(CivilDate.init) else { continue }
            for party in respondents where party.$caseRecord.id == window.$caseRecord.id {
                out[party.$person.id] = Suspension(caseNumber: window.caseNumber, since: due.adding(days: 1))
            }
        }
        return out
    }
}
