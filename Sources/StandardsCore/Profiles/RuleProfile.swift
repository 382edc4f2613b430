import Foundation

/// Which date of a transmission a window counts from (b14). `transmitted` is the entry's effective date
/// (the day the association sent it); `received` is the day the party received it.
public enum CountBasis: String, Codable, Sendable, CaseIterable {
    case transmitted, received, served, rendered, filed
    /// Counted from counsel's review of a decision (S3 5.2.6, a2.14).
    case reviewed
}

public enum DayCount: String, Codable, Sendable {
    case calendar, working
}

/// One time frame: how many days, counted how, from what, and what happens on a closed day.
public struct WindowRule: Codable, Sendable, Equatable {
    public var days: Int
    public var count: DayCount
    public var basis: CountBasis
    /// Move a deadline that lands on a weekend or holiday to the next working day (b14.5: NAR has no such
    /// rule, so both shipped profiles say no and only flag it).
    public var rollForward: Bool
    /// The rule id the number comes from.
    public var rule: String

    public init(_ days: Int, _ count: DayCount = .calendar, from basis: CountBasis = .transmitted, rollForward: Bool = false, rule: RuleID) {
        self.days = days
        self.count = count
        self.basis = basis
        self.rollForward = rollForward
        self.rule = rule.id
    }
}

/// A Directors' panel size: a fixed number, or that number or a quorum of the Board, whichever is less.
public struct PanelSize: Codable, Sendable, Equatable {
    public var size: Int
    public var orQuorumIfLess: Bool
    public var rule: String

    public init(size: Int, orQuorumIfLess: Bool, rule: RuleID) {
        self.size = size
        self.orQuorumIfLess = orQuorumIfLess
        self.rule = rule.id
    }

    public func seats(boardQuorum: Int) -> Int { orQuorumIfLess ? min(size, boardQuorum) : size }
}

public enum Publication: String, Codable, Sendable {
    /// Only suspension or expulsion is told to the membership (S4 (38), b11.3).
    case suspensionOrExpulsionOnly = "suspension-or-expulsion-only"
    /// Names never published (S3 1.1.6, a2.3).
    case never
    /// Policy Statement 45 option #1 (b11.2).
    case ps45Option1 = "ps45-option-1"
}

/// Every number and option the seeds leave to the association, as data. A case uses the version in
/// force on its filing date (`RuleProfiles.profile(named:on:)`).
public struct RuleProfile: Codable, Sendable, Equatable {
    public var name: String
    public var effectiveFrom: CivilDate
    public var description: String
    public var windows: [String: WindowRule] {
        didSet { windowTable = Self.table(windows) }
    }
    /// `windows` by `DeadlineKey` ordinal: derivation reads it for every deadline of every case.
    private var windowTable: [WindowRule?] = []
    public var appealDepositCapCents: Int
    public var arbitrationDepositCents: Int
    public var proceduralReviewDepositCents: Int
    public var fineCapCents: Int
    public var processingFeeCents: Int
    public var dismissalAppealPanel: PanelSize
    public var ethicsAppealPanel: PanelSize
    public var proceduralReviewPanel: PanelSize
    public var hearingPanelMinimum: Int
    public var citationPanelSize: Int
    public var mediationRequiredBeforeArbitration: Bool
    public var citationsAdopted: Bool
    public var publication: Publication
    public var ethicsAppealFiledWith: String
    public var arbitrationRetentionYears: Int?
    /// A party may petition the hearing panel for rehearing before appealing; the appeal window then runs from the
    /// decision after the rehearing, or from the denial (S3 5.4.1, a2.16). NAR has no such step.
    public var rehearingPetitions: Bool = false
    /// An ethics appeal must carry a deposit of exactly `appealDepositCapCents` (S3 5.4.2: "the sum of $500"), not
    /// merely no more than it (a1.26).
    public var appealDepositRequired: Bool = false
    /// The rule that sets `fineCapCents`: NAR's $15,000 (b8.1) or the association's own cap (OBAR a2.15).
    public var fineCapRule: String = "b8.1"
    /// Every request for a continuance is in writing with its reasons (S3 5.2.4, a2.13), not only the chair's
    /// finding that denial would be unfair (a1.15).
    public var continuanceReasonsInWriting: Bool = false
    /// The respondent's broker-in-charge or principal is copied on all correspondence to the respondent (S3 5.2.3).
    public var copyRespondentPrincipal: Bool = false
    /// A respondent who will not sign the response, pay the deposit or take part does not stop a mandatory
    /// arbitration: the hearing goes ahead in their absence (NAR Option #3, S3 7.1.1, a2.17). Without it (Options
    /// #1–#2) only the claimant's recourse to the Directors for the refusal remains (a1.34, b3.2).
    public var arbitrationWithoutRespondent: Bool = false
    /// The association's own rules for its committees' size and make-up, by `CommitteeBody` raw value (OBAR: a
    /// Grievance Committee of at least twelve REALTORs in two panels of six, S3 3.2; a PSC of at least 21, a majority
    /// REALTORs, S3 3.3). NAR leaves the sizes to the association.
    public var committees: [String: BodyComposition] = [:]

    public func window(_ key: DeadlineKey) -> WindowRule? {
        windowTable.isEmpty ? windows[key.rawValue] : windowTable[key.ordinal]
    }

    private static func table(_ windows: [String: WindowRule]) -> [WindowRule?] {
        DeadlineKey.allCases.map { windows[$0.rawValue] }
    }

    enum CodingKeys: String, CodingKey {
        case name, effectiveFrom, description, windows, appealDepositCapCents, arbitrationDepositCents, proceduralReviewDepositCents,
             fineCapCents, processingFeeCents, dismissalAppealPanel, ethicsAppealPanel, proceduralReviewPanel, hearingPanelMinimum,
             citationPanelSize, mediationRequiredBeforeArbitration, citationsAdopted, publication, ethicsAppealFiledWith, arbitrationRetentionYears,
             rehearingPetitions, appealDepositRequired, fineCapRule, continuanceReasonsInWriting, copyRespondentPrincipal, arbitrationWithoutRespondent,
             committees
    }

    public init(name: String, effectiveFrom: CivilDate, description: String, windows: [String: WindowRule], appealDepositCapCents: Int,
                arbitrationDepositCents: Int, proceduralReviewDepositCents: Int, fineCapCents: Int, processingFeeCents: Int,
                dismissalAppealPanel: PanelSize, ethicsAppealPanel: PanelSize, proceduralReviewPanel: PanelSize, hearingPanelMinimum: Int,
                citationPanelSize: Int, mediationRequiredBeforeArbitration: Bool, citationsAdopted: Bool, publication: Publication,
                ethicsAppealFiledWith: String, arbitrationRetentionYears: Int?) {
        self.name = name; self.effectiveFrom = effectiveFrom; self.description = description; self.windows = windows
        self.appealDepositCapCents = appealDepositCapCents; self.arbitrationDepositCents = arbitrationDepositCents
        self.proceduralReviewDepositCents = proceduralReviewDepositCents; self.fineCapCents = fineCapCents
        self.processingFeeCents = processingFeeCents; self.dismissalAppealPanel = dismissalAppealPanel; self.ethicsAppealPanel = ethicsAppealPanel
        self.proceduralReviewPanel = proceduralReviewPanel; self.hearingPanelMinimum = hearingPanelMinimum; self.citationPanelSize = citationPanelSize
        self.mediationRequiredBeforeArbitration = mediationRequiredBeforeArbitration; self.citationsAdopted = citationsAdopted
        self.publication = publication; self.ethicsAppealFiledWith = ethicsAppealFiledWith; self.arbitrationRetentionYears = arbitrationRetentionYears
        self.windowTable = Self.table(windows)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name), effectiveFrom: try c.decode(CivilDate.self, forKey: .effectiveFrom),
                  description: try c.decode(String.self, forKey: .description), windows: try c.decode([String: WindowRule].self, forKey: .windows),
                  appealDepositCapCents: try c.decode(Int.self, forKey: .appealDepositCapCents),
                  arbitrationDepositCents: try c.decode(Int.self, forKey: .arbitrationDepositCents),
                  proceduralReviewDepositCents: try c.decode(Int.self, forKey: .proceduralReviewDepositCents),
                  fineCapCents: try c.decode(Int.self, forKey: .fineCapCents), processingFeeCents: try c.decode(Int.self, forKey: .processingFeeCents),
                  dismissalAppealPanel: try c.decode(PanelSize.self, forKey: .dismissalAppealPanel),
                  ethicsAppealPanel: try c.decode(PanelSize.self, forKey: .ethicsAppealPanel),
                  proceduralReviewPanel: try c.decode(PanelSize.self, forKey: .proceduralReviewPanel),
                  hearingPanelMinimum: try c.decode(Int.self, forKey: .hearingPanelMinimum),
                  citationPanelSize: try c.decode(Int.self, forKey: .citationPanelSize),
                  mediationRequiredBeforeArbitration: try c.decode(Bool.self, forKey: .mediationRequiredBeforeArbitration),
                  citationsAdopted: try c.decode(Bool.self, forKey: .citationsAdopted), publication: try c.decode(Publication.self, forKey: .publication),
                  ethicsAppealFiledWith: try c.decode(String.self, forKey: .ethicsAppealFiledWith),
                  arbitrationRetentionYears: try c.decodeIfPresent(Int.self, forKey: .arbitrationRetentionYears))
        // Options added later default to NAR's behaviour, so older profile files still load.
        rehearingPetitions = try c.decodeIfPresent(Bool.self, forKey: .rehearingPetitions) ?? false
        appealDepositRequired = try c.decodeIfPresent(Bool.self, forKey: .appealDepositRequired) ?? false
        fineCapRule = try c.decodeIfPresent(String.self, forKey: .fineCapRule) ?? "b8.1"
        continuanceReasonsInWriting = try c.decodeIfPresent(Bool.self, forKey: .continuanceReasonsInWriting) ?? false
        copyRespondentPrincipal = try c.decodeIfPresent(Bool.self, forKey: .copyRespondentPrincipal) ?? false
        arbitrationWithoutRespondent = try c.decodeIfPresent(Bool.self, forKey: .arbitrationWithoutRespondent) ?? false
        committees = try c.decodeIfPresent([String: BodyComposition].self, forKey: .committees) ?? [:]
    }

    /// The association's rule for one body, if it has one.
    public func composition(of body: CommitteeBody) -> BodyComposition? { committees[body.rawValue] }

    /// Every problem with a profile loaded from a file; empty when it is usable.
    public func problems() -> [String] {
        var problems: [String] = []
        if name.isEmpty { problems.append("name is empty") }
        for key in DeadlineKey.allCases where windows[key.rawValue] == nil && key.requiredInEveryProfile {
            problems.append("window \(key.rawValue) is missing (\(key.defaultRule))")
        }
        for (key, window) in windows.sorted(by: { $0.key < $1.key }) {
            if DeadlineKey(rawValue: key) == nil { problems.append("window \(key) is not a known time frame") }
            if window.days < 0 || window.days > 3650 { problems.append("window \(key): days must be 0…3650") }
            if window.rule.isEmpty { problems.append("window \(key) cites no rule id") }
        }
        for (label, cents) in [("appealDepositCapCents", appealDepositCapCents), ("fineCapCents", fineCapCents), ("processingFeeCents", processingFeeCents),
                               ("arbitrationDepositCents", arbitrationDepositCents), ("proceduralReviewDepositCents", proceduralReviewDepositCents)] where cents < 0 {
            problems.append("\(label) must not be negative")
        }
        if appealDepositCapCents > 50_000 { problems.append("appealDepositCapCents exceeds the $500 cap (a1.26)") }
        if fineCapCents > 1_500_000 { problems.append("fineCapCents exceeds the $15,000 cap (b8.1)") }
        if hearingPanelMinimum < 3 { problems.append("hearingPanelMinimum must be at least 3 (a1.14)") }
        return problems
    }
}
