import Fluent
import Foundation

// Read models (issue 12): what the lists need, kept in the same transaction as each docket append by `ReadModels` and
// rebuilt from the dockets by `psdesk projections rebuild`. Nothing here is a record of its own: the docket is.

/// A time frame only the calendar still moves (`OpenDeadline`), with what a list shows of it; each case's filing window
/// as it was settled, which the Grievance Committee reads (a1.2); and each window missed with nothing to meet it.
final class CaseDeadlineRow: Model, @unchecked Sendable {
    static let schema = "case_deadlines"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "case_number") var caseNumber: String
    @Field(key: "case_kind") var caseKind: String
    /// The case has ended (a terminal status): its windows leave the staff's lists.
    @Field(key: "case_closed") var caseClosed: Bool
    /// `DeadlineKey` raw value.
    @Field(key: "key") var key: String
    @Field(key: "title") var title: String
    @Field(key: "rule") var rule: String
    @OptionalField(key: "due_on") var dueOn: String?
    @Field(key: "due_text") var dueText: String
    @Field(key: "due_text_for_party") var dueTextForParty: String
    @Field(key: "explanation_head") var explanationHead: String
    @Field(key: "dated") var dated: Bool
    @OptionalField(key: "lapse_note") var lapseNote: String?
    /// A party's option: it lapses, never goes overdue.
    @Field(key: "party_option") var partyOption: Bool
    /// Whose to act on (`PartyDuties`): the complainant's (or claimant's) side, the respondent's.
    @Field(key: "for_complainant") var forComplainant: Bool
    @Field(key: "for_respondent") var forRespondent: Bool
    /// Set only on a settled window kept for what it says: the filing window (its status; the explanation is whole),
    /// and a window missed with nothing recorded to meet it (a hearing set too soon, a1.16), listed as overdue.
    @OptionalField(key: "settled_status") var settledStatus: String?
    init() {}
}

/// A case's ledger balances in cents (`CaseLedger`, ADR 0004), for the Money page.
final class CaseLedgerRow: Model, @unchecked Sendable {
    static let schema = "case_ledgers"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "case_number") var caseNumber: String
    @Field(key: "case_kind") var caseKind: String
    @Field(key: "case_title") var caseTitle: String
    @Field(key: "deposits_held") var depositsHeld: Int
    @Field(key: "owed") var owed: Int
    @Field(key: "to_treasury") var toTreasury: Int
    @Field(key: "refunded") var refunded: Int
    init() {}
}

/// Discipline still to be complied with, or held (`KeptComplianceItem`), for the staff worklist (a1.32, b8).
final class CaseComplianceRow: Model, @unchecked Sendable {
    static let schema = "case_compliance"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "case_number") var caseNumber: String
    @Field(key: "position") var position: Int
    @Field(key: "sanction") var sanction: String
    @Field(key: "rule") var rule: String
    @OptionalField(key: "due_on") var dueOn: String?
    @Field(key: "status_before") var statusBefore: String
    @Field(key: "note_before") var noteBefore: String
    @Field(key: "status_after") var statusAfter: String
    @Field(key: "note_after") var noteAfter: String
    init() {}
}

/// How many cases of an association stand at each kind and status, for the dashboard's counts.
final class CaseTally: Model, @unchecked Sendable {
    static let schema = "case_tallies"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Field(key: "kind") var kind: String
    @Field(key: "status") var status: String
    @Field(key: "dismissal_appeal_pending") var directorsMatterPending: Bool
    @Field(key: "cases") var cases: Int
    init() {}
}

/// One arbitration case's line in the escrow register (`EscrowPosition`): what the association holds, for whom, since
/// when and until what (a2.23–a2.27). Written with the case's other read models on every append.
final class EscrowRow: Model, @unchecked Sendable {
    static let schema = "escrow_register"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "case_number") var caseNumber: String
    @Field(key: "case_title") var caseTitle: String
    @Field(key: "held") var held: Int
    @Field(key: "paid_in") var paidIn: Int
    @Field(key: "paid_out") var paidOut: Int
    @Field(key: "review_deposit") var reviewDeposit: Int
    @OptionalField(key: "held_since") var heldSince: String?
    @OptionalField(key: "held_for") var heldFor: String?
    @OptionalField(key: "until_on") var untilOn: String?
    @Field(key: "until") var until: String
    init() {}
}

/// A hearing, appeal hearing or mediation session a case's docket sets (`CaseCalendar`, issue 19), for the calendar
/// feeds; written with the case's other read models on every append, so a continuance moves it at once.
final class CaseEventRow: Model, @unchecked Sendable {
    static let schema = "case_events"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "case_number") var caseNumber: String
    @Field(key: "case_kind") var caseKind: String
    /// `CalendarEvent.Kind` raw value.
    @Field(key: "kind") var kind: String
    /// Stable within the case while the event moves: with the case id, the event's UID.
    @Field(key: "event_key") var eventKey: String
    @Field(key: "starts_on") var startsOn: String
    /// Minutes after midnight in the association's zone, when the time was given.
    @OptionalField(key: "starts_at_minute") var startsAtMinute: Int?
    @OptionalField(key: "time_text") var timeText: String?
    @OptionalField(key: "place") var place: String?
    @Field(key: "revision") var revision: Int
    init() {}
}

/// One counted event of a case for the reports (`CaseActivity.Fact`, issue 20): what, on which day, its breakdown and
/// any amount. Written with the case's other read models on every append; the annual report sums them by day range.
final class CaseFactRow: Model, @unchecked Sendable {
    static let schema = "case_report_facts"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "case_kind") var caseKind: String
    /// `CaseActivity.Measure` raw value.
    @Field(key: "measure") var measure: String
    @Field(key: "detail") var detail: String
    @Field(key: "happened_on") var happenedOn: String
    @Field(key: "cents") var cents: Int
    init() {}
}

/// A stretch of days a case stood at one status (`CaseActivity.StageSpan`), for the dashboard's days per stage and
/// closings per month; `left_on` and `days` are nil while it still stands there.
final class CaseStageRow: Model, @unchecked Sendable {
    static let schema = "case_stage_spans"
    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "case_kind") var caseKind: String
    @Field(key: "status") var status: String
    @Field(key: "entered_on") var enteredOn: String
    @OptionalField(key: "left_on") var leftOn: String?
    @OptionalField(key: "days") var days: Int?
    init() {}
}
