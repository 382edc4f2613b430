import Vapor
import Fluent
import StandardsCore

/// A party's own steps through their portal: the respondent replies (a1.11; a late reply is recorded with a
/// warning), the complainant appeals a dismissal with a written explanation only (a1.10) or withdraws
/// (a1.17). Each checks that the signed-in person holds that role on this case.
struct PartyController: RouteCollection {
    let sessions: Middleware
    let maxBody: ByteCount

    init(app: Application) {
        sessions = app.sessions.middleware
        maxBody = ByteCount(stringLiteral: "\(app.psdesk.maxUploadBytes / 1_000_000 + 1)mb")
    }

    func boot(routes: RoutesBuilder) throws {
        let oneCase = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association", "cases", ":number")
        oneCase.on(.POST, "reply", body: .collect(maxSize: maxBody), use: reply)
        oneCase.post("appeal-dismissal", use: appealDismissal)
        oneCase.post("withdraw", use: withdraw)
    }

    func reply(req: Request) async throws -> Response {
        let (caseScope, actor) = try await load(req, as: .respondent)
        let text = ((try? req.content.get(String.self, at: "text")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw AppError(.unprocessableEntity, code: "reply_empty", message: "Write your reply before sending it.", rule: "a1.11") }
        let today = try APIController.today(for: caseScope.scope.association)
        let warnings = try await append(ProposedEntry(type: .replyReceived, effectiveOn: today, payload: ["text": .text(text)]),
                                        to: caseScope, by: actor, on: req.db)
        if let file = try? req.content.get(File.self, at: "attachment"), !file.filename.isEmpty, file.data.readableBytes > 0 {
            _ = try await UploadDocument.run(filename: file.filename, title: "Reply attachment", data: Data(buffer: file.data), effectiveOn: today,
                                             to: caseScope, by: actor, config: req.application.psdesk, now: Date(), on: req.db)
        }
        return done(req, caseScope, warnings: warnings)
    }

    func appealDismissal(req: Request) async throws -> Response {
        let (caseScope, actor) = try await load(req, as: .complainant)
        let explanation = ((try? req.content.get(String.self, at: "explanation")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let today = try APIController.today(for: caseScope.scope.association)
        var payload: Payload = [:]
        if !explanation.isEmpty { payload["explanation"] = .text(explanation) }
        let warnings = try await append(ProposedEntry(type: .dismissalAppealed, effectiveOn: today, payload: payload), to: caseScope, by: actor, on: req.db)
        return done(req, caseScope, warnings: warnings)
    }

    func withdraw(req: Request) async throws -> Response {
        let (caseScope, actor) = try await load(req, as: .complainant)
        let reason = ((try? req.content.get(String.self, at: "reason")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let today = try APIController.today(for: caseScope.scope.association)
        let warnings = try await append(ProposedEntry(type: .withdrawn, effectiveOn: today, payload: reason.isEmpty ? [:] : ["reason": .text(reason)]),
                                        to: caseScope, by: actor, on: req.db)
        return done(req, caseScope, warnings: warnings)
    }

    private func done(_ req: Request, _ caseScope: CaseScope, warnings: [Refusal]) -> Response {
        if !warnings.isEmpty {
            req.session.data["flash"] = warnings.map { "\($0.message) (rule \($0.rule ?? "—"))" }.joined(separator: "\n")
        }
        return req.redirect(to: Paths.caseDetail(caseScope.scope.association.slug, caseScope.record.number) + "#deadlines")
    }

    /// The case, provided the signed-in person is a party to it in `role`.
    private func load(_ req: Request, as role: PartyRole) async throws -> (CaseScope, Actor) {
        let actor = try req.requireActor()
        let scope = try await AssociationScope.load(slug: req.parameters.get("association") ?? "", actor: actor, on: req.db)
        let caseScope = try await CaseScope.load(number: req.parameters.get("number") ?? "", in: scope, actor: actor, on: req.db)
        try caseScope.require(.actAsParty)
        guard let personID = actor.personID,
              try await CaseParty.query(on: req.db).filter(\.$caseRecord.$id == caseScope.record.requireID())
                .filter(\.$person.$id == personID).filter(\.$role == role.rawValue).count() > 0 else {
            throw AppError(.forbidden, code: "not_that_party", message: "Only the \(role.label.lowercased()) can take this step.")
        }
        return (caseScope, actor)
    }

    /// Appends a party's own step. Authorized by `load` (the party action permission and the party's role on
    /// the case); the guards still run and know the entry comes from a party.
    private func append(_ entry: ProposedEntry, to caseScope: CaseScope, by actor: Actor, on db: Database) async throws -> [Refusal] {
        let record = caseScope.record
        return try await writeTransaction(on: db) { tx in
            try await DocketStore.append([entry], to: record, by: actor, at: Date(), on: tx)
        }.warnings
    }
}
