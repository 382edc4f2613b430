/// Periods a member was not a member, between and after their membership periods, up to `until`.
/// They suspend the filing window against that respondent (a1.4).
public enum MembershipGaps {
    public static func nonMemberPeriods(_ periods: [(start: CivilDate, end: CivilDate?)], until: CivilDate) -> [SuspensionInterval] {
        let sorted = periods.sorted { $0.start < $1.start }
        var gaps: [SuspensionInterval] = []
        var coveredUntil: CivilDate?
        for period in sorted {
            if let covered = coveredUntil, period.start > covered {
                gaps.append(SuspensionInterval(start: covered, end: period.start, reason: "respondent not a member (a1.4)"))
            }
            guard let end = period.end else { return gaps }  // a current membership covers the rest
            coveredUntil = max(coveredUntil ?? end, end)
        }
        if let covered = coveredUntil, covered < until {
            gaps.append(SuspensionInterval(start: covered, end: until, reason: "respondent not a member (a1.4)"))
        }
        return gaps
    }
}
