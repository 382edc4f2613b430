import Vapor
import Fluent
import StandardsCore

/// Who is acting: a signed-in user or the owner of an API token, with their roles per association.
/// Passed explicitly into every use case; never read from global state.
struct Actor: Sendable {
    let userID: UUID
    let displayName: String
    let email: String
    let personID: UUID?
    let rolesByAssociation: [UUID: Set<Role>]
    /// Administers the installation (`User.isAdministrator`).
    var isAdministrator = false
    /// `User.sessionEpoch`: a web session signed in under an earlier one is signed out.
    var sessionEpoch = 0

    func roles(in associationID: UUID) -> Set<Role> { rolesByAssociation[associationID] ?? [] }

    static func load(userID: UUID, on db: Database) async throws -> Actor? {
        // A deactivated account acts as nobody: its sessions and API tokens stop working at once.
        guard let user = try await User.query(on: db).filter(\.$id == userID).filter(\.$deactivatedAt == nil).with(\.$roles).first() else { return nil }
        var roles: [UUID: Set<Role>] = [:]
        for assignment in user.roles {
            if let role = Role(rawValue: assignment.role) { roles[assignment.$association.id, default: []].insert(role) }
        }
        // Under a regional agreement a committee member of one association may sit on another's panel
        // (a1.14, S3 1.2): the seat itself lets them into that association as a panelist, for that case only.
        if let personID = user.$person.id {
            // Likewise a mediation officer from the regional pool (appendix (4)(d)), as that case's mediator.
            for seat in try await PanelSeat.query(on: db).filter(\.$person.$id == personID).all() {
                roles[seat.$association.id, default: []].insert(seat.seat == PanelSeat.mediatorSeat ? .mediator : .psc)
            }
        }
        return Actor(userID: userID, displayName: user.displayName, email: user.email, personID: user.$person.id, rolesByAssociation: roles,
                     isAdministrator: user.isAdministrator, sessionEpoch: user.sessionEpoch)
    }
}

extension Request {
    private struct ActorKey: StorageKey { typealias Value = Actor }

    /// The authenticated actor, if the request carried a valid session or token.
    var actor: Actor? {
        get { storage[ActorKey.self] }
        set { storage[ActorKey.self] = newValue }
    }

    func requireActor() throws -> Actor {
        guard let actor else { throw AppError.unauthenticated }
        return actor
    }
}
