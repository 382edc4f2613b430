import Vapor
import Fluent
import StandardsCore

/// Who takes part in a case, read from the cached `case_parties`, and what else the same people are part of.
enum CaseParties {
    /// The people holding `role` on the case.
    static func ids(of record: CaseRecord, role: PartyRole, on db: Database) async throws -> [UUID] {
        try await CaseParty.query(on: db).filter(\.$caseRecord.$id == record.requireID()).filter(\.$role == role.rawValue).all(\.$person.$id)
    }

    /// The other cases in which these people are respondents, each with its case loaded (prior record, a1.22;
    /// repeated refusals to abide by an award, a1.35).
    static func otherCasesAsRespondent(_ people: [UUID], besides record: CaseRecord, on db: Database) async throws -> [CaseParty] {
        guard !people.isEmpty else { return [] }
        return try await CaseParty.query(on: db).filter(\.$person.$id ~~ people).filter(\.$role == PartyRole.respondent.rawValue)
            .filter(\.$caseRecord.$id != record.requireID()).with(\.$caseRecord).all()
    }

    /// Every membership of these people in any association, the same person elsewhere found by email; with the
    /// association and the membership periods loaded (final notices to other associations, a1.31; abeyance, a1.12).
    static func membershipsEverywhere(of people: [UUID], on db: Database) async throws -> [Membership] {
        guard !people.isEmpty else { return [] }
        let emails = try await Person.query(on: db).filter(\.$id ~~ people).all().compactMap { $0.email?.lowercased() }
        let sameEmail = emails.isEmpty ? [] : try await Person.query(on: db).filter(\.$email ~~ emails).all().compactMap(\.id)
        return try await Membership.query(on: db).filter(\.$person.$id ~~ Array(Set(people + sameEmail))).with(\.$association).with(\.$periods).all()
    }
}
