import Fluent
import StandardsCore
import Vapor

final class Firm: Model, @unchecked Sendable {
    static let schema = "firms"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Field(key: "name") var name: String
    init() {}
    init(id: UUID? = nil, associationID: UUID, name: String) { self.id = id; self.$association.id = associationID; self.name = name }
}

final class Office: Model, @unchecked Sendable {
    static let schema = "offices"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "firm_id") var firm: Firm
    @Field(key: "name") var name: String
    @Field(key: "address") var address: String
    init() {}
    init(id: UUID? = nil, associationID: UUID, firmID: UUID, name: String, address: String) {
        self.id = id; self.$association.id = associationID; self.$firm.id = firmID; self.name = name; self.address = address
    }
}

/// A human being known to an association: a member, or a member of the public who files or is named.
final class Person: Model, @unchecked Sendable {
    static let schema = "persons"
    enum Kind: String, Codable { case member, `public` }
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Enum(key: "kind") var kind: Kind
    @Field(key: "first_name") var firstName: String
    @Field(key: "last_name") var lastName: String
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "address") var address: String?
    /// The language letters and messages reach them in (`LetterLanguage`, issue 19); nil is English.
    @OptionalField(key: "language") var language: String?
    init() {}
    init(id: UUID? = nil, associationID: UUID, kind: Kind, firstName: String, lastName: String, email: String? = nil,
         phone: String? = nil, address: String? = nil) {
        self.id = id; self.$association.id = associationID; self.kind = kind; self.firstName = firstName
        self.lastName = lastName; self.email = email; self.phone = phone; self.address = address
    }
    var fullName: String { "\(firstName) \(lastName)" }
    var letterLanguage: LetterLanguage { language.flatMap(LetterLanguage.init(rawValue:)) ?? .en }
}

/// A person's membership in one association.
final class Membership: Model, @unchecked Sendable {
    static let schema = "memberships"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "person_id") var person: Person
    @Field(key: "member_number") var memberNumber: String
    /// `MembershipType` raw value.
    @Field(key: "membership_type") var membershipType: String
    @Field(key: "is_principal") var isPrincipal: Bool
    @OptionalParent(key: "firm_id") var firm: Firm?
    @OptionalParent(key: "office_id") var office: Office?
    /// The member uses the MLS through this association (roster column `mls_access`; appendix (5)(a)); nil when not recorded.
    @OptionalField(key: "uses_mls") var usesMLS: Bool?
    @Children(for: \.$membership) var periods: [MembershipPeriod]
    init() {}
    init(id: UUID? = nil, associationID: UUID, personID: UUID, memberNumber: String, membershipType: String,
         isPrincipal: Bool, firmID: UUID?, officeID: UUID?) {
        self.id = id; self.$association.id = associationID; self.$person.id = personID; self.memberNumber = memberNumber
        self.membershipType = membershipType; self.isPrincipal = isPrincipal; self.$firm.id = firmID; self.$office.id = officeID
    }
}

/// A span during which the person was a member. Gaps suspend the filing window (a1.4).
final class MembershipPeriod: Model, @unchecked Sendable {
    static let schema = "membership_periods"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "membership_id") var membership: Membership
    /// Civil dates as `YYYY-MM-DD`.
    @Field(key: "starts_on") var startsOn: String
    @OptionalField(key: "ends_on") var endsOn: String?
    init() {}
    init(id: UUID? = nil, associationID: UUID, membershipID: UUID, startsOn: String, endsOn: String?) {
        self.id = id; self.$association.id = associationID; self.$membership.id = membershipID
        self.startsOn = startsOn; self.endsOn = endsOn
    }
}

/// Whether a member uses the MLS through a membership (issue 18): under a regional agreement whose rule is the
/// respondent's MLS association, that membership's association administers the complaint (appendix (5)(a)).
struct AddMembershipMLS: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(Membership.schema).field("uses_mls", .bool).update()
    }
    func revert(on database: Database) async throws {
        try await database.schema(Membership.schema).deleteField("uses_mls").update()
    }
}
