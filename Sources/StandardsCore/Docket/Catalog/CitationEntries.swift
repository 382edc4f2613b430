import Foundation

/// The citation program: a fine for a listed violation, accepted or heard (S3 §9).
/// Each type's title, rule, case kinds, resulting status and payload fields, declared together (`DocketEntryType.spec`).
extension EntrySpec {
    static let citationIssued = EntrySpec(
        title: "Citation issued", rule: .a2_31, process: .citation, kinds: [.citation], status: .moves(.citationIssued),
        fields: [PayloadField("standard", .text, required: false, label: "Article or Standard cited"),
                // Schedule entries, each an identifier of its own ("12-7"), separated by semicolons (a2.35).
                PayloadField("standards", .text, required: false, label: "Schedule entries cited"),
                PayloadField("fineCents", .cents, label: "Fine (cents)"),
                PayloadField("charges", .text, required: false, label: "Level, offense and fine of each (a2.33, a2.34)"),
                PayloadField("replaceableCents", .cents, required: false, label: "Fine the member may replace with training (cents)"),
                PayloadField("trainingRequired", .choice(["yes"]), required: false, label: "Training required as well (a2.34)"),
                PayloadField("complaintFiledOn", .date, required: false, label: "Complaint filed on (a2.32)"),
                PayloadField("summary", .text, required: false, label: "Staff's summary of the complaint (S3 9.3.1)"),
                PayloadField("scheduleEffectiveOn", .date, required: false, label: "Citation schedule in force: the version effective on (a2.35)")]
                + citationPanelFields)

    /// The citation panel that decided (S3 9.1.2).
    static let citationPanelFields = [PayloadField("panelIds", .text, required: false, label: "Citation panel (person ids)"),
                                      PayloadField("panel", .text, required: false, label: "Citation panel")]

    static let citationAccepted = EntrySpec(
        title: "Citation accepted", rule: .a2_31, process: .citation, kinds: [.citation], status: .moves(.citationAccepted),
        fields: complaintAcknowledged.fields + [PayloadField("trainingInsteadOfFine", .choice(["yes"]), required: false, label: "Training instead of the fine (a2.34)")])

    static let citationHearingRequested = EntrySpec(
        title: "Full hearing requested", rule: .a2_31, process: .citation, kinds: [.citation], status: .moves(.hearingRequested),
        fields: complaintAcknowledged.fields)

    static let citationPaid = EntrySpec(
        title: "Citation fine paid", rule: .a2_31, process: .citation, kinds: [.citation], status: .moves(.citationPaid),
        fields: awardPaid.fields)

    static let citationToHearing = EntrySpec(
        title: "Sent to a hearing by the citation panel", rule: .a2_30, process: .citation, kinds: [.citation], status: .moves(.closed),
        fields: [PayloadField("reason", .choice(CitationSteps.ToHearing.Reason.allCases.map(\.rawValue)), label: "Why a hearing (S3 9.2.2)"),
                 PayloadField("note", .text, required: false, label: "The panel's note")] + citationPanelFields)

    /// On the ethics docket: referred to the citation panel (the status stays forwarded) or back from it for a hearing,
    /// which puts a complaint first opened as a citation at forwarded (S3 9.2.2, 9.3.3).
    static let citationReferral = EntrySpec(
        title: "Citation panel", rule: .a2_30, process: .ethics, kinds: [.ethics],
        status: .byPayload(usually: nil) { $0["event"]?.textValue == "returned" ? .forwarded : nil },
        fields: [PayloadField("event", .choice(["referred", "returned"]), label: "Referred or returned"),
                 PayloadField("citationCase", .text, required: false, label: "Citation case number"),
                 PayloadField("reason", .text, required: false, label: "Why it returned for a hearing"),
                 PayloadField("summary", .text, required: false, label: "Staff's summary of the complaint (S3 9.3.1.1)")])
}
