import Vapor
import Fluent
import StandardsCore

/// The respondent's earlier record the panel weighs (a1.22, b8.7): violations with their discipline, any
/// held in abeyance, and past citations only for the same violation (S3 9.4.5). Other cases' details stay out.
struct PriorRecord: Sendable {
    struct Violation: Sendable { let number: String; let finalOn: CivilDate; let discipline: String; let heldInAbeyance: Bool }
    struct Citation: Sendable { let number: String; let standard: String; let issuedOn: CivilDate }
    var violations: [Violation] = []
    var citations: [Citation] = []

    var lines: [String] {
        citations.map { "\($0.number): citation for the same violation (\($0.standard)), \($0.issuedOn)" }
            + violations.map { "\($0.number): violation, final action \($0.finalOn); discipline: \($0.discipline)\($0.heldInAbeyance ? " (held in abeyance)" : "")" }
    }

    /// Violations with final action in the three years before `date` (Policy Statement 45 option 1, b11.2).
    func violations(inThreeYearsBefore date: CivilDate) -> Int {
        violations.filter { $0.finalOn > date.adding(months: -36) && $0.finalOn <= date }.count
    }

    static func load(_ c: CaseScope, profile: RuleProfile, today: CivilDate, db: Database) async throws -> PriorRecord {
        let respondents = try await CaseParties.ids(of: c.record, role: .respondent, on: db)
        let other = try await CaseParties.otherCasesAsRespondent(respondents, besides: c.record, on: db)
        let articles = Set(CitedArticles.current(c.docket))
        var record = PriorRecord()
        for party in other {
            let kind = party.caseRecord.kind, status = party.caseRecord.status
            if kind == CaseKind.citation.rawValue, [CaseStatus.citationAccepted.rawValue, CaseStatus.citationPaid.rawValue].contains(status) {
                let docket = try await DocketStore.entries(of: party.$caseRecord.id, on: db)
                guard let citation = CaseProjection.effectiveEntries(docket).last(where: { $0.type == .citationIssued }) else { continue }
                let standards = CitationSteps.standards(of: citation)
                // "12-7" is a Standard of Practice under Article 12: the same violation only where Article 12 is cited (S3 9.4.5).
                if standards.contains(where: { CitableConduct.article(of: $0).map(articles.contains) ?? false }) {
                    let standard = standards.joined(separator: ", ")
                    record.citations.append(Citation(number: party.caseRecord.number, standard: standard, issuedOn: citation.effectiveOn))
                }
            } else if kind == CaseKind.ethics.rawValue, status == CaseStatus.finalAction.rawValue {
                let docket = try await DocketStore.entries(of: party.$caseRecord.id, on: db)
                let effective = CaseProjection.effectiveEntries(docket)
                guard let final = effective.last(where: { $0.type == .finalAction }), let action = final.payload(as: FinalAction.self),
                      action.directorsAction?.imposesDiscipline == true else { continue }
                let discipline = action.discipline
                    ?? effective.last { $0.type == .decisionFiled }?.payload(as: DecisionFiled.self)?.discipline ?? "no discipline recorded"
                let held = DisciplineCompliance.items(docket, profile: profile, asOf: today).contains { $0.status == .heldInAbeyance }
                record.violations.append(Violation(number: party.caseRecord.number, finalOn: final.effectiveOn, discipline: discipline, heldInAbeyance: held))
            }
        }
        return record
    }
}
