import Foundation

/// One line of a case's docket. Entries are never edited or deleted: a correction is a new entry whose
/// `corrects` names the entry it replaces (design guide, "The docket is the truth").
/// Immutable; a class so that passing entries around the derivation shares them instead of copying.
public final class DocketEntry: Sendable, Equatable, Identifiable {
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
    /// The payload's dates and notice kind, parsed once when the entry is built: deadline derivation
    /// reads them for every window of every case.
    public let parsed: ParsedPayload

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
        self.parsed = ParsedPayload(payload)
    }

    public static func == (lhs: DocketEntry, rhs: DocketEntry) -> Bool {
        lhs.id == rhs.id && lhs.sequence == rhs.sequence && lhs.type == rhs.type && lhs.effectiveOn == rhs.effectiveOn
            && lhs.recordedAt == rhs.recordedAt && lhs.actorName == rhs.actorName && lhs.payload == rhs.payload && lhs.corrects == rhs.corrects
    }
}

/// The date fields deadlines count from, and the notice kind, read from a payload in one pass over its keys.
public struct ParsedPayload: Sendable, Equatable {
    public enum DateField: Int, CaseIterable, Sendable {
        case receivedOn, hearingOn, startedOn, endedOn, transactionConcludedOn, factsKnownOn

        var key: String {
            switch self {
            case .receivedOn: "receivedOn"
            case .hearingOn: "hearingOn"
            case .startedOn: "startedOn"
            case .endedOn: "endedOn"
            case .transactionConcludedOn: "transactionConcludedOn"
            case .factsKnownOn: "factsKnownOn"
            }
        }
    }

    /// Day numbers by `DateField`, `Int.min` when absent or not a date.
    private var days: (Int, Int, Int, Int, Int, Int) = (.min, .min, .min, .min, .min, .min)
    public private(set) var notice: NoticeKind?

    init(_ payload: Payload) {
        for (key, value) in payload {
            if key == "notice" {
                notice = value.textValue.flatMap(NoticeKind.parse)
                continue
            }
            guard let field = DateField.allCases.first(where: { $0.key == key }), let text = value.textValue, let date = CivilDate(text) else { continue }
            switch field {
            case .receivedOn: days.0 = date.dayNumber
            case .hearingOn: days.1 = date.dayNumber
            case .startedOn: days.2 = date.dayNumber
            case .endedOn: days.3 = date.dayNumber
            case .transactionConcludedOn: days.4 = date.dayNumber
            case .factsKnownOn: days.5 = date.dayNumber
            }
        }
    }

    public func date(_ field: DateField) -> CivilDate? {
        let day: Int
        switch field {
        case .receivedOn: day = days.0
        case .hearingOn: day = days.1
        case .startedOn: day = days.2
        case .endedOn: day = days.3
        case .transactionConcludedOn: day = days.4
        case .factsKnownOn: day = days.5
        }
        return day == .min ? nil : CivilDate(dayNumber: day)
    }

    public static func == (lhs: ParsedPayload, rhs: ParsedPayload) -> Bool {
        lhs.days == rhs.days && lhs.notice == rhs.notice
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
