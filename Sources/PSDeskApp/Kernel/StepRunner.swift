import Vapor
import Fluent
import StandardsCore

/// Applies a registered step (`CaseStep`): policy → availability → load the facts it names → decide → append, in
/// one transaction. The web forms, the API and the case page's buttons all go through here, so a step's rules are
/// read from its one declaration.
enum StepRunner {
    /// The case as a step sees it on `today`, with its deadlines.
    static func view(_ caseScope: CaseScope, today: CivilDate, rules: CaseRules) -> StepView {
        StepView(kind: caseScope.kind, docket: caseScope.docket, today: today,
                 deadlines: rules.deadlines(kind: caseScope.kind, docket: caseScope.docket, asOf: today))
    }

    /// Why this actor may not take `step` on this case now (policy first, then availability), or nil.
    static func refusal(_ step: any CaseStep.Type, _ caseScope: CaseScope, view: StepView) -> StepEvaluation.Gate? {
        StepEvaluation.gate(step, roles: caseScope.scope.roles, facts: caseScope.facts, actorParties: caseScope.partyRoles, view: view)
    }

    static func run<S: CaseStep>(_ step: S.Type, _ input: S.Input, _ caseScope: CaseScope, by actor: Actor, on date: CivilDate, today: CivilDate,
                                 db: Database) async throws -> EthicsSteps.Done {
        let rules = try await CaseRules.load(for: caseScope.record, in: caseScope.scope.association, on: db, today: today)
        let view = view(caseScope, today: date, rules: rules)
        if let gate = refusal(step, caseScope, view: view) {
            let refusal = gate.refusal
            throw gate.forbidden ? AppError(.forbidden, code: refusal.code, message: refusal.message, rule: refusal.rule) : AppError(refusals: [refusal])
        }
        let facts = try await StepFactsLoader.load(S.needs, for: caseScope, profile: rules.profile, on: db)
        switch S.decide(input, on: date, view: view, facts: facts) {
        case .failure(let refusals): throw AppError(refusals: refusals.all)
        case .success(let entries): return try await EthicsSteps.append(entries, to: caseScope, by: actor, db: db)
        }
    }

    /// A body to read: a content type and at least one byte (a step with nothing to send may post none).
    static func hasBody(_ req: Request) -> Bool { req.headers.contentType != nil && (req.body.data?.readableBytes ?? 0) > 0 }

    /// The step's input from the request body (JSON, URL-encoded or multipart); an empty body is an empty object.
    /// A missing or malformed field is a 422 naming the field and the step's rule, never a 500.
    static func input<S: CaseStep>(_ step: S.Type, from req: Request) throws -> S.Input {
        do {
            if !hasBody(req) { return try JSONDecoder().decode(S.Input.self, from: Data("{}".utf8)) }
            return try req.content.decode(S.Input.self)
        } catch let error as DecodingError {
            throw AppError(.unprocessableEntity, code: "invalid_input", message: StepEvaluation.describe(error), rule: S.rule)
        }
    }
}

/// Loads the facts a step names, and nothing else.
enum StepFactsLoader {
    static func load(_ needs: Set<StepFact>, for caseScope: CaseScope, profile: RuleProfile, on db: Database) async throws -> StepFacts {
        var facts = StepFacts(profile: profile)
        if needs.contains(.complainants) { facts.complainants = try await EthicsSteps.partyNames(caseScope, role: .complainant, on: db) }
        if needs.contains(.respondentRecipients) { facts.respondentRecipients = try await EthicsSteps.respondentRecipients(caseScope, profile: profile, on: db) }
        if needs.contains(.grievanceMembers) || needs.contains(.board) {
            let members = try await EthicsSteps.grievanceMembers(in: caseScope.scope.association, on: db)
            facts.grievanceMembers = members.compactMap { p in p.id.map { NamedPerson(id: $0, name: p.fullName) } }
        }
        if needs.contains(.board) {
            let board = try await Committee.board(of: caseScope.scope.association, on: db)
            facts.board = board.map { NamedPerson(id: $0.$person.id, name: $0.person.fullName) }
            facts.boardQuorum = caseScope.scope.association.boardQuorum
            facts.gcReviewers = StepFacts.gcReviewers(grievanceMembers: facts.grievanceMembers, kind: caseScope.kind, docket: caseScope.docket)
        }
        return facts
    }
}
