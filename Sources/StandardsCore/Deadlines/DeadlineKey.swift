/// Every time frame PSDesk tracks. The number of days, the basis and the day count of each come from
/// the case's rule profile; what starts and what satisfies it is in `DeadlineDerivation`.
public enum DeadlineKey: String, Codable, Sendable, CaseIterable {
    // Ethics (S4 summary of administrative time frames; S3 local windows)
    case filing                                  // a1.2–a1.4
    case gcReview = "gc-review"                  // b6.2
    case gcDecisionNotice = "gc-decision-notice" // a2.8
    case responseRequest = "response-request"    // a1.7
    case dismissalAppeal = "dismissal-appeal"    // a1.10, a2.10
    case dismissalAppealDecision = "dismissal-appeal-decision" // a1.10: next meeting, within 30 days
    case reply                                   // a1.11
    case replyForwarded = "reply-forwarded"      // a1.11
    case distribution                            // a1.13
    case challenges                              // a1.14
    case panelNamed = "panel-named"              // a1.14
    case hearingNotice = "hearing-notice"        // a1.16
    case witnessNotice = "witness-notice"        // a1.20
    case papersToPanel = "papers-to-panel"       // a1.15, a2.12
    case adjournedHearing = "adjourned-hearing"  // a1.19
    case decisionFiled = "decision-filed"        // a1.22
    case decisionTransmitted = "decision-transmitted" // a1.23, a2.14
    case appeal                                  // a1.24, a2.16
    case appealAfterRehearingDenied = "appeal-after-rehearing-denied" // a2.16
    case appealReview = "appeal-review"          // a1.27
    case appealAmendment = "appeal-amendment"    // a1.27
    case appealHearing = "appeal-hearing"        // a1.27
    case appealHearingNotice = "appeal-hearing-notice" // a1.27
    case directorsDecision = "directors-decision" // a1.30
    // Arbitration (S3 §7, b1)
    case arbitrationFiling = "arbitration-filing"        // a2.18
    case arbitrability                                   // a2.19, b6.2
    case classificationChallenge = "classification-challenge"            // b4.1: 20 days from the notice
    case classificationChallengeDecision = "classification-challenge-decision" // b4.3: next meeting, within 30 days
    case arbitrationResponse = "arbitration-response"    // b1
    case arbitrationHearingNotice = "arbitration-hearing-notice" // a2.21
    case arbitrationPapersToPanel = "arbitration-papers-to-panel" // a2.12
    case awardTransmitted = "award-transmitted"          // b1
    case awardPayment = "award-payment"                  // a2.23, b3.7
    case proceduralReview = "procedural-review"          // a2.24, a2.27, b3.8
    case motionToCorrect = "motion-to-correct"           // a2.24
    case motionObjection = "motion-objection"            // a2.24
    case suitNotice = "suit-notice"                      // a2.25
    case depositEquivalent = "deposit-equivalent"        // a2.20, b3.3
    // Citations (S3 §9)
    case citationReminder = "citation-reminder"          // a2.31
    case citationHearingRequest = "citation-hearing-request" // a2.31
    case citationPayment = "citation-payment"            // a2.31, S3 9.3.2.3: a financial obligation under the bylaws

    public var title: String {
        switch self {
        case .filing: "Complaint filed within 180 days"
        case .gcReview: "Grievance Committee reviews the complaint"
        case .gcDecisionNotice: "Parties told of the GC's decision"
        case .responseRequest: "Respondent answers the GC's request"
        case .dismissalAppeal: "Complainant may appeal the dismissal (Form E-22)"
        case .reply: "Respondent replies to the complaint"
        case .replyForwarded: "Staff sends the reply to the complainant"
        case .distribution: "Complaint and reply to complainant, President and PSC chair"
        case .challenges: "Parties may challenge panel members"
        case .panelNamed: "PSC chair names the hearing panel"
        case .hearingNotice: "Hearing notice at least 21 days ahead"
        case .witnessNotice: "Witnesses and counsel noticed"
        case .papersToPanel: "Complaint and response to the panel"
        case .adjournedHearing: "Adjourned hearing resumes"
        case .decisionFiled: "Panel files its decision"
        case .appealAfterRehearingDenied: "Appeal after the petition for rehearing was denied"
        case .dismissalAppealDecision: "Directors decide the dismissal appeal"
        case .decisionTransmitted: "Decision transmitted to the parties"
        case .appeal: "Either party may appeal the decision"
        case .appealReview: "Preliminary review of the appeal"
        case .appealAmendment: "Appellant amends the appeal returned for detail"
        case .appealHearing: "Directors hear the appeal"
        case .appealHearingNotice: "Appeal hearing notice at least 10 days ahead"
        case .directorsDecision: "Directors' written decision to parties and panel"
        case .arbitrationFiling: "Arbitration requested within 180 days"
        case .arbitrability: "GC decides arbitrability and classification"
        case .classificationChallenge: "Party may challenge the classification (Form A-20)"
        case .classificationChallengeDecision: "Directors decide the classification challenge"
        case .arbitrationResponse: "Respondent answers the arbitration request"
        case .arbitrationHearingNotice: "Arbitration hearing notice at least 21 days ahead"
        case .arbitrationPapersToPanel: "Request and response to the arbitration panel"
        case .awardTransmitted: "Award transmitted to the parties"
        case .awardPayment: "Non-prevailing party pays or escrows the award"
        case .proceduralReview: "Procedural review may be requested"
        case .motionToCorrect: "Motion to correct the award may be filed"
        case .motionObjection: "Other party may object to the motion to correct"
        case .suitNotice: "Counsel's notice of suit after a confirmed award"
        case .depositEquivalent: "Non-depositing respondent pays the deposit equivalent"
        case .citationReminder: "Reminder if the cited member has not answered"
        case .citationHearingRequest: "Cited member may request a full hearing"
        case .citationPayment: "Cited member pays the fine (or membership is suspended)"
        }
    }

    /// The rule id cited when a profile does not name one.
    public var defaultRule: RuleID {
        switch self {
        case .filing: .a1_2
        case .gcReview: .b6_2
        case .gcDecisionNotice: .a2_8
        case .responseRequest: .a1_7
        case .dismissalAppeal: .a1_10
        case .reply, .replyForwarded: .a1_11
        case .distribution: .a1_13
        case .challenges, .panelNamed: .a1_14
        case .hearingNotice: .a1_16
        case .witnessNotice: .a1_20
        case .papersToPanel: .a1_15
        case .adjournedHearing: .a1_19
        case .decisionFiled: .a1_22
        case .decisionTransmitted: .a1_23
        case .appeal: .a1_24
        case .appealAfterRehearingDenied: .a2_16
        case .dismissalAppealDecision: .a1_10
        case .appealReview, .appealAmendment, .appealHearing, .appealHearingNotice: .a1_27
        case .directorsDecision: .a1_30
        case .arbitrationFiling: .a2_18
        case .arbitrability: .a2_19
        case .classificationChallenge: .b4_1
        case .classificationChallengeDecision: .b4_3
        case .arbitrationResponse, .awardTransmitted: .b_1
        case .arbitrationHearingNotice: .a2_21
        case .arbitrationPapersToPanel: .a2_12
        case .awardPayment: .a2_23
        case .proceduralReview: .a2_27
        case .motionToCorrect, .motionObjection: .a2_24
        case .suitNotice: .a2_25
        case .depositEquivalent: .a2_20
        case .citationReminder, .citationHearingRequest, .citationPayment: .a2_31
        }
    }

    /// Windows every profile must set; the rest are local options a profile may leave out.
    public var requiredInEveryProfile: Bool {
        switch self {
        case .gcDecisionNotice, .papersToPanel, .arbitrationPapersToPanel, .adjournedHearing, .arbitrationFiling, .appealAfterRehearingDenied, .dismissalAppealDecision,
             .classificationChallenge, .classificationChallengeDecision: false
        default: true
        }
    }

    /// A party's option rather than a duty: unused, it lapses instead of being missed.
    public var isPartyOption: Bool {
        switch self {
        case .dismissalAppeal, .reply, .challenges, .appeal, .appealAfterRehearingDenied, .appealAmendment, .proceduralReview, .motionToCorrect, .motionObjection, .suitNotice,
             .citationHearingRequest, .responseRequest, .arbitrationResponse, .classificationChallenge:
            true
        default: false
        }
    }
}

public enum DeadlineStatus: String, Codable, Sendable {
    case pending, met, missed, waived, suspended
    /// A party's option whose window ended unused (no appeal, no challenge).
    case lapsed
    case notApplicable = "not-applicable"
}

/// One derived time frame of a case.
public struct Deadline: Sendable, Equatable, Encodable {
    public let key: DeadlineKey
    public let title: String
    public let rule: String
    public let basis: CountBasis
    public let count: DayCount
    /// The last day to act; nil when the start is not known yet (a receipt date not recorded).
    public let dueOn: CivilDate?
    /// For "at least N days" and "not less than N" windows: the first allowed day.
    public let earliestOn: CivilDate?
    public let triggerEntryId: UUID?
    public let satisfiedByEntryId: UUID?
    public let status: DeadlineStatus
    public let why: DeadlineExplanation
    public let closedDay: ClosedDay?
    /// Nothing recorded has met, waived or ended it: only the calendar still moves it (pending, then overdue or
    /// lapsed). What a read model keeps to list it without the docket (`OpenDeadline`, issue 12).
    public internal(set) var isOpen = false
    /// What follows when a party's option lapses unused ("the dismissal stands"), for the words once it has.
    public internal(set) var lapseNote: String?

    /// A sentence a PSA can read aloud.
    public var explanation: String { why.text }
    /// The due date falls on a weekend or holiday (and whether it was moved).
    public var closedDayNote: String? { closedDay?.text }

    enum CodingKeys: String, CodingKey {
        case key, title, rule, basis, count, dueOn, earliestOn, triggerEntryId, satisfiedByEntryId, status, explanation, closedDayNote
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(title, forKey: .title)
        try container.encode(rule, forKey: .rule)
        try container.encode(basis, forKey: .basis)
        try container.encode(count, forKey: .count)
        try container.encode(dueOn, forKey: .dueOn)
        try container.encode(earliestOn, forKey: .earliestOn)
        try container.encode(triggerEntryId, forKey: .triggerEntryId)
        try container.encode(satisfiedByEntryId, forKey: .satisfiedByEntryId)
        try container.encode(status, forKey: .status)
        try container.encode(explanation, forKey: .explanation)
        try container.encode(closedDayNote, forKey: .closedDayNote)
    }
}

import Foundation
