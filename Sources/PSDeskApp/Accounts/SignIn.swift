import Vapor
import Fluent

/// Email and password sign-in, throttled per client address and per account (issue 21).
///
/// Both counters are hit before any password is checked, each in one atomic statement (`Throttle`), so however many
/// guesses arrive at once, no more than the limit are checked. The account is counted by the email as typed, so an
/// unknown address is counted, answered and delayed exactly like a known one: a wrong password, an unknown or
/// deactivated email, an account awaiting its first password and an account locked by failures all cost one bcrypt
/// check (a decoy's when there is no real one to make) and get the same answer. Only the address's own limit answers
/// differently ("try again in N minutes"), and that says nothing about any account. The work runs on `PasswordWork`'s
/// threads, off the event loops.
enum SignIn {
    enum Outcome: Equatable {
        case signedIn(UUID)
        /// Wrong password, unknown account or locked account: one answer for all three.
        case refused
        /// This client address made too many failed attempts; it may try again after `retryAfter` seconds.
        case addressThrottled(retryAfter: Int)
    }

    static func run(email: String, password: String, client: String, config: AppConfig, passwords: PasswordWork, now: Date, on db: Database) async throws -> Outcome {
        let normalized = email.trimmingCharacters(in: .whitespaces).lowercased()
        // A flood from one address stops here, before any password work.
        if case .refused(let retryAfter) = try await Throttle.hit(config.signInAddress, key: client, now: now, on: db) {
            return .addressThrottled(retryAfter: retryAfter)
        }
        let account = try await Throttle.hit(config.signInAccount, key: normalized, now: now, on: db)
        // A deactivated account, or one invited and without a password yet, answers exactly as an unknown one.
        let user = try await User.query(on: db).filter(\.$email == normalized).filter(\.$deactivatedAt == nil).first()
        guard account == .allowed, let user, !user.awaitingPassword else {
            try await passwords.verifyAgainstDecoy(password)
            return .refused
        }
        guard try await passwords.verify(password, against: user.passwordHash) else { return .refused }
        // A success ends the account's run of failures and does not count against the address.
        try await Throttle.clear(config.signInAccount, key: normalized, on: db)
        try await Throttle.refund(config.signInAddress, key: client, now: now, on: db)
        return .signedIn(try user.requireID())
    }
}

/// API tokens: created for a user by the command line, shown once, stored as a hash, revocable.
enum APITokens {
    static func create(email: String, name: String, on db: Database) async throws -> (token: String, record: APIToken) {
        guard let user = try await User.query(on: db).filter(\.$email == email.lowercased()).first() else {
            throw AppError.notFound("user with that email")
        }
        let token = TokenHashing.newToken()
        let record = APIToken(userID: try user.requireID(), name: name, tokenHash: TokenHashing.hash(token))
        try await record.create(on: db)
        return (token, record)
    }

    static func revoke(id: UUID, now: Date, on db: Database) async throws {
        guard let record = try await APIToken.find(id, on: db) else { throw AppError.notFound("token") }
        record.revokedAt = now
        try await record.save(on: db)
    }
}
