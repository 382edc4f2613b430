import Vapor
import Fluent
import StandardsCore

/// Regional (multi-Board) agreements, for administrators (issue 13, item 2; a2.36): the agreement's name, the day it
/// takes effect, which signatory administers a case, its signatories, and the day each withdrawal notice was given
/// (the signatory leaves 90 days later, appendix (6)(b)). Every change is recorded with before and after.
struct RegionalAgreementsController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        let agreements = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor(), RequireAdministrator())
            .grouped("administration", "agreements")
        agreements.get("new", use: { try await self.form($0, agreement: nil) })
        agreements.post(use: { try await self.save($0, agreement: nil) })
        agreements.get(":agreement", use: { try await self.form($0, agreement: try await Self.agreement($0)) })
        agreements.post(":agreement", use: { try await self.save($0, agreement: try await Self.agreement($0)) })
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let heading: String
        let actionURL: String
        let terms: RegionalAgreementTerms
        let administering: [Option]
        let associations: [Signatory]
        let errors: [String: String]
        struct Option: Encodable { let value: String; let label: String; let selected: Bool }
        struct Signatory: Encodable {
            let slug: String; let name: String; let checked: Bool; let notice: String; let leaves: String?
            /// In another agreement: it cannot sign this one until it leaves that.
            let elsewhere: String?
            let noticeError: String?
        }
    }

    static func agreement(_ req: Request) async throws -> RegionalAgreement {
        guard let id = req.parameters.get("agreement").flatMap(UUID.init(uuidString:)), let agreement = try await RegionalAgreement.find(id, on: req.db) else {
            throw AppError.notFound("agreement")
        }
        return agreement
    }

    static func terms(of agreement: RegionalAgreement, on db: Database) async throws -> RegionalAgreementTerms {
        let signatories = try await Association.query(on: db).filter(\.$regionalAgreement.$id == agreement.requireID()).all()
        return RegionalAgreementTerms(name: agreement.name, effectiveOn: agreement.effectiveOn ?? "",
                                      administering: agreement.administering ?? RegionalAgreementTerms.Administering.respondentBoard.rawValue,
                                      signatories: Dictionary(uniqueKeysWithValues: signatories.map { ($0.slug, $0.regionalWithdrawalNoticeOn ?? "") }))
    }

    func form(_ req: Request, agreement: RegionalAgreement?) async throws -> View {
        var terms = RegionalAgreementTerms()
        if let agreement { terms = try await Self.terms(of: agreement, on: req.db) }
        return try await render(req, agreement: agreement, terms: terms, errors: [:])
    }

    private func render(_ req: Request, agreement: RegionalAgreement?, terms: RegionalAgreementTerms, errors: [String: String]) async throws -> View {
        let associations = try await Association.query(on: req.db).with(\.$regionalAgreement).sort(\.$name).all()
        return try await req.view.render("agreement-form", Page(
            layout: LayoutContext(request: req, title: agreement.map { "Edit \($0.name)" } ?? "New regional agreement"),
            heading: agreement.map { "Edit \($0.name)" } ?? "New regional agreement",
            actionURL: agreement.flatMap { $0.id.map { "/administration/agreements/\($0)" } } ?? "/administration/agreements",
            terms: terms,
            administering: RegionalAgreementTerms.Administering.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == terms.administering) },
            associations: associations.map { a in
                let notice = terms.signatories[a.slug] ?? ""
                let other = a.regionalAgreement.flatMap { $0.id == agreement?.id ? nil : $0.name }
                return .init(slug: a.slug, name: a.name, checked: terms.signatories[a.slug] != nil, notice: notice,
                             leaves: CivilDate(notice).map { RegionalAgreementTerms.withdrawalTakesEffect(noticeGivenOn: $0).writtenOut },
                             elsewhere: other, noticeError: errors["notice-\(a.slug)"])
            },
            errors: errors))
    }

    func save(_ req: Request, agreement existing: RegionalAgreement?) async throws -> Response {
        struct Body: Content {
            var name: String?; var effectiveOn: String?; var administering: String?
            var signatory: [String]?
        }
        let body = try req.content.decode(Body.self)
        var terms = RegionalAgreementTerms(name: String((body.name ?? "").trimmingCharacters(in: .whitespaces).prefix(400)),
                                           effectiveOn: (body.effectiveOn ?? "").trimmingCharacters(in: .whitespaces), administering: body.administering ?? "")
        let all = try await Association.query(on: req.db).all()
        for slug in Set(body.signatory ?? []) where all.contains(where: { $0.slug == slug }) {
            terms.signatories[slug] = ((try? req.content.get(String.self, at: "notice-\(slug)")) ?? "").trimmingCharacters(in: .whitespaces)
        }
        var errors = terms.problems()
        for a in all where terms.signatories[a.slug] != nil && a.$regionalAgreement.id != nil && a.$regionalAgreement.id != existing?.id {
            errors["signatories"] = "\(a.name) is already a signatory of another agreement."
        }
        guard errors.isEmpty else {
            return try await render(req, agreement: existing, terms: terms, errors: errors).encodeResponse(status: .unprocessableEntity, for: req)
        }
        var before: RegionalAgreementTerms?
        if let existing { before = try await Self.terms(of: existing, on: req.db) }
        let actor = try req.requireActor()
        let now = req.application.clock.now()
        let agreement = existing ?? RegionalAgreement()
        try await req.db.transaction { [terms, before] tx in
            agreement.name = terms.name
            agreement.effectiveOn = terms.effectiveOn
            agreement.administering = terms.administering
            try await agreement.save(on: tx)
            let id = try agreement.requireID()
            for a in all {
                let signs = terms.signatories[a.slug] != nil
                if signs {
                    a.$regionalAgreement.id = id
                    a.regionalWithdrawalNoticeOn = terms.signatories[a.slug].flatMap { $0.isEmpty ? nil : $0 }
                } else if a.$regionalAgreement.id == id {
                    a.$regionalAgreement.id = nil
                    a.regionalWithdrawalNoticeOn = nil
                } else { continue }
                try await a.save(on: tx)
            }
            try await AdminChange.record("\(existing == nil ? "Created" : "Changed") the regional agreement \(terms.name)", subject: "regional-agreement",
                                         id: id, before: before, after: terms, by: actor, at: now, on: tx)
        }
        Flash.said(req, "The regional agreement \(terms.name) was saved.")
        return req.redirect(to: "/administration")
    }
}
