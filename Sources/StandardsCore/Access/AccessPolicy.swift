import Foundation

/// What the policy needs to know about a case to decide. Built by the app from the case's projection and
/// the actor's ties to it; no database here.
public struct CaseFacts: Sendable, Equatable {
    public var kind: CaseKind
    public var status: CaseStatus
    /// The actor is a party (complainant, respondent, …) to this case.
    public var actorIsParty: Bool
    /// The actor takes part only as respondent (or the respondent's principal): they are not told of a
    /// complaint before the Grievance Committee has reviewed it (S3 5.1.1, a2.11).
    public var actorIsOnlyRespondent: Bool
    /// The respondent has been told of the complaint (projection `respondentNotified`).
    public var respondentNotified: Bool
    /// The actor helped the complainant frame this complaint, so may not review it (S4 (5)).
    public var actorExcludedFromReview: Bool = false
    /// The actor sits on this case's hearing, appeal or citation panel.
    public var actorSitsOnPanel: Bool
    /// The actor chairs the Professional Standards Committee, who rules on challenges and names panels (a1.14).
    public var actorChairsCommittee: Bool = false
    /// The actor chairs this case's hearing panel, who files its decision (a1.22).
    public var actorChairsPanel: Bool = false
    /// An appeal of a dismissal, whole or in part, waits for the Directors (a1.10).
    public var directorsMatterPending: Bool = false
    /// The actor is this case's assigned mediator.
    public var actorIsAssignedMediator: Bool
    /// The actor sits on the panel deciding a matter before the Directors here: under a regional agreement an appeal
    /// panel of the shared Professional Standards Committee (appendix (5)(b), (c); issue 18).
    public var actorOnDirectorsPanel: Bool = false

    /// Whether these party roles are only the respondent's side (the respondent or the respondent's principal).
    public static func onlyRespondent(_ roles: Set<PartyRole>) -> Bool {
        !roles.isEmpty && roles.isSubset(of: [.respondent, .principalOfRespondent])
    }

    public init(kind: CaseKind, status: CaseStatus, actorIsParty: Bool = false, actorIsOnlyRespondent: Bool = false, respondentNotified: Bool = false,
                actorSitsOnPanel: Bool = false, actorIsAssignedMediator: Bool = false) {
        self.respondentNotified = respondentNotified
        self.kind = kind
        self.status = status
        self.actorIsParty = actorIsParty
        self.actorIsOnlyRespondent = actorIsOnlyRespondent
        self.actorSitsOnPanel = actorSitsOnPanel
        self.actorIsAssignedMediator = actorIsAssignedMediator
    }
}

/// The one permission policy. Every route asks it; `docs/permissions.md` is its table and a test walks
/// every role × permission against that table.
public enum AccessPolicy {
    /// What each role may ever do, listed explicitly per role.
    public static func permissions(of role: Role) -> Set<Permission> {
        switch role {
        case .staff:
            // Staff record every step, but a party's own steps are the party's.
            // A Director's vote is the Director's own (issue 18): staff do not cast it.
            return Set(Permission.allCases).subtracting([.actAsParty, .workAsOmbuds, .voteAsDirector])
        case .grievance:
            return [.viewAssociation, .viewMembers, .listCases, .viewCase, .viewDocument, .decideComplaint]
        case .psc:
            return [.viewAssociation, .viewMembers, .listCases, .viewCase, .viewDocument, .actAsPanel, .voteAsDirector]
        case .president:
            return [.viewAssociation, .viewMembers, .listCases, .viewCase, .viewDocument, .reviewAppeal, .viewCitationStatistics, .viewOmbudsTrends,
                    .viewReports]
        case .director:
            // The Directors get the citation figures in the aggregate, without names (S3 9.4.6).
            // The ombuds' trends reach the Board without identities (S0 Independence), and so do the program's reports.
            return [.viewAssociation, .viewMembers, .listCases, .viewCase, .viewDocument, .viewCitationStatistics, .viewOmbudsTrends, .viewReports,
                    .voteAsDirector]
        case .citationPanel:
            // The panel issues citations (S3 9.1.2); its reach is citation cases only.
            return [.viewAssociation, .viewMembers, .listCases, .viewCase, .viewDocument, .actAsPanel]
        case .mediator:
            return [.viewAssociation, .listCases, .viewCase, .appendEntry, .viewDocument]
        case .ombuds:
            // The ombuds' own screens only: no case, no document, no member list (a3.3). Only the ombuds works on
            // the inquiries; not staff, not an administrator (S0).
            return [.viewAssociation, .workAsOmbuds, .viewOmbudsTrends]
        case .party:
            return [.viewAssociation, .listCases, .viewCase, .uploadDocument, .viewDocument, .actAsParty, .exchangeMessages]
        }
    }

    /// Which cases a role reaches at all, the named relationship checks of the design guide.
    public static func reaches(_ role: Role, _ facts: CaseFacts) -> Bool {
        switch role {
        case .staff, .president:
            return true
        case .director:
            // Directors see a case once it is before them: a dismissal appeal (a1.10), a decision to act on
            // (a1.25) or an appeal (a1.27).
            return (facts.kind == .ethics || facts.kind == .arbitration)
                && (directorsStatuses.contains(facts.status) || facts.directorsMatterPending)
        case .grievance:
            // The GC reviews ethics complaints (a1.6), arbitration requests (a2.19) and citable complaints (a2.30).
            return [.ethics, .arbitration, .citation].contains(facts.kind)
        case .psc:
            // Panelists see the cases they sit on; the PSC chair also those waiting for a panel (a1.13, a1.14).
            return facts.actorSitsOnPanel || facts.actorOnDirectorsPanel
                || (facts.actorChairsCommittee && (panelWaiting[facts.kind]?.contains(facts.status) ?? false))
        case .citationPanel:
            return facts.kind == .citation
        case .mediator:
            return facts.actorIsAssignedMediator
        case .ombuds:
            // The ombuds keeps no cases and sees none: contact with the ombuds is not notice (a3.3).
            return false
        case .party:
            if facts.actorIsOnlyRespondent && facts.kind == .ethics && !facts.respondentNotified
                && [.opened, .filed, .underReview].contains(facts.status) { return false }
            return facts.actorIsParty
        }
    }

    /// The decision for one request: some role of the actor in the case's association grants the
    /// permission and, for case-scoped permissions, reaches the case.
    public static func allows(roles: Set<Role>, _ permission: Permission, on facts: CaseFacts? = nil) -> Bool {
        roles.contains { role in
            guard permissions(of: role).contains(permission) else { return false }
            guard permission.isCaseScoped else { return true }
            if permission == .decideComplaint, facts?.actorExcludedFromReview == true { return false }
            // Without a case (a queue, a "new case" button) the role's permission is the answer; which
            // cases it reaches is checked per case.
            guard let facts else { return true }
            return reaches(role, facts)
        }
    }

    /// The role × permission table as Markdown, as kept in `docs/permissions.md`.
    public static func markdownTable() -> String {
        var lines = ["| role | " + Permission.allCases.map(\.rawValue).joined(separator: " | ") + " |",
                     "|---|" + Permission.allCases.map { _ in "---" }.joined(separator: "|") + "|"]
        for role in Role.allCases {
            let granted = permissions(of: role)
            lines.append("| \(role.rawValue) | " + Permission.allCases.map { granted.contains($0) ? "allow" : "deny" }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// What one role reaches, as a filter a list can apply in the database before the policy checks each row
/// (`AccessPolicy.reaches` stays the decision). A superset of `reaches`, held so by a test over every role, kind
/// and status; exact for every role but a party's (the respondent who is not yet told of a complaint, S3 5.1.1).
public struct CaseReach: Sendable, Equatable {
    /// The kinds reached.
    public var kinds: Set<CaseKind>
    /// Only cases in these statuses, when the role is narrowed by stage (nil: any status).
    public var statuses: Set<CaseStatus>?
    /// Also a case with a dismissal appeal pending, whatever its status (the Directors, a1.10).
    public var orDirectorsMatterPending = false
    /// Only the actor's own cases: those they are a party to or sit on a panel of.
    public var ownCasesOnly = false

    public init(kinds: Set<CaseKind>, statuses: Set<CaseStatus>? = nil, orDirectorsMatterPending: Bool = false, ownCasesOnly: Bool = false) {
        self.kinds = kinds; self.statuses = statuses; self.orDirectorsMatterPending = orDirectorsMatterPending; self.ownCasesOnly = ownCasesOnly
    }

    /// Whether a case of this kind and status, tied to the actor or not, passes the filter.
    public func admits(kind: CaseKind, status: CaseStatus, directorsMatterPending: Bool, own: Bool) -> Bool {
        guard kinds.contains(kind), !ownCasesOnly || own else { return false }
        guard let statuses else { return true }
        return statuses.contains(status) || (orDirectorsMatterPending && directorsMatterPending)
    }
}

extension AccessPolicy {
    static let directorsStatuses: Set<CaseStatus> = [.dismissalAppealed, .beforeDirectors, .decided, .appealed, .appealHeard, .finalAction]
    static let panelWaitingStatuses: Set<CaseStatus> = [.forwarded, .replyReceived, .panelNamed, .hearingScheduled]
    /// Where the PSC chair sees a case waiting for its panel: an ethics case once forwarded, an arbitration once
    /// classified (a1.14, S3 7.3.4).
    static let panelWaiting: [CaseKind: Set<CaseStatus>] = [
        .ethics: panelWaitingStatuses,
        .arbitration: [.classified, .replyReceived, .mediationEnded, .panelNamed, .hearingScheduled],
    ]

    /// The filters whose union is what `role` reaches (`reaches`), for a list query.
    public static func reach(_ role: Role, chairsCommittee: Bool) -> [CaseReach] {
        let all = Set(CaseKind.allCases)
        switch role {
        case .staff, .president: return [CaseReach(kinds: all)]
        case .director: return [CaseReach(kinds: [.ethics, .arbitration], statuses: directorsStatuses, orDirectorsMatterPending: true)]
        case .grievance: return [CaseReach(kinds: [.ethics, .arbitration, .citation])]
        case .psc:
            return [CaseReach(kinds: all, ownCasesOnly: true)]
                + (chairsCommittee ? panelWaiting.sorted { $0.key.rawValue < $1.key.rawValue }.map { CaseReach(kinds: [$0.key], statuses: $0.value) } : [])
        case .citationPanel: return [CaseReach(kinds: [.citation])]
        case .mediator: return [CaseReach(kinds: all, ownCasesOnly: true)]
        case .ombuds: return []
        case .party: return [CaseReach(kinds: all, ownCasesOnly: true)]
        }
    }
}
