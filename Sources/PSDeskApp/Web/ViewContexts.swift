import Vapor
import StandardsCore

/// What the base layout needs: page title, the signed-in user, navigation and the CSRF token.
struct LayoutContext: Encodable {
    struct NavAssociation: Encodable { let name: String; let url: String; let current: Bool }
    let title: String
    let userName: String?
    let csrf: String
    let associations: [NavAssociation]
    let current: CurrentAssociation?
    struct CurrentAssociation: Encodable {
        let name: String
        let slug: String
        let dashboardURL: String
        let casesURL: String
        let canListCases: Bool
        let membersURL: String
        let canViewMembers: Bool
        let gcQueueURL: String?
        let directorsURL: String?
        let committeeURL: String?
        let myPanelsURL: String?
        let moneyURL: String?
        /// The citation schedule and figures, where the profile adopts citations (b9.1).
        let citationsURL: String?
        /// Staff's people and roles (issue 13).
        let peopleURL: String?
        /// Staff's letter templates (issue 19).
        let lettersURL: String?
        /// Staff's retention page (issue 20).
        let recordsURL: String?
        /// The dashboard and annual report, for staff and the Board (issue 20).
        let reportsURL: String?
        /// The ombuds' desk for the ombuds; the program's anonymous trends for the Board and staff (S0).
        let ombudsURL: String?
        let ombudsLabel: String
        let isStaff: Bool
    }

    /// The page's language (`<html lang>`) and the layout's own strings in it; staff pages are English, a public page
    /// or a party's page takes the reader's (`localized`).
    var lang = "en"
    var t: [String: String]
    /// The same page in the other language (`?lang=`), on pages that have both.
    var languageSwitch: String?

    /// This layout in the request's language, with a link to the page in the other one.
    func localized(_ request: Request) -> LayoutContext { self.in(request.language, request) }

    /// This layout in the language, with a link to the page in the other one.
    func `in`(_ language: LetterLanguage, _ request: Request) -> LayoutContext {
        var copy = self
        copy.lang = language.rawValue
        copy.t = request.application.catalog.common[language] ?? [:]
        let other: LetterLanguage = language == .en ? .es : .en
        copy.languageSwitch = request.url.path + "?lang=" + other.rawValue
        return copy
    }

    init(request: Request, title: String, scope: AssociationScope? = nil, associations: [Association] = []) {
        self.t = request.application.catalog.common[.en] ?? [:]
        self.title = title
        self.userName = request.actor?.displayName
        self.csrf = request.usesWebSession ? CSRFProtection.token(for: request) : ""
        self.associations = associations.map { .init(name: $0.name, url: Paths.dashboard($0.slug), current: $0.id == scope?.id) }
        self.current = scope.map {
            .init(name: $0.association.name, slug: $0.association.slug, dashboardURL: Paths.dashboard($0.association.slug),
                  casesURL: Paths.cases($0.association.slug), canListCases: AccessPolicy.allows(roles: $0.roles, .listCases),
                  membersURL: Paths.members($0.association.slug),
                  canViewMembers: AccessPolicy.allows(roles: $0.roles, .viewMembers),
                  gcQueueURL: AccessPolicy.allows(roles: $0.roles, .decideComplaint) ? "/a/\($0.association.slug)/gc-queue" : nil,
                  directorsURL: $0.roles.isDisjoint(with: [.director, .president, .staff]) ? nil : "/a/\($0.association.slug)/directors",
                  committeeURL: $0.roles.isDisjoint(with: [.psc, .staff]) ? nil : "/a/\($0.association.slug)/committee",
                  myPanelsURL: $0.roles.isDisjoint(with: HearingController.sittingRoles) ? nil : "/a/\($0.association.slug)/my-panels",
                  moneyURL: $0.roles.contains(.staff) ? "/a/\($0.association.slug)/money" : nil,
                  citationsURL: Self.citationsURL($0, request: request),
                  peopleURL: AccessPolicy.allows(roles: $0.roles, .managePeople) ? "/a/\($0.association.slug)/people" : nil,
                  lettersURL: AccessPolicy.allows(roles: $0.roles, .manageLetters) ? LetterTemplateController.url($0.association.slug) : nil,
                  recordsURL: AccessPolicy.allows(roles: $0.roles, .destroyRecords) ? RecordsController.url($0.association.slug) : nil,
                  reportsURL: AccessPolicy.allows(roles: $0.roles, .viewReports) ? ReportsController.url($0.association.slug) : nil,
                  ombudsURL: AccessPolicy.allows(roles: $0.roles, .workAsOmbuds) ? "/a/\($0.association.slug)/ombuds"
                    : AccessPolicy.allows(roles: $0.roles, .viewOmbudsTrends) ? "/a/\($0.association.slug)/ombuds/trends" : nil,
                  ombudsLabel: AccessPolicy.allows(roles: $0.roles, .workAsOmbuds) ? "Ombuds" : "Ombuds trends",
                  isStaff: $0.roles.contains(.staff))
        }
    }
}

extension LayoutContext {
    /// Only an association whose profile adopts citations has a citation program (b9.1); a party reaches their own
    /// citation through the case.
    static func citationsURL(_ scope: AssociationScope, request: Request) -> String? {
        guard !scope.roles.isDisjoint(with: [.staff, .citationPanel, .director, .president, .grievance]),
              let today = try? request.today(for: scope.association),
              scope.association.adoptsCitations(on: today) else { return nil }
        return "/a/\(scope.association.slug)/citations"
    }
}

struct ErrorPage: Encodable {
    let layout: LayoutContext
    let status: Int
    let heading: String
    let message: String
    let rule: String?
    /// The request's id, as in the log and the `X-Request-Id` header (issue 21).
    var requestID = ""
}

struct LoginPage: Encodable {
    let layout: LayoutContext
    let email: String
    let next: String
    let error: String?
    /// Where a member of the public can file a complaint without an account (a1.1).
    let filing: [PublicLink]
    struct PublicLink: Encodable { let name: String; let url: String }
}

struct DashboardPage: Encodable {
    let layout: LayoutContext
    /// Profile, Board and time zone: for the association's people, not for a party, who sees plain language.
    /// The filing form in staff's paper mode (a complaint received by post or by hand).
    let paperComplaintURL: String
    let showAssociationFacts: Bool
    let association: AssociationSummary
    let roles: [String]
    let openCount: Int
    let closedCount: Int
    let byKind: [Count]
    let byStatus: [Count]
    let recent: [CaseRow]
    let canCreateCase: Bool
    let newCaseURL: String
    let worklist: WorklistView?
    /// For a party: the time frames running for them on their own cases.
    let dueFromYou: [WorklistView.Line]
    /// What the last action did, once ("The message was queued again.").
    var said: [String] = []
    /// The page's own words for a party (`portal_…`), in their language (issue 19).
    var t: [String: String] = [:]
    struct Count: Encodable { let label: String; let count: Int }
    struct WorklistView: Encodable {
        let newComplaints: [CaseRow]
        let newComplaintsTotal: Int
        let dueSoon: [Line]
        let dueSoonTotal: Int
        let overdue: [Line]
        let overdueTotal: Int
        let compliance: [ComplianceLine]
        let complianceTotal: Int
        /// How many lines a list shows at most: past it, the page says how many more there are.
        let shown: Int
        /// Email that has not gone out: refused by the relay, failed, without an address, or no relay configured.
        let undeliveredMail: [MailLine]
        /// No relay is configured (`PSDESK_SMTP_HOST`): nothing leaves until one is.
        let noRelay: Bool
        struct MailLine: Encodable {
            let to: String; let address: String; let subject: String; let caseNumber: String?; let caseURL: String?
            let state: String; let error: String?; let attempts: Int; let resendURL: String; let fieldID: String
        }
        struct Line: Encodable { let caseNumber: String; let caseURL: String; let title: String; let due: String; let rule: String; let explanation: String }
        struct ComplianceLine: Encodable { let caseNumber: String; let caseURL: String; let sanction: String; let due: String; let status: String; let statusClass: String; let note: String; let rule: String }
    }
    struct AssociationSummary: Encodable {
        let name: String
        let ruleProfile: String
        let regionalAgreement: String?
        let timeZone: String
        let board: String
    }
}

struct CaseRow: Encodable {
    let number: String
    let url: String
    let kind: String
    let title: String
    let status: String
    let statusClass: String
    let parties: String
    let openedOn: String
    let lastActivity: String
    /// Other cases this complaint looks like (same complainant, respondents and dates), for intake lists.
    var possibleDuplicates: [String] = []
}

struct CaseListPage: Encodable {
    let layout: LayoutContext
    let query: String
    let rows: [CaseRow]
    let canCreateCase: Bool
    let newCaseURL: String
    let searchURL: String
    /// "Cases 101–200 of 21,285": the list is complete, shown a page at a time.
    let total: Int
    let firstShown: Int
    let lastShown: Int
    let previousURL: String?
    let nextURL: String?
    /// The filter form's choices, each marking the one in force.
    let kinds: [Choice]
    let statuses: [Choice]
    let dueWindows: [Choice]
    /// Every order, for the form (a phone shows no column headers to click).
    let sorts: [Choice]
    /// The column headers, each a link that sorts by it (and again the other way).
    let columns: [Column]
    let articles: [Choice]
    /// The person whose cases these are, when the list is narrowed to one party's (`party`).
    let party: Choice?
    /// Some filter is in force: the page offers to clear them.
    let filtered: Bool
    /// The page's words (`list_…`): a party's in their language, English for everyone else (issue 19).
    var t: [String: String] = [:]
    struct Choice: Encodable { let value: String; let label: String; let selected: Bool }
    struct Column: Encodable { let key: String; let label: String; let url: String; let sorted: String? }
}

struct NewCasePage: Encodable {
    let layout: LayoutContext
    let actionURL: String
    let kinds: [Option]
    let complainants: [Option]
    let respondents: [Option]
    let form: Form
    let errors: [String]
    struct Option: Encodable { let value: String; let label: String; let selected: Bool }
    struct Form: Encodable {
        var kind = ""
        var title = ""
        var openedOn = ""
        var summary = ""
        var complainant = ""
        var respondent = ""
    }
}

struct CasePage: Encodable {
    let layout: LayoutContext
    /// The reminders sent on this case (issue 19), for staff: "2026-11-23 · 7 days before: Respondent replies … to Rita Realtor".
    var reminders: [String] = []
    /// The case's message threads (issue 19): staff's to every party, a party's own.
    var messagesURL: String?
    /// The page's own words (`portal_…`) in the reader's language: a party's own, English for staff (issue 19).
    var t: [String: String] = [:]
    let number: String
    let title: String
    let kind: String
    let status: String
    let statusClass: String
    let openedOn: String
    let parties: [Party]
    let timeline: [TimelineEntry]
    let documents: [DocumentRow]
    let canAppend: Bool
    let canUpload: Bool
    /// The file types the upload takes here (`UploadDocument.allowed`): a hearing's recording too, for staff.
    var uploadAccept = ""
    var takesRecordings = false
    let entryTypes: [NewCasePage.Option]
    let entryForm: EntryForm?
    let entryTypeURL: String
    let uploadURL: String
    let today: String
    let errors: [String]
    let uploadErrors: [String]
    var notices: [String]
    let profile: String
    /// Staff may acknowledge a complaint awaiting intake.
    let acknowledgeURL: String?
    /// The Grievance Committee's decision form, while the complaint is before it.
    let gcDecision: GCDecisionForm?
    /// Steps staff take next: serve a forwarded complaint, record the Directors' decision on a dismissal appeal.
    let serveURL: String?
    let dismissalAppealDecisionURL: String?
    /// The Board roster, to name the Directors who decided the dismissal appeal (a1.10).
    let directorOptions: [NewCasePage.Option]
    let requestCompletionURL: String?
    let distributeURL: String?
    let forwardReplyURL: String?
    let amendURL: String?
    let requestResponseURL: String?
    let respondURL: String?
    /// Staff may assign a GC member to help the complainant; the options are the GC's members (S4 (5)).
    let assignHelperURL: String?
    let helperOptions: [NewCasePage.Option]
    /// Shown to a GC member who helped the complainant: they may not review it.
    let excludedFromReview: Bool
    /// Staff see the parties' steps to record what came on paper, with the date it was received.
    let onPaper: Bool
    /// The signed-in party's own steps (or staff's, from paper).
    let replyURL: String?
    let appealDismissalURL: String?
    let withdrawURL: String?
    struct GCDecisionForm: Encodable {
        let actionURL: String
        let decisions: [NewCasePage.Option]
        let reasons: [NewCasePage.Option]
        let articles: String
        let narrative: String
        let questions: [String]
        let today: String
        let amendURL: String
    }
    /// After a withdrawal past transmittal, the GC may continue for a potential public-trust violation (a1.17).
    let gcContinueURL: String?
    let deadlines: [DeadlineRow]
    /// What the signed-in party must do on this case, by when (empty for everyone else).
    let yourDuties: [DeadlineRow]
    /// What the last step did, once ("The complaint was acknowledged.").
    let said: [String]
    /// The case-page form a step was refused from, with its message and what was typed.
    let failure: CaseStepForm.Failure
    /// The hearing page: panel, hearing, decision, appeal, Directors' action (issue 6).
    var hearingURL: String? = nil
    /// Record a refusal to abide by an arbitration award (a1.35).
    var awardRefusalURL: String? = nil
    /// Staff record a paper request for arbitration; the Committee classifies it (issue 14).
    var arbitrationRequestURL: String? = nil
    var arbitrationClassifyURL: String? = nil
    var arbitrationServeURL: String? = nil
    var arbitrationRespondURL: String? = nil
    /// Staff assign a mediation officer (one of `mediators`); the officer or staff record how it ended (S3 §8).
    /// A party (or staff from Form A-20) challenges the classification; staff record the Directors' decision (b.4).
    var classificationChallengeURL: String? = nil
    var classificationDecideURL: String? = nil
    var mediationAssignURL: String? = nil
    var mediationConcludeURL: String? = nil
    var mediators: [Choice] = []
    /// One choice of a select: the value sent and the label shown.
    struct Choice: Encodable { let value: String; let label: String }
    /// The mediator or staff set a session with notice (a2.29); staff record the President's specialists (a2.22).
    var mediationSessionURL: String? = nil
    var specialistsURL: String? = nil
    /// The dispute's field when it needs specialists ("commercial"), for the specialists form.
    var specialistField: String? = nil
    /// An ethics complaint held for an arbitration, or resumed (b2.10); on an arbitration, the ethics cases waiting for it.
    var holdForArbitrationURL: String? = nil
    var heldFor: CaseLink? = nil
    var waitingEthicsCases: [CaseLink] = []
    struct CaseLink: Encodable { let number: String; let url: String }
    struct WordedLink: Encodable { let number: String; let url: String; let words: String }
    /// The case this one is linked to: the citation review a complaint waits for, or the case it was opened from.
    var linkedCase: WordedLink? = nil
    /// The panel files the award; staff record payment into escrow or directly (a2.23, b3.6).
    var awardRenderURL: String? = nil
    var awardEscrowURL: String? = nil
    var awardSatisfiedURL: String? = nil
    var awardReleaseURL: String? = nil
    /// What of the award is still to be paid, and what the association holds in escrow ("$4,300.00").
    var awardUnpaid: String? = nil
    var escrowHeld: String? = nil
    /// When the arbitration file may be destroyed (S3 1.1.3, a2.2), or why that is not known yet; for staff.
    var retention: String? = nil
    /// The cited member's automatic suspension for an unpaid fine, or its end (S3 9.3.2.5).
    var citationStanding: String? = nil
    /// The Directors' panel on a dismissal appeal and the votes so far (issue 18).
    var directorsPanel: String? = nil
    /// Staff open the form for a respondent who left the association (S4 (14)); the printable packet once one was sent.
    var resignationURL: String? = nil
    var transferPacketURL: String? = nil
    /// The forms drawn by `step-form.leaf`, for the steps open now (`StepForm`).
    var stepForms: [StepForm] = []
    /// The profile's deposit, for the request form's explanation ("$500.00").
    var arbitrationDeposit: String? = nil
    struct DeadlineRow: Encodable {
        var title: String
        var due: String
        var status: String
        let statusClass: String
        let rule: String
        var explanation: String
        var closedDayNote: String?
    }
    /// `contact` (email, phone, address) is filled for staff only, who must be able to reach every party.
    struct Party: Encodable { let name: String; let role: String; let email: String?; let phone: String?; let address: String? }
    struct TimelineEntry: Encodable {
        let anchor: String
        let sequence: Int
        let effectiveOn: String
        let weekday: String
        let title: String
        let rule: String?
        let details: [Detail]
        let actor: String
        let recordedAt: String
        let note: String?
        let struck: Bool
        let correctURL: String?
        let documents: [DocumentRow]
        /// For a notice: its printable letter, and where to record the day it was received.
        let letterURL: String?
        let receiptURL: String?
        struct Detail: Encodable { let label: String; let value: String }
    }
    struct DocumentRow: Encodable { let title: String; let filename: String; let size: String; let url: String; let uploadedAt: String }
    struct EntryForm: Encodable {
        let actionURL: String
        let type: String
        let typeTitle: String
        let effectiveOn: String
        let corrects: String
        let correctsLabel: String?
        let fields: [Field]
        struct Field: Encodable {
            let name: String
            let label: String
            let input: String   // text, textarea, date, number, select
            let required: Bool
            let value: String
            let options: [NewCasePage.Option]
        }
    }
}

struct MembersPage: Encodable {
    let layout: LayoutContext
    /// Staff import the roster from a CSV (issue 13).
    let importURL: String?
    let query: String
    let searchURL: String
    let rows: [Row]
    let count: Int
    struct Row: Encodable {
        let number: String
        let name: String
        let type: String
        let principal: Bool
        let firm: String
        let office: String
        let email: String
        let membership: String
        /// The cases this member is a party to (the case list's `party` filter).
        let casesURL: String
        /// Suspended automatically for an unpaid citation fine (S3 9.3.2.5), with the citation's case.
        let suspension: String?
        let suspensionURL: String?
    }
}

extension Request {
    private struct WebSessionKey: StorageKey { typealias Value = Bool }

    /// True once the web group's session middleware has run for this request (set by `SessionAuthentication`).
    var usesWebSession: Bool {
        get { storage[WebSessionKey.self] ?? false }
        set { storage[WebSessionKey.self] = newValue }
    }
}
