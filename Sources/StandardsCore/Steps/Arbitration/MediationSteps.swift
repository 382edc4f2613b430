import Foundation

/// The mediation officer a case's docket names: the latest assignment (S3 §8).
public enum MediationOfficer {
    public static func assigned(_ docket: [DocketEntry]) -> UUID? {
        CaseProjection.effectiveEntries(docket).last { $0.type == .mediationRequested }?.payload["mediatorId"]?.textValue.flatMap(UUID.init(uuidString:))
    }
}

/// Mediation of an arbitrable dispute (S3 §8; a2.29, b5): required before arbitration where the profile says so (OBAR),
/// offered otherwise. A signed written settlement ends the matter and refunds every deposit (S3 7.8.1); an impasse or a
/// party's withdrawal sends it on to arbitration.
public enum MediationSteps {
    /// A mediation officer is assigned and the mediation has not ended (by docket, not status: the respondent's
    /// response may come in meanwhile).
    static func underWay(_ view: StepView) -> Bool {
        view.effective.last { [.mediationRequested, .mediationSettled, .mediationEnded].contains($0.type) }?.type == .mediationRequested
    }

    /// Staff assign a mediation officer once the Committee found the request arbitrable, and both parties are told that
    /// mediation comes first (where required). The officer is checked like a tribunal member: not a party (b7).
    public struct Assign: CaseStep {
        public struct Input: Decodable, Sendable {
            public let mediatorId: String
            public init(from decoder: Decoder) throws { mediatorId = try StepFields(decoder).required("mediatorId", "personId") }
        }
        public static let name = "mediation-assign"
        public static let process = CaseProcess.arbitration
        public static let title = "Assign a mediation officer"
        public static let rule = RuleID.a2_29
        public static let done = "The mediation officer was assigned and both parties told that mediation comes first."
        public static let records = [RecordedEntry(.mediationRequested)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.bothParties, .mediators]

        public static func availability(_ view: StepView) -> Refusal? {
            guard let classification = RequestSteps.classification(view), classification.isArbitrable else {
                return Refusal(code: "not_arbitrable_yet", message: "Mediation follows the Committee's finding that the request is arbitrable (a2.29).", rule: rule)
            }
            if view.has(RecordedEntry(.mediationSettled)) {
                return Refusal(code: "settled", message: "The parties settled: the matter is closed (S3 7.8.1).", rule: rule)
            }
            if view.has(RecordedEntry(.hearingHeld)) || view.has(RecordedEntry(.awardRendered)) {
                return Refusal(code: "hearing_held", message: "Mediation comes before the arbitration hearing, not after it (a2.29).", rule: rule)
            }
            return underWay(view)
                ? Refusal(code: "in_mediation", message: "A mediation officer is already assigned; record how the mediation ended first.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard let id = UUID(uuidString: trimmed(input.mediatorId)), let mediator = facts.mediators.first(where: { $0.id == id }) else {
                return .failure(StepRefusals(code: "not_a_mediator", message: "Choose one of the association's mediation officers.", rule: rule))
            }
            if CaseProjection.build(kind: .arbitration, docket: view.docket).parties.contains(where: { $0.personId == id }) {
                return .failure(StepRefusals(code: "mediator_is_party", message: "\(mediator.name) is a party to this dispute and cannot mediate it (b7).", rule: .b_7))
            }
            let required = facts.profile.mediationRequiredBeforeArbitration
            let to = facts.bothParties.isEmpty ? "the parties" : facts.bothParties
            return .success([ProposedEntry(type: .mediationRequested, effectiveOn: date,
                                           payload: ["mediatorId": .text(id.uuidString), "required": .text(required ? "yes" : "no")]),
                             noticeEntry(.mediation, to: to, on: date,
                                         note: (required ? "Mediation is required before arbitration (a2.29). " : "Mediation is offered before arbitration. ")
                                            + "Your mediation officer is \(mediator.name)." )])
        }
    }

    /// The mediator (or staff) records how the mediation ended: a written settlement signed by the parties, which closes
    /// the matter and refunds every deposit in full (S3 7.8.1), or an impasse or a party's withdrawal, after which the
    /// arbitration goes ahead.
    public struct Conclude: CaseStep {
        public enum Outcome: String, CaseIterable, Sendable { case settled, impasse, withdrawal }
        public struct Input: Decodable, Sendable {
            public let outcome: Outcome
            public let signedSettlement: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                outcome = try choice(try fields.required("outcome"), as: Outcome.self, field: "outcome",
                                     prompt: "Choose: settled in writing, impasse, or a party withdrew.")
                signedSettlement = try fields.optional("signedSettlement")
            }
        }
        public static let name = "mediation-conclude"
        public static let process = CaseProcess.arbitration
        public static let title = "Record how the mediation ended"
        public static let rule = RuleID.a2_29
        public static let done = "How the mediation ended was recorded."
        public static let records = [RecordedEntry(.mediationSettled), RecordedEntry(.mediationEnded)]
        public static let policy = StepPolicy.mediatorOrStaff

        public static func availability(_ view: StepView) -> Refusal? {
            underWay(view) ? nil
                : Refusal(code: "not_in_mediation", message: "No mediation is under way on this case.", rule: rule)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            switch input.outcome {
            case .settled:
                guard trimmed(input.signedSettlement).lowercased() == "yes" else {
                    return .failure(StepRefusals(code: "settlement_not_signed", message: "A settlement ends the matter only when written and signed by the parties (S3 7.8.1).", rule: rule))
                }
                return .success([ProposedEntry(type: .mediationSettled, effectiveOn: date, payload: ["signedSettlement": .text("yes")])])
            case .impasse, .withdrawal:
                return .success([ProposedEntry(type: .mediationEnded, effectiveOn: date, payload: ["reason": .text(input.outcome.rawValue)])])
            }
        }
    }

    /// The mediator (or staff) sets a session; both parties get notice of its day and place (a2.29). What is said there
    /// stays in mediation: its notes are never shown to the arbitration panel.
    public struct Session: CaseStep {
        public struct Input: Decodable, Sendable {
            public let sessionOn: String
            public let time: String?
            public let place: String
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                sessionOn = try fields.date("sessionOn")
                time = try fields.optional("time")
                place = try fields.required("place")
            }
        }
        public static let name = "mediation-session"
        public static let process = CaseProcess.arbitration
        public static let title = "Set a mediation session"
        public static let rule = RuleID.a2_29
        public static let done = "The session was set and both parties told its day and place."
        public static let records = [RecordedEntry(.mediationSession), .notice(.mediationSession)]
        public static let policy = StepPolicy.mediatorOrStaff
        public static let needs: Set<StepFact> = [.bothParties]

        public static func availability(_ view: StepView) -> Refusal? {
            underWay(view) ? nil : Refusal(code: "not_in_mediation", message: "Sessions are set while a mediation is under way.", rule: rule)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            day(input.sessionOn, "sessionOn", rule: rule).flatMap { sessionOn in
                let place = trimmed(input.place), time = trimmed(input.time)
                guard sessionOn >= date, sessionOn <= date.adding(days: 366) else {
                    return .failure(StepRefusals(code: "bad_sessionOn", message: "Set the session on a day from \(date) to within a year.", rule: rule))
                }
                guard time.count <= 40 else {
                    return .failure(StepRefusals(code: "bad_time", message: "Give the time briefly, like 10:00 or 2 pm.", rule: rule))
                }
                guard !place.isEmpty, place.count <= 500 else {
                    return .failure(StepRefusals(code: "place_required", message: "Give the place or the video link.", rule: rule))
                }
                let when = "\(sessionOn)\(time.isEmpty ? "" : " at \(time)")"
                return .success([ProposedEntry(type: .mediationSession, effectiveOn: date,
                                               payload: adding(["sessionOn": .text(sessionOn.description), "place": .text(place)], [("time", time)])),
                                 noticeEntry(.mediationSession, to: facts.bothParties.isEmpty ? "the parties" : facts.bothParties, on: date,
                                             note: "Mediation session on \(when), \(place).")])
            }
        }
    }
}

/// What is said in mediation stays there (S3 §8): the arbitration panel never sees the mediation's entries, its notices,
/// or any note or paper filed while the mediation was under way.
public enum MediationConfidentiality {
    static let mediationNotices: Set<NoticeKind> = [.mediation, .mediationSession]
    static let papers: Set<DocketEntryType> = [.note, .documentFiled, .correspondenceSent]

    /// The docket as a panelist may read it: every entry but the mediation's.
    public static func forPanel(_ docket: [DocketEntry]) -> [DocketEntry] {
        var inMediation = false
        var hidden: Set<UUID> = []
        for entry in docket {
            switch entry.type {
            case .mediationRequested: inMediation = true
            case .mediationSettled, .mediationEnded: inMediation = false; hidden.insert(entry.id)
            default: break
            }
            if entry.type.spec.process == .mediation || entry.parsed.notice.map(mediationNotices.contains) == true
                || (inMediation && papers.contains(entry.type)) {
                hidden.insert(entry.id)
            }
        }
        // A correction of a hidden entry is hidden with it.
        return docket.filter { !hidden.contains($0.id) && !($0.corrects.map(hidden.contains) ?? false) }
    }
}
