import Foundation

/// Everything the catalog says about one docket entry type, declared together in its process's file
/// (`CommonEntries`, `EthicsEntries`, `ArbitrationEntries`, `MediationEntries`, `CitationEntries`).
/// `DocketEntryType.spec` maps each type to its spec in one exhaustive switch with no `default:`, so a new type
/// without a spec does not compile; the API, the web form, the OpenAPI document and the projection all read it.
public struct EntrySpec: Sendable {
    public let title: String
    /// The rule the entry records a step of, cited in the catalog and the docs.
    public let rule: RuleID?
    /// The process whose catalog declares it.
    public let process: CaseProcess
    /// The case kinds it may appear on; nil means any kind.
    public let kinds: Set<CaseKind>?
    public let status: StatusEffect
    public let fields: [PayloadField]
    /// The typed payload steps write and readers read, where the type has one (`EntryPayload`).
    public let payloadType: (any EntryPayload.Type)?

    public init(title: String, rule: RuleID?, process: CaseProcess, kinds: Set<CaseKind>?, status: StatusEffect, fields: [PayloadField],
                payload: (any EntryPayload.Type)? = nil) {
        self.title = title; self.rule = rule; self.process = process; self.kinds = kinds; self.status = status; self.fields = fields
        self.payloadType = payload
    }
}

/// What an entry does to the case's status.
public enum StatusEffect: Sendable {
    /// It leaves the status alone.
    case unchanged
    /// It moves the case to this status.
    case moves(CaseStatus)
    /// What the entry says decides (a dismissal appeal's outcome, a1.10); `usually` is the status without the detail.
    case byPayload(usually: CaseStatus?, @Sendable (Payload) -> CaseStatus?)

    /// The status without reading the payload.
    public var usually: CaseStatus? {
        switch self {
        case .unchanged: nil
        case .moves(let status): status
        case .byPayload(let usually, _): usually
        }
    }

    public func status(for payload: Payload) -> CaseStatus? {
        switch self {
        case .unchanged: nil
        case .moves(let status): status
        case .byPayload(_, let decide): decide(payload)
        }
    }
}
