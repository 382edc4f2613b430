import Vapor
import Fluent
import StandardsCore

/// A person's own account (issue 13, item 3): change the password (knowing the current one), change the email address
/// (confirmed by a link sent to the new one), API tokens made and revoked from the web, "sign out everywhere"; and, for
/// anyone, "forgot my password", which answers the same whether or not the address has an account.
struct AccountController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        let web = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection())
        web.get("password", "forgot", use: forgotPage)
        web.post("password", "forgot", use: forgot)
        web.get("account", "email", ":token", use: confirmEmailPage)
        web.post("account", "email", ":token", use: confirmEmail)
        let account = web.grouped(RequireActor()).grouped("account")
        account.get(use: page)
        account.post("password", use: changePassword)
        account.post("email", use: changeEmail)
        account.post("tokens", use: createToken)
        account.post("tokens", ":token", "revoke", use: revokeToken)
        account.post("sign-out-everywhere", use: signOutEverywhere)
        account.post("language", use: chooseLanguage)
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let said: [String]
        let name: String
        let email: String
        let errors: [String: String]
        let newEmail: String
        let tokenName: String
        /// A token just made: shown this once.
        let newToken: String?
        let tokens: [Token]
        struct Token: Encodable { let name: String; let created: String; let lastUsed: String; let revokeURL: String }
        /// The private calendar link (issue 19): its address only just after it is made, since only its hash is kept.
        let calendar: Calendar
        struct Calendar: Encodable { let newURL: String?; let madeAt: String?; let lastReadAt: String? }
        /// The language letters reach a party in (issue 19); only for an account that is a person in a case.
        let languages: [NewCasePage.Option]?
    }

    func page(req: Request) async throws -> View { try await render(req, errors: [:]) }

    private func render(_ req: Request, errors: [String: String], newEmail: String = "", tokenName: String = "", newToken: String? = nil) async throws -> View {
        try await Self.renderPage(req, errors: errors, newEmail: newEmail, tokenName: tokenName, newToken: newToken)
    }

    static func renderPage(_ req: Request, errors: [String: String] = [:], newEmail: String = "", tokenName: String = "", newToken: String? = nil,
                           newCalendarURL: String? = nil) async throws -> View {
        let actor = try req.requireActor()
        let tokens = try await APIToken.query(on: req.db).filter(\.$user.$id == actor.userID).filter(\.$revokedAt == nil).sort(\.$createdAt, .descending).all()
        let feed = try await CalendarFeedRecord.query(on: req.db).filter(\.$user.$id == actor.userID).first()
        var person: Person?
        if let id = actor.personID { person = try await Person.find(id, on: req.db) }
        return try await req.view.render("account", Page(
            layout: LayoutContext(request: req, title: "Your account", associations: try await LayoutContext.associations(of: actor, on: req.db)), said: Flash.takeSaid(req),
            name: actor.displayName, email: actor.email, errors: errors, newEmail: newEmail, tokenName: tokenName, newToken: newToken,
            tokens: tokens.compactMap { t in t.id.map { id in
                .init(name: t.name, created: t.createdAt.map { TimestampFormatting.local($0, timeZone: "UTC") } ?? "—",
                      lastUsed: t.lastUsedAt.map { TimestampFormatting.local($0, timeZone: "UTC") } ?? "never", revokeURL: "/account/tokens/\(id)/revoke")
            } },
            calendar: .init(newURL: newCalendarURL, madeAt: feed?.createdAt.map { TimestampFormatting.local($0, timeZone: "UTC") },
                            lastReadAt: feed?.lastReadAt.map { TimestampFormatting.local($0, timeZone: "UTC") }),
            languages: person.map { p in LetterLanguage.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: p.letterLanguage == $0) } }))
    }

    private func user(_ req: Request) async throws -> User {
        guard let user = try await User.find(try req.requireActor().userID, on: req.db) else { throw AppError.unauthenticated }
        return user
    }

    /// The password check, the same as at sign-in (failures count towards the lock).
    private func currentPasswordHolds(_ req: Request, _ user: User, _ password: String) async throws -> Bool {
        let outcome = try await SignIn.run(email: user.email, password: password, client: req.clientAddress, config: req.application.psdesk,
                                           passwords: req.application.passwordWork, now: req.application.clock.now(), on: req.db)
        return outcome == .signedIn(try user.requireID())
    }

    func changePassword(req: Request) async throws -> Response {
        struct Body: Content { var current: String?; var password: String?; var confirmation: String? }
        let body = try req.content.decode(Body.self)
        let user = try await user(req)
        var errors: [String: String] = [:]
        if let problem = WelcomeController.passwordProblem(body.password ?? "", confirmation: body.confirmation ?? "") { errors[problem.field] = problem.message }
        if errors.isEmpty, !(try await currentPasswordHolds(req, user, body.current ?? "")) {
            errors["current"] = "That is not your current password."
        }
        guard errors.isEmpty else { return try await render(req, errors: errors).encodeResponse(status: .unprocessableEntity, for: req) }
        user.passwordHash = try await req.application.passwordWork.hash(body.password ?? "")
        user.sessionEpoch += 1
        try await user.save(on: req.db)
        // Every other session ends with the old password; this one continues under the new epoch.
        try await WebController.startSession(req, userID: user.requireID())
        Flash.said(req, "Your password was changed; every other session was signed out.")
        return req.redirect(to: "/account")
    }

    func changeEmail(req: Request) async throws -> Response {
        struct Body: Content { var email: String?; var current: String? }
        let body = try req.content.decode(Body.self)
        let user = try await user(req)
        let newEmail = EmailAddress.normalized(body.email ?? "")
        var errors: [String: String] = [:]
        if !EmailAddress.isPlausible(newEmail) { errors["newEmail"] = "Enter the new address, like name@example.com." }
        else if newEmail == user.email { errors["newEmail"] = "That is already your address." }
        if errors.isEmpty, !(try await currentPasswordHolds(req, user, body.current ?? "")) { errors["emailCurrent"] = "That is not your current password." }
        guard errors.isEmpty else { return try await render(req, errors: errors, newEmail: body.email ?? "").encodeResponse(status: .unprocessableEntity, for: req) }
        // Whether the new address already belongs to an account is not said here (nor when confirming it fails).
        let now = req.application.clock.now()
        try await req.db.transaction { tx in
            let token = try await SignInLinks.issue(for: user, .emailChange, newEmail: newEmail, now: now, on: tx)
            try await Outbox.enqueue(AccountMail.emailChange(to: user, newEmail: newEmail, link: "/account/email/\(token)"), association: nil, now: now, on: tx)
        }
        Flash.said(req, "A link to confirm the change was sent to \(newEmail). Your address stays \(user.email) until it is used.")
        return req.redirect(to: "/account")
    }

    func confirmEmailPage(req: Request) async throws -> Response {
        guard let (link, _) = try await SignInLinks.holder(of: req.parameters.get("token") ?? "", [.emailChange], now: req.application.clock.now(), on: req.db) else {
            return try await gone(req)
        }
        struct ConfirmPage: Encodable { let layout: LayoutContext; let newEmail: String; let actionURL: String }
        return try await req.view.render("account-email", ConfirmPage(layout: LayoutContext(request: req, title: "Confirm your new address"),
                                                                     newEmail: link.newEmail ?? "", actionURL: req.url.path)).encodeResponse(for: req)
    }

    func confirmEmail(req: Request) async throws -> Response {
        let now = req.application.clock.now()
        guard let (link, user) = try await SignInLinks.holder(of: req.parameters.get("token") ?? "", [.emailChange], now: now, on: req.db),
              let newEmail = link.newEmail,
              try await User.query(on: req.db).filter(\.$email == newEmail).count() == 0,
              try await SignInLinks.redeem(link, now: now, on: req.db) else {
            return try await gone(req)
        }
        let before = user.email
        user.email = newEmail
        try await user.save(on: req.db)
        req.logger.info("email changed", metadata: ["user": .string(user.id?.uuidString ?? "")])
        Flash.said(req, "Your address is now \(newEmail) (it was \(before)); sign in with it from now on.")
        return req.redirect(to: req.actor == nil ? "/login" : "/account")
    }

    private func gone(_ req: Request) async throws -> Response {
        try await req.view.render("error", ErrorPage(layout: LayoutContext(request: req, title: "Link no longer valid"), status: 410,
                                                     heading: "This link no longer works",
                                                     message: "It was used, it expired, or the address now belongs to another account. Ask again from your account page.", rule: nil,
                                                     requestID: req.id))
            .encodeResponse(status: .gone, for: req)
    }

    func createToken(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let name = ((try? req.content.get(String.self, at: "name")) ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 80, !name.contains(where: { $0.isNewline }) else {
            return try await render(req, errors: ["tokenName": "Name the token after what will use it (at most 80 characters), like \"monthly report script\"."],
                                    tokenName: name).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let (token, _) = try await APITokens.create(email: actor.email, name: name, on: req.db)
        req.logger.info("API token created from the web", metadata: ["user": .string(actor.userID.uuidString)])
        return try await render(req, errors: [:], newToken: token).encodeResponse(status: .created, for: req)
    }

    func revokeToken(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        // Only the owner's own tokens: another's is not found.
        guard let id = req.parameters.get("token").flatMap(UUID.init(uuidString:)),
              let token = try await APIToken.query(on: req.db).filter(\.$id == id).filter(\.$user.$id == actor.userID).filter(\.$revokedAt == nil).first() else {
            throw AppError.notFound("token")
        }
        try await APITokens.revoke(id: token.requireID(), now: req.application.clock.now(), on: req.db)
        Flash.said(req, "The token \"\(token.name)\" was revoked; anything using it is refused from now on.")
        return req.redirect(to: "/account")
    }

    /// The language of the person's letters, reminders and messages' notices (issue 19).
    func chooseLanguage(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        guard let id = actor.personID, let person = try await Person.find(id, on: req.db) else { throw AppError.notFound("person") }
        guard let language = (try? req.content.get(String.self, at: "language")).flatMap(LetterLanguage.init(rawValue:)) else {
            throw AppError(.unprocessableEntity, code: "unknown_language", message: "Choose English or Español.")
        }
        person.language = language == .en ? nil : language.rawValue
        try await person.save(on: req.db)
        Flash.said(req, language == .es ? "Sus cartas y sus páginas de casos le llegarán en español a partir de ahora."
                                        : "Your letters and case pages will reach you in English from now on.")
        // The pages follow at once in this browser, whatever it chose before.
        let response = req.redirect(to: "/account")
        LanguageChoice.remember(language, on: response, for: req)
        return response
    }

    func signOutEverywhere(req: Request) async throws -> Response {
        let user = try await user(req)
        user.sessionEpoch += 1
        try await user.save(on: req.db)
        req.session.destroy()
        return req.redirect(to: Paths.login)
    }

    // MARK: forgotten password

    struct ForgotPage: Encodable { let layout: LayoutContext; let email: String; let sent: Bool; let error: String? }

    func forgotPage(req: Request) async throws -> View {
        try await req.view.render("forgot", ForgotPage(layout: LayoutContext(request: req, title: "Forgot your password"), email: "", sent: false, error: nil))
    }

    /// The same answer, after the same work, whether or not the address has an account: a link is emailed only when
    /// it does (and the account is active), and nothing on the page says which.
    func forgot(req: Request) async throws -> Response {
        let email = EmailAddress.normalized((try? req.content.get(String.self, at: "email")) ?? "")
        guard EmailAddress.isPlausible(email) else {
            return try await req.view.render("forgot", ForgotPage(layout: LayoutContext(request: req, title: "Forgot your password"), email: email, sent: false,
                                                                  error: "Enter the email address you sign in with.")).encodeResponse(status: .unprocessableEntity, for: req)
        }
        // Each request may send an email: a flood from one address is stopped (issue 21).
        try await Throttle.require(req.application.psdesk.passwordReset, for: req)
        let now = req.application.clock.now()
        if let user = try await User.query(on: req.db).filter(\.$email == email).filter(\.$deactivatedAt == nil).first() {
            try await req.db.transaction { tx in
                let token = try await SignInLinks.issue(for: user, .passwordReset, now: now, on: tx)
                try await Outbox.enqueue(AccountMail.passwordReset(to: user, link: "/password/reset/\(token)"), association: nil, now: now, on: tx)
            }
        }
        return try await req.view.render("forgot", ForgotPage(layout: LayoutContext(request: req, title: "Forgot your password"), email: email, sent: true, error: nil))
            .encodeResponse(for: req)
    }
}
