import Foundation

/// Choosing the hearing panel (a1.14, b7): the committee list to the parties, challenges for cause, naming the
/// panel, each panelist's certificate or conflict, and filling a conflicted seat.
public enum PanelSteps {
    /// Staff send the parties the list of committee members the panel will be drawn from (a1.14).
    public struct SendList: HearingStep {
        public static let name = "hearing/panel-list"
        public static let title = "Send the parties the committee list"
        public static let rule = RuleID.a1_14
        public static let done = "The committee list was sent to the parties; they have 10 days to challenge for cause."
        public static let records = [RecordedEntry.notice(.panelList)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.bothParties, .committee]
        public static let openWhile = panelStages
        public static let arbitrationOpenWhile = arbitrationPanelStages

        public static func open(_ view: StepView) -> Refusal? {
            let panel = view.panel
            guard panel.members.isEmpty, panel.listTransmittedOn == nil else {
                return Refusal(code: "list_already_sent", message: "The committee list was already sent on \(panel.listTransmittedOn?.description ?? "an earlier day").", rule: rule)
            }
            return nil
        }

        public static func decide(_ input: NoInput, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard !facts.committee.isEmpty else {
                return .failure(StepRefusals(code: "no_committee", message: "The Professional Standards Committee has no members yet: add them on the committee page.", rule: rule))
            }
            var entry = noticeEntry(.panelList, to: facts.bothParties, on: date)
            entry.payload["people"] = .text(facts.committee.map(\.id.uuidString).joined(separator: ","))
            entry.payload["note"] = .text(facts.committee.map(\.name).joined(separator: ", "))
            return .success([entry])
        }
    }

    /// A party challenges a listed member for cause within 10 days (a1.14, b7.2); staff may record a paper challenge.
    public struct Challenge: HearingStep {
        public struct Input: Decodable, Sendable {
            public let personId: String
            public let reason: String
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                personId = try fields.required("personId")
                reason = try fields.required("reason")
            }
        }
        public static let name = "hearing/challenge"
        public static let title = "Challenge a committee member for cause"
        public static let rule = RuleID.a1_14
        public static let done = "Your challenge was filed; the PSC chair will rule on it."
        public static let records = [RecordedEntry(.challengeFiled)]
        public static let policy = StepPolicy.eitherPartyOrStaff
        public static let needs: Set<StepFact> = [.panelNames]
        public static let openWhile = panelStages
        public static let arbitrationOpenWhile = arbitrationPanelStages

        public static func open(_ view: StepView) -> Refusal? {
            let panel = view.panel
            if panel.listTransmittedOn == nil || !panel.members.isEmpty {
                return Refusal(code: "no_list_to_challenge", message: "Challenges are to the committee list sent to the parties, before the panel is named.", rule: rule)
            }
            return view.running(.challenges) ? nil
                : Refusal(code: "challenge_period_over", message: "The 10 days to challenge a listed member for cause have passed.", rule: rule)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            personID(input.personId, rule: rule).flatMap { person in
                guard view.panel.listed.contains(person) else {
                    return .failure(StepRefusals(code: "not_on_list", message: "Challenge a member named on the committee list.", rule: rule))
                }
                let reason = trimmed(input.reason)
                guard !reason.isEmpty else { return .failure(StepRefusals(code: "challenge_needs_cause", message: "State the cause of the challenge.", rule: rule)) }
                var payload: Payload = ["personId": .text(person.uuidString), "challenged": .text(facts.names[person] ?? ""), "reason": .text(reason)]
                if !facts.actor.isStaff, let side = facts.actor.side { payload["by"] = .text(side.rawValue) }
                return .success([ProposedEntry(type: .challengeFiled, effectiveOn: date, payload: payload)])
            }
        }
    }

    public enum Ruling: String, CaseIterable, Sendable { case upheld, denied }

    /// The PSC chair rules on a challenge (a1.14); staff may record the chair's ruling.
    public struct RuleOnChallenge: HearingStep {
        public struct Input: Decodable, Sendable {
            public let personId: String
            public let outcome: Ruling
            public let reason: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                personId = try fields.required("personId")
                outcome = try choice(try fields.required("outcome"), as: Ruling.self, field: "outcome", prompt: "Uphold or deny the challenge.")
                reason = try fields.optional("reason")
            }
        }
        public static let name = "hearing/rule-challenge"
        public static let title = "Rule on a challenge"
        public static let rule = RuleID.a1_14
        public static let done = "The ruling on the challenge was recorded."
        public static let records = [RecordedEntry(.challengeRuled)]
        public static let policy = StepPolicy.committeeChairOrStaff
        public static let openWhile = panelStages
        public static let arbitrationOpenWhile = arbitrationPanelStages

        public static func open(_ view: StepView) -> Refusal? {
            view.panel.pendingChallenges.isEmpty ? Refusal(code: "no_pending_challenge", message: "No challenge waits for a ruling.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            personID(input.personId, rule: rule).flatMap { person in
                guard view.panel.pendingChallenges.contains(where: { $0.personId == person }) else {
                    return .failure(StepRefusals(code: "no_pending_challenge", message: "No challenge against this member waits for a ruling.", rule: rule))
                }
                let payload = adding(["personId": .text(person.uuidString), "outcome": .text(input.outcome.rawValue)], [("reason", input.reason)])
                return .success([ProposedEntry(type: .challengeRuled, effectiveOn: date, payload: payload)])
            }
        }
    }

    /// The PSC chair names the panel, its chair and alternates; the composition rules are checked first (a1.14, b7).
    public struct NamePanel: HearingStep {
        public struct Input: Decodable, Sendable {
            public let members: [String]
            public let chairId: String?
            public let alternates: [String]
            /// Why the chair names members busier than the assistant's proposal, when they do.
            public let overrideReason: String
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                members = try fields.list("members", "memberIds")
                chairId = try fields.optional("chairId")
                alternates = try fields.list("alternates", "alternateIds")
                overrideReason = try fields.optional("overrideReason") ?? ""
            }
        }
        public static let name = "hearing/name-panel"
        public static let title = "Name the hearing panel"
        public static let rule = RuleID.a1_14
        public static let done = "Panel named. The parties can see who sits."
        public static let records = [RecordedEntry(.panelNamed)]
        public static let policy = StepPolicy.committeeChairOrStaff
        public static let needs: Set<StepFact> = [.panelSelection]
        public static let openWhile = panelStages
        public static let arbitrationOpenWhile = arbitrationPanelStages

        public static func open(_ view: StepView) -> Refusal? {
            let panel = view.panel
            if panel.listTransmittedOn == nil {
                return Refusal(code: "panel_list_first", message: "Send the parties the committee list first: they may challenge for cause within 10 days.", rule: rule)
            }
            return panel.members.isEmpty ? nil
                : Refusal(code: "panel_already_named", message: "The panel is named; a seat left by a conflict is filled by replacing that panelist.", rule: .b7_3)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let memberIDs = input.members.compactMap(UUID.init(uuidString:))
            let typedAlternates = input.alternates.compactMap(UUID.init(uuidString:))
            let alternateIDs = typedAlternates.filter { !memberIDs.contains($0) }
            let chair = UUID(uuidString: trimmed(input.chairId))
            guard let context = facts.panelContext else { return .failure(notOnCommittee) }
            let candidates = facts.panelCandidates
            let chosen = memberIDs.compactMap { id in candidates.first { $0.id == id } }
            // Every id typed must be a committee member: one that is not is refused, never dropped.
            guard chosen.count == input.members.count, typedAlternates.count == input.alternates.count,
                  alternateIDs.allSatisfy({ id in candidates.contains { $0.id == id } }) else { return .failure(notOnCommittee) }
            var problems = PanelComposition.check(chosen, chair: chair, context: context)
            for id in alternateIDs { if let alternate = candidates.first(where: { $0.id == id }) { problems += PanelComposition.exclusions(of: alternate, context: context) } }
            if !problems.isEmpty { return .failure(StepRefusals(problems)) }
            var payload: Payload = ["members": .text(chosen.map { $0.id == chair ? "\($0.name) (chair)" : $0.name }.joined(separator: ", ")),
                                    "memberIds": .text(memberIDs.map(\.uuidString).joined(separator: ",")),
                                    "chairId": .text(chair?.uuidString ?? ""),
                                    "alternateIds": .text(alternateIDs.map(\.uuidString).joined(separator: ","))]
            // The chair may pass over the assistant's proposal, but naming members who sat on more panels lately than it
            // would have takes a reason, recorded with the panel (issue 18: the load is spread unless said why not).
            let reason = trimmed(input.overrideReason)
            if let proposal = PanelComposition.propose(from: candidates, size: chosen.count, context: context),
               chosen.map(\.recentAssignments).reduce(0, +) > proposal.map(\.recentAssignments).reduce(0, +) {
                guard !reason.isEmpty else {
                    return .failure(StepRefusals(code: "override_reason_required",
                        message: "These members sat on more panels in the last twelve months than the proposed \(proposal.map(\.name).joined(separator: ", ")): say why you name them instead.",
                        rule: rule))
                }
                payload["overrideReason"] = .text(String(reason.prefix(500)))
            } else if !reason.isEmpty {
                payload["overrideReason"] = .text(String(reason.prefix(500)))
            }
            return .success([ProposedEntry(type: .panelNamed, effectiveOn: date, payload: payload)])
        }

        static let notOnCommittee = StepRefusals(code: "not_on_committee", message: "Every panelist and alternate must be a member of the committee.", rule: rule)
    }

    /// A panelist signs the certificate of qualification (b7.3); staff may record it for a panelist.
    public struct Certify: HearingStep {
        public struct Input: Decodable, Sendable {
            /// Staff name the panelist; a panelist certifies for themselves.
            public let personId: String?
            public init(from decoder: Decoder) throws { personId = try StepFields(decoder).optional("personId") }
        }
        public static let name = "hearing/certify"
        public static let title = "Sign the certificate of qualification"
        public static let rule = RuleID.b7_3
        public static let done = "The certificate of qualification was recorded."
        public static let records = [RecordedEntry(.panelistCertified)]
        public static let policy = StepPolicy.panelistOrStaff
        public static let openWhile: Set<CaseStatus> = [.panelNamed, .hearingScheduled, .heard]
        public static var arbitrationOpenWhile: Set<CaseStatus> { openWhile }

        public static func open(_ view: StepView) -> Refusal? { panelNamed(view) }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            panelist(input.personId, view: view, facts: facts).map { person in
                [ProposedEntry(type: .panelistCertified, effectiveOn: date, payload: ["personId": .text(person.uuidString)])]
            }
        }
    }

    /// A panelist discloses a conflict, at any time (S3 2.1); their seat must be filled before the hearing (b7.3). The
    /// first alternate who keeps the panel within every rule takes it at once; with none, the chair fills it.
    public struct DiscloseConflict: HearingStep {
        public struct Input: Decodable, Sendable {
            public let personId: String?
            public let disclosure: String
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                personId = try fields.optional("personId")
                disclosure = try fields.required("disclosure")
            }
        }
        public static let name = "hearing/disclose-conflict"
        public static let title = "Disclose a conflict"
        public static let rule = RuleID.b7_3
        public static let done = "The conflict was recorded; an alternate who passes every rule took the seat, or it must be filled before the hearing."
        public static let records = [RecordedEntry(.panelistConflict), RecordedEntry(.panelNamed)]
        public static let policy = StepPolicy.panelistOrStaff
        public static let needs: Set<StepFact> = [.panelSelection, .bothParties, .panelNames]
        public static let openWhile: Set<CaseStatus> = [.panelNamed, .hearingScheduled, .heard]
        public static var arbitrationOpenWhile: Set<CaseStatus> { openWhile }

        public static func open(_ view: StepView) -> Refusal? { panelNamed(view) }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            panelist(input.personId, view: view, facts: facts).flatMap { person in
                let disclosure = trimmed(input.disclosure)
                guard !disclosure.isEmpty else { return .failure(StepRefusals(code: "disclosure_required", message: "Say what the conflict is.", rule: rule)) }
                let conflict = ProposedEntry(type: .panelistConflict, effectiveOn: date, payload: ["personId": .text(person.uuidString), "disclosure": .text(disclosure)])
                // The alternates in the order named; the first whose seating passes every rule replaces the panelist.
                let standing = view.panel.alternates.filter { !view.panel.conflicted.contains($0) }
                for alternate in standing {
                    if case .success(let seated) = ReplacePanelist.seat(alternate, replacing: person, on: date, view: view, facts: facts) {
                        return .success([conflict] + seated)
                    }
                }
                return .success([conflict])
            }
        }
    }

    static func panelNamed(_ view: StepView) -> Refusal? {
        view.panel.members.isEmpty ? Refusal(code: "no_panel", message: "No panel has been named yet.", rule: .b7_3) : nil
    }

    /// Who a panelist's step is for: a panelist speaks only for themselves; staff name the panelist.
    static func panelist(_ typed: String?, view: StepView, facts: StepFacts) -> Result<UUID, StepRefusals> {
        let person: Result<UUID, StepRefusals> = facts.actor.isStaff || facts.actor.personID == nil
            ? personID(typed, rule: .b7_3) : .success(facts.actor.personID!)
        return person.flatMap { id in
            view.panel.members.contains(id) ? .success(id)
                : .failure(StepRefusals(code: "not_on_panel", message: "Choose a member of this case's panel.", rule: .b7_3))
        }
    }

    /// Fills the seat of a panelist who disclosed a conflict, the panel still passing every rule (b7.3, a1.14). Once
    /// the hearing is noticed, the parties get a fresh notice listing the panel (a1.16).
    public struct ReplacePanelist: HearingStep {
        public struct Input: Decodable, Sendable {
            public let personId: String
            public let replaces: String
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                personId = try fields.required("personId")
                replaces = try fields.required("replaces")
            }
        }
        public static let name = "hearing/replace-panelist"
        public static let title = "Fill a conflicted seat"
        public static let rule = RuleID.b7_3
        public static let done = "The replacement panelist was named."
        public static let records = [RecordedEntry(.panelNamed)]
        public static let policy = StepPolicy.committeeChairOrStaff
        public static let needs: Set<StepFact> = [.panelSelection, .bothParties, .panelNames]
        public static let openWhile: Set<CaseStatus> = [.panelNamed, .hearingScheduled, .heard]
        public static var arbitrationOpenWhile: Set<CaseStatus> { openWhile }

        public static func open(_ view: StepView) -> Refusal? {
            view.panel.vacancies.isEmpty ? Refusal(code: "no_vacancy", message: "No panelist has disclosed a conflict: every seat is filled.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            personID(input.personId, rule: .a1_14).flatMap { newcomer in
                guard let replaced = UUID(uuidString: trimmed(input.replaces)), view.panel.vacancies.contains(replaced) else {
                    return .failure(StepRefusals(code: "replaces_required", message: "Say whose seat is filled: a panelist who disclosed a conflict.", rule: rule))
                }
                return seat(newcomer, replacing: replaced, on: date, view: view, facts: facts)
            }
        }

        /// The entries that seat `newcomer` in `replaced`'s place, the panel still passing every rule; with the hearing
        /// noticed, a fresh notice listing the panel (a1.16).
        static func seat(_ newcomer: UUID, replacing replaced: UUID, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let panel = view.panel
            let seats = panel.members.map { $0 == replaced ? newcomer : $0 }
            let chosen = seats.compactMap { id in facts.panelCandidates.first { $0.id == id } }
            guard chosen.count == seats.count, let context = facts.panelContext else {
                return .failure(StepRefusals(code: "not_on_committee", message: "The replacement must be on the committee.", rule: .a1_14))
            }
            let chair = panel.chair == replaced ? newcomer : panel.chair
            let problems = PanelComposition.check(chosen, chair: chair, context: context)
            if !problems.isEmpty { return .failure(StepRefusals(problems)) }
            var payload: Payload = ["members": .text(chosen.map(\.name).joined(separator: ", ")), "memberIds": .text(newcomer.uuidString),
                                    "replaces": .text(replaced.uuidString)]
            if let chair { payload["chairId"] = .text(chair.uuidString) }
            var entries = [ProposedEntry(type: .panelNamed, effectiveOn: date, payload: payload)]
            if view.status == .hearingScheduled {
                let name = chosen.first { $0.id == newcomer }?.name ?? facts.name(newcomer)
                entries.append(HearingDaySteps.hearingNotice(panel: seats, note: "\(name) replaces a panelist who disclosed a conflict.", facts: facts, on: date, kind: view.kind))
            }
            return .success(entries)
        }
    }
}
