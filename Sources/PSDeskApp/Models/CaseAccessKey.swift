import Fluent
import Vapor

/// Lets a filer without an account come back to their case (issue 5): the key is shown once and only
/// its SHA-256 is kept.
final class CaseAccessKey: Model, @unchecked Sendable {
    static let schema = "case_access_keys"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Parent(key: "person_id") var person: Person
    @Field(key: "key_hash") var keyHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
    init(id: UUID? = nil, associationID: UUID, caseID: UUID, personID: UUID, keyHash: String) {
        self.id = id; self.$association.id = associationID; self.$caseRecord.id = caseID; self.$person.id = personID; self.keyHash = keyHash
    }
}
