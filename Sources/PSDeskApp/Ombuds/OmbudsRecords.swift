import Fluent
import Foundation
import StandardsCore

// The ombuds program's tables, off the docket on purpose: contact with the ombuds is not notice to the association and
// leaves no identifiable record (a3.3). Everything that could name someone (messages, working notes, contact details)
// is sealed with the ombuds key (`OmbudsSeal`) and destroyed at close; what remains is `OmbudsClosedRecord`.

/// An open matter. Its row, and every row hanging from it, is overwritten and deleted when it closes.
final class OmbudsInquiry: Model, @unchecked Sendable {
    static let schema = "ombuds_inquiries"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    /// `YYYY-MM-DD`, in the association's calendar.
    @Field(key: "opened_on") var openedOn: String
    @Field(key: "channel") var channel: String
    @Field(key: "concern") var concern: String
    /// SHA-256 of the follow-up key given once to a web user; nil for a contact the ombuds logged.
    @OptionalField(key: "key_hash") var keyHash: String?
    /// The conditions the user accepted (a3.5): the version and the day, nothing about who.
    @Field(key: "conditions_version") var conditionsVersion: String
    /// How to reach the user, if they gave it; sealed.
    @OptionalField(key: "sealed_contact") var sealedContact: String?
    @Field(key: "last_activity_at") var lastActivityAt: Date
    init() {}
    init(associationID: UUID, openedOn: CivilDate, channel: OmbudsChannel, concern: OmbudsConcern, keyHash: String?, sealedContact: String?, at: Date) {
        self.$association.id = associationID
        self.openedOn = openedOn.description
        self.channel = channel.rawValue
        self.concern = concern.rawValue
        self.keyHash = keyHash
        self.conditionsVersion = OmbudsConditions.version
        self.sealedContact = sealedContact
        self.lastActivityAt = at
    }
}

/// One message of the conversation between the user and the ombuds; sealed.
final class OmbudsMessage: Model, @unchecked Sendable {
    static let schema = "ombuds_messages"
    @ID(key: .id) var id: UUID?
    @Parent(key: "inquiry_id") var inquiry: OmbudsInquiry
    @Field(key: "from_ombuds") var fromOmbuds: Bool
    @Field(key: "sealed_body") var sealedBody: String
    @Field(key: "sent_at") var sentAt: Date
    init() {}
    init(inquiryID: UUID, fromOmbuds: Bool, sealedBody: String, at: Date) {
        self.$inquiry.id = inquiryID; self.fromOmbuds = fromOmbuds; self.sealedBody = sealedBody; self.sentAt = at
    }
}

/// A short-term working note to track follow-up steps (a3.3); sealed, and gone on its expiry day or at close.
final class OmbudsNote: Model, @unchecked Sendable {
    static let schema = "ombuds_notes"
    @ID(key: .id) var id: UUID?
    @Parent(key: "inquiry_id") var inquiry: OmbudsInquiry
    @Field(key: "sealed_body") var sealedBody: String
    /// `YYYY-MM-DD`: the note is destroyed from this day on.
    @Field(key: "expires_on") var expiresOn: String
    @Field(key: "written_at") var writtenAt: Date
    init() {}
    init(inquiryID: UUID, sealedBody: String, expiresOn: CivilDate, at: Date) {
        self.$inquiry.id = inquiryID; self.sealedBody = sealedBody; self.expiresOn = expiresOn.description; self.writtenAt = at
    }
}

/// What remains of a closed matter (`OmbudsRecord`): dates, channel, concern, services, outcome. Nothing else.
final class OmbudsClosedRecord: Model, @unchecked Sendable {
    static let schema = "ombuds_records"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Field(key: "opened_on") var openedOn: String
    @Field(key: "closed_on") var closedOn: String
    @Field(key: "channel") var channel: String
    @Field(key: "concern") var concern: String
    /// Comma-separated `OmbudsService` raw values.
    @Field(key: "services") var services: String
    @Field(key: "outcome") var outcome: String
    @Field(key: "conditions_version") var conditionsVersion: String
    init() {}
    init(associationID: UUID, record: OmbudsRecord, conditionsVersion: String) {
        self.$association.id = associationID
        openedOn = record.openedOn.description; closedOn = record.closedOn.description
        channel = record.channel.rawValue; concern = record.concern.rawValue
        services = record.services.map(\.rawValue).joined(separator: ","); outcome = record.outcome.rawValue
        self.conditionsVersion = conditionsVersion
    }

    var record: OmbudsRecord? {
        guard let opened = CivilDate(openedOn), let closed = CivilDate(closedOn), let channel = OmbudsChannel(rawValue: channel),
              let concern = OmbudsConcern(rawValue: concern), let outcome = OmbudsOutcome(rawValue: outcome) else { return nil }
        return OmbudsRecord(openedOn: opened, closedOn: closed, channel: channel, concern: concern,
                            services: services.split(separator: ",").compactMap { OmbudsService(rawValue: String($0)) }, outcome: outcome)
    }
}

/// Information that left the ombuds: a confidentiality exception (a3.4) or a release under a resolution plan agreed by
/// all parties (a3.3). It holds only the minimum: what was disclosed and to whom, never the conversation.
final class OmbudsDisclosureRecord: Model, @unchecked Sendable {
    static let schema = "ombuds_disclosures"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    /// While the matter is open, the inquiry it came from; cleared at close.
    @OptionalParent(key: "inquiry_id") var inquiry: OmbudsInquiry?
    @Field(key: "recorded_on") var recordedOn: String
    /// An `OmbudsException` raw value, or `resolution-plan`.
    @Field(key: "reason") var reason: String
    @Field(key: "what") var what: String
    @Field(key: "disclosed_to") var disclosedTo: String
    init() {}
    init(associationID: UUID, inquiryID: UUID?, on day: CivilDate, reason: String, what: String, to: String) {
        self.$association.id = associationID; self.$inquiry.id = inquiryID; recordedOn = day.description
        self.reason = reason; self.what = what; self.disclosedTo = to
    }

    static let resolutionPlan = "resolution-plan"
    var reasonLabel: String { OmbudsException(rawValue: reason)?.label ?? "Released under a resolution plan agreed by all parties" }
}

/// A certificate that an informal process began and ended (a1.3), with no content: only its code's hash and dates.
final class InformalProcessCertificate: Model, @unchecked Sendable {
    static let schema = "informal_process_certificates"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "began_on") var beganOn: String
    @OptionalField(key: "ended_on") var endedOn: String?
    /// While the matter is open, its inquiry, so the ending day can be written at close; cleared then.
    @OptionalParent(key: "inquiry_id") var inquiry: OmbudsInquiry?
    init() {}
    init(associationID: UUID, codeHash: String, beganOn: String, inquiryID: UUID) {
        self.$association.id = associationID; self.codeHash = codeHash; self.beganOn = beganOn; self.$inquiry.id = inquiryID
    }

    var span: InformalProcessSpan? {
        CivilDate(beganOn).map { InformalProcessSpan(beganOn: $0, endedOn: endedOn.flatMap(CivilDate.init)) }
    }
}

struct CreateOmbudsProgram: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(OmbudsInquiry.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("opened_on", .string, .required)
            .field("channel", .string, .required)
            .field("concern", .string, .required)
            .field("key_hash", .string)
            .field("conditions_version", .string, .required)
            .field("sealed_contact", .string)
            .field("last_activity_at", .datetime, .required)
            .unique(on: "key_hash")
            .create()
        try await database.schema(OmbudsMessage.schema)
            .id()
            .field("inquiry_id", .uuid, .required, .references(OmbudsInquiry.schema, "id", onDelete: .cascade))
            .field("from_ombuds", .bool, .required)
            .field("sealed_body", .string, .required)
            .field("sent_at", .datetime, .required)
            .create()
        try await database.schema(OmbudsNote.schema)
            .id()
            .field("inquiry_id", .uuid, .required, .references(OmbudsInquiry.schema, "id", onDelete: .cascade))
            .field("sealed_body", .string, .required)
            .field("expires_on", .string, .required)
            .field("written_at", .datetime, .required)
            .create()
        try await database.schema(OmbudsClosedRecord.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("opened_on", .string, .required)
            .field("closed_on", .string, .required)
            .field("channel", .string, .required)
            .field("concern", .string, .required)
            .field("services", .string, .required)
            .field("outcome", .string, .required)
            .field("conditions_version", .string, .required)
            .create()
        try await database.schema(OmbudsDisclosureRecord.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("inquiry_id", .uuid, .references(OmbudsInquiry.schema, "id", onDelete: .setNull))
            .field("recorded_on", .string, .required)
            .field("reason", .string, .required)
            .field("what", .string, .required)
            .field("disclosed_to", .string, .required)
            .create()
        try await database.schema(InformalProcessCertificate.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("began_on", .string, .required)
            .field("ended_on", .string)
            .field("inquiry_id", .uuid, .references(OmbudsInquiry.schema, "id", onDelete: .setNull))
            .unique(on: "code_hash")
            .create()
    }

    func revert(on database: Database) async throws {
        for schema in [InformalProcessCertificate.schema, OmbudsDisclosureRecord.schema, OmbudsClosedRecord.schema, OmbudsNote.schema,
                       OmbudsMessage.schema, OmbudsInquiry.schema] {
            try await database.schema(schema).delete()
        }
    }
}
