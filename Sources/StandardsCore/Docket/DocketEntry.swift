import Foundation

/// One line of a case's docket. Entries are never edited or deleted: a correction is a new entry whose
/// `corrects` names the entry it replaces (design guide, "The docket is the truth").
public struct DocketEntry: Sendable, Equatable, Identifiable {
    public let id: UUID
    /// Position on the docket, 1, 2, 3… in recording order; unique per case.
    public let sequence: Int
    public let type: DocketEntryType
    /// The civil date it happened (sent, received, heard).
    public let effectiveOn: CivilDate
    /// When PSDesk recorded it.
    public let recordedAt: Date
    public let actorName: String
    public let payload: Payload
    public let corrects: UUID?

    public init(id: UUID = UUID(), sequence: Int, type: DocketEntryType, effectiveOn: CivilDate, recordedAt: Date,
                actorName: String, payload: Payload = [:], corrects: UUID? = nil) {
        self.id = id
        self.sequence = sequence
        self.type = type
        self.effectiveOn = effectiveOn
        self.recordedAt = recordedAt
        self.actorName = actorName
        self.payload = payload
        self.corrects = corrects
    }
}

/// A proposed entry, before it has an id, a sequence or a recording time.
public struct ProposedEntry: Sendable, Equatable {
    public var type: DocketEntryType
    public var effectiveOn: CivilDate
    public var payload: Payload
    public var corrects: UUID?

    public init(type: DocketEntryType, effectiveOn: CivilDate, payload: Payload = [:], corrects: UUID? = nil) {
        self.type = type
        self.effectiveOn = effectiveOn
        self.payload = payload
        self.corrects = corrects
    }
}

/// Why a proposed entry was refused: a stable code, a sentence for the user and, where one applies, a rule id.
public struct Refusal: Error, Sendable, Equatable {
    public let code: String
    public let message: String
    public let rule: String?

    public init(code: String, message: String, rule: String? = nil) {
        self.code = code
        self.message = message
        self.rule = rule
    }
}
