import Foundation

/// Mediation, offered or required before arbitration (S3 §8).
/// Each type's title, rule, case kinds, resulting status and payload fields, declared together (`DocketEntryType.spec`).
extension EntrySpec {
    static let mediationRequested = EntrySpec(
        title: "Mediation requested", rule: .a2_29, process: .mediation, kinds: [.mediation, .arbitration], status: .moves(.inMediation),
        fields: complaintAcknowledged.fields)

    static let mediationSettled = EntrySpec(
        title: "Mediation settled", rule: .a2_29, process: .mediation, kinds: [.mediation, .arbitration], status: .moves(.settled),
        fields: complaintAcknowledged.fields)

    static let mediationEnded = EntrySpec(
        title: "Mediation ended without settlement", rule: .a2_29, process: .mediation, kinds: [.mediation, .arbitration], status: .moves(.mediationEnded),
        fields: complaintAcknowledged.fields)
}
