import Vapor
import Fluent

/// Everything the `psdesk` executable does before running a command: read the configuration, set up
/// the app and register PSDesk's own commands beside Vapor's `serve` and `migrate`.
public enum PSDesk {
    public static func bootstrap(_ app: Application) async throws {
        let config = try AppConfig.fromEnvironment(testing: app.environment == .testing)
        try await configure(app, config: config)
        app.asyncCommands.use(SeedCommand(), as: "seed")
        app.asyncCommands.use(MembersCommand(), as: "members")
        app.asyncCommands.use(TokensCommand(), as: "tokens")
        app.asyncCommands.use(SetupCommand(), as: "setup")
        app.asyncCommands.use(BackupCommand(), as: "backup")
        app.asyncCommands.use(RestoreCommand(), as: "restore")
        app.asyncCommands.use(PermissionsCommand(), as: "permissions")
        app.asyncCommands.use(DeadlinesCommand(), as: "deadlines")
        app.asyncCommands.use(CheckCommand(), as: "check")
        app.asyncCommands.use(ProfilesCommand(), as: "profiles")
        app.asyncCommands.use(DocsCommand(), as: "docs")
        app.asyncCommands.use(ProjectionsCommand(), as: "projections")
        app.asyncCommands.use(AuditCommand(), as: "audit")
    }

    /// The address `serve` will listen on, from its arguments (`--hostname`, `-H`, `--bind`, `-b`) or Vapor's default;
    /// then the configuration for it (`AppConfig.servingOn(host:)`): secure by default beyond loopback, and refused
    /// when insecure. A Unix socket is reached only through this machine.
    public static func secureForServing(_ app: Application, arguments: [String]) throws {
        var host = app.http.server.configuration.hostname
        for (index, argument) in arguments.enumerated() where index + 1 < arguments.count {
            if argument == "--hostname" || argument == "-H" { host = arguments[index + 1] }
            if argument == "--bind" || argument == "-b" {
                let bind = arguments[index + 1]
                host = bind.hasPrefix("[") ? String(bind.prefix { $0 != "]" }.dropFirst()) : String(bind.split(separator: ":").first ?? "")
            }
            if argument == "--unix-socket" { host = "localhost" }
        }
        app.psdesk = try app.psdesk.servingOn(host: host)
        if !AppConfig.isLoopback(host) {
            app.logger.notice("Listening beyond this machine on \(host): cookies are \(app.psdesk.secureCookies ? "Secure" : "NOT Secure"), HSTS \(app.psdesk.hsts ? "on" : "off")")
        }
    }

    /// `serve` migrates first, so a fresh clone needs no separate step; `--demo` then fills the demo
    /// data once and prints the logins.
    public static func prepareToServe(_ app: Application, demo: Bool) async throws {
        // Instances started together on one PostgreSQL migrate one at a time (issue 21).
        try await BackgroundLock.runAlone("psdesk.migrations", on: app.db) { try await app.autoMigrate() }
        if !app.psdesk.inMemoryDatabase {
            try await DatabaseTuning.apply(to: app.db)
            try await DatabaseTuning.forServing(app)
        }
        if demo {
            let result = try await DemoSeed.run(on: app.db, config: app.psdesk)
            print(result.summary)
        }
    }
}
