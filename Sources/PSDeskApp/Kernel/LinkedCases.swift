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
}
