/// Which time frames are a party's own to act on, for their "what is due from you" list.
public enum PartyDuties {
    public static func concerns(_ key: DeadlineKey, _ roles: Set<PartyRole>) -> Bool {
        switch key {
        case .dismissalAppeal, .appealAmendment: roles.contains(.complainant) || roles.contains(.respondent)
        case .reply, .responseRequest, .arbitrationResponse, .awardPayment: roles.contains(.respondent)
        case .challenges, .appeal, .witnessNotice, .proceduralReview, .motionToCorrect, .motionObjection, .citationHearingRequest: !roles.isEmpty
        default: false
        }
    }
}
