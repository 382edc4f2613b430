import Vapor
import Fluent

/// Email and password sign-in with lockout after repeated failures. Unknown emails cost the same
/// bcrypt work as known ones so timing does not reveal which addresses have accounts; the work runs on
/// `PasswordWork`'s threads, off the event loops.
enum SignIn {
    enum Outcome: Equatable { case signedIn(UUID), wrongCredentials, locked(until: Date) }

    static func run(email: String, password: String, config: AppConfig, passwords: PasswordWork, now: Date, on db: Database) async throws -> Outcome {
        let normalized = email.trimmingCharacters(in: .whitespaces).lowercased()
        // A deactivated account answers exactly as an unknown one.
        guard let user = try await User.query(on: db).filter(\.$email == normalized).filter(\.$deactivatedAt == nil).first() else {
            try await passwords.verifyAgainstDecoy(password)
            return .wrongCredentials
        }
        // Invited and no password chosen yet: the same work and answer as an unknown address.
        if user.awaitingPassword {
            try await passwords.verifyAgainstDecoy(password)
            return .wrongCredentials
        }
        if let until = user.lockedUntil, until > now { return .locked(until: until) }
        if try await passwords.verify(password, against: user.passwordHash) {
            user.failedLogins = 0
            user.lockedUntil = nil
            try await user.save(on: db)
            return .signedIn(try user.requireID())
        }
        user.failedLogins += 1
        if user.failedLogins >= config.lockoutAttempts {
            user.failedLogins = 0
            user.lockedUntil = now.addingTimeInterval(Double(config.lockoutMinutes) * 60)
        }
        try await user.save(on: db)
        if let until = user.lockedUntil, until > now { return .locked(until: until) }
        return .wrongCredentials
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
