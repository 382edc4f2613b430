import Foundation

/// Where in an ethics case's life each intake, review and party step may come, and the rule that places it
/// there (a1.5–a1.18). A step out of order is refused rather than moving the case backwards: acknowledging a
/// case at final action would otherwise send it back to "under GC review", and serving a complaint still
/// under review would show the respondent a complaint the Committee has not yet sent on (S3 5.1.1).
///
/// `Guards.check` applies this to every entry, and the registered steps' availability reads it, so the step routes,
/// the case page's forms and `psdesk check` agree. Hearing steps carry their own openings (`HearingStep.openWhile`).
public enum EthicsStages {
    public struct Opening: Sendable, Equatable {
        public let statuses: Set<CaseStatus>
        public let rule: RuleID
        /// What the step is, in a user's words, for the refusal.
        public let step: String
    }

    /// Statuses before the hearing adjourns, while the complaint is still live.
    static let beforeHearing: Set<CaseStatus> = [.opened, .filed, .underReview, .forwarded, .replyReceived, .panelNamed, .hearingScheduled]

    public static func opening(for proposed: ProposedEntry) -> Opening? {
        switch proposed.type {
        case .complaintAcknowledged:
            return Opening(statuses: [.filed], rule: .a1_5, step: "acknowledging the complaint")
        case .gcForwarded, .gcDismissed, .gcReferredToArbitration:
            return Opening(statuses: [.underReview], rule: .a1_6, step: "the Grievance Committee's decision")
        case .dismissalAppealed:
            // A dismissal in part leaves the rest forwarded; the dismissed Articles are still appealable (a1.10).
            return Opening(statuses: [.dismissed, .forwarded, .replyReceived, .panelNamed, .hearingScheduled], rule: .a1_10, step: "appealing the dismissal")
        case .directorsPanelAppointed, .directorVoted:
            // Only a dismissal appeal's panel belongs to this table; the other matters' steps place their own (issue 18).
            guard (proposed.payload["matter"]?.textValue ?? DirectorsMatter.dismissalAppeal.rawValue) == DirectorsMatter.dismissalAppeal.rawValue else { return nil }
            fallthrough
        case .dismissalAppealDecided:
            return Opening(statuses: [.dismissalAppealed, .forwarded, .replyReceived, .panelNamed, .hearingScheduled], rule: .a1_10,
                           step: "the Directors' decision on the dismissal appeal")
        case .replyReceived:
            return Opening(statuses: [.forwarded, .replyReceived, .panelNamed, .hearingScheduled], rule: .a1_11, step: "the respondent's reply")
        case .responseReceived:
            return Opening(statuses: [.underReview], rule: .a1_7, step: "the response to the Committee")
        case .withdrawn:
            return Opening(statuses: beforeHearing, rule: .a1_17, step: "withdrawing the complaint")
        case .complaintAmended:
            return Opening(statuses: beforeHearing, rule: .a1_18, step: "amending the complaint")
        case .citationReferral:
            // Sent while forwarded; back for a hearing only to a complaint still standing (a new one starts opened).
            return proposed.payload["event"]?.textValue == "returned"
                ? Opening(statuses: [.opened, .forwarded], rule: .a2_30, step: "the complaint coming back from the citation panel for a hearing")
                : Opening(statuses: [.forwarded], rule: .a2_30, step: "sending the complaint to the citation panel")
        case .noticeSent:
            switch proposed.notice {
            case .acknowledgment: return Opening(statuses: [.filed, .underReview], rule: .a1_5, step: "the acknowledgment")
            case .completionRequest: return Opening(statuses: [.filed], rule: .a1_18, step: "sending the complaint back to be completed")
            case .responseRequest: return Opening(statuses: [.underReview], rule: .a1_7, step: "asking the respondent for a response")
            case .complaintServed: return Opening(statuses: [.forwarded], rule: .a1_11, step: "serving the complaint")
            case .replyForwarded: return Opening(statuses: [.replyReceived, .panelNamed, .hearingScheduled], rule: .a1_11, step: "sending the reply to the complainant")
            case .distribution: return Opening(statuses: [.forwarded, .replyReceived, .panelNamed], rule: .a1_13, step: "distributing the complaint and reply")
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The refusal for `proposed` on a case at `status`, or nil when the step is open.
    public static func refusal(for proposed: ProposedEntry, status: CaseStatus, docket: [DocketEntry]) -> Refusal? {
        guard let opening = opening(for: proposed) else { return nil }
        let effective = CaseProjection.effectiveEntries(docket)
        if [.gcForwarded, .gcDismissed, .gcReferredToArbitration].contains(proposed.type) {
            // A refusal to arbitrate is not for the Grievance Committee: the Directors alone decide it (a1.34).
            if effective.contains(where: { $0.type == .refusalToArbitrateFiled }) {
                return Refusal(code: "refusal_to_arbitrate_goes_to_directors",
                               message: "A refusal to arbitrate goes straight to the Board of Directors, not the Grievance Committee.", rule: .a1_34)
            }
            // Only written complaints go forward (a1.5): an oral one waits for its written form.
            let complaints = effective.filter { $0.type == .complaintFiled }
            if !complaints.isEmpty, complaints.allSatisfy({ $0.payload["channel"]?.textValue == "oral" }) {
                return Refusal(code: "oral_complaint_not_written",
                               message: "The complaint was received orally; record the written, signed complaint before the Grievance Committee acts on it.", rule: .a1_5)
            }
        }
        let lastGCDecision = effective.last { [.gcDismissed, .gcForwarded, .gcReferredToArbitration].contains($0.type) }
        // A partial decision is a dismissal of some Articles followed at once by forwarding (or referring) the rest (a1.6).
        let completesPartial = [.gcForwarded, .gcReferredToArbitration].contains(proposed.type) && status == .dismissed
            && lastGCDecision.map(DismissalAppeal.dismissesInPart) == true
        if proposed.type == .dismissalAppealed, status != .dismissed, !effective.contains(where: DismissalAppeal.dismissesInPart) {
            return Refusal(code: "step_out_of_order", message: "Nothing has been dismissed, so there is no dismissal to appeal.", rule: .a1_10)
        }
        let decidingTypes: Set<DocketEntryType> = [.dismissalAppealDecided, .directorsPanelAppointed, .directorVoted]
        let pendingAppeal = proposed.type == .dismissalAppealed || decidingTypes.contains(proposed.type) ? DismissalAppeal.pending(docket) : nil
        if decidingTypes.contains(proposed.type), pendingAppeal == nil {
            return Refusal(code: "step_out_of_order", message: "No appeal of a dismissal is waiting for the Directors.", rule: .a1_10)
        }
        if proposed.type == .dismissalAppealed, pendingAppeal != nil {
            return Refusal(code: "step_out_of_order", message: "The dismissal has already been appealed.", rule: .a1_10)
        }
        // One appeal per dismissal: the Directors' decision on it is final (a1.10).
        if proposed.type == .dismissalAppealed, let dismissal = effective.last(where: { $0.type == .gcDismissed }),
           effective.contains(where: { $0.type == .dismissalAppealDecided && $0.sequence > dismissal.sequence }) {
            return Refusal(code: "dismissal_appeal_decided", message: "The dismissal was appealed and the Directors' decision on it is final.", rule: .a1_10)
        }
        // A hearing that has sat and adjourned has begun: the complaint can no longer be withdrawn (a1.17, "before the
        // hearing adjourns") or amended (a1.18, "before the hearing"), though the case still reads "hearing scheduled".
        if [.withdrawn, .complaintAmended].contains(proposed.type), effective.contains(where: { $0.type == .hearingAdjourned }) {
            return Refusal(code: "step_out_of_order",
                           message: "The hearing has begun and adjourned, so the complaint can no longer be \(proposed.type == .withdrawn ? "withdrawn" : "amended").",
                           rule: opening.rule)
        }
        if !opening.statuses.contains(status) && !completesPartial {
            return Refusal(code: "step_out_of_order",
                           message: "This step (\(opening.step)) is not open while the case is \(status.label.lowercased()).", rule: opening.rule)
        }
        // The reply goes on once it has come in; serving needs a complaint the Committee forwarded.
        if proposed.notice == .replyForwarded, !effective.contains(where: { $0.type == .replyReceived }) {
            return Refusal(code: "step_out_of_order", message: "There is no reply to send to the complainant yet.", rule: .a1_11)
        }
        if proposed.type == .replyReceived, !effective.contains(where: { $0.parsed.notice == .complaintServed }) {
            return Refusal(code: "step_out_of_order", message: "The complaint has not been served on the respondent yet, so there is nothing to reply to.", rule: .a1_11)
        }
        return nil
    }
}

extension ProposedEntry {
    /// The notice kind of a `notice.sent` entry.
    public var notice: NoticeKind? { payload["notice"]?.textValue.flatMap(NoticeKind.parse) }
}

/// The complainant's appeal of a dismissal (a1.10), whole or in part.
public enum DismissalAppeal {
    /// The appeal the Directors have not yet decided.
    public static func pending(_ docket: [DocketEntry]) -> DocketEntry? {
        let effective = CaseProjection.effectiveEntries(docket)
        guard let appeal = effective.last(where: { $0.type == .dismissalAppealed }) else { return nil }
        return effective.contains { $0.type == .dismissalAppealDecided && $0.sequence > appeal.sequence } ? nil : appeal
    }

    /// A Grievance Committee dismissal of some Articles only (a1.6).
    public static func dismissesInPart(_ entry: DocketEntry) -> Bool {
        entry.type == .gcDismissed && entry.payload["articles"]?.textValue?.isEmpty == false
    }

    /// Whether the last dismissal was of some Articles only, the rest forwarded (a1.6): then its appeal is "partial".
    public static func isPartial(_ docket: [DocketEntry]) -> Bool {
        let effective = CaseProjection.effectiveEntries(docket)
        guard let dismissal = effective.last(where: { $0.type == .gcDismissed }) else { return false }
        return dismissesInPart(dismissal)
            && effective.contains { ($0.type == .gcForwarded || $0.type == .gcReferredToArbitration) && $0.sequence > dismissal.sequence }
    }
}
