import Vapor
import Fluent
import StandardsCore

/// Every `notice.sent` entry whose channel is email becomes one outbox message per addressee, written in the step's own
/// transaction (issue 13): the letter as plain text and HTML, the association as sender, a principal's copy as Cc.
/// An addressee with no address on file gets a message marked so, for staff to resend or mail.
enum NoticeMail {
    /// Stands for `PSDESK_PUBLIC_URL` in a stored body; the worker puts the address in when it sends.
    static let baseURLMark = "@@PSDESK_URL@@"

    static func enqueue(_ notices: [DocketEntry], record: CaseRecord, kind: CaseKind, docket: [DocketEntry], association: Association,
                        now: Date, on db: Database) async throws {
        let caseID = try record.requireID()
        for notice in notices where notice.corrects == nil && notice.payload["channel"]?.textValue == "email" {
            guard let noticeKind = notice.parsed.notice else { continue }
            let addressees = try await LetterSections.addressees(of: notice, caseID: caseID, db: db)
            let copies = addressees.filter(\.copy)
            let letter = try await compose(noticeKind, notice: notice, record: record, kind: kind, docket: docket, association: association, db: db)
            for addressee in addressees where !addressee.copy {
                let draft = MailDraft(purpose: .notice, toName: addressee.name, toAddress: addressee.person?.email,
                                      ccAddress: copies.compactMap { $0.person?.email }.first,
                                      subject: "\(letter.subject) (case \(record.number))",
                                      text: letter.text(greeting: addressee.name), html: letter.html(greeting: addressee.name),
                                      associationID: association.id, caseID: caseID, noticeEntryID: notice.id)
                try await Outbox.enqueue(draft, association: association, now: now, on: db)
            }
        }
    }

    /// The letter's parts, the same as the printable letter (`NoticeController.letter`).
    struct Letter {
        var association: String
        var letterhead: [String]
        var date: String
        var caseLine: String
        var subject: String
        var body: String
        var sections: [LetterSections.Section]
        var timeFrames: [NoticeController.LetterPage.TimeFrame]
        var options: [String]
        var signature: [String]
        var caseURL: String

        func text(greeting name: String) -> String {
            var out = [association] + letterhead + ["", date, "", "Dear \(name),", "", caseLine, subject, "", body]
            for section in sections { out += ["", section.heading] + section.lines.map { "- \($0)" } }
            if !timeFrames.isEmpty { out += ["", "Time frames"] + timeFrames.map { "- \($0.title): \($0.due). \($0.explanation) (\($0.rule))" } }
            if !options.isEmpty { out += ["", "What you may do"] + options.map { "- \($0)" } }
            out += [""] + signature + ["", "If you have an account, the case is at \(caseURL)"]
            return out.joined(separator: "\n") + "\n"
        }

        func html(greeting name: String) -> String {
            func e(_ text: String) -> String { HTMLEscaping.escape(text) }
            func list(_ items: [String], ordered: Bool = false) -> String {
                let tag = ordered ? "ol" : "ul"
                return "<\(tag)>" + items.map { "<li>\(e($0))</li>" }.joined() + "</\(tag)>"
            }
            var out = "<!doctype html><html lang=\"en\"><body style=\"font-family: Georgia, serif; max-width: 40em\">"
            out += "<p><strong>\(e(association))</strong>" + letterhead.map { "<br>\(e($0))" }.joined() + "</p>"
            out += "<p>\(e(date))</p><p>Dear \(e(name)),</p><p><strong>\(e(caseLine))</strong><br>\(e(subject))</p><p>\(e(body))</p>"
            for section in sections { out += "<h2 style=\"font-size: 1.1em\">\(e(section.heading))</h2>" + list(section.lines, ordered: section.ordered) }
            if !timeFrames.isEmpty {
                out += "<h2 style=\"font-size: 1.1em\">Time frames</h2>" + list(timeFrames.map { "\($0.title): \($0.due). \($0.explanation) (\($0.rule))" })
            }
            if !options.isEmpty { out += "<h2 style=\"font-size: 1.1em\">What you may do</h2>" + list(options) }
            out += "<p>" + signature.map(e).joined(separator: "<br>") + "</p>"
            out += "<p>If you have an account, the case is at <a href=\"\(e(caseURL))\">\(e(caseURL))</a>.</p></body></html>"
            return out
        }
    }

    static func compose(_ noticeKind: NoticeKind, notice: DocketEntry, record: CaseRecord, kind: CaseKind, docket: [DocketEntry],
                        association: Association, db: Database) async throws -> Letter {
        let caseID = try record.requireID()
        let (rules, frames) = try await LetterSections.timeFrames(of: notice, record: record, kind: kind, docket: docket, db: db)
        let (subject, body) = noticeKind.letter
        // A redacted final action without the parties' names, exactly as the printed copy (S3 1.1.7).
        let (title, sections, _) = try await LetterSections.redactedIfNeeded(
            noticeKind, title: record.title, sections: try await LetterSections.build(kind: noticeKind, notice: notice, docket: docket, db: db), caseID: caseID, db: db)
        let (signedBy, contact) = try await LetterSections.signature(of: notice, association: association, db: db)
        return Letter(association: association.name, letterhead: association.letterheadLines, date: notice.effectiveOn.writtenOut,
                      caseLine: "Case \(record.number): \(title)", subject: subject, body: body, sections: sections,
                      timeFrames: frames.map(LetterSections.timeFrame),
                      options: LetterSections.options(kind: noticeKind, frames: frames, profile: rules.profile),
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
