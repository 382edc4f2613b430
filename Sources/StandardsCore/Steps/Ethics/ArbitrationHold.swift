import Foundation

/// An ethics complaint and an arbitration that arise from one transaction: the arbitration is heard first and the
/// ethics complaint taken up after it (b2.10). The hold is one entry on the ethics docket, read both ways: the
/// arbitration's page lists the ethics cases waiting for it.
public enum ArbitrationHold {
    /// The arbitration case this ethics case waits for, while it waits.
    public static func waitingFor(_ docket: [DocketEntry]) -> String? {
        guard let last = CaseProjection.effectiveEntries(docket).last(where: { $0.type == .heldForArbitration }),
              last.payload["event"]?.textValue == "held" else { return nil }
        return last.payload["arbitrationCase"]?.textValue
    }

    /// Staff hold the ethics complaint for the arbitration of the same transaction, or take it up again once the
    /// arbitration has ended. While held, no other step of the ethics case is open (`StepEvaluation.gate`).
    public struct Hold: CaseStep {
        public enum Event: String, CaseIterable, Sendable { case held, resumed }
        public struct Input: Decodable, Sendable {
            public let event: Event
            public let arbitrationCase: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                event = try choice(try fields.required("event"), as: Event.self, field: "event", prompt: "Choose: hold for the arbitration, or take it up again.")
                arbitrationCase = try fields.optional("arbitrationCase")
            }
        }
        public static let name = "hold-for-arbitration"
        public static let process = CaseProcess.ethics
        public static let title = "Hold for the arbitration of the same transaction"
        public static let rule = RuleID.b2_10
        public static let done = "Recorded: the hold on this complaint for the arbitration."
        public static let records = [RecordedEntry(.heldForArbitration)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.relatedDeposits]

        public static func availability(_ view: StepView) -> Refusal? {
            view.status.isTerminal || view.status == .dismissed
                ? Refusal(code: "case_ended", message: "The complaint has ended; there is nothing to hold.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let waiting = waitingFor(view.docket)
            switch input.event {
            case .held:
                let number = trimmed(input.arbitrationCase).uppercased()
                if let waiting {
                    return .failure(StepRefusals(code: "already_held", message: "The complaint already waits for \(waiting).", rule: rule))
                }
                guard facts.depositedFirmsByCase[number] != nil else {
                    return .failure(StepRefusals(code: "unknown_arbitration", message: "Give the number of an open arbitration case of this association, like A-2026-0003.", rule: rule))
                }
                return .success([ProposedEntry(type: .heldForArbitration, effectiveOn: date, payload: ["event": .text("held"), "arbitrationCase": .text(number)])])
            case .resumed:
                guard let waiting else {
                    return .failure(StepRefusals(code: "not_held", message: "The complaint is not held for an arbitration.", rule: rule))
                }
                return .success([ProposedEntry(type: .heldForArbitration, effectiveOn: date, payload: ["event": .text("resumed"), "arbitrationCase": .text(waiting)])])
            }
        }
    }
}
