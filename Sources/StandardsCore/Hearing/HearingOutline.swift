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
