import StandardsCore

extension Deadline {
    /// The due date as a person reads it: "2026-07-09 Thu", or, before the start is known, what it counts from
    /// ("counts from the day the notice is received") rather than a bare dash.
    var dueText: String {
        if let dueOn { return "\(dueOn) \(dueOn.weekday.shortName)" }
        switch basis {
        case .received: return "\(window) from the day the notice is received"
        case .served: return "\(window) from the day the papers are served"
        case .reviewed: return "\(window) from counsel's review"
        case .rendered, .transmitted, .filed: return "\(window) from the step that starts it"
        }
    }

    /// The same for the party the notice goes to: "20 days from the day you receive the notice".
    var dueTextForParty: String {
        guard dueOn == nil, basis == .received else { return dueText }
        return "\(window) from the day you receive the notice"
    }

    private var window: String {
        let days = why.days.map { "\($0) \(count == .working ? "working " : "")days" }
        return days ?? "counted"
    }
}
