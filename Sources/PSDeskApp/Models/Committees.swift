import Fluent
import Vapor

/// A seat on an association's Professional Standards Committee (the pool hearing panels are drawn from,
/// a1.14). Under a regional agreement the committees of all signatories form one shared pool.
final class CommitteeSeat: Model, @unchecked Sendable {
    static let schema = "committee_seats"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "person_id") var person: Person
    /// `psc` for now; the column leaves room for other committees.
    @Field(key: "committee") var committee: String
    @Field(key: "is_chair") var isChair: Bool
    /// Last day the member's tribunal training is current (a2.7), `YYYY-MM-DD`.
    @OptionalField(key: "training_through") var trainingThrough: String?
    init() {}
    init(id: UUID? = nil, associationID: UUID, personID: UUID, committee: String = "psc", isChair: Bool = false, trainingThrough: String?) {
        self.id = id; self.$association.id = associationID; self.$person.id = personID; self.committee = committee
        self.isChair = isChair; self.trainingThrough = trainingThrough
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
