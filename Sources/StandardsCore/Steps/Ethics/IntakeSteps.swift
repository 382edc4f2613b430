import Foundation

/// Staff's intake and service steps on an ethics complaint (a1.5, a1.11, a1.13, S4 (5)).
public enum IntakeSteps {
    /// Staff take a complaint in; the complainant is told it was received (a1.5).
    public struct Acknowledge: CaseStep {
        public static let name = "acknowledge"
        public static let process = CaseProcess.ethics
        public static let title = "Acknowledge the complaint"
        public static let rule = RuleID.a1_5
        public static let done = "The complaint was acknowledged and the acknowledgment sent to the complainant; it is now with the Grievance Committee."
        public static let records = [RecordedEntry(.complaintAcknowledged), .notice(.acknowledgment)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.complainants]

        public static func decide(_ input: NoInput, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            .success([ProposedEntry(type: .complaintAcknowledged, effectiveOn: date), noticeEntry(.acknowledgment, to: facts.complainantOrRole, on: date)])
        }
    }

    /// Staff send an incomplete complaint back with what is missing; the complainant may amend it (a1.18).
    public struct RequestCompletion: CaseStep {
        public struct Input: Decodable, Sendable {
            public let reason: String
            public init(from decoder: Decoder) throws { reason = try StepFields(decoder).required("reason") }
        }
        public static let name = "request-completion"
        public static let process = CaseProcess.ethics
        public static let title = "Send the complaint back to be completed"
        public static let rule = RuleID.a1_18
        public static let done = "The complaint was sent back to the complainant with what is missing."
        public static let records = [RecordedEntry.notice(.completionRequest)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.complainants]

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let reason = trimmed(input.reason)
            guard !reason.isEmpty else { return .failure(StepRefusals(code: "completion_reason_required", message: "Say what the complaint is missing.", rule: rule)) }
            return .success([noticeEntry(.completionRequest, to: facts.complainantOrRole, on: date, note: reason)])
        }
    }

    /// Staff assign a Grievance Committee member to help a public complainant frame the complaint; that member may
    /// not then review it (S4 (5)).
    public struct AssignHelper: CaseStep {
        public struct Input: Decodable, Sendable {
            public let personId: String
            public init(from decoder: Decoder) throws { personId = try StepFields(decoder).required("personId") }
        }
        public static let name = "assign-helper"
        public static let process = CaseProcess.ethics
        public static let title = "Assign a Grievance Committee member to help the complainant"
        public static let rule = RuleID.a1_6
        public static let done = "The Committee member was assigned to help the complainant; that member will not review the complaint."
        public static let records = [RecordedEntry(.gcHelperAssigned)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.grievanceMembers]

        public static func availability(_ view: StepView) -> Refusal? {
            if view.status != .filed {
                return Refusal(code: "step_out_of_order", message: "A helper is assigned while the complaint awaits intake.", rule: rule)
            }
            return view.has(RecordedEntry(.gcHelperAssigned))
                ? Refusal(code: "helper_already_assigned", message: "A Committee member is already helping the complainant.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard let id = UUID(uuidString: trimmed(input.personId)), let member = facts.grievanceMembers.first(where: { $0.id == id }) else {
                return .failure(StepRefusals(code: "not_a_gc_member", message: "Choose a member of the Grievance Committee.", rule: rule))
            }
            return .success([ProposedEntry(type: .gcHelperAssigned, effectiveOn: date, payload: ["personId": .text(id.uuidString), "name": .text(member.name)])])
        }
    }

    /// Serves a forwarded complaint on the respondents, with the principal's copy (a1.11, S3 5.2.3).
    public struct Serve: CaseStep {
        public static let name = "serve"
        public static let process = CaseProcess.ethics
        public static let title = "Serve the complaint"
        public static let rule = RuleID.a1_11
        public static let done = "The complaint was served on the respondent; the reply period runs from receipt."
        public static let records = [RecordedEntry.notice(.complaintServed)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.respondentRecipients]

        public static func availability(_ view: StepView) -> Refusal? {
            if let refusal = view.stageRefusal(for: records.first) { return refusal }
            return view.has(.notice(.complaintServed))
                ? Refusal(code: "already_served", message: "The complaint has already been served; serve an amended complaint by amending it.", rule: rule) : nil
        }

        public static func decide(_ input: NoInput, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            .success([noticeEntry(.complaintServed, to: facts.respondentRecipients, on: date, channel: "mail")])
        }
    }

    /// Staff send the respondent's reply to the complainant, within 5 days of receiving it (a1.11).
    public struct ForwardReply: CaseStep {
        public static let name = "forward-reply"
        public static let process = CaseProcess.ethics
        public static let title = "Send the reply to the complainant"
        public static let rule = RuleID.a1_11
        public static let done = "The respondent's reply was sent to the complainant."
        public static let records = [RecordedEntry.notice(.replyForwarded)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.complainants]

        public static func availability(_ view: StepView) -> Refusal? {
            if let refusal = view.stageRefusal(for: records.first) { return refusal }
            // Sent again only when a reply came in after the last one was sent.
            guard let sent = view.last(.notice(.replyForwarded)) else { return nil }
            return view.effective.contains { $0.type == .replyReceived && $0.sequence > sent.sequence } ? nil
                : Refusal(code: "already_forwarded", message: "The reply has already been sent to the complainant.", rule: rule)
        }

        public static func decide(_ input: NoInput, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            .success([noticeEntry(.replyForwarded, to: facts.complainantOrRole, on: date)])
        }
    }

    /// After the reply period, the complaint and reply (or notice of none) go to the complainant, the President and
    /// the PSC chair (a1.13).
    public struct Distribute: CaseStep {
        public static let name = "distribute"
        public static let process = CaseProcess.ethics
        public static let title = "Distribute the complaint and reply"
        public static let rule = RuleID.a1_13
        public static let done = "The complaint and reply were sent to the complainant, the President and the PSC chair."
        public static let records = [RecordedEntry.notice(.distribution)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.complainants]
        /// The respondent's reply period (a1.11): distribution waits for the reply or for this many days after service.
        static let replyDays = 15

        public static func availability(_ view: StepView) -> Refusal? {
            if let refusal = view.stageRefusal(for: records.first) { return refusal }
            if view.has(.notice(.distribution)) {
                return Refusal(code: "already_distributed", message: "The complaint and reply have already been distributed.", rule: rule)
            }
            let servedOn = view.last(.notice(.complaintServed))?.effectiveOn
            if view.has(RecordedEntry(.replyReceived)) || servedOn.map({ view.today >= $0.adding(days: replyDays) }) == true { return nil }
            return Refusal(code: "reply_period_running",
                           message: "The complaint and reply go out once the reply is in or the \(replyDays)-day reply period has run\(servedOn.map { " (served \($0))" } ?? "").",
                           rule: rule)
        }

        public static func decide(_ input: NoInput, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            .success([noticeEntry(.distribution, to: [facts.complainants, "President", "PSC chair"].filter { !$0.isEmpty }.joined(separator: "; "), on: date)])
        }
    }
}
