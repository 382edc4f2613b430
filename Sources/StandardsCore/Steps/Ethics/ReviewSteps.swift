import Foundation

/// The Grievance Committee's review and the Directors' decision on a dismissal appeal (a1.6–a1.10, a1.17).
public enum ReviewSteps {
    /// The Grievance Committee's decision and its notices (a1.6, a1.10).
    public struct Decide: CaseStep {
        public struct Input: Decodable, Sendable {
            public let decision: GrievanceDecision
            public let reason: String
            public let forwardedArticles: String
            public let dismissedArticles: String
            public let rationale: String
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                decision = try choice(try fields.optional("decision") ?? "", as: GrievanceDecision.self, field: "decision", prompt: "Choose the Committee's decision.")
                reason = trimmed(try fields.optional("reason"))
                forwardedArticles = trimmed(try fields.optional("forwardedArticles"))
                dismissedArticles = trimmed(try fields.optional("dismissedArticles"))
                rationale = trimmed(try fields.optional("rationale"))
            }
        }
        public static let name = "gc-decision"
        public static let process = CaseProcess.ethics
        public static let title = "Record the Grievance Committee's decision"
        public static let rule = RuleID.a1_6
        public static let done = "The Committee's decision was recorded and the notices to the parties were prepared."
        public static let records = [RecordedEntry(.gcForwarded), RecordedEntry(.gcDismissed), RecordedEntry(.gcReferredToArbitration)]
        public static let policy = StepPolicy(.decideComplaint, .holdsPermission)
        public static let needs: Set<StepFact> = [.complainants, .respondentRecipients]

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            GrievanceReview.entries(decision: input.decision, on: date, dismissReason: input.reason, forwardedArticles: input.forwardedArticles,
                                    dismissedArticles: input.dismissedArticles, rationale: input.rationale,
                                    complainant: facts.complainants, respondents: facts.respondentRecipients)
                .mapError { StepRefusals([$0]) }
        }
    }

    /// The Committee asks the respondent for information the complainant cannot give (a1.7): the respondent then
    /// sees the complaint and has 15 days.
    public struct RequestResponse: CaseStep {
        public struct Input: Decodable, Sendable {
            public let note: String
            public init(from decoder: Decoder) throws { note = try StepFields(decoder).required("note", "text") }
        }
        public static let name = "request-response"
        public static let process = CaseProcess.ethics
        public static let title = "Ask the respondent for a response"
        public static let rule = RuleID.a1_7
        public static let done = "The request for a response was sent to the respondent."
        public static let records = [RecordedEntry.notice(.responseRequest)]
        public static let policy = StepPolicy(.decideComplaint, .holdsPermission)
        public static let needs: Set<StepFact> = [.respondentRecipients]

        public static func availability(_ view: StepView) -> Refusal? {
            if let refusal = view.stageRefusal(for: records.first) { return refusal }
            return view.has(.notice(.responseRequest))
                ? Refusal(code: "response_already_requested", message: "The respondent has already been asked for a response.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let note = trimmed(input.note)
            guard !note.isEmpty else {
                return .failure(StepRefusals(code: "response_request_needs_question",
                                             message: "Say what information the Committee needs that the complainant cannot supply.", rule: rule))
            }
            return .success([noticeEntry(.responseRequest, to: facts.respondentRecipients, on: date, note: note)])
        }
    }

    /// After a withdrawal past transmittal, the Committee continues as complainant, only where it records a
    /// potential public-trust violation (a1.17, b11.1).
    public struct Continue: CaseStep {
        /// The potential public-trust violations that let the Committee go on (b11.1).
        public enum PublicTrust: String, Sendable, CaseIterable { case misappropriation, discrimination, fraud }
        public struct Input: Decodable, Sendable {
            public let publicTrust: PublicTrust
            public let rationale: String
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                publicTrust = try choice(try fields.optional("publicTrust") ?? "", as: PublicTrust.self, field: "publicTrust",
                                         prompt: "Name the potential public-trust violation.")
                rationale = trimmed(try fields.optional("rationale"))
            }
        }
        public static let name = "gc-continue"
        public static let process = CaseProcess.ethics
        public static let title = "Continue the withdrawn complaint as complainant"
        public static let rule = RuleID.a1_17
        public static let done = "The Committee continues the complaint as complainant."
        public static let records = [RecordedEntry(.gcContinues)]
        public static let policy = StepPolicy(.decideComplaint, .holdsPermission)

        public static func availability(_ view: StepView) -> Refusal? {
            Guards.continuationRefusal(view.docket)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            var payload: Payload = ["publicTrust": .text(input.publicTrust.rawValue)]
            if !input.rationale.isEmpty { payload["rationale"] = .text(input.rationale) }
            return .success([ProposedEntry(type: .gcContinues, effectiveOn: date, payload: payload)])
        }
    }

    /// The Directors' final decision on a dismissal appeal, reinstate or confirm, by a panel of the size the profile
    /// sets (five Directors or a quorum if less, a1.10; OBAR five, a2.10), none of whom reviewed it in the Committee.
    public struct DecideDismissalAppeal: CaseStep {
        public enum Outcome: String, Sendable, CaseIterable { case reinstated, confirmed }
        public struct Input: Decodable, Sendable {
            public let outcome: Outcome
            public let directorIds: [String]
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                outcome = try choice(try fields.optional("outcome") ?? "", as: Outcome.self, field: "outcome", prompt: "Choose the Directors' decision.")
                directorIds = try fields.list("directorIds", "directors")
            }
        }
        public static let name = "dismissal-appeal-decision"
        public static let process = CaseProcess.ethics
        public static let title = "Record the Directors' decision on the dismissal appeal"
        public static let rule = RuleID.a1_10
        public static let done = "The Directors' decision on the dismissal appeal was recorded."
        public static let records = [RecordedEntry(.dismissalAppealDecided)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.board, .appealPool]

        /// Staff record a decision the Directors took on paper; once a panel is appointed here, its members' own votes
        /// decide (`DirectorsPanelSteps.Vote`).
        public static func availability(_ view: StepView) -> Refusal? {
            DirectorsPanel.staffRecordRefusal(kind: view.kind, docket: view.docket, matter: .dismissalAppeal) ?? view.stageRefusal(for: records.first)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            DirectorsPanelSteps.checked(input.directorIds, matter: .dismissalAppeal, view: view, facts: facts).map { ids, names in
                [entry(input.outcome, directors: ["directors": .text(names.joined(separator: ", ")),
                                                  "directorIds": .text(ids.map(\.uuidString).joined(separator: ","))], view: view, on: date)]
            }
        }

        /// The decision entry; `directors` names who decided (and their votes, issue 18). A partial dismissal's appeal
        /// moves only the dismissed Articles (a1.10).
        static func entry(_ outcome: Outcome, directors: Payload, view: StepView, on date: CivilDate) -> ProposedEntry {
            var payload = directors.merging(["outcome": .text(outcome.rawValue)]) { $1 }
            if DismissalAppeal.pending(view.docket)?.payload["partial"]?.textValue == "yes" { payload["partial"] = .text("yes") }
            return ProposedEntry(type: .dismissalAppealDecided, effectiveOn: date, payload: payload)
        }
    }
}
