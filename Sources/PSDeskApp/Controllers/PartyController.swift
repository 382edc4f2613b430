import Vapor
import Fluent
import StandardsCore

/// A party's own steps through their portal: the respondent replies (a1.11; a late reply is recorded with a
/// warning), the complainant appeals a dismissal with a written explanation only (a1.10) or withdraws
/// (a1.17). `EthicsSteps` checks that the signed-in person holds that role on this case.
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
        oneCase.post("amend", use: amend)
        oneCase.post("respond", use: respond)
    }

    func reply(req: Request) async throws -> Response {
        let (caseScope, actor, today) = try await load(req)
        let done = try await EthicsSteps.reply(text: (try? req.content.get(String.self, at: "text")) ?? "", caseScope, by: actor, on: today, db: req.db)
        if let file = try? req.content.get(File.self, at: "attachment"), !file.filename.isEmpty, file.data.readableBytes > 0 {
            _ = try await UploadDocument.run(filename: file.filename, title: "Reply attachment", data: Data(buffer: file.data), effectiveOn: today,
                                             to: caseScope, by: actor, config: req.application.psdesk, now: Date(), on: req.db)
        }
        return finish(req, done)
    }

    func appealDismissal(req: Request) async throws -> Response {
        let (caseScope, actor, today) = try await load(req)
        return finish(req, try await EthicsSteps.appealDismissal(explanation: (try? req.content.get(String.self, at: "explanation")) ?? "",
                                                                 caseScope, by: actor, on: today, db: req.db))
    }

    func withdraw(req: Request) async throws -> Response {
        let (caseScope, actor, today) = try await load(req)
        return finish(req, try await EthicsSteps.withdraw(reason: (try? req.content.get(String.self, at: "reason")) ?? "",
                                                          caseScope, by: actor, on: today, db: req.db))
    }

    func respond(req: Request) async throws -> Response {
        let (caseScope, actor, today) = try await load(req)
        return finish(req, try await EthicsSteps.respondToGC(text: (try? req.content.get(String.self, at: "text")) ?? "", caseScope, by: actor, on: today, db: req.db))
    }

    func amend(req: Request) async throws -> Response {
        let (caseScope, actor, today) = try await load(req)
        return finish(req, try await EthicsSteps.amendComplaint(articles: (try? req.content.get(String.self, at: "articles")) ?? "",
                                                                narrative: (try? req.content.get(String.self, at: "narrative")) ?? "",
                                                                caseScope, by: actor, on: today, db: req.db))
    }

    private func load(_ req: Request) async throws -> (CaseScope, Actor, CivilDate) {
        let (caseScope, actor) = try await req.caseScope()
        return (caseScope, actor, try APIController.today(for: caseScope.scope.association))
    }
}
