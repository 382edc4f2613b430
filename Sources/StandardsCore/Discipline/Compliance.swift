/// Where each sanction of a case's final discipline stands: due dates, payments, service, abeyance
/// (a1.12, a1.32, a1.33, b8). Derived from the docket and the case ledger on the day asked.
public struct ComplianceItem: Sendable, Equatable {
    public enum Status: String, Sendable {
        case done, due, overdue
        /// A suspension or expulsion running now.
        case inForce = "in-force"
        case served
        /// The respondent left every association (a1.12).
        case heldInAbeyance = "held-in-abeyance"
        /// Waiting on a declaratory judgment (a1.33).
        case contingent
    }
    public var sanction: String
    public var dueOn: CivilDate?
    public var status: Status
    public var note: String
    public var rule: RuleID
    public var isOutstanding: Bool { [.due, .overdue].contains(status) }
}

public enum DisciplineCompliance {
    public static func items(_ docket: [DocketEntry], profile: RuleProfile, asOf: CivilDate) -> [ComplianceItem] {
        let entries = CaseProjection.effectiveEntries(docket)
        guard let final = entries.last(where: { $0.type == .finalAction }),
              let action = final.payload["action"]?.textValue.flatMap(DirectorsAction.init(rawValue:)), action.imposesDiscipline else { return [] }
        let text = final.payload["discipline"]?.textValue
            ?? entries.last(where: { $0.type == .decisionFiled })?.payload["discipline"]?.textValue ?? ""
        guard case .success(let sanctions) = DisciplineText.parse(text) else { return [] }
        let after = entries.filter { $0.type == .disciplineCompliance && $0.sequence > final.sequence }
        func last(_ event: ComplianceEvent) -> DocketEntry? { after.last { $0.payload["event"]?.textValue == event.rawValue } }
        let abeyance = last(.abeyance), revived = last(.revived)
        let held = abeyance != nil && (revived.map { $0.sequence < abeyance!.sequence } ?? true)
        let contingent = final.payload["contingentOnJudgment"]?.textValue == "yes" && last(.judgmentEntered) == nil
        // Time to comply runs from the final action, or again from the day held discipline revives.
        let start = revived?.effectiveOn ?? last(.judgmentEntered)?.effectiveOn ?? final.effectiveOn
        let days = Int(final.payload["complianceDays"]?.textValue ?? "") ?? 30
        let penalty = final.payload["automaticPenalty"]?.textValue
        let lapse = penalty.map { "not complied with: the stated automatic penalty applies (\($0))" }
            ?? "not complied with: goes to the Directors after the member may explain"
        let owed = CaseLedger.build(docket, profile: profile).balance(.respondentOwes)
        let courseDone = last(.courseCompleted) != nil

        func item(_ sanction: String, _ build: () -> (CivilDate?, ComplianceItem.Status, String), rule: RuleID) -> ComplianceItem {
            if contingent { return ComplianceItem(sanction: sanction, dueOn: nil, status: .contingent, note: "contingent on a declaratory judgment", rule: .a1_33) }
            if held { return ComplianceItem(sanction: sanction, dueOn: nil, status: .heldInAbeyance, note: "held until the respondent rejoins an association", rule: .a1_12) }
            let (due, status, note) = build()
            return ComplianceItem(sanction: sanction, dueOn: due, status: status, note: note, rule: rule)
        }
        func payable(_ dueOn: CivilDate) -> (CivilDate?, ComplianceItem.Status, String) {
            if owed <= 0 { return (dueOn, .done, "paid") }
            return asOf > dueOn ? (dueOn, .overdue, "\(Guards.dollars(owed)) unpaid; \(lapse)") : (dueOn, .due, "\(Guards.dollars(owed)) to pay")
        }
        var out: [ComplianceItem] = []
        let dueOn = start.adding(days: days)
        for sanction in sanctions {
            switch sanction {
            case .letterOfWarning, .letterOfReprimand:
                out.append(item(sanction.description, { (nil, .done, "copy kept in the member's file") }, rule: .b8_1))
            case .course(let name):
                out.append(item("course: \(name)", {
                    courseDone ? (dueOn, .done, "completed") : asOf > dueOn ? (dueOn, .overdue, lapse) : (dueOn, .due, "to complete")
                }, rule: .b8_1))
            case .fine, .assessmentInLieu:
                out.append(item(sanction.description, { payable(dueOn) }, rule: .b8_1))
            case .suspension(let length, _):
                let ends = start.adding(days: length)
                out.append(item(sanction.description, {
                    asOf >= ends ? (ends, .served, "ended \(ends); reinstated automatically") : (ends, .inForce, "from \(start) to \(ends)")
                }, rule: .b8_2))
            case .expulsion(let years):
                let until = start.adding(months: years * 12)
                out.append(item(sanction.description, { (until, .inForce, "no reinstatement before \(until)") }, rule: .b8_4))
            case .probation(let length):
                let ends = start.adding(days: length)
                out.append(item(sanction.description, {
                    asOf >= ends ? (ends, .done, "probation ended; held discipline fulfilled") : (ends, .inForce, "other discipline held until \(ends)")
                }, rule: .b8_6))
            }
        }
        if Discipline.processingFee(profile: profile, violationFound: true) > 0, !sanctions.contains(where: { if case .fine = $0 { true } else { false } }) {
            out.append(item("administrative processing fee", { payable(dueOn) }, rule: .a2_6))
        }
        // A penalty the Directors stated applies by itself once something is overdue (a1.32): it starts the day after.
        if let penalty, out.contains(where: { $0.status == .overdue }), case .success(let added) = DisciplineText.parse(penalty) {
            let from = dueOn.adding(days: 1)
            for sanction in added {
                switch sanction {
                case .suspension(let length, _):
                    let ends = from.adding(days: length)
                    out.append(ComplianceItem(sanction: "\(sanction.description) (automatic)", dueOn: ends, status: asOf >= ends ? .served : .inForce,
                                              note: asOf >= ends ? "ended \(ends)" : "from \(from) to \(ends), for non-compliance", rule: .a1_32))
                default:
                    out.append(ComplianceItem(sanction: "\(sanction.description) (automatic)", dueOn: from, status: .inForce,
                                              note: "applies from \(from) for non-compliance", rule: .a1_32))
                }
            }
        }
        return out
    }
}
