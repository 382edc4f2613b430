import Foundation

/// The bodies whose members hear and review cases (S3 1.2–1.3, 3.2–3.3, 9.1.2; the multi-Board appendix (4)).
public enum CommitteeBody: String, CaseIterable, Codable, Sendable {
    /// Reviews complaints and classifies arbitration requests (S3 3.2).
    case grievance
    /// Hearing panels are drawn from it (S3 3.3, a1.14).
    case psc
    /// Hears appeals, in panels of five (S3 1.3, a2.4).
    case directors
    /// May stand in for the Directors on a dismissal appeal (S4 (11), (32)).
    case executive
    /// Three PSC members with hearing experience, appointed by the executive officer (S3 9.1.2, b9.2).
    case citationPanel = "citation-panel"
    /// Mediation officers (S3 §8; appendix (4)(d)).
    case mediators

    public var label: String {
        switch self {
        case .grievance: "Grievance Committee"
        case .psc: "Professional Standards Committee"
        case .directors: "Board of Directors"
        case .executive: "Executive Committee"
        case .citationPanel: "citation panel"
        case .mediators: "mediation officers"
        }
    }

    /// Members of the Grievance and Professional Standards Committees attend professional-standards training each
    /// year by the end of the second quarter to be eligible (S3 3.2, 3.3; a2.7).
    public var needsTraining: Bool { self == .grievance || self == .psc }

    /// The two committees serve staggered three-year terms (S3 3.2, appendix (4)(c)); the others serve as their
    /// association appoints them.
    public var hasTerms: Bool { self == .grievance || self == .psc }

    /// Who appoints the chair and the vice-chair (S3 3.2, 3.3: the President and the President-Elect).
    public static let chairAppointedBy = "the President"
    public static let viceChairAppointedBy = "the President-Elect"
}

/// What one association's rules ask of a body's size and make-up.
public struct BodyComposition: Codable, Sendable, Equatable {
    public var minimum: Int
    /// Every member a REALTOR (OBAR's Grievance Committee, S3 3.2).
    public var realtorsOnly: Bool
    /// A majority of REALTORs (OBAR's PSC, S3 3.3).
    public var majorityRealtors: Bool
    /// Divided into panels of this size, each with its own chair (OBAR's Grievance Committee: two of six, S3 3.2.1).
    public var subpanels: Int
    public var subpanelSize: Int
    public var rule: RuleID

    public init(minimum: Int, realtorsOnly: Bool = false, majorityRealtors: Bool = false, subpanels: Int = 0, subpanelSize: Int = 0, rule: RuleID) {
        self.minimum = minimum; self.realtorsOnly = realtorsOnly; self.majorityRealtors = majorityRealtors
        self.subpanels = subpanels; self.subpanelSize = subpanelSize; self.rule = rule
    }

    /// Under a regional agreement (appendix (4)): the Grievance Committee at least three people with one from each
    /// signatory; the Professional Standards Committee at least nine with two from each; a mediation officer from each.
    public static func regional(_ body: CommitteeBody) -> (minimum: Int, perSignatory: Int)? {
        switch body {
        case .grievance: (3, 1)
        case .psc: (9, 2)
        case .mediators: (0, 1)
        default: nil
        }
    }
}

/// A member of a body as the roster checks see them.
public struct RosterMember: Sendable, Equatable {
    public var name: String
    /// The association that appointed them (a signatory, under a regional agreement).
    public var association: String
    public var isRealtor: Bool
    public var isChair: Bool
    public var isViceChair: Bool
    public var termEndsOn: CivilDate?
    /// The Grievance Committee panel they sit on (1, 2, …), where the committee is divided (S3 3.2.1).
    public var subpanel: Int?
    public var trainingCurrentThrough: CivilDate?
    public var certifiedTrainer: Bool

    public init(name: String, association: String, isRealtor: Bool = true, isChair: Bool = false, isViceChair: Bool = false, termEndsOn: CivilDate? = nil,
                subpanel: Int? = nil, trainingCurrentThrough: CivilDate? = nil, certifiedTrainer: Bool = false) {
        self.name = name; self.association = association; self.isRealtor = isRealtor; self.isChair = isChair; self.isViceChair = isViceChair
        self.termEndsOn = termEndsOn; self.subpanel = subpanel; self.trainingCurrentThrough = trainingCurrentThrough; self.certifiedTrainer = certifiedTrainer
    }

    /// Serving on `day`: no term, or a term not yet over.
    public func serving(on day: CivilDate) -> Bool { termEndsOn.map { day <= $0 } ?? true }
}

/// Annual professional-standards training (S3 3.2, 3.3; a2.7): attended by the end of the second quarter of each year
/// to be eligible; a certified professional-standards trainer is exempt.
public enum CommitteeTraining {
    /// Training attended on `day` keeps a member eligible until the end of the next year's second quarter (30 June).
    public static func currentThrough(trainedOn day: CivilDate) -> CivilDate {
        CivilDate(year: day.year + 1, month: 6, day: 30) ?? day
    }

    public static func eligible(on day: CivilDate, currentThrough: CivilDate?, certifiedTrainer: Bool) -> Bool {
        certifiedTrainer || (currentThrough.map { day <= $0 } ?? false)
    }
}

/// Committee terms: three years, staggered; a regional agreement's first appointments for one, two and three years,
/// a third each (S3 3.2; appendix (4)(c)).
public enum CommitteeTerms {
    public static let years = 3
    /// A term about to end is flagged this many days ahead, so the reappointment is made in time.
    public static let warningDays = 60

    /// The last day of a term that starts on `start` and lasts `years` years.
    public static func endsOn(startingOn start: CivilDate, years: Int = years) -> CivilDate {
        start.adding(months: years * 12).adding(days: -1)
    }

    /// The initial terms of `count` first appointments under a regional agreement: one, two and three years in turn, so a
    /// third of the committee is renewed each year (appendix (4)(c)).
    public static func initialYears(count: Int) -> [Int] { (0..<max(0, count)).map { $0 % 3 + 1 } }
}

/// What is wrong with a body's roster today, as warnings on the committee page: too few members, the wrong make-up,
/// panels without a chair, terms ending, training lapsed.
public enum RosterWarnings {
    /// - Parameters:
    ///   - composition: the association's own rule for the body, if its profile has one.
    ///   - signatories: under a regional agreement, every signatory's name (the roster is then the joint one).
    public static func check(_ body: CommitteeBody, members all: [RosterMember], composition: BodyComposition?, signatories: [String]?,
                             today: CivilDate) -> [Refusal] {
        var warnings: [Refusal] = []
        let members = all.filter { $0.serving(on: today) }
        func warn(_ code: String, _ message: String, _ rule: RuleID) { warnings.append(Refusal(code: code, message: message, rule: rule)) }
        let expired = all.filter { !$0.serving(on: today) }
        if !expired.isEmpty {
            warn("term_expired", "\(expired.map(\.name).joined(separator: ", ")): term ended; reappoint or remove (they no longer count).", .a2_7)
        }
        if body.hasTerms {
            let ending = members.filter { $0.termEndsOn.map { today.days(to: $0) <= CommitteeTerms.warningDays } ?? false }
            for member in ending {
                warn("term_ending", "\(member.name): term ends on \(member.termEndsOn!); reappoint for three years or appoint a successor.", .a2_7)
            }
        }
        if let signatories, let regional = BodyComposition.regional(body) {
            if members.count < regional.minimum {
                warn("below_regional_minimum", "The joint \(body.label) has \(members.count) members; the agreement needs at least \(regional.minimum).", .a2_36)
            }
            for signatory in signatories {
                let count = members.filter { $0.association == signatory }.count
                if count < regional.perSignatory {
                    warn("signatory_short", "\(signatory) has \(count) on the joint \(body.label); each signatory appoints at least \(regional.perSignatory).", .a2_36)
                }
            }
        } else if let composition {
            let rule = composition.rule
            if members.count < composition.minimum {
                warn("below_minimum", "The \(body.label) has \(members.count) members; at least \(composition.minimum) are required.", rule)
            }
            let others = members.filter { !$0.isRealtor }
            if composition.realtorsOnly, !others.isEmpty {
                warn("not_realtors", "\(others.map(\.name).joined(separator: ", ")): every member of the \(body.label) is a REALTOR.", rule)
            }
            if composition.majorityRealtors, members.filter(\.isRealtor).count * 2 <= members.count, !members.isEmpty {
                warn("not_majority_realtors", "A majority of the \(body.label) must be REALTORs; \(members.filter(\.isRealtor).count) of \(members.count) are.", rule)
            }
            if composition.subpanels > 0 {
                for panel in 1...composition.subpanels {
                    let seated = members.filter { $0.subpanel == panel }
                    if seated.count < composition.subpanelSize {
                        warn("subpanel_short", "Panel \(panel) has \(seated.count) of its \(composition.subpanelSize) members.", rule)
                    }
                    if !seated.isEmpty, !seated.contains(where: \.isChair) {
                        warn("subpanel_no_chair", "Panel \(panel) has no chair: the President designates one for each panel (S3 3.2.1).", rule)
                    }
                }
            }
        }
        // The two committees have a chair the President appoints (S3 3.2, 3.3); a divided GC has one per panel, checked above.
        if body.hasTerms, !members.isEmpty, body != .grievance || composition?.subpanels ?? 0 == 0, !members.contains(where: \.isChair) {
            warn("no_chair", "The \(body.label) has no chair.", body == .psc ? .a2_9 : .a2_7)
        }
        if body.needsTraining {
            let lapsed = members.filter { !CommitteeTraining.eligible(on: today, currentThrough: $0.trainingCurrentThrough, certifiedTrainer: $0.certifiedTrainer) }
            if !lapsed.isEmpty {
                warn("training_lapsed", "\(lapsed.map(\.name).joined(separator: ", ")): no professional-standards training this year; not eligible to serve until trained (a2.7).", .a2_7)
            }
        }
        return warnings
    }
}

/// The Board's yearly review of the Grievance and Professional Standards Committees, at which it may remove members
/// (S3 3.2).
public enum CommitteeReview {
    /// The committees the review covers.
    public static let bodies: [CommitteeBody] = [.grievance, .psc]

    /// A warning when no review is recorded within the last year.
    public static func due(lastReviewedOn: CivilDate?, today: CivilDate) -> Refusal? {
        guard let last = lastReviewedOn else {
            return Refusal(code: "review_due", message: "No yearly review of the Grievance and Professional Standards Committees by the Board is recorded (S3 3.2).", rule: .a2_7)
        }
        guard last.adding(months: 12) < today else { return nil }
        return Refusal(code: "review_due", message: "The Board last reviewed the committees on \(last): its yearly review is due (S3 3.2).", rule: .a2_7)
    }
}
