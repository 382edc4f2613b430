import Vapor
import Fluent

/// The first administrator's welcome (issue 13): `psdesk setup` prints a one-time link; opening it asks for a
/// password, and choosing one signs the administrator in. A link expired, used or mistyped gets one answer.
struct WelcomeController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.sessions.middleware }

    func boot(routes: RoutesBuilder) throws {
        let web = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection())
        web.get("welcome", ":token", use: page)
        web.post("welcome", ":token", use: choosePassword)
    }

    /// Passwords are at least this long; no other rule (NIST SP 800-63B): length is what resists guessing.
    static let minimumPasswordLength = 12
    static let maximumPasswordLength = 200

    struct Form: Content { var password: String?; var confirmation: String? }

    func page(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let (_, user) = try await SignInLinks.holder(of: token, .welcome, now: req.application.clock.now(), on: req.db) else {
            return try await gone(req)
        }
        return try await render(req, user: user, token: token, errors: [:], status: .ok)
    }

    func choosePassword(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let now = req.application.clock.now()
        guard let (link, user) = try await SignInLinks.holder(of: token, .welcome, now: now, on: req.db) else { return try await gone(req) }
        let form = try req.content.decode(Form.self)
        let password = form.password ?? ""
        var errors: [String: String] = [:]
        if password.count < Self.minimumPasswordLength {
            errors["password"] = "Choose a password of at least \(Self.minimumPasswordLength) characters; a few words make a good one."
        } else if password.count > Self.maximumPasswordLength {
            errors["password"] = "Choose a password of at most \(Self.maximumPasswordLength) characters."
        } else if password != (form.confirmation ?? "") {
            errors["confirmation"] = "The two passwords differ: type the same password twice."
        }
        guard errors.isEmpty else { return try await render(req, user: user, token: token, errors: errors, status: .unprocessableEntity) }
        let hash = try await req.application.passwordWork.hash(password)
        // Claimed before the password is set: of two submissions only one sets it.
        guard try await SignInLinks.redeem(link, now: now, on: req.db) else { return try await gone(req) }
        user.passwordHash = hash
        user.failedLogins = 0
        user.lockedUntil = nil
        try await user.save(on: req.db)
        try await WebController.startSession(req, userID: user.requireID())
        req.logger.info("welcome link used", metadata: ["user": .string(user.id?.uuidString ?? "")])
        return req.redirect(to: "/")
    }

    private func render(_ req: Request, user: User, token: String, errors: [String: String], status: HTTPStatus) async throws -> Response {
        try await req.view.render("welcome", WelcomePage(layout: LayoutContext(request: req, title: "Welcome"), valid: true, email: user.email,
                                                          actionURL: "/welcome/\(token)", minimumLength: Self.minimumPasswordLength,
                                                          errors: errors)).encodeResponse(status: status, for: req)
    }

    private func gone(_ req: Request) async throws -> Response {
        try await req.view.render("welcome", WelcomePage(layout: LayoutContext(request: req, title: "Link no longer valid"), valid: false, email: "",
                                                          actionURL: "", minimumLength: Self.minimumPasswordLength, errors: [:]))
            .encodeResponse(status: .gone, for: req)
    }
}

struct WelcomePage: Encodable {
    let layout: LayoutContext
    /// The link is one that works now.
    let valid: Bool
    let email: String
    let actionURL: String
    let minimumLength: Int
    /// Field name → what is wrong with it.
    let errors: [String: String]
}
