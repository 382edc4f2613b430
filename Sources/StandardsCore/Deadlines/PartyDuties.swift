/// Which time frames are a party's own to act on, for their "what is due from you" list: each party sees
/// exactly its own (a respondent is never told that the complainant may appeal a dismissal).
public enum PartyDuties {
    /// - Parameter docket: read for duties that belong to whoever took an earlier step (the appellant amends
    ///   the appeal the preliminary review returned, a1.27).
    public static func concerns(_ key: DeadlineKey, _ roles: Set<PartyRole>, docket: [DocketEntry] = []) -> Bool {
        // A principal is copied on the respondent's papers (S3 5.2.3) but the steps are the respondent's own.
        let complainant = roles.contains(.complainant) || roles.contains(.claimant)
        let respondent = roles.contains(.respondent)
        switch key {
        case .dismissalAppeal: return complainant                                  // a1.10: the complainant's appeal
        case .reply, .responseRequest, .arbitrationResponse, .awardPayment, .depositEquivalent, .citationHearingRequest, .citationPayment: return respondent
        case .appealAmendment:
            let appellant = CaseProjection.effectiveEntries(docket).last { $0.type == .appealFiled }?.payload["appellant"]?.textValue
            switch appellant {
            case "complainant": return complainant
            case "respondent": return respondent
            default: return complainant || respondent
            }
        case .challenges, .appeal, .appealAfterRehearingDenied, .witnessNotice, .proceduralReview, .motionToCorrect, .motionObjection,
             .classificationChallenge:
            return complainant || respondent
        default: return false
        }
    }
}

/// The ties a volunteer has to a case, for their own "what is due from you" list.
public enum CommitteeDuty: Sendable, Hashable {
    case grievanceCommittee, pscChair, panelist, president, director
}

/// Which time frames fall to a committee member or officer: the Committee reviews the complaint (b6.2), the PSC
/// chair names the panel (a1.14), the panel files its decision (a1.22), the President reviews an appeal and the
/// Directors hear it (a1.27, a1.30).
public enum CommitteeDuties {
    public static func concerns(_ key: DeadlineKey, _ duties: Set<CommitteeDuty>) -> Bool {
        switch key {
        case .gcReview, .arbitrability: duties.contains(.grievanceCommittee)
        case .panelNamed: duties.contains(.pscChair)
        case .decisionFiled: duties.contains(.panelist)
        case .appealReview: duties.contains(.president)
        case .appealHearing, .directorsDecision, .dismissalAppealDecision, .classificationChallengeDecision: duties.contains(.director)
        default: false
        }
    }
}
