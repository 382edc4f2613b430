import Foundation

/// The field of practice a dispute arises in (S3 7.6.1): outside residential brokerage a panel needs members
/// qualified in the field.
public enum ArbitrationField: String, Sendable, CaseIterable {
    case residential, commercial, investment, industrial
    case propertyManagement = "property-management"
    case other

    public var label: String { self == .propertyManagement ? "property management" : rawValue }
    /// Whether the panel needs specialists (S3 7.6.1).
    public var isSpecialist: Bool { self != .residential }
}

/// When an arbitration is ready for its panel and hearing, read from the docket alone (S3 7.3–7.6, §8): the
/// request is arbitrable and served, the respondent has agreed (or, where the profile lets the hearing go ahead
/// without them, their time ran out or they refused, a2.17), and any mediation the association requires has ended.
public enum ArbitrationHearing {
    public static func notReady(_ view: StepView) -> Refusal? {
        guard let classification = RequestSteps.classification(view), classification.isArbitrable,
              let classified = view.last(RecordedEntry(.arbitrationClassified)) else {
            return Refusal(code: "not_arbitrable_yet", message: "A panel is chosen once the Grievance Committee has found the request arbitrable.", rule: .a2_19)
        }
        if RequestSteps.challengePending(view) {
            return Refusal(code: "challenge_pending", message: "The classification is before the Directors: wait for their decision.", rule: .b4_3)
        }
        guard view.has(.notice(.requestServed)) else {
            return Refusal(code: "not_served", message: "Send the request to the respondent first.", rule: .b_1)
        }
        if !view.has(RecordedEntry(.replyReceived)) {
            if classification == .voluntary {
                return Refusal(code: "awaiting_agreement", message: "A voluntary arbitration goes ahead only once the respondent agrees to it.", rule: .a2_19)
            }
            let refused = view.has(RecordedEntry(.arbitrationRefused))
            if !refused, let response = view.deadlines.first(where: { $0.key == .arbitrationResponse && $0.status == .pending }) {
                return Refusal(code: "awaiting_response",
                               message: "The respondent may respond\(response.dueOn.map { " until \($0)" } ?? ""); after that the hearing may go ahead without them (a2.17).", rule: .b_1)
            }
            if classified.payload["hearingWithoutRespondent"]?.textValue != "yes" {
                return Refusal(code: "no_hearing_without_respondent",
                               message: "The respondent has not agreed to arbitrate, and this association does not hold the hearing without them: the claimant's recourse is the refusal to arbitrate before the Directors (a1.34).", rule: .a1_34)
            }
        }
        if classified.payload["mediationRequired"]?.textValue == "yes", !view.has(RecordedEntry(.mediationEnded)) {
            return Refusal(code: "mediation_first", message: "Mediation comes first here: record how the mediation ended before choosing the panel (a2.29).", rule: .a2_29)
        }
        return nil
    }

    /// The members the President appointed for a specialist field (a2.22), when appointed.
    public static func specialists(_ docket: [DocketEntry]) -> [UUID] {
        guard let entry = CaseProjection.effectiveEntries(docket).last(where: { $0.type == .specialistsAppointed }),
              entry.payload["outcome"]?.textValue == "appointed" else { return [] }
        return HearingPanel.ids(entry.payload["personIds"]?.textValue)
    }

    /// The field of practice the request names; residential when it names none.
    public static func field(_ view: StepView) -> ArbitrationField {
        view.last(RecordedEntry(.arbitrationRequested))?.payload["field"]?.textValue.flatMap(ArbitrationField.init(rawValue:)) ?? .residential
    }

    /// Where the committee lacks members qualified in the dispute's field, the President appoints other qualified
    /// members, who may then be listed and named like committee members; if none can be found, the parties are
    /// released from the obligation to arbitrate and the case closes (S3 7.6.1, a2.22). Staff record it.
    public struct Specialists: CaseStep {
        public enum Outcome: String, CaseIterable, Sendable { case appointed, released }
        public struct Input: Decodable, Sendable {
            public let outcome: Outcome
            /// The appointees' member numbers, as staff know them.
            public let memberNumbers: [String]
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                outcome = try choice(try fields.required("outcome"), as: Outcome.self, field: "outcome",
                                     prompt: "Choose: the President appointed qualified members, or none could be found.")
                memberNumbers = try fields.list("memberNumbers")
            }
        }
        public static let name = "arbitration-specialists"
        public static let process = CaseProcess.arbitration
        public static let title = "Record the President's specialist appointments"
        public static let rule = RuleID.a2_22
        public static let done = "The specialist appointments were recorded."
        public static let records = [RecordedEntry(.specialistsAppointed)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.members, .bothParties]
        public static let confirmation: String? = "This decides who may sit on the panel, or releases the parties and ends the arbitration."

        public static func availability(_ view: StepView) -> Refusal? {
            if field(view) == .residential {
                return Refusal(code: "not_specialist", message: "The request names no specialist field (commercial, investment, industrial…): the committee hears it.", rule: rule)
            }
            if let notReady = notReady(view) { return notReady }
            return view.panel.listTransmittedOn == nil ? nil
                : Refusal(code: "list_already_sent", message: "The committee list already went to the parties: specialists are appointed before it.", rule: rule)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let area = field(view)
            switch input.outcome {
            case .released:
                return .success([ProposedEntry(type: .specialistsAppointed, effectiveOn: date,
                                               payload: ["outcome": .text("released"), "field": .text(area.rawValue)])])
            case .appointed:
                let unknown = input.memberNumbers.filter { facts.membersByNumber[$0] == nil }
                guard !input.memberNumbers.isEmpty, input.memberNumbers.count <= 25, unknown.isEmpty else {
                    return .failure(StepRefusals(code: "not_members", message: unknown.isEmpty
                        ? "Give the member numbers of the members the President appointed."
                        : "No member \(unknown.joined(separator: ", ")) in this association.", rule: rule))
                }
                let people = input.memberNumbers.compactMap { facts.membersByNumber[$0] }
                let ids = people.map(\.id)
                let parties = Set(CaseProjection.build(kind: .arbitration, docket: view.docket).parties.map(\.personId))
                if let party = people.first(where: { parties.contains($0.id) }) {
                    return .failure(StepRefusals(code: "appointee_is_party", message: "\(party.name) is a party to this dispute (b7.2).", rule: .b7_2))
                }
                return .success([ProposedEntry(type: .specialistsAppointed, effectiveOn: date,
                                               payload: ["outcome": .text("appointed"), "field": .text(area.rawValue),
                                                         "personIds": .text(ids.map(\.uuidString).joined(separator: ",")),
                                                         "names": .text(people.map(\.name).joined(separator: ", "))])])
            }
        }
    }
}
