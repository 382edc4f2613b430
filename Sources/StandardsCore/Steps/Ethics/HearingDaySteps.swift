import Foundation

/// The hearing itself (a1.15–a1.21): setting and continuing it, the notices before it, the record of the day,
/// an adjournment, a party who did not appear and an amendment at the hearing.
public enum HearingDaySteps {
    /// The notice of hearing to both parties, naming the panel (its letter adds the outline of procedure, a1.16, and
    /// for an arbitration the Arbitration Guidelines, a2.21).
    static func hearingNotice(panel: [UUID], note: String, facts: StepFacts, on date: CivilDate, kind: CaseKind) -> ProposedEntry {
        var notice = noticeEntry(kind == .arbitration ? .arbitrationHearing : .hearing, to: facts.bothParties, on: date, channel: "mail")
        notice.payload["people"] = .text(panel.map(\.uuidString).joined(separator: ","))
        notice.payload["note"] = .text(note)
        return notice
    }

    /// Sets the hearing (or resumes an adjourned one, a1.19) and sends the notice that lists the panel, at least
    /// 21 days ahead (a1.16). A panel with an empty seat cannot be noticed; a set hearing moves only by continuance.
    public struct Schedule: HearingStep {
        public struct Input: Decodable, Sendable {
            public let hearingOn: String
            public let time: String?
            public let place: String
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                hearingOn = try fields.date("hearingOn")
                time = try fields.optional("time")
                place = try fields.required("place")
            }
        }
        public static let name = "hearing/schedule"
        public static let title = "Schedule the hearing"
        public static let rule = RuleID.a1_16
        public static let done = "The hearing was scheduled and the notice of hearing sent."
        public static let records = [RecordedEntry(.hearingScheduled), .notice(.hearing), .notice(.arbitrationHearing)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.bothParties]
        public static let openWhile: Set<CaseStatus> = [.panelNamed, .hearingScheduled]
        public static var arbitrationOpenWhile: Set<CaseStatus> { openWhile }

        public static func open(_ view: StepView) -> Refusal? {
            let panel = view.panel
            guard !panel.members.isEmpty, panel.vacancies.isEmpty else {
                return Refusal(code: "panel_not_complete", message: "Name the panel (and fill any seat left by a conflict) before noticing the hearing: the notice lists the panel.", rule: rule)
            }
            if view.status == .hearingScheduled && HearingEvents.adjournment(view.docket) == nil {
                return Refusal(code: "use_continuance",
                               message: "The hearing is already set: it moves only by a continuance (all parties agree, or the chair finds denial unfair).", rule: .a1_15)
            }
            return nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            day(input.hearingOn, "hearingOn", rule: rule).flatMap { hearingOn in
                let place = trimmed(input.place), time = trimmed(input.time)
                guard !place.isEmpty else { return .failure(StepRefusals(code: "place_required", message: "Give the place or the video link.", rule: rule)) }
                let notice = hearingNotice(panel: view.panel.sitting, note: "Hearing on \(hearingOn)\(time.isEmpty ? "" : " at \(time)"), \(place).",
                                           facts: facts, on: date, kind: view.kind)
                return .success([HearingScheduled(hearingOn: hearingOn, time: given(time), place: place).entry(on: date), notice])
            }
        }
    }

    public enum ContinuanceBasis: String, CaseIterable, Sendable {
        case allPartiesAgree = "all-parties-agree", denialUnfair = "denial-unfair"
        /// Arbitration only: a party asked, or the panel moved, to postpone; no more than 30 days (a2.21).
        case partyRequest = "party-request", panelMotion = "panel-motion"

        /// The bases a case of this kind may continue on: an ethics hearing by a1.15, an arbitration by a2.21.
        public static func allowed(on kind: CaseKind) -> [ContinuanceBasis] {
            kind == .arbitration ? [.allPartiesAgree, .partyRequest, .panelMotion] : [.allPartiesAgree, .denialUnfair]
        }
    }

    /// A continuance of a set hearing: all parties agree on the date, or the panel chair finds denial would be
    /// unfair, in writing with the reason (a1.15, S3 5.2.4). The parties get a fresh notice listing the panel.
    public struct Continuance: HearingStep {
        public struct Input: Decodable, Sendable {
            public let hearingOn: String
            public let basis: ContinuanceBasis
            public let reason: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                hearingOn = try fields.date("hearingOn")
                basis = try choice(try fields.required("continuanceBasis", "basis"), as: ContinuanceBasis.self, field: "continuanceBasis",
                                   prompt: "Say why: all parties agree on the date, or the chair finds denial unfair.")
                reason = try fields.optional("reason")
            }
        }
        public static let name = "hearing/continuance"
        public static let title = "Continue the hearing"
        public static let rule = RuleID.a1_15
        public static let done = "The hearing was continued and the new notice sent."
        public static let records = [RecordedEntry(.hearingContinued)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.bothParties]
        public static let openWhile: Set<CaseStatus> = [.hearingScheduled]
        public static var arbitrationOpenWhile: Set<CaseStatus> { openWhile }

        public static func open(_ view: StepView) -> Refusal? {
            HearingEvents.adjournment(view.docket) == nil ? nil
                : Refusal(code: "use_schedule", message: "The hearing was adjourned: set the day it resumes with \"Schedule the hearing\".", rule: .a1_19)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard ContinuanceBasis.allowed(on: view.kind).contains(input.basis) else {
                return .failure(view.kind == .arbitration
                    ? StepRefusals(code: "basis_not_for_arbitration", message: "An arbitration hearing is postponed when all parties agree, a party asks or the panel moves (a2.21).", rule: .a2_21)
                    : StepRefusals(code: "basis_not_for_ethics", message: "An ethics hearing is continued when all parties agree or the chair finds denial unfair (a1.15).", rule: rule))
            }
            return day(input.hearingOn, "hearingOn", rule: rule).map { hearingOn in
                let payload = adding(["hearingOn": .text(hearingOn.description), "basis": .text(input.basis.rawValue)], [("reason", input.reason)])
                return [ProposedEntry(type: .hearingContinued, effectiveOn: date, payload: payload),
                        hearingNotice(panel: view.panel.sitting, note: "The hearing is continued to \(hearingOn).", facts: facts, on: date, kind: view.kind)]
            }
        }
    }

    public enum Absent: String, CaseIterable, Sendable {
        case respondent, publicComplainant = "public-complainant", realtorComplainant = "realtor-complainant"
        /// Arbitration: without the claimant there is no hearing on the merits and so no award (b3.2).
        case claimant
    }

    /// A party did not appear: without the respondent the panel proceeds; without the complainant the matter goes
    /// back to the Grievance Committee, a REALTOR complainant after the Article 14 warning (a1.21).
    public struct NoShow: HearingStep {
        public struct Input: Decodable, Sendable {
            public let absent: Absent
            public let article14Warning: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                absent = try choice(try fields.required("absent"), as: Absent.self, field: "absent", prompt: "Say who did not appear.")
                article14Warning = try fields.optional("article14Warning")
            }
        }
        public static let name = "hearing/no-show"
        public static let title = "Record that a party did not appear"
        public static let rule = RuleID.a1_21
        public static let done = "The absence was recorded."
        public static let records = [RecordedEntry(.hearingNoShow)]
        public static let policy = StepPolicy.staff
        public static let openWhile: Set<CaseStatus> = [.hearingScheduled]
        public static var arbitrationOpenWhile: Set<CaseStatus> { openWhile }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let allowed: [Absent] = view.kind == .arbitration ? [.claimant, .respondent] : [.respondent, .publicComplainant, .realtorComplainant]
            guard allowed.contains(input.absent) else {
                return .failure(StepRefusals(code: "absent_party", message: view.kind == .arbitration
                    ? "Say who did not appear: the claimant or the respondent." : "Say who did not appear: the respondent or a complainant.", rule: rule))
            }
            var payload: Payload = ["absent": .text(input.absent.rawValue)]
            if trimmed(input.article14Warning) == "given" { payload["article14Warning"] = .text("given") }
            return .success([ProposedEntry(type: .hearingNoShow, effectiveOn: date, payload: payload)])
        }
    }

    /// The Grievance Committee takes the place of a complainant who would not appear, on clear, strong and
    /// convincing proof; the hearing is then continued (a1.21).
    public struct GCSubstitute: HearingStep {
        public struct Input: Decodable, Sendable {
            public let rationale: String?
            public init(from decoder: Decoder) throws { rationale = try StepFields(decoder).optional("rationale") }
        }
        public static let name = "hearing/gc-substitute"
        public static let title = "The Committee takes the complainant's place"
        public static let rule = RuleID.a1_21
        public static let done = "The Committee takes the complainant's place."
        /// It records `gc.continues`, which the Committee's continuation step owns.
        public static let records: [RecordedEntry] = []
        public static let policy = StepPolicy(.decideComplaint, .holdsPermission)
        public static let openWhile: Set<CaseStatus> = [.underReview]

        public static func open(_ view: StepView) -> Refusal? {
            HearingEvents.complainantAbsent(view.docket) ? nil
                : Refusal(code: "complainant_not_absent", message: "The Committee takes a complainant's place only after they did not appear at the hearing.", rule: rule)
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let payload = adding(["complainantAbsent": .text("clear-strong-convincing")], [("rationale", input.rationale)])
            return .success([ProposedEntry(type: .gcContinues, effectiveOn: date, payload: payload)])
        }
    }

    /// Notices of witnesses and counsel, 15 days ahead (a1.20).
    public struct NoticeWitnesses: HearingStep {
        public static let name = "hearing/notice-witnesses"
        public static let title = "Record notice of witnesses and counsel"
        public static let rule = RuleID.a1_20
        public static let done = "The notice of witnesses and counsel was recorded."
        public static let records = [RecordedEntry.notice(.witnessAndCounsel)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.bothParties]
        public static let openWhile: Set<CaseStatus> = [.hearingScheduled]

        public static func decide(_ input: NoInput, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let to = ["Board", facts.bothParties].filter { !$0.isEmpty }.joined(separator: "; ")
            return .success([noticeEntry(.witnessAndCounsel, to: to, on: date)])
        }
    }

    /// The papers to the panel before the hearing (S3 5.2.1, a2.12).
    public struct PapersToPanel: HearingStep {
        public static let name = "hearing/papers-to-panel"
        public static let title = "Send the papers to the panel"
        public static let rule = RuleID.a2_12
        public static let done = "The papers were sent to the panel."
        public static let records = [RecordedEntry.notice(.papersToPanel)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.panelNames]
        public static let openWhile: Set<CaseStatus> = [.hearingScheduled]
        public static var arbitrationOpenWhile: Set<CaseStatus> { openWhile }

        public static func decide(_ input: NoInput, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let members = view.panel.members
            return .success([noticeEntry(.papersToPanel, to: members.isEmpty ? "the panel" : facts.names(members), on: date)])
        }
    }

    /// The hearing record: attendance, the association's recording (S3 2.2), when it adjourned (for the 48 hours,
    /// a1.22). Every seat must be filled and every panelist must have signed the certificate first (b7.3).
    public struct Hold: HearingStep {
        public struct Input: Decodable, Sendable {
            public let attendance: String?
            public let recorded: String?
            public let adjournedAt: String?
            /// Arbitration: the claimant took part; without them there is no hearing on the merits (b3.2).
            public let claimantPresent: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                attendance = try fields.optional("attendance")
                recorded = try fields.optional("recorded")
                adjournedAt = try fields.optional("adjournedAt")
                claimantPresent = try fields.optional("claimantPresent")
            }
        }
        public static let name = "hearing/hold"
        public static let title = "Record the hearing"
        public static let rule = RuleID.a1_19
        public static let done = "The hearing was recorded as held."
        public static let records = [RecordedEntry(.hearingHeld)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.panelNames]
        public static let openWhile: Set<CaseStatus> = [.hearingScheduled]
        public static var arbitrationOpenWhile: Set<CaseStatus> { openWhile }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let panel = view.panel
            if !panel.vacancies.isEmpty {
                return .failure(StepRefusals(code: "panel_not_complete",
                                             message: "Fill the seat of \(facts.names(panel.vacancies)), who disclosed a conflict, before the hearing.", rule: .b7_3))
            }
            if !panel.uncertified.isEmpty {
                return .failure(StepRefusals(code: "certificates_missing",
                                             message: "\(facts.names(panel.uncertified)) must sign the certificate of qualification before the hearing.", rule: .b7_3))
            }
            var payload = adding(["recorded": .text(trimmed(input.recorded) == "no" ? "no" : "yes")],
                                 [("attendance", input.attendance), ("adjournedAt", input.adjournedAt)])
            if view.kind == .arbitration {
                guard ticked(input.claimantPresent), !HearingEvents.complainantAbsent(view.docket) else {
                    return .failure(StepRefusals(code: "claimant_absent",
                                                 message: "No award without a hearing on the merits with the claimant present: record the claimant's absence instead, then postpone or close (b3.2).", rule: .b3_2))
                }
                payload["claimantPresent"] = .text("yes")
                payload["respondentPresent"] = .text(HearingEvents.respondentAbsent(view.docket) ? "no" : "yes")
            }
            return .success([ProposedEntry(type: .hearingHeld, effectiveOn: date, payload: payload)])
        }
    }

    /// The hearing adjourns, to resume in 15 to 30 days, or 5 for a late witness (a1.19).
    public struct Adjourn: HearingStep {
        public struct Input: Decodable, Sendable {
            public let lateWitness: String?
            public init(from decoder: Decoder) throws { lateWitness = try StepFields(decoder).optional("lateWitness") }
        }
        public static let name = "hearing/adjourn"
        public static let title = "Adjourn the hearing"
        public static let rule = RuleID.a1_19
        public static let done = "The adjournment was recorded."
        public static let records = [RecordedEntry(.hearingAdjourned)]
        public static let policy = StepPolicy.staff
        public static let openWhile: Set<CaseStatus> = [.hearingScheduled]
        public static var arbitrationOpenWhile: Set<CaseStatus> { openWhile }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            .success([ProposedEntry(type: .hearingAdjourned, effectiveOn: date, payload: ["lateWitness": .text(ticked(input.lateWitness) ? "yes" : "no")])])
        }
    }

    /// An amendment during the hearing, put in writing and served on the respondent, who may waive the adjournment;
    /// otherwise the hearing adjourns 15 to 30 days. A GC-dismissed Article returns only on the panel's motion (a1.19).
    public struct Amend: HearingStep {
        public struct Input: Decodable, Sendable {
            public let articles: String
            public let panelMotion: String?
            public let waiver: String?
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                articles = try fields.required("articles")
                panelMotion = try fields.optional("panelMotion")
                waiver = try fields.optional("waiver")
            }
        }
        public static let name = "hearing/amend"
        public static let title = "Amend the complaint at the hearing"
        public static let rule = RuleID.a1_19
        public static let done = "The amendment at the hearing was recorded and served."
        /// `complaint.amended` belongs to the complainant's amendment step; this one adds the service and adjournment.
        public static let records: [RecordedEntry] = []
        public static let policy = StepPolicy.panelistOrStaff
        public static let needs: Set<StepFact> = [.respondentRecipients]
        public static let openWhile: Set<CaseStatus> = [.hearingScheduled]

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let articles = trimmed(input.articles)
            guard !articles.isEmpty else { return .failure(StepRefusals(code: "articles_required", message: "Give the Articles as amended.", rule: rule)) }
            var payload: Payload = ["articles": .text(articles)]
            if ticked(input.panelMotion) { payload["panelMotion"] = .text("yes") }
            var entries = [ProposedEntry(type: .complaintAmended, effectiveOn: date, payload: payload),
                           noticeEntry(.amendedComplaint, to: facts.respondentRecipients, on: date, channel: "hand")]
            if !ticked(input.waiver) {
                entries.append(ProposedEntry(type: .hearingAdjourned, effectiveOn: date, payload: ["lateWitness": .text("no")]))
            }
            return .success(entries)
        }
    }
}
