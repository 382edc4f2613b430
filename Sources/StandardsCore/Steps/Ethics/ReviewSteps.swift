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
        public static let needs: Set<StepFact> = [.board]

        /// Staff record a decision the Directors took on paper; once a panel is appointed here, its members' own votes
        /// decide (`DirectorVote`).
        public static func availability(_ view: StepView) -> Refusal? {
            if DismissalAppeal.panel(view.docket) != nil {
                return Refusal(code: "panel_decides", message: "A panel of Directors was appointed here: its members record their own votes, and the decision follows from them.", rule: rule)
            }
            return view.stageRefusal(for: records.first)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            directorsPanel(input.directorIds, view: view, facts: facts).flatMap { ids, names in
                var payload: Payload = ["outcome": .text(input.outcome.rawValue), "directors": .text(names.joined(separator: ", ")),
                                        "directorIds": .text(ids.map(\.uuidString).joined(separator: ","))]
                if DismissalAppeal.pending(view.docket)?.payload["partial"]?.textValue == "yes" { payload["partial"] = .text("yes") }
                return .success([ProposedEntry(type: .dismissalAppealDecided, effectiveOn: date, payload: payload)])
            }
        }
    }

    /// The President appoints the panel of Directors for a dismissal appeal (a1.10, S3 1.3.1): of the profile's size,
    /// from the Board, none who reviewed the complaint. Staff may record the President's appointment.
    public struct AppointDismissalAppealPanel: CaseStep {
        public struct Input: Decodable, Sendable {
            public let directorIds: [String]
            public init(from decoder: Decoder) throws { directorIds = try StepFields(decoder).list("directorIds", "directors") }
        }
        public static let name = "dismissal-appeal-panel"
        public static let process = CaseProcess.ethics
        public static let title = "Appoint the Directors' panel for the dismissal appeal"
        public static let rule = RuleID.a1_10
        public static let done = "The panel of Directors was appointed; each records their own vote."
        public static let records = [RecordedEntry(.directorsPanelAppointed)]
        public static let policy = StepPolicy(.reviewAppeal, .holdsPermission)
        public static let needs: Set<StepFact> = [.board]

        public static func availability(_ view: StepView) -> Refusal? {
            if let panel = DismissalAppeal.panel(view.docket), !panel.votes.isEmpty {
                return Refusal(code: "voting_begun", message: "The Directors have begun voting: the panel can no longer change.", rule: rule)
            }
            return view.stageRefusal(for: records.first)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            directorsPanel(input.directorIds, view: view, facts: facts).map { ids, names in
                [ProposedEntry(type: .directorsPanelAppointed, effectiveOn: date, payload: [
                    "directors": .text(names.joined(separator: ", ")), "directorIds": .text(ids.map(\.uuidString).joined(separator: ",")),
                    "appointedBy": .text(facts.actor.isStaff ? "the President (recorded by staff)" : "the President")])]
            }
        }
    }

    /// A Director on the appointed panel records their own vote (issue 18). Once a majority of the panel agrees, the
    /// panel's decision is recorded with the votes: the Directors', not staff's (a1.10: final).
    public struct DirectorVote: CaseStep {
        public struct Input: Decodable, Sendable {
            public let vote: DecideDismissalAppeal.Outcome
            public let reason: String
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                vote = try choice(try fields.optional("vote") ?? "", as: DecideDismissalAppeal.Outcome.self, field: "vote",
                                  prompt: "Vote to reinstate the complaint or to confirm the dismissal.")
                reason = try fields.optional("reason") ?? ""
            }
        }
        public static let name = "dismissal-appeal-vote"
        public static let process = CaseProcess.ethics
        public static let title = "Vote on the dismissal appeal"
        public static let rule = RuleID.a1_10
        public static let done = "Your vote was recorded."
        public static let records = [RecordedEntry(.directorVoted), RecordedEntry(.dismissalAppealDecided)]
        public static let policy = StepPolicy(.voteAsDirector, .holdsPermission)

        public static func availability(_ view: StepView) -> Refusal? {
            if DismissalAppeal.pending(view.docket) != nil, DismissalAppeal.panel(view.docket) == nil {
                return Refusal(code: "no_directors_panel", message: "No panel of Directors has been appointed for this appeal yet.", rule: rule)
            }
            return view.stageRefusal(for: records.first)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard let panel = DismissalAppeal.panel(view.docket) else {
                return .failure(StepRefusals(code: "no_directors_panel", message: "No panel of Directors has been appointed for this appeal yet.", rule: rule))
            }
            guard let me = facts.actor.personID, let seat = panel.ids.firstIndex(of: me) else {
                return .failure(StepRefusals(code: "not_on_directors_panel", message: "Only the Directors appointed to this panel vote on it.", rule: rule))
            }
            if panel.votes.contains(where: { $0.id == me }) {
                return .failure(StepRefusals(code: "already_voted", message: "You have already voted on this appeal.", rule: rule))
            }
            let name = seat < panel.names.count ? panel.names[seat] : ""
            var payload: Payload = ["personId": .text(me.uuidString), "name": .text(name), "vote": .text(input.vote.rawValue)]
            let reason = trimmed(input.reason)
            if !reason.isEmpty { payload["reason"] = .text(String(reason.prefix(2000))) }
            var entries = [ProposedEntry(type: .directorVoted, effectiveOn: date, payload: payload)]
            // A majority of the panel's members for one outcome decides it.
            let votes = panel.votes.map(\.vote) + [input.vote.rawValue]
            let majority = panel.ids.count / 2 + 1
            if let outcome = DecideDismissalAppeal.Outcome.allCases.first(where: { o in votes.filter { $0 == o.rawValue }.count >= majority }) {
                let tally = DecideDismissalAppeal.Outcome.allCases.map { o in "\(votes.filter { $0 == o.rawValue }.count) to \(o == .reinstated ? "reinstate" : "confirm")" }
                var decided: Payload = ["outcome": .text(outcome.rawValue), "directors": .text(panel.names.joined(separator: ", ")),
                                        "directorIds": .text(panel.ids.map(\.uuidString).joined(separator: ",")),
                                        "votes": .text(tally.joined(separator: ", ") + " of \(panel.ids.count)")]
                if DismissalAppeal.pending(view.docket)?.payload["partial"]?.textValue == "yes" { decided["partial"] = .text("yes") }
                entries.append(ProposedEntry(type: .dismissalAppealDecided, effectiveOn: date, payload: decided))
            }
            return .success(entries)
        }
    }

    /// The Directors named for a dismissal appeal, checked against the Board and the profile's panel (a1.10): their ids and
    /// names, or every refusal. One check for the President's appointment and staff's paper record.
    static func directorsPanel(_ typed: [String], view: StepView, facts: StepFacts) -> Result<([UUID], [String]), StepRefusals> {
        let size = facts.profile.dismissalAppealPanel
        let ids = typed.compactMap { UUID(uuidString: $0) }
        var refusals = AppealPanel.check(directors: ids, board: Set(facts.board.map(\.id)), hearingPanel: HearingPanel.build(view.docket),
                                         gcReviewers: facts.gcReviewers, size: size, boardQuorum: facts.boardQuorum)
        if ids.count != typed.count || Set(ids).count != ids.count {
            refusals.append(Refusal(code: "not_a_director", message: "Choose each Director once, from the Board roster.", rule: size.rule))
        }
        guard refusals.isEmpty else { return .failure(StepRefusals(refusals)) }
        return .success((ids, ids.compactMap { id in facts.board.first { $0.id == id }?.name }))
    }
}
