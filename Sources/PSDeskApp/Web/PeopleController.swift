import Vapor
import Fluent
import StandardsCore

/// The association's people and their roles, for its staff (issue 13, item 3): invite by email, grant and revoke roles,
/// deactivate and reactivate accounts, and the history of every such change. Behind `Permission.managePeople`; only
/// accounts holding a role in this association are listed or touched.
struct PeopleController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        let people = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association", "people")
        people.get(use: page)
        people.post("invite", use: invite)
        people.post(":user", "grant", use: grant)
        people.post(":user", "revoke", use: revoke)
        people.post(":user", "deactivate", use: { try await setActive($0, false) })
        people.post(":user", "reactivate", use: { try await setActive($0, true) })
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let heading: String
        let said: [String]
        let inviteURL: String
        let form: FormValues
        let errors: [String: String]
        let roles: [Option]
        let accounts: [Account]
        let changes: [Change]
        struct FormValues: Encodable { let email: String; let name: String }
        struct Option: Encodable { let value: String; let label: String; let selected: Bool }
        struct Account: Encodable {
            let name: String; let email: String; let state: String; let isYou: Bool
            let roles: [HeldRole]; let grantable: [Option]
            let grantURL: String; let revokeURL: String; let activeURL: String; let activeLabel: String; let canChangeActive: Bool
            let fieldID: String
        }
        struct HeldRole: Encodable { let value: String; let label: String }
        struct Change: Encodable { let at: String; let who: String; let summary: String }
    }

    func page(req: Request) async throws -> View {
        let scope = try await Self.scope(req)
        return try await render(req, scope: scope, form: .init(), errors: [:])
    }

    func invite(req: Request) async throws -> Response {
        let scope = try await Self.scope(req)
        struct Body: Content { var email: String?; var name: String?; var role: String? }
        let body = try req.content.decode(Body.self)
        let form = Invitations.Request(email: body.email ?? "", name: body.name ?? "", role: body.role ?? "")
        let errors = Invitations.problems(form)
        guard errors.isEmpty else {
            return try await render(req, scope: scope, form: form, errors: errors).encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            let said = try await Invitations.invite(form, to: scope.association, by: try req.requireActor(),
                                                    now: req.application.clock.now(), on: req.db)
            Flash.said(req, said)
        } catch let error as AppError where error.status == .conflict {
            return try await render(req, scope: scope, form: form, errors: ["email": error.message]).encodeResponse(status: .conflict, for: req)
        }
        return req.redirect(to: Self.path(scope))
    }

    func grant(req: Request) async throws -> Response {
        let scope = try await Self.scope(req)
        let user = try await Self.member(req, scope)
        let role = (try? req.content.get(String.self, at: "role")) ?? ""
        let form = Invitations.Request(email: user.email, name: user.displayName, role: role)
        if let problem = Invitations.problems(form)["role"] {
            Flash.said(req, problem)
        } else {
            Flash.said(req, try await Invitations.invite(form, to: scope.association, by: try req.requireActor(),
                                                         now: req.application.clock.now(), on: req.db))
        }
        return req.redirect(to: Self.path(scope))
    }

    func revoke(req: Request) async throws -> Response {
        let scope = try await Self.scope(req)
        let user = try await Self.member(req, scope)
        guard let role = ((try? req.content.get(String.self, at: "role")) ?? "").flatMap(Role.init(rawValue:)) else { throw AppError.notFound("role") }
        do {
            try await Invitations.revoke(role, from: user, in: scope.association, by: try req.requireActor(), now: req.application.clock.now(), on: req.db)
            Flash.said(req, "\(user.displayName) no longer holds \(role.label).")
        } catch let error as AppError where error.status == .conflict {
            Flash.said(req, error.message)
        }
        return req.redirect(to: Self.path(scope))
    }

    func setActive(_ req: Request, _ active: Bool) async throws -> Response {
        let scope = try await Self.scope(req)
        let user = try await Self.member(req, scope)
        do {
            try await Invitations.setActive(active, user, in: scope.association, by: try req.requireActor(), now: req.application.clock.now(), on: req.db)
            Flash.said(req, active ? "\(user.displayName)'s account works again." : "\(user.displayName)'s account is deactivated: signed out, its API tokens revoked.")
        } catch let error as AppError where error.status == .conflict {
            Flash.said(req, error.message)
        }
        return req.redirect(to: Self.path(scope))
    }

    // MARK: -

    static func scope(_ req: Request) async throws -> AssociationScope {
        let (scope, _) = try await req.associationScope()
        try scope.require(.managePeople)
        return scope
    }

    static func path(_ scope: AssociationScope) -> String { "/a/\(scope.association.slug)/people" }

    /// An account holding a role in this association; any other is not found, exactly like one that does not exist.
    static func member(_ req: Request, _ scope: AssociationScope) async throws -> User {
        guard let id = req.parameters.get("user").flatMap(UUID.init(uuidString:)),
              try await RoleAssignment.query(on: req.db).filter(\.$user.$id == id).filter(\.$association.$id == scope.id).count() > 0,
              let user = try await User.find(id, on: req.db) else { throw AppError.notFound("person") }
        return user
    }

    private func render(_ req: Request, scope: AssociationScope, form: Invitations.Request, errors: [String: String]) async throws -> View {
        let actor = try req.requireActor()
        let assignments = try await RoleAssignment.query(on: req.db).filter(\.$association.$id == scope.id).with(\.$user).all()
        let byUser = Dictionary(grouping: assignments, by: { $0.$user.id })
        let otherAssociations = Set(try await RoleAssignment.query(on: req.db).filter(\.$user.$id ~~ Array(byUser.keys))
            .filter(\.$association.$id != scope.id).all(\.$user.$id))
        let base = Self.path(scope)
        let accounts = byUser.values.compactMap { rows -> Page.Account? in
            guard let user = rows.first?.user, let id = user.id else { return nil }
            let held = Set(rows.compactMap { Role(rawValue: $0.role) })
            let state = user.deactivatedAt != nil ? "deactivated" : user.awaitingPassword ? "invited, no password yet" : "active"
            return Page.Account(name: user.displayName, email: user.email, state: state, isYou: id == actor.userID,
                                roles: held.sorted { $0.label < $1.label }.map { .init(value: $0.rawValue, label: $0.label) },
                                grantable: Invitations.assignableRoles.filter { !held.contains($0) }.map { .init(value: $0.rawValue, label: $0.label, selected: false) },
                                grantURL: "\(base)/\(id)/grant", revokeURL: "\(base)/\(id)/revoke",
                                activeURL: "\(base)/\(id)/\(user.deactivatedAt == nil ? "deactivate" : "reactivate")",
                                activeLabel: user.deactivatedAt == nil ? "Deactivate the account" : "Reactivate the account",
                                canChangeActive: id != actor.userID && !otherAssociations.contains(id) && !user.isAdministrator,
                                fieldID: String(id.uuidString.prefix(8)).lowercased())
        }.sorted { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }
        let changes = try await AdminChange.query(on: req.db).filter(\.$associationID == scope.id).sort(\.$at, .descending).limit(30).all()
        return try await req.view.render("people", Page(
            layout: try await LayoutContext.make(req, "People — \(scope.association.name)", scope: scope, actor: actor),
            heading: "People and roles", said: Flash.takeSaid(req), inviteURL: "\(base)/invite",
            form: .init(email: form.email, name: form.name), errors: errors,
            roles: Invitations.assignableRoles.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.role) },
            accounts: accounts,
            changes: changes.map { .init(at: TimestampFormatting.local($0.at, timeZone: scope.association.timeZone), who: $0.actorName, summary: $0.summary) }))
    }
}
