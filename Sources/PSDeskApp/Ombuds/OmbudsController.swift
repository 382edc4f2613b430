import Vapor
import Fluent
import StandardsCore

/// The ombuds' own screens (S0; a3.2–a3.4): open matters, the conversation, working notes that expire, phone and email
/// contacts logged, exceptions, the certificate, and closing. Nobody else reaches them: to staff and administrators an
/// inquiry does not exist (404). The Board's trends (`trends`) hold no identities and are the only page others see.
struct OmbudsController: RouteCollection {
    let sessions: Middleware
    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        let ombuds = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association", "ombuds")
        ombuds.get(use: desk)
        ombuds.post("contacts", use: logContact)
        ombuds.get("trends", use: trends)
        ombuds.get("trends.csv", use: trendsCSV)
        let inquiry = ombuds.grouped("inquiries", ":inquiry")
        inquiry.get(use: show)
        inquiry.post("messages", use: reply)
        inquiry.post("notes", use: note)
        inquiry.post("certificate", use: certificate)
        inquiry.post("exception", use: exception)
        inquiry.post("close", use: close)
    }

    struct Option: Encodable { let value: String; let label: String; let selected: Bool }

    struct DeskPage: Encodable {
        let layout: LayoutContext
        let inquiries: [Row]
        let disclosures: [Disclosure]
        let trendsURL: String
        let publicURL: String
        let form: LogForm
        let said: [String]
        struct Row: Encodable { let url: String; let openedOn: String; let channel: String; let concern: String; let lastActivity: String; let messages: Int }
    }

    struct Disclosure: Encodable { let on: String; let reason: String; let what: String; let to: String }

    struct LogForm: Encodable {
        let actionURL: String
        let concerns: [Option]
        let channels: [Option]
        let text: String
        let contact: String
        let noteDays: String
        let accepted: Bool
        let errors: [String: String]
        let errorCount: Int
    }

    struct InquiryPage: Encodable {
        let layout: LayoutContext
        let deskURL: String
        let base: String
        let openedOn: String
        let channel: String
        let concern: String
        let contact: String?
        let byWeb: Bool
        let messages: [OmbudsMessageView]
        let notes: [Note]
        let disclosures: [Disclosure]
        let certificate: String?
        let services: [Option]
        let outcomes: [Option]
        let exceptions: [Option]
        let typed: [String: String]
        let errors: [String: String]
        let errorCount: Int
        let maxNoteDays: Int
        let said: [String]
        struct Note: Encodable { let text: String; let expiresOn: String; let writtenAt: String }
    }

    // MARK: access

    /// The association as the ombuds sees it; anyone else finds nothing here (404, not 403: a3.3).
    private func ombudsScope(_ req: Request) async throws -> (AssociationScope, Actor) {
        let (scope, actor) = try await req.associationScope()
        guard AccessPolicy.allows(roles: scope.roles, .workAsOmbuds) else { throw AppError.notFound("page") }
        return (scope, actor)
    }

    private func inquiry(_ req: Request, in scope: AssociationScope) async throws -> OmbudsInquiry {
        guard let id = req.parameters.get("inquiry").flatMap(UUID.init(uuidString:)),
              let inquiry = try await OmbudsInquiry.query(on: req.db).filter(\.$id == id).filter(\.$association.$id == scope.id).first() else {
            throw AppError(.notFound, code: "not_found", message: "No open matter here: a closed one is destroyed and leaves only its anonymous record (a3.3).")
        }
        return inquiry
    }

    // MARK: the desk

    func desk(req: Request) async throws -> View {
        let (scope, actor) = try await ombudsScope(req)
        return try await renderDesk(req, scope, actor, typed: [:], errors: [:], said: Flash.takeSaid(req))
    }

    private func renderDesk(_ req: Request, _ scope: AssociationScope, _ actor: Actor, typed: [String: String], errors: [String: String],
                            said: [String]) async throws -> View {
        let slug = scope.association.slug
        let open = try await OmbudsInquiry.query(on: req.db).filter(\.$association.$id == scope.id).sort(\.$lastActivityAt, .descending).all()
        var rows: [DeskPage.Row] = []
        for inquiry in open {
            let messages = try await OmbudsMessage.query(on: req.db).filter(\.$inquiry.$id == inquiry.requireID()).count()
            rows.append(.init(url: "/a/\(slug)/ombuds/inquiries/\(try inquiry.requireID())", openedOn: inquiry.openedOn,
                              channel: inquiry.channel.capitalized, concern: OmbudsConcern(rawValue: inquiry.concern)?.label ?? inquiry.concern,
                              lastActivity: TimestampFormatting.local(inquiry.lastActivityAt, timeZone: scope.association.timeZone), messages: messages))
        }
        let disclosures = try await OmbudsDisclosureRecord.query(on: req.db).filter(\.$association.$id == scope.id)
            .sort(\.$recordedOn, .descending).limit(20).all()
        return try await req.view.render("ombuds/desk", DeskPage(
            layout: try await LayoutContext.make(req, "Ombuds", scope: scope, actor: actor), inquiries: rows, disclosures: disclosures.map(Self.shown),
            trendsURL: "/a/\(slug)/ombuds/trends", publicURL: "/ombuds/\(slug)",
            form: LogForm(actionURL: "/a/\(slug)/ombuds/contacts",
                          concerns: OmbudsConcern.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: typed["concern"] == $0.rawValue) },
                          channels: [OmbudsChannel.phone, .email].map { .init(value: $0.rawValue, label: $0.rawValue.capitalized, selected: typed["channel"] == $0.rawValue) },
                          text: typed["text"] ?? "", contact: typed["contact"] ?? "", noteDays: typed["noteDays"] ?? String(OmbudsNotes.defaultDays),
                          accepted: typed["conditions"] == "accepted", errors: errors, errorCount: errors.count),
            said: said))
    }

    static func shown(_ disclosure: OmbudsDisclosureRecord) -> Disclosure {
        .init(on: disclosure.recordedOn, reason: disclosure.reasonLabel, what: disclosure.what, to: disclosure.disclosedTo)
    }

    func logContact(req: Request) async throws -> Response {
        let (scope, actor) = try await ombudsScope(req)
        let sent = (try? req.content.decode(FormText.self))?.values ?? [:]
        guard let channel = OmbudsChannel(rawValue: sent["channel"] ?? ""), channel != .web else {
            return try await renderDesk(req, scope, actor, typed: sent, errors: ["channel": "Choose how the user reached you: phone or email."], said: [])
                .response(status: .unprocessableEntity, for: req)
        }
        let opening = OmbudsDesk.Opening(channel: channel, concern: sent["concern"] ?? "", text: sent["text"] ?? "", contact: sent["contact"] ?? "",
                                         conditionsAccepted: sent["conditions"] == "accepted", noteDays: sent["noteDays"] ?? "")
        switch try await OmbudsDesk.open(opening, association: scope.association, today: try req.today(for: scope.association),
                                         now: req.application.clock.now(), seal: req.application.ombudsSeal, on: req.db) {
        case .invalid(let errors):
            return try await renderDesk(req, scope, actor, typed: sent, errors: errors, said: []).response(status: .unprocessableEntity, for: req)
        case .opened(let inquiry, _):
            Flash.said(req, "The \(channel.rawValue) contact was logged as an open matter.")
            return req.redirect(to: "/a/\(scope.association.slug)/ombuds/inquiries/\(try inquiry.requireID())", redirectType: .normal)
        }
    }

    // MARK: one matter

    func show(req: Request) async throws -> Response {
        let (scope, actor) = try await ombudsScope(req)
        let inquiry = try await inquiry(req, in: scope)
        // Which matter and when, never who it concerns: the matter keeps no identity either (a3.1).
        try await ConfidentialReads.record(req, actor: actor, association: scope.id,
                                           what: "ombuds matter \(inquiry.id?.uuidString.prefix(8) ?? "?")", rule: .a3_1)
        return try await renderInquiry(req, scope, actor, inquiry, said: Flash.takeSaid(req))
    }

    private func renderInquiry(_ req: Request, _ scope: AssociationScope, _ actor: Actor, _ inquiry: OmbudsInquiry, typed: [String: String] = [:],
                               errors: [String: String] = [:], certificate: String? = nil, said: [String] = [],
                               status: HTTPStatus = .ok) async throws -> Response {
        let today = try req.today(for: scope.association)
        // A note past its day is destroyed before the page could show it (a3.3).
        try await OmbudsDesk.expireNotes(in: scope.association, only: inquiry, today: today, on: req.db)
        let seal = req.application.ombudsSeal
        let id = try inquiry.requireID()
        let zone = scope.association.timeZone
        func read(_ sealed: String) -> String { (try? seal.open(sealed)) ?? "(This text could not be read with the configured key.)" }
        let notes = try await OmbudsNote.query(on: req.db).filter(\.$inquiry.$id == id).sort(\.$writtenAt).all()
        let disclosures = try await OmbudsDisclosureRecord.query(on: req.db).filter(\.$inquiry.$id == id).all()
        let ticked = Set((typed["services"] ?? "").split(separator: ",").map(String.init))
        let page = InquiryPage(
            layout: try await LayoutContext.make(req, "Ombuds matter opened \(inquiry.openedOn)", scope: scope, actor: actor),
            deskURL: "/a/\(scope.association.slug)/ombuds", base: "/a/\(scope.association.slug)/ombuds/inquiries/\(id)",
            openedOn: inquiry.openedOn, channel: inquiry.channel.capitalized, concern: OmbudsConcern(rawValue: inquiry.concern)?.label ?? inquiry.concern,
            contact: inquiry.sealedContact.map(read), byWeb: inquiry.channel == OmbudsChannel.web.rawValue,
            messages: try await OmbudsMessageView.conversation(of: inquiry, readBy: .ombuds, seal: seal, timeZone: zone, on: req.db),
            notes: notes.map { .init(text: read($0.sealedBody), expiresOn: $0.expiresOn, writtenAt: TimestampFormatting.local($0.writtenAt, timeZone: zone)) },
            disclosures: disclosures.map(Self.shown), certificate: certificate,
            services: OmbudsService.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: ticked.contains($0.rawValue)) },
            outcomes: OmbudsOutcome.allCases.filter { $0 != .publicTrustReferral }.map { .init(value: $0.rawValue, label: $0.label, selected: typed["outcome"] == $0.rawValue) },
            exceptions: OmbudsException.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: typed["exception"] == $0.rawValue) },
            typed: typed, errors: errors, errorCount: errors.count, maxNoteDays: OmbudsNotes.maxDays, said: said)
        let response = try await req.view.render("ombuds/inquiry", page).response(status: status, for: req)
        OmbudsPublicController.private(response)
        return response
    }

    private func back(_ req: Request, _ scope: AssociationScope, _ inquiry: OmbudsInquiry, said: String, anchor: String = "") throws -> Response {
        Flash.said(req, said)
        return req.redirect(to: "/a/\(scope.association.slug)/ombuds/inquiries/\(try inquiry.requireID())\(anchor)", redirectType: .normal)
    }

    func reply(req: Request) async throws -> Response {
        let (scope, actor) = try await ombudsScope(req)
        let inquiry = try await inquiry(req, in: scope)
        let sent = (try? req.content.decode(FormText.self))?.values ?? [:]
        if inquiry.keyHash == nil {
            return try await renderInquiry(req, scope, actor, inquiry, typed: sent,
                                           errors: ["reply": "This user reached you by \(inquiry.channel): answer them there; only a web user has a conversation page."],
                                           status: .unprocessableEntity)
        }
        if let problem = try await OmbudsDesk.post(sent["reply"] ?? "", fromOmbuds: true, to: inquiry, now: req.application.clock.now(),
                                                   seal: req.application.ombudsSeal, on: req.db) {
            return try await renderInquiry(req, scope, actor, inquiry, typed: sent, errors: ["reply": problem], status: .unprocessableEntity)
        }
        return try back(req, scope, inquiry, said: "Your reply is on the user's conversation page; they read it with their key.", anchor: "#conversation")
    }

    func note(req: Request) async throws -> Response {
        let (scope, actor) = try await ombudsScope(req)
        let inquiry = try await inquiry(req, in: scope)
        let sent = (try? req.content.decode(FormText.self))?.values ?? [:]
        let errors = try await OmbudsDesk.note(sent["note"] ?? "", days: sent["noteDays"] ?? "", on: inquiry, today: try req.today(for: scope.association),
                                               now: req.application.clock.now(), seal: req.application.ombudsSeal, db: req.db)
        guard errors.isEmpty else {
            return try await renderInquiry(req, scope, actor, inquiry, typed: sent, errors: errors, status: .unprocessableEntity)
        }
        return try back(req, scope, inquiry, said: "The working note was kept; it is destroyed on its expiry day or when the matter closes.", anchor: "#notes")
    }

    func certificate(req: Request) async throws -> Response {
        let (scope, actor) = try await ombudsScope(req)
        let inquiry = try await inquiry(req, in: scope)
        let code = try await OmbudsDesk.certificate(for: inquiry, on: req.db)
        return try await renderInquiry(req, scope, actor, inquiry, certificate: code,
                                       said: ["A certificate was made. Give the user its code now: it is shown only once."])
    }

    func exception(req: Request) async throws -> Response {
        let (scope, actor) = try await ombudsScope(req)
        let inquiry = try await inquiry(req, in: scope)
        let form = try? req.content.decode(FormText.self)
        let sent = form?.values ?? [:]
        guard let kind = OmbudsException(rawValue: sent["exception"] ?? "") else {
            return try await renderInquiry(req, scope, actor, inquiry, typed: sent, errors: ["exception": "Choose which exception applies (a3.4)."],
                                           status: .unprocessableEntity)
        }
        let services = (form?.lists["services"] ?? sent["services"].map { [$0] } ?? []).compactMap(OmbudsService.init(rawValue:))
        let errors = try await OmbudsDesk.recordException(kind, what: sent["what"] ?? "", to: sent["to"] ?? "", on: inquiry, services: services,
                                                          today: try req.today(for: scope.association), db: req.db)
        guard errors.isEmpty else {
            return try await renderInquiry(req, scope, actor, inquiry, typed: sent, errors: errors, status: .unprocessableEntity)
        }
        req.logger.info("ombuds exception recorded", metadata: ["association": .string(scope.association.slug), "exception": .string(kind.rawValue)])
        if kind.isPublicTrust {
            Flash.said(req, "The public-trust allegation was recorded and the matter ended with a referral (a3.4, b10.5); its conversation, notes and contact details were destroyed.")
            return req.redirect(to: "/a/\(scope.association.slug)/ombuds", redirectType: .normal)
        }
        return try back(req, scope, inquiry, said: "The exception was recorded with only what was disclosed and to whom (a3.4).", anchor: "#disclosures")
    }

    func close(req: Request) async throws -> Response {
        let (scope, actor) = try await ombudsScope(req)
        let inquiry = try await inquiry(req, in: scope)
        let form = try? req.content.decode(FormText.self)
        var sent = form?.values ?? [:]
        let ticked = form?.lists["services"] ?? sent["services"].map { [$0] } ?? []
        sent["services"] = ticked.joined(separator: ",")
        let closing = OmbudsClosing(services: ticked.compactMap(OmbudsService.init(rawValue:)), outcome: OmbudsOutcome(rawValue: sent["outcome"] ?? ""),
                                    released: sent["released"] ?? "", releasedTo: sent["releasedTo"] ?? "")
        let errors = try await OmbudsDesk.close(inquiry, closing, confirmed: sent["confirm"] == "destroy", today: try req.today(for: scope.association), on: req.db)
        guard errors.isEmpty else {
            return try await renderInquiry(req, scope, actor, inquiry, typed: sent, errors: errors, status: .unprocessableEntity)
        }
        req.logger.info("ombuds matter closed", metadata: ["association": .string(scope.association.slug)])
        Flash.said(req, "The matter was closed. Its messages, notes and contact details were destroyed; only the anonymous record remains (a3.3).")
        return req.redirect(to: "/a/\(scope.association.slug)/ombuds", redirectType: .normal)
    }

    // MARK: trends for the Board

    struct TrendsPage: Encodable {
        let layout: LayoutContext
        let total: String
        let medianDays: String?
        let threshold: Int
        let sections: [Section]
        let csvURL: String
        struct Section: Encodable { let id: String; let title: String; let rows: [Bar] }
        /// A row with its bar's width in percent of the largest count shown.
        struct Bar: Encodable { let label: String; let count: String; let width: Int; let suppressed: Bool }
    }

    static func loadTrends(_ req: Request) async throws -> (AssociationScope, Actor, OmbudsTrends) {
        let (scope, actor) = try await req.associationScope()
        guard AccessPolicy.allows(roles: scope.roles, .viewOmbudsTrends) else { throw AppError.forbidden }
        let records = try await OmbudsClosedRecord.query(on: req.db).filter(\.$association.$id == scope.id).all().compactMap(\.record)
        return (scope, actor, OmbudsTrends(records))
    }

    func trends(req: Request) async throws -> View {
        let (scope, actor, trends) = try await Self.loadTrends(req)
        func section(_ id: String, _ title: String, _ rows: [OmbudsTrends.Row]) -> TrendsPage.Section {
            let most = max(1, rows.compactMap { if case .count(let n) = $0.cell { n } else { nil } }.max() ?? 1)
            return .init(id: id, title: title, rows: rows.map { row in
                let count: Int? = if case .count(let n) = row.cell { n } else { nil }
                return .init(label: row.label, count: row.cell.text, width: count.map { $0 * 100 / most } ?? 0, suppressed: count == nil)
            })
        }
        return try await req.view.render("ombuds/trends", TrendsPage(
            layout: try await LayoutContext.make(req, "Ombuds trends", scope: scope, actor: actor), total: trends.total.text,
            medianDays: trends.medianDays.map(String.init), threshold: trends.threshold,
            sections: [section("concern", "By kind of concern", trends.byConcern), section("service", "By service used", trends.byService),
                       section("outcome", "By outcome", trends.byOutcome), section("month", "By month closed", trends.byMonth)],
            csvURL: "/a/\(scope.association.slug)/ombuds/trends.csv"))
    }

    func trendsCSV(req: Request) async throws -> Response {
        let (scope, _, trends) = try await Self.loadTrends(req)
        var lines = [["dimension", "key", "label", "count"]]
        for (dimension, rows) in Self.dimensions(trends) {
            for row in rows {
                lines.append([dimension, row.key, row.label, Self.csvCount(row.cell)])
            }
        }
        lines.append(["total", "all", "All closed matters", Self.csvCount(trends.total)])
        return CSVText.download(lines, filename: "ombuds-trends-\(scope.association.slug).csv")
    }

    /// The trends as the API gives them: a count is null where it is suppressed.
    struct TrendsOut: Content {
        struct Row: Content { let dimension: String; let key: String; let label: String; let count: Int? }
        let threshold: Int
        let total: Int?
        let medianDays: Int?
        let rows: [Row]
        init(_ trends: OmbudsTrends) {
            threshold = trends.threshold; total = trends.total.count; medianDays = trends.medianDays
            rows = OmbudsController.dimensions(trends).flatMap { dimension, rows in
                rows.map { Row(dimension: dimension, key: $0.key, label: $0.label, count: $0.cell.count) }
            }
        }
    }

    /// The trends' breakdowns in the order every form of them gives.
    static func dimensions(_ trends: OmbudsTrends) -> [(String, [OmbudsTrends.Row])] {
        [("concern", trends.byConcern), ("service", trends.byService), ("outcome", trends.byOutcome), ("month", trends.byMonth)]
    }

    /// A count as the CSV gives it: the number, or `suppressed`.
    static func csvCount(_ cell: OmbudsTrends.Cell) -> String {
        if case .count(let n) = cell { String(n) } else { "suppressed" }
    }
}

/// One message of a conversation as a page shows it, to the user or to the ombuds.
struct OmbudsMessageView: Encodable {
    let from: String
    let at: String
    let text: String
    /// Written by whoever reads the page (shown on the right).
    let mine: Bool

    enum Reader { case user, ombuds }

    static func conversation(of inquiry: OmbudsInquiry, readBy reader: Reader, seal: OmbudsSeal, timeZone: String, on db: Database) async throws -> [Self] {
        try await OmbudsMessage.query(on: db).filter(\.$inquiry.$id == inquiry.requireID()).sort(\.$sentAt).all().map { message in
            let mine = message.fromOmbuds == (reader == .ombuds)
            return .init(from: mine ? (reader == .ombuds ? "You (ombuds)" : "You") : (reader == .ombuds ? "The user" : "The ombuds"),
                         at: TimestampFormatting.local(message.sentAt, timeZone: timeZone),
                         text: (try? seal.open(message.sealedBody)) ?? "(This message could not be read with the configured key.)", mine: mine)
        }
    }
}
