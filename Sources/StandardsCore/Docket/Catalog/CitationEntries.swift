import Foundation

/// The citation program: a fine for a listed violation, accepted or heard (S3 §9).
/// Each type's title, rule, case kinds, resulting status and payload fields, declared together (`DocketEntryType.spec`).
extension EntrySpec {
    static let citationIssued = EntrySpec(
        title: "Citation issued", rule: .a2_31, process: .citation, kinds: [.citation], status: .moves(.citationIssued),
        fields: [PayloadField("standard", .text, label: "Article or Standard cited"),
                PayloadField("fineCents", .cents, label: "Fine (cents)")])

    static let citationAccepted = EntrySpec(
        title: "Citation accepted", rule: .a2_31, process: .citation, kinds: [.citation], status: .moves(.citationAccepted),
        fields: complaintAcknowledged.fields)

    static let citationHearingRequested = EntrySpec(
        title: "Full hearing requested", rule: .a2_31, process: .citation, kinds: [.citation], status: .moves(.hearingRequested),
        fields: complaintAcknowledged.fields)

    static let citationPaid = EntrySpec(
        title: "Citation fine paid", rule: .a2_31, process: .citation, kinds: [.citation], status: .moves(.citationPaid),
        fields: awardPaid.fields)
}
