import Vapor
import Fluent
import SQLKit
import StandardsCore

/// `psdesk seed --demo`: fills the demo associations, members, accounts and cases (once).
/// `psdesk seed --synthetic N [--association SLUG] [--seed S]`: a data set of N cases for measuring (issue 12).
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "demo", help: "Load the demo data set") var demo: Bool
        @Option(name: "synthetic", help: "Write this many synthetic cases (1 to 1,000,000), for measuring") var synthetic: Int?
        @Option(name: "association", short: "a", help: "The association to fill with --synthetic (default: synthetic)") var association: String?
        @Option(name: "seed", help: "The random seed for --synthetic: the same seed gives the same data (default 1)") var seed: Int?
    }
    var help: String { "Load data: --demo fills a realistic demo and prints its logins; --synthetic N writes N cases for measuring" }

    func run(using context: CommandContext, signature: Signature) async throws {
        if let count = signature.synthetic {
            guard (1...1_000_000).contains(count) else {
                context.console.error("--synthetic takes a number of cases from 1 to 1,000,000.")
                throw CommandFailure(code: 2)
            }
            try await context.application.autoMigrate()
            let console = context.console
            let started = Date()
            let result = try await SyntheticSeed.run(cases: count, slug: signature.association ?? "synthetic", seed: UInt64(max(0, signature.seed ?? 1)),
                                                     bcryptCost: context.application.psdesk.bcryptCost, on: context.application.db) { done in
                if done % 10_000 == 0 || done == count { console.print("\(done) of \(count) cases written") }
            }
            console.print("Wrote \(result.cases) cases (\(result.entries) docket entries, \(result.people) people) to association "
                          + "\"\(result.association)\" in \(Int(Date().timeIntervalSince(started))) s.")
            if let password = result.staffPassword { console.print("Staff login: \(result.staffEmail) password: \(password) (shown once)") }
            return
        }
        guard signature.demo else {
            context.console.error("Nothing to seed: pass --demo, or --synthetic N.")
            throw CommandFailure(code: 2)
        }
        try await context.application.autoMigrate()
        let result = try await DemoSeed.run(on: context.application.db, config: context.application.psdesk)
        context.console.print(result.summary)
    }
}

/// `psdesk members import FILE.csv --association SLUG`.
struct MembersCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["import": MembersImportCommand()] }
    var help: String { "Member roster commands" }
}

struct MembersImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV roster; columns: \(Roster.columns.joined(separator: ","))") var file: String
        @Option(name: "association", short: "a", help: "Association slug") var association: String?
    }
    var help: String { "Import a member roster CSV in one transaction; any bad row imports nothing" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let data = FileManager.default.contents(atPath: signature.file), let text = String(data: data, encoding: .utf8) else {
            context.console.error("Cannot read \(signature.file) as UTF-8 text.")
            throw CommandFailure(code: 1)
        }
        let associations = try await Association.query(on: app.db).all()
        let slug = signature.association ?? (associations.count == 1 ? associations[0].slug : "")
        guard let association = associations.first(where: { $0.slug == slug }), let id = association.id else {
            context.console.error("Name the association with --association; known: \(associations.map(\.slug).joined(separator: ", "))")
            throw CommandFailure(code: 2)
        }
        let outcome = try await ImportRoster.run(csvText: text, associationID: id, on: app.db)
        if outcome.errors.isEmpty {
            context.console.print("Imported \(outcome.imported) members into \(association.name).")
        } else {
            for error in outcome.errors { context.console.error("\(signature.file): \(error)") }
            context.console.error("Nothing was imported (\(outcome.errors.count) bad row(s)).")
            throw CommandFailure(code: 1)
        }
    }
}

/// `psdesk tokens create --email E [--name N]`, `psdesk tokens list`, `psdesk tokens revoke ID`.
struct TokensCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["create": TokensCreate(), "revoke": TokensRevoke(), "list": TokensList()] }
    var help: String { "API bearer tokens (stored hashed; shown once)" }
}

struct TokensCreate: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The user the token acts as") var email: String?
        @Option(name: "name", help: "What the token is for") var name: String?
    }
    var help: String { "Create a token; it is printed once and only its hash is kept" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let email = signature.email else { context.console.error("--email is required."); throw CommandFailure(code: 2) }
        try await context.application.autoMigrate()
        do {
            let (token, record) = try await APITokens.create(email: email, name: signature.name ?? "api", on: context.application.db)
            context.console.print("Token \(record.id?.uuidString ?? "") for \(email). Copy it now; it is not shown again:")
            context.console.print(token)
        } catch let error as AppError {
            context.console.error(error.message)
            throw CommandFailure(code: 1)
        }
    }
}

struct TokensRevoke: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id", help: "Token id from `tokens list`") var id: String
    }
    var help: String { "Revoke a token" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let id = UUID(uuidString: signature.id) else { context.console.error("Not a token id."); throw CommandFailure(code: 2) }
        do {
            try await APITokens.revoke(id: id, now: Date(), on: context.application.db)
            context.console.print("Revoked \(id).")
        } catch let error as AppError {
            context.console.error(error.message)
            throw CommandFailure(code: 1)
        }
    }
}

struct TokensList: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "List tokens (ids, owners, state; never the secret)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let tokens = try await APIToken.query(on: context.application.db).with(\.$user).sort(\.$createdAt).all()
        for token in tokens {
            context.console.print("\(token.id?.uuidString ?? "")  \(token.user.email)  \(token.name)  \(token.revokedAt == nil ? "active" : "revoked")")
        }
    }
}

/// `psdesk backup FOLDER`: the database and every document, consistent while the server serves (`BackupArchive`).
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "folder", help: "Where to write the backup (a new folder)") var folder: String
    }
    var help: String { "Back up the database and the document store into a new folder, with a manifest of SHA-256s" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let config = context.application.psdesk
        let summary: BackupArchive.Summary
        do {
            summary = try await BackupArchive.write(to: signature.folder, config: config, db: context.application.db) { context.console.print($0) }
        } catch let error as AppError {
            context.console.error(error.message)
            throw CommandFailure(code: 1)
        }
        context.console.print("Backed up \(config.databaseURL == nil ? config.sqlitePath : "the documents") and \(summary.documents) documents (\(summary.bytes / 1_000_000) MB) to \(signature.folder).")
        if config.databaseURL != nil {
            context.console.warning("PSDesk is on PostgreSQL: the database itself is pg_dump's, taken before this (README, \"Backups\").")
        }
    }
}

/// `psdesk restore FOLDER`: a backup into an empty data folder, verified before and after (`BackupArchive`).
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "folder", help: "A folder `psdesk backup` wrote") var folder: String
    }
    var help: String { "Restore a backup into an empty data folder, then check the database and every document's SHA-256" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        do {
            let summary = try BackupArchive.restore(from: signature.folder, config: app.psdesk) { context.console.print($0) }
            // A backup from an older PSDesk is brought up to date before it is checked.
            try await app.autoMigrate()
            let check = try await BackupArchive.check(config: app.psdesk, db: app.db)
            context.console.print("Restored \(summary.documents) documents (\(summary.bytes / 1_000_000) MB). Database integrity: \(check.integrity). "
                                  + "Documents referred to and verified by SHA-256: \(check.documentsVerified).")
            guard check.integrity == "ok", check.missingOrAltered.isEmpty else {
                context.console.error("Not whole: \(check.missingOrAltered.count) documents missing or altered (\(check.missingOrAltered.prefix(5).joined(separator: ", ")))")
                throw CommandFailure(code: 1)
            }
        } catch let error as AppError {
            context.console.error(error.message)
            throw CommandFailure(code: 1)
        }
    }
}

/// `psdesk permissions`: prints the role × permission table (kept as docs/permissions.md).
struct PermissionsCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Print the role × permission table as Markdown" }

    func run(using context: CommandContext, signature: Signature) async throws {
        context.console.print(AccessPolicy.markdownTable(), newLine: false)
    }
}

/// A command that has already told the user what went wrong; the executable exits with `code`.
/// Logged at debug level only: the user has read the reason already.
public struct CommandFailure: DebuggableError {
    public let code: Int32
    public var identifier: String { "command_failed" }
    public var reason: String { "exit code \(code)" }
    public var logLevel: Logger.Level { .debug }
}

/// `psdesk projections rebuild [--association SLUG]`: every read model recomputed from the dockets (issue 12), with
/// progress. For after a restore, a change of rule profile or calendar, or a roster import that closed a gap.
struct ProjectionsCommand: AsyncCommandGroup {
    var help: String { "The read models the lists use: rebuild them from the dockets" }
    var commands: [String: any AnyAsyncCommand] { ["rebuild": ProjectionsRebuild()] }
}

struct ProjectionsRebuild: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "association", short: "a", help: "Only this association (its short name)") var association: String?
    }
    var help: String { "Recompute each case's open time frames, ledger and discipline, and the counts, from the dockets" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = try await migratedDatabase(context, association: signature.association)
        let console = context.console
        let started = Date()
        let done = try await ReadModels.rebuild(association: signature.association, now: context.application.clock.now(), on: db) { done, total in
            if done % 10_000 < 500 || done == total { console.print("\(done) of \(total) cases") }
        }
        console.print("Rebuilt the read models of \(done) cases in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
    }
}

struct AuditCommand: AsyncCommandGroup {
    var help: String { "Tamper evidence: check the docket's hash chains and the association's day anchors" }
    var commands: [String: any AnyAsyncCommand] { ["verify": AuditVerify()] }
}

/// `psdesk audit verify`: every case's chain and every association's days computed again (issue 20, item 2); the first
/// break of each is named and the command fails, so a scheduled run alerts.
struct AuditVerify: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "association", short: "a", help: "Only this association (its short name)") var association: String?
    }
    var help: String { "Recompute each entry's hash and each day's anchor; name the first break (exit 1 when one is found)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = try await migratedDatabase(context, association: signature.association)
        let console = context.console
        let started = Date()
        let (cases, findings) = try await DocketChainStore.verify(association: signature.association, on: db) { done, total in
            if done % 10_000 == 0 || done == total { console.print("\(done) of \(total) cases") }
        }
        for finding in findings { console.error(finding.description) }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        guard findings.isEmpty else {
            console.error("\(findings.count) break\(findings.count == 1 ? "" : "s") in \(cases) cases (\(seconds) s).")
            throw CommandFailure(code: 1)
        }
        console.print("Verified \(cases) cases and their days: every hash follows (\(seconds) s).")
    }
}

/// The database, migrated, for a command that may be narrowed to one association (`--association`), which must exist.
func migratedDatabase(_ context: CommandContext, association slug: String?) async throws -> Database {
    try await context.application.autoMigrate()
    let db = context.application.db
    if let slug, try await Association.query(on: db).filter(\.$slug == slug).count() == 0 {
        context.console.error("No association \"\(slug)\".")
        throw CommandFailure(code: 2)
    }
    return db
}
