import Foundation

/// Entries any case may hold: parties, notes, documents, notices, waivers, withdrawal and closing.
/// Each type's title, rule, case kinds, resulting status and payload fields, declared together (`DocketEntryType.spec`).
extension EntrySpec {
    static let caseOpened = EntrySpec(
        title: "Case opened", rule: nil, process: .common, kinds: nil, status: .unchanged,
        fields: [PayloadField("summary", .text, required: false, label: "Summary"),
                 // The case this one was opened from: a complaint referred to the citation panel, or a citation whose
                 // hearing request made it an ethics case (S3 9.2.2, 9.3.3).
                 PayloadField("fromCase", .text, required: false, label: "Opened from case"),
                 // The association and case a complaint was sent from when its respondent resigned there (S4 (14)).
                 PayloadField("transferredFrom", .text, required: false, label: "Sent from")])

    static let partyAdded = EntrySpec(
        title: "Party added", rule: nil, process: .common, kinds: [.ethics, .arbitration, .mediation, .citation], status: .unchanged,
        fields: [PayloadField("personId", .uuid, label: "Person"),
                PayloadField("role", .choice(PartyRole.allCases.map(\.rawValue)), label: "Role"),
                PayloadField("mutualAgreement", .choice(["yes"]), required: false, label: "Both parties agree (needed to add or change a complainant, a1.18)")])

    static let partyRemoved = EntrySpec(
        title: "Party removed", rule: nil, process: .common, kinds: [.ethics, .arbitration, .mediation, .citation], status: .unchanged,
        fields: partyAdded.fields)

    static let note = EntrySpec(
        title: "Note", rule: nil, process: .common, kinds: nil, status: .unchanged,
        fields: [PayloadField("text", .text, label: "Note")])

    static let documentFiled = EntrySpec(
        title: "Document filed", rule: nil, process: .common, kinds: nil, status: .unchanged,
        fields: [PayloadField("title", .text, label: "Title")])

    static let correspondenceSent = EntrySpec(
        title: "Correspondence sent", rule: nil, process: .common, kinds: nil, status: .unchanged,
        fields: [PayloadField("to", .text, label: "Sent to"),
                PayloadField("subject", .text, label: "Subject"),
                PayloadField("receivedOn", .date, required: false, label: "Received on")])

    static let entryStruck = EntrySpec(
        title: "Entry struck", rule: nil, process: .common, kinds: nil, status: .unchanged,
        fields: [PayloadField("reason", .text, label: "Reason")])

    /// A notice the association sent, with the day it was received when known (b14.6).
    static let noticeSent = EntrySpec(
        title: "Notice sent", rule: nil, process: .common, kinds: [.ethics, .arbitration, .mediation, .citation], status: .unchanged,
        fields: [PayloadField("notice", .choice(NoticeKind.allCases.map(\.rawValue)), label: "Notice"),
                PayloadField("to", .text, required: false, label: "Sent to"),
                PayloadField("channel", .choice(["email", "mail", "hand", "portal"]), required: false, label: "Sent by"),
                PayloadField("receivedOn", .date, required: false, label: "Received on"),
                PayloadField("note", .text, required: false, label: "Message"),
                PayloadField("people", .text, required: false, label: "People the notice names (comma-separated ids)"),
                // Written by the mail worker: when the relay accepted the email and its message ids (issue 13, b14).
                PayloadField("emailAccepted", .text, required: false, label: "Email accepted by the relay")])

    /// A time frame waived by the party it protects or by the chair, with the reason.
    static let deadlineWaived = EntrySpec(
        title: "Time frame waived", rule: nil, process: .common, kinds: nil, status: .unchanged,
        fields: [PayloadField("deadline", .choice(DeadlineKey.allCases.map(\.rawValue)), label: "Time frame"),
                PayloadField("reason", .text, label: "Reason")])

    /// An informal process the complainant asked for (ombuds, mediation): suspends the filing window (a1.3).
    static let informalProcess = EntrySpec(
        title: "Informal process recorded", rule: .a1_3, process: .common, kinds: [.ethics, .arbitration, .mediation], status: .unchanged,
        fields: [PayloadField("process", .choice(["ombuds", "mediation", "other"]), label: "Process"),
                PayloadField("startedOn", .date, label: "Asked for on"),
                PayloadField("endedOn", .date, required: false, label: "Ended on")])

    static let withdrawn = EntrySpec(
        title: "Withdrawn", rule: .a1_17, process: .common, kinds: nil, status: .moves(.withdrawn),
        fields: [PayloadField("reason", .text, required: false, label: "Reason")])

    static let closed = EntrySpec(
        title: "Closed", rule: nil, process: .common, kinds: nil, status: .moves(.closed),
        fields: withdrawn.fields)

    /// A legal hold: while one is in force nothing of the file is destroyed, whatever the retention rules allow (issue 20).
    static let legalHold = EntrySpec(
        title: "Legal hold", rule: .b11_6, process: .common, kinds: nil, status: .unchanged,
        fields: [PayloadField("event", .choice(["placed", "released"]), label: "Placed or released"),
                 PayloadField("reason", .text, label: "Why (litigation, a subpoena, an agency's request)")])

    /// The tombstone of a file whose content was destroyed under the retention rules (S3 1.1.3, a2.2): what went, under
    /// which rule, who confirmed it. Written only by the destruction itself, never through the entry form.
    static let recordsDestroyed = EntrySpec(
        title: "File destroyed under the retention rules", rule: .a2_2, process: .common, kinds: nil, status: .unchanged,
        fields: [PayloadField("rule", .text, label: "Rule"),
                 PayloadField("basis", .text, label: "Kept until"),
                 PayloadField("entries", .text, label: "Entries whose content was destroyed"),
                 PayloadField("documents", .text, label: "Documents destroyed"),
                 PayloadField("confirmedBy", .text, label: "Confirmed by")])

    /// What is left of a hearing's recording once destroyed (S3 6.2.1, a2.5): its title and digest, and who confirmed.
    static let recordingDestroyed = EntrySpec(
        title: "Hearing recording destroyed", rule: .a2_5, process: .common, kinds: [.ethics, .arbitration], status: .unchanged,
        fields: [PayloadField("title", .text, label: "Title"),
                 PayloadField("sha256", .text, label: "SHA-256 of the recording"),
                 PayloadField("basis", .text, label: "Kept until"),
                 PayloadField("confirmedBy", .text, label: "Confirmed by")])
}
