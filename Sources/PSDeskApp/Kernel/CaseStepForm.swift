import Vapor
import Fluent
import StandardsCore

/// A step sent from a form on the case page, and what the person sees next.
///
/// Done: back to the case page (post-redirect-get, so a reload sends nothing twice) with a sentence saying what
/// happened. Refused: the case page again (422) with the rule's message beside the form that was sent, focus on
/// it, and everything typed kept.
enum CaseStepForm {
    /// The form that failed, its message and what was typed; `form` is "" when nothing failed (Leaf reads it unguarded).
    struct Failure: Encodable {
        var form = ""
        /// The refusal's code (`reply_empty`), so a party's page can word it in their language.
        var code = ""
        var message = ""
        var rule: String?
        var values: [String: String] = [:]
        /// Checkbox lists sent as `name[]`, by name: the Directors ticked on a review decision.
        var lists: [String: [String]] = [:]

        /// Fields the case-page forms carry; each is present (maybe empty) so a template can read any of them.
        static let fields = ["explanation", "reason", "text", "articles", "narrative", "note", "publicTrust", "rationale", "outcome",
                             "decision", "forwardedArticles", "dismissedArticles", "decidedOn", "addRespondents", "removeRespondents",
                             "entry", "receivedOn", "amount", "nature", "firm", "transactionConcludedOn", "factsKnownOn", "consolidatedWith", "earlierRequest",
                             "sessionOn", "time", "place", "memberNumbers", "arbitrationCase",
                             "prevailing", "attorneyFees", "interest"]
    }

    /// The page a step's form lives on: the case page (landing at an anchor), or the hearing page for the hearing's steps.
    enum Screen { case casePage(String), hearing }

    static func run(_ req: Request, said: String, screen: Screen = .casePage("#deadlines"), _ work: () async throws -> EthicsSteps.Done) async throws -> Response {
        do {
            let done = try await work()
            Flash.said(req, said)
            switch screen {
            case .casePage(let anchor): return finish(req, done, page: anchor)
            case .hearing: return finish(req, done, page: "/hearing")
            }
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .badRequest {
            let (caseScope, actor) = try await req.caseScope()
            let form = req.url.path.split(separator: "/").last.map(String.init) ?? ""
            // Decoded once: the fields of a multipart body are not parsed again for each one.
            let sent = try? req.content.decode(FormText.self)
            let typed = sent?.values ?? [:]
            let view: View
            switch screen {
            case .casePage:
                var failure = Failure(form: form, code: error.code, message: (error.details.isEmpty ? [error.message] : error.details.map(\.message)).joined(separator: " "),
                                      rule: error.rule)
                for field in Failure.fields { failure.values[field] = typed[field] ?? "" }
                // The generic step forms (`StepForm`) read back any field they drew.
                failure.values.merge(typed) { kept, _ in kept }
                failure.lists = sent?.lists ?? [:]
                view = try await CaseScreen.render(req, caseScope: caseScope, actor: actor, failure: failure)
            case .hearing:
                let words = Wording(try await req.partyLanguage(roles: caseScope.scope.roles, actor: actor) ?? .en)
                view = try await HearingScreen.render(req, caseScope, actor: actor, errors: words.cited(error), failedStep: form, typed: typed)
            }
            return try await view.response(status: .unprocessableEntity, for: req)
        }
    }
}

/// Every text field of a form, by name, whatever else it carries (files are skipped): one decode of the body. A field
/// sent more than once (a list of checkboxes, `name[]`) is kept whole in `lists`.
struct FormText: Decodable {
    var values: [String: String] = [:]
    var lists: [String: [String]] = [:]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if let text = try? container.decode(String.self, forKey: key) {
                values[key.stringValue] = text
            } else if let many = try? container.decode([String].self, forKey: key) {
                lists[key.stringValue] = many
            }
        }
    }
}

/// The case page, rendered the same way after a GET, a refused step or a refused entry.
enum CaseScreen {
    static func render(_ req: Request, caseScope: CaseScope, actor: Actor, requestedType: String? = nil, corrects: String? = nil,
                       submitted: [String: String]? = nil, errors: [String] = [], uploadErrors: [String] = [],
                       failure: CaseStepForm.Failure = .init()) async throws -> View {
        let record = caseScope.record
        // The parties are read once: for the page, for the actor's own roles on the case, for the case's rules.
        let parties = try await CaseParty.query(on: req.db).filter(\.$caseRecord.$id == record.requireID()).with(\.$person).all()
        let partyRoles = Set(parties.filter { $0.$person.id == actor.personID }.compactMap { PartyRole(rawValue: $0.role) })
        let partyLanguage = try await req.partyLanguage(roles: caseScope.scope.roles, actor: actor)
        try await ConfidentialReads.caseRead(req, caseScope, actor: actor, page: "case page")
        var page = try await CasePageBuilder.build(caseScope: caseScope, parties: parties, partyRoles: partyRoles, slug: caseScope.scope.association.slug,
                                                   requestedType: requestedType, corrects: corrects, submitted: submitted, errors: errors,
                                                   uploadErrors: uploadErrors, notices: Flash.take(req), said: Flash.takeSaid(req), failure: failure,
                                                   today: try req.today(for: caseScope.scope.association),
                                                   layout: try await LayoutContext.make(req, "\(record.number) — \(record.title)", scope: caseScope.scope, actor: actor)
                                                       .forParty(req, partyLanguage),
                                                   actorPersonID: actor.personID,
                                                   revealed: Set([req.query[String.self, at: "form"]].compactMap { $0 }),
                                                   partyLanguage: partyLanguage, on: req.db)
        let uploadTypes = UploadDocument.allowed(caseScope, config: req.application.psdesk)
        page.uploadAccept = uploadTypes.flatMap(\.fileExtensions).sorted().map { "." + $0 }.joined(separator: ",")
        page.takesRecordings = !uploadTypes.isDisjoint(with: DocumentType.recordings)
        return try await req.view.render("case", page)
    }
}

extension LayoutContext {
    /// The layout of a signed-in page: the associations the actor works in, for the switcher.
    static func make(_ req: Request, _ title: String, scope: AssociationScope, actor: Actor) async throws -> LayoutContext {
        // Most people work in one association, the one already in hand.
        let associations = Array(actor.rolesByAssociation.keys) == [scope.id] ? [scope.association] : try await Self.associations(of: actor, on: req.db)
        return LayoutContext(request: req, title: title, scope: scope, associations: associations)
    }

    /// The associations the actor holds a role in, by name.
    static func associations(of actor: Actor, on db: Database) async throws -> [Association] {
        let ids = Array(actor.rolesByAssociation.keys)
        return ids.isEmpty ? [] : try await Association.query(on: db).filter(\.$id ~~ ids).sort(\.$name).all()
    }
}
