import Vapor
import Fluent
import StandardsCore

/// A member asks for arbitration, or for mediation only, online (Form A-1/A-2 equivalent, S3 7.3.1, 7.4.1). The
/// request is decided by the same step staff use for paper (`RequestSteps.Record`): one rule for the amount, the
/// dates, the signed agreement and the deposit. A member who is not a principal files with their principal joining
/// (b2.4).
struct ArbitrationRequestController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        let association = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association")
        association.get("arbitration", "request", use: form)
        association.post("arbitration", "request", use: submit)
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let actionURL: String
        let claimant: String
        let firm: String
        let isPrincipal: Bool
        let deposit: String
        let mediationRequired: Bool
        let today: String
        let form: [String: String]
        let errors: [String: String]
        let errorCount: Int
        let fieldsOfPractice: [CasePage.Choice]
    }

    /// Every field of the form, present (maybe empty) so the template may read any of them.
    static let fields = ["respondent", "principal", "amount", "nature", "firm", "transactionConcludedOn", "factsKnownOn", "field",
                         "consolidatedWith", "earlierRequest", "exemption", "agreementSigned", "mediationOnly", "informalCertificate"]

    func form(req: Request) async throws -> View {
        let (scope, actor) = try await req.associationScope()
        let member = try await Self.member(actor, in: scope, on: req.db)
        return try await render(req, scope: scope, actor: actor, member: member, typed: [:], errors: [:])
    }

    func submit(req: Request) async throws -> Response {
        let (scope, actor) = try await req.associationScope()
        let member = try await Self.member(actor, in: scope, on: req.db)
        let typed = (try? req.content.decode(FormText.self))?.values ?? [:]
        let today = try req.today(for: scope.association)
        switch try await Self.file(typed, member: member, scope: scope, actor: actor, today: today, now: req.application.clock.now(), on: req.db) {
        case .invalid(let errors):
            return try await render(req, scope: scope, actor: actor, member: member, typed: typed, errors: errors).response(status: .unprocessableEntity, for: req)
        case .filed(let record, let said):
            Flash.said(req, said)
            return req.redirect(to: Paths.caseDetail(scope.association.slug, record.number), redirectType: .normal)
        }
    }

    private func render(_ req: Request, scope: AssociationScope, actor: Actor, member: Membership, typed: [String: String], errors: [String: String]) async throws -> View {
        let rules = try Self.profile(scope.association, on: try req.today(for: scope.association))
        var form = Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, "") })
        form["firm"] = member.firm?.name ?? ""
        form.merge(typed.filter { Self.fields.contains($0.key) }) { _, typed in typed }
        return try await req.view.render("arbitration/request", Page(
            layout: try await LayoutContext.make(req, "Request arbitration", scope: scope, actor: actor),
            actionURL: "/a/\(scope.association.slug)/arbitration/request", claimant: member.person.fullName, firm: member.firm?.name ?? "",
            isPrincipal: member.isPrincipal, deposit: Money.format(rules.arbitrationDepositCents), mediationRequired: rules.mediationRequiredBeforeArbitration,
            today: try req.today(for: scope.association).description, form: form, errors: errors, errorCount: errors.count,
            fieldsOfPractice: ArbitrationField.allCases.map { .init(value: $0.rawValue, label: $0.label) }))
    }

    /// The signed-in person's REALTOR membership here: only members arbitrate (S3 7.1).
    static func member(_ actor: Actor, in scope: AssociationScope, on db: Database) async throws -> Membership {
        guard let personID = actor.personID,
              let membership = try await Membership.query(on: db).filter(\.$association.$id == scope.id).filter(\.$person.$id == personID)
                .with(\.$person).with(\.$firm).first(), membership.membershipType != MembershipType.affiliate.rawValue else {
            throw AppError(.forbidden, code: "members_only", message: "Arbitration is between REALTOR members of the association: sign in with your member account.", rule: .a2_18)
        }
        return membership
    }

    /// The association's profile in force on the day the request is filed.
    static func profile(_ association: Association, on day: CivilDate) throws -> RuleProfile {
        guard let profile = association.ruleProfile(on: day) else {
            throw AppError(.internalServerError, code: "bad_association_rules", message: "The association's rule profile is not known.")
        }
        return profile
    }

    enum Outcome { case filed(CaseRecord, said: String), invalid([String: String]) }

    /// Which form field each of the step's refusals belongs beside.
    static let fieldOfRefusal = ["bad_amount": "amount", "nature_required": "nature", "firm_required": "firm",
                                 "bad_transactionConcludedOn": "transactionConcludedOn", "bad_factsKnownOn": "factsKnownOn",
                                 "agreement_not_signed": "agreementSigned", "unknown_related_request": "consolidatedWith", "matter_settled": "earlierRequest"]

    static func file(_ typed: [String: String], member: Membership, scope: AssociationScope, actor: Actor, today: CivilDate, now: Date,
                     on db: Database) async throws -> Outcome {
        var errors: [String: String] = [:]
        let associationID = scope.id
        func resolve(_ text: String?) async throws -> FileComplaintOnline.ResolvedRespondent? {
            let text = trimmed(text)
            guard !text.isEmpty else { return nil }
            return try await FileComplaintOnline.resolveRespondents([.init(memberNumber: text, name: text.contains(" ") ? text : "", firm: "")],
                                                                     associations: [associationID], on: db).first
        }
        let respondent = try await resolve(typed["respondent"])
        if respondent?.personID == nil {
            errors["respondent"] = "Give the respondent's member number, or their name as the roster has it."
        } else if respondent?.personID == member.$person.id {
            errors["respondent"] = "You cannot name yourself."
        }
        // A non-principal takes part only with their principal joining, as a party (b2.4).
        var principal: FileComplaintOnline.ResolvedRespondent?
        if !member.isPrincipal {
            principal = try await resolve(typed["principal"])
            if principal?.personID == nil { errors["principal"] = "Name your principal broker (member number or name): they join the request (b2.4)." }
        }
        let mediationOnly = typed["mediationOnly"] == "yes"
        let profile = try Self.profile(scope.association, on: today)
        var facts = StepFacts(profile: profile)
        (facts.settledCases, facts.depositedFirmsByCase) = try await StepFactsLoader.relatedDeposits(in: associationID, besides: nil, db: db)
        facts.actor = StepActor(isStaff: false, personID: member.$person.id, parties: [.complainant])
        // The ombuds' certificate suspends the 180 days for its dates (a1.3).
        var informal: InformalProcessSpan?
        if !trimmed(typed["informalCertificate"]).isEmpty {
            switch try await InformalProcessCertificates.span(of: trimmed(typed["informalCertificate"]), in: associationID, on: db) {
            case .success(let span): informal = span
            case .failure(let refusal): errors["informalCertificate"] = refusal.message
            }
        }
        let stepFields = typed.filter { Self.fields.contains($0.key) && $0.key != "informalCertificate" }
        let request: ProposedEntry?
        switch StepEvaluation.decide(RequestSteps.Record.self, input: try JSONEncoder().encode(stepFields), on: today,
                                     view: StepView(kind: .arbitration, docket: [], today: today, deadlines: []), facts: facts) {
        case .failure(let refusals):
            request = nil
            for refusal in refusals.all { errors[fieldOfRefusal[refusal.code] ?? "form", default: ""] += refusal.message }
        case .success(let entries): request = entries.first
        }
        guard errors.isEmpty, let request, let respondentID = respondent?.personID else { return .invalid(errors) }

        var entries = [ProposedEntry(type: .caseOpened, effectiveOn: today, payload: ["summary": .text("Requested online by \(member.person.fullName)")]),
                       ProposedEntry(type: .partyAdded, effectiveOn: today, payload: ["personId": .text(member.$person.id.uuidString), "role": .text("complainant")])]
        if let principalID = principal?.personID, principalID != member.$person.id {
            entries.append(ProposedEntry(type: .partyAdded, effectiveOn: today, payload: ["personId": .text(principalID.uuidString), "role": .text("complainant")]))
        }
        entries.append(ProposedEntry(type: .partyAdded, effectiveOn: today, payload: ["personId": .text(respondentID.uuidString), "role": .text("respondent")]))
        if let informal { entries.append(ProposedEntry(type: .informalProcess, effectiveOn: today, payload: informal.payload)) }
        if mediationOnly {
            // Mediation only, on the same 180-day terms, with its own dates (S3 7.3.1); no arbitration deposit.
            var payload = request.payload.filter { ["transactionConcludedOn", "factsKnownOn", "nature"].contains($0.key) }
            payload["required"] = .text("no")
            entries.append(ProposedEntry(type: .mediationRequested, effectiveOn: today, payload: payload))
        } else {
            entries.append(request)
        }
        let title = String("\(member.person.lastName) v. \(respondent?.displayLastName ?? "") — \(request.payload["nature"]?.textValue ?? "")".prefix(200))
        let opening = entries
        let (record, appended) = try await writeTransaction(on: db) { tx in
            try await OpenCase.create(kind: mediationOnly ? .mediation : .arbitration, title: title, openedOn: today, associationID: associationID,
                                      entries: opening, actor: actor, actorName: nil, now: now, on: tx)
        }
        let deposit = request.payload["depositCents"]?.integerValue ?? 0
        var said = mediationOnly
            ? "Your request for mediation \(record.number) was received; the association will assign a mediation officer."
            : "Your request for arbitration \(record.number) was received. "
                + (deposit > 0 ? "The deposit of \(Money.format(deposit)) is due with it (a2.18). " : "No deposit is owed. ")
                + "The Grievance Committee decides whether it can be arbitrated; you will be told, with your right to challenge."
        if let late = appended.warnings.first { said += " " + late.message }
        return .filed(record, said: said)
    }
}
