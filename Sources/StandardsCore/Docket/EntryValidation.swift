import Foundation

/// Decides whether a proposed entry may be appended to a case's docket. The same check runs for the
/// web form, the API and the commands.
public enum EntryValidation {
    public static func check(_ proposed: ProposedEntry, kind: CaseKind, docket: [DocketEntry]) -> [Refusal] {
        var refusals: [Refusal] = []
        if !proposed.type.allowed(on: kind) {
            refusals.append(Refusal(code: "entry_type_not_for_case_kind",
                                    message: "\"\(proposed.type.title)\" does not belong on a \(kind.label.lowercased()) case.",
                                    rule: proposed.type.rule?.id))
        }
        refusals += checkPayload(proposed.payload, fields: proposed.type.fields, rule: proposed.type.rule?.id)
        if let targetID = proposed.corrects {
            if let target = docket.first(where: { $0.id == targetID }) {
                if target.type == .entryStruck {
                    refusals.append(Refusal(code: "cannot_correct_a_strike", message: "A strike cannot itself be corrected; record a new entry instead."))
                } else if proposed.type != .entryStruck && proposed.type != target.type {
                    refusals.append(Refusal(code: "correction_type_mismatch",
                                            message: "A correction must have the same type as the entry it corrects (\(target.type.rawValue)), or strike it."))
                }
            } else {
                refusals.append(Refusal(code: "corrected_entry_not_found", message: "The entry to correct is not on this case's docket."))
            }
        } else if proposed.type == .entryStruck {
            refusals.append(Refusal(code: "strike_needs_target", message: "A strike must name the entry it strikes (corrects)."))
        }
        if proposed.type == .caseOpened && proposed.corrects == nil && docket.contains(where: { $0.type == .caseOpened }) {
            refusals.append(Refusal(code: "case_already_opened", message: "The case is already open."))
        }
        return refusals
    }

    /// Each declared field is present when required, of its type, and nothing undeclared is carried.
    public static func checkPayload(_ payload: Payload, fields: [PayloadField], rule: String? = nil) -> [Refusal] {
        var refusals: [Refusal] = []
        let known = Set(fields.map(\.name))
        for name in payload.keys.sorted() where !known.contains(name) {
            refusals.append(Refusal(code: "unknown_payload_field", message: "\"\(name)\" is not a field of this entry type.", rule: rule))
        }
        for field in fields {
            guard let value = payload[field.name] else {
                if field.required {
                    refusals.append(Refusal(code: "missing_payload_field", message: "\(field.label) is required (\(field.name)).", rule: rule))
                }
                continue
            }
            if let problem = problem(with: value, for: field) {
                refusals.append(Refusal(code: "invalid_payload_field", message: "\(field.label) (\(field.name)) \(problem).", rule: rule))
            }
        }
        return refusals
    }

    private static func problem(with value: PayloadValue, for field: PayloadField) -> String? {
        switch field.type {
        case .text:
            guard let text = value.textValue else { return "must be text" }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && field.required { return "must not be blank" }
            if text.count > 20_000 { return "is longer than 20,000 characters" }
        case .date:
            guard let text = value.textValue, let date = CivilDate(text) else { return "must be a date as YYYY-MM-DD" }
            // A date a case can mean; farther off is a slip that would carry every time frame with it.
            if !date.isPlausible { return "must lie between \(CivilDate.plausibleYears.lowerBound) and \(CivilDate.plausibleYears.upperBound)" }
        case .cents:
            guard let cents = value.integerValue else { return "must be a whole number of cents" }
            if cents < 0 { return "must not be negative" }
        case .uuid:
            guard let text = value.textValue, UUID(uuidString: text) != nil else { return "must be an id" }
        case .timestamp:
            guard let text = value.textValue, Timestamps.parse(text) != nil else { return "must be a date and time with zone, like 2026-06-16T17:30:00-04:00" }
        case .choice(let options):
            guard let text = value.textValue, options.contains(text) else { return "must be one of: \(options.joined(separator: ", "))" }
        }
        return nil
    }
}
