import Foundation

/// The citation program (S3 §9, a2.30–a2.35): a citation issued on a citable complaint within the limits, sent with a
/// reminder after ten days of silence, accepted, left final by silence or taken to a full hearing, and paid.
public enum CitationSteps {
    /// The schedule entries a citation cites (`standards`, or the single `standard` of older entries).
    public static func standards(of citation: DocketEntry) -> [String] {
        let listed = (citation.payload["standards"]?.textValue ?? citation.payload["standard"]?.textValue ?? "")
        return listed.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func issued(_ view: StepView) -> DocketEntry? { view.last(RecordedEntry(.citationIssued)) }

    /// The fine still due: the citation's fine less any Level 1 first-offense fine the member chose to replace with
    /// training (a2.34).
    public static func fineDue(_ view: StepView) -> Int {
        guard let citation = issued(view) else { return 0 }
        let accepted = view.last(RecordedEntry(.citationAccepted))
        let replaced = accepted?.payload["trainingInsteadOfFine"]?.textValue == "yes" ? (citation.payload["replaceableCents"]?.integerValue ?? 0) : 0
        return max(0, (citation.payload["fineCents"]?.integerValue ?? 0) - replaced)
    }

    /// Final: accepted, or the 20 days to ask for a hearing ran with no request (S3 9.3.2.2).
    public static func isFinal(_ view: StepView) -> Bool {
        if view.has(RecordedEntry(.citationHearingRequested)) { return false }
        return view.has(RecordedEntry(.citationAccepted))
            || view.deadlines.contains { $0.key == .citationHearingRequest && $0.status == .lapsed }
    }

    /// Where the cited member's membership stands: a fine unpaid past the bylaws' due date suspends the membership
    /// automatically until it is paid, and payment reinstates it (S3 9.3.2.5). Derived, so no one has to remember it.
    public enum Standing: Equatable, Sendable {
        case notSuspended
        case suspended(since: CivilDate, dueCents: Int)
        case reinstated(on: CivilDate, suspendedSince: CivilDate)

        /// In the words of the case page and the member list, or nil when there is nothing to say.
        public var sentence: String? {
            switch self {
            case .notSuspended: nil
            case .suspended(let since, let due):
                "Membership suspended automatically since \(since) until the fine of \(Money.format(due)) is paid (S3 9.3.2.5)."
            case .reinstated(let on, let since):
                "Membership was suspended from \(since) for the unpaid fine and reinstated on \(on), when it was paid (S3 9.3.2.5)."
            }
        }
    }

    public static func standing(_ view: StepView) -> Standing {
        guard let window = view.deadlines.first(where: { $0.key == .citationPayment }), let due = window.dueOn else { return .notSuspended }
        let since = due.adding(days: 1)
        if let paid = view.last(RecordedEntry(.citationPaid)) {
            return paid.effectiveOn > due ? .reinstated(on: paid.effectiveOn, suspendedSince: since) : .notSuspended
        }
        let owed = fineDue(view)
        return view.today > due && owed > 0 ? .suspended(since: since, dueCents: owed) : .notSuspended
    }

    /// The citation panel that decides: the profile's number (three, b9.2) of the standing panel the executive officer
    /// appointed from the PSC, checked for conflicts like any tribunal (S3 9.1.2, b7): a member excluded on this case
    /// (a party's firm, related to a party, reviewed it in the Grievance Committee, training lapsed) does not sit and
    /// another PSC member takes the seat; at most one per firm (b7.1). The payload names them.
    static func deciding(_ typed: [String], facts: StepFacts) -> Result<Payload, StepRefusals> {
        let size = facts.profile.citationPanelSize
        var ids: [UUID] = []
        for text in typed {
            guard let id = UUID(uuidString: trimmed(text)) else {
                return .failure(StepRefusals(code: "bad_panelist", message: "Choose the panelists from the list.", rule: .a2_30))
            }
            if !ids.contains(id) { ids.append(id) }
        }
        guard ids.count == size else {
            return .failure(StepRefusals(code: "citation_panel_size", message: "The citation panel is \(size) members of the Professional Standards Committee; \(ids.count) chosen (S3 9.1.2, b9.2).", rule: .b9_2))
        }
        guard let context = facts.panelContext else {
            return .failure(StepRefusals(code: "no_committee", message: "The Professional Standards Committee could not be read.", rule: .a2_30))
        }
        var chosen: [PanelCandidate] = []
        for id in ids {
            guard let candidate = facts.panelCandidates.first(where: { $0.id == id }) else {
                return .failure(StepRefusals(code: "not_on_psc", message: "Every citation panelist is a member of the Professional Standards Committee (S3 9.1.2).", rule: .a2_30))
            }
            chosen.append(candidate)
        }
        var refusals = chosen.flatMap { PanelComposition.exclusions(of: $0, context: context) } + PanelComposition.sameFirm(chosen)
        // Substitutes only for standing members who may not sit on this case.
        let standing = Set(facts.citationPanel.map(\.id))
        let excludedStanding = facts.panelCandidates.filter { standing.contains($0.id) && !PanelComposition.exclusions(of: $0, context: context).isEmpty }.count
        let substitutes = chosen.filter { !standing.contains($0.id) }.count
        if substitutes > excludedStanding + max(0, size - standing.count) {
            refusals.append(Refusal(code: "not_the_citation_panel", message: "The citation panel is the members the executive officer appointed; another PSC member sits only in place of one in conflict (S3 9.1.2).", rule: .a2_30))
        }
        guard refusals.isEmpty else { return .failure(StepRefusals(refusals)) }
        return .success(["panelIds": .text(chosen.map(\.id.uuidString).joined(separator: ",")), "panel": .text(chosen.map(\.name).joined(separator: ", "))])
    }

    /// The citation panel (or staff for it) issues a citation on a complaint whose every allegation is on the schedule,
    /// unless the conduct is egregious or a limit blocks it; the fine escalates only with earlier citations for the same
    /// conduct. It goes to the respondent and their REALTOR principal with staff's written summary (S3 9.3.1).
    public struct Issue: CaseStep {
        public struct Input: Decodable, Sendable {
            public let standards: [String]
            public let complaintFiledOn: String
            public let summary: String
            public let egregious: String?
            public let panelistIds: [String]
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                standards = try fields.items("standards", "standard")
                panelistIds = try fields.list("panelistIds")
                complaintFiledOn = try fields.required("complaintFiledOn")
                summary = try fields.required("summary")
                egregious = try fields.optional("egregious")
            }
        }
        public static let name = "citation-issue"
        public static let process = CaseProcess.citation
        public static let title = "Issue the citation"
        public static let rule = RuleID.a2_31
        public static let done = "The citation was issued and sent to the respondent and their principal; the respondent has 20 days from receipt to ask for a hearing."
        public static let records = [RecordedEntry(.citationIssued), .notice(.citation)]
        public static let policy = StepPolicy.citationPanelOrStaff
        public static let needs: Set<StepFact> = [.respondentRecipients, .priorCitations, .citationSchedule, .citationPanel]

        public static func availability(_ view: StepView) -> Refusal? {
            if view.status.isTerminal {
                return Refusal(code: "case_ended", message: "This citation review has ended: the complaint went to a hearing or was withdrawn.", rule: rule)
            }
            return view.has(RecordedEntry(.citationIssued)) ? Refusal(code: "already_issued", message: "The citation was issued.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard let filedOn = CivilDate(trimmed(input.complaintFiledOn)), filedOn <= date, filedOn.isPlausible else {
                return .failure(StepRefusals(code: "bad_complaintFiledOn", message: "Give the day the complaint was filed (on or before today): the limits count from it (a2.32).", rule: .a2_32))
            }
            let summary = trimmed(input.summary)
            guard !summary.isEmpty else {
                return .failure(StepRefusals(code: "summary_required", message: "Write staff's summary of the complaint: it goes with the citation (S3 9.3.1).", rule: rule))
            }
            var standards: [String] = []
            for typed in input.standards.map({ $0.trimmingCharacters(in: .whitespaces) }) where !typed.isEmpty && !standards.contains(typed) { standards.append(typed) }
            let decision = Citations.evaluate(allegations: standards, complaintFiledOn: filedOn, egregious: ticked(input.egregious),
                                              priors: facts.priorCitations, schedule: facts.citationSchedule, profile: facts.profile)
            guard decision.mayIssue else { return .failure(StepRefusals(decision.refusals)) }
            let panel: Payload
            switch deciding(input.panelistIds, facts: facts) {
            case .failure(let refusals): return .failure(refusals)
            case .success(let named): panel = named
            }
            let replaceable = decision.charges.filter { $0.training == .insteadOfFine }.map(\.fineCents).reduce(0, +)
            let trainingRequired = decision.charges.contains { $0.training == .inAddition }
            let lines = decision.charges.map { charge in
                let training = switch charge.training {
                case .insteadOfFine: " or training, your choice"
                case .inAddition: " and training"
                case .none: ""
                }
                return "\(charge.standard): Level \(charge.level.rawValue), offense \(charge.offense), \(Money.format(charge.fineCents))\(training)"
            }
            var payload: Payload = ["standards": .text(decision.charges.map(\.standard).joined(separator: "; ")), "fineCents": .integer(decision.totalFineCents),
                                    "charges": .text(lines.joined(separator: "; ")), "complaintFiledOn": .text(filedOn.description), "summary": .text(summary)]
            payload.merge(panel) { $1 }
            if replaceable > 0 { payload["replaceableCents"] = .integer(replaceable) }
            // The citation keeps the schedule in force the day it was issued (S3 Appendix).
            if let version = facts.citationSchedule.effectiveOn { payload["scheduleEffectiveOn"] = .text(version.description) }
            if trainingRequired { payload["trainingRequired"] = .text("yes") }
            let to = facts.respondentRecipients.isEmpty ? "the respondent and their principal" : facts.respondentRecipients
            return .success([ProposedEntry(type: .citationIssued, effectiveOn: date, payload: payload),
                             // The summary goes with the citation so the member understands its basis (S3 9.3.1.1).
                             noticeEntry(.citation, to: to, on: date, channel: "mail",
                                         note: lines.joined(separator: "; ") + ". Summary of the complaint: " + summary)])
        }
    }

    /// Ten days after receipt without a reply, staff remind the respondent of the deadline to ask for a hearing
    /// (S3 9.3.2.1).
    public struct Remind: CaseStep {
        public static let name = "citation-reminder"
        public static let process = CaseProcess.citation
        public static let title = "Send the reminder"
        public static let rule = RuleID.a2_31
        public static let done = "The reminder of the deadline to ask for a hearing was sent."
        public static let records = [RecordedEntry.notice(.citationReminder)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.respondentRecipients]

        public static func availability(_ view: StepView) -> Refusal? {
            guard let window = view.deadlines.first(where: { $0.key == .citationReminder }), window.status != .met else {
                return Refusal(code: "no_reminder_due", message: "The respondent answered or was already reminded.", rule: rule)
            }
            guard let due = window.dueOn, due <= view.today else {
                let when = window.dueOn.map { "on \($0)" } ?? "ten days after the respondent's receipt of the citation (record the receipt)"
                return Refusal(code: "reminder_too_early", message: "The reminder goes out once ten days have passed without a reply: \(when).", rule: rule)
            }
            return nil
        }

        public static func decide(_ input: NoInput, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let due = view.deadlines.first { $0.key == .citationHearingRequest }?.dueOn
            let to = facts.respondentRecipients.isEmpty ? "the respondent" : facts.respondentRecipients
            return .success([noticeEntry(.citationReminder, to: to, on: date, channel: "mail",
                                         note: due.map { "A full hearing may be requested until \($0); after that the citation is final." })])
        }
    }

    /// The respondent accepts the citation (final, not appealable, S3 9.3.2.2); on a Level 1 first offense they choose
    /// the training instead of the fine (a2.34).
    public struct Accept: CaseStep {
        public struct Input: Decodable, Sendable {
            public let trainingInsteadOfFine: String?
            public init(from decoder: Decoder) throws { trainingInsteadOfFine = try StepFields(decoder).optional("trainingInsteadOfFine") }
        }
        public static let name = "citation-accept"
        public static let process = CaseProcess.citation
        public static let title = "Accept the citation"
        public static let rule = RuleID.a2_31
        public static let done = "The citation was accepted: it is final and cannot be appealed."
        public static let records = [RecordedEntry(.citationAccepted)]
        public static let policy = StepPolicy.partyOrStaff(.respondent)

        public static func availability(_ view: StepView) -> Refusal? { answerable(view) }

        /// Open while the citation was issued and nothing answered it.
        static func answerable(_ view: StepView) -> Refusal? {
            guard view.has(RecordedEntry(.citationIssued)) else { return Refusal(code: "no_citation", message: "No citation was issued.", rule: .a2_31) }
            if view.status == .withdrawn {
                return Refusal(code: "case_ended", message: "The complaint was withdrawn, and the citation with it (a1.17).", rule: .a1_17)
            }
            if view.has(RecordedEntry(.citationAccepted)) || view.has(RecordedEntry(.citationHearingRequested)) {
                return Refusal(code: "already_answered", message: "The citation was already answered.", rule: .a2_31)
            }
            return nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            var payload: Payload = [:]
            if ticked(input.trainingInsteadOfFine) {
                guard (issued(view)?.payload["replaceableCents"]?.integerValue ?? 0) > 0 else {
                    return .failure(StepRefusals(code: "no_training_choice", message: "Training replaces the fine only for a Level 1 first offense (a2.34).", rule: .a2_34))
                }
                payload["trainingInsteadOfFine"] = .text("yes")
            }
            return .success([ProposedEntry(type: .citationAccepted, effectiveOn: date, payload: payload)])
        }

        public static func linked(_ entries: [ProposedEntry], view: StepView, facts: StepFacts) -> LinkedWrite? {
            CitationReferral.resolved(from: view, by: "accepted, final and not appealable (S3 9.3.2.2)", on: entries.first?.effectiveOn ?? view.today)
        }
    }

    /// Within 20 days of receipt the respondent may ask for a full hearing instead (S3 9.3.3); after that the citation
    /// is final.
    public struct RequestHearing: CaseStep {
        public static let name = "citation-hearing-request"
        public static let process = CaseProcess.citation
        public static let title = "Ask for a full hearing instead"
        public static let rule = RuleID.a2_31
        public static let done = "The request for a full hearing was recorded: the complaint goes to a hearing, the complainant is offered the role, and the citation is set aside."
        public static let records = [RecordedEntry(.citationHearingRequested), RecordedEntry(.citationReferral), .notice(.complainantOffered)]
        public static let policy = StepPolicy.partyOrStaff(.respondent)
        public static let needs: Set<StepFact> = [.complainants]

        public static func availability(_ view: StepView) -> Refusal? {
            if let refusal = Accept.answerable(view) { return refusal }
            if let window = view.deadlines.first(where: { $0.key == .citationHearingRequest }), window.status == .lapsed {
                return Refusal(code: "citation_final", message: "The 20 days to ask for a hearing ended\(window.dueOn.map { " \($0)" } ?? ""): the citation is final and cannot be appealed (S3 9.3.2.2).", rule: rule)
            }
            return nil
        }

        public static func decide(_ input: NoInput, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            .success([ProposedEntry(type: .citationHearingRequested, effectiveOn: date)])
        }

        /// The complaint goes to a hearing and the complainant is offered the role again (S3 9.3.3).
        public static func linked(_ entries: [ProposedEntry], view: StepView, facts: StepFacts) -> LinkedWrite? {
            CitationReferral.returned(from: view, reason: "The cited member asked for a full hearing instead of the citation (S3 9.3.3).",
                                      offerComplainant: true, complainants: facts.complainantOrRole, on: entries.first?.effectiveOn ?? view.today)
        }
    }

    /// The fine paid: the case closes and the complainant is told the citation was issued and paid (S3 9.3.2.4).
    public struct Pay: CaseStep {
        public struct Input: Decodable, Sendable {
            public let amount: String
            public init(from decoder: Decoder) throws { amount = try StepFields(decoder).required("amount") }
        }
        public static let name = "citation-paid"
        public static let process = CaseProcess.citation
        public static let title = "Record the fine paid"
        public static let rule = RuleID.a2_31
        public static let done = "The payment was recorded, the case closed and the complainant told the citation was issued and paid."
        public static let records = [RecordedEntry(.citationPaid), .notice(.citationPaid), .notice(.membershipReinstated)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.complainants, .respondentRecipients]

        public static func availability(_ view: StepView) -> Refusal? {
            guard view.has(RecordedEntry(.citationIssued)), isFinal(view) else {
                return Refusal(code: "not_final", message: "The fine is paid once the citation is final: accepted, or 20 days after receipt without a hearing request.", rule: rule)
            }
            return view.has(RecordedEntry(.citationPaid)) ? Refusal(code: "already_paid", message: "The fine was paid.", rule: rule) : nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            let due = fineDue(view)
            guard let cents = Money.cents(trimmed(input.amount)), cents == due else {
                return .failure(StepRefusals(code: "bad_amount", message: "The fine due is \(Money.format(due)): record that amount.", rule: .a2_34))
            }
            var entries = [ProposedEntry(type: .citationPaid, effectiveOn: date, payload: ["amountCents": .integer(cents)]),
                           noticeEntry(.citationPaid, to: facts.complainantOrRole, on: date, channel: "mail")]
            // Payment after the due date ends the automatic suspension: the member is told they are reinstated (S3 9.3.2.5).
            if case .suspended(let since, _) = standing(view) {
                let to = facts.respondentRecipients.isEmpty ? "the respondent" : facts.respondentRecipients
                entries.append(noticeEntry(.membershipReinstated, to: to, on: date, channel: "mail",
                                           note: "Suspended from \(since) for the unpaid citation fine; reinstated on \(date)."))
            }
            return .success(entries)
        }

        /// Final by silence, the complaint closes with the payment; an accepted one closed on acceptance.
        public static func linked(_ entries: [ProposedEntry], view: StepView, facts: StepFacts) -> LinkedWrite? {
            view.has(RecordedEntry(.citationAccepted)) ? nil
                : CitationReferral.resolved(from: view, by: "final without a hearing request, and paid (S3 9.3.2.4)", on: entries.first?.effectiveOn ?? view.today)
        }
    }
}
