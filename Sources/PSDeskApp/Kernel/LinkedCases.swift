import Vapor
import Fluent
import StandardsCore

/// Writes a step's entries together with what it writes on another case (`LinkedWrite`), in one transaction: the
/// case it opens with this case's parties, numbered and linked both ways, or the existing case this one came from.
enum LinkedCases {
    static func append(_ own: [ProposedEntry], _ link: LinkedWrite, to caseScope: CaseScope, by actor: Actor, now: Date,
                       db: Database) async throws -> EthicsSteps.Done {
        let record = caseScope.record
        let associationID = caseScope.scope.id
        let parties = try await CaseParty.query(on: db).filter(\.$caseRecord.$id == record.requireID()).all()
        let day = own.first?.effectiveOn
        let appended = try await writeTransaction(on: db) { tx in
            var own = own
            switch link.target {
            case .open(let kind, let title, let summary):
                guard let day else { throw AppError(.internalServerError, code: "internal", message: "Nothing to append.") }
                var first = [ProposedEntry(type: .caseOpened, effectiveOn: day, payload: ["summary": .text(summary), "fromCase": .text(record.number)])]
                first += parties.map {
                    ProposedEntry(type: .partyAdded, effectiveOn: day, payload: ["personId": .text($0.$person.id.uuidString), "role": .text($0.role)])
                }
                let opened = try await OpenCase.create(kind: kind, title: String("\(title): \(record.title)".prefix(200)), openedOn: day,
                                                       associationID: associationID, entries: first + link.entries, actor: actor, actorName: nil,
                                                       now: now, on: tx)
                if let field = link.numberField {
                    for index in own.indices where own[index].payload[field] != nil { own[index].payload[field] = .text(opened.record.number) }
                }
            case .transfer(let slug, let title, let summary):
                guard let day else { throw AppError(.internalServerError, code: "internal", message: "Nothing to append.") }
                let opened = try await transfer(to: slug, title: "\(title): \(record.title)", summary: summary, on: day, from: caseScope,
                                                parties: parties, entries: link.entries, by: actor, now: now, tx: tx)
                if let field = link.numberField {
                    for index in own.indices where own[index].payload[field] != nil { own[index].payload[field] = .text(opened) }
                }
            case .existing(let number):
                guard let other = try await CaseRecord.query(on: tx).filter(\.$association.$id == associationID).filter(\.$number == number).first() else {
                    throw AppError(.unprocessableEntity, code: "linked_case_missing", message: "The case \(number) this one came from is not in this association.")
                }
                _ = try await DocketStore.append(link.entries, to: other, by: actor, at: now, on: tx)
            }
            return try await DocketStore.append(own, to: record, by: actor, at: now, on: tx)
        }
        return EthicsSteps.Done(record: record, warnings: appended.warnings)
    }

    /// Opens the complaint in the association the respondent still belongs to (S4 (14)): the respondent there is the
    /// same person's membership (found by email, as for the notices of final action, a1.31); each complainant is that
    /// association's person with the same email, or a copy of their name and contact. Returns the new case's number.
    static func transfer(to slug: String, title: String, summary: String, on day: CivilDate, from caseScope: CaseScope, parties: [CaseParty],
                         entries: [ProposedEntry], by actor: Actor, now: Date, tx: Database) async throws -> String {
        guard let target = try await Association.query(on: tx).filter(\.$slug == slug).first(), let targetID = target.id else {
            throw AppError(.unprocessableEntity, code: "not_a_member_there", message: "No association \(slug) on PSDesk.", rule: RuleID.a1_12.id)
        }
        let respondents = parties.filter { $0.role == PartyRole.respondent.rawValue }.map { $0.$person.id }
        let there = try await CaseParties.membershipsEverywhere(of: respondents, on: tx).filter { $0.$association.id == targetID }.map { $0.$person.id }
        guard !there.isEmpty else {
            throw AppError(.unprocessableEntity, code: "not_a_member_there", message: "The respondent is not a member of \(target.name).", rule: RuleID.a1_12.id)
        }
        var first = [ProposedEntry(type: .caseOpened, effectiveOn: day, payload: [
            "summary": .text(summary), "transferredFrom": .text("\(caseScope.scope.association.name) \(caseScope.record.number)")])]
        first += there.map { ProposedEntry(type: .partyAdded, effectiveOn: day, payload: ["personId": .text($0.uuidString), "role": .text(PartyRole.respondent.rawValue)]) }
        for party in parties where party.role != PartyRole.respondent.rawValue {
            guard let person = try await Person.find(party.$person.id, on: tx) else { continue }
            let email = person.email?.lowercased()
            let known = email == nil ? nil : try await Person.query(on: tx).filter(\.$association.$id == targetID).filter(\.$email == email!).first()
            let copy = known ?? Person(associationID: targetID, kind: .public, firstName: person.firstName, lastName: person.lastName,
                                       email: person.email, phone: person.phone, address: person.address)
            if known == nil { try await copy.create(on: tx) }
            first.append(ProposedEntry(type: .partyAdded, effectiveOn: day, payload: ["personId": .text(try copy.requireID().uuidString), "role": .text(party.role)]))
        }
        let opened = try await OpenCase.create(kind: .ethics, title: String(title.prefix(200)), openedOn: day, associationID: targetID,
                                               entries: first + entries, actor: actor, actorName: nil, now: now, on: tx)
        return opened.record.number
    }
}
