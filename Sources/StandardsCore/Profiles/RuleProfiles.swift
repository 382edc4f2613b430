import Foundation

/// The shipped profiles: `nar` (NAR Manual defaults, S4) and `obar` (OBAR's local options, S3).
/// Each number cites its rule id; where OBAR is silent it inherits NAR's (a2.1).
public enum RuleProfiles {
    public static let builtIn: [RuleProfile] = [nar, obar]

    /// The version of `name` in force on `date`: the latest whose `effectiveFrom` is on or before it.
    public static func profile(named name: String, on date: CivilDate, from profiles: [RuleProfile] = builtIn) -> RuleProfile? {
        profiles.filter { $0.name == name && $0.effectiveFrom <= date }.max { $0.effectiveFrom < $1.effectiveFrom }
            ?? profiles.filter { $0.name == name }.min { $0.effectiveFrom < $1.effectiveFrom }
    }

    static let narWindows: [DeadlineKey: WindowRule] = [
        // Ethics (S4 time-frame summary)
        .filing: WindowRule(180, from: .filed, rule: .a1_2),
        .gcReview: WindowRule(45, from: .received, rule: .b6_2),
        .responseRequest: WindowRule(15, rule: .a1_7),
        .dismissalAppeal: WindowRule(20, from: .transmitted, rule: .a1_10),
        .reply: WindowRule(15, from: .transmitted, rule: .a1_11),
        .replyForwarded: WindowRule(5, from: .received, rule: .a1_11),
        .distribution: WindowRule(15, from: .transmitted, rule: .a1_13),
        .challenges: WindowRule(10, from: .transmitted, rule: .a1_14),
        .panelNamed: WindowRule(5, rule: .a1_14),
        .hearingNotice: WindowRule(21, rule: .a1_16),
        .witnessNotice: WindowRule(15, rule: .a1_20),
        .decisionFiled: WindowRule(2, rule: .a1_22),
        .decisionTransmitted: WindowRule(5, from: .filed, rule: .a1_23),
        .appeal: WindowRule(20, from: .transmitted, rule: .a1_24),
        // The Directors decide a dismissal appeal at their next meeting, no later than 30 days after receiving it (a1.10, NAR Sec. 45(a)).
        .dismissalAppealDecision: WindowRule(30, from: .transmitted, rule: .a1_10),
        .appealReview: WindowRule(10, from: .received, rule: .a1_27),
        .appealAmendment: WindowRule(10, from: .transmitted, rule: .a1_27),
        .appealHearing: WindowRule(30, from: .received, rule: .a1_27),
        .appealHearingNotice: WindowRule(10, rule: .a1_27),
        .directorsDecision: WindowRule(5, rule: .a1_30),
        // Arbitration (b1, reconstructed NAR Part Ten)
        .arbitrability: WindowRule(45, from: .received, rule: .b6_2),
        .classificationChallenge: WindowRule(20, from: .transmitted, rule: .b4_1),
        .classificationChallengeDecision: WindowRule(30, from: .received, rule: .b4_3),
        .arbitrationResponse: WindowRule(15, from: .transmitted, rule: .b_1),
        .arbitrationHearingNotice: WindowRule(21, rule: .a2_21),
        .awardTransmitted: WindowRule(5, from: .filed, rule: .b_1),
        .awardPayment: WindowRule(10, from: .transmitted, rule: .b3_7),
        .proceduralReview: WindowRule(20, from: .transmitted, rule: .b3_8),
        .motionToCorrect: WindowRule(20, from: .served, rule: .a2_24),
        .motionObjection: WindowRule(10, from: .received, rule: .a2_24),
        .suitNotice: WindowRule(15, from: .transmitted, rule: .a2_25),
        .depositEquivalent: WindowRule(10, from: .transmitted, rule: .b3_3),
        // Citations (NAR model, b9.5)
        .citationReminder: WindowRule(10, from: .received, rule: .a2_31),
        .citationHearingRequest: WindowRule(20, from: .received, rule: .a2_31),
        // The fine is a financial obligation due as the bylaws say (S3 9.3.2.3); the seeds leave the days to the bylaws,
        // so 30 days from the day the citation became final, set per profile.
        .citationPayment: WindowRule(30, rule: .a2_31),
    ]

    public static let nar = RuleProfile(
        name: "nar", effectiveFrom: CivilDate(year: 2023, month: 11, day: 1)!,
        description: "NAR Code of Ethics and Arbitration Manual defaults (S4 time frames; S4 (30) revised 11/23)",
        windows: Dictionary(uniqueKeysWithValues: narWindows.map { ($0.key.rawValue, $0.value) }),
        appealDepositCapCents: 50_000,                   // a1.26: up to $500
        arbitrationDepositCents: 50_000,                 // b3.1: up to $500
        proceduralReviewDepositCents: 50_000,             // b3.8
        fineCapCents: 1_500_000,                         // b8.1: $15,000
        processingFeeCents: 0,                           // a2.6 is OBAR's own
        dismissalAppealPanel: PanelSize(size: 5, orQuorumIfLess: true, rule: .a1_10),
        ethicsAppealPanel: PanelSize(size: 5, orQuorumIfLess: true, rule: .a1_27),
        proceduralReviewPanel: PanelSize(size: 5, orQuorumIfLess: true, rule: .b7_6),
        hearingPanelMinimum: 3,                          // a1.14
        citationPanelSize: 3,                            // b9.2
        mediationRequiredBeforeArbitration: false,       // b5.1
        citationsAdopted: false,                         // b9.1: optional
        publication: .suspensionOrExpulsionOnly,         // b11.3
        ethicsAppealFiledWith: "president",              // a1.24
        arbitrationRetentionYears: nil)                  // b11.6: NAR sets none

    public static let obar: RuleProfile = {
        var windows = narWindows
        windows[.gcDecisionNotice] = WindowRule(5, .working, from: .filed, rule: .a2_8)
        windows[.dismissalAppeal] = WindowRule(20, from: .received, rule: .a2_10)
        windows[.papersToPanel] = WindowRule(5, rule: .a2_12)
        windows[.decisionTransmitted] = WindowRule(10, from: .reviewed, rule: .a2_14)
        windows[.appeal] = WindowRule(20, from: .rendered, rule: .a2_16)
        windows[.appealAfterRehearingDenied] = WindowRule(10, from: .transmitted, rule: .a2_16)
        windows[.arbitrability] = WindowRule(30, from: .received, rule: .a2_19)
        windows[.arbitrationFiling] = WindowRule(180, from: .filed, rule: .a2_18)
        windows[.awardPayment] = WindowRule(10, from: .received, rule: .a2_23)
        windows[.proceduralReview] = WindowRule(20, from: .received, rule: .a2_24)
        windows[.depositEquivalent] = WindowRule(10, from: .transmitted, rule: .a2_20)
        windows[.arbitrationPapersToPanel] = WindowRule(5, rule: .a2_12)
        var profile = RuleProfile(
            name: "obar", effectiveFrom: CivilDate(year: 2016, month: 1, day: 1)!,
            description: "Outer Banks Association of REALTORS® Policy B local options (S3)",
            windows: Dictionary(uniqueKeysWithValues: windows.map { ($0.key.rawValue, $0.value) }),
            appealDepositCapCents: 50_000,               // a2.16
            arbitrationDepositCents: 50_000,             // a2.18
            proceduralReviewDepositCents: 50_000,         // a2.27
            fineCapCents: 1_500_000,                     // a2.15
            processingFeeCents: 50_000,                  // a2.6
            dismissalAppealPanel: PanelSize(size: 5, orQuorumIfLess: false, rule: .a2_10),
            ethicsAppealPanel: PanelSize(size: 5, orQuorumIfLess: true, rule: .a2_16),
            proceduralReviewPanel: PanelSize(size: 5, orQuorumIfLess: false, rule: .a2_27),
            hearingPanelMinimum: 3,
            citationPanelSize: 3,                        // a2.30
            mediationRequiredBeforeArbitration: true,    // a2.29
            citationsAdopted: true,                      // a2.30
            publication: .never,                         // a2.3
            ethicsAppealFiledWith: "secretary",          // a2.16
            arbitrationRetentionYears: 3)                // a2.2
        profile.rehearingPetitions = true                // a2.16, S3 5.4.1
        profile.appealDepositRequired = true             // a2.16, S3 5.4.2: "the sum of $500.00"
        profile.fineCapRule = "a2.15"                    // OBAR's own $15,000 cap
        profile.continuanceReasonsInWriting = true       // a2.13, S3 5.2.4
        profile.copyRespondentPrincipal = true           // S3 5.2.3
        profile.arbitrationWithoutRespondent = true      // a2.17, S3 7.1.1: NAR Option #3
        profile.committees = [
            CommitteeBody.grievance.rawValue: BodyComposition(minimum: 12, realtorsOnly: true, subpanels: 2, subpanelSize: 6, rule: .a2_7),
            CommitteeBody.psc.rawValue: BodyComposition(minimum: 21, majorityRealtors: true, rule: .a2_9),
        ]
        return profile
    }()

    /// Reads a profile from JSON and checks it.
    public static func decode(_ data: Data) throws -> RuleProfile {
        let profile = try JSONDecoder().decode(RuleProfile.self, from: data)
        let problems = profile.problems()
        if !problems.isEmpty { throw ProfileError(problems: problems) }
        return profile
    }

    public static func encode(_ profile: RuleProfile) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(profile)
    }
}

public struct ProfileError: Error, CustomStringConvertible, Sendable {
    public let problems: [String]
    public var description: String { "The profile is not usable:\n" + problems.map { "  - \($0)" }.joined(separator: "\n") }
}

extension RuleProfile {
    /// Shorthands for the shipped profiles: `.nar`, `.obar`.
    public static var nar: RuleProfile { RuleProfiles.nar }
    public static var obar: RuleProfile { RuleProfiles.obar }
}
