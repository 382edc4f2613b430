import Vapor
import Fluent
import SQLKit
import StandardsCore

/// Delivers the outbox (issue 13). Any number of app instances may run it: each message is claimed by one statement
/// that only one of them can win, and a claim left by a stopped instance lapses after `claimLease`.
enum OutboxDelivery {
    /// How long a claimed message may stay "sending" before another round takes it back (msmtp gives up after 60 s).
    static let claimLease: TimeInterval = 300

    /// Tries every message due now, oldest first; returns how many the relay accepted.
    @discardableResult
    static func deliverDue(app: Application, transport: MailTransport, limit: Int = 100) async throws -> Int {
        let db = app.db
        let config = app.psdesk
        let now = app.clock.now()
        let due = try await OutboxMessage.query(on: db)
            .filter(\.$status ~~ [OutboxStatus.queued.rawValue, OutboxStatus.sending.rawValue])
            .filter(\.$nextAttemptAt <= now).sort(\.$nextAttemptAt).limit(limit).all()
        var accepted = 0
        for message in due {
            guard try await claim(message, now: now, on: db) else { continue }
            do {
                // A notice's letter goes with it as PDF; one that cannot be printed holds the message back, like a refusal.
                let attachments = try await letterAttachments(for: message, app: app)
                try await transport.deliver(RenderedMail(message, defaultFrom: config.mailFrom, baseURL: config.publicURL, now: now, attachments: attachments))
            } catch {
                try await refused(message, reason: String(describing: error), config: config, now: app.clock.now(), on: db)
                app.logger.warning("mail to \(message.toAddress) not accepted (attempt \(message.attempts)): \(error)")
                continue
            }
            try await delivered(message, at: app.clock.now(), logger: app.logger, on: db)
            accepted += 1
        }
        return accepted
    }

    /// The letter as PDF; with a notice of hearing or of a mediation session, also the event as an invitation the
    /// recipient's calendar adds (issue 19) — the same UID as in their calendar link, so a continuance's notice moves it.
    static func letterAttachments(for message: OutboxMessage, app: Application) async throws -> [RenderedMail.Attachment] {
        guard let id = message.letterID, let letter = try await LetterRecord.find(id, on: app.db) else { return [] }
        let document = try await LetterPrinting.document(for: letter, app: app)
        var attachments = [RenderedMail.Attachment(filename: document.filename, mediaType: document.mediaType,
                                                   data: try DocumentStorage(root: app.psdesk.blobDirectory).read(document.sha256))]
        if let invitation = try await CalendarFeeds.invitation(for: letter, now: app.clock.now(), baseURL: app.psdesk.publicURL, on: app.db) {
            attachments.append(.init(filename: "invitation.ics", mediaType: "text/calendar; method=PUBLISH; charset=utf-8", data: Data(invitation.utf8)))
        }
        return attachments
    }

    /// Takes the message for this round: one UPDATE that succeeds for one caller only; it counts the attempt and holds
    /// the message for `claimLease`.
    static func claim(_ message: OutboxMessage, now: Date, on db: Database) async throws -> Bool {
        guard let sql = db as? SQLDatabase else { return false }
        struct Row: Decodable { let attempts: Int }
        let rows = try await sql.raw("""
            UPDATE \(ident: OutboxMessage.schema) SET status = \(bind: OutboxStatus.sending.rawValue), attempts = attempts + 1,
              next_attempt_at = \(bind: now.addingTimeInterval(claimLease))
            WHERE id = \(bind: try message.requireID()) AND status = \(bind: message.status) AND next_attempt_at <= \(bind: now)
            RETURNING attempts
            """).all(decoding: Row.self)
        guard let row = rows.first else { return false }
        message.attempts = row.attempts
        message.status = OutboxStatus.sending.rawValue
        return true
    }

    /// Waits twice as long after each refusal (1, 2, 4 … × `PSDESK_MAIL_RETRY_SECONDS`, at most a day), and gives up
    /// after `PSDESK_MAIL_ATTEMPTS`, leaving the message on the staff worklist to resend.
    static func refused(_ message: OutboxMessage, reason: String, config: AppConfig, now: Date, on db: Database) async throws {
        let wait = min(Double(config.mailRetrySeconds) * pow(2, Double(max(0, message.attempts - 1))), 86_400)
        message.status = (message.attempts >= config.mailAttempts ? OutboxStatus.failed : .queued).rawValue
        message.nextAttemptAt = now.addingTimeInterval(wait)
        message.lastError = String(reason.prefix(500))
        ServiceMetrics.outboxRefused(purpose: message.purpose)
        try await message.save(on: db)
    }

    /// Marks the message accepted; clears a one-time link from its body; and, for the last message of a notice, records
    /// the day the notice was transmitted when it is not the day the step recorded.
    static func delivered(_ message: OutboxMessage, at acceptedAt: Date, logger: Logger, on db: Database) async throws {
        message.status = OutboxStatus.sent.rawValue
        message.acceptedAt = acceptedAt
        message.lastError = nil
        if OutboxPurpose(rawValue: message.purpose)?.carriesLink ?? false {
            message.textBody = "(Delivered. The one-time link it carried is not kept.)"
            message.htmlBody = "<p>(Delivered. The one-time link it carried is not kept.)</p>"
        }
        // Saved first and on its own: whatever happens to the docket below, the message is never sent twice.
        try await message.save(on: db)
        guard let noticeID = message.noticeEntryID else { return }
        do {
            try await writeTransaction(on: db) { tx in try await NoticeTransmittal.record(noticeID, on: tx) }
        } catch {
            // The docket refused the correction (the case moved on in a way its guards refuse): the notice keeps the
            // step's date, and staff can record the transmittal by hand; the relay's time stays in the outbox.
            logger.warning("the transmittal of notice \(noticeID) was not recorded: \(String(describing: error))")
        }
    }
}

/// A notice sent by email counts as transmitted on the day the relay accepted it (issue 13, b14): once every message
/// of the notice is accepted, a correction moves the notice to the latest acceptance day in the association's calendar,
/// and every time frame that counts from transmittal moves with it. The original entry stays.
enum NoticeTransmittal {
    static func record(_ noticeID: UUID, on db: Database) async throws {
        let messages = try await OutboxMessage.query(on: db).filter(\.$noticeEntryID == noticeID).all()
        guard messages.allSatisfy({ $0.status == OutboxStatus.sent.rawValue }),
              let last = messages.compactMap(\.acceptedAt).max(),
              let caseID = messages.first?.$caseRecord.id,
              let record = try await CaseRecord.find(caseID, on: db),
              let association = try await Association.find(record.$association.id, on: db),
              let zone = AssociationClock(timeZoneIdentifier: association.timeZone) else { return }
        let docket = try await DocketStore.entries(of: caseID, on: db)
        guard let notice = CaseProjection.effectiveEntries(docket).first(where: { $0.id == noticeID }) else { return }
        let acceptedOn = zone.civilDate(at: last)
        guard acceptedOn != notice.effectiveOn else { return }
        var payload = notice.payload
        payload["emailAccepted"] = .text(ISO8601DateFormatter().string(from: last) + " " + messages.map(\.messageID).joined(separator: " "))
        try await DocketStore.append([ProposedEntry(type: .noticeSent, effectiveOn: acceptedOn, payload: payload, corrects: noticeID)],
                                     to: record, by: nil, actorName: "PSDesk mail", at: last, on: db)
    }
}

/// Runs the background rounds every `PSDESK_MAIL_POLL_SECONDS` while the server serves: letters are printed to PDF
/// (issue 19), reminders written, past days' docket heads chained and expired sessions purged (every five minutes),
/// then, when a relay is configured, the outbox is delivered.
struct MailWorker: LifecycleHandler {
    final class Running: @unchecked Sendable {
        var task: Task<Void, Never>?
    }
    let running = Running()

    func didBootAsync(_ app: Application) async throws {
        // Only the server delivers: a command (`psdesk migrate`, `profiles show`) or a test sends nothing.
        guard app.environment.arguments.dropFirst().first == "serve" else { return }
        let transport = app.psdesk.relay.map { MsmtpTransport(relay: $0) }
        if let relay = app.psdesk.relay {
            // msmtp may exit before reading the message (relay down); the write must fail, not end the process.
            signal(SIGPIPE, SIG_IGN)
            app.logger.notice("Mail goes through \(relay)")
        } else {
            app.logger.notice("No SMTP relay is configured (PSDESK_SMTP_HOST): email stays in the outbox, shown to staff as undelivered.")
        }
        let seconds = app.psdesk.mailPollSeconds
        running.task = Task {
            var remindedAt = Date.distantPast
            while !Task.isCancelled {
                // With several instances on one PostgreSQL, one of them prints in a round and one keeps house
                // (`BackgroundLock`); the others skip it.
                do { try await BackgroundLock.runOnce("psdesk.letters", on: app.db) { _ = try await LetterPrinting.printWaiting(app: app) } } catch {
                    app.logger.error("letter printing round failed: \(String(describing: error))")
                }
                if app.clock.now().timeIntervalSince(remindedAt) >= 300 {
                    remindedAt = app.clock.now()
                    let now = remindedAt
                    do { try await BackgroundLock.runOnce("psdesk.housekeeping", on: app.db) { try await Self.keepHouse(app: app, now: now) } } catch {
                        app.logger.error("housekeeping round failed: \(String(describing: error))")
                    }
                }
                // Every instance delivers: each message is claimed by one of them (`OutboxDelivery.claim`), so none is
                // sent twice, and several relay connections drain a long queue sooner.
                if let transport {
                    do { try await OutboxDelivery.deliverDue(app: app, transport: transport) } catch {
                        app.logger.error("mail round failed: \(String(describing: error))")
                    }
                }
                try? await Task.sleep(for: .seconds(seconds))
            }
        }
    }

    /// The five-minute round: reminders (their unique key keeps each to a single email), each finished day's docket
    /// heads chained across the association (issue 20), sessions past their eight hours and ended throttle windows
    /// purged (issue 21). Each part's failure is logged and does not stop the others.
    static func keepHouse(app: Application, now: Date) async throws {
        do {
            let written = try await Reminders.run(app: app, now: now)
            if written > 0 { app.logger.info("reminders written", metadata: ["count": .stringConvertible(written)]) }
        } catch {
            app.logger.error("reminder round failed: \(String(describing: error))")
        }
        do { try await DocketChainStore.sealDays(now: now, on: app.db) } catch {
            app.logger.error("day anchor round failed: \(String(describing: error))")
        }
        do {
            try await StoredSessions.purge(now: now, on: app.db)
            try await Throttle.purge(now: now, config: app.psdesk, on: app.db)
        } catch {
            app.logger.error("session purge failed: \(String(describing: error))")
        }
    }

    func shutdownAsync(_ app: Application) async {
        running.task?.cancel()
        await running.task?.value
    }
}
