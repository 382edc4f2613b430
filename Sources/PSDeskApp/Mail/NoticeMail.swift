import Vapor
import Fluent
import StandardsCore

/// Every `notice.sent` entry becomes one letter per addressee, frozen in the step's own transaction with the template
/// version in force (issue 19); its PDF is printed in the background and attached to the entry and to the email.
/// A notice sent by email becomes one outbox message per addressee that carries the letter (issue 13); one sent by mail
/// or by hand also goes by email, as a copy, to an addressee with an address on file. A principal's copy is a Cc.
/// An addressee with no address on file gets a message marked so, for staff to resend or mail.
enum NoticeMail {
    /// Stands for `PSDESK_PUBLIC_URL` in a stored body; the worker puts the address in when it sends.
    static let baseURLMark = "@@PSDESK_URL@@"

    static func enqueue(_ notices: [DocketEntry], record: CaseRecord, kind: CaseKind, docket: [DocketEntry], association: Association,
                        now: Date, on db: Database) async throws {
        let caseID = try record.requireID()
        for notice in notices where notice.corrects == nil {
            guard let noticeKind = notice.parsed.notice else { continue }
            let channel = notice.payload["channel"]?.textValue ?? "mail"
            let addressees = try await LetterSections.addressees(of: notice, caseID: caseID, db: db)
            let copies = addressees.filter(\.copy)
            let contents = try await letters(for: notice, kind: noticeKind, record: record, caseKind: kind, docket: docket, association: association,
                                             addressees: addressees, db: db)
            for (addressee, (content, _)) in zip(addressees.filter { !$0.copy }, contents) {
                let letter = try await issue(content, to: addressee.person?.id, notice: notice, caseID: caseID, association: association, on: db)
                // A mailed notice is mailed: an email copy goes only where there is an address, and it is not the transmittal.
                guard channel == "email" || addressee.person?.email != nil else { continue }
                let draft = MailDraft(purpose: channel == "email" ? .notice : .noticeCopy, toName: addressee.name, toAddress: addressee.person?.email,
                                      ccAddress: copies.compactMap { $0.person?.email }.first,
                                      subject: "\(content.subject) (case \(record.number))",
                                      text: LetterText.plain(content), html: LetterText.email(content),
                                      associationID: association.id, caseID: caseID, noticeEntryID: channel == "email" ? notice.id : nil,
                                      letterID: letter.id)
                try await Outbox.enqueue(draft, association: association, now: now, on: db)
            }
        }
    }

    /// The notice's letter to each addressee who is not sent a copy, with their name and address, and who they are; a
    /// final action disseminated without the parties' names names nobody, recipients included (S3 1.1.7).
    static func letters(for notice: DocketEntry, kind noticeKind: NoticeKind, record: CaseRecord, caseKind: CaseKind, docket: [DocketEntry],
                        association: Association, addressees known: [(name: String, person: Person?, copy: Bool)]? = nil,
                        db: Database) async throws -> [(content: LetterContent, personID: UUID?)] {
        let caseID = try record.requireID()
        var addressees = known ?? []
        if known == nil { addressees = try await LetterSections.addressees(of: notice, caseID: caseID, db: db) }
        let names = noticeKind == .finalActionRedacted ? try await LetterSections.partyNames(caseID: caseID, db: db) : []
        // Each addressee's letter is in their own language (issue 19): composed once per language the notice needs.
        var composed: [LetterLanguage: LetterContent] = [:]
        for language in Set(addressees.filter { !$0.copy }.map { $0.person?.letterLanguage ?? .en }) {
            composed[language] = try await compose(noticeKind, notice: notice, record: record, kind: caseKind, docket: docket, association: association,
                                                   language: language, db: db)
        }
        return addressees.filter { !$0.copy }.compactMap { addressee in
            guard var content = composed[addressee.person?.letterLanguage ?? .en] else { return nil }
            content.recipient = FinalActionNotice.redact(addressee.name, names: names)
            content.recipientAddress = names.isEmpty ? (addressee.person?.address).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [] : []
            content.copies = addressees.filter(\.copy).map { FinalActionNotice.redact($0.name, names: names) }
            return (content, addressee.person?.id)
        }
    }

    /// Stores the letter as made; the background round prints it.
    static func issue(_ content: LetterContent, to personID: UUID?, notice: DocketEntry, caseID: UUID, association: Association,
                      on db: Database) async throws -> LetterRecord {
        let letter = LetterRecord()
        letter.id = UUID()
        letter.recipientPersonID = personID
        letter.$association.id = try association.requireID()
        letter.$caseRecord.id = caseID
        letter.noticeEntryID = notice.id
        letter.recipientName = String(content.recipient.prefix(200))
        letter.language = content.language
        letter.templateVersion = content.templateVersion
        letter.content = String(decoding: try JSONEncoder().encode(content), as: UTF8.self)
        letter.textSHA256 = LetterText.sha256(LetterText.plain(content))
        letter.renderAttempts = 0
        try await letter.create(on: db)
        return letter
    }

    /// The letter every addressee of the notice gets, before its greeting and address: the template in force, the
    /// sections the notice encloses, its time frames as they stood that day, the options and the signature.
    static func compose(_ noticeKind: NoticeKind, notice: DocketEntry, record: CaseRecord, kind: CaseKind, docket: [DocketEntry],
                        association: Association, language: LetterLanguage = .en, db: Database) async throws -> LetterContent {
        let caseID = try record.requireID()
        let words = Wording(language)
        let (rules, frames) = try await LetterSections.timeFrames(of: notice, record: record, kind: kind, docket: docket, db: db)
        let template = try await LetterTemplates.current(noticeKind, language: language, in: association.requireID(), on: db)
        // A redacted final action without the parties' names, exactly as the printed copy (S3 1.1.7).
        let (title, sections, names) = try await LetterSections.redactedIfNeeded(
            noticeKind, title: record.title, sections: try await LetterSections.build(kind: noticeKind, notice: notice, docket: docket, words: words, db: db),
            caseID: caseID, db: db)
        let (signedBy, contact) = try await LetterSections.signature(of: notice, association: association, words: words, db: db)
        return LetterContent(kind: noticeKind.rawValue, language: language.rawValue, templateVersion: template.version,
                             association: association.name, letterhead: association.letterheadLines, date: notice.effectiveOn.written(in: language),
                             recipient: "", recipientAddress: [], copies: [], channel: notice.payload["channel"]?.textValue ?? "mail",
                             caseLine: words("letterWord_case", ["number": record.number, "title": title]), subject: template.subject,
                             paragraphs: template.paragraphs,
                             note: notice.payload["note"]?.textValue.map { FinalActionNotice.redact($0, names: names) },
                             sections: sections, timeFrames: frames.map { LetterSections.timeFrame($0, words: words) },
                             options: LetterSections.options(kind: noticeKind, frames: frames, profile: rules.profile, words: words),
                             signature: [signedBy] + (contact.map { [$0] } ?? []) + (association.signatureLine.map { [$0] } ?? []),
                             caseURL: baseURLMark + Paths.caseDetail(association.slug, record.number))
    }
}

enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
