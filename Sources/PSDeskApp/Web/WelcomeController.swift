import Vapor
import Fluent
import StandardsCore

/// One-time links that set a password (issue 13): the first administrator's welcome from `psdesk setup`, an
/// invitation to a role or to a party's account, and a password reset. Opening one asks for a password; choosing it
/// signs the person in (a reset also signs out every other session). A link expired, used or mistyped gets one answer.
struct WelcomeController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        let web = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection())
        web.get("welcome", ":token", use: page)
        web.post("welcome", ":token", use: choosePassword)
        web.get("password", "reset", ":token", use: page)
        web.post("password", "reset", ":token", use: choosePassword)
    }

    /// The links these pages take.
    static let settingPassword: Set<SignInLinks.Purpose> = [.welcome, .invitation, .passwordReset]

    /// Passwords are at least this long; no other rule (NIST SP 800-63B): length is what resists guessing.
    static let minimumPasswordLength = 12
    static let maximumPasswordLength = 200

    struct Form: Content { var password: String?; var confirmation: String? }

    /// What is wrong with a new password, and in which field: the one rule for every form that sets one.
    static func passwordProblem(_ password: String, confirmation: String, words: Wording = Wording(.en)) -> (field: String, message: String)? {
        if password.count < minimumPasswordLength { return ("password", words("account_errorShort", ["min": String(minimumPasswordLength)])) }
        if password.count > maximumPasswordLength { return ("password", words("account_errorLong", ["max": String(maximumPasswordLength)])) }
        if password != confirmation { return ("confirmation", words("account_errorDiffer")) }
        return nil
    }

    func page(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let (link, user) = try await SignInLinks.holder(of: token, Self.settingPassword, now: req.application.clock.now(), on: req.db) else {
            return try await gone(req)
        }
        return try await render(req, link: link, user: user, errors: [:], status: .ok)
    }

    func choosePassword(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let now = req.application.clock.now()
        guard let (link, user) = try await SignInLinks.holder(of: token, Self.settingPassword, now: now, on: req.db) else { return try await gone(req) }
        let form = try req.content.decode(Form.self)
        let password = form.password ?? ""
        var errors: [String: String] = [:]
        if let problem = Self.passwordProblem(password, confirmation: form.confirmation ?? "") { errors[problem.field] = problem.message }
        guard errors.isEmpty else { return try await render(req, link: link, user: user, errors: errors, status: .unprocessableEntity) }
        let hash = try await req.application.passwordWork.hash(password)
        // Claimed before the password is set: of two submissions only one sets it.
        guard try await SignInLinks.redeem(link, now: now, on: req.db) else { return try await gone(req) }
        user.passwordHash = hash
        user.awaitingPassword = false
        // A new password ends every session that began with the old one.
        if link.purpose == SignInLinks.Purpose.passwordReset.rawValue { user.sessionEpoch += 1 }
        try await user.save(on: req.db)
        // A new password lifts a lock left by someone guessing the old one.
        try await Throttle.clear(req.application.psdesk.signInAccount, key: user.email, on: req.db)
        try await WebController.startSession(req, userID: user.requireID())
        req.logger.info("one-time link used", metadata: ["user": .string(user.id?.uuidString ?? ""), "purpose": .string(link.purpose)])
        Flash.said(req, link.purpose == SignInLinks.Purpose.passwordReset.rawValue
                   ? "Your new password is set, and every other session is signed out." : "Your password is set; you are signed in.")
        return req.redirect(to: "/")
    }

    private func render(_ req: Request, link: SignInLink, user: User, errors: [String: String], status: HTTPStatus) async throws -> Response {
        let reset = link.purpose == SignInLinks.Purpose.passwordReset.rawValue
        let roles = try await RoleAssignment.query(on: req.db).filter(\.$user.$id == user.requireID()).with(\.$association).all()
            .compactMap { r in Role(rawValue: r.role).map { "\($0.label) at \(r.association.name)" } }
        let intro = reset ? "Choose a new password for \(user.email). Every other session of this account will be signed out."
            : user.isAdministrator ? "You administer this installation as \(user.email). Choose a password to sign in; this link then stops working."
            : "You were invited as \(roles.isEmpty ? "a user" : roles.sorted().joined(separator: ", ")), signing in as \(user.email). Choose a password; this link then stops working."
        return try await req.view.render("welcome", WelcomePage(layout: LayoutContext(request: req, title: reset ? "New password" : "Welcome"), valid: true,
                                                                 heading: reset ? "Choose a new password" : "Welcome to PSDesk", intro: intro, email: user.email,
                                                                 actionURL: req.url.path, minimumLength: Self.minimumPasswordLength,
                                                                 errors: errors)).encodeResponse(status: status, for: req)
    }

    private func gone(_ req: Request) async throws -> Response {
        try await req.view.render("welcome", WelcomePage(layout: LayoutContext(request: req, title: "Link no longer valid"), valid: false,
                                                          heading: "This link no longer works", intro: "", email: "",
                                                          actionURL: "", minimumLength: Self.minimumPasswordLength, errors: [:]))
            .encodeResponse(status: .gone, for: req)
    }
}

struct WelcomePage: Encodable {
    let layout: LayoutContext
    /// The link is one that works now.
    let valid: Bool
    let heading: String
    let intro: String
    let email: String
    let actionURL: String
    let minimumLength: Int
    /// Field name → what is wrong with it.
    let errors: [String: String]
}
