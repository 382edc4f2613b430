import Vapor
import Fluent
import StandardsCore

/// Staff send an undelivered message again from the worklist, to the address on file or one they give (issue 13).
struct OutboxController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .post("a", ":association", "outbox", ":message", "resend", use: resend)
    }

    func resend(req: Request) async throws -> Response {
        let (scope, _) = try await req.associationScope()
        try scope.require(.manageMail)
        // A message of another association is not found, exactly like one that does not exist.
        guard let id = req.parameters.get("message").flatMap(UUID.init(uuidString:)),
              let message = try await OutboxMessage.query(on: req.db).filter(\.$id == id).filter(\.$association.$id == scope.id).first() else {
            throw AppError.notFound("message")
        }
        let given = ((try? req.content.get(String.self, at: "address")) ?? "").trimmingCharacters(in: .whitespaces)
        do {
            try await Outbox.resend(message, to: given.isEmpty || given == message.toAddress ? nil : given, now: req.application.clock.now(), on: req.db)
            Flash.said(req, "The message to \(message.toName) (\(message.toAddress)) will be sent again within a minute.")
        } catch let error as AppError {
            Flash.said(req, "Not sent again: \(error.message)")
        }
        return req.redirect(to: Paths.dashboard(scope.association.slug) + "#worklist")
    }
}
