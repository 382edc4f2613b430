import Foundation

/// A respondent who leaves the association after the complaint is filed and before final action (S4 (14), a1.12).
public enum ResignationSteps {
    public enum Disposition: String, Sendable, CaseIterable {
        /// Sent to another association on PSDesk where the respondent is still a member: a case opens there.
        case transferred
        /// Sent to another association that is not on PSDesk, by a transfer packet (the complaint and this docket).
        case packet
        /// No other membership, or none can be found: processed here to a final decision, discipline held in abeyance.
        case continues

        /// What entries recorded by hand before this step said: forwarded, or continued to a decision.
        public static let earlierValues = ["forwarded-to-other-association", "continued-to-decision"]
    }

    /// Staff record that the respondent's membership ended and what happens to the complaint; the complainant is told
    /// of a transfer (S4 (14): "the complainant shall be so advised").
    public struct Record: CaseStep {
        public struct Input: Decodable, Sendable {
            public let endedOn: String
            public let disposition: Disposition
            public let toAssociation: String
            public let packetTo: String
            public let note: String
            public init(from decoder: Decoder) throws {
                let fields = try StepFields(decoder)
                endedOn = try fields.optional("endedOn") ?? ""
                disposition = try choice(try fields.optional("disposition") ?? "", as: Disposition.self, field: "disposition",
                                         prompt: "Choose where the complaint goes: to another association of membership, by packet, or on here.")
                toAssociation = try fields.optional("toAssociation") ?? ""
                packetTo = try fields.optional("packetTo") ?? ""
                note = try fields.optional("note") ?? ""
            }
        }
        public static let name = "respondent-resigned"
        public static let process = CaseProcess.ethics
        public static let title = "Record that the respondent left the association"
        public static let rule = RuleID.a1_12
        public static let done = "The respondent's resignation was recorded."
        public static let records = [RecordedEntry(.respondentResigned), .notice(.complaintTransferred)]
        public static let policy = StepPolicy.staff
        public static let needs: Set<StepFact> = [.complainants, .respondentMemberships]
        public static let confirmation: String? = "Sending the complaint to another association closes it here, and the complainant is told; it cannot be undone."

        public static func availability(_ view: StepView) -> Refusal? {
            guard view.effective.contains(where: { $0.type == .complaintFiled }) else {
                return Refusal(code: "no_complaint", message: "No complaint has been filed yet.", rule: rule)
            }
            if view.has(RecordedEntry(.respondentResigned)) {
                return Refusal(code: "already_recorded", message: "The respondent's resignation is already recorded.", rule: rule)
            }
            // "Before final action": after it, the discipline itself waits in abeyance (a compliance step, a1.12).
            if [.finalAction, .closed, .withdrawn].contains(view.status) {
                return Refusal(code: "case_concluded", message: "The case is \(view.status.label.lowercased()): record abeyance as a compliance step instead.", rule: rule)
            }
            return nil
        }

        public static func decide(_ input: Input, on date: CivilDate, view: StepView, facts: StepFacts) -> Result<[ProposedEntry], StepRefusals> {
            guard let endedOn = CivilDate(trimmed(input.endedOn)), endedOn <= date else {
                return .failure(StepRefusals(code: "endedOn_required", message: "Give the day the membership ended, as YYYY-MM-DD, not after \(date).", rule: rule))
            }
            var payload: Payload = ["endedOn": .text(endedOn.description), "disposition": .text(input.disposition.rawValue)]
            let note = String(trimmed(input.note).prefix(2000))
            if !note.isEmpty { payload["note"] = .text(note) }
            let elsewhere = facts.respondentElsewhere.map(\.name).joined(separator: ", ")
            let to: String
            switch input.disposition {
            case .continues:
                // Only where no other membership is known does the complaint stay (S4 (14)).
                guard facts.respondentElsewhere.isEmpty else {
                    return .failure(StepRefusals(code: "member_elsewhere",
                                                 message: "The respondent is still a member of \(elsewhere): the complaint goes there (S4 (14)).", rule: rule))
                }
                return .success([ProposedEntry(type: .respondentResigned, effectiveOn: date, payload: payload)])
            case .transferred:
                guard let target = facts.respondentElsewhere.first(where: { $0.slug == trimmed(input.toAssociation) }) else {
                    return .failure(StepRefusals(code: "not_a_member_there", message: facts.respondentElsewhere.isEmpty
                        ? "PSDesk knows no other association where the respondent is a member: send a transfer packet, or let the complaint go on here."
                        : "Choose one of the associations where the respondent is still a member: \(elsewhere).", rule: rule))
                }
                to = target.name
                payload["toCase"] = .text("")
            case .packet:
                let named = String(trimmed(input.packetTo).prefix(200))
                guard !named.isEmpty else {
                    return .failure(StepRefusals(code: "packetTo_required", message: "Name the association the transfer packet goes to.", rule: rule))
                }
                to = named
            }
            payload["to"] = .text(to)
            return .success([ProposedEntry(type: .respondentResigned, effectiveOn: date, payload: payload),
                             noticeEntry(.complaintTransferred, to: facts.complainants.isEmpty ? "the complainant" : facts.complainants, on: date,
                                         channel: "mail", note: "Sent to \(to), where the respondent is a member (S4 (14)).")])
        }

        /// A transfer on PSDesk opens the complaint in the other association, dated as filed here, so its windows run
        /// from the same day (a1.2); the packet and the case left here carry the rest of the record.
        public static func linked(_ entries: [ProposedEntry], view: StepView, facts: StepFacts) -> LinkedWrite? {
            guard let recorded = entries.first, recorded.payload["disposition"]?.textValue == Disposition.transferred.rawValue,
                  let name = recorded.payload["to"]?.textValue, let target = facts.respondentElsewhere.first(where: { $0.name == name }) else { return nil }
            let complaint = view.effective.filter { [.complaintFiled, .complaintAmended].contains($0.type) }
                .map { ProposedEntry(type: $0.type, effectiveOn: $0.effectiveOn, payload: $0.payload) }
            let summary = "Sent on \(recorded.effectiveOn) by \(facts.associationName) when the respondent's membership there ended (S4 (14))."
            return LinkedWrite(target: .transfer(association: target.slug, title: "Transferred", summary: summary), entries: complaint, numberField: "toCase")
        }
    }

    /// Whether the respondent left with no other membership, so discipline waits in abeyance until they rejoin (a1.12).
    public static func heldInAbeyance(_ effective: [DocketEntry]) -> DocketEntry? {
        effective.last { $0.type == .respondentResigned && [Disposition.continues.rawValue, "continued-to-decision"].contains($0.payload["disposition"]?.textValue ?? "") }
    }
}
