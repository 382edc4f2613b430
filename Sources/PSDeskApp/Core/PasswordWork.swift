import Vapor
import NIOPosix
import NIOConcurrencyHelpers

/// bcrypt runs here, on threads of its own, never on the event loops that serve every request: a burst of
/// sign-ins (each ~0.25 s of CPU at cost 12) then queues behind itself while `/healthz` and every page stay
/// fast. One core is always left to the event loops.
final class PasswordWork: Sendable {
    private let pool: NIOThreadPool
    private let cost: Int
    /// A hash of a random string at the configured cost, verified against when the email is unknown, so an unknown
    /// account costs the same work as a known one. Made on first need, on the pool, not at every start-up.
    /// One task makes it, however many sign-ins ask at once.
    private let decoy = NIOLockedValueBox<Task<String, Error>?>(nil)

    /// How many passwords were checked against a real account's hash, and how many against the decoy: the sign-in
    /// throttle's tests count them, and `/metrics` reports them.
    private let checks = NIOLockedValueBox<(accounts: Int, decoys: Int)>((0, 0))
    var checksMade: (accounts: Int, decoys: Int) { checks.withLockedValue { $0 } }

    init(cost: Int, threads: Int = max(1, System.coreCount - 1)) {
        self.cost = cost
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    /// A new password's hash at the configured cost.
    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await pool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        checks.withLockedValue { $0.accounts += 1 }
        ServiceMetrics.passwordChecked(decoy: false)
        return try await check(password, against: hash)
    }

    private func check(_ password: String, against hash: String) async throws -> Bool {
        try await pool.runIfActive { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }

    /// Spends the same work as checking a real account's password, and answers no.
    func verifyAgainstDecoy(_ password: String) async throws {
        let (pool, cost) = (self.pool, self.cost)
        let making = decoy.withLockedValue { existing -> Task<String, Error> in
            if let existing { return existing }
            let task = Task { try await pool.runIfActive { try Bcrypt.hash(TokenHashing.newToken(), cost: cost) } }
            existing = task
            return task
        }
        checks.withLockedValue { $0.decoys += 1 }
        ServiceMetrics.passwordChecked(decoy: true)
        _ = try await check(password, against: try await making.value)
    }

    func shutdown() { try? pool.syncShutdownGracefully() }
}

extension Application {
    private struct PasswordWorkKey: StorageKey { typealias Value = PasswordWork }

    var passwordWork: PasswordWork {
        get {
            guard let work = storage[PasswordWorkKey.self] else { fatalError("configure(_:config:) sets up password work") }
            return work
        }
        set { storage[PasswordWorkKey.self] = newValue }
    }
}

/// Stops the bcrypt threads with the application.
struct PasswordWorkLifecycle: LifecycleHandler {
    func shutdown(_ application: Application) { application.passwordWork.shutdown() }
}
