import Vapor
import Fluent
import StandardsCore

/// A printable letter for each notice on a docket, and recording the day it was received, which is a new
/// entry correcting the notice (the original stays), so receipt-based deadlines move (b14).
struct NoticeController: RouteCollection {
    let sessions: Middleware

    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        let notices = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association", "cases", ":number", "notices", ":entry")
        notices.get("letter", use: letter)
        notices.get("letters", ":letter", "pdf", use: letterPDF)
        notices.post("receipt", use: recordReceipt)
        routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .get("a", ":association", "cases", ":number", "transfer-packet", use: transferPacket)
    }

    struct PacketPage: Encodable {
        let associationName: String; let letterhead: [String]; let sentOn: String; let to: String; let endedOn: String; let filedOn: String
        let caseNumber: String; let caseTitle: String; let backURL: String; let signedBy: String
        let parties: [CasePage.Party]; let timeline: [CasePage.TimelineEntry]; let documents: [CasePage.DocumentRow]
    }

    /// The transfer packet for an association not on PSDesk (S4 (14)): the complaint's parties, its whole record here
    /// and the documents to enclose, on the letterhead; for staff, once the transfer is recorded.
    func transferPacket(req: Request) async throws -> View {
        let (caseScope, actor) = try await req.caseScope()
        guard caseScope.scope.roles.contains(.staff),
              let resigned = CaseProjection.effectiveEntries(caseScope.docket).last(where: { $0.type == .respondentResigned }),
              resigned.payload["disposition"]?.textValue == ResignationSteps.Disposition.packet.rawValue else { throw AppError.notFound("transfer packet") }
        let association = caseScope.scope.association
        let parties = try await CaseParty.query(on: req.db).filter(\.$caseRecord.$id == caseScope.record.requireID()).with(\.$person).all()
        let today = try req.today(for: association)
        let page = try await CasePageBuilder.build(caseScope: caseScope, parties: parties, slug: association.slug, requestedType: nil, corrects: nil,
                                                   submitted: nil, errors: [], uploadErrors: [], notices: [], today: today,
                                                   layout: try await LayoutContext.make(req, caseScope.record.number, scope: caseScope.scope, actor: actor), on: req.db)
        let (signedBy, _) = try await LetterSections.signature(of: resigned, association: association, db: req.db)
        return try await req.view.render("records/transfer-packet", PacketPage(
            associationName: association.name, letterhead: association.letterheadLines, sentOn: resigned.effectiveOn.writtenOut,
            to: resigned.payload["to"]?.textValue ?? "—", endedOn: resigned.payload["endedOn"]?.textValue ?? "—",
            filedOn: caseScope.record.filedOn ?? "—", caseNumber: caseScope.record.number, caseTitle: caseScope.record.title,
            backURL: Paths.caseDetail(association.slug, caseScope.record.number), signedBy: signedBy,
            parties: page.parties, timeline: page.timeline, documents: page.documents))
    }

    struct LetterPage: Encodable {
        let title: String
        let caseNumber: String
        let backURL: String
        /// "Received December 3, 2026", once recorded.
        let receivedOn: String?
        /// One letter per recipient (a notice to both parties is two letters), each as it was sent.
        let letters: [Shown]
        struct Shown: Encodable {
            /// The letter as `LetterText.article` wrote it from escaped text.
            let html: String
            let recipient: String
            let pdfURL: String?
            let pdfSHA256: String?
            let textSHA256: String?
            /// "Template version 2" or "PSDesk's standard text".
            let version: String
            /// Why the PDF is not there yet.
            let printing: String?
        }
        struct Section: Codable, Equatable {
            let heading: String; let lines: [String]
            /// Numbered (the outline of procedure) or a plain list.
            var ordered = false
        }
        struct TimeFrame: Codable, Equatable { let title: String; let due: String; let rule: String; let explanation: String }
    }

    /// The notice's letters as they were made and sent (issue 19), each with its PDF; a notice recorded before letters
    /// were kept is composed as it stood the day it was sent, and says so.
    func letter(req: Request) async throws -> View {
        let (caseScope, notice) = try await load(req)
        guard let kind = notice.parsed.notice else { throw AppError.notFound("notice") }
        let association = caseScope.scope.association
        let slug = association.slug, number = caseScope.record.number
        // A party reads only the letter addressed to them: each carries its addressee's postal address.
        let made = try await LetterRecord.query(on: req.db).filter(\.$noticeEntryID == notice.id).sort(\.$createdAt).all()
        let stored = made.filter(caseScope.mayRead)
        var shown: [LetterPage.Shown] = []
        if made.isEmpty {
            for (content, personID) in try await NoticeMail.letters(for: notice, kind: kind, record: caseScope.record, caseKind: caseScope.kind,
                                                                    docket: caseScope.docket, association: association, db: req.db)
            where caseScope.mayReadEveryLetter || (personID != nil && personID == caseScope.actorPersonID) {
                shown.append(.init(html: LetterText.article(content), recipient: content.recipient, pdfURL: nil, pdfSHA256: nil, textSHA256: nil,
                                   version: "Composed now: this notice was recorded before letters were kept", printing: nil))
            }
        }
        let documents = try await DocumentRecord.query(on: req.db).filter(\.$id ~~ stored.compactMap(\.documentID)).all()
        for letter in stored {
            let content = try letter.decoded()
            let document = documents.first { $0.id == letter.documentID }
            shown.append(.init(html: LetterText.article(content), recipient: letter.recipientName,
                               pdfURL: try Paths.notice(slug, number, notice.id.uuidString) + "/letters/\(letter.requireID().uuidString)/pdf",
                               pdfSHA256: document?.sha256, textSHA256: letter.textSHA256,
                               version: letter.templateVersion == 0 ? "PSDesk's standard text" : "Template version \(letter.templateVersion)",
                               printing: document != nil ? nil : letter.renderError.map { "Not printed yet: \($0)" } ?? "Not printed yet: the PDF is printed when first opened."))
        }
        return try await req.view.render("records/letter", LetterPage(
            title: "\(Catalog.shared.standardLetter(kind, .en).subject) · \(number)", caseNumber: number,
            backURL: Paths.caseDetail(slug, number) + "#entry-\(notice.sequence)",
            receivedOn: notice.parsed.date(.receivedOn)?.writtenOut, letters: shown))
    }

    /// One letter's PDF, printed now if the background round has not yet done it.
    func letterPDF(req: Request) async throws -> Response {
        let (caseScope, notice) = try await load(req)
        guard let id = req.parameters.get("letter").flatMap(UUID.init(uuidString:)),
              let letter = try await LetterRecord.query(on: req.db).filter(\.$id == id).filter(\.$noticeEntryID == notice.id).first(),
              caseScope.mayRead(letter) else {
            throw AppError.notFound("letter")
        }
        let printed: DocumentRecord
        do {
            printed = try await LetterPrinting.document(for: letter, app: req.application)
        } catch let error as PDFRenderError {
            throw AppError(.serviceUnavailable, code: "pdf_not_printed", message: "The letter could not be printed to PDF: \(error.description)")
        }
        return try DocumentDownload.response(for: try await caseScope.document(printed.id?.uuidString, on: req.db), config: req.application.psdesk)
    }

    /// Receipt moves every time frame counted from it (b14); a refused date comes back beside that notice's form.
    func recordReceipt(req: Request) async throws -> Response {
        let (caseScope, notice) = try await load(req)
        return try await CaseStepForm.run(req, said: "The receipt was recorded; the time frames that count from it moved.", screen: .casePage("#entry-\(notice.sequence)")) {
            let text = ((try? req.content.get(String.self, at: "receivedOn")) ?? "").trimmingCharacters(in: .whitespaces)
            let today = try req.today(for: caseScope.scope.association)
            guard !text.isEmpty else { throw AppError(.unprocessableEntity, code: "date_required", message: "Give the date the notice was received.") }
            let receivedOn = try StepDate.parse(text, field: "The receipt date", today: today, notAfterToday: true)
            guard receivedOn >= notice.effectiveOn else {
                throw AppError(.unprocessableEntity, code: "received_before_sent", message: "A notice cannot be received before it was sent (\(notice.effectiveOn)).")
            }
            var payload = notice.payload
            payload["receivedOn"] = .text(receivedOn.description)
            let (_, warnings) = try await AppendEntry.run(ProposedEntry(type: .noticeSent, effectiveOn: notice.effectiveOn, payload: payload, corrects: notice.id),
                                                          to: caseScope, by: try req.requireActor(), now: req.application.clock.now(), on: req.db)
            return EthicsSteps.Done(record: caseScope.record, warnings: warnings)
        }
    }

    /// The notice as it currently stands (latest correction applied).
    private func load(_ req: Request) async throws -> (CaseScope, DocketEntry) {
        let (caseScope, _) = try await req.caseScope()
        guard let id = req.parameters.get("entry").flatMap(UUID.init(uuidString:)),
              let notice = CaseProjection.effectiveEntries(caseScope.readableDocket).first(where: { $0.id == id && $0.type == .noticeSent }) else {
            throw AppError.notFound("notice")
        }
        return (caseScope, notice)
    }
}

/// What a letter encloses beyond its opening sentence: the panel and the outline of procedure with a notice
/// of hearing (a1.16), the decision with a decision or final-action notice (a1.23, a1.31).
enum LetterSections {
    typealias Section = NoticeController.LetterPage.Section

    /// The time frames that start with this notice, as they stood the day it was sent: later events (an appeal
    /// already filed) do not belong in the letter, and only the computation is shown.
    static func timeFrames(of notice: DocketEntry, record: CaseRecord, kind: CaseKind, docket: [DocketEntry], db: Database) async throws -> (CaseRules, [Deadline]) {
        let rules = try await CaseRules.load(for: record, on: db, today: notice.effectiveOn)
        let known = docket.filter { $0.effectiveOn <= notice.effectiveOn }
        return (rules, rules.deadlines(kind: kind, docket: known, asOf: notice.effectiveOn).filter { $0.triggerEntryId == notice.id })
    }

    /// A time frame as a letter states it: its title and date in the letter's language; its explanation, the computation
    /// from the rules, in English for now.
    static func timeFrame(_ d: Deadline, words: Wording) -> NoticeController.LetterPage.TimeFrame {
        .init(title: words("deadline_\(d.key.rawValue)"), due: d.dueOn.map { words("letterWord_due", ["date": $0.written(in: words.language)]) } ?? d.dueTextForParty, rule: d.rule,
              explanation: String(d.explanation.prefix { $0 != ";" }))
    }

    static func build(kind: NoticeKind, notice: DocketEntry, docket: [DocketEntry], words: Wording, db: Database) async throws -> [Section] {
        let before = CaseProjection.effectiveEntries(docket).filter { $0.sequence <= notice.sequence }
        switch kind {
        case .hearing, .arbitrationHearing, .panelList:
            let ids = HearingPanel.ids(notice.payload["people"]?.textValue)
            let chair = HearingPanel.build(before).chair
            let people = try await Person.query(on: db).filter(\.$id ~~ ids).all()
            let isNotice = kind != .panelList
            let names = ids.compactMap { id in
                people.first { $0.id == id }.map { id == chair && isNotice ? words("letterSection_chair", ["name": $0.fullName]) : $0.fullName }
            }
            var sections = [Section(heading: words(isNotice ? "letterSection_panel" : "letterSection_committee"), lines: names)]
            // The outline of procedure (a1.16) and, for an arbitration, with the Arbitration Guidelines (a2.21, S3 7.6).
            if kind == .hearing { sections.append(Section(heading: words("letterSection_outline"), lines: (1...9).map { words("outline_ethics_\($0)") }, ordered: true)) }
            if kind == .arbitrationHearing {
                sections.append(Section(heading: words("letterSection_outlineArbitration"), lines: (1...8).map { words("outline_arbitration_\($0)") }, ordered: true))
            }
            return sections
        case .gcDecision, .dismissal:
            // The decision per Article, with the reason for any dismissal and the Committee's rationale (a1.6, a2.8).
            guard let last = before.last(where: { [.gcDismissed, .gcForwarded, .gcReferredToArbitration].contains($0.type) }) else { return [] }
            let decided = before.filter { [.gcDismissed, .gcForwarded, .gcReferredToArbitration].contains($0.type) && $0.effectiveOn == last.effectiveOn }
            let cited = CitedArticles.text(CitedArticles.current(before))
            var lines: [String] = []
            var rationale: [String] = []
            for entry in decided {
                let articles = entry.payload["articles"]?.textValue ?? cited
                switch entry.type {
                case .gcForwarded: lines.append(words("letterSection_gcForwarded", ["articles": articles]))
                case .gcReferredToArbitration: lines.append(words("letterSection_gcArbitration", ["articles": articles]))
                default:
                    let reason = entry.payload["reason"]?.textValue.map { GrievanceReasons.plain($0, words: words) } ?? words("letterReason_none")
                    lines.append(words("letterSection_gcDismissed", ["articles": articles, "reason": reason]))
                }
                if let why = entry.payload["rationale"]?.textValue, !rationale.contains(why) { rationale.append(why) }
            }
            var sections = [Section(heading: words("letterSection_gcDecision"), lines: lines)]
            if !rationale.isEmpty { sections.append(Section(heading: words("letterSection_gcReasons"), lines: rationale)) }
            return sections
        case .decision, .finalAction, .finalActionRedacted, .directorsDecision:
            var sections: [Section] = []
            if let decision = before.last(where: { $0.type == .decisionFiled }) {
                sections.append(Section(heading: words("letterSection_decision"), lines: lines(decision, ["outcome", "findings", "conclusions", "vote", "dissent", "discipline"])))
            }
            if kind != .decision, let action = before.last(where: { $0.type == .finalAction }) {
                var out = lines(action, ["discipline", "rationale", "complianceDays", "automaticPenalty"])
                let label = action.payload(as: FinalAction.self)?.directorsAction?.label ?? ""
                out.insert(words("letterSection_action", ["action": label]), at: 0)
                sections.append(Section(heading: words("letterSection_finalAction"), lines: out))
            }
            return sections
        default:
            return []
        }
    }

    /// Who a notice names in `to` ("Laura Pender; copy to Kevin Gaskins"), each with the case party of that name
    /// when there is one; `copy` marks a principal's copy (S3 5.2.3).
    static func addressees(of notice: DocketEntry, caseID: UUID, db: Database) async throws -> [(name: String, person: Person?, copy: Bool)] {
        let parties = try await CaseParty.query(on: db).filter(\.$caseRecord.$id == caseID).with(\.$person).all()
        let names = (notice.payload["to"]?.textValue ?? "the parties").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return names.map { name in
            let copy = name.lowercased().hasPrefix("copy to ")
            let bare = copy ? String(name.dropFirst("copy to ".count)) : name
            return (bare, parties.first { $0.person.fullName.caseInsensitiveCompare(bare) == .orderedSame }?.person, copy)
        }
    }

    /// The staff member who sent the notice signs it, with the address to reply to.
    static func signature(of notice: DocketEntry, association: Association, words: Wording = Wording(.en), db: Database) async throws -> (String, String?) {
        let record = try await DocketEntryRecord.find(notice.id, on: db)
        var user: User?
        if let id = record?.$actor.id { user = try await User.find(id, on: db) }
        let name = user?.displayName ?? (notice.actorName.isEmpty ? words("letterWord_department") : notice.actorName)
        return (words("letterWord_signedBy", ["name": name, "association": association.name]), user.map { words("letterWord_questions", ["email": $0.email]) })
    }

    /// What the recipient of a notice may do, in plain words and their language; the dates are in the time frames below.
    static func options(kind: NoticeKind, frames: [Deadline], profile: RuleProfile, words: Wording) -> [String] {
        switch kind {
        case .dismissal, .gcDecision, .hearing: return (1...2).map { words("letterOption_\(kind.rawValue)_\($0)") }
        case .complaintServed, .panelList, .refusalToArbitrate: return [words("letterOption_\(kind.rawValue)_1")]
        case .arbitrationHearing, .award: return (1...3).map { words("letterOption_\(kind.rawValue)_\($0)") }
        case .decision:
            let filedWith = words(profile.ethicsAppealFiledWith == "secretary" ? "letterOption_filedWith_secretary" : "letterOption_filedWith_president")
            let deposit = Money.format(profile.appealDepositCapCents)
            return [words("letterOption_decision_1", ["filedWith": filedWith]),
                    words(profile.appealDepositRequired ? "letterOption_decision_depositRequired" : "letterOption_decision_depositCap", ["deposit": deposit])]
        default:
            return []
        }
    }

    static func lines(_ entry: DocketEntry, _ fields: [String]) -> [String] {
        fields.compactMap { name in
            guard let value = entry.payload[name]?.display, let field = entry.type.fields.first(where: { $0.name == name }) else { return nil }
            if name == "complianceDays" { return "Days allowed to comply: \(value)" }
            return "\(field.plainLabel): \(value)"
        }
    }

    /// The title and sections as a notice of this kind shows them: a final action disseminated without the parties'
    /// names is built without them, not masked (S3 1.1.7); any other is as it is. `names` are those removed (none
    /// for any other kind), for whatever else the notice shows.
    static func redactedIfNeeded(_ kind: NoticeKind, title: String, sections: [Section], caseID: UUID,
                                 db: Database) async throws -> (title: String, sections: [Section], names: [(name: String, role: String)]) {
        guard kind == .finalActionRedacted else { return (title, sections, []) }
        let names = try await partyNames(caseID: caseID, db: db)
        return (FinalActionNotice.redact(title, names: names),
                sections.map { .init(heading: $0.heading, lines: $0.lines.map { FinalActionNotice.redact($0, names: names) }, ordered: $0.ordered) }, names)
    }

    /// Every party's name with the role that replaces it in a redacted copy.
    static func partyNames(caseID: UUID, db: Database) async throws -> [(name: String, role: String)] {
        try await CaseParty.query(on: db).filter(\.$caseRecord.$id == caseID).with(\.$person).all()
            .map { ($0.person.fullName, "the " + (PartyRole(rawValue: $0.role)?.label ?? "party")) }
    }
}

/// The Grievance Committee's reasons for a dismissal, as a letter says them (a1.6, b6.6), in the letter's language.
enum GrievanceReasons {
    static let known = ["untimely", "not-within-jurisdiction", "not-a-code-matter", "unworthy"]

    static func plain(_ code: String, words: Wording) -> String {
        known.contains(code) ? words("letterReason_" + code) : code.replacingOccurrences(of: "-", with: " ")
    }
}
