import Foundation

/// The processes a step belongs to; each has its own catalog, lifecycle and folder.
public enum CaseProcess: String, Sendable, CaseIterable {
    case common, ethics, arbitration, mediation, citation
}

/// One step a person takes on a case, declared once: its route segment, who may take it, when it is open, what
/// it needs and what it appends. The app's `StepRunner` applies it (policy → availability → facts → decide →
/// append, in one transaction); web forms, API routes, the page's buttons and the OpenAPI operations come from
/// these declarations, so nothing about a step is written twice (docs/decisions/0006-step-registry.md).
public protocol CaseStep: Sendable {
    /// What the person sends. Required fields are non-optional; choices are enums.
    associatedtype Input: Decodable & Sendable

    /// The route segment: `POST …/cases/{number}/{name}` on the web and under `/api/v1`.
    static var name: String { get }
    static var process: CaseProcess { get }
    /// The kinds of case the step serves: its own process's, unless it says more (the hearing steps serve ethics and
    /// arbitration alike, S3 7.6).
    static var kinds: Set<CaseKind> { get }
    /// What the step is, in a user's words ("Serve the complaint").
    static var title: String { get }
    /// The rule that governs the step, cited in its refusals and documentation.
    static var rule: RuleID { get }
    /// What the person is told once it is done.
    static var done: String { get }
    /// The entries this step records; the generic entry route refuses them, so they go through the step's checks.
    static var records: [RecordedEntry] { get }
    static var policy: StepPolicy { get }
    /// The facts beyond the docket the decision reads; the runner loads only these.
    static var needs: Set<StepFact> { get }
    /// Irreversible steps ask first on the web: the form must carry `confirm=yes`, with this as the refusal.
    static var confirmation: String? { get }
    /// A step that may carry a file (the reply's attachment) names the document it becomes; nil for none.
    static var attachmentTitle: String? { get }
    /// Nil when the step may be taken now; otherwise the refusal naming the rule.
    static func availability(_ view: StepView) -> Refusal?
    /// The entries to append, or the refusals: pure.
    static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals>
    /// What the person is warned of once it is done, beyond the guards' warnings (a pattern of refusals, a1.35).
    static func advice(view: StepView, facts: StepFacts) -> [Refusal]
    /// What the step writes on another case with its own entries, in the same transaction (`LinkedWrite`).
    static func linked(_ entries: [ProposedEntry], view: StepView, facts: StepFacts) -> LinkedWrite?
}

extension CaseStep {
    /// The fields the step reads, from its own decoder (`StepSchema`).
    public static var inputFields: [StepFieldDoc] { StepSchema.fields(of: Input.self) }
    public static var needs: Set<StepFact> { [] }
    public static var kinds: Set<CaseKind> { Set([CaseKind(rawValue: process.rawValue)].compactMap { $0 }) }
    public static var confirmation: String? { nil }
    public static var attachmentTitle: String? { nil }
    public static func advice(view: StepView, facts: StepFacts) -> [Refusal] { [] }
    public static func linked(_ entries: [ProposedEntry], view: StepView, facts: StepFacts) -> LinkedWrite? { nil }

    /// By default a step is open where the ethics stage table opens the first entry it records (a1.5–a1.18).
    public static func availability(_ view: StepView) -> Refusal? { view.stageRefusal(for: records.first) }
}

/// An entry a step records: its type, and for a notice, which notice.
/// Entries a step writes on another case with its own, in one transaction: a case it opens with this case's parties
/// (the forwarded complaint to the citation panel, S3 9.2.2; a citation's hearing request, 9.3.3) or the case this one
/// was opened from (the complaint back from the citation panel for a hearing).
public struct LinkedWrite: Sendable {
    public enum Target: Sendable, Equatable {
        case open(kind: CaseKind, title: String, summary: String)
        case existing(number: String)
        /// A case opened in another association on PSDesk, by its slug, with this case's complaint: the respondent there
        /// is the same person's membership, the complainant copied (S4 (14)).
        case transfer(association: String, title: String, summary: String)
    }
    public let target: Target
    public let entries: [ProposedEntry]
    /// The payload field of the step's own entries that gets the number of the case it opened.
    public let numberField: String?

    public init(target: Target, entries: [ProposedEntry], numberField: String? = nil) {
        self.target = target; self.entries = entries; self.numberField = numberField
    }
}

public struct RecordedEntry: Sendable, Hashable {
    public let type: DocketEntryType
    public let notice: NoticeKind?

    public init(_ type: DocketEntryType, notice: NoticeKind? = nil) {
        self.type = type
        self.notice = notice
    }

    public static func notice(_ kind: NoticeKind) -> RecordedEntry { RecordedEntry(.noticeSent, notice: kind) }

    public func matches(_ proposed: ProposedEntry) -> Bool {
        proposed.type == type && (notice == nil || proposed.notice == notice)
    }

    public func matches(_ entry: DocketEntry) -> Bool {
        entry.type == type && (notice == nil || entry.parsed.notice == notice)
    }
}

/// Refusals a decision returns; the runner answers them as 422 with each rule.
public struct StepRefusals: Error, Sendable, Equatable {
    public let all: [Refusal]
    public init(_ all: [Refusal]) { self.all = all }
    public init(code: String, message: String, rule: RuleID) { all = [Refusal(code: code, message: message, rule: rule)] }
}

/// What a step reads of the case: its docket, where it stands, the day, and its deadlines on that day.
public struct StepView: Sendable {
    public let kind: CaseKind
    public let docket: [DocketEntry]
    /// The docket after corrections (`CaseProjection.effectiveEntries`), computed once.
    public let effective: [DocketEntry]
    public let status: CaseStatus
    /// The hearing panel as the docket has it, built once: every hearing step's availability reads it.
    public let panel: HearingPanel
    public let today: CivilDate
    public let deadlines: [Deadline]

    public init(kind: CaseKind, docket: [DocketEntry], today: CivilDate, deadlines: [Deadline]) {
        self.kind = kind
        self.docket = docket
        self.effective = CaseProjection.effectiveEntries(docket)
        self.status = CaseProjection.build(kind: kind, docket: docket).status
        self.panel = HearingPanel.build(docket)
        self.today = today
        self.deadlines = deadlines
    }

    /// Whether an entry of this kind is on the effective docket.
    public func has(_ entry: RecordedEntry) -> Bool { effective.contains(where: entry.matches) }

    public func last(_ entry: RecordedEntry) -> DocketEntry? { effective.last(where: entry.matches) }

    /// The ethics stage rule for an entry (`EthicsStages`), for ethics cases.
    public func stageRefusal(for entry: RecordedEntry?) -> Refusal? {
        guard kind == .ethics, let entry else { return nil }
        var payload: Payload = [:]
        if let notice = entry.notice { payload["notice"] = .text(notice.rawValue) }
        return EthicsStages.refusal(for: ProposedEntry(type: entry.type, effectiveOn: today, payload: payload), status: status, docket: docket)
    }

    public func wrongProcess(_ step: any CaseStep.Type) -> Refusal? {
        step.kinds.contains(kind) || step.process == .common ? nil
            : Refusal(code: "step_not_for_this_case",
                      message: "This step belongs to \(step.kinds.map(\.rawValue).sorted().joined(separator: " and ")) cases; this is a \(kind.label.lowercased()) case.")
    }
}

/// The facts beyond the docket a step may need; the runner loads those a step names.
public enum StepFact: String, Sendable, Hashable {
    /// The complainants' names.
    case complainants
    /// The respondents, with their principal's copy where the profile wants it (S3 5.2.3).
    case respondentRecipients
    /// Members of the Grievance Committee.
    case grievanceMembers
    /// The Board of Directors, its quorum, and who reviewed the complaint in the Grievance Committee (b7.4).
    case board
    /// Both parties' names, for notices to both (a1.14, a1.16, a1.23).
    case bothParties
    /// The Professional Standards Committee the panel is drawn from (a1.14, S3 1.2).
    case committee
    /// Each committee member as the composition rules see them for this case, and the case's context (a1.14, b7).
    case panelSelection
    /// The names of everyone on the panel list, the panel and its alternates.
    case panelNames
    /// The respondent's other associations and earlier violations, for the notices of final action (a1.31, b11.2).
    case finalActionHistory
    /// The respondent and their earlier refusals to abide by an award, in other arbitration cases (a1.35).
    case awardHistory
    /// The firms that deposited in each other open arbitration case of the association, by case number: a firm in a
    /// related request heard with one of them deposits once (a2.20).
    case relatedDeposits
    /// The association's mediation officers (its people holding the mediator role), with the regional pool's (appendix (4)(d)).
    case mediators
    /// Who hears a refusal to arbitrate: the Board of Directors, or under a regional agreement the tribunal it names
    /// (a1.34, appendix (5)(f)).
    case refusalTribunal
    /// The members the step names by member number, as the association's roster has them (the President's
    /// specialist appointees, a2.22).
    case members
    /// The regional agreement the association hears its cases under, if any (appendix (5)).
    case regionalAgreement
    /// The respondent's earlier citations in this association, with their complaints' filing dates (a2.32, a2.33).
    case priorCitations
    /// The association's citation schedule in force on the step's day (a2.35).
    case citationSchedule
    /// The standing citation panel the executive officer appointed, and the PSC as the composition rules see each
    /// member for this case (S3 9.1.2, b7): loads `panelSelection` too.
    case citationPanel
    /// The respondent's membership here (when it ended) and every other association where they are still a member,
    /// for a resignation mid-case (S4 (14), a1.12).
    case respondentMemberships
    /// Under a regional agreement, who may sit on an appeal panel in the Directors' place (appendix (5)(b), (c)): the
    /// shared Professional Standards Committee and the signatories' Boards; loads `regionalAgreement` and `committee`.
    case appealPool
}

/// An association as a step sees it: its address on PSDesk and its name.
public struct AssociationRef: Sendable, Hashable {
    public let slug: String
    public let name: String
    public init(slug: String, name: String) { self.slug = slug; self.name = name }
}

/// A person as a step sees them.
public struct NamedPerson: Sendable, Hashable {
    public let id: UUID
    public let name: String
    public init(id: UUID, name: String) { self.id = id; self.name = name }
}

/// The loaded facts (only those the step named are filled in) and the case's rule profile.
public struct StepFacts: Sendable {
    public var profile: RuleProfile
    public var complainants = ""
    public var respondentRecipients = ""
    public var grievanceMembers: [NamedPerson] = []
    public var board: [NamedPerson] = []
    /// The Executive Committee's members (`.board`), who may decide a dismissal or ethics appeal instead (S4 (11), (32)).
    public var executiveCommittee: [NamedPerson] = []
    /// The Boards of Directors of every signatory of the association's regional agreement (`.appealPool`).
    public var signatoryBoards: [NamedPerson] = []
    public var boardQuorum = 0
    public var gcReviewers: Set<UUID> = []
    public var bothParties = ""
    public var committee: [NamedPerson] = []
    public var panelCandidates: [PanelCandidate] = []
    public var panelContext: PanelContext?
    /// Names by person id (`.panelNames`, `.committee`).
    public var names: [UUID: String] = [:]
    public var otherAssociations: [String] = []
    /// The names of the regional agreement's signatories, when the case is heard under one (`.finalActionHistory`).
    public var signatoryNames: Set<String> = []
    /// Where the respondent is still a member besides here, and when their membership here ended (`.respondentMemberships`).
    public var respondentElsewhere: [AssociationRef] = []
    public var respondentEndedHereOn: CivilDate?
    public var associationName = ""
    public var priorViolationsInThreeYears = 0
    public var respondentID: UUID?
    /// Case numbers of the respondent's earlier refusals to abide by an award.
    public var priorAwardRefusals: [String] = []
    /// Other open arbitration cases of the association, by number, with the firms (normalized) that deposited in each.
    public var depositedFirmsByCase: [String: Set<String>] = [:]
    public var mediators: [NamedPerson] = []
    public var refusalTribunal = ""
    /// The name of the regional agreement whose shared committee hears the association's cases (`.regionalAgreement`).
    public var regionalAgreement: String?
    /// The respondent's earlier citations here (`.priorCitations`).
    public var priorCitations: [PriorCitation] = []
    /// The schedule in force on the step's day (`.citationSchedule`); the model until loaded.
    public var citationSchedule: CitationSchedule = .model
    /// The standing citation panel's members (`.citationPanel`).
    public var citationPanel: [NamedPerson] = []
    /// The association's members by member number (`.members`).
    public var membersByNumber: [String: NamedPerson] = [:]
    /// Arbitration cases of the association closed by a signed mediation settlement, by number (`.relatedDeposits`):
    /// the same matter cannot be arbitrated again (b5.2).
    public var settledCases: Set<String> = []
    /// Who takes the step; always filled in.
    public var actor = StepActor()
    /// The clock's instant in the association's zone, when the step is dated today: a decision's filing time
    /// starts the 48 hours (a1.22). Nil offline and for a step recorded for an earlier day.
    public var filedAt: String?

    public init(profile: RuleProfile) { self.profile = profile }

    /// A person's name, or their id when no name is known.
    public func name(_ id: UUID) -> String { names[id] ?? committee.first { $0.id == id }?.name ?? id.uuidString }

    /// Names of these people, comma-separated.
    public func names(_ ids: [UUID]) -> String { ids.map(name).joined(separator: ", ") }

    /// Who reviewed the complaint in the Grievance Committee, or helped frame it, and so may not sit on its appeal (b7.4).
    public static func gcReviewers(grievanceMembers: [NamedPerson], kind: CaseKind, docket: [DocketEntry]) -> Set<UUID> {
        Set(grievanceMembers.map(\.id)).union(CaseProjection.build(kind: kind, docket: docket).excludedReviewers)
    }

    /// A notice to both parties: the complainants, then the respondent side with any principal's copy.
    public static func bothParties(complainants: String, respondentRecipients: String) -> String {
        [complainants, respondentRecipients].filter { !$0.isEmpty }.joined(separator: "; ")
    }

    /// "the complainant" when no complainant is on the case yet.
    public var complainantOrRole: String { complainants.isEmpty ? "the complainant" : complainants }

    /// "both parties" when no party's name is known.
    public var bothPartiesOrRole: String { bothParties.isEmpty ? "both parties" : bothParties }
}

/// The person taking a step, as a decision needs them: a panelist speaks only for themselves (b7.3), a party's
/// filing says which side filed (a1.14, a1.24).
public struct StepActor: Sendable {
    public var isStaff = false
    public var personID: UUID?
    public var parties: Set<PartyRole> = []
    public init(isStaff: Bool = false, personID: UUID? = nil, parties: Set<PartyRole> = []) {
        self.isStaff = isStaff; self.personID = personID; self.parties = parties
    }

    /// The side a signed-in party files for: the complainant's when they are one, else the respondent's.
    public var side: PartyRole? {
        parties.contains(.complainant) ? .complainant : parties.contains(.respondent) ? .respondent : nil
    }
}

/// A `notice.sent` entry.
public func noticeEntry(_ kind: NoticeKind, to: String, on date: CivilDate, channel: String = "email", note: String? = nil) -> ProposedEntry {
    var payload: Payload = ["notice": .text(kind.rawValue), "channel": .text(channel), "to": .text(to)]
    if let note { payload["note"] = .text(note) }
    return ProposedEntry(type: .noticeSent, effectiveOn: date, payload: payload)
}

/// Text a person typed, trimmed; empty means not given.
public func trimmed(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
