import Vapor
import StandardsCore

/// Every setting PSDesk reads from the environment, parsed once at start. A bad value stops start-up
/// with a list of what is set and what is wrong (README, "Configuration").
public struct AppConfig: Sendable {
    /// Folder for the SQLite file and uploaded documents (`PSDESK_DATA`, default `./data`).
    public var dataDirectory: String
    /// Where documents are stored when not in the data folder (`PSDESK_DOCUMENTS`): a shared folder (NFS, EFS, a
    /// mounted bucket) when several instances serve one PostgreSQL.
    public var documentsDirectory: String?
    /// PostgreSQL connections per event loop (`PSDESK_PG_CONNECTIONS`, default 8): an instance holds at most this times
    /// its cores; keep instances × that under the server's `max_connections`.
    public var postgresConnectionsPerLoop = 8
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
    /// Failed sign-ins one client address may make per lockout period, whatever accounts they name (`PSDESK_ADDRESS_ATTEMPTS`, default 20).
    public var addressAttempts = 20
    /// Anonymous submissions one address may make per hour, counted apart for each kind: complaints filed, case look-ups,
    /// ombuds inquiries, password-reset requests (`PSDESK_PUBLIC_PER_HOUR`, default 10).
    public var publicPerHour = 10
    /// Behind a reverse proxy that sets `X-Forwarded-For` (`PSDESK_BEHIND_PROXY=true`): the throttles count the
    /// address it names instead of the proxy's own.
    public var behindProxy = false
    /// The bearer token a Prometheus scraper sends for `/metrics` (`PSDESK_METRICS_TOKEN`); unset, only this machine is answered.
    public var metricsToken: String?
    /// bcrypt cost (`PSDESK_BCRYPT_COST`, default 12; tests use 4).
    public var bcryptCost: Int
    /// Mark cookies `Secure`. `PSDESK_SECURE_COOKIES` decides when set; unset, they are secure whenever the server
    /// listens beyond this machine (`servingOn(host:)`, issue 21).
    public var secureCookies: Bool
    /// Send `Strict-Transport-Security`. `PSDESK_HSTS` decides when set; unset, on whenever the server listens beyond
    /// this machine.
    public var hsts = false
    /// What the environment said, before the bind address is known (nil: not set).
    var secureCookiesChoice: Bool?
    var hstsChoice: Bool?
    /// `PSDESK_ALLOW_HTTP=true`: serve beyond this machine over plain HTTP, on a closed network the operator trusts.
    var allowHTTP = false
    /// Use an in-memory SQLite database (tests only).
    public var inMemoryDatabase: Bool
    /// Read the templates again on every page (`PSDESK_RELOAD_TEMPLATES=true`), for someone editing them. Off by
    /// default: re-reading and parsing them was a seventh of the case page's time (issue 12).
    public var reloadTemplates = false
    /// Where people reach this server (`PSDESK_PUBLIC_URL`, default `http://127.0.0.1:8080`): the links in emails.
    public var publicURL = "http://127.0.0.1:8080"
    /// The SMTP relay email goes through (`PSDESK_SMTP_*`); nil keeps every message in the outbox, undelivered.
    public var relay: MailRelay?
    /// The sender when an association has not set its own (`PSDESK_MAIL_FROM`).
    public var mailFrom = "psdesk@localhost"
    /// How often the mail worker looks for messages due (`PSDESK_MAIL_POLL_SECONDS`, default 10).
    public var mailPollSeconds = 10
    /// The first retry's wait after a refused or failed delivery, doubled each time (`PSDESK_MAIL_RETRY_SECONDS`, default 60).
    public var mailRetrySeconds = 60
    /// Attempts before a message is marked failed and waits for staff to resend it (`PSDESK_MAIL_ATTEMPTS`, default 8).
    public var mailAttempts = 8
    /// The key the ombuds' working notes and messages are sealed with (`PSDESK_OMBUDS_KEY`: 32 bytes in base64, as
    /// `openssl rand -base64 32` prints). Nil: a key file is made in the data folder on first use, outside the database
    /// (README, "Configuration"); tests use a fixed one.
    public var ombudsKey: Data?
    /// The HTML-to-PDF renderer letters are printed with (`PSDESK_WEASYPRINT`, default Debian's `/usr/bin/weasyprint`).
    public var pdfRenderer = "/usr/bin/weasyprint"

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
        // Papers only: a hearing's recording is filed by staff as one (S3 6.2.1), never as a paper.
        var types = DocumentType.papers
        if let raw = env["PSDESK_UPLOAD_TYPES"], !raw.isEmpty {
            types = []
            for name in raw.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
                if let type = DocumentType(rawValue: name), !type.isRecording { types.insert(type) } else {
                    problems.append("PSDESK_UPLOAD_TYPES names \"\(name)\"; known types are \(DocumentType.papers.map(\.rawValue).sorted().joined(separator: ","))")
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
            secureCookies: false,
            inMemoryDatabase: testing && databaseURL == nil
        )
        func flag(_ name: String) -> Bool? {
            guard let raw = env[name]?.lowercased(), !raw.isEmpty else { return nil }
            if ["1", "true", "yes", "on"].contains(raw) { return true }
            if ["0", "false", "no", "off"].contains(raw) { return false }
            problems.append("\(name)=\(raw) must be true or false")
            return nil
        }
        config.secureCookiesChoice = flag("PSDESK_SECURE_COOKIES")
        config.secureCookies = config.secureCookiesChoice ?? false
        config.hstsChoice = flag("PSDESK_HSTS")
        config.hsts = config.hstsChoice ?? false
        config.allowHTTP = flag("PSDESK_ALLOW_HTTP") ?? false
        config.postgresConnectionsPerLoop = integer("PSDESK_PG_CONNECTIONS", 8, 1...200)
        config.documentsDirectory = env["PSDESK_DOCUMENTS"].flatMap { $0.isEmpty ? nil : ($0.hasSuffix("/") ? String($0.dropLast()) : $0) }
        config.metricsToken = env["PSDESK_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        config.addressAttempts = integer("PSDESK_ADDRESS_ATTEMPTS", 20, 1...10_000)
        config.publicPerHour = integer("PSDESK_PUBLIC_PER_HOUR", 10, 1...100_000)
        config.behindProxy = flag("PSDESK_BEHIND_PROXY") ?? false
        config.reloadTemplates = ["1", "true", "yes"].contains(env["PSDESK_RELOAD_TEMPLATES"]?.lowercased() ?? "")
        if let raw = env["PSDESK_PUBLIC_URL"], !raw.isEmpty {
            if let url = URL(string: raw), ["http", "https"].contains(url.scheme ?? ""), url.host != nil {
                config.publicURL = raw.hasSuffix("/") ? String(raw.dropLast()) : raw
            } else {
                problems.append("PSDESK_PUBLIC_URL=\(raw) must be the server's address, like https://psdesk.association.example")
            }
        }
        if let from = env["PSDESK_MAIL_FROM"], !from.isEmpty {
            if EmailAddress.isPlausible(from) { config.mailFrom = from } else { problems.append("PSDESK_MAIL_FROM=\(from) is not an email address") }
        }
        config.mailPollSeconds = integer("PSDESK_MAIL_POLL_SECONDS", 10, 1...3600)
        config.mailRetrySeconds = integer("PSDESK_MAIL_RETRY_SECONDS", 60, 1...86_400)
        config.mailAttempts = integer("PSDESK_MAIL_ATTEMPTS", 8, 1...50)
        if let host = env["PSDESK_SMTP_HOST"], !host.isEmpty {
            let security = MailRelay.Security(rawValue: env["PSDESK_SMTP_SECURITY"]?.lowercased() ?? "starttls")
            if security == nil { problems.append("PSDESK_SMTP_SECURITY must be starttls, tls or none") }
            let user = env["PSDESK_SMTP_USER"].flatMap { $0.isEmpty ? nil : $0 }
            config.relay = MailRelay(host: host, port: integer("PSDESK_SMTP_PORT", 587, 1...65_535), security: security ?? .starttls,
                                     user: user, password: env["PSDESK_SMTP_PASSWORD"])
            if user != nil, (env["PSDESK_SMTP_PASSWORD"] ?? "").isEmpty { problems.append("PSDESK_SMTP_USER is set without PSDESK_SMTP_PASSWORD") }
        }
        if let raw = env["PSDESK_WEASYPRINT"], !raw.isEmpty { config.pdfRenderer = raw }
        if let raw = env["PSDESK_OMBUDS_KEY"], !raw.isEmpty {
            if let key = Data(base64Encoded: raw), key.count == 32 { config.ombudsKey = key } else {
                problems.append("PSDESK_OMBUDS_KEY must be 32 bytes in base64 (openssl rand -base64 32)")
            }
        } else if testing {
            config.ombudsKey = Data(repeating: 7, count: 32)
        }
        if !problems.isEmpty {
            let known = ["PSDESK_DATA", "DATABASE_URL", "PSDESK_MAX_UPLOAD_MB", "PSDESK_UPLOAD_TYPES", "PSDESK_LOCKOUT_ATTEMPTS",
                         "PSDESK_LOCKOUT_MINUTES", "PSDESK_ADDRESS_ATTEMPTS", "PSDESK_PUBLIC_PER_HOUR", "PSDESK_BEHIND_PROXY", "PSDESK_BCRYPT_COST", "PSDESK_SECURE_COOKIES", "PSDESK_HSTS", "PSDESK_ALLOW_HTTP", "PSDESK_RELOAD_TEMPLATES",
                         "PSDESK_PUBLIC_URL", "PSDESK_MAIL_FROM", "PSDESK_MAIL_POLL_SECONDS", "PSDESK_MAIL_RETRY_SECONDS", "PSDESK_MAIL_ATTEMPTS",
                         "PSDESK_SMTP_HOST", "PSDESK_SMTP_PORT", "PSDESK_SMTP_SECURITY", "PSDESK_SMTP_USER", "PSDESK_SMTP_PASSWORD",
                         "PSDESK_OMBUDS_KEY", "PSDESK_WEASYPRINT", "PSDESK_METRICS_TOKEN", "PSDESK_DOCUMENTS", "PSDESK_PG_CONNECTIONS"]
            let hidden: Set = ["DATABASE_URL", "PSDESK_SMTP_PASSWORD", "PSDESK_OMBUDS_KEY", "PSDESK_METRICS_TOKEN"]
            let set = known.filter { env[$0] != nil }.map { hidden.contains($0) ? "\($0)=(hidden)" : "\($0)=\(env[$0] ?? "")" }
            throw ConfigError(problems: problems, set: set)
        }
        return config
    }

    /// The configuration for serving on `host` (issue 21): beyond this machine, cookies are `Secure` and HSTS is sent
    /// unless explicitly turned off, and a configuration that would put passwords or session cookies on the network in
    /// the clear is refused with what to change. On loopback (a reverse proxy on the same machine, or a laptop) the
    /// settings stand as given.
    func servingOn(host: String) throws -> AppConfig {
        guard !Self.isLoopback(host) else { return self }
        var config = self
        config.secureCookies = secureCookiesChoice ?? true
        config.hsts = hstsChoice ?? true
        var problems: [String] = []
        let listening = "PSDesk would listen on \(host), beyond this machine"
        if !allowHTTP {
            if !publicURL.hasPrefix("https://") {
                problems.append("\(listening), but PSDESK_PUBLIC_URL is \(publicURL): passwords and sessions would cross the network in the clear. Serve it behind HTTPS and set PSDESK_PUBLIC_URL=https://…, or set PSDESK_ALLOW_HTTP=true on a closed network you trust")
            }
            if secureCookiesChoice == false {
                problems.append("\(listening) with PSDESK_SECURE_COOKIES=false: a session cookie could be sent over plain HTTP. Unset it, or set PSDESK_ALLOW_HTTP=true on a closed network you trust")
            }
        }
        if bcryptCost < 10 {
            problems.append("\(listening) with PSDESK_BCRYPT_COST=\(bcryptCost): below 10, stolen password hashes are cheap to crack. Unset it (12)")
        }
        if let relay, relay.security == .none, relay.user != nil, !Self.isLoopback(relay.host) {
            problems.append("PSDESK_SMTP_SECURITY=none sends the SMTP password to \(relay.host) in the clear. Use starttls or tls")
        }
        if !problems.isEmpty { throw ConfigError(problems: problems, set: ["--hostname \(host)"]) }
        return config
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }

    /// Every throttle's limit (`Throttle`), from the settings above.
    var signInAddress: Throttle.Limit { .init(action: "sign-in-address", count: addressAttempts, window: lockoutMinutes * 60, what: "failed sign-ins") }
    var signInAccount: Throttle.Limit { .init(action: "sign-in-account", count: lockoutAttempts, window: lockoutMinutes * 60, what: "sign-in attempts") }
    var publicFiling: Throttle.Limit { .init(action: "public-filing", count: publicPerHour, window: 3600, what: "complaints filed") }
    var caseLookup: Throttle.Limit { .init(action: "case-lookup", count: publicPerHour, window: 3600, what: "case look-ups") }
    /// A conversation takes several posts (key, reply, certificate), so three times the others.
    var ombudsInquiry: Throttle.Limit { .init(action: "ombuds", count: publicPerHour * 3, window: 3600, what: "ombuds requests") }
    var passwordReset: Throttle.Limit { .init(action: "password-reset", count: publicPerHour, window: 3600, what: "password reset requests") }
    /// All of them (the sweep keeps the longest window).
    var throttleLimits: [Throttle.Limit] { [signInAddress, signInAccount, publicFiling, caseLookup, ombudsInquiry, passwordReset] }

    public var sqlitePath: String { dataDirectory + "/psdesk.sqlite" }
    /// The document store: `PSDESK_DOCUMENTS`, a folder every instance of a service shares (issue 21), or the data folder's.
    public var blobDirectory: String { documentsDirectory ?? dataDirectory + "/documents" }
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
