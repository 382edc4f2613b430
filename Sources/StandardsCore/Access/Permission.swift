/// A role a user holds in one association. Stored as the raw value.
public enum Role: String, Codable, Sendable, CaseIterable {
    case staff, president, director, grievance, psc
    case citationPanel = "citation-panel"
    case mediator, ombuds, party

    public var label: String {
        switch self {
        case .staff: "Staff (PSA)"
        case .president: "President"
        case .director: "Director"
        case .grievance: "Grievance Committee"
        case .psc: "Professional Standards Committee"
        case .citationPanel: "Citation panel"
        case .mediator: "Mediator"
        case .ombuds: "Ombuds"
        case .party: "Party"
        }
    }
}

/// The verbs a route may ask for.
public enum Permission: String, Codable, Sendable, CaseIterable {
    case viewAssociation = "association.view"
    case viewMembers = "members.view"
    case manageMembers = "members.manage"
    case listCases = "cases.list"
    case createCase = "cases.create"
    case viewCase = "case.view"
    case appendEntry = "docket.append"
    case uploadDocument = "document.upload"
    case viewDocument = "document.view"
    /// Record the Grievance Committee's decision on a complaint (a1.6).
    case decideComplaint = "complaint.decide"
    /// A party's own steps on their case: reply, appeal a dismissal, withdraw (a1.10, a1.11, a1.17).
    case actAsParty = "case.party-action"
    /// A panelist's own steps: certificate, conflict disclosure, the decision; the PSC chair's rulings and naming (a1.14, a1.22, b7.3).
    case actAsPanel = "case.panel-action"
    /// The President's preliminary review of an ethics appeal (a1.27).
    case reviewAppeal = "appeal.review"
    /// Invite people to roles in the association, grant and revoke roles, deactivate accounts (issue 13).
    case managePeople = "people.manage"
    /// See email that was not delivered and send it again (issue 13).
    case manageMail = "mail.manage"
    /// Record a new version of the citation schedule (a2.35, b9.4).
    case manageCitations = "citations.manage"
    /// Write and read the case's message thread between staff and one party (issue 19): staff every party's, a party
    /// their own only.
    case exchangeMessages = "messages.exchange"
    /// Rewrite the association's letter templates, each save a new version (issue 19).
    case manageLetters = "letters.manage"
    /// List the files the retention rules let go, place and release legal holds, and confirm a destruction (issue 20).
    case destroyRecords = "records.destroy"
    /// The citation figures without names, given to the Directors (S3 9.4.6).
    case viewCitationStatistics = "citations.statistics"
    /// The program's counts without names (issue 20): the dashboard of open cases and time frames, the annual activity
    /// report (rolled up across a regional agreement), for staff and the Board.
    case viewReports = "reports.view"
    /// A Director's own vote on a panel of Directors they were appointed to (issue 18; a1.10), or a PSC member's on a
    /// regional appeal panel (appendix (5)(b)); the step refuses anyone not on the panel.
    case voteAsDirector = "directors.vote"
    /// Read and answer ombuds inquiries, keep working notes, close them: the ombuds' alone (S0, a3.3).
    case workAsOmbuds = "ombuds.work"
    /// The ombuds program's high-level trends, without identities, for the Board (S0 Independence).
    case viewOmbudsTrends = "ombuds.trends"

    /// Permissions that concern one case, and so also pass the case-scope check of `AccessPolicy`.
    public var isCaseScoped: Bool {
        switch self {
        case .viewCase, .appendEntry, .uploadDocument, .viewDocument, .createCase, .decideComplaint, .actAsParty, .actAsPanel, .reviewAppeal,
             .voteAsDirector, .exchangeMessages: true
        default: false
        }
    }
}
