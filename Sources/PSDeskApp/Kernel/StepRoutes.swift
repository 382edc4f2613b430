import Vapor
import StandardsCore

/// The routes of every registered step, made from the registry: `POST /a/{association}/cases/{number}/{step}` for
/// the case page's forms and `POST /api/v1/associations/{association}/cases/{number}/{step}` for integrations.
enum StepRoutes {
    struct Dated: Decodable { var effectiveOn: String? }
    struct Attached: Decodable { var attachment: File? }

    /// Web: the form's fields, its date (`effectiveOn`, or `decidedOn` on the Committee's form), the confirmation an
    /// irreversible step asks for, and an attachment where the step takes one.
    static func web(on routes: RoutesBuilder, uploadLimit: Int) {
        for step in StepRegistry.all { web(step, on: routes, uploadLimit: uploadLimit) }
    }

    static func api(on routes: RoutesBuilder) {
        for step in StepRegistry.all { api(step, on: routes) }
    }

    private static func web<S: CaseStep>(_ step: S.Type, on routes: RoutesBuilder, uploadLimit: Int) {
        let path = pathComponents(S.self)
        @Sendable func handle(_ req: Request) async throws -> Response {
            let (caseScope, actor) = try await req.caseScope()
            let today = try req.today(for: caseScope.scope.association)
            // Staff recording what a party sent on paper are told what was recorded, not "your reply".
            let onPaper = S.policy.isPartys && caseScope.partyRoles.isEmpty && caseScope.scope.roles.contains(.staff)
            // A party is told what their step did in their own language.
            let said = onPaper ? "\(S.title): recorded."
                : Wording(try await req.partyLanguage(roles: caseScope.scope.roles, actor: actor) ?? .en).done(step: S.name, otherwise: S.done)
            return try await CaseStepForm.run(req, said: said, screen: S.self is any HearingStep.Type ? .hearing : .casePage("#deadlines")) {
                // Decoded once: a multipart body is parsed whole on every read.
                let form = (try? req.content.decode(FormText.self))?.values ?? [:]
                if let confirmation = S.confirmation, form["confirm"] != "yes" {
                    throw AppError(.unprocessableEntity, code: "confirmation_required", message: confirmation, rule: S.rule)
                }
                // A party's own form is dated the day it arrives; staff date what came on paper, the Committee its meeting.
                let dated = !S.policy.isPartys || onPaper
                let date = try StepDate.parse(dated ? form["effectiveOn"] ?? form["decidedOn"] : nil, field: "Date", today: today)
                let input = try StepRunner.input(S.self, from: req)
                guard let title = S.attachmentTitle else {
                    return try await StepRunner.run(S.self, input, caseScope, by: actor, on: date, clock: req.application.clock, db: req.db)
                }
                return try await withAttachment(req, title: title, caseScope: caseScope, actor: actor, on: date) {
                    try await StepRunner.run(S.self, input, caseScope, by: actor, on: date, clock: req.application.clock, db: req.db)
                }
            }
        }
        if S.attachmentTitle != nil {
            _ = routes.postLarge(path, maxBytes: uploadLimit, use: handle)
        } else {
            routes.post(path, use: handle)
        }
    }

    /// A step's route under the case: `serve`, or `hearing/schedule` for the hearing page's steps.
    static func pathComponents(_ step: any CaseStep.Type) -> [PathComponent] {
        step.name.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
    }

    /// The file is checked before the step is recorded, so a refused file never leaves half a step behind.
    private static func withAttachment(_ req: Request, title: String, caseScope: CaseScope, actor: Actor, on date: CivilDate,
                                       _ step: () async throws -> EthicsSteps.Done) async throws -> EthicsSteps.Done {
        let file = (try? req.content.decode(Attached.self))?.attachment.flatMap { $0.filename.isEmpty || $0.data.readableBytes == 0 ? nil : $0 }
        if let file { try UploadDocument.check(filename: file.filename, data: Data(buffer: file.data), config: req.application.psdesk) }
        let done = try await step()
        if let file {
            _ = try await UploadDocument.run(filename: file.filename, title: title, data: Data(buffer: file.data), effectiveOn: date,
                                             to: caseScope, by: actor, config: req.application.psdesk, now: req.application.clock.now(), on: req.db)
        }
        return done
    }

    /// API: the JSON body's fields and `effectiveOn`; `?dryRun=true` answers what would be appended.
    private static func api<S: CaseStep>(_ step: S.Type, on routes: RoutesBuilder) {
        routes.post(pathComponents(S.self)) { req async throws -> Response in
            let (caseScope, actor) = try await req.caseScope()
            let today = try req.today(for: caseScope.scope.association)
            let dated = StepRunner.hasBody(req) ? (try? req.content.decode(Dated.self)) : nil
            let date = try StepDate.parse(dated?.effectiveOn, field: "effectiveOn", today: today)
            let input = try StepRunner.input(S.self, from: req)
            return try await DryRun.respond(req) {
                let done = try await StepRunner.run(S.self, input, caseScope, by: actor, on: date, clock: req.application.clock, db: req.db)
                return APIController.StepOut(case_: try await APIController.caseOut(done.record, on: req.db),
                                             warnings: done.warnings.map { .init(code: $0.code, message: $0.message, rule: $0.rule) })
            }
        }
    }
}
