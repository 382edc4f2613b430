import Fluent
import StandardsCore
import Vapor

/// A case. Its status, dates and parties are a cached projection of the docket (`CaseProjection`),
/// rebuilt on every append and checkable against the docket at any time.
final class CaseRecord: Model, @unchecked Sendable {
    static let schema = "cases"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    /// `CaseKind` raw value.
    @Field(key: "kind") var kind: String
    @Field(key: "year") var year: Int
    @Field(key: "sequence") var sequence: Int
    /// `E-2026-0007`, unique per association.
    @Field(key: "number") var number: String
    @Field(key: "title") var title: String
    // Projection cache: derived from docket_entries.
    @Field(key: "status") var status: String
    @OptionalField(key: "opened_on") var openedOn: String?
    @OptionalField(key: "last_activity_on") var lastActivityOn: String?
    /// The complaint's or request's filing date; its profile version governs the case. Nil on rows written before
    /// the column existed, which fall back to `openedOn`.
    @OptionalField(key: "filed_on") var filedOn: String?
    @Field(key: "respondent_notified") var respondentNotified: Bool
    /// An appeal of a dismissal, whole or in part, waits for the Directors (a1.10); cached from the docket.
    @Field(key: "dismissal_appeal_pending") var directorsMatterPending: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
    init(id: UUID? = nil, associationID: UUID, kind: String, year: Int, sequence: Int, number: String, title: String, status: String) {
        self.id = id; self.$association.id = associationID; self.kind = kind; self.year = year; self.sequence = sequence
        self.number = number; self.title = title; self.status = status; self.respondentNotified = false; self.directorsMatterPending = false
    }
}

/// Projection cache of who takes part in a case, rebuilt from `party.added` / `party.removed` entries.
final class CaseParty: Model, @unchecked Sendable {
    static let schema = "case_parties"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Parent(key: "person_id") var person: Person
    /// `PartyRole` raw value.
    @Field(key: "role") var role: String
    init() {}
    init(id: UUID? = nil, associationID: UUID, caseID: UUID, personID: UUID, role: String) {
        self.id = id; self.$association.id = associationID; self.$caseRecord.id = caseID; self.$person.id = personID; self.role = role
    }
}

/// One docket line. Inserted, never updated or deleted (a database trigger refuses both).
final class DocketEntryRecord: Model, @unchecked Sendable {
    static let schema = "docket_entries"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "sequence") var sequence: Int
    /// `DocketEntryType` raw value.
    @Field(key: "type") var type: String
    @Field(key: "effective_on") var effectiveOn: String
    @Field(key: "recorded_at") var recordedAt: Date
    @OptionalParent(key: "actor_user_id") var actor: User?
    @Field(key: "actor_name") var actorName: String
    /// JSON object, fields declared by the entry type.
    @Field(key: "payload") var payload: String
    @OptionalField(key: "corrects_id") var correctsID: UUID?
    /// SHA-256 of `payload` as written; kept when the payload is destroyed under the retention rules (issue 20).
    @OptionalField(key: "payload_sha256") var payloadSHA256: String?
    /// `DocketChain`: this entry's hash, covering the one before it in its case.
    @OptionalField(key: "chain_hash") var chainHash: String?
    /// The `records.destroyed` entry that destroyed this entry's payload (S3 1.1.3), if one did.
    @OptionalField(key: "destroyed_by") var destroyedBy: UUID?
    init() {}
    init(id: UUID? = nil, associationID: UUID, caseID: UUID, sequence: Int, type: String, effectiveOn: String, recordedAt: Date,
         actorUserID: UUID?, actorName: String, payload: String, correctsID: UUID?) {
        self.id = id; self.$association.id = associationID; self.$caseRecord.id = caseID; self.sequence = sequence; self.type = type
        self.effectiveOn = effectiveOn; self.recordedAt = recordedAt; self.$actor.id = actorUserID; self.actorName = actorName
        self.payload = payload; self.correctsID = correctsID
    }

    /// What the chain covers of this entry (`DocketChain.Link`), with the payload's recorded digest.
    func chainLink() throws -> DocketChain.Link {
        DocketChain.Link(id: try requireID(), associationID: $association.id, caseID: $caseRecord.id, sequence: sequence, type: type,
                         effectiveOn: effectiveOn, recordedAtMillis: DocketChainStore.millis(recordedAt), actorUserID: $actor.id, actorName: actorName,
                         correctsID: correctsID, payloadSHA256: payloadSHA256 ?? "")
    }
}

/// Metadata of an uploaded paper. The bytes live once per SHA-256 under the data folder.
final class DocumentRecord: Model, @unchecked Sendable {
    static let schema = "documents"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "case_id") var caseRecord: CaseRecord
    /// The `document.filed` entry that put it on the docket.
    @OptionalField(key: "docket_entry_id") var docketEntryID: UUID?
    @Field(key: "title") var title: String
    @Field(key: "filename") var filename: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "byte_count") var byteCount: Int
    @Field(key: "sha256") var sha256: String
    @OptionalParent(key: "uploaded_by") var uploadedBy: User?
    @Timestamp(key: "uploaded_at", on: .create) var uploadedAt: Date?
    init() {}
    init(id: UUID? = nil, associationID: UUID, caseID: UUID, docketEntryID: UUID?, title: String, filename: String,
         mediaType: String, byteCount: Int, sha256: String, uploadedBy: UUID?) {
        self.id = id; self.$association.id = associationID; self.$caseRecord.id = caseID; self.docketEntryID = docketEntryID
        self.title = title; self.filename = filename; self.mediaType = mediaType; self.byteCount = byteCount
        self.sha256 = sha256; self.$uploadedBy.id = uploadedBy
    }
}
