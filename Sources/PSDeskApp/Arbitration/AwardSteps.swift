import Vapor
import Fluent
import StandardsCore

/// Steps after an arbitration award.
enum AwardSteps {
    /// The party ordered to pay refuses to abide by the award (a1.35). Not an ethics hearing the first time:
    /// the recipient is advised to seek judicial enforcement; earlier refusals by the same member come back
    /// as a warning that a pattern may be an Article 17 matter.
    static func refusalToAbide(note: String, _ c: CaseScope, by actor: Actor, on date: CivilDate, db: Database) async throws -> EthicsSteps.Done {
        try EthicsSteps.requireStaff(c)
        guard c.kind == .arbitration, CaseProjection.effectiveEntries(c.docket).contains(where: { $0.type == .awardRendered }) else {
            throw AppError(.unprocessableEntity, code: "no_award", message: "A refusal to abide follows an arbitration award.", rule: .a1_35)
        }
        guard let respondent = try await CaseParties.ids(of: c.record, role: .respondent, on: db).first else {
            throw AppError(.unprocessableEntity, code: "no_respondent", message: "The case names no respondent.", rule: .a1_35)
        }
        // Earlier refusals by the same member, in this association's other arbitration cases.
        let otherCases = try await CaseParties.otherCasesAsRespondent([respondent], besides: c.record, on: db)
            .filter { $0.caseRecord.kind == CaseKind.arbitration.rawValue }
        var prior: [String] = []
        for party in otherCases {
            let docket = try await DocketStore.entries(of: party.$caseRecord.id, on: db)
            if CaseProjection.effectiveEntries(docket).contains(where: { $0.type == .awardRefusedToAbide }) { prior.append(party.caseRecord.number) }
        }
        var payload: Payload = ["respondentId": .text(respondent.uuidString)]
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty { payload["note"] = .text(text) }
        let recipient = try await EthicsSteps.partyNames(c, role: .complainant, on: db)
        let done = try await EthicsSteps.append([ProposedEntry(type: .awardRefusedToAbide, effectiveOn: date, payload: payload),
                                                 noticeEntry(.enforcementAdvice, to: recipient.isEmpty ? "the award recipient" : recipient, on: date, channel: "mail")],
                                                to: c, by: actor, db: db)
        return EthicsSteps.Done(record: done.record, warnings: done.warnings + [AwardRefusal.advice(priorRefusals: prior)].compactMap { $0 })
    }
}
