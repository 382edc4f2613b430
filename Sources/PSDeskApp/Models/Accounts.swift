import Fluent
import Vapor
import StandardsCore

/// A login. Users are not association-scoped: their roles are, one row per association and role.
final class User: Model, @unchecked Sendable {
    static let schema = "users"
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "display_name") var displayName: String
    /// bcrypt hash; the password itself is never stored or logged.
    @Field(key: "password_hash") var passwordHash: String
    @OptionalParent(key: "person_id") var person: Person?
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    /// Administers the installation (issue 13): associations, regional agreements. Made by `psdesk setup`.
    @Field(key: "is_administrator") var isAdministrator: Bool
    /// Set when staff deactivate the account: it cannot sign in, and its sessions and tokens stop working.
    @OptionalField(key: "deactivated_at") var deactivatedAt: Date?
    /// Raised by "sign out everywhere" and by a new password: a session from an earlier epoch is no longer signed in.
    @Field(key: "session_epoch") var sessionEpoch: Int
    /// Made by an invitation (or `psdesk setup`) and no password chosen yet: a new invitation sends a new link.
    @Field(key: "awaiting_password") var awaitingPassword: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Children(for: \.$user) var roles: [RoleAssignment]
    init() {}
    init(id: UUID? = nil, email: String, displayName: String, passwordHash: String, personID: UUID? = nil, isAdministrator: Bool = false) {
        self.id = id; self.email = email; self.displayName = displayName; self.passwordHash = passwordHash
        self.$person.id = personID; self.failedLogins = 0; self.isAdministrator = isAdministrator; self.sessionEpoch = 0
        self.awaitingPassword = false
    }
}

extension User {
    /// An account made before its owner chose a password (by `psdesk setup`, an invitation, a respondent's service):
    /// its password field holds no bcrypt hash, so nothing verifies against it, and sign-in answers as for an unknown
    /// address until a one-time link sets a password (`awaitingPassword`).
    static func awaitingPassword(email: String, displayName: String, personID: UUID? = nil, isAdministrator: Bool = false) -> User {
        let user = User(email: email, displayName: displayName, passwordHash: "!" + TokenHashing.newToken(), personID: personID,
                        isAdministrator: isAdministrator)
        user.awaitingPassword = true
        return user
    }
}

final class RoleAssignment: Model, @unchecked Sendable {
    static let schema = "role_assignments"
    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "association_id") var association: Association
    /// `Role` raw value.
    @Field(key: "role") var role: String
    init() {}
    init(id: UUID? = nil, userID: UUID, associationID: UUID, role: String) {
        self.id = id; self.$user.id = userID; self.$association.id = associationID; self.role = role
    }

    /// Gives the user the role in the association unless they hold it; says whether it was given now.
    @discardableResult
    static func grant(_ role: Role, to userID: UUID, in associationID: UUID, on db: Database) async throws -> Bool {
        let held = try await query(on: db).filter(\.$user.$id == userID).filter(\.$association.$id == associationID)
            .filter(\.$role == role.rawValue).count() > 0
        if !held { try await RoleAssignment(userID: userID, associationID: associationID, role: role.rawValue).create(on: db) }
        return !held
    }
}

/// An API bearer token. Only its SHA-256 is stored; the token is shown once when created.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    init() {}
    init(id: UUID? = nil, userID: UUID, name: String, tokenHash: String) {
        self.id = id; self.$user.id = userID; self.name = name; self.tokenHash = tokenHash
    }
}
