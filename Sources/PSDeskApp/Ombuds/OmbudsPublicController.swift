import Vapor
import Fluent
import StandardsCore

/// The ombuds program's public pages (S0, a3.1): what the program is, an inquiry on the web (anonymous allowed) after the
/// conditions are accepted (a3.5), and the conversation again with the follow-up key. The key is posted, never put in a
/// link, and the pages are not cached: whoever holds the key holds the conversation.
struct OmbudsPublicController: RouteCollection {
    let sessions: Middleware
    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        // Every inquiry, key tried and reply counts against the address (issue 21).
        let web = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), ThrottledPosts { $0.ombudsInquiry })
            .grouped("ombuds", ":association")
        web.get(use: program)
        web.post(use: open).checksOwnText()
        web.get("follow-up", use: followUpForm)
        web.post("follow-up", use: followUp)
        web.post("follow-up", "reply", use: reply).checksOwnText()
        web.post("follow-up", "certificate", use: certificate)
    }

    struct Option: Encodable { let value: String; let label: String; let selected: Bool }

    struct ProgramPage: Encodable {
        let layout: LayoutContext
        let association: String
        let actionURL: String
        let followUpURL: String
        let fileComplaintURL: String
        let concerns: [Option]
        let services: [String]
        let conditions: [String]
        let limits: String
        let text: String
        let contact: String
        let accepted: Bool
        let errors: [String: String]
        let errorCount: Int
    }

    struct ConversationPage: Encodable {
        let layout: LayoutContext
        let association: String
        let key: String
        /// Shown once, on the page that made it.
        let newKey: String?
        let certificate: String?
        let openedOn: String
        let concern: String
        let messages: [OmbudsMessageView]
        let replyURL: String
        let certificateURL: String
        let fileComplaintURL: String
        let reply: String
        let replyError: String?
        let said: [String]
    }

    struct FollowUpPage: Encodable {
        let layout: LayoutContext
        let association: String
        let actionURL: String
        let programURL: String
        let error: String?
    }

    func program(req: Request) async throws -> View {
        let association = try await Self.association(req)
        return try await renderProgram(req, association, text: "", contact: "", concern: "", accepted: false, errors: [:])
    }

    private func renderProgram(_ req: Request, _ association: Association, text: String, contact: String, concern: String, accepted: Bool,
                               errors: [String: String]) async throws -> View {
        try await req.view.render("ombuds/program", ProgramPage(
            layout: LayoutContext(request: req, title: "Ombuds — \(association.name)"), association: association.name,
            actionURL: "/ombuds/\(association.slug)", followUpURL: "/ombuds/\(association.slug)/follow-up", fileComplaintURL: "/file/\(association.slug)",
            concerns: OmbudsConcern.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == concern) },
            services: OmbudsService.allCases.map(\.label), conditions: OmbudsConditions.items, limits: OmbudsConditions.limits,
            text: text, contact: contact, accepted: accepted, errors: errors, errorCount: errors.count))
    }

    func open(req: Request) async throws -> Response {
        let association = try await Self.association(req)
        let sent = (try? req.content.decode(FormText.self))?.values ?? [:]
        let opening = OmbudsDesk.Opening(channel: .web, concern: sent["concern"] ?? "", text: sent["text"] ?? "", contact: sent["contact"] ?? "",
                                         conditionsAccepted: sent["conditions"] == "accepted")
        switch try await OmbudsDesk.open(opening, association: association, today: try req.today(for: association), now: req.application.clock.now(),
                                         seal: req.application.ombudsSeal, on: req.db) {
        case .invalid(let errors):
            return try await renderProgram(req, association, text: opening.text, contact: opening.contact, concern: opening.concern,
                                           accepted: opening.conditionsAccepted, errors: errors).response(status: .unprocessableEntity, for: req)
        case .opened(let inquiry, let key):
            req.logger.info("ombuds inquiry received", metadata: ["association": .string(association.slug)])
            return try await conversation(req, association, inquiry, key: key ?? "", newKey: key, status: .created,
                                          said: ["Your message reached the ombuds. Nobody else can read it."])
        }
    }

    func followUpForm(req: Request) async throws -> View {
        let association = try await Self.association(req)
        return try await renderFollowUp(req, association, error: nil)
    }

    private func renderFollowUp(_ req: Request, _ association: Association, error: String?) async throws -> View {
        try await req.view.render("ombuds/follow-up", FollowUpPage(
            layout: LayoutContext(request: req, title: "Your conversation with the ombuds"), association: association.name,
            actionURL: "/ombuds/\(association.slug)/follow-up", programURL: "/ombuds/\(association.slug)", error: error))
    }

    /// The open inquiry of the posted key, or the key form again saying it is not one.
    private func keyed(_ req: Request, _ association: Association, _ sent: [String: String]) async throws -> OmbudsInquiry? {
        try await OmbudsDesk.inquiry(forKey: sent["key"] ?? "", in: association, on: req.db)
    }

    private func unknownKey(_ req: Request, _ association: Association) async throws -> Response {
        try await renderFollowUp(req, association, error: "No open conversation has this key. Check it letter by letter; if the ombuds has closed the conversation, nothing of it is kept, and you are welcome to start a new one.")
            .response(status: .notFound, for: req)
    }

    func followUp(req: Request) async throws -> Response {
        let association = try await Self.association(req)
        let sent = (try? req.content.decode(FormText.self))?.values ?? [:]
        guard let inquiry = try await keyed(req, association, sent) else { return try await unknownKey(req, association) }
        return try await conversation(req, association, inquiry, key: sent["key"] ?? "")
    }

    func reply(req: Request) async throws -> Response {
        let association = try await Self.association(req)
        let sent = (try? req.content.decode(FormText.self))?.values ?? [:]
        guard let inquiry = try await keyed(req, association, sent) else { return try await unknownKey(req, association) }
        let text = sent["text"] ?? ""
        if let problem = try await OmbudsDesk.post(text, fromOmbuds: false, to: inquiry, now: req.application.clock.now(),
                                                   seal: req.application.ombudsSeal, on: req.db) {
            return try await conversation(req, association, inquiry, key: sent["key"] ?? "", reply: text, replyError: problem, status: .unprocessableEntity)
        }
        return try await conversation(req, association, inquiry, key: sent["key"] ?? "", said: ["Your message was sent to the ombuds."])
    }

    func certificate(req: Request) async throws -> Response {
        let association = try await Self.association(req)
        let sent = (try? req.content.decode(FormText.self))?.values ?? [:]
        guard let inquiry = try await keyed(req, association, sent) else { return try await unknownKey(req, association) }
        let code = try await OmbudsDesk.certificate(for: inquiry, on: req.db)
        return try await conversation(req, association, inquiry, key: sent["key"] ?? "", certificate: code)
    }

    private func conversation(_ req: Request, _ association: Association, _ inquiry: OmbudsInquiry, key: String, newKey: String? = nil,
                              certificate: String? = nil, reply: String = "", replyError: String? = nil, status: HTTPStatus = .ok,
                              said: [String] = []) async throws -> Response {
        let page = ConversationPage(
            layout: LayoutContext(request: req, title: "Your conversation with the ombuds"), association: association.name, key: key, newKey: newKey,
            certificate: certificate, openedOn: inquiry.openedOn, concern: OmbudsConcern(rawValue: inquiry.concern)?.label ?? "",
            messages: try await OmbudsMessageView.conversation(of: inquiry, readBy: .user, seal: req.application.ombudsSeal,
                                                               timeZone: association.timeZone, on: req.db),
            replyURL: "/ombuds/\(association.slug)/follow-up/reply", certificateURL: "/ombuds/\(association.slug)/follow-up/certificate",
            fileComplaintURL: "/file/\(association.slug)", reply: reply, replyError: replyError, said: said)
        let response = try await req.view.render("ombuds/conversation", page).response(status: status, for: req)
        Self.private(response)
        return response
    }

    /// A page holding a key or the conversation is kept by no cache and no history.
    static func `private`(_ response: Response) {
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    }

    static func association(_ req: Request) async throws -> Association {
        guard let slug = req.parameters.get("association"),
              let association = try await Association.query(on: req.db).filter(\.$slug == slug).first() else { throw AppError.notFound("association") }
        return association
    }
}
