import Vapor
import Fluent
import SQLKit
import StandardsCore

/// One email waiting for, or past, delivery (issue 13). Nothing is sent from a request: the step writes the
/// message here in its own transaction and the mail worker delivers it, so a relay that is down loses nothing and a
/// step never waits on the network.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"
    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "association_id") var association: Association?
    @OptionalParent(key: "case_id") var caseRecord: CaseRecord?
    /// The `notice.sent` entry this message delivers; its transmittal follows the relay's acceptance.
    @OptionalField(key: "notice_entry_id") var noticeEntryID: UUID?
    /// The letter this message carries; its PDF is attached when it is sent (issue 19).
    @OptionalField(key: "letter_id") var letterID: UUID?
    /// `OutboxPurpose` raw value.
    @Field(key: "purpose") var purpose: String
    @Field(key: "to_name") var toName: String
    /// Empty when nobody on file has an address: the message stays undelivered and on the staff worklist.
    @Field(key: "to_address") var toAddress: String
    @OptionalField(key: "cc_address") var ccAddress: String?
    @Field(key: "from_name") var fromName: String
    @Field(key: "from_address") var fromAddress: String
    @Field(key: "subject") var subject: String
    @Field(key: "text_body") var textBody: String
    @Field(key: "html_body") var htmlBody: String
    /// `OutboxStatus` raw value.
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "last_error") var lastError: String?
    /// `<…@…>`, made when the message is written and kept through retries, so a receiver can tell a repeat.
    @Field(key: "message_id") var messageID: String
    /// When the relay accepted the message: the moment a notice counts as transmitted.
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

enum OutboxPurpose: String, Sendable {
    /// `noticeCopy`: an email copy of a notice sent by mail or by hand; the mailing, not this, is the transmittal.
    /// `message`: tells someone a case message waits, without what it says (issue 19).
    case notice, noticeCopy = "notice-copy", reminder, message, invitation, passwordReset = "password-reset", emailChange = "email-change", account
    /// Messages that carry a one-time link: their bodies are cleared once delivered, so no usable link rests in the database.
    var carriesLink: Bool { ![.notice, .noticeCopy, .reminder, .message].contains(self) }
}

enum OutboxStatus: String, Sendable {
    /// Waiting for its next attempt (or for a relay to be configured).
    case queued
    /// Claimed by a worker; a claim older than `OutboxDelivery.claimLease` is taken back.
    case sending
    case sent
    /// Gave up after the configured attempts; staff resend it from the worklist.
    case failed
    /// Nobody on file has an address for the recipient.
    case noAddress = "no-address"
}

/// A message to write to the outbox; `Outbox.enqueue` fills in the sender, status and message id.
struct MailDraft: Sendable {
    var purpose: OutboxPurpose
    var toName: String
    var toAddress: String?
    var ccAddress: String?
    var subject: String
    var text: String
    var html: String
    var associationID: UUID?
    var caseID: UUID?
    var noticeEntryID: UUID?
    var letterID: UUID? = nil
}

enum Outbox {
    /// Writes the message; it goes out with the worker's next round (or stays, marked, when there is no address).
    @discardableResult
    static func enqueue(_ draft: MailDraft, association: Association?, now: Date, on db: Database) async throws -> OutboxMessage {
        let message = OutboxMessage()
        let id = UUID()
        message.id = id
        message.$association.id = draft.associationID ?? association?.id
        message.$caseRecord.id = draft.caseID
        message.noticeEntryID = draft.noticeEntryID
        message.letterID = draft.letterID
        message.purpose = draft.purpose.rawValue
        message.toName = String(draft.toName.prefix(200))
        let address = EmailAddress.checked(draft.toAddress)
        message.toAddress = address ?? ""
        message.ccAddress = EmailAddress.checked(draft.ccAddress)
        message.fromName = association?.name ?? "PSDesk"
        // Empty: `PSDESK_MAIL_FROM`, filled in when sent (the step writing this has no configuration in hand).
        message.fromAddress = association?.senderEmail ?? ""
        message.subject = draft.subject
        message.textBody = draft.text
        message.htmlBody = draft.html
        message.status = (address == nil ? OutboxStatus.noAddress : .queued).rawValue
        message.attempts = 0
        message.nextAttemptAt = now
        let domain = message.fromAddress.split(separator: "@").last.map(String.init) ?? "psdesk.mail"
        message.messageID = "<\(id.uuidString.lowercased())@\(domain)>"
        try await message.create(on: db)
        return message
    }

    /// Puts a failed or address-less message back in the queue, with a fresh count of attempts; an address given now
    /// replaces the one on file for this message.
    static func resend(_ message: OutboxMessage, to address: String?, now: Date, on db: Database) async throws {
        if let address {
            guard let normalized = EmailAddress.checked(address) else {
                throw AppError(.unprocessableEntity, code: "bad_email", message: "\"\(address)\" is not an email address.")
            }
            message.toAddress = normalized
        }
        guard !message.toAddress.isEmpty else {
            throw AppError(.unprocessableEntity, code: "no_address", message: "Give an address to send this message to.")
        }
        guard [OutboxStatus.failed.rawValue, OutboxStatus.noAddress.rawValue, OutboxStatus.queued.rawValue].contains(message.status) else {
            throw AppError(.conflict, code: "already_sent", message: "This message was already accepted by the relay.")
        }
        message.status = OutboxStatus.queued.rawValue
        message.attempts = 0
        message.nextAttemptAt = now
        message.lastError = nil
        try await message.save(on: db)
    }

    /// Messages staff should see: failed, address-less, or refused at least once; every unsent one when no relay is
    /// configured, since then nothing leaves.
    static func undelivered(in associationID: UUID, relayConfigured: Bool, on db: Database) async throws -> [OutboxMessage] {
        let query = OutboxMessage.query(on: db).filter(\.$association.$id == associationID)
        if relayConfigured {
            query.group(.or) { or in
                or.filter(\.$status ~~ [OutboxStatus.failed.rawValue, OutboxStatus.noAddress.rawValue])
                or.group(.and) { $0.filter(\.$status == OutboxStatus.queued.rawValue).filter(\.$attempts > 0) }
            }
        } else {
            query.filter(\.$status != OutboxStatus.sent.rawValue)
        }
        return try await query.sort(\.$createdAt, .descending).limit(50).all()
    }
}
