import Foundation

/// A step of an ethics case's hearing, from the panel list to compliance (a1.14–a1.33). Each opens only while the
/// case stands in the statuses that place it (`openWhile`, refused with the step's rule as `step_out_of_order`) and
/// then under its own conditions (`open`). Their routes sit under the hearing page: `…/cases/{number}/hearing/{step}`.
public protocol HearingStep: CaseStep {
    /// Where in the case's life the step may come; a step out of order is refused rather than moving the case backwards.
    static var openWhile: Set<CaseStatus> { get }
    /// Where in an arbitration the step may come: the panel and the hearing use the same machinery (S3 7.6, 7.3.4).
    /// Empty for a step arbitration does not have (the Grievance Committee's substitution, an amended complaint).
    static var arbitrationOpenWhile: Set<CaseStatus> { get }
    /// Beyond the status, why the step is not open now; nil when it is.
    static func open(_ view: StepView) -> Refusal?
}

extension HearingStep {
    public static var process: CaseProcess { .ethics }
    public static var arbitrationOpenWhile: Set<CaseStatus> { [] }
    public static var kinds: Set<CaseKind> { arbitrationOpenWhile.isEmpty ? [.ethics] : [.ethics, .arbitration] }
    public static func open(_ view: StepView) -> Refusal? { nil }

    public static func availability(_ view: StepView) -> Refusal? {
        guard (view.kind == .arbitration ? arbitrationOpenWhile : openWhile).contains(view.status) else {
            let step = name.split(separator: "/").last.map(String.init) ?? name
            return Refusal(code: "step_out_of_order", message: "This step (\(step)) is not open while the case is \(view.status.label.lowercased()).", rule: rule)
        }
        if view.kind == .arbitration, let notReady = ArbitrationHearing.notReady(view) { return notReady }
        return open(view)
    }
}

extension StepView {
    /// The panel's latest decision.
    public var decision: DocketEntry? { last(RecordedEntry(.decisionFiled)) }

    /// The decision went to the parties with the appeal form (a1.23).
    public var decisionTransmitted: Bool {
        guard let decision else { return false }
        return effective.contains { $0.parsed.notice == .decision && $0.sequence > decision.sequence }
    }

    /// Whether a deadline of this kind is still running on the view's day.
    public func running(_ key: DeadlineKey) -> Bool {
        deadlines.contains { $0.key == key && ($0.status == .pending || $0.status == .met && ($0.dueOn.map { today <= $0 } ?? false)) }
    }
}

/// The statuses in which the panel is chosen (a1.14).
public let panelStages: Set<CaseStatus> = [.forwarded, .replyReceived, .panelNamed]
/// The statuses in which an arbitration panel is chosen: once classified, answered or not, and past any mediation
/// (`ArbitrationHearing.notReady` says the rest from the docket).
public let arbitrationPanelStages: Set<CaseStatus> = [.classified, .replyReceived, .mediationEnded, .panelNamed]

/// A day typed as YYYY-MM-DD, or the refusal naming the field.
func day(_ text: String, _ field: String, rule: RuleID) -> Result<CivilDate, StepRefusals> {
    guard let date = CivilDate(trimmed(text)) else {
        return .failure(StepRefusals(code: "\(field)_required", message: "Give the date as YYYY-MM-DD.", rule: rule))
    }
    return .success(date)
}

/// A person's id typed or chosen on a form.
func personID(_ text: String?, rule: RuleID) -> Result<UUID, StepRefusals> {
    guard let id = UUID(uuidString: trimmed(text)) else {
        return .failure(StepRefusals(code: "person_required", message: "Choose the committee member.", rule: rule))
    }
    return .success(id)
}

/// A payload with the given optional texts, each only when typed.
func adding(_ payload: Payload, _ texts: [(String, String?)]) -> Payload {
    var payload = payload
    for (key, value) in texts where !trimmed(value).isEmpty { payload[key] = .text(trimmed(value)) }
    return payload
}

/// What was typed, trimmed, or nil when nothing was.
func given(_ text: String?) -> String? {
    let text = trimmed(text)
    return text.isEmpty ? nil : text
}

/// A yes/no box on a form: only "yes" is yes.
func ticked(_ text: String?) -> Bool { trimmed(text) == "yes" }

extension StepFields {
    /// A date field, required.
    public func date(_ names: String...) throws -> String {
        if let collector = StepSchema.collector {
            collector.record(names, required: true, kind: .date)
            return ""
        }
        for name in names {
            if let value = try container.decodeIfPresent(String.self, forKey: Key(stringValue: name)) { return value }
        }
        throw DecodingError.keyNotFound(Key(stringValue: names[0]), .init(codingPath: [], debugDescription: "\(names[0]) is required"))
    }
}
