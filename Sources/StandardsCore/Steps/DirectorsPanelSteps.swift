import Foundation

/// The President appoints a panel of Directors for a matter the Board decides, and each Director on it records their
/// own vote; a majority of the panel's members decides, and the decision is entered as theirs (S3 1.3.1, issue 18).
/// One pair of steps for every matter (`DirectorsMatter`): dismissal appeals (a1.10), ethics appeals (a1.27),
/// classification challenges (b4.3) and procedural reviews (b3.9).
public enum DirectorsPanelSteps {
    public struct Appoint: CaseStep {
        public struct Input: Decodable, Sendable {
            public let directorIds: [String]
            /// `executive` for the Executive Committee in the Directors' place (S4 (11), (32)); otherwise a panel of Directors.
            public let body: String
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                directorIds = try fields.list("directorIds", "directors")
                body = try fields.optional("body") ?? ""
            }
        }
        public static let name = "directors-panel"
        public static let process = CaseProcess.ethics
        public static let kinds: Set<CaseKind> = [.ethics, .arbitration]
        public static let title = "Appoint the Directors' panel"
        public static let rule = RuleID.a1_10
        public static let done = "The panel of Directors was appointed; each records their own vote."
        public static let records = [RecordedEntry(.directorsPanelAppointed)]
        public static let policy = StepPolicy(.reviewAppeal, .holdsPermission)
        public static let needs: Set<StepFact> = [.board, .appealPool]

        public static func availability(_ view: StepView) -> Refusal? {
            guard let (matter, _) = DirectorsMatter.pending(kind: view.kind, docket: view.docket) else {
                return Refusal(code: "nothing_before_directors", message: "Nothing waits for a panel of Directors on this case.", rule: rule)
            }
            if let panel = DirectorsPanel.current(kind: view.kind, docket: view.docket), !panel.votes.isEmpty {
                return Refusal(code: "voting_begun", message: "The Directors have begun voting: the panel can no longer change.", rule: matter.rule)
            }
            // The Directors who heard an ethics appeal are its panel: appointed before the hearing, not after (a1.27).
            if matter.votesAfterHearing, view.has(RecordedEntry(.appealHeard)) {
                return Refusal(code: "appeal_heard", message: "The appeal was heard: the Directors who heard it decide it.", rule: matter.rule)
            }
            return matter == .dismissalAppeal ? view.stageRefusal(for: records.first) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard let (matter, _) = DirectorsMatter.pending(kind: view.kind, docket: view.docket) else {
                return .failure(StepRefusals(code: "nothing_before_directors", message: "Nothing waits for a panel of Directors on this case.", rule: rule))
            }
            if trimmed(input.body) == CommitteeBody.executive.rawValue {
                return executiveCommittee(matter: matter, view: view, facts: facts).map { ids, names in
                    [ProposedEntry(type: .directorsPanelAppointed, effectiveOn: date, payload: [
                        "matter": .text(matter.rawValue), "body": .text(CommitteeBody.executive.rawValue),
                        "directors": .text(names.joined(separator: ", ")), "directorIds": .text(ids.map(\.uuidString).joined(separator: ",")),
                        "appointedBy": .text("the Executive Committee in the Directors' place (S4 (11), (32))")])]
                }
            }
            return checked(input.directorIds, matter: matter, view: view, facts: facts).map { ids, names in
                var payload: Payload = [
                    "matter": .text(matter.rawValue),
                    "directors": .text(names.joined(separator: ", ")), "directorIds": .text(ids.map(\.uuidString).joined(separator: ",")),
                    "appointedBy": .text(facts.actor.isStaff ? "the President (recorded by staff)" : "the President")]
                if facts.regionalAgreement != nil { payload["body"] = .text(DirectorsPanel.regionalBody) }
                return [ProposedEntry(type: .directorsPanelAppointed, effectiveOn: date, payload: payload)]
            }
        }
    }

    public struct Vote: CaseStep {
        public struct Input: Decodable, Sendable {
            public let vote: String
            public let reason: String
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                vote = try fields.optional("vote") ?? ""
                reason = try fields.optional("reason") ?? ""
            }
        }
        public static let name = "directors-vote"
        public static let process = CaseProcess.ethics
        public static let kinds: Set<CaseKind> = [.ethics, .arbitration]
        public static let title = "Vote as a Director on the panel"
        public static let rule = RuleID.a1_10
        public static let done = "Your vote was recorded."
        public static let records = [RecordedEntry(.directorVoted), RecordedEntry(.directorsDecided)]
        public static let policy = StepPolicy(.voteAsDirector, .holdsPermission)
        public static let needs: Set<StepFact> = [.bothParties]

        public static func availability(_ view: StepView) -> Refusal? {
            guard let (matter, _) = DirectorsMatter.pending(kind: view.kind, docket: view.docket) else {
                return Refusal(code: "nothing_before_directors", message: "Nothing waits for the Directors' vote on this case.", rule: rule)
            }
            guard let panel = DirectorsPanel.current(kind: view.kind, docket: view.docket) else {
                return Refusal(code: "no_directors_panel", message: "No panel of Directors has been appointed for \(matter.label) yet.", rule: matter.rule)
            }
            if !panel.votingOpen {
                return Refusal(code: "appeal_not_heard", message: "The Directors vote once they have heard the appeal.", rule: matter.rule)
            }
            if matter == .ethicsAppeal, panel.majority() != nil {
                return Refusal(code: "panel_decided", message: "The panel has decided; staff now record the Directors' action.", rule: matter.rule)
            }
            return matter == .dismissalAppeal ? view.stageRefusal(for: RecordedEntry(.directorVoted)) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard let panel = DirectorsPanel.current(kind: view.kind, docket: view.docket) else {
                return .failure(StepRefusals(code: "no_directors_panel", message: "No panel of Directors has been appointed yet.", rule: rule))
            }
            let matter = panel.matter
            guard let me = facts.actor.personID, let seat = panel.ids.firstIndex(of: me) else {
                return .failure(StepRefusals(code: "not_on_directors_panel", message: "Only the Directors appointed to this panel vote on it.", rule: matter.rule))
            }
            if panel.votes.contains(where: { $0.id == me }) {
                return .failure(StepRefusals(code: "already_voted", message: "You have already voted on \(matter.label).", rule: matter.rule))
            }
            let choices = matter.choices(view.docket)
            let vote = trimmed(input.vote)
            guard choices.contains(where: { $0.value == vote }) else {
                return .failure(StepRefusals(code: "vote_required", message: "Choose one: " + choices.map(\.label).joined(separator: "; ") + ".",
                                             rule: matter.rule))
            }
            let name = seat < panel.names.count ? panel.names[seat] : ""
            var payload: Payload = ["matter": .text(matter.rawValue), "personId": .text(me.uuidString), "name": .text(name), "vote": .text(vote)]
            let reason = trimmed(input.reason)
            if !reason.isEmpty { payload["reason"] = .text(String(reason.prefix(2000))) }
            var entries = [ProposedEntry(type: .directorVoted, effectiveOn: date, payload: payload)]
            // A majority of the panel's members for one choice decides it: the decision is entered with their votes.
            if let decided = panel.majority(adding: vote) {
                let directors: Payload = ["directors": .text(panel.names.joined(separator: ", ")),
                                          "directorIds": .text(panel.ids.map(\.uuidString).joined(separator: ",")),
                                          "votes": .text(panel.tally(adding: vote, docket: view.docket))]
                entries += decision(decided, matter: matter, directors: directors, view: view, facts: facts, on: date)
            }
            return .success(entries)
        }

        /// The matter's own decision entries, from the choice the panel's majority made.
        static func decision(_ choice: String, matter: DirectorsMatter, directors: Payload, view: StepView, facts: StepFacts,
                             on date: CivilDate) -> [ProposedEntry] {
            switch matter {
            case .dismissalAppeal:
                let outcome = ReviewSteps.DecideDismissalAppeal.Outcome(rawValue: choice) ?? .confirmed
                return [ReviewSteps.DecideDismissalAppeal.entry(outcome, directors: directors, view: view, on: date)]
            case .classificationChallenge:
                return RequestSteps.DecideChallenge.entries(reversingTo: ArbitrationClassification(rawValue: choice), view: view, facts: facts,
                                                            on: date, panel: directors.filter { $0.key != "directorIds" })
            case .proceduralReview:
                return AfterAward.ReviewDecision.entries(.init(rawValue: choice) ?? .confirmed, directors: directors, view: view, facts: facts, on: date)
            case .refusalToArbitrate:
                // The only question is answered; a refusal's sanction follows as the Directors direct (a1.34).
                return [ProposedEntry(type: .refusalToArbitrateDecided, effectiveOn: date,
                                      payload: directors.filter { $0.key != "directorIds" }.merging(["outcome": .text(choice)]) { $1 })]
            case .ethicsAppeal:
                // Staff then record the action the panel decided, with its discipline and notices (a1.25).
                return [ProposedEntry(type: .directorsDecided, effectiveOn: date, payload: directors.filter { $0.key != "directorIds" }
                    .merging(["matter": .text(matter.rawValue), "outcome": .text(choice)]) { $1 })]
            }
        }
    }

    /// The Executive Committee deciding in the Directors' place (S4 (11), (32)): every member of it, less any who sat on
    /// the hearing panel or reviewed the complaint and so step aside (b7.4); refused where the rules give the matter
    /// to Directors only, or when no one is left.
    static func executiveCommittee(matter: DirectorsMatter, view: StepView, facts: StepFacts) -> Result<([UUID], [String]), StepRefusals> {
        guard matter.executiveCommitteeMayDecide else {
            return .failure(StepRefusals(code: "directors_only", message: "Only a panel of Directors decides \(matter.label).", rule: matter.rule))
        }
        let sitting = facts.executiveCommittee.filter { stepsAside($0.id, view: view, facts: facts) == nil }
        guard !sitting.isEmpty else {
            return .failure(StepRefusals(code: "no_executive_committee", message: facts.executiveCommittee.isEmpty
                ? "The Executive Committee has no members on its roster: add them on the committee page, or appoint a panel of Directors."
                : "Every member of the Executive Committee sat on another tribunal in this matter (b7.4): appoint a panel of Directors.", rule: matter.rule))
        }
        return .success((sitting.map(\.id), sitting.map(\.name)))
    }

    /// Why this person may not decide the matter, having sat on another tribunal in it (b7.4), or nil: the same rule
    /// `AppealPanel.check` refuses by, in words for the appointment form.
    public static func stepsAside(_ person: UUID, view: StepView, facts: StepFacts) -> String? {
        if Set(view.panel.members + view.panel.alternates).union(view.panel.priorMembers).contains(person) { return "sat on the hearing panel (b7.4)" }
        if view.kind == .ethics && facts.gcReviewers.contains(person) { return "reviewed the complaint in the Grievance Committee (b7.4)" }
        return nil
    }

    /// The Directors named for a matter, checked against the Board and the profile's panel size (a1.10, a1.27, a2.27):
    /// their ids and names, or every refusal. None who sat on the hearing panel, nor for an ethics case who reviewed the
    /// complaint in the Grievance Committee (b7.4). One check for the President's appointment and staff's paper record.
    static func checked(_ typed: [String], matter: DirectorsMatter, view: StepView, facts: StepFacts) -> Result<([UUID], [String]), StepRefusals> {
        let (pool, size, body) = matter.pool(facts)
        let ids = typed.compactMap { UUID(uuidString: trimmed($0)) }
        var refusals = AppealPanel.check(directors: ids, board: Set(pool.map(\.id)), hearingPanel: view.panel,
                                         gcReviewers: view.kind == .ethics ? facts.gcReviewers : [], size: size, boardQuorum: facts.boardQuorum, body: body)
        if ids.count != typed.count || Set(ids).count != ids.count {
            refusals.append(Refusal(code: "not_a_director", message: "Choose each member once, from \(body).", rule: size.rule))
        }
        guard refusals.isEmpty else { return .failure(StepRefusals(refusals)) }
        return .success((ids, ids.compactMap { id in pool.first { $0.id == id }?.name }))
    }
}
