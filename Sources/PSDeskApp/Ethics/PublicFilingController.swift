import Vapor
import Fluent
import StandardsCore

/// Pages for people without an account: the online ethics complaint (a1.1) and following a case with
/// the access key given when it was filed. Sessions and CSRF apply as on every form.
struct PublicFilingController: RouteCollection {
    let sessions: Middleware
    let maxBody: Int

    init(app: Application) {
        sessions = app.webSessions
        // Three attachments at the configured limit, plus the form itself.
        maxBody = BodyLimits.uploadLimit(app.psdesk, files: 3)
    }

    func boot(routes: RoutesBuilder) throws {
        let web = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection())
        web.get("file", ":association", use: form)
        web.postLarge("file", ":association", maxBytes: maxBody, use: submit)
        web.get("file", ":association", "received", use: received)
        web.get("track", use: trackForm)
        // Every look-up counts: a key is long, but guessing should still be slow (issue 21).
        web.grouped(ThrottledPosts { $0.caseLookup }).post("track", use: track)
        web.get("track", "case", ":caseID", use: trackedCase)
        web.post("file", ":association", "account", use: createAccountAfterFiling)
        web.post("track", "case", ":caseID", "account", use: createAccountWithKey)
        web.post("track", "case", ":caseID", "claim", use: claimWithKey)
    }

    /// The filing form as sent: its text fields by name and up to three attachments.
    struct FilingForm: Decodable {
        var fields: [String: String] = [:]
        var attachment1: File?
        var attachment2: File?
        var attachment3: File?

        init(from decoder: Decoder) throws {
            fields = try FormText(from: decoder).values
            let container = try decoder.container(keyedBy: FormText.Key.self)
            func file(_ name: String) -> File? { try? container.decode(File.self, forKey: .init(stringValue: name)) }
            attachment1 = file("attachment1"); attachment2 = file("attachment2"); attachment3 = file("attachment3")
        }
    }

    static let maxRespondents = 3
    static let maxArticles = 4

    // MARK: filing

    func form(req: Request) async throws -> View {
        let association = try await publicAssociation(req)
        return try await render(req, association: association, form: .init(), respondents: [], articles: [], problems: [:],
                                paper: try paperMode(req, association, sent: nil))
    }

    /// Staff of the association record a complaint that came by post or by hand through the same form (`?paper=1`):
    /// the channel is "paper", the filing date is the day it was received, and the case is theirs to take in (a1.5).
    /// `sent` is the form already decoded, so the body is not parsed again for one field.
    private func paperMode(_ req: Request, _ association: Association, sent: FilingForm?) throws -> Bool {
        guard req.query["paper"] == "1" || sent?.fields["paper"] == "yes" else { return false }
        guard isStaff(req, association) else { throw AppError.forbidden }
        return true
    }

    private func isStaff(_ req: Request, _ association: Association) -> Bool {
        guard let actor = req.actor, let id = association.id else { return false }
        return actor.roles(in: id).contains(.staff)
    }

    func submit(req: Request) async throws -> Response {
        let association = try await publicAssociation(req)
        // The body is decoded once: every `req.content.get` would parse the whole multipart body (files included) again.
        let sent = try? req.content.decode(FilingForm.self)
        func field(_ name: String) -> String { (sent?.fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        var form = FileComplaintPage.Form()
        form.firstName = field("firstName"); form.lastName = field("lastName"); form.email = field("email")
        form.phone = field("phone"); form.address = field("address")
        form.transactionConcludedOn = field("transactionConcludedOn"); form.factsKnownOn = field("factsKnownOn")
        form.informalProcess = field("informalProcess"); form.informalStartedOn = field("informalStartedOn")
        form.informalEndedOn = field("informalEndedOn"); form.informalCertificate = field("informalCertificate"); form.litigation = field("litigation"); form.signature = field("signature")
        form.signatureAgreed = field("signatureAgreed") == "yes"
        let respondents = (1...Self.maxRespondents).map {
            OnlineComplaint.Respondent(memberNumber: field("respondent\($0)Number"), name: field("respondent\($0)Name"), firm: field("respondent\($0)Firm"))
        }
        var articles: [(article: Int, narrative: String)] = []
        var articleRows: [(String, String)] = []
        for index in 1...Self.maxArticles {
            let article = field("article\(index)"), narrative = field("narrative\(index)")
            articleRows.append((article, narrative))
            if article.isEmpty && narrative.isEmpty { continue }
            articles.append((Int(article) ?? 0, narrative))
        }
        var complaint = OnlineComplaint(firstName: form.firstName, lastName: form.lastName, email: form.email, phone: form.phone, address: form.address,
                                        respondents: respondents, articles: articles, transactionConcludedOn: form.transactionConcludedOn,
                                        factsKnownOn: form.factsKnownOn, informalProcess: form.informalProcess,
                                        informalStartedOn: form.informalStartedOn, informalEndedOn: form.informalEndedOn,
                                        litigation: form.litigation, signature: form.signature, signatureAgreed: form.signatureAgreed)
        var attachments: [FileComplaintOnline.Attachment] = []
        for file in [sent?.attachment1, sent?.attachment2, sent?.attachment3].compactMap({ $0 }) where !file.filename.isEmpty && file.data.readableBytes > 0 {
            attachments.append(.init(filename: file.filename, data: Data(buffer: file.data)))
        }
        var today = try req.today(for: association)
        let paper = try paperMode(req, association, sent: sent)
        var problems: [String: String] = [:]
        // The ombuds' certificate stands for the informal process's dates, typed or not (a1.3).
        if !form.informalCertificate.isEmpty {
            switch try await InformalProcessCertificates.span(of: form.informalCertificate, in: association.requireID(), on: req.db) {
            case .success(let span):
                complaint.informalProcess = "ombuds"
                complaint.informalStartedOn = span.beganOn.description
                complaint.informalEndedOn = span.endedOn?.description ?? ""
            case .failure(let refusal): problems["informalCertificate"] = refusal.message
            }
        }
        if paper {
            complaint.channel = "paper"
            do { today = try StepDate.parse(field("receivedOn"), field: "The day it was received", today: today, notAfterToday: true) }
            catch let error as AppError { problems["receivedOn"] = error.message }
        }
        // Anonymous filings are counted per address (issue 21); staff recording a paper complaint are not.
        if problems.isEmpty && !paper { try await Throttle.require(req.application.psdesk.publicFiling, for: req) }
        let outcome = problems.isEmpty
            ? try await FileComplaintOnline.run(complaint, attachments: attachments, association: association, config: req.application.psdesk,
                                                today: today, now: req.application.clock.now(), recordedBy: paper ? req.actor : nil,
                                                language: paper ? .en : req.language,
                                                words: { [catalog = req.application.catalog, language = paper ? LetterLanguage.en : req.language] problem in
                                                    catalog.text("file_error_" + problem.code, language, problem.values)
                                                }, on: req.db)
            : .invalid(problems)
        switch outcome {
        case .invalid(let problems):
            return try await render(req, association: association, form: form, respondents: respondents, articles: articleRows, problems: problems,
                                    paper: paper, receivedOn: field("receivedOn"))
                .response(status: .unprocessableEntity, for: req)
        case .filed(let filed):
            req.logger.info("complaint filed online", metadata: ["case": .string(filed.record.number)])
            // Post-redirect-get: a reload of the receipt shows it again and files nothing twice. The key waits in this
            // browser's session for the one page that shows it, never in a URL or a log.
            req.session.data["filed-case"] = filed.record.id?.uuidString
            req.session.data["filed-key"] = filed.accessKey
            return req.redirect(to: "/file/\(association.slug)/received")
        }
    }

    /// The receipt of the complaint this browser just filed: its number, the filing window and, the first time
    /// only, the access key. A reload shows the receipt without the key; another browser sees nothing.
    func received(req: Request) async throws -> Response {
        let association = try await publicAssociation(req)
        guard let id = req.session.data["filed-case"].flatMap(UUID.init(uuidString:)),
              let record = try await CaseRecord.find(id, on: req.db), try await Self.filed(record, with: association, on: req.db) else {
            return req.redirect(to: "/file/\(association.slug)")
        }
        // Under a regional agreement another signatory may administer it (appendix (5)(a)): the receipt names that one.
        let administering = try await Association.find(record.$association.id, on: req.db) ?? association
        let accessKey = req.session.data["filed-key"]
        req.session.data["filed-key"] = nil
        let today = try req.today(for: association)
        let rules = try await CaseRules.load(for: record, on: req.db, today: today)
        let docket = try await DocketStore.entries(of: id, on: req.db)
        let filing = rules.deadlines(kind: .ethics, docket: docket, asOf: today).first { $0.key == .filing }
        var page = ComplaintFiledPage(
            layout: Self.layout(req, "filed_title"), associationName: administering.name,
            number: record.number, accessKey: accessKey,
            caseURL: isStaff(req, administering) ? Paths.caseDetail(administering.slug, record.number) : nil,
            trackURL: "/track",
            filingDue: filing?.dueOn.map { "\($0) (\($0.weekday.shortName))" }, filingStatus: filing?.status.rawValue,
            filingExplanation: filing?.explanation, late: filing?.status == .missed,
            account: isStaff(req, association) ? nil : try await Self.accountOffer(id, req, actionURL: "/file/\(association.slug)/account"))
        page.t = Self.strings(req, ["filed", "account"], number: record.number, association: administering.name, email: page.account?.email)
        let response = try await req.view.render("public/filed", page).encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    private func render(_ req: Request, association: Association, form: FileComplaintPage.Form, respondents: [OnlineComplaint.Respondent],
                        articles: [(String, String)], problems: [String: String], paper: Bool = false, receivedOn: String = "") async throws -> View {
        // A paper complaint is staff's, recorded in English; the public form is in the filer's language.
        let language: LetterLanguage = paper ? .en : req.language
        let catalog = req.application.catalog
        let respondentRows = (1...Self.maxRespondents).map { index -> FileComplaintPage.RespondentRow in
            let given = index <= respondents.count ? respondents[index - 1] : nil
            return .init(index: index, number: given?.memberNumber ?? "", name: given?.name ?? "", firm: given?.firm ?? "",
                         label: catalog.text("file_respondentName", language, ["index": String(index)]))
        }
        let articleRows = (1...Self.maxArticles).map { index -> FileComplaintPage.ArticleRow in
            let given = index <= articles.count ? articles[index - 1] : ("", "")
            // Short subjects of Articles 1–17 (b12, paraphrased), in the filer's language.
            let options = (1...17).map { n in
                NewCasePage.Option(value: String(n), label: catalog.text("file_articleOption", language, ["number": String(n)]) + " — "
                                   + catalog.text("file_articleTitle\(n)", language), selected: given.0 == String(n))
            }
            return .init(index: index, options: options, narrative: given.1)
        }
        let day = try req.today(for: association)
        let today = day.description
        let layout = LayoutContext(request: req, title: catalog.text("file_title", language))
        var page = FileComplaintPage(layout: paper ? layout : layout.localized(req), associationName: association.name,
                                     actionURL: "/file/\(association.slug)" + (paper ? "?paper=1" : ""), ombudsURL: "/ombuds/\(association.slug)",
                                     today: today, paper: paper, receivedOn: receivedOn.isEmpty ? today : receivedOn,
                                     receivedOnError: problems["receivedOn"],
                                     form: form, respondents: respondentRows, articles: articleRows, errors: .init(problems), errorCount: problems.count)
        page.t = catalog.page(["file", "common"], language, ["association": association.name, "count": String(problems.count)])
        page.attachmentFields = (1...3).map { .init(id: "attachment\($0)", label: catalog.text("file_attachment", language, ["index": String($0)])) }
        if association.adoptsCitations(on: day), let id = association.id {
            page.schedule = .init(try await CitationScheduleStore.inForce(for: id, on: day, db: req.db), words: Wording(req.language))
        }
        return try await req.view.render("public/file-complaint", page)
    }

    private func publicAssociation(_ req: Request) async throws -> Association {
        guard let slug = req.parameters.get("association"),
              let association = try await Association.query(on: req.db).filter(\.$slug == slug).first() else { throw AppError.notFound("association") }
        return association
    }

    // MARK: following a case with its access key

    /// Whether this case is the complaint filed through this association's form: kept by it, or by the signatory of its
    /// regional agreement that administers it (appendix (5)(a)).
    static func filed(_ record: CaseRecord, with association: Association, on db: Database) async throws -> Bool {
        if record.$association.id == association.id { return true }
        guard let agreement = association.$regionalAgreement.id else { return false }
        return try await Association.find(record.$association.id, on: db)?.$regionalAgreement.id == agreement
    }

    /// A public page's layout in the reader's language, titled from the catalog.
    static func layout(_ req: Request, _ titleKey: String) -> LayoutContext {
        LayoutContext(request: req, title: req.application.catalog.text(titleKey, req.language)).localized(req)
    }

    /// A public page's strings in the reader's language, with the case's number, the association and the email filled in.
    static func strings(_ req: Request, _ prefixes: [String], number: String = "", association: String = "", email: String? = nil) -> [String: String] {
        req.application.catalog.page(prefixes + ["common"], req.language, ["number": number, "association": association, "email": email ?? ""])
    }

    func trackForm(req: Request) async throws -> View {
        var page = TrackPage(layout: Self.layout(req, "track_title"), number: "", error: nil)
        page.t = Self.strings(req, ["track"])
        return try await req.view.render("public/track", page)
    }

    func track(req: Request) async throws -> Response {
        let number = ((try? req.content.get(String.self, at: "number")) ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let key = ((try? req.content.get(String.self, at: "key")) ?? "").trimmingCharacters(in: .whitespaces)
        if let access = try await CaseAccessKey.query(on: req.db).filter(\.$keyHash == TokenHashing.hash(key)).with(\.$caseRecord).first(),
           access.caseRecord.number == number, let caseID = access.caseRecord.id {
            var tracked = Set((req.session.data["tracked"] ?? "").split(separator: ",").map(String.init))
            tracked.insert(caseID.uuidString)
            req.session.data["tracked"] = tracked.sorted().joined(separator: ",")
            return req.redirect(to: "/track/case/\(caseID.uuidString)")
        }
        var page = TrackPage(layout: Self.layout(req, "track_title"), number: number,
                             error: req.application.catalog.text("track_notFound", req.language))
        page.t = Self.strings(req, ["track"])
        return try await req.view.render("public/track", page).response(status: .unauthorized, for: req)
    }

    func trackedCase(req: Request) async throws -> View { try await trackedCasePage(req, accountErrors: [:]) }

    private func trackedCasePage(_ req: Request, accountErrors: [String: String]) async throws -> View {
        let caseID = try Self.trackedCaseID(req)
        guard let record = try await CaseRecord.find(caseID, on: req.db), let kind = CaseKind(rawValue: record.kind),
              let association = try await Association.find(record.$association.id, on: req.db) else {
            throw AppError.notFound("case")
        }
        let today = try req.today(for: association)
        let docket = try await DocketStore.entries(of: caseID, on: req.db)
        let rules = try await CaseRules.load(for: record, on: req.db, today: today)
        // Each time frame, and why it falls where it does, in the reader's language.
        let words = Wording(req.language)
        let deadlines = rules.deadlines(kind: kind, docket: docket, asOf: today).map { words.deadlineRow($0, forParty: true) }
        let lines = CaseProjection.effectiveEntries(docket).filter { $0.type != .partyAdded && $0.type != .partyRemoved }.map { entry in
            TrackedCasePage.Line(date: entry.effectiveOn.description, title: words.entryTitle(entry.type), details: Self.publicDetails(entry, words: words))
        }
        var page = TrackedCasePage(
            layout: LayoutContext(request: req, title: record.number).localized(req), number: record.number, title: record.title,
            status: words.caseStatus(record.status), deadlines: deadlines, timeline: lines,
            account: try await Self.accountOffer(caseID, req, actionURL: "/track/case/\(caseID.uuidString)/account", claimURL: "/track/case/\(caseID.uuidString)/claim",
                                                 errors: accountErrors))
        page.t = Self.strings(req, ["tracked", "account"], number: record.number, email: page.account?.email)
        return try await req.view.render("public/tracked-case", page)
    }

    /// The case this browser opened with its number and key (`track`); any other is not found.
    private static func trackedCaseID(_ req: Request) throws -> UUID {
        let tracked = Set((req.session.data["tracked"] ?? "").split(separator: ",").map(String.init))
        guard let id = req.parameters.get("caseID"), tracked.contains(id), let caseID = UUID(uuidString: id) else { throw AppError.notFound("case") }
        return caseID
    }

    // MARK: the complainant's account (issue 13, item 4)

    static func accountOffer(_ caseID: UUID, _ req: Request, actionURL: String, claimURL: String? = nil, errors: [String: String] = [:]) async throws -> PartyAccountOffer? {
        switch try await PartyAccounts.offer(for: caseID, actor: req.actor, on: req.db) {
        case .none: return nil
        case .create(let email): return PartyAccountOffer(email: email, mode: "create", actionURL: actionURL, signInURL: Paths.login, errors: errors)
        case .signIn(let email): return PartyAccountOffer(email: email, mode: "sign-in", actionURL: "", signInURL: Paths.login)
        case .claim(let email):
            // A receipt offers no claim: the filer signs in and opens the case with its key.
            return claimURL.map { PartyAccountOffer(email: email, mode: "claim", actionURL: $0, signInURL: Paths.login) }
        }
    }

    /// Makes the complainant's account with the password chosen and signs them in; a refused password shows `errorPage`
    /// with the errors beside the fields.
    private func createAccount(_ req: Request, caseID: UUID, errorPage: ([String: String]) async throws -> Response) async throws -> Response {
        struct Body: Content { var password: String?; var confirmation: String? }
        let body = try req.content.decode(Body.self)
        // The filer reads the offer in the language of the page they filed on.
        let words = Wording(req.language)
        if let problem = WelcomeController.passwordProblem(body.password ?? "", confirmation: body.confirmation ?? "", words: words) {
            return try await errorPage([problem.field: problem.message])
        }
        guard case .create = try await PartyAccounts.offer(for: caseID, actor: req.actor, on: req.db) else { throw AppError.notFound("account offer") }
        let userID = try await PartyAccounts.create(for: caseID, password: body.password ?? "", app: req.application, now: req.application.clock.now(), on: req.db)
        try await WebController.startSession(req, userID: userID)
        return try await Self.toCasePage(req, caseID, saying: words("account_ready"))
    }

    /// The case page, now that the signed-in party may see it, with what just happened.
    private static func toCasePage(_ req: Request, _ caseID: UUID, saying said: String) async throws -> Response {
        guard let record = try await CaseRecord.find(caseID, on: req.db), let association = try await Association.find(record.$association.id, on: req.db) else {
            return req.redirect(to: "/")
        }
        Flash.said(req, said)
        return req.redirect(to: Paths.caseDetail(association.slug, record.number))
    }

    func createAccountAfterFiling(req: Request) async throws -> Response {
        let association = try await publicAssociation(req)
        guard let caseID = req.session.data["filed-case"].flatMap(UUID.init(uuidString:)),
              let record = try await CaseRecord.find(caseID, on: req.db), try await Self.filed(record, with: association, on: req.db) else { throw AppError.notFound("case") }
        return try await createAccount(req, caseID: caseID) { errors in
            // The receipt again, without the key (shown once), with the errors beside the password fields.
            var page = ComplaintFiledPage(layout: Self.layout(req, "filed_title"), associationName: association.name,
                                          number: record.number, accessKey: nil, caseURL: nil, trackURL: "/track", filingDue: nil, filingStatus: nil,
                                          filingExplanation: nil, late: false,
                                          account: try await Self.accountOffer(caseID, req, actionURL: "/file/\(association.slug)/account", errors: errors))
            page.t = Self.strings(req, ["filed", "account"], number: record.number, association: association.name, email: page.account?.email)
            return try await req.view.render("public/filed", page).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func createAccountWithKey(req: Request) async throws -> Response {
        let caseID = try Self.trackedCaseID(req)
        return try await createAccount(req, caseID: caseID) { errors in
            try await self.trackedCasePage(req, accountErrors: errors).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func claimWithKey(req: Request) async throws -> Response {
        let caseID = try Self.trackedCaseID(req)
        let actor = try req.requireActor()
        try await PartyAccounts.claim(caseID, for: actor, on: req.db)
        return try await Self.toCasePage(req, caseID, saying: Wording(req.language)("account_added"))
    }
}

extension PublicFilingController {
    /// What a tracking complainant is told of an entry: the Articles filed, when and where the hearing is, what the
    /// Directors did. Panel deliberations, challenges and the like stay on the case page.
    static func publicDetails(_ entry: DocketEntry, words: Wording) -> String {
        switch entry.type {
        case .complaintFiled: return words("track_articles", ["articles": entry.payload["articles"]?.textValue ?? ""])
        case .hearingScheduled, .hearingContinued:
            let on = entry.parsed.date(.hearingOn)
            return words("track_hearing", ["date": on?.description ?? "", "weekday": on.map(words.weekday) ?? "",
                                           "time": entry.payload["time"]?.textValue.map { words("track_at", ["time": $0]) } ?? "",
                                           "place": entry.payload["place"]?.textValue.map { ", \($0)" } ?? ""])
        case .finalAction:
            guard let action = entry.payload(as: FinalAction.self)?.directorsAction else { return "" }
            return words.choice(action.rawValue) ?? action.label
        default:
            return ""
        }
    }
}
