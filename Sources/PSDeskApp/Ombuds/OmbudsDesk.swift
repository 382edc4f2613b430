import Vapor
import Fluent
import SQLKit
import StandardsCore

/// The ombuds program's work on its tables (S0; a3.1–a3.5): taking an inquiry, the conversation, working notes that
/// expire, exceptions, the certificate for a later filing, and closing, which destroys everything but the anonymous
/// record. The pages (`OmbudsPublicController`, `OmbudsController`) only read forms and call these.
enum OmbudsDesk {
    /// What starts a matter: a user's first message on the web, or a phone or email contact the ombuds logs.
    struct Opening {
        var channel: OmbudsChannel
        var concern: String
        /// The user's first message (web), or the ombuds' first working note (phone, email).
        var text: String
        var contact: String
        var conditionsAccepted: Bool
        var noteDays = String(OmbudsNotes.defaultDays)
    }

    enum Opened { case opened(OmbudsInquiry, followUpKey: String?), invalid([String: String]) }

    static func open(_ opening: Opening, association: Association, today: CivilDate, now: Date, seal: OmbudsSeal, on db: Database) async throws -> Opened {
        var problems: [String: String] = [:]
        let concern = OmbudsConcern(rawValue: opening.concern)
        if concern == nil { problems["concern"] = "Choose the kind of concern, so the ombuds can prepare." }
        let byWeb = opening.channel == .web
        if let problem = OmbudsText.problem(opening.text, limit: byWeb ? OmbudsText.messageLimit : OmbudsText.noteLimit, required: byWeb,
                                            what: byWeb ? "your message" : "the note") {
            problems["text"] = problem
        }
        if let problem = OmbudsText.problem(opening.contact, limit: OmbudsText.contactLimit, required: false, what: "the contact details") {
            problems["contact"] = problem
        }
        var expiry: CivilDate?
        if !byWeb, !opening.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            switch OmbudsNotes.expiry(from: today, days: opening.noteDays) {
            case .success(let day): expiry = day
            case .failure(let refusal): problems["noteDays"] = refusal.message
            }
        }
        if !opening.conditionsAccepted {
            problems["conditions"] = byWeb ? "Accept the program's conditions to go on: the ombuds can help only on these terms (a3.5)."
                                           : "Confirm the user accepted the program's conditions (a3.5)."
        }
        guard problems.isEmpty, let concern else { return .invalid(problems) }
        let key = byWeb ? OmbudsCodes.new(groups: 5) : nil
        let contact = opening.contact.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = opening.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let noteExpiry = expiry
        let inquiry = OmbudsInquiry(associationID: try association.requireID(), openedOn: today, channel: opening.channel, concern: concern,
                                    keyHash: key.map(OmbudsCodes.hash), sealedContact: contact.isEmpty ? nil : try seal.seal(contact), at: now)
        try await db.transaction { tx in
            try await inquiry.create(on: tx)
            let id = try inquiry.requireID()
            if byWeb {
                try await OmbudsMessage(inquiryID: id, fromOmbuds: false, sealedBody: try seal.seal(text), at: now).create(on: tx)
                try await notifyOmbuds(association, now: now, on: tx)
            } else if let noteExpiry {
                try await OmbudsNote(inquiryID: id, sealedBody: try seal.seal(text), expiresOn: noteExpiry, at: now).create(on: tx)
            }
        }
        return .opened(inquiry, followUpKey: key)
    }

    /// The open inquiry a follow-up key belongs to, in this association; nil for any other key.
    static func inquiry(forKey key: String, in association: Association, on db: Database) async throws -> OmbudsInquiry? {
        let normalized = OmbudsCodes.normalized(key)
        guard normalized.count >= 16 else { return nil }
        return try await OmbudsInquiry.query(on: db).filter(\.$keyHash == OmbudsCodes.hash(normalized))
            .filter(\.$association.$id == association.requireID()).first()
    }

    static func post(_ text: String, fromOmbuds: Bool, to inquiry: OmbudsInquiry, now: Date, seal: OmbudsSeal, on db: Database) async throws -> String? {
        if let problem = OmbudsText.problem(text, limit: OmbudsText.messageLimit, required: true, what: "the message") { return problem }
        let body = try seal.seal(text.trimmingCharacters(in: .whitespacesAndNewlines))
        try await db.transaction { tx in
            try await OmbudsMessage(inquiryID: try inquiry.requireID(), fromOmbuds: fromOmbuds, sealedBody: body, at: now).create(on: tx)
            inquiry.lastActivityAt = now
            try await inquiry.save(on: tx)
            if !fromOmbuds, let association = try await Association.find(inquiry.$association.id, on: tx) {
                try await notifyOmbuds(association, now: now, on: tx)
            }
        }
        return nil
    }

    /// Tells the ombuds by email that a user wrote (issue 19): no word of the message, the matter or the user, whose
    /// identity the program never keeps (a3.3); the desk is behind the sign-in.
    static func notifyOmbuds(_ association: Association, now: Date, on db: Database) async throws {
        for ombuds in try await Reminders.holders(of: .ombuds, in: association.requireID(), on: db) {
            let lines = ["Dear \(ombuds.name),", "", "A message waits on your ombuds desk at \(association.name).",
                         "Nothing of it is in this email. Read it at:", NoticeMail.baseURLMark + "/a/\(association.slug)/ombuds"]
            try await Outbox.enqueue(MailDraft(purpose: .message, toName: ombuds.name, toAddress: ombuds.address, ccAddress: nil,
                                               subject: "A message waits on your ombuds desk", text: lines.joined(separator: "\n") + "\n",
                                               html: Reminders.html(lines), associationID: association.id, caseID: nil, noticeEntryID: nil),
                                     association: association, now: now, on: db)
        }
    }

    /// Adds a working note kept for `days`; the problems by field, or none.
    static func note(_ text: String, days: String, on inquiry: OmbudsInquiry, today: CivilDate, now: Date, seal: OmbudsSeal, db: Database) async throws -> [String: String] {
        var problems: [String: String] = [:]
        if let problem = OmbudsText.problem(text, limit: OmbudsText.noteLimit, required: true, what: "the note") { problems["note"] = problem }
        var expiry: CivilDate?
        switch OmbudsNotes.expiry(from: today, days: days) {
        case .success(let day): expiry = day
        case .failure(let refusal): problems["noteDays"] = refusal.message
        }
        guard problems.isEmpty, let expiry else { return problems }
        try await OmbudsNote(inquiryID: try inquiry.requireID(), sealedBody: try seal.seal(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                             expiresOn: expiry, at: now).create(on: db)
        return [:]
    }

    /// A new certificate for the matter (a1.3): its code, shown once; the row keeps the code's hash and the dates only.
    static func certificate(for inquiry: OmbudsInquiry, on db: Database) async throws -> String {
        let code = OmbudsCodes.new(groups: 4)
        try await InformalProcessCertificate(associationID: inquiry.$association.id, codeHash: OmbudsCodes.hash(code), beganOn: inquiry.openedOn,
                                             inquiryID: try inquiry.requireID()).create(on: db)
        return code
    }

    /// Records an exception to confidentiality with the minimum disclosed (a3.4). A public-trust allegation ends the
    /// matter with a referral (b10.5): the inquiry is closed and destroyed like any other.
    static func recordException(_ kind: OmbudsException, what: String, to: String, on inquiry: OmbudsInquiry, services: [OmbudsService],
                                today: CivilDate, db: Database) async throws -> [String: String] {
        var problems: [String: String] = [:]
        if let problem = OmbudsText.problem(what, limit: OmbudsText.disclosureLimit, required: true, what: "the minimum disclosed") {
            problems["what"] = problem
        }
        if let problem = OmbudsText.problem(to, limit: 200, required: true, what: "to whom it was disclosed") { problems["to"] = problem }
        guard problems.isEmpty else { return problems }
        let disclosure = OmbudsDisclosureRecord(associationID: inquiry.$association.id, inquiryID: try inquiry.requireID(), on: today,
                                                reason: kind.rawValue, what: what.trimmingCharacters(in: .whitespacesAndNewlines),
                                                to: to.trimmingCharacters(in: .whitespacesAndNewlines))
        try await writeTransaction(on: db) { tx in
            try await disclosure.create(on: tx)
            if kind.isPublicTrust {
                try await destroy(inquiry, leaving: OmbudsClosing(services: Array(Set(services + [.referral])).sorted { $0.rawValue < $1.rawValue },
                                                                  outcome: .publicTrustReferral), today: today, on: tx)
            }
        }
        if kind.isPublicTrust { await compact(db) }
        return [:]
    }

    /// Closes the matter: the anonymous record and any agreed release are written, and everything else is overwritten
    /// and deleted (a3.3). Destruction cannot be undone, so nothing is touched without `confirmed`. The problems, or none.
    static func close(_ inquiry: OmbudsInquiry, _ closing: OmbudsClosing, confirmed: Bool, today: CivilDate, on db: Database) async throws -> [String: String] {
        var problems = closing.problems()
        if !confirmed { problems["confirm"] = "Confirm that the conversation, notes and contact details are to be destroyed." }
        guard problems.isEmpty else { return problems }
        try await writeTransaction(on: db) { tx in
            let released = closing.released.trimmingCharacters(in: .whitespacesAndNewlines)
            if !released.isEmpty {
                try await OmbudsDisclosureRecord(associationID: inquiry.$association.id, inquiryID: nil, on: today, reason: OmbudsDisclosureRecord.resolutionPlan,
                                                 what: released, to: closing.releasedTo.trimmingCharacters(in: .whitespacesAndNewlines)).create(on: tx)
            }
            try await destroy(inquiry, leaving: closing, today: today, on: tx)
        }
        await compact(db)
        return [:]
    }

    /// Writes the anonymous record and destroys the matter's rows, in the caller's transaction.
    private static func destroy(_ inquiry: OmbudsInquiry, leaving closing: OmbudsClosing, today: CivilDate, on tx: Database) async throws {
        guard let outcome = closing.outcome, let opened = CivilDate(inquiry.openedOn), let channel = OmbudsChannel(rawValue: inquiry.channel),
              let concern = OmbudsConcern(rawValue: inquiry.concern), let sql = tx as? SQLDatabase else {
            throw AppError(.internalServerError, code: "ombuds_unreadable", message: "The inquiry could not be read.")
        }
        let id = try inquiry.requireID()
        let record = OmbudsRecord(openedOn: opened, closedOn: max(today, opened), channel: channel, concern: concern, services: closing.services, outcome: outcome)
        try await OmbudsClosedRecord(associationID: inquiry.$association.id, record: record, conditionsVersion: inquiry.conditionsVersion).create(on: tx)
        try await InformalProcessCertificate.query(on: tx).filter(\.$inquiry.$id == id)
            .set(\.$endedOn, to: record.closedOn.description).set(\.$inquiry.$id, to: nil).update()
        try await OmbudsDisclosureRecord.query(on: tx).filter(\.$inquiry.$id == id).set(\.$inquiry.$id, to: nil).update()
        try await DatabaseTuning.secureDelete(on: tx)
        // Overwritten, then deleted: the row's last content is empty text, and SQLite zeroes the freed space.
        try await sql.raw("UPDATE \(ident: OmbudsMessage.schema) SET sealed_body = '' WHERE inquiry_id = \(bind: id)").run()
        try await sql.raw("UPDATE \(ident: OmbudsNote.schema) SET sealed_body = '' WHERE inquiry_id = \(bind: id)").run()
        try await sql.raw("UPDATE \(ident: OmbudsInquiry.schema) SET sealed_contact = NULL, key_hash = NULL WHERE id = \(bind: id)").run()
        try await sql.raw("DELETE FROM \(ident: OmbudsMessage.schema) WHERE inquiry_id = \(bind: id)").run()
        try await sql.raw("DELETE FROM \(ident: OmbudsNote.schema) WHERE inquiry_id = \(bind: id)").run()
        try await sql.raw("DELETE FROM \(ident: OmbudsInquiry.schema) WHERE id = \(bind: id)").run()
    }

    /// The notes of open matters whose day has come, destroyed (a3.3); how many. `only`: one matter's, for the page
    /// about to show it (the sweeper does the rest).
    @discardableResult
    static func expireNotes(in association: Association, only: OmbudsInquiry? = nil, today: CivilDate, on db: Database) async throws -> Int {
        let inquiries = if let only { [try only.requireID()] } else {
            try await OmbudsInquiry.query(on: db).filter(\.$association.$id == association.requireID()).all().compactMap(\.id)
        }
        guard !inquiries.isEmpty else { return 0 }
        let due = try await OmbudsNote.query(on: db).filter(\.$inquiry.$id ~~ inquiries).filter(\.$expiresOn <= today.description).all().compactMap(\.id)
        guard !due.isEmpty else { return 0 }
        try await writeTransaction(on: db) { tx in
            guard let sql = tx as? SQLDatabase else { return }
            try await DatabaseTuning.secureDelete(on: tx)
            for id in due {
                try await sql.raw("UPDATE \(ident: OmbudsNote.schema) SET sealed_body = '' WHERE id = \(bind: id)").run()
                try await sql.raw("DELETE FROM \(ident: OmbudsNote.schema) WHERE id = \(bind: id)").run()
            }
        }
        await compact(db)
        return due.count
    }

    /// Whether this person holds the ombuds role in the association: the ombuds is never a party or witness (a3.5).
    static func isOmbuds(_ personID: UUID, in associationID: UUID, on db: Database) async throws -> Bool {
        let users = try await User.query(on: db).filter(\.$person.$id == personID).all().compactMap(\.id)
        guard !users.isEmpty else { return false }
        return try await RoleAssignment.query(on: db).filter(\.$user.$id ~~ users).filter(\.$association.$id == associationID)
            .filter(\.$role == Role.ombuds.rawValue).count() > 0
    }

    /// Moves the write-ahead log into the database file and empties it, so no earlier page version of a destroyed row
    /// lingers in the log. Best effort: a reader holding the log open leaves it for the next round.
    static func compact(_ db: Database) async {
        guard let sql = db as? SQLDatabase, sql.dialect.name == "sqlite" else { return }
        _ = try? await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
    }

    /// Rebuilds the SQLite file so the pages freed by destroyed matters leave it (the scheduled vacuum).
    static func vacuum(_ db: Database) async throws {
        guard let sql = db as? SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("VACUUM").run()
        await compact(db)
    }
}

/// The certificates a later ethics complaint or arbitration request may carry (a1.3).
enum InformalProcessCertificates {
    /// The dates a certificate code stands for in this association, or why the code is not one.
    static func span(of code: String, in associationID: UUID, on db: Database) async throws -> Result<InformalProcessSpan, OmbudsRefusal> {
        let normalized = OmbudsCodes.normalized(code)
        guard normalized.count == 16,
              let span = try await InformalProcessCertificate.query(on: db).filter(\.$codeHash == OmbudsCodes.hash(normalized))
                .filter(\.$association.$id == associationID).first()?.span else {
            return .failure(OmbudsRefusal("No certificate of this association has this code (16 letters and digits). Check it, or leave it empty and give the dates below (a1.3)."))
        }
        return .success(span)
    }
}

/// Codes people type back: a follow-up key (five groups) and a certificate code (four groups) of letters and digits
/// that cannot be misread (no I, L, O, U, 0, 1), stored only as a hash.
enum OmbudsCodes {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTVWXYZ23456789")

    static func new(groups: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<groups).map { _ in String((0..<4).map { _ in alphabet.randomElement(using: &generator)! }) }.joined(separator: "-")
    }

    /// What was typed, with case, spaces and dashes set aside.
    static func normalized(_ typed: String) -> String {
        String(typed.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(40))
    }

    static func hash(_ code: String) -> String { TokenHashing.hash(normalized(code)) }
}

extension Application {
    private struct OmbudsSealKey: StorageKey { typealias Value = OmbudsSeal }

    /// The seal for the ombuds' texts, made once at start from the configured key (`configure`).
    var ombudsSeal: OmbudsSeal {
        get {
            guard let seal = storage[OmbudsSealKey.self] else { fatalError("configure(_:) sets the ombuds seal before any route runs") }
            return seal
        }
        set { storage[OmbudsSealKey.self] = newValue }
    }
}

/// Expires working notes and vacuums the SQLite file on a schedule, in the server only (a3.3).
struct OmbudsSweeper: LifecycleHandler {
    final class Running: @unchecked Sendable { var task: Task<Void, Never>? }
    let running = Running()

    func didBootAsync(_ app: Application) async throws {
        guard app.environment.arguments.dropFirst().first == "serve" else { return }
        running.task = Task {
            var rounds = 0
            while !Task.isCancelled {
                do {
                    // One instance sweeps in a round (`BackgroundLock`).
                    try await BackgroundLock.runOnce("psdesk.ombuds-sweep", on: app.db) {
                        for association in try await Association.query(on: app.db).all() {
                            try await OmbudsDesk.expireNotes(in: association, today: try app.clock.today(for: association), on: app.db)
                        }
                    }
                    // Hourly rounds; the file is rebuilt once a day (not at start: a large file takes a while).
                    if rounds % 24 == 23 { try await OmbudsDesk.vacuum(app.db) }
                } catch {
                    app.logger.error("ombuds sweep failed: \(String(describing: type(of: error)))")
                }
                rounds += 1
                try? await Task.sleep(for: .seconds(3600))
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        running.task?.cancel()
        await running.task?.value
    }
}
