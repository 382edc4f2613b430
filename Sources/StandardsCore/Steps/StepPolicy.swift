/// Who may take a step: a permission of `AccessPolicy` and a named relationship to the case. The only place a
/// step's "who" is written; the runner, the page's buttons and the step × role × status test all ask it.
public struct StepPolicy: Sendable, Equatable {
    public enum Relationship: Sendable, Equatable {
        /// Whoever holds the permission on this case (the Grievance Committee deciding, a1.6).
        case holdsPermission
        /// The association's staff (the PSA).
        case staff
        /// The signed-in person is this party on the case.
        case party(PartyRole)
        /// That party, or staff recording what the party sent on paper.
        case partyOrStaff(PartyRole)
    }

    public let permission: Permission
    public let relationship: Relationship

    public init(_ permission: Permission, _ relationship: Relationship) {
        self.permission = permission
        self.relationship = relationship
    }

    public static let staff = StepPolicy(.appendEntry, .staff)
    public static func party(_ role: PartyRole) -> StepPolicy { StepPolicy(.actAsParty, .party(role)) }
    public static func partyOrStaff(_ role: PartyRole) -> StepPolicy { StepPolicy(.actAsParty, .partyOrStaff(role)) }

    /// Nil when the actor may take the step; otherwise why not (answered 403).
    /// - Parameters:
    ///   - roles: the actor's roles in the case's association.
    ///   - actorParties: the roles the actor holds as a party on this case.
    public func refusal(roles: Set<Role>, facts: CaseFacts, actorParties: Set<PartyRole>) -> Refusal? {
        let isStaff = roles.contains(.staff) && AccessPolicy.allows(roles: roles, .appendEntry, on: facts)
        func asParty(_ role: PartyRole) -> Refusal? {
            guard AccessPolicy.allows(roles: roles, permission, on: facts) else { return Self.forbidden }
            return actorParties.contains(role) ? nil
                : Refusal(code: "not_that_party", message: "Only the \(role.label.lowercased()) can take this step.")
        }
        switch relationship {
        case .holdsPermission:
            return AccessPolicy.allows(roles: roles, permission, on: facts) ? nil : Self.forbidden
        case .staff:
            return isStaff && AccessPolicy.allows(roles: roles, permission, on: facts) ? nil : Self.forbidden
        case .party(let role):
            return asParty(role)
        case .partyOrStaff(let role):
            return isStaff ? nil : asParty(role)
        }
    }

    /// A party's own step (reply, appeal, withdrawal…), as against one of the association's.
    public var isPartys: Bool {
        switch relationship {
        case .party, .partyOrStaff: true
        case .holdsPermission, .staff: false
        }
    }

    public static let forbidden = Refusal(code: "forbidden", message: "Your role does not allow this.")

    /// In a reader's words, for the documentation.
    public var summary: String {
        switch relationship {
        case .holdsPermission: "anyone holding `\(permission.rawValue)` on the case"
        case .staff: "staff"
        case .party(let role): "the \(role.label.lowercased())"
        case .partyOrStaff(let role): "the \(role.label.lowercased()), or staff recording it from paper"
        }
    }
}
