import Vapor
import Fluent
import SQLKit

/// One-time sign-in links (issue 13): the first administrator's welcome link from `psdesk setup`, later invitations
/// and password resets. The link carries a random token; only its SHA-256 is stored, it expires, and it can be used
/// once: redeeming it marks it used in the same statement that checks it was not.
final class SignInLink: Model, @unchecked Sendable {
    static let schema = "sign_in_links"
    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    /// `SignInLinks.Purpose` raw value.
    @Field(key: "purpose") var purpose: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    /// An email-change link: the address it confirms.
    @OptionalField(key: "new_email") var newEmail: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
    init(userID: UUID, purpose: SignInLinks.Purpose, tokenHash: String, expiresAt: Date) {
        self.id = .fresh(); self.$user.id = userID; self.purpose = purpose.rawValue; self.tokenHash = tokenHash; self.expiresAt = expiresAt
    }
}

enum SignInLinks {
    enum Purpose: String, Sendable {
        /// The first administrator's, printed by `psdesk setup`: sets the account's password.
        case welcome
        /// Staff invited the person to a role, or a party to their case's account: sets the password.
        case invitation
        /// "Forgot your password": sets a new one and signs out every other session.
        case passwordReset = "password-reset"
        /// Confirms a new email address, sent to that address.
        case emailChange = "email-change"

        /// How long a link of this purpose works.
        var lifetime: TimeInterval {
            switch self {
            // Long enough to reach a browser, short enough not to linger in a terminal's scroll-back.
            case .welcome: 24 * 3600
            // Someone invited may not read their email the same day.
            case .invitation: 7 * 24 * 3600
            // Short-lived: whoever holds a reset link holds the account.
            case .passwordReset: 3600
            case .emailChange: 24 * 3600
            }
        }
    }

    static let welcomeLifetime = Purpose.welcome.lifetime

    /// A new link for `user`; any unused link of the same purpose expires now, so only the newest works.
    static func issue(for user: User, _ purpose: Purpose, newEmail: String? = nil, now: Date, on db: Database) async throws -> String {
        let userID = try user.requireID()
        try await SignInLink.query(on: db).filter(\.$user.$id == userID).filter(\.$purpose == purpose.rawValue)
            .filter(\.$usedAt == nil).filter(\.$expiresAt > now).set(\.$expiresAt, to: now).update()
        let token = TokenHashing.newToken()
        let link = SignInLink(userID: userID, purpose: purpose, tokenHash: TokenHashing.hash(token), expiresAt: now.addingTimeInterval(purpose.lifetime))
        link.newEmail = newEmail
        try await link.create(on: db)
        return token
    }

    /// The link's user when the token names a link of this purpose that has not expired or been used; nil otherwise,
    /// the same for every reason, so a guess learns nothing.
    static func holder(of token: String, _ purposes: Set<Purpose>, now: Date, on db: Database) async throws -> (SignInLink, User)? {
        guard token.count < 200,
              let link = try await SignInLink.query(on: db).filter(\.$tokenHash == TokenHashing.hash(token))
                .filter(\.$purpose ~~ purposes.map(\.rawValue)).with(\.$user).first(),
              link.usedAt == nil, link.expiresAt > now else { return nil }
        return (link, link.user)
    }

    /// Marks the link used; false when another request used it first (two tabs, a double click).
    static func redeem(_ link: SignInLink, now: Date, on db: Database) async throws -> Bool {
        guard let sql = db as? SQLDatabase else { return false }
        struct Row: Decodable { let id: UUID }
        let claimed = try await sql.raw("""
            UPDATE \(ident: SignInLink.schema) SET used_at = \(bind: now) WHERE id = \(bind: try link.requireID()) AND used_at IS NULL RETURNING id
            """).all(decoding: Row.self)
        return !claimed.isEmpty
    }
}
