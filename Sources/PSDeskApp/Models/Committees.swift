import Fluent
import Vapor
import StandardsCore

/// A seat on one of an association's bodies (`CommitteeBody`): the Professional Standards Committee hearing panels are
/// drawn from (a1.14), the Grievance Committee, the Directors, the citation panel… Under a regional agreement the
/// committees of all signatories form one shared pool.
final class CommitteeSeat: Model, @unchecked Sendable {
    static let schema = "committee_seats"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "person_id") var person: Person
    /// A `CommitteeBody` raw value.
    @Field(key: "committee") var committee: String
    @Field(key: "is_chair") var isChair: Bool
    /// Last day the member's tribunal training is current (a2.7), `YYYY-MM-DD`.
    @OptionalField(key: "training_through") var trainingThrough: String?
    /// The vice-chair, appointed by the President-Elect (S3 3.2, 3.3).
    @Field(key: "is_vice_chair") var isViceChair: Bool
    /// Who appointed them ("the President", "the Committee Chair"), as the seeds require it said.
    @OptionalField(key: "appointed_by") var appointedBy: String?
    /// The term, `YYYY-MM-DD` both (S3 3.2: three years, staggered; appendix (4)(c)).
    @OptionalField(key: "term_starts_on") var termStartsOn: String?
    @OptionalField(key: "term_ends_on") var termEndsOn: String?
    /// A certified professional-standards trainer needs no yearly training (S3 3.2, 3.3).
    @Field(key: "certified_trainer") var certifiedTrainer: Bool
    /// The Grievance Committee panel (1 or 2) the member sits on (S3 3.2.1).
    @OptionalField(key: "subpanel") var subpanel: Int?
    init() {}
    init(id: UUID? = nil, associationID: UUID, personID: UUID, committee: String = "psc", isChair: Bool = false, trainingThrough: String?) {
        self.id = id; self.$association.id = associationID; self.$person.id = personID; self.committee = committee
        self.isChair = isChair; self.trainingThrough = trainingThrough
        self.isViceChair = false; self.certifiedTrainer = false
    }

    var body: CommitteeBody? { CommitteeBody(rawValue: committee) }

    /// As the pages show a seat: office and panel, the term's end and its badge class, the training and its badge class.
    struct Shown {
        let office: String
        let term: String
        let termClass: String
        let training: String
        let trainingClass: String
    }

    func shown(on today: CivilDate) -> Shown {
        let needsTraining = body?.needsTraining ?? false
        let through = trainingThrough.flatMap(CivilDate.init)
        let ends = termEndsOn.flatMap(CivilDate.init)
        let eligible = CommitteeTraining.eligible(on: today, currentThrough: through, certifiedTrainer: certifiedTrainer)
        return Shown(office: [isChair ? "chair" : isViceChair ? "vice-chair" : nil, subpanel.map { "panel \($0)" }].compactMap { $0 }.joined(separator: ", "),
                     term: ends.map { "until \($0)" } ?? "—",
                     termClass: ends.map { $0 < today ? "missed" : today.days(to: $0) <= CommitteeTerms.warningDays ? "suspended" : "met" } ?? "",
                     training: !needsTraining ? "—" : certifiedTrainer ? "certified trainer (exempt)"
                        : through.map { $0 >= today ? "current through \($0)" : "lapsed after \($0)" } ?? "none recorded",
                     trainingClass: !needsTraining ? "" : eligible ? "met" : "missed")
    }

    /// The seat as the roster checks see it.
    func rosterMember(isRealtor: Bool) -> RosterMember {
        RosterMember(name: $person.value?.fullName ?? "", association: $association.value?.name ?? "", isRealtor: isRealtor, isChair: isChair,
                     isViceChair: isViceChair, termEndsOn: termEndsOn.flatMap(CivilDate.init), subpanel: subpanel,
                     trainingCurrentThrough: trainingThrough.flatMap(CivilDate.init), certifiedTrainer: certifiedTrainer)
    }
}

/// Offices, appointments, terms and training exemptions on committee seats (issue 18; S3 3.2–3.3, appendix (4)(c)).
struct AddCommitteeTerms: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CommitteeSeat.schema).field("is_vice_chair", .bool, .required, .sql(.default(false))).update()
        try await database.schema(CommitteeSeat.schema).field("appointed_by", .string).update()
        try await database.schema(CommitteeSeat.schema).field("term_starts_on", .string).update()
        try await database.schema(CommitteeSeat.schema).field("term_ends_on", .string).update()
        try await database.schema(CommitteeSeat.schema).field("certified_trainer", .bool, .required, .sql(.default(false))).update()
        try await database.schema(CommitteeSeat.schema).field("subpanel", .int).update()
    }

    func revert(on database: Database) async throws {
        for field in ["subpanel", "certified_trainer", "term_ends_on", "term_starts_on", "appointed_by", "is_vice_chair"] {
            try await database.schema(CommitteeSeat.schema).deleteField(.init(stringLiteral: field)).update()
        }
    }
}

/// Projection cache of who sits on a case's hearing panel (`HearingPanel.seated`), rebuilt on every append,
/// so a panelist's access and "my panels" need no docket replay.
final class PanelSeat: Model, @unchecked Sendable {
    static let schema = "panel_seats"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Parent(key: "person_id") var person: Person
    /// chair, member or alternate; or `mediatorSeat` for the case's mediation officer (issue 14).
    @Field(key: "seat") var seat: String
    static let mediatorSeat = "mediator"
    init() {}
    init(id: UUID? = nil, associationID: UUID, caseID: UUID, personID: UUID, seat: String) {
        self.id = id; self.$association.id = associationID; self.$caseRecord.id = caseID; self.$person.id = personID; self.seat = seat
    }
}

/// A yearly review of the committees by the Board (S3 3.2): when, who recorded it, and whom it removed.
final class CommitteeReviewRecord: Model, @unchecked Sendable {
    static let schema = "committee_reviews"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    /// `YYYY-MM-DD`.
    @Field(key: "reviewed_on") var reviewedOn: String
    @Field(key: "recorded_by") var recordedBy: String
    /// "Name (body)" of each member removed, joined; empty when the Board kept everyone.
    @Field(key: "removed") var removed: String
    @Field(key: "note") var note: String
    init() {}
    init(associationID: UUID, reviewedOn: CivilDate, recordedBy: String, removed: [String], note: String) {
        self.$association.id = associationID; self.reviewedOn = reviewedOn.description; self.recordedBy = recordedBy
        self.removed = removed.joined(separator: "; "); self.note = note
    }
}

struct CreateCommitteeReviews: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CommitteeReviewRecord.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("reviewed_on", .string, .required)
            .field("recorded_by", .string, .required)
            .field("removed", .string, .required)
            .field("note", .string, .required)
            .create()
    }
    func revert(on database: Database) async throws { try await database.schema(CommitteeReviewRecord.schema).delete() }
}

/// A member's appointment criteria (S3 1.3.2, 3.3), one row per person: what the chair weighs and the panel assistant
/// filters on. Kept with the person's association; criteria are the member's, whichever bodies they sit on.
final class AppointmentCriteriaRecord: Model, @unchecked Sendable {
    static let schema = "appointment_criteria"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "person_id") var person: Person
    @OptionalField(key: "years_realtor") var yearsRealtor: Int?
    @OptionalField(key: "years_real_estate") var yearsInRealEstate: Int?
    /// `ArbitrationField` raw values.
    @OptionalField(key: "primary_field") var primaryField: String?
    @OptionalField(key: "secondary_field") var secondaryField: String?
    @Field(key: "post_licensing") var postLicensingEducation: Bool
    @Field(key: "ethics_training") var codeOfEthicsTraining: Bool
    /// Two-letter codes joined by ", ".
    @Field(key: "states") var states: String
    @Field(key: "other_training") var otherTraining: String
    init() {}
    init(associationID: UUID, personID: UUID) {
        self.$association.id = associationID; self.$person.id = personID
        postLicensingEducation = false; codeOfEthicsTraining = false; states = ""; otherTraining = ""
    }

    var criteria: AppointmentCriteria {
        AppointmentCriteria(yearsRealtor: yearsRealtor, yearsInRealEstate: yearsInRealEstate, primaryField: primaryField.flatMap(ArbitrationField.init),
                            secondaryField: secondaryField.flatMap(ArbitrationField.init), postLicensingEducation: postLicensingEducation,
                            codeOfEthicsTraining: codeOfEthicsTraining, states: states.isEmpty ? [] : states.components(separatedBy: ", "),
                            otherTraining: otherTraining)
    }

    func set(_ criteria: AppointmentCriteria) {
        yearsRealtor = criteria.yearsRealtor; yearsInRealEstate = criteria.yearsInRealEstate
        primaryField = criteria.primaryField?.rawValue; secondaryField = criteria.secondaryField?.rawValue
        postLicensingEducation = criteria.postLicensingEducation; codeOfEthicsTraining = criteria.codeOfEthicsTraining
        states = criteria.states.joined(separator: ", "); otherTraining = criteria.otherTraining
    }

    /// The criteria recorded for these people, by person.
    static func of(_ people: [UUID], on db: Database) async throws -> [UUID: AppointmentCriteria] {
        guard !people.isEmpty else { return [:] }
        return Dictionary(try await query(on: db).filter(\.$person.$id ~~ people).all().map { ($0.$person.id, $0.criteria) }, uniquingKeysWith: { a, _ in a })
    }
}

struct CreateAppointmentCriteria: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AppointmentCriteriaRecord.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("years_realtor", .int)
            .field("years_real_estate", .int)
            .field("primary_field", .string)
            .field("secondary_field", .string)
            .field("post_licensing", .bool, .required)
            .field("ethics_training", .bool, .required)
            .field("states", .string, .required)
            .field("other_training", .string, .required)
            .unique(on: "person_id")
            .create()
    }
    func revert(on database: Database) async throws { try await database.schema(AppointmentCriteriaRecord.schema).delete() }
}
