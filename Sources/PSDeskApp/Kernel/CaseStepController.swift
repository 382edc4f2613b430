import Vapor
import StandardsCore

/// The case page's step forms, one route per registered step (`StepRoutes`): the parties' own steps (reply,
/// response, dismissal appeal, withdrawal, amendment), staff's intake and service steps, and the Grievance
/// Committee's review. Who may take each, and when, is the step's own declaration.
struct CaseStepController: RouteCollection {
    let sessions: Middleware
    let maxBody: Int

    init(app: Application) {
        sessions = app.webSessions
        maxBody = BodyLimits.uploadLimit(app.psdesk)
    }

    func boot(routes: RoutesBuilder) throws {
        let oneCase = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association", "cases", ":number")
        StepRoutes.web(on: oneCase, uploadLimit: maxBody)
    }
}
