import Vapor
import Fluent
import StandardsCore

/// A party's own steps through their portal: the respondent replies (a1.11; a late reply is recorded with a
/// warning), the complainant appeals a dismissal with a written explanation only (a1.10) or withdraws
/// (a1.17). `EthicsSteps` checks that the signed-in person holds that role on this case.
struct PartyController: RouteCollection {
    let sessions: Middleware
    let maxBody: Int

    init(app: Application) {
        sessions = app.sessions.middleware
        maxBody = BodyLimits.uploadLimit(app.psdesk)
    }

    func boot(routes: RoutesBuilder) throws {
        let oneCase = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association", "cases", ":number")
        oneCase.postLarge("reply", maxBytes: maxBody, use: reply)
        oneCase.post("appeal-dismissal", use: appealDismissal)
        oneCase.post("withdraw", use: withdraw)
        oneCase.post("amend", use: amend)
        oneCase.post("respond", use: respond)
    }

    func reply(req: Request) async throws -> Response {
        let (caseScope, actor, today) = try await load(req)
        struct ReplyForm: Decodable { var text: String?; var attachment: File? }
        let sent = try? req.content.decode(ReplyForm.self)  // once: a multipart body is parsed whole on every read
        return try await CaseStepForm.run(req, said: "Your reply was received and recorded.") {
            let file = sent?.attachment.flatMap { $0.filename.isEmpty || $0.data.readableBytes == 0 ? nil : $0 }
            // The attachment is checked before the reply is recorded, so a refused file never leaves half a reply behind.
            if let file { try UploadDocument.check(filename: file.filename, data: Data(buffer: file.data), config: req.application.psdesk) }
            let done = try await EthicsSteps.reply(text: sent?.text ?? "", caseScope, by: actor, on: today, db: req.db)
            if let file {
                _ = try await UploadDocument.run(filename: file.filename, title: "Reply attachment", data: Data(buffer: file.data), effectiveOn: today,
                                                 to: caseScope, by: actor, config: req.application.psdesk, now: req.application.clock.now(), on: req.db)
            }
            return done
        }
    }

    func appealDismissal(req: Request) async throws -> Response {
        let (caseScope, actor, today) = try await load(req)
        return try await CaseStepForm.run(req, said: "Your appeal of the dismissal was filed; the Board of Directors will decide it on the record.") {
            try await EthicsSteps.appealDismissal(explanation: (try? req.content.get(String.self, at: "explanation")) ?? "",
                                                                     caseScope, by: actor, on: today, db: req.db)
        }
    }

    func withdraw(req: Request) async throws -> Response {
        let (caseScope, actor, today) = try await load(req)
        return try await CaseStepForm.run(req, said: "The complaint was withdrawn.") {
            // Withdrawal cannot be undone and may bar refiling (a1.17): the form asks, and so does the server.
            guard (try? req.content.get(String.self, at: "confirm")) == "yes" else {
                throw AppError(.unprocessableEntity, code: "confirmation_required",
                               message: "Tick \"I understand that withdrawing cannot be undone\" to withdraw the complaint.", rule: "a1.17")
            }
            return try await EthicsSteps.withdraw(reason: (try? req.content.get(String.self, at: "reason")) ?? "",
                                                              caseScope, by: actor, on: today, db: req.db)
        }
    }

    func respond(req: Request) async throws -> Response {
        let (caseScope, actor, today) = try await load(req)
        return try await CaseStepForm.run(req, said: "Your response was sent to the Grievance Committee.") {
            try await EthicsSteps.respondToGC(text: (try? req.content.get(String.self, at: "text")) ?? "", caseScope, by: actor, on: today, db: req.db)
        }
    }

    func amend(req: Request) async throws -> Response {
        let (caseScope, actor, today) = try await load(req)
        return try await CaseStepForm.run(req, said: "The amended complaint was filed.") {
            try await EthicsSteps.amendComplaint(articles: (try? req.content.get(String.self, at: "articles")) ?? "",
                                                                    narrative: (try? req.content.get(String.self, at: "narrative")) ?? "",
                                                                    caseScope, by: actor, on: today, db: req.db)
        }
    }

    private func load(_ req: Request) async throws -> (CaseScope, Actor, CivilDate) {
        let (caseScope, actor) = try await req.caseScope()
        return (caseScope, actor, try req.today(for: caseScope.scope.association))
    }
}
