import Vapor
import Fluent
import StandardsCore

/// Reads the member roster of an association for the members page and the API.
enum MemberDirectory {
    static func members(in scope: AssociationScope, search: String?, limit: Int = 500, on db: Database) async throws -> [Membership] {
        try scope.require(.viewMembers)
        var query = Membership.query(on: db).filter(\.$association.$id == scope.id)
            .join(Person.self, on: \Membership.$person.$id == \Person.$id)
            .with(\.$person).with(\.$firm).with(\.$office).with(\.$periods)
        let term = search?.trimmingCharacters(in: .whitespaces) ?? ""
        if !term.isEmpty {
            let like = CaseListing.likeOperator(on: db)
            let pattern = "%\(CaseListing.escapeLike(term))%"
            query = query.group(.or) {
                $0.filter(Person.self, \.$lastName, like, pattern)
                  .filter(Person.self, \.$firstName, like, pattern)
                  .filter(\.$memberNumber, like, pattern)
            }
        }
        return try await query.sort(Person.self, \.$lastName).sort(Person.self, \.$firstName).limit(limit).all()
    }

    static func member(number: String, in scope: AssociationScope, on db: Database) async throws -> Membership? {
        try scope.require(.viewMembers)
        return try await Membership.query(on: db).filter(\.$association.$id == scope.id).filter(\.$memberNumber == number)
            .with(\.$person).with(\.$firm).with(\.$office).with(\.$periods).first()
    }
}
