import Foundation

/// The ombuds program: no identities in the payload, ever (a3.3).
/// Each type's title, rule, case kinds, resulting status and payload fields, declared together (`DocketEntryType.spec`).
extension EntrySpec {
    static let ombudsOpened = EntrySpec(
        title: "Inquiry opened", rule: .a3_3, process: .ombuds, kinds: [.ombuds], status: .moves(.open),
        fields: [PayloadField("topic", .text, label: "Topic (no names)")])

    static let ombudsClosed = EntrySpec(
        title: "Inquiry closed", rule: .a3_3, process: .ombuds, kinds: [.ombuds], status: .moves(.closed),
        fields: complaintAcknowledged.fields)
}
