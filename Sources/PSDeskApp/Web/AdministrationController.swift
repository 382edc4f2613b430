import Vapor
import Fluent
import StandardsCore

/// The installation's administration (issue 13, item 2): its associations, created and edited by an administrator,
/// every change recorded with who, when, before and after (`AdminChange`).
struct AdministrationController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        let admin = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor(), RequireAdministrator())
            .grouped("administration")
        admin.get(use: overview)
        admin.get("associations", "new", use: newAssociation)
        admin.post("associations", use: createAssociation)
        admin.get("associations", ":slug", use: editAssociation)
        admin.post("associations", ":slug", use: updateAssociation)
        admin.get("associations", ":slug", "staff", use: staffForm)
        admin.post("associations", ":slug", "staff", use: inviteStaff)
    }

    // MARK: the association's first staff

    struct StaffPage: Encodable {
        let layout: LayoutContext
        let associationName: String
        let actionURL: String
        let email: String
        let name: String
        let errors: [String: String]
    }

    private func staffPage(_ req: Request, _ association: Association, form: Invitations.Request, errors: [String: String]) async throws -> View {
        try await req.view.render("association-staff", StaffPage(layout: LayoutContext(request: req, title: "Invite staff — \(association.name)"),
                                                                 associationName: association.name,
                                                                 actionURL: "/administration/associations/\(association.slug)/staff",
                                                                 email: form.email, name: form.name, errors: errors))
    }

    func staffForm(req: Request) async throws -> View {
        try await staffPage(req, try await Self.association(req), form: .init(), errors: [:])
    }

    /// An administrator invites an association's staff (its PSA), who then invite everyone else (`PeopleController`).
    func inviteStaff(req: Request) async throws -> Response {
        let association = try await Self.association(req)
        let form = Invitations.Request(email: (try? req.content.get(String.self, at: "email")) ?? "", name: (try? req.content.get(String.self, at: "name")) ?? "",
                                       role: Role.staff.rawValue)
        var errors = Invitations.problems(form)
        if errors.isEmpty {
            do {
                Flash.said(req, try await Invitations.invite(form, to: association, by: try req.requireActor(),
                                                             now: req.application.clock.now(), on: req.db))
                return req.redirect(to: "/administration")
            } catch let error as AppError where error.status == .conflict {
                errors["email"] = error.message
            }
        }
        return try await staffPage(req, association, form: form, errors: errors).encodeResponse(status: .unprocessableEntity, for: req)
    }

    func overview(req: Request) async throws -> View {
        let associations = try await Association.query(on: req.db).sort(\.$name).all()
        let changes = try await AdminChange.query(on: req.db).sort(\.$at, .descending).limit(50).all()
        let reads = try await ConfidentialRead.query(on: req.db).sort(\.$at, .descending).limit(100).all()
        let names = Dictionary(associations.compactMap { a in a.id.map { ($0, a.slug) } }, uniquingKeysWith: { a, _ in a })
        let agreements = try await RegionalAgreement.query(on: req.db).with(\.$associations).sort(\.$name).all()
        return try await req.view.render("administration", AdministrationPage(
            layout: LayoutContext(request: req, title: "Administration"), said: Flash.takeSaid(req),
            associations: associations.map { .init(name: $0.name, slug: $0.slug, profile: $0.ruleProfile, timeZone: $0.timeZone,
                                                   editURL: "/administration/associations/\($0.slug)",
                                                   staffURL: "/administration/associations/\($0.slug)/staff") },
            agreements: agreements.compactMap { g in g.id.map { .init(name: g.name, signatories: g.associations.map(\.name).sorted().joined(separator: ", "),
                                                                        editURL: "/administration/agreements/\($0)") } },
            changes: changes.map { .init(at: TimestampFormatting.local($0.at, timeZone: "UTC"), who: $0.actorName, summary: $0.summary) },
            reads: reads.map { .init(at: TimestampFormatting.local($0.at, timeZone: "UTC"), who: $0.actorName,
                                     summary: "\(names[$0.associationID] ?? "?") · \($0.what) (\($0.rule))") }))
    }

    func newAssociation(req: Request) async throws -> View {
        try await form(req, settings: AssociationSettings(), editing: nil, errors: [:])
    }

    func createAssociation(req: Request) async throws -> Response {
        let settings = try Self.settings(from: req)
        let errors = try await Self.problems(settings, besides: nil, on: req.db)
        guard errors.isEmpty else { return try await form(req, settings: settings, editing: nil, errors: errors).encodeResponse(status: .unprocessableEntity, for: req) }
        let association = Association()
        Self.apply(settings, to: association)
        let actor = try req.requireActor()
        let now = req.application.clock.now()
        try await req.db.transaction { db in
            try await association.create(on: db)
            try await AdminChange.record("Created \(association.name) (\(association.slug))", subject: "association", id: association.id,
                                         before: AssociationSettings?.none, after: Self.settings(of: association), by: actor, at: now, on: db)
        }
        Flash.said(req, "\(association.name) was created.")
        return req.redirect(to: "/administration")
    }

    func editAssociation(req: Request) async throws -> View {
        let association = try await Self.association(req)
        return try await form(req, settings: Self.settings(of: association), editing: association, errors: [:])
    }

    func updateAssociation(req: Request) async throws -> Response {
        let association = try await Self.association(req)
        let settings = try Self.settings(from: req)
        let errors = try await Self.problems(settings, besides: association, on: req.db)
        guard errors.isEmpty else {
            return try await form(req, settings: settings, editing: association, errors: errors).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let before = Self.settings(of: association)
        Self.apply(settings, to: association)
        let after = Self.settings(of: association)
        guard after != before else {
            Flash.said(req, "Nothing changed.")
            return req.redirect(to: "/administration")
        }
        let actor = try req.requireActor()
        let now = req.application.clock.now()
        try await req.db.transaction { db in
            try await association.save(on: db)
            try await AdminChange.record("Changed \(association.name) (\(association.slug))", subject: "association", id: association.id,
                                         before: before, after: after, by: actor, at: now, on: db)
        }
        Flash.said(req, "\(association.name) was saved.")
        return req.redirect(to: "/administration")
    }

    static var profiles: Set<String> { Set(RuleProfiles.builtIn.map(\.name)) }

    /// What is wrong with the settings, beside each field; a short name is also one no other association uses.
    static func problems(_ settings: AssociationSettings, besides current: Association?, on db: Database) async throws -> [String: String] {
        var errors = settings.problems(knownProfiles: profiles)
        if errors["slug"] == nil, settings.slug != current?.slug,
           try await Association.query(on: db).filter(\.$slug == settings.slug).count() > 0 {
            errors["slug"] = "Another association already uses \"\(settings.slug)\"."
        }
        return errors
    }

    static func settings(of association: Association) -> AssociationSettings {
        var settings = AssociationSettings(name: association.name, slug: association.slug, ruleProfile: association.ruleProfile, timeZone: association.timeZone,
                            holidayCalendar: association.holidayCalendar, closureDays: association.closureDays,
                            boardSize: association.boardSize, boardQuorum: association.boardQuorum)
        settings.senderEmail = association.senderEmail ?? ""
        settings.letterheadAddress = association.letterheadAddress ?? ""
        settings.signatureLine = association.signatureLine ?? ""
        return settings
    }

    /// Checked settings (`problems` found none) onto a new or existing association.
    static func apply(_ settings: AssociationSettings, to association: Association) {
        association.name = settings.name.trimmingCharacters(in: .whitespacesAndNewlines)
        association.slug = settings.slug
        association.ruleProfile = settings.ruleProfile
        association.timeZone = settings.timeZone
        association.holidayCalendar = settings.holidayCalendar
        association.closureDays = settings.closureDaysText
        if let size = settings.boardSize { association.boardSize = size }
        if let quorum = settings.boardQuorum { association.boardQuorum = quorum }
        association.senderEmail = settings.senderEmail.isEmpty ? nil : EmailAddress.normalized(settings.senderEmail)
        let address = settings.letterheadAddress.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        association.letterheadAddress = address.isEmpty ? nil : address.joined(separator: "\n")
        association.signatureLine = settings.signatureLine.isEmpty ? nil : settings.signatureLine
    }

    /// The form as typed; numbers that are not numbers stay nil and are refused beside their field.
    static func settings(from req: Request) throws -> AssociationSettings {
        func text(_ name: String) -> String { ((try? req.content.get(String.self, at: name)) ?? "").trimmingCharacters(in: .whitespaces) }
        func number(_ name: String) -> Int? { Int(text(name)) }
        var settings = AssociationSettings(name: String(text("name").prefix(400)), slug: text("slug").lowercased(), ruleProfile: text("ruleProfile"),
                                           timeZone: text("timeZone"), holidayCalendar: text("holidayCalendar"),
                                           closureDays: String(text("closureDays").prefix(4000)), boardSize: number("boardSize"), boardQuorum: number("boardQuorum"))
        settings.senderEmail = String(text("senderEmail").prefix(400))
        settings.letterheadAddress = String(text("letterheadAddress").prefix(2000))
        settings.signatureLine = String(text("signatureLine").prefix(1000))
        return settings
    }

    static func association(_ req: Request) async throws -> Association {
        guard let association = try await Association.query(on: req.db).filter(\.$slug == (req.parameters.get("slug") ?? "")).first() else {
            throw AppError.notFound("association")
        }
        return association
    }

    private func form(_ req: Request, settings: AssociationSettings, editing: Association?, errors: [String: String]) async throws -> View {
        try await req.view.render("association-form", AssociationFormPage(
            layout: LayoutContext(request: req, title: editing.map { "Edit \($0.name)" } ?? "New association"),
            heading: editing.map { "Edit \($0.name)" } ?? "New association",
            actionURL: editing.map { "/administration/associations/\($0.slug)" } ?? "/administration/associations",
            settings: settings, boardSize: settings.boardSize.map(String.init) ?? "", boardQuorum: settings.boardQuorum.map(String.init) ?? "",
            profiles: Self.profiles.sorted().map { .init(value: $0, label: $0.uppercased(), selected: $0 == settings.ruleProfile) },
            calendars: AssociationSettings.calendars.map { .init(value: $0, label: $0 == "us-federal" ? "US federal holidays" : "No holidays",
                                                                 selected: $0 == settings.holidayCalendar) },
            errors: errors))
    }
}

/// Administration is for the installation's administrators only.
struct RequireAdministrator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard try request.requireActor().isAdministrator else { throw AppError.forbidden }
        return try await next.respond(to: request)
    }
}

struct AdministrationPage: Encodable {
    let layout: LayoutContext
    let said: [String]
    let associations: [Row]
    let agreements: [Agreement]
    let changes: [Change]
    /// The latest reads of confidential records (`ConfidentialRead`), newest first.
    let reads: [Change]
    struct Agreement: Encodable { let name: String; let signatories: String; let editURL: String }
    struct Row: Encodable { let name: String; let slug: String; let profile: String; let timeZone: String; let editURL: String; let staffURL: String }
    struct Change: Encodable { let at: String; let who: String; let summary: String }
}

struct AssociationFormPage: Encodable {
    let layout: LayoutContext
    let heading: String
    let actionURL: String
    let settings: AssociationSettings
    let boardSize: String
    let boardQuorum: String
    let profiles: [Choice]
    let calendars: [Choice]
    let errors: [String: String]
    struct Choice: Encodable { let value: String; let label: String; let selected: Bool }
}
