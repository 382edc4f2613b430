/// The outline of procedure enclosed with every notice of hearing (a1.16), in the order the panel follows it.
public enum HearingOutline {
    public static let steps: [String] = [
        "The panel chair opens the hearing, introduces the panel and confirms that no member has a conflict (b7.3).",
        "The hearing is recorded by the association; parties may not record it unless a court reporter is used, and phones are off (S3 2.2).",
        "Parties may be accompanied by counsel and call witnesses noticed at least 15 days ahead (a1.20).",
        "The complainant presents the complaint and evidence; the respondent and the panel may question each witness.",
        "The respondent presents the response and evidence; the complainant and the panel may question each witness.",
        "The complaint may be amended during the hearing; the respondent may waive an adjournment or have the hearing continued 15 to 30 days later (a1.19).",
        "Each party may make a closing statement.",
        "The panel deliberates in executive session (alternates do not take part, S3 5.2.2) and decides by simple majority (a1.22).",
        "The written decision is filed within 48 hours and, once reviewed by counsel, sent to the parties with the appeal form (a1.22, a1.23).",
    ]
}

extension HearingOutline {
    /// The outline enclosed with a notice of arbitration hearing, with the Arbitration Guidelines (a2.21, S3 7.6).
    public static let arbitration: [String] = [
        "The panel chair, who holds the powers of the neutral arbitrator, opens the hearing and confirms that no member has a conflict (S3 7.3.4, b7.3).",
        "The hearing is recorded by the association; parties may not record it. Witnesses are sworn (S3 6.2).",
        "Parties may be represented by counsel, who must be a licensed attorney (b3.12).",
        "The claimant presents the claim and evidence; the respondent and the panel may question each witness.",
        "The respondent presents the response and evidence; the claimant and the panel may question each witness.",
        "The hearing may recess; it is postponed no more than 30 days unless the parties agree (a2.21).",
        "There is no award without a hearing on the merits with the claimant present (b3.2); a respondent who does not appear is heard without (a2.17).",
        "Each party may make a closing statement; the panel then deliberates in executive session and renders its award.",
    ]
}
