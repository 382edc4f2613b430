import Foundation

/// Where citations are adopted, a complaint the Grievance Committee forwards for a hearing goes to the citation panel
/// first (S3 9.2.2): the referral opens a citation case with the complaint's parties and holds the ethics case. It comes
/// back for a hearing when the panel finds it not only citable, egregious or over a limit, or when the cited member
/// asks for a full hearing (S3 9.3.3), and the complainant is then offered the role again (a1.21).
public enum CitationReferral {
    /// The citation case the ethics complaint waits for, while it waits.
    public static func waitingFor(_ docket: [DocketEntry]) -> String? {
        guard let last = CaseProjection.effectiveEntries(docket).last(where: { $0.type == .citationReferral }),
              last.payload["event"]?.textValue == "referred" else { return nil }
        return last.payload["citationCase"]?.textValue
    }

    /// The case a citation case was opened from (the referred complaint), if any.
    public static func openedFrom(_ docket: [DocketEntry]) -> String? {
        docket.first { $0.type == .caseOpened }?.payload["fromCase"]?.textValue.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The Grievance Committee (or staff for it) sends the forwarded complaint to the citation panel, with staff's
    /// written summary that will go with any citation (S3 9.2.2, 9.3.1.1).
    public struct Refer: CaseStep {
        public struct Input: Decodable, Sendable {
            public let summary: String
            public init(from decoder: Decoder) throws { summary = try StepFields(decoder).required("summary") }
        }
        public static let name = "refer-to-citation-panel"
        public static let process = CaseProcess.ethics
        public static let title = "Send to the citation panel first"
        public static let rule = RuleID.a2_30
        public static let done = "The complaint went to the citation panel, which issues a citation or sends it back for a hearing; the case waits for it."
        public static let records = [RecordedEntry(.citationReferral)]
        public static let policy = StepPolicy(.decideComplaint, .holdsPermission)

        public static func availability(_ view: StepView) -> Refusal? {
            guard view.status == .forwarded else {
                return Refusal(code: "not_forwarded", message: "Only a complaint the Grievance Committee forwarded for a hearing, before its reply, goes to the citation panel (S3 9.2.2).", rule: rule)
            }
            return view.has(RecordedEntry(.citationReferral))
                ? Refusal(code: "already_referred", message: "The citation panel has already had this complaint.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard facts.profile.citationsAdopted else {
                return .failure(StepRefusals(code: "citations_not_adopted", message: "This association has not adopted a citation policy.", rule: .b9_1))
            }
            let summary = trimmed(input.summary)
            guard !summary.isEmpty, summary.count <= 4_000 else {
                return .failure(StepRefusals(code: "summary_required", message: "Write staff's summary of the complaint (up to 4,000 characters): it goes with any citation (S3 9.3.1.1).", rule: .a2_31))
            }
            return .success([ProposedEntry(type: .citationReferral, effectiveOn: date,
                                           payload: ["event": .text("referred"), "citationCase": .text(""), "summary": .text(summary)])])
        }

        public static func linked(_ entries: [ProposedEntry], view: StepView, facts: StepFacts) -> LinkedWrite? {
            let summary = entries.first?.payload["summary"]?.textValue ?? ""
            return LinkedWrite(target: .open(kind: .citation, title: "Citation review", summary: summary), entries: [], numberField: "citationCase")
        }
    }

    /// The citation resolved the complaint: accepted, it is final (S3 9.3.2.2); final by silence, payment closes it
    /// (9.3.2.4). The referred complaint closes with it, once.
    static func resolved(from view: StepView, by what: String, on date: CivilDate) -> LinkedWrite? {
        guard let from = openedFrom(view.docket) else { return nil }
        return LinkedWrite(target: .existing(number: from),
                           entries: [ProposedEntry(type: .closed, effectiveOn: date, payload: ["reason": .text("Resolved by citation: \(what).")])])
    }

    /// Back for a hearing: the entry on the complaint, and the complainant offered the role again when the cited member
    /// asked for the hearing (S3 9.3.3, a1.21). A citation opened on its own becomes an ethics case at forwarded.
    static func returned(from view: StepView, reason: String, offerComplainant: Bool, complainants: String, on date: CivilDate) -> LinkedWrite {
        var entries = [ProposedEntry(type: .citationReferral, effectiveOn: date, payload: ["event": .text("returned"), "reason": .text(reason)])]
        if offerComplainant {
            entries.append(noticeEntry(.complainantOffered, to: complainants, on: date, channel: "mail",
                                       note: "The earlier citation is not admissible at the hearing (S3 9.4.3)."))
        }
        guard let from = openedFrom(view.docket) else {
            return LinkedWrite(target: .open(kind: .ethics, title: "Complaint to a hearing", summary: reason), entries: entries)
        }
        return LinkedWrite(target: .existing(number: from), entries: entries)
    }
}

extension CitationSteps {
    /// The citation panel sends the complaint to a hearing instead of citing it (S3 9.2.2.1–9.2.2.2).
    public struct ToHearing: CaseStep {
        public enum Reason: String, CaseIterable, Sendable {
            case notOnlyCitable = "not-only-citable", egregious, limitReached = "limit-reached"
            public var words: String {
                switch self {
                case .notOnlyCitable: "the complaint alleges conduct not on the citation schedule (S3 9.2.2.1)"
                case .egregious: "the citation panel found the conduct egregious enough to warrant a hearing (S3 9.2.2.2)"
                case .limitReached: "a citation limit was reached (S3 9.4.1)"
                }
            }
        }
        public struct Input: Decodable, Sendable {
            public let reason: Reason
            public let note: String?
            public let panelistIds: [String]
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                panelistIds = try fields.list("panelistIds")
                reason = try choice(try fields.required("reason"), as: Reason.self, field: "reason", prompt: "Choose why the complaint goes to a hearing.")
                note = try fields.optional("note")
            }
        }
        public static let name = "citation-to-hearing"
        public static let process = CaseProcess.citation
        public static let title = "Send to a hearing instead"
        public static let rule = RuleID.a2_30
        public static let done = "The complaint goes to a hearing before the Professional Standards Committee; this citation review is closed."
        public static let records = [RecordedEntry(.citationToHearing), RecordedEntry(.citationReferral)]
        public static let policy = StepPolicy.citationPanelOrStaff
        public static let needs: Set<StepFact> = [.complainants, .citationPanel]

        public static func availability(_ view: StepView) -> Refusal? {
            if view.has(RecordedEntry(.citationIssued)) {
                return Refusal(code: "already_issued", message: "A citation was issued: only the cited member's request sends it to a hearing now (S3 9.3.3).", rule: rule)
            }
            return view.status.isTerminal ? Refusal(code: "case_ended", message: "The citation review has ended.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let note = trimmed(input.note)
            guard note.count <= 2_000 else { return .failure(StepRefusals(code: "note_too_long", message: "Keep the note under 2,000 characters.", rule: rule)) }
            var payload: Payload = ["reason": .text(input.reason.rawValue)]
            switch CitationSteps.deciding(input.panelistIds, facts: facts) {
            case .failure(let refusals): return .failure(refusals)
            case .success(let named): payload.merge(named) { $1 }
            }
            if !note.isEmpty { payload["note"] = .text(note) }
            return .success([ProposedEntry(type: .citationToHearing, effectiveOn: date, payload: payload)])
        }

        public static func linked(_ entries: [ProposedEntry], view: StepView, facts: StepFacts) -> LinkedWrite? {
            let reason = entries.first?.payload["reason"]?.textValue.flatMap(Reason.init(rawValue:)) ?? .notOnlyCitable
            return CitationReferral.returned(from: view, reason: "To a hearing: \(reason.words).", offerComplainant: false,
                                             complainants: facts.complainantOrRole, on: entries.first?.effectiveOn ?? view.today)
        }
    }
}
