import Vapor
import Fluent
import StandardsCore

/// `psdesk setup --email ADDRESS`: the first administrator of a fresh installation (issue 13), with a one-time link
/// to choose a password.
struct SetupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The administrator's email address") var email: String?
        @Option(name: "name", help: "The administrator's name as PSDesk shows it (default: the email)") var name: String?
        @Option(name: "url", help: "Where people reach this server (default PSDESK_PUBLIC_URL, or http://127.0.0.1:8080)") var url: String?
    }
    var help: String { "Create the first administrator and print a one-time sign-in link" }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        do {
            let made = try await AdministratorSetup.run(email: signature.email ?? "", name: signature.name,
                                                        serverURL: signature.url ?? context.application.psdesk.publicURL, on: context.application)
            context.console.print("Administrator: \(made.email)")
            context.console.print("Open this link within 24 hours to choose a password. It works once and is not shown again:")
            context.console.print(made.link)
        } catch let error as AppError {
            context.console.error(error.message)
            throw CommandFailure(code: error.status == .badRequest ? 2 : 1)
        }
    }
}

/// Makes the installation's first administrator. Refused once an administrator exists, except to give the same
/// administrator a new link while they have never used one (the first expired or was lost): only the newest works.
enum AdministratorSetup {
    static func run(email raw: String, name: String?, serverURL: String, on app: Application) async throws -> (email: String, link: String) {
        let email = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard EmailAddress.isPlausible(email) else {
            throw AppError.invalid("--email must be an email address, like psa@association.example.", code: "bad_email")
        }
        let base = serverURL.trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
        guard let url = URL(string: base), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw AppError.invalid("--url must be the server's address, like https://psdesk.association.example.", code: "bad_url")
        }
        let db = app.db
        let user: User
        if let existing = try await User.query(on: db).filter(\.$isAdministrator == true).first() {
            let welcomed = try await SignInLink.query(on: db).filter(\.$user.$id == existing.requireID())
                .filter(\.$purpose == SignInLinks.Purpose.welcome.rawValue).filter(\.$usedAt != nil).count() > 0
            guard existing.email.lowercased() == email, !welcomed else {
                throw AppError(.conflict, code: "administrator_exists",
                               message: "This installation already has an administrator (\(existing.email)); setup makes only the first.")
            }
            user = existing
        } else if let account = try await User.query(on: db).filter(\.$email == email).first() {
            account.isAdministrator = true
            try await account.save(on: db)
            user = account
        } else {
            // No password until the link sets one: the account cannot be signed in to before.
            user = User.awaitingPassword(email: email, displayName: name.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : String($0.prefix(120)) } ?? email,
                                         isAdministrator: true)
            try await user.create(on: db)
        }
        let token = try await SignInLinks.issue(for: user, .welcome, now: app.clock.now(), on: db)
        return (user.email, "\(base)/welcome/\(token)")
    }
}
