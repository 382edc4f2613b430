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
        /// The complainant or the respondent, or staff recording a paper filing (a challenge, an appeal).
        case eitherPartyOrStaff
        /// The chair of the Professional Standards Committee, or staff recording the chair's ruling (a1.14).
        case committeeChairOrStaff
        /// A member of this case's panel, or staff for the panel (b7.3).
        case panelistOrStaff
        /// The chair of this case's panel, or staff (a1.22).
        case panelChairOrStaff
        /// The case's assigned mediation officer, or staff (S3 §8).
        case mediatorOrStaff
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
    public static let eitherPartyOrStaff = StepPolicy(.actAsParty, .eitherPartyOrStaff)
    public static let committeeChairOrStaff = StepPolicy(.actAsPanel, .committeeChairOrStaff)
    public static let panelistOrStaff = StepPolicy(.actAsPanel, .panelistOrStaff)
    public static let panelChairOrStaff = StepPolicy(.actAsPanel, .panelChairOrStaff)
    public static let mediatorOrStaff = StepPolicy(.appendEntry, .mediatorOrStaff)
    /// The citation panel, which reaches only citation cases, or staff for it (S3 9.1.2).
    public static let citationPanelOrStaff = StepPolicy(.actAsPanel, .holdsPermission)

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
        case .eitherPartyOrStaff:
            if isStaff { return nil }
            guard AccessPolicy.allows(roles: roles, permission, on: facts) else { return Self.forbidden }
            return actorParties.isDisjoint(with: [.complainant, .respondent])
                ? Refusal(code: "not_that_party", message: "Only the complainant or the respondent can take this step.") : nil
        case .committeeChairOrStaff:
            if isStaff { return nil }
            guard AccessPolicy.allows(roles: roles, permission, on: facts) else { return Self.forbidden }
            return facts.actorChairsCommittee ? nil
                : Refusal(code: "psc_chair_only", message: "The chair of the Professional Standards Committee rules on challenges and names the panel.", rule: .a1_14)
        case .panelistOrStaff:
            guard AccessPolicy.allows(roles: roles, permission, on: facts) else { return Self.forbidden }
            return isStaff || facts.actorSitsOnPanel ? nil : Self.forbidden
        case .panelChairOrStaff:
            guard AccessPolicy.allows(roles: roles, permission, on: facts) else { return Self.forbidden }
            return isStaff || facts.actorChairsPanel ? nil
                : Refusal(code: "panel_chair_only", message: "The panel's chair files the decision.", rule: .a1_22)
        case .mediatorOrStaff:
            guard AccessPolicy.allows(roles: roles, permission, on: facts) else { return Self.forbidden }
            return isStaff || (roles.contains(.mediator) && facts.actorIsAssignedMediator) ? nil : Self.forbidden
        }
    }

    /// A party's own step (reply, appeal, withdrawal…), as against one of the association's.
    public var isPartys: Bool {
        switch relationship {
        case .party, .partyOrStaff, .eitherPartyOrStaff: true
        case .holdsPermission, .staff, .committeeChairOrStaff, .panelistOrStaff, .panelChairOrStaff, .mediatorOrStaff: false
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
        case .eitherPartyOrStaff: "the complainant or the respondent, or staff recording it from paper"
        case .committeeChairOrStaff: "the chair of the Professional Standards Committee, or staff"
        case .panelistOrStaff: "a member of the case's panel, or staff"
        case .panelChairOrStaff: "the chair of the case's panel, or staff"
        case .mediatorOrStaff: "the case's mediation officer, or staff"
        }
    }
}
