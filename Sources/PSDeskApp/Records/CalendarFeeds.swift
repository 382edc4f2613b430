import Vapor
import Fluent
import StandardsCore

/// A person's private calendar link (issue 19): a secret in the URL, stored only as its SHA-256, one per account;
/// making a new one or turning it off stops the old at once.
final class CalendarFeedRecord: Model, @unchecked Sendable {
    static let schema = "calendar_feeds"
    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "token_hash") var tokenHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_read_at") var lastReadAt: Date?
    init() {}
}

struct CreateCalendarFeeds: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CalendarFeedRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime)
            .field("last_read_at", .datetime)
            .unique(on: "token_hash")
            .unique(on: "user_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(CalendarFeedRecord.schema).delete()
    }
}

/// What a person's calendar holds: the hearings, appeal hearings and mediation sessions they take part in, and the
/// dated time frames they must meet, in every association where they have a role. A staff member's holds the whole
/// association's. Titles name the case number only, never the parties: a calendar is often synced to another service.
enum CalendarFeeds {
    /// Makes the account's link, replacing any earlier one; returns the secret, shown once.
    static func make(for userID: UUID, on db: Database) async throws -> String {
        let token = TokenHashing.newToken()
        try await db.transaction { tx in
            try await CalendarFeedRecord.query(on: tx).filter(\.$user.$id == userID).delete()
            let feed = CalendarFeedRecord()
            feed.$user.id = userID
            feed.tokenHash = TokenHashing.hash(token)
            try await feed.create(on: tx)
        }
        return token
    }

    static func turnOff(for userID: UUID, on db: Database) async throws {
        try await CalendarFeedRecord.query(on: db).filter(\.$user.$id == userID).delete()
    }

    static func url(_ token: String, baseURL: String) -> String { baseURL + "/calendar/" + token + ".ics" }

    /// How far back a feed reaches: recent events stay visible for a while, older ones drop off.
    static let pastDays = 60

    static func calendar(for actor: Actor, now: Date, baseURL: String, on db: Database) async throws -> ICalendar {
        var out: [ICalendar.Event] = []
        for (associationID, roles) in actor.rolesByAssociation where !roles.isEmpty {
            guard let association = try await Association.find(associationID, on: db),
                  let zone = AssociationClock(timeZoneIdentifier: association.timeZone) else { continue }
            let scope = AssociationScope(association: association, roles: roles)
            let today = zone.civilDate(at: now)
            let from = today.adding(days: -pastDays).description
            let caseURL = { (number: String) in baseURL + Paths.caseDetail(association.slug, number) }
            let host = URL(string: baseURL)?.host ?? "psdesk"

            // Events: all of them for staff; otherwise those of the cases the person is a party to, sits on, mediates,
            // or, for Directors and the President, the appeal hearings — chosen in the query, not after reading them all.
            let events = CaseEventRow.query(on: db).filter(\.$association.$id == associationID).filter(\.$startsOn >= from)
            var rows: [CaseEventRow] = []
            var deadlines: [CaseDeadlineRow] = []
            if roles.contains(.staff) {
                rows = try await events.all()
                deadlines = try await Worklist.openWindows(of: associationID, on: db).filter(\.$partyOption == false)
                    .filter(\.$dueOn >= from).all()
            } else {
                let ties = try await PanelTies.load(actor: actor, in: scope, on: db)
                var partyCases: Set<UUID> = []
                if let person = actor.personID {
                    partyCases = Set(try await CaseParty.query(on: db).filter(\.$association.$id == associationID).filter(\.$person.$id == person).all()
                        .map { $0.$caseRecord.id })
                }
                let board = !roles.isDisjoint(with: [.director, .president])
                let candidates = partyCases.isEmpty && ties.cases.isEmpty && ties.mediates.isEmpty && !board ? [] : try await events.group(.or) { any in
                    if !partyCases.isEmpty { any.filter(\.$caseRecord.$id ~~ partyCases) }
                    if !ties.cases.isEmpty {
                        any.group(.and) { $0.filter(\.$kind == CalendarEvent.Kind.hearing.rawValue).filter(\.$caseRecord.$id ~~ ties.cases) }
                    }
                    if !ties.mediates.isEmpty {
                        any.group(.and) { $0.filter(\.$kind == CalendarEvent.Kind.mediationSession.rawValue).filter(\.$caseRecord.$id ~~ ties.mediates) }
                    }
                    if board { any.filter(\.$kind == CalendarEvent.Kind.appealHearing.rawValue) }
                }.all()
                // Only cases the policy lets the person see (a respondent not yet told of a complaint sees nothing, S3 5.1.1).
                let records = try await CaseRecord.query(on: db).filter(\.$id ~~ Set(candidates.map { $0.$caseRecord.id })).all()
                let visible = Set(try await CaseListing.rows(records, in: scope, actor: actor, ties: ties, on: db).compactMap(\.record.id))
                rows = candidates.filter { visible.contains($0.$caseRecord.id) }
                if roles.contains(.party) { deadlines = try await WebController.partyWindows(scope: scope, actor: actor, today: today, on: db) }
                deadlines += try await WebController.committeeWindows(scope: scope, actor: actor, today: today, on: db)
            }
            out += rows.map { event($0, zone: zone, caseURL: caseURL($0.caseNumber), host: host) }
            out += deadlines.compactMap { row in
                guard let due = row.dueOn.flatMap(CivilDate.init) else { return nil }
                return ICalendar.Event(uid: "deadline-\(row.$caseRecord.id.uuidString.lowercased())-\(row.key)@\(host)",
                                       summary: "Due: \(row.title) (case \(row.caseNumber))",
                                       description: "\(row.explanationHead) Rule \(row.rule).\n\(caseURL(row.caseNumber))", start: .day(due),
                                       url: caseURL(row.caseNumber))
            }
        }
        return ICalendar(name: "PSDesk: \(actor.displayName)", events: out.sorted { $0.uid < $1.uid })
    }

    /// The event a notice of hearing, appeal hearing or mediation session sets, as a one-event calendar to attach to
    /// its email; nil for any other notice. A mediation notice carries the latest session.
    static func invitation(for letter: LetterRecord, now: Date, baseURL: String, on db: Database) async throws -> String? {
        let eventKind: CalendarEvent.Kind? = switch NoticeKind(rawValue: try letter.decoded().kind) {
        case .hearing, .arbitrationHearing: .hearing
        case .appealHearing: .appealHearing
        case .mediationSession: .mediationSession
        default: nil
        }
        guard let eventKind,
              let row = try await CaseEventRow.query(on: db).filter(\.$caseRecord.$id == letter.$caseRecord.id).filter(\.$kind == eventKind.rawValue)
                .sort(\.$startsOn, .descending).first(),
              let association = try await Association.find(letter.$association.id, on: db),
              let zone = AssociationClock(timeZoneIdentifier: association.timeZone) else { return nil }
        let host = URL(string: baseURL)?.host ?? "psdesk"
        let event = event(row, zone: zone, caseURL: baseURL + Paths.caseDetail(association.slug, row.caseNumber), host: host)
        return ICalendar(name: association.name, events: [event]).render(stamp: now)
    }

    /// One case event: at its time in the association's zone, or the whole day when no time was given; the place or
    /// video link as its location; the same UID however often it moves, with a higher SEQUENCE each time.
    static func event(_ row: CaseEventRow, zone: AssociationClock, caseURL: String, host: String) -> ICalendar.Event {
        let kind = CalendarEvent.Kind(rawValue: row.kind) ?? .hearing
        let day = CivilDate(row.startsOn) ?? .earliest
        let start: ICalendar.Event.Start = row.startsAtMinute.map { .at(zone.instant(on: day, hour: $0 / 60, minute: $0 % 60)) } ?? .day(day)
        let link = row.place.flatMap { place in place.hasPrefix("https://") || place.hasPrefix("http://") ? place : nil }
        var description = "\(kind.title), case \(row.caseNumber) (rule \(kind.rule.id))."
        if let time = row.timeText { description += " Time: \(time)." }
        if let link { description += "\nJoin: \(link)" }
        description += "\nCase: \(caseURL)"
        return ICalendar.Event(uid: "\(kind.rawValue)-\(row.$caseRecord.id.uuidString.lowercased())-\(row.eventKey)@\(host)",
                               summary: "\(kind.title) (case \(row.caseNumber))", description: description, start: start,
                               minutes: kind.minutes, location: row.place, url: link ?? caseURL, sequence: row.revision)
    }
}

/// The calendar link: `GET /calendar/<secret>.ics` for a calendar program (no session), and the account page's
/// buttons to make a new link or turn it off.
struct CalendarController: RouteCollection {
    let sessions: Middleware
    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        routes.get("calendar", ":file", use: feed)
        let account = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor()).grouped("account", "calendar")
        account.post(use: make)
        account.post("off", use: turnOff)
    }

    func feed(req: Request) async throws -> Response {
        let file = req.parameters.get("file") ?? ""
        guard file.hasSuffix(".ics"), file.count < 120,
              let feed = try await CalendarFeedRecord.query(on: req.db).filter(\.$tokenHash == TokenHashing.hash(String(file.dropLast(4)))).first(),
              let actor = try await Actor.load(userID: feed.$user.id, on: req.db) else {
            // The same answer for a link never made, turned off, or of a deactivated account.
            throw AppError(.notFound, code: "calendar_not_found", message: "This calendar link is not in use. Make a new one from your account page.")
        }
        let now = req.application.clock.now()
        feed.lastReadAt = now
        try await feed.save(on: req.db)
        let calendar = try await CalendarFeeds.calendar(for: actor, now: now, baseURL: req.application.psdesk.publicURL, on: req.db)
        let response = Response(status: .ok, body: .init(string: calendar.render(stamp: now)))
        response.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"psdesk.ics\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }

    func make(req: Request) async throws -> View {
        let actor = try req.requireActor()
        let token = try await CalendarFeeds.make(for: actor.userID, on: req.db)
        req.logger.info("calendar link made", metadata: ["user": .string(actor.userID.uuidString)])
        return try await AccountController.renderPage(req, newCalendarURL: CalendarFeeds.url(token, baseURL: req.application.psdesk.publicURL))
    }

    func turnOff(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try await CalendarFeeds.turnOff(for: actor.userID, on: req.db)
        Flash.said(req, "Your calendar link is turned off; calendars that used it stop updating.")
        return req.redirect(to: "/account")
    }
}
