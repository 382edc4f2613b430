import Foundation

/// Steps after an arbitration award (a1.35).
public enum AwardSteps {
    /// The party ordered to pay refuses to abide by the award. Not an ethics matter the first time: the recipient is
    /// advised to seek judicial enforcement; earlier refusals by the same member come back as a warning that a
    /// pattern may be an Article 17 matter (a1.35).
    public struct RefuseToAbide: CaseStep {
        public struct Input: Decodable, Sendable {
            public let note: String?
            public init(from decoder: Decoder) throws { note = try StepFields(decoder).optional("note", "text") }
        }
        public static let name = "award-refusal"
        public static let process = CaseProcess.arbitration
        public static let title = "Record a refusal to abide by the award"
        public static let rule = RuleID.a1_35
        public static let done = "The refusal was recorded and the award recipient advised to seek judicial enforcement."
        public static let records = [RecordedEntry(.awardRefusedToAbide), .notice(.enforcementAdvice)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.complainants, .awardHistory]

        public static func availability(_ view: StepView) -> Refusal? {
            guard view.has(RecordedEntry(.awardRendered)) else {
                return Refusal(code: "no_award", message: "A refusal to abide follows an arbitration award.", rule: rule)
            }
            return view.status == .awardPaid ? Refusal(code: "award_paid", message: "The award was paid.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard let respondent = facts.respondentID else {
                return .failure(StepRefusals(code: "no_respondent", message: "The case names no respondent.", rule: rule))
            }
            let payload = adding(["respondentId": .text(respondent.uuidString)], [("note", input.note)])
            let recipient = facts.complainants.isEmpty ? "the award recipient" : facts.complainants
            return .success([ProposedEntry(type: .awardRefusedToAbide, effectiveOn: date, payload: payload),
                             noticeEntry(.enforcementAdvice, to: recipient, on: date, channel: "mail")])
        }

        public static func advice(view: StepView, facts: StepFacts) -> [Refusal] {
            [AwardRefusal.advice(priorRefusals: facts.priorAwardRefusals)].compactMap { $0 }
        }
    }
}
