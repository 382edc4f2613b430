import Foundation

/// Mediation, offered or required before arbitration (S3 §8).
/// Each type's title, rule, case kinds, resulting status and payload fields, declared together (`DocketEntryType.spec`).
extension EntrySpec {
    static let mediationRequested = EntrySpec(
        title: "Mediation requested", rule: .a2_29, process: .mediation, kinds: [.mediation, .arbitration], status: .moves(.inMediation),
        fields: complaintAcknowledged.fields + [
            // The mediation officer assigned (a person id): that mediator sees this case and no other (S3 §8).
            PayloadField("mediatorId", .text, required: false, label: "Mediation officer (person id)"),
            PayloadField("required", .choice(["yes", "no"]), required: false, label: "Required before arbitration (a2.29)"),
            // A mediation-only request runs on the same 180-day terms, from its own dates (S3 7.3.1).
            PayloadField("nature", .text, required: false, label: "Nature of the dispute"),
            PayloadField("transactionConcludedOn", .date, required: false, label: "Transaction closed on"),
            PayloadField("factsKnownOn", .date, required: false, label: "Facts could be known on")])

    static let mediationSettled = EntrySpec(
        title: "Mediation settled", rule: .a2_29, process: .mediation, kinds: [.mediation, .arbitration], status: .moves(.settled),
        fields: complaintAcknowledged.fields + [PayloadField("signedSettlement", .choice(["yes"]), required: false, label: "Written settlement signed by the parties (S3 7.8.1)")])

    static let mediationEnded = EntrySpec(
        title: "Mediation ended without settlement", rule: .a2_29, process: .mediation, kinds: [.mediation, .arbitration], status: .moves(.mediationEnded),
        fields: complaintAcknowledged.fields + [PayloadField("reason", .choice(["impasse", "withdrawal"]), required: false, label: "Why it ended")])

    static let mediationSession = EntrySpec(
        title: "Mediation session scheduled", rule: .a2_29, process: .mediation, kinds: [.mediation, .arbitration], status: .unchanged,
        fields: [PayloadField("sessionOn", .date, label: "Session on"),
                PayloadField("time", .text, required: false, label: "Time"),
                PayloadField("place", .text, label: "Place or video link")])
}
