import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
@testable import PSDeskApp
@testable import StandardsCore

/// Boots the app on in-memory SQLite (or, when `DATABASE_URL` is set, on PostgreSQL in a throwaway
/// schema of its own, so tests run in parallel), migrates, runs `body`, and shuts down on every path. `fileDatabase`: a SQLite
/// file in WAL mode in the test's data folder, as the server keeps it, for tests that read the file itself.
func withTestApp(maxUploadMB: Int? = nil, fileDatabase: Bool = false, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("psdesk-test-\(UUID().uuidString)").path
    var schema: String?
    do {
        var env = ProcessInfo.processInfo.environment
        if let mb = maxUploadMB { env["PSDESK_MAX_UPLOAD_MB"] = String(mb) }
        var config = try AppConfig.fromEnvironment(env, testing: true)
        config.dataDirectory = dataDirectory
        if fileDatabase && config.databaseURL == nil { config.inMemoryDatabase = false }
        if config.databaseURL != nil {
            schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            app.storage[TestSchemaKey.self] = schema
        }
        try await configure(app, config: config)
        // Every test runs on the same day, so dates written into tests (a complaint filed 2026-11-02) stay inside the
        // windows a step date must lie in, whatever day the suite runs.
        app.clock = .fixed(testNow)
        if let schema, let sql = app.db as? SQLDatabase {
            try await sql.raw("CREATE SCHEMA \(ident: schema)").run()
        }
        try await app.autoMigrate()
        if fileDatabase { try await DatabaseTuning.apply(to: app.db) }
        try await body(app)
        if let schema, let sql = app.db as? SQLDatabase {
            try await sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run()
        }
    } catch {
        if let schema, let sql = app.db as? SQLDatabase { try? await sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
        try? FileManager.default.removeItem(atPath: dataDirectory)
        try await app.asyncShutdown()
        throw error
    }
    try? FileManager.default.removeItem(atPath: dataDirectory)
    try await app.asyncShutdown()
}

/// The instant every test app's clock stands at: 2026-11-30, noon in the associations' time zone.
let testNow = Date(timeIntervalSince1970: 1_796_058_000)

var isPostgres: Bool { ProcessInfo.processInfo.environment["DATABASE_URL"].map { !$0.isEmpty } ?? false }

/// A small world: two associations, a member roster, and accounts with roles and API tokens.
struct Fixture {
    let app: Application
    let home: Association
    let other: Association
    let complainant: Person
    let respondent: Person
    var tokens: [String: String] = [:]   // email → bearer token
    static let password = "correct horse battery"

    static func make(_ app: Application) async throws -> Fixture {
        let db = app.db
        let home = Association(slug: "home", name: "Home Association", ruleProfile: "nar", timeZone: "America/New_York", boardSize: 9, boardQuorum: 5)
        let other = Association(slug: "other", name: "Other Association", ruleProfile: "obar", timeZone: "America/New_York", boardSize: 15, boardQuorum: 8)
        try await home.create(on: db)
        try await other.create(on: db)
        let complainant = Person(associationID: home.id!, kind: .public, firstName: "Pat", lastName: "Public", email: "pat@example.com")
        let respondent = Person(associationID: home.id!, kind: .member, firstName: "Rita", lastName: "Realtor")
        try await complainant.create(on: db)
        try await respondent.create(on: db)
        var fixture = Fixture(app: app, home: home, other: other, complainant: complainant, respondent: respondent)
        let hash = try Bcrypt.hash(password, cost: 4)
        let accounts: [(String, Association, Role, UUID?)] = [
            ("staff@home.test", home, .staff, nil), ("gc@home.test", home, .grievance, nil), ("ombuds@home.test", home, .ombuds, nil),
            ("party@home.test", home, .party, complainant.id), ("stranger@home.test", home, .party, nil),
            ("staff@other.test", other, .staff, nil), ("director@home.test", home, .director, nil),
        ]
        for (email, association, role, person) in accounts {
            let user = User(email: email, displayName: email, passwordHash: hash, personID: person)
            try await user.create(on: db)
            try await RoleAssignment(userID: user.id!, associationID: association.id!, role: role.rawValue).create(on: db)
            fixture.tokens[email] = try await APITokens.create(email: email, name: "test", on: db).token
        }
        return fixture
    }

    /// Gives the fixture's respondent a party login (`rita@home.test`) and returns its bearer headers.
    @discardableResult
    func addRespondentAccount() async throws -> HTTPHeaders {
        let user = User(email: "rita@home.test", displayName: "Rita Realtor", passwordHash: try Bcrypt.hash(Fixture.password, cost: 4),
                        personID: try respondent.requireID())
        try await user.create(on: app.db)
        try await RoleAssignment(userID: user.requireID(), associationID: home.requireID(), role: Role.party.rawValue).create(on: app.db)
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: try await APITokens.create(email: "rita@home.test", name: "test", on: app.db).token)
        return headers
    }

    /// An account with one role in one association (password `Fixture.password`), and its API token as headers.
    static func login(_ app: Application, email: String, role: Role, in association: Association, person: UUID?) async throws -> HTTPHeaders {
        let user = User(email: email, displayName: email, passwordHash: try Bcrypt.hash(password, cost: 4), personID: person)
        try await user.create(on: app.db)
        try await RoleAssignment(userID: user.requireID(), associationID: association.requireID(), role: role.rawValue).create(on: app.db)
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: try await APITokens.create(email: email, name: "t", on: app.db).token)
        return headers
    }

    func bearer(_ email: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: tokens[email]!)
        return headers
    }

    /// Opens an ethics case in `home` through the API as staff; returns its number.
    /// Appends entries through the API as staff, in order, each expected to be accepted: the stages a test needs
    /// before the step it is about (a complaint on file, taken in, forwarded…).
    func append(_ number: String, _ entries: [String]) async throws {
        for body in entries {
            let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/entries", headers: bearer("staff@home.test")) {
                $0.json(body)
            }
            #expect(response.status == .created, "\(body): \(response.body.string)")
        }
    }

    /// Test set-up only: entries written straight to the docket (as the demo seed writes its cases), past the routes, for
    /// a stage a test needs when walking every hearing step to it would bury what the test is about. The guards still
    /// run; the generic entry route would refuse these, since each has its own step (issue 11).
    /// Home and Other under one regional agreement ("Home–Other agreement"): a shared committee (appendix (4)–(5)).
    func joinInARegionalAgreement(_ app: Application) async throws {
        let agreement = RegionalAgreement(name: "Home–Other agreement")
        try await agreement.create(on: app.db)
        for association in [home, other] {
            association.$regionalAgreement.id = agreement.id
            try await association.save(on: app.db)
        }
    }

    static func record(_ app: Application, association slug: String = "home", case number: String, _ entries: [String]) async throws {
        let association = try #require(try await Association.query(on: app.db).filter(\.$slug == slug).first())
        let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$association.$id == association.requireID())
            .filter(\.$number == number).first())
        for json in entries {
            let entry = try JSONDecoder().decode(DocketFile.Entry.self, from: Data(json.utf8))
            let proposed = ProposedEntry(type: try #require(DocketEntryType(rawValue: entry.type)), effectiveOn: entry.effectiveOn,
                                         payload: entry.payload ?? [:], corrects: entry.corrects)
            let now = app.clock.now()
            try await writeTransaction(on: app.db) { tx in _ = try await DocketStore.append([proposed], to: record, by: nil, at: now, on: tx) }
        }
    }

    /// A registered step through the API (`StepRegistry`), expected to be accepted.
    func step(_ number: String, _ name: String, _ body: String, as email: String = "staff@home.test") async throws {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/\(name)", headers: bearer(email)) {
            $0.json(body)
        }
        #expect(response.status == .ok, "\(name) \(body): \(response.body.string)")
    }

    /// Staff take a filed complaint in (a1.5), so the Grievance Committee may review it.
    func acknowledge(_ number: String, on date: String = "2026-03-03") async throws {
        try await step(number, "acknowledge", #"{"effectiveOn":"\#(date)"}"#)
    }

    /// A complaint filed, taken in and forwarded by the Committee (a1.5, a1.6), ready to be served.
    func forward(_ number: String, filedOn: String = "2026-03-02", forwardedOn: String = "2026-03-20") async throws {
        try await append(number, [#"{"type":"complaint.filed","effectiveOn":"\#(filedOn)","payload":{"articles":"1","transactionConcludedOn":"2026-02-02"}}"#])
        try await acknowledge(number, on: filedOn)
        try await step(number, "gc-decision", #"{"effectiveOn":"\#(forwardedOn)","decision":"forward"}"#, as: "gc@home.test")
    }

    func openEthicsCase(title: String = "Public v. Realtor") async throws -> String {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases", headers: bearer("staff@home.test")) { req in
            try req.content.encode(APIModel.NewCase(kind: "ethics", title: title, openedOn: "2026-03-02", summary: nil,
                                                    parties: [.init(personId: complainant.id!, role: "complainant"),
                                                              .init(personId: respondent.id!, role: "respondent")]))
        }
        #expect(response.status == .created)
        return try response.content.decode(APIModel.CaseOut.self).number
    }
}

extension TestingHTTPRequest {
    /// Sets a raw JSON body, so tests can also send malformed or mistyped JSON.
    mutating func json(_ text: String) {
        headers.contentType = .json
        body = ByteBuffer(string: text)
    }
}

/// A browser: keeps every cookie it is given (the session, the anonymous CSRF cookie, the language) and the latest
/// CSRF token between requests.
final class Browser: @unchecked Sendable {
    let app: Application
    var jar: [String: String] = [:]
    var csrf: String?
    /// The language cookie a page with `?lang=` set (issue 19), sent back like a browser would.
    var language: String? {
        get { jar[LanguageChoice.cookie] }
        set { jar[LanguageChoice.cookie] = newValue }
    }
    /// The `Cookie` header this browser sends: every cookie in its jar.
    var cookie: String? { jar.isEmpty ? nil : jar.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.GET, path, headers: headers())
        remember(response)
        return response
    }

    @discardableResult
    func post(_ path: String, form: [String: String], includeCSRF: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if includeCSRF, let csrf { fields["_csrf"] = csrf }
        let response = try await app.testing().sendRequest(.POST, path, headers: headers()) { req in
            try req.content.encode(fields, as: .urlEncodedForm)
        }
        remember(response)
        return response
    }

    /// A form whose fields repeat (checkboxes named `members[]`), sent as the browser would.
    @discardableResult
    func post(_ path: String, fields: [(String, String)]) async throws -> TestingHTTPResponse {
        let all = fields + (csrf.map { [("_csrf", $0)] } ?? [])
        let body = all.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        var headers = headers()
        headers.contentType = .urlEncodedForm
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    func signIn(_ email: String, password: String = Fixture.password) async throws -> TestingHTTPResponse {
        try await get("/login")
        return try await post("/login", form: ["email": email, "password": password, "next": ""])
    }

    private func headers() -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let cookie { headers.replaceOrAdd(name: .cookie, value: cookie) }
        return headers
    }

    func remember(_ response: TestingHTTPResponse) {
        for (name, value) in response.headers.setCookie?.all ?? [:] {
            jar[name] = value.expires.map { $0 < Date() } == true ? nil : value.string
        }
        let body = response.body.string
        if let range = body.range(of: "name=\"_csrf\" value=\"") {
            let rest = body[range.upperBound...]
            csrf = String(rest.prefix { $0 != "\"" })
        }
    }
}
