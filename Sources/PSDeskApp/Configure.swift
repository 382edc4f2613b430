import Vapor
import Fluent
import FluentSQLiteDriver
import FluentPostgresDriver
import Leaf

/// Sets up the database, sessions, middleware, views and routes. The same function runs for `serve`,
/// every command and every test.
public func configure(_ app: Application, config: AppConfig) async throws {
    app.psdesk = config

    if let url = config.databaseURL {
        // TLS follows the URL's sslmode (require, prefer, disable).
        var postgres = try SQLPostgresConfiguration(url: url)
        if let schema = Environment.get("PSDESK_PG_SCHEMA") ?? app.storage[TestSchemaKey.self] {
            postgres.searchPath = [schema]
        }
        // Writes to one association queue behind each other (case numbers, the docket's sequence); under load a
        // request may wait longer for a connection than the pool's default 10 seconds, and should wait, not fail.
        // A write holds its transaction's connection while parts of it read on another (the rules, the association):
        // with one connection per event loop, Fluent's default, a few concurrent writes waited on each other until the
        // pool timed out (issue 21, two instances). `PSDESK_PG_CONNECTIONS` per event loop, 8 by default.
        app.databases.use(.postgres(configuration: postgres, maxConnectionsPerEventLoop: config.postgresConnectionsPerLoop,
                                    connectionPoolTimeout: .seconds(30)), as: .psql)
    } else if config.inMemoryDatabase {
        app.databases.use(.sqlite(.memory), as: .sqlite)
    } else {
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        app.databases.use(.sqlite(.file(config.sqlitePath)), as: .sqlite)
    }
    Migrations.register(on: app)

    ServiceMetrics.start()
    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    app.passwordWork = PasswordWork(cost: config.bcryptCost)
    app.lifecycle.use(PasswordWorkLifecycle())
    app.lifecycle.use(MailWorker())
    let installationKey = try OmbudsSeal.key(for: config)
    app.ombudsSeal = OmbudsSeal(key: installationKey)
    app.cookieKey = Application.deriveCookieKey(from: installationKey)
    app.lifecycle.use(OmbudsSweeper())
    app.sessions.use { _ in QuietSessions(base: StoredSessions()) }
    // `Secure` is read when the cookie is made: `serve` settles it once it knows the address it listens on.
    app.sessions.configuration = SessionsConfiguration(cookieName: "psdesk_session") { [unowned app] id in
        HTTPCookies.Value(string: id.string, maxAge: Int(StoredSessions.lifetime), path: "/", isSecure: app.psdesk.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    // Request log and error rendering wrap everything; static files need no session.
    app.middleware = Middlewares()
    app.middleware.use(RequestLogging())
    app.middleware.use(SecurityHeaders())
    app.middleware.use(MethodNotAllowed())
    app.middleware.use(ErrorRendering())
    app.middleware.use(PublicFiles(FileMiddleware(publicDirectory: app.directory.publicDirectory)))
    // English and Spanish for the public pages and the parties (issue 19): `?lang=` chooses, a cookie remembers.
    _ = try Catalog.load(from: app.directory.resourcesDirectory + "Catalog/")
    app.middleware.use(LanguageChoice())

    // Uploads are the only large bodies; they raise the limit on their own routes.
    app.routes.defaultMaxBodySize = "1mb"

    app.views.use(.leaf)
    app.leaf.cache.isEnabled = !config.reloadTemplates

    try routes(app)
}

struct TestSchemaKey: StorageKey { typealias Value = String }

enum Migrations {
    static func register(on app: Application) {
        app.migrations.add(CreateAssociations())
        app.migrations.add(CreatePeople())
        app.migrations.add(CreateAccounts())
        app.migrations.add(CreateCases())
        app.migrations.add(CreateDocketAppendOnlyTriggers())
        app.migrations.add(SessionRecord.migration)
        app.migrations.add(CreateCaseAccessKeys())
        app.migrations.add(UpdateCasesAddRespondentNotified())
        app.migrations.add(CreateCommitteesAndPanelSeats())
        app.migrations.add(AddPanelSeatsPersonIndex())
        app.migrations.add(AddDismissalAppealPending())
        app.migrations.add(AddCaseFiledOn())
        app.migrations.add(AddListIndexes())
        app.migrations.add(CreateReadModels())
        app.migrations.add(CreateCaseEvents())
        app.migrations.add(CreateEscrowRegister())
        app.migrations.add(CreateReportReadModels())
        app.migrations.add(CreateCaseSearch())
        app.migrations.add(CreateAdministratorsAndSignInLinks())
        app.migrations.add(CreateAdminChanges())
        app.migrations.add(CreateOutbox())
        app.migrations.add(AddAccountControls())
        app.migrations.add(CreateCitationSchedules())
        app.migrations.add(CreateOmbudsProgram())
        app.migrations.add(AddCommitteeTerms())
        app.migrations.add(CreateCommitteeReviews())
        app.migrations.add(CreateAppointmentCriteria())
        app.migrations.add(AddMembershipMLS())
        app.migrations.add(AddDocketTypeIndex())
        app.migrations.add(CreateLetters())
        app.migrations.add(CreateCalendarFeeds())
        app.migrations.add(CreateReminders())
        app.migrations.add(CreateCaseMessages())
        app.migrations.add(AddLetterRecipients())
        app.migrations.add(AddDocketChain())
        app.migrations.add(CreateConfidentialReads())
        app.migrations.add(AllowDestroyedMessages())
        app.migrations.add(DocketChainStore.AddRecordedAtIndex())
        app.migrations.add(RefuseReplaceOnAppendOnlyTables())
        app.migrations.add(Throttle.Migration())
        app.migrations.add(WebSessionRecord.Migration())
    }
}

func routes(_ app: Application) throws {
    app.get("healthz") { _ in ["status": "ok"] }
    try app.register(collection: MetricsController())
    // Ready for traffic: the database answers and the document store (shared by every instance) can be written.
    app.get("readyz") { req async throws -> Response in
        var problem: String?
        do { _ = try await Association.query(on: req.db).count() } catch {
            req.logger.warning("readiness check failed: \(String(describing: type(of: error)))")
            problem = "database unreachable"
        }
        let store = req.application.psdesk.blobDirectory
        if problem == nil, (try? FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)) == nil
            || !FileManager.default.isWritableFile(atPath: store) {
            problem = "document store not writable"
        }
        let response = try await ["status": problem ?? "ready"].encodeResponse(for: req)
        if problem != nil { response.status = .serviceUnavailable }
        return response
    }
    try app.register(collection: APIController(app: app))
    try app.register(collection: WebController(app: app))
    try app.register(collection: WelcomeController(app: app))
    try app.register(collection: AdministrationController(app: app))
    try app.register(collection: RegionalAgreementsController(app: app))
    try app.register(collection: PublicFilingController(app: app))
    try app.register(collection: NoticeController(app: app))
    try app.register(collection: OutboxController(app: app))
    try app.register(collection: PeopleController(app: app))
    try app.register(collection: AccountController(app: app))
    try app.register(collection: RosterUploadController(app: app))
    try app.register(collection: GrievanceController(app: app))
    try app.register(collection: CaseStepController(app: app))
    try app.register(collection: DirectorsController(app: app))
    try app.register(collection: HearingController(app: app))
    try app.register(collection: CommitteeController(app: app))
    try app.register(collection: EscrowRegisterController(app: app))
    try app.register(collection: CitationScheduleController(app: app))
    try app.register(collection: LetterTemplateController(app: app))
    try app.register(collection: RecordsController(app: app))
    try app.register(collection: ReportsController(app: app))
    try app.register(collection: CalendarController(app: app))
    try app.register(collection: CaseMessageController(app: app))
    try app.register(collection: OmbudsPublicController(app: app))
    try app.register(collection: OmbudsController(app: app))
    try app.register(collection: ArbitrationRequestController(app: app))
    try app.register(collection: RulesController(app: app))
}
