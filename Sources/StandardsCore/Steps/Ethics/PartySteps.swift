import Foundation

/// A party's own steps: the respondent replies and responds, the complainant appeals a dismissal, withdraws or
/// amends (a1.7, a1.10, a1.11, a1.17, a1.18). Staff record the same steps when the party sends them on paper.
public enum PartySteps {
    /// The respondent's reply (a1.11); a late one passes with a warning. A second reply answers an amended complaint (a1.18).
    public struct Reply: CaseStep {
        public struct Input: Decodable, Sendable {
            public let text: String
            public init(from decoder: Decoder) throws { text = try StepFields(decoder).required("text") }
        }
        public static let name = "reply"
        public static let process = CaseProcess.ethics
        public static let title = "Reply to the complaint"
        public static let rule = RuleID.a1_11
        public static let done = "Your reply was received and recorded."
        public static let records = [RecordedEntry(.replyReceived)]
        public static let policy = StepPolicy.partyOrStaff(.respondent)
        public static let attachmentTitle: String? = "Reply attachment"

        public static func availability(_ view: StepView) -> Refusal? {
            if let refusal = view.stageRefusal(for: records.first) { return refusal }
            guard let lastReply = view.last(RecordedEntry(.replyReceived)) else { return nil }
            let amendedSince = view.effective.contains { $0.parsed.notice == .amendedComplaint && $0.sequence > lastReply.sequence }
            return amendedSince ? nil
                : Refusal(code: "already_replied", message: "The reply is in; a further reply answers an amended complaint (a1.18).", rule: rule)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let text = trimmed(input.text)
            guard !text.isEmpty else { return .failure(StepRefusals(code: "reply_empty", message: "Write your reply before sending it.", rule: rule)) }
            return .success([ProposedEntry(type: .replyReceived, effectiveOn: date, payload: ["text": .text(text)])])
        }
    }

    /// The respondent's response to the Committee's request (a1.7).
    public struct Respond: CaseStep {
        public struct Input: Decodable, Sendable {
            public let text: String
            public init(from decoder: Decoder) throws { text = try StepFields(decoder).required("text") }
        }
        public static let name = "respond"
        public static let process = CaseProcess.ethics
        public static let title = "Respond to the Grievance Committee"
        public static let rule = RuleID.a1_7
        public static let done = "Your response was sent to the Grievance Committee."
        public static let records = [RecordedEntry(.responseReceived)]
        public static let policy = StepPolicy.partyOrStaff(.respondent)

        public static func availability(_ view: StepView) -> Refusal? {
            if let refusal = view.stageRefusal(for: records.first) { return refusal }
            if !view.has(.notice(.responseRequest)) {
                return Refusal(code: "no_response_requested", message: "The Committee has not asked for a response.", rule: rule)
            }
            return view.has(RecordedEntry(.responseReceived))
                ? Refusal(code: "already_responded", message: "The response has already been sent to the Committee.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let text = trimmed(input.text)
            guard !text.isEmpty else { return .failure(StepRefusals(code: "response_empty", message: "Write your response before sending it.", rule: rule)) }
            return .success([ProposedEntry(type: .responseReceived, effectiveOn: date, payload: ["text": .text(text)])])
        }
    }

    /// The complainant's appeal of a dismissal, whole or in part: a written explanation only (Form E-22, a1.10).
    public struct AppealDismissal: CaseStep {
        public struct Input: Decodable, Sendable {
            public let explanation: String
            public init(from decoder: Decoder) throws { explanation = try StepFields(decoder).required("explanation") }
        }
        public static let name = "appeal-dismissal"
        public static let process = CaseProcess.ethics
        public static let title = "Appeal the dismissal"
        public static let rule = RuleID.a1_10
        public static let done = "Your appeal of the dismissal was filed; the Board of Directors will decide it on the record."
        public static let records = [RecordedEntry(.dismissalAppealed)]
        public static let policy = StepPolicy.partyOrStaff(.complainant)

        public static func availability(_ view: StepView) -> Refusal? {
            if let refusal = view.stageRefusal(for: records.first) { return refusal }
            guard view.has(.notice(.dismissal)) else {
                return Refusal(code: "dismissal_not_sent", message: "The notice of dismissal has not been sent yet; the appeal runs from it.", rule: rule)
            }
            if let window = view.deadlines.first(where: { $0.key == .dismissalAppeal }), window.status == .missed, let due = window.dueOn {
                return Refusal(code: "dismissal_appeal_too_late", message: "The time to appeal the dismissal ended \(due).", rule: window.rule)
            }
            return nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let text = trimmed(input.explanation)
            guard !text.isEmpty else {
                return .failure(StepRefusals(code: "explanation_required",
                                             message: "Explain why you believe the dismissal was wrong: the Directors read only this explanation and what the Committee saw.",
                                             rule: rule))
            }
            var payload: Payload = ["explanation": .text(text)]
            if DismissalAppeal.isPartial(view.docket) { payload["partial"] = .text("yes") }
            return .success([ProposedEntry(type: .dismissalAppealed, effectiveOn: date, payload: payload)])
        }
    }

    /// The complainant withdraws, any time before the hearing adjourns (a1.17). It cannot be undone.
    public struct Withdraw: CaseStep {
        public struct Input: Decodable, Sendable {
            public let reason: String
            public init(from decoder: Decoder) throws { reason = trimmed(try StepFields(decoder).optional("reason")) }
        }
        public static let name = "withdraw"
        public static let process = CaseProcess.ethics
        public static let title = "Withdraw the complaint"
        public static let rule = RuleID.a1_17
        public static let done = "The complaint was withdrawn."
        public static let records = [RecordedEntry(.withdrawn)]
        public static let policy = StepPolicy.partyOrStaff(.complainant)
        public static let confirmation: String? = "Tick \"I understand that withdrawing cannot be undone\" to withdraw the complaint."

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            .success([ProposedEntry(type: .withdrawn, effectiveOn: date, payload: input.reason.isEmpty ? [:] : ["reason": .text(input.reason)])])
        }

        /// A complaint withdrawn while with the citation panel ends its citation review too (a1.17, S3 9.2.2).
        public static func linked(_ entries: [ProposedEntry], view: StepView, facts: StepFacts) -> LinkedWrite? {
            guard let review = CitationReferral.waitingFor(view.docket), let date = entries.first?.effectiveOn else { return nil }
            return LinkedWrite(target: .existing(number: review),
                               entries: [ProposedEntry(type: .withdrawn, effectiveOn: date, payload: ["reason": .text("The complaint was withdrawn (a1.17).")])])
        }
    }

    /// The complainant (or staff from paper) amends the complaint before the hearing; once served, the respondent
    /// gets the amended complaint and may amend the reply (a1.18).
    public struct Amend: CaseStep {
        public struct Input: Decodable, Sendable {
            public let articles: String
            public let narrative: String
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                articles = try fields.required("articles")
                narrative = trimmed(try fields.optional("narrative", "text"))
            }
        }
        public static let name = "amend"
        public static let process = CaseProcess.ethics
        public static let title = "Amend the complaint"
        public static let rule = RuleID.a1_18
        public static let done = "The amended complaint was filed."
        public static let records = [RecordedEntry(.complaintAmended), .notice(.amendedComplaint)]
        public static let policy = StepPolicy.partyOrStaff(.complainant)
        public static let needs: Set<StepFact> = [.respondentRecipients]

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let articles = trimmed(input.articles)
            guard !articles.isEmpty else { return .failure(StepRefusals(code: "articles_required", message: "Cite the Articles of the amended complaint.", rule: rule)) }
            var payload: Payload = ["articles": .text(articles)]
            if !input.narrative.isEmpty { payload["narrative"] = .text(input.narrative) }
            var entries = [ProposedEntry(type: .complaintAmended, effectiveOn: date, payload: payload)]
            if view.has(.notice(.complaintServed)) { entries.append(noticeEntry(.amendedComplaint, to: facts.respondentRecipients, on: date, channel: "mail")) }
            return .success(entries)
        }
    }
}
