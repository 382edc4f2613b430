import Vapor
import Fluent
import StandardsCore

/// Staff's Records page (issue 20, item 1): which files the retention rules let go today, which a legal hold keeps,
/// which are kept and until when, and the files already destroyed; chosen files are destroyed on a confirmation that
/// says it cannot be undone, a batch at a time (one transaction per file, so a cut-off batch resumes where it stopped).
struct RecordsController: RouteCollection {
    let sessions: Middleware
    init(app: Application) { sessions = app.webSessions }

    static func url(_ slug: String) -> String { "/a/\(slug)/records" }
    /// Files destroyed per request: the rest stay chosen for the next one.
    static let batch = 25

    func boot(routes: RoutesBuilder) throws {
        let records = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association", "records")
        records.get(use: page)
        records.post("destroy", use: destroy)
        records.post("recordings", "destroy", use: destroyRecordings)
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let said: [String]
        let errors: [String]
        let actionURL: String
        let due: [Row]
        let held: [Row]
        let kept: [Row]
        let destroyed: [Row]
        /// How many files were destroyed in all (the newest are listed), and how many ended arbitration files were not read
        /// because none can have come due (too recent, or the profile sets no period).
        let destroyedTotal: Int
        let notYetDue: Int
        let periodYears: Int?
        /// Hearing recordings (S3 6.2.1): those whose sanction is complete, to choose, and those still kept.
        let recordingsDue: [Recording]
        let recordingsKept: [Recording]
        let recordingsActionURL: String
        struct Row: Encodable { let number: String; let url: String; let title: String; let words: String; let checked: Bool }
        struct Recording: Encodable { let id: String; let number: String; let url: String; let title: String; let words: String; let checked: Bool }
    }

    private func staffScope(_ req: Request) async throws -> (AssociationScope, Actor) {
        let (scope, actor) = try await req.associationScope()
        guard AccessPolicy.allows(roles: scope.roles, .destroyRecords) else { throw AppError.forbidden }
        return (scope, actor)
    }

    func page(req: Request) async throws -> View {
        let (scope, actor) = try await staffScope(req)
        return try await render(req, scope, actor, said: Flash.takeSaid(req), errors: [], chosen: [])
    }

    private func render(_ req: Request, _ scope: AssociationScope, _ actor: Actor, said: [String], errors: [String], chosen: Set<String>) async throws -> View {
        let slug = scope.association.slug
        let today = try req.today(for: scope.association)
        let listing = try await RecordDestruction.files(in: scope.association, today: today, on: req.db)
        var due: [Page.Row] = [], held: [Page.Row] = [], kept: [Page.Row] = [], destroyed: [Page.Row] = []
        for file in listing.files {
            let number = file.record.number
            func row(_ words: String) -> Page.Row {
                .init(number: number, url: Paths.caseDetail(slug, number), title: file.record.title, words: words, checked: chosen.contains(number))
            }
            switch file.answer {
            case .from(let day, let basis, let rule) where day <= today: due.append(row("may go since \(day): \(basis) (\(rule.id))"))
            case .from(let day, let basis, let rule): kept.append(row("kept until \(day): \(basis) (\(rule.id))"))
            case .held(let reason): held.append(row("legal hold: \(reason)"))
            case .kept(let why): kept.append(row(why))
            case .destroyed(let on): destroyed.append(row("content destroyed \(on)"))
            }
        }
        destroyed += listing.destroyed.map { file in
            .init(number: file.number, url: Paths.caseDetail(slug, file.number), title: "", words: "content destroyed \(file.on)", checked: false)
        }
        var recordingsDue: [Page.Recording] = [], recordingsKept: [Page.Recording] = []
        for recording in try await RecordDestruction.recordings(in: scope.association, today: today, on: req.db) {
            guard let id = recording.document.id?.uuidString else { continue }
            let number = recording.record.number
            func row(_ words: String) -> Page.Recording {
                .init(id: id, number: number, url: Paths.caseDetail(slug, number) + "#documents", title: recording.document.title, words: words,
                      checked: chosen.contains(id))
            }
            switch recording.answer {
            case .from(let day, let basis, let rule) where day <= today: recordingsDue.append(row("may go since \(day): \(basis) (\(rule.id))"))
            case .from(let day, let basis, let rule): recordingsKept.append(row("kept until \(day): \(basis) (\(rule.id))"))
            case .held(let reason): recordingsKept.append(row("legal hold: \(reason)"))
            case .kept(let why): recordingsKept.append(row(why))
            case .destroyed(let on): recordingsKept.append(row("file destroyed \(on)"))
            }
        }
        return try await req.view.render("records/retention", Page(
            layout: try await LayoutContext.make(req, "Records", scope: scope, actor: actor), said: said, errors: errors,
            actionURL: Self.url(slug) + "/destroy", due: due, held: held, kept: kept, destroyed: destroyed, destroyedTotal: listing.destroyedTotal,
            notYetDue: listing.notYetDue, periodYears: listing.years,
            recordingsDue: recordingsDue, recordingsKept: recordingsKept, recordingsActionURL: Self.url(slug) + "/recordings/destroy"))
    }

    func destroy(req: Request) async throws -> Response {
        let (scope, actor) = try await staffScope(req)
        struct Form: Content { var numbers: [String]?; var confirm: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let chosen = Array(Set(form.numbers ?? [])).sorted()
        var errors: [String] = []
        if chosen.isEmpty { errors.append("Choose the files to destroy.") }
        if form.confirm != "yes" { errors.append("Tick the box that confirms the content cannot be brought back.") }
        if chosen.count > 1_000 { errors.append("Choose at most 1,000 files at a time.") }
        guard errors.isEmpty else {
            return try await render(req, scope, actor, said: [], errors: errors, chosen: Set(chosen)).response(status: .unprocessableEntity, for: req)
        }
        var destroyed: [String] = [], refused: [String] = []
        for number in chosen.prefix(Self.batch) {
            guard let record = try await CaseRecord.query(on: req.db).filter(\.$association.$id == scope.id).filter(\.$number == number).first() else {
                refused.append("\(number): no such case here")
                continue
            }
            do {
                _ = try await RecordDestruction.destroy(record, in: scope.association, confirmedBy: actor, app: req.application, scrub: false)
                destroyed.append(number)
            } catch let error as AppError where error.status.code < 500 {
                refused.append(error.message)
            }
        }
        if !destroyed.isEmpty { try await RecordDestruction.scrub(req.db) }
        let left = chosen.count - min(chosen.count, Self.batch)
        var said = destroyed.isEmpty ? [] : ["Destroyed the content of \(destroyed.count) file\(destroyed.count == 1 ? "" : "s"): \(destroyed.joined(separator: ", ")). Each keeps its tombstone on the docket."]
        if left > 0 { said.append("\(left) more chosen file\(left == 1 ? "" : "s") wait: confirm again to go on (\(Self.batch) at a time).") }
        if !refused.isEmpty {
            return try await render(req, scope, actor, said: said, errors: refused, chosen: Set(chosen.dropFirst(Self.batch)))
                .response(status: .unprocessableEntity, for: req)
        }
        for line in said { Flash.said(req, line) }
        return req.redirect(to: Self.url(scope.association.slug))
    }

    /// Destroys the chosen hearing recordings whose sanction is complete (S3 6.2.1), on the same confirmation.
    func destroyRecordings(req: Request) async throws -> Response {
        let (scope, actor) = try await staffScope(req)
        struct Form: Content { var documents: [String]?; var confirm: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let chosen = Array(Set(form.documents ?? [])).sorted()
        var errors: [String] = []
        if chosen.isEmpty { errors.append("Choose the recordings to destroy.") }
        if form.confirm != "yes" { errors.append("Tick the box that confirms the recordings cannot be brought back.") }
        if chosen.count > Self.batch { errors.append("Choose at most \(Self.batch) recordings at a time.") }
        guard errors.isEmpty else {
            return try await render(req, scope, actor, said: [], errors: errors, chosen: Set(chosen)).response(status: .unprocessableEntity, for: req)
        }
        // Read once for the batch: each recording's answer needs its case's docket.
        let today = try req.today(for: scope.association)
        let held = try await RecordDestruction.recordings(in: scope.association, today: today, on: req.db)
        var destroyed = 0, refused: [String] = []
        for id in chosen {
            guard let documentID = UUID(uuidString: id), let recording = held.first(where: { $0.document.id == documentID }) else { refused.append("\(id): no such recording here"); continue }
            do {
                try await RecordDestruction.destroyRecording(recording, today: today, confirmedBy: actor, app: req.application)
                destroyed += 1
            } catch let error as AppError where error.status.code < 500 {
                refused.append(error.message)
            }
        }
        if destroyed > 0 { try await RecordDestruction.scrub(req.db) }
        let said = destroyed == 0 ? [] : ["Destroyed \(destroyed) hearing recording\(destroyed == 1 ? "" : "s"). Each case's docket says what went and who confirmed."]
        if !refused.isEmpty {
            return try await render(req, scope, actor, said: said, errors: refused, chosen: []).response(status: .unprocessableEntity, for: req)
        }
        for line in said { Flash.said(req, line) }
        return req.redirect(to: Self.url(scope.association.slug) + "#recordings")
    }
}
