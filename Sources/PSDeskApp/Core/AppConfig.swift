import Vapor
import StandardsCore

/// Every setting PSDesk reads from the environment, parsed once at start. A bad value stops start-up
/// with a list of what is set and what is wrong (README, "Configuration").
public struct AppConfig: Sendable {
    /// Folder for the SQLite file and uploaded documents (`PSDESK_DATA`, default `./data`).
    public var dataDirectory: String
    /// `postgres://…` to run on PostgreSQL (`DATABASE_URL`); nil means SQLite under `dataDirectory`.
    public var databaseURL: String?
    /// Largest accepted upload in bytes (`PSDESK_MAX_UPLOAD_MB`, default 25).
    public var maxUploadBytes: Int
    /// Accepted document types (`PSDESK_UPLOAD_TYPES`, default all of pdf,docx,doc,png,jpeg,gif).
    public var uploadTypes: Set<DocumentType>
    /// Failed logins before an account is locked (`PSDESK_LOCKOUT_ATTEMPTS`, default 5).
    public var lockoutAttempts: Int
    /// How long a lock lasts (`PSDESK_LOCKOUT_MINUTES`, default 15).
    public var lockoutMinutes: Int
    /// bcrypt cost (`PSDESK_BCRYPT_COST`, default 12; tests use 4).
    public var bcryptCost: Int
    /// Mark cookies `Secure` (`PSDESK_SECURE_COOKIES=true` behind HTTPS).
    public var secureCookies: Bool
    /// Use an in-memory SQLite database (tests only).
    public var inMemoryDatabase: Bool
    /// Read the templates again on every page (`PSDESK_RELOAD_TEMPLATES=true`), for someone editing them. Off by
    /// default: re-reading and parsing them was a seventh of the case page's time (issue 12).
    public var reloadTemplates = false

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment,
                                       testing: Bool = false) throws -> AppConfig {
        var problems: [String] = []
        func integer(_ name: String, _ fallback: Int, _ range: ClosedRange<Int>) -> Int {
            guard let raw = env[name], !raw.isEmpty else { return fallback }
            guard let value = Int(raw), range.contains(value) else {
                problems.append("\(name)=\(raw) must be a whole number in \(range.lowerBound)…\(range.upperBound)")
                return fallback
            }
            return value
        }
        var types = Set(DocumentType.allCases)
        if let raw = env["PSDESK_UPLOAD_TYPES"], !raw.isEmpty {
            types = []
            for name in raw.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
                if let type = DocumentType(rawValue: name) { types.insert(type) } else {
                    problems.append("PSDESK_UPLOAD_TYPES names \"\(name)\"; known types are \(DocumentType.allCases.map(\.rawValue).joined(separator: ","))")
                }
            }
        }
        let databaseURL = env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let url = databaseURL, !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) {
            problems.append("DATABASE_URL must start with postgres:// (unset it to use SQLite)")
        }
        var config = AppConfig(
            dataDirectory: env["PSDESK_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "./data",
            databaseURL: databaseURL,
            maxUploadBytes: integer("PSDESK_MAX_UPLOAD_MB", 25, 1...1024) * 1_000_000,
            uploadTypes: types,
            lockoutAttempts: integer("PSDESK_LOCKOUT_ATTEMPTS", 5, 1...100),
            lockoutMinutes: integer("PSDESK_LOCKOUT_MINUTES", 15, 1...10_000),
            bcryptCost: integer("PSDESK_BCRYPT_COST", testing ? 4 : 12, 4...31),
            secureCookies: ["1", "true", "yes"].contains(env["PSDESK_SECURE_COOKIES"]?.lowercased() ?? ""),
            inMemoryDatabase: testing && databaseURL == nil
        )
        config.reloadTemplates = ["1", "true", "yes"].contains(env["PSDESK_RELOAD_TEMPLATES"]?.lowercased() ?? "")
        if !problems.isEmpty {
            let known = ["PSDESK_DATA", "DATABASE_URL", "PSDESK_MAX_UPLOAD_MB", "PSDESK_UPLOAD_TYPES", "PSDESK_LOCKOUT_ATTEMPTS",
                         "PSDESK_LOCKOUT_MINUTES", "PSDESK_BCRYPT_COST", "PSDESK_SECURE_COOKIES", "PSDESK_RELOAD_TEMPLATES"]
            let set = known.filter { env[$0] != nil }.map { $0 == "DATABASE_URL" ? "\($0)=(hidden)" : "\($0)=\(env[$0] ?? "")" }
            throw ConfigError(problems: problems, set: set)
        }
        return config
    }

    public var sqlitePath: String { dataDirectory + "/psdesk.sqlite" }
    public var blobDirectory: String { dataDirectory + "/documents" }
}

public struct ConfigError: Error, CustomStringConvertible {
    public let problems: [String]
    public let set: [String]
    public var description: String {
        "PSDesk cannot start; the configuration is wrong:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
            + "\nSet: " + (set.isEmpty ? "(nothing)" : set.joined(separator: ", "))
    }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    public var psdesk: AppConfig {
        get {
            guard let config = storage[ConfigKey.self] else { fatalError("configure(_:) sets the configuration before any route runs") }
            return config
        }
        set { storage[ConfigKey.self] = newValue }
    }
}
