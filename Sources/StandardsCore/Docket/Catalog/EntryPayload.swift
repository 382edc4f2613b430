import Foundation

/// A docket entry's payload as a typed value: what a step writes and a reader reads, by property instead of by
/// string key. It encodes to exactly the JSON object the docket has always stored (the same keys, integer cents,
/// text elsewhere), so existing databases and case files read unchanged (`StoredDocketTests`). The entry type's
/// spec names its payload type, and a test holds the two to the same fields.
public protocol EntryPayload: Codable, Sendable {
    static var entryType: DocketEntryType { get }
}

extension EntryPayload {
    /// The stored form.
    public var payload: Payload {
        guard let data = try? JSONEncoder().encode(self), let payload = try? JSONDecoder().decode(Payload.self, from: data) else { return [:] }
        return payload
    }

    /// Reads a stored payload; nil when it does not hold this type's required fields.
    public init?(_ payload: Payload) {
        guard let data = try? JSONEncoder().encode(payload), let value = try? JSONDecoder().decode(Self.self, from: data) else { return nil }
        self = value
    }

    /// The entry that records it.
    public func entry(on date: CivilDate) -> ProposedEntry { ProposedEntry(type: Self.entryType, effectiveOn: date, payload: payload) }
}

extension DocketEntry {
    /// The payload as its typed value, when the entry is of that type.
    public func payload<P: EntryPayload>(as type: P.Type) -> P? { self.type == P.entryType ? P(payload) : nil }
}

/// The panel's written decision (a1.22).
public struct DecisionFiled: EntryPayload, Equatable {
    public static let entryType = DocketEntryType.decisionFiled
    public var outcome: String
    // Required of a new decision (the spec's fields and the guards); optional here so a decision recorded before they were
    // required still reads.
    public var findings: String?
    public var conclusions: String?
    public var vote: String?
    public var dissent: String?
    /// The recommended discipline, in the words `DisciplineText` reads (b8).
    public var discipline: String?
    /// When it was filed, for the 48 hours (a1.22); absent for a decision recorded for an earlier day.
    public var filedAt: String?

    public init(outcome: String, findings: String, conclusions: String, vote: String, dissent: String? = nil, discipline: String? = nil, filedAt: String? = nil) {
        self.outcome = outcome; self.findings = findings; self.conclusions = conclusions; self.vote = vote
        self.dissent = dissent; self.discipline = discipline; self.filedAt = filedAt
    }
}

/// A party's appeal of the decision (a1.24, a1.26).
public struct AppealFiled: EntryPayload, Equatable {
    public static let entryType = DocketEntryType.appealFiled
    public var basis: String
    /// respondent, complainant, or both for a joint appeal with one deposit (a1.26).
    public var appellant: String?
    public var grounds: String?
    public var depositCents: Int?
    public var refusedEvidence: String?

    public init(basis: String, appellant: String?, grounds: String?, depositCents: Int? = nil, refusedEvidence: String? = nil) {
        self.basis = basis; self.appellant = appellant; self.grounds = grounds; self.depositCents = depositCents; self.refusedEvidence = refusedEvidence
    }
}

/// The Directors' action (a1.25, a1.29).
public struct FinalAction: EntryPayload, Equatable {
    public static let entryType = DocketEntryType.finalAction
    public var action: String
    public var discipline: String?
    public var rationale: String?
    public var depositDisposition: String?
    public var refundCents: Int?
    public var complianceDays: String?
    public var automaticPenalty: String?
    public var contingentOnJudgment: String?

    public init(action: DirectorsAction, discipline: String? = nil, rationale: String? = nil, depositDisposition: String? = nil, refundCents: Int? = nil,
                complianceDays: String? = nil, automaticPenalty: String? = nil, contingentOnJudgment: String? = nil) {
        self.action = action.rawValue; self.discipline = discipline; self.rationale = rationale; self.depositDisposition = depositDisposition
        self.refundCents = refundCents; self.complianceDays = complianceDays; self.automaticPenalty = automaticPenalty
        self.contingentOnJudgment = contingentOnJudgment
    }

    /// The action, when it is one the Directors may take.
    public var directorsAction: DirectorsAction? { DirectorsAction(rawValue: action) }
}

/// A step in complying with the discipline (a1.32, b8).
public struct DisciplineComplianceRecorded: EntryPayload, Equatable {
    public static let entryType = DocketEntryType.disciplineCompliance
    public var event: String
    /// Which sanction the step concerns (fine, course, …), when it concerns one.
    public var sanction: String?
    public var amountCents: Int?
    public var note: String?

    public init(event: ComplianceEvent, sanction: String? = nil, amountCents: Int? = nil, note: String? = nil) {
        self.event = event.rawValue; self.sanction = sanction; self.amountCents = amountCents; self.note = note
    }
}

/// The hearing set, with its place (a1.16).
public struct HearingScheduled: EntryPayload, Equatable {
    public static let entryType = DocketEntryType.hearingScheduled
    public var hearingOn: String
    public var time: String?
    public var place: String?

    public init(hearingOn: CivilDate, time: String?, place: String) {
        self.hearingOn = hearingOn.description; self.time = time; self.place = place
    }
}

/// Every typed payload, for the tests that hold each to its spec's fields.
public let typedPayloads: [any EntryPayload.Type] = [DecisionFiled.self, AppealFiled.self, FinalAction.self, DisciplineComplianceRecorded.self,
                                                     HearingScheduled.self]
