import Vapor
import Fluent
import NIOConcurrencyHelpers
import StandardsCore

/// The roster CSV uploaded in the browser (issue 13, item 5): every line is checked first and every bad one listed, with
/// nothing imported; a clean file is previewed; only the staff member's confirmation imports it, in one transaction, in
/// the background with its progress on a page of its own.
struct RosterUploadController: RouteCollection {
    let sessions: Middleware
    let maxBytes: Int

    init(app: Application) {
        sessions = app.webSessions
        maxBytes = 20_000_000
    }

    func boot(routes: RoutesBuilder) throws {
        let roster = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association", "members", "import")
        roster.get(use: form)
        roster.postLarge(maxBytes: maxBytes, use: upload)
        roster.post(":upload", use: confirm)
        roster.get("jobs", ":job", use: job)
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let actionURL: String
        let membersURL: String
        let columns: String
        let required: String
        let fileName: String
        /// Every bad line, in order.
        let errors: [String]
        let preview: Preview?
        struct Preview: Encodable {
            let count: Int
            let confirmURL: String
            let rows: [Row]
            let more: Int
        }
        struct Row: Encodable { let line: Int; let number: String; let name: String; let type: String; let firm: String; let email: String }
    }

    private func page(_ req: Request, _ scope: AssociationScope, fileName: String = "", errors: [String] = [], preview: Page.Preview? = nil) async throws -> View {
        let slug = scope.association.slug
        return try await req.view.render("roster-import", Page(
            layout: try await LayoutContext.make(req, "Import the roster", scope: scope, actor: try req.requireActor()),
            actionURL: "/a/\(slug)/members/import", membersURL: Paths.members(slug), columns: Roster.columns.joined(separator: ", "),
            required: Roster.requiredColumns.joined(separator: ", "), fileName: fileName, errors: errors, preview: preview))
    }

    private static func scope(_ req: Request) async throws -> AssociationScope {
        let (scope, _) = try await req.associationScope()
        try scope.require(.manageMembers)
        return scope
    }

    func form(req: Request) async throws -> View { try await page(req, try await Self.scope(req)) }

    func upload(req: Request) async throws -> Response {
        let scope = try await Self.scope(req)
        struct Body: Content { var roster: File? }
        guard let file = (try? req.content.decode(Body.self))?.roster, file.data.readableBytes > 0 else {
            return try await page(req, scope, errors: ["Choose the roster file (CSV) to upload."]).encodeResponse(status: .unprocessableEntity, for: req)
        }
        var data = file.data
        guard let text = data.readString(length: data.readableBytes, encoding: .utf8),
              !text.contains("\u{0}") else {
            return try await page(req, scope, fileName: file.filename, errors: ["The file is not text in UTF-8: save it from the spreadsheet as \"CSV UTF-8\"."])
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let checked = try await ImportRoster.check(csvText: text, associationID: scope.id, on: req.db)
        guard checked.errors.isEmpty else {
            return try await page(req, scope, fileName: file.filename, errors: checked.errors.map { "Line \($0.line): \($0.reason)" })
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let token = req.application.rosterImports.hold(checked.records, associationID: scope.id, userID: try req.requireActor().userID,
                                                       now: req.application.clock.now())
        let shown = checked.records.prefix(20).map { r in
            Page.Row(line: r.line, number: r.memberNumber, name: "\(r.lastName), \(r.firstName)", type: r.membershipType.label,
                     firm: [r.firm, r.office].compactMap { $0 }.joined(separator: " / "), email: r.email ?? "—")
        }
        return try await page(req, scope, fileName: file.filename,
                              preview: .init(count: checked.records.count, confirmURL: "/a/\(scope.association.slug)/members/import/\(token)",
                                             rows: Array(shown), more: checked.records.count - shown.count)).encodeResponse(for: req)
    }

    func confirm(req: Request) async throws -> Response {
        let scope = try await Self.scope(req)
        let actor = try req.requireActor()
        guard let records = req.application.rosterImports.take(req.parameters.get("upload") ?? "", associationID: scope.id, userID: actor.userID,
                                                               now: req.application.clock.now()) else {
            return try await page(req, scope, errors: ["That preview is no longer waiting (it is kept for 30 minutes and imports once). Upload the file again."])
                .encodeResponse(status: .gone, for: req)
        }
        let imports = req.application.rosterImports
        let jobID = imports.start(total: records.count, associationID: scope.id)
        let (db, logger, associationID) = (req.application.db, req.logger, scope.id)
        Task {
            do {
                // Checked again: another import may have added some of these numbers since the preview.
                let existing = Set(try await Membership.query(on: db).filter(\.$association.$id == associationID).all(\.$memberNumber))
                if let clash = records.first(where: { existing.contains($0.memberNumber) }) {
                    imports.finish(jobID, failure: "Line \(clash.line): member_id \(clash.memberNumber) was added to the roster since the preview; nothing was imported.")
                    return
                }
                try await ImportRoster.write(records, associationID: associationID, on: db) { imports.progress(jobID, done: $0) }
                imports.finish(jobID, failure: nil)
                logger.info("roster imported", metadata: ["members": .stringConvertible(records.count)])
            } catch {
                imports.finish(jobID, failure: "The import failed and nothing was written: \(String(describing: error).prefix(200))")
            }
        }
        return req.redirect(to: "/a/\(scope.association.slug)/members/import/jobs/\(jobID)")
    }

    struct JobPage: Encodable {
        let layout: LayoutContext
        let done: Int
        let total: Int
        let running: Bool
        let failure: String?
        let membersURL: String
        let importURL: String
    }

    func job(req: Request) async throws -> Response {
        let scope = try await Self.scope(req)
        guard let id = req.parameters.get("job"), let job = req.application.rosterImports.job(id, associationID: scope.id) else { throw AppError.notFound("import") }
        let response = try await req.view.render("roster-import-job", JobPage(
            layout: try await LayoutContext.make(req, job.running ? "Importing the roster" : "Roster imported", scope: scope, actor: try req.requireActor()),
            done: job.done, total: job.total, running: job.running, failure: job.failure, membersURL: Paths.members(scope.association.slug),
            importURL: "/a/\(scope.association.slug)/members/import")).encodeResponse(for: req)
        // The browser looks again every second until the import ends (no script needed).
        if job.running { response.headers.replaceOrAdd(name: "Refresh", value: "1") }
        return response
    }
}

/// Checked rosters waiting for confirmation and the imports under way, in this server's memory: a restart forgets
/// them (the staff member uploads again), and nothing half-written is left since each import is one transaction.
final class RosterImports: Sendable {
    struct Held { let records: [RosterRecord]; let associationID: UUID; let userID: UUID; let until: Date }
    struct Job: Sendable { let associationID: UUID; let total: Int; var done: Int; var running: Bool; var failure: String? }
    private let held = NIOLockedValueBox<[String: Held]>([:])
    private let jobs = NIOLockedValueBox<[String: Job]>([:])
    static let previewLifetime: TimeInterval = 30 * 60

    func hold(_ records: [RosterRecord], associationID: UUID, userID: UUID, now: Date) -> String {
        let token = TokenHashing.newToken()
        held.withLockedValue { held in
            held = held.filter { $0.value.until > now }
            held[token] = Held(records: records, associationID: associationID, userID: userID, until: now.addingTimeInterval(Self.previewLifetime))
        }
        return token
    }

    /// The held records, once, for the staff member who uploaded them in that association.
    func take(_ token: String, associationID: UUID, userID: UUID, now: Date) -> [RosterRecord]? {
        held.withLockedValue { held in
            guard let entry = held[token], entry.associationID == associationID, entry.userID == userID, entry.until > now else { return nil }
            held[token] = nil
            return entry.records
        }
    }

    func start(total: Int, associationID: UUID) -> String {
        let id = UUID().uuidString.lowercased()
        jobs.withLockedValue { $0[id] = Job(associationID: associationID, total: total, done: 0, running: true, failure: nil) }
        return id
    }

    func progress(_ id: String, done: Int) { jobs.withLockedValue { $0[id]?.done = done } }

    func finish(_ id: String, failure: String?) {
        jobs.withLockedValue { jobs in
            jobs[id]?.running = false
            jobs[id]?.failure = failure
            if failure != nil { jobs[id]?.done = 0 }
        }
    }

    func job(_ id: String, associationID: UUID) -> Job? {
        jobs.withLockedValue { $0[id].flatMap { $0.associationID == associationID ? $0 : nil } }
    }
}

extension Application {
    private struct RosterImportsKey: StorageKey { typealias Value = RosterImports }

    var rosterImports: RosterImports {
        if let existing = storage[RosterImportsKey.self] { return existing }
        let made = RosterImports()
        storage[RosterImportsKey.self] = made
        return made
    }
}
