import Foundation

/// The hearing panel of a case as its docket records it: the list transmitted to the parties, challenges and
/// the chair's rulings (a1.14), the panel named with its chair and alternates (S3 5.2.2), certificates
/// signed and conflicts disclosed (b7.3). A projection: nothing here is stored except through the docket.
public struct HearingPanel: Sendable, Equatable {
    public struct Challenge: Sendable, Equatable {
        public var personId: UUID
        public var name: String
        public var reason: String
        public var by: String?
        public var filedOn: CivilDate
        /// nil while the chair has not ruled.
        public var upheld: Bool?
    }

    /// Committee members on the list transmitted to the parties (notice `panel-list`, `people`).
    public var listed: [UUID] = []
    public var listTransmittedOn: CivilDate?
    public var challenges: [Challenge] = []
    public var members: [UUID] = []
    public var chair: UUID?
    public var alternates: [UUID] = []
    public var namedOn: CivilDate?
    public var certified: Set<UUID> = []
    /// Panelists who disclosed a conflict (b7.3); they no longer sit and must be replaced.
    public var conflicted: Set<UUID> = []
    /// Members of panels the Directors set aside for a new hearing (a1.25 (i)): they may not sit again (b7.4).
    public var priorMembers: Set<UUID> = []

    /// Members upheld on challenge: they may not sit (a1.14, b7.2).
    public var disqualified: Set<UUID> { Set(challenges.filter { $0.upheld == true }.map(\.personId)) }
    public var pendingChallenges: [Challenge] { challenges.filter { $0.upheld == nil } }
    /// Seats left empty by a disclosed conflict and not yet filled.
    public var vacancies: [UUID] { members.filter(conflicted.contains) }
    /// The members who sit: everyone named but those who disclosed a conflict.
    public var sitting: [UUID] { members.filter { !conflicted.contains($0) } }
    /// Everyone who sits or may step in: the cached `panel_seats` rows.
    public var seated: [(personId: UUID, seat: String)] {
        sitting.map { ($0, $0 == chair ? "chair" : "member") }
            + alternates.filter { !conflicted.contains($0) }.map { ($0, "alternate") }
    }
    /// Panelists still to sign the certificate of qualification.
    public var uncertified: [UUID] { sitting.filter { !certified.contains($0) } }

    public static func ids(_ text: String?) -> [UUID] {
        (text ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).compactMap { UUID(uuidString: String($0)) }
    }

    public static func build(_ docket: [DocketEntry]) -> HearingPanel {
        var panel = HearingPanel()
        for entry in CaseProjection.effectiveEntries(docket) {
            let person = entry.payload["personId"]?.textValue.flatMap(UUID.init(uuidString:))
            switch entry.type {
            case .noticeSent where entry.parsed.notice == .panelList:
                panel.listed = ids(entry.payload["people"]?.textValue)
                panel.listTransmittedOn = entry.effectiveOn
            case .challengeFiled:
                guard let person else { continue }
                panel.challenges.append(Challenge(personId: person, name: entry.payload["challenged"]?.textValue ?? "",
                                                  reason: entry.payload["reason"]?.textValue ?? "", by: entry.payload["by"]?.textValue,
                                                  filedOn: entry.effectiveOn))
            case .challengeRuled:
                guard let person else { continue }
                for index in panel.challenges.indices where panel.challenges[index].personId == person && panel.challenges[index].upheld == nil {
                    panel.challenges[index].upheld = entry.payload["outcome"]?.textValue == "upheld"
                }
            case .panelNamed:
                let memberIds = ids(entry.payload["memberIds"]?.textValue)
                if let replaced = entry.payload["replaces"]?.textValue.flatMap(UUID.init(uuidString:)) {
                    // A replacement keeps the rest of the panel; the newcomer takes the conflicted seat (b7.3).
                    for newcomer in memberIds where !panel.members.contains(newcomer) {
                        if let index = panel.members.firstIndex(of: replaced) { panel.members[index] = newcomer } else { panel.members.append(newcomer) }
                        panel.alternates.removeAll { $0 == newcomer }
                    }
                    if panel.chair == replaced { panel.chair = entry.payload["chairId"]?.textValue.flatMap(UUID.init(uuidString:)) }
                } else {
                    panel.members = memberIds
                    panel.chair = entry.payload["chairId"]?.textValue.flatMap(UUID.init(uuidString:))
                    panel.alternates = ids(entry.payload["alternateIds"]?.textValue)
                    panel.namedOn = entry.effectiveOn
                }
            case .panelistCertified:
                if let person { panel.certified.insert(person) }
            case .panelistConflict:
                if let person { panel.conflicted.insert(person) }
            case .finalAction where entry.payload["action"]?.textValue == DirectorsAction.newPanel.rawValue:
                // A new hearing before a new panel: selection starts over without the earlier panelists.
                var fresh = HearingPanel()
                fresh.priorMembers = panel.priorMembers.union(panel.members).union(panel.alternates)
                panel = fresh
            default:
                break
            }
        }
        return panel
    }

    /// Refusals for a proposed entry that depend on the panel alone (called from `Guards`).
    public func refusals(for proposed: ProposedEntry) -> [Refusal] {
        let person = proposed.payload["personId"]?.textValue.flatMap(UUID.init(uuidString:))
        switch proposed.type {
        case .challengeFiled:
            guard listTransmittedOn != nil else {
                return [Refusal(code: "no_panel_list", message: "The list of committee members has not been sent to the parties yet.", rule: .a1_14)]
            }
            if let person, !listed.isEmpty, !listed.contains(person) {
                return [Refusal(code: "not_on_panel_list", message: "Only a member on the transmitted list can be challenged.", rule: .a1_14)]
            }
        case .challengeRuled:
            guard let person, challenges.contains(where: { $0.personId == person && $0.upheld == nil }) else {
                return [Refusal(code: "no_pending_challenge", message: "There is no challenge against that member waiting for a ruling.", rule: .a1_14)]
            }
        case .panelNamed:
            let memberIds = Self.ids(proposed.payload["memberIds"]?.textValue)
            let alternateIds = Self.ids(proposed.payload["alternateIds"]?.textValue)
            var out: [Refusal] = []
            if !pendingChallenges.isEmpty {
                out.append(Refusal(code: "challenges_pending",
                                   message: "Rule on every challenge before naming the panel: \(pendingChallenges.map(\.name).joined(separator: ", ")).", rule: .a1_14))
            }
            let barred = (memberIds + alternateIds).filter { disqualified.contains($0) || conflicted.contains($0) }
            if !barred.isEmpty {
                out.append(Refusal(code: "panelist_disqualified", message: "A member upheld on challenge or who disclosed a conflict may not sit.", rule: .b7_2))
            }
            if proposed.payload["replaces"] == nil, let chair = proposed.payload["chairId"]?.textValue.flatMap(UUID.init(uuidString:)), !memberIds.contains(chair) {
                out.append(Refusal(code: "chair_not_on_panel", message: "The chair must be one of the panel's members.", rule: .a1_14))
            }
            if let replaced = proposed.payload["replaces"]?.textValue.flatMap(UUID.init(uuidString:)), !vacancies.contains(replaced) {
                out.append(Refusal(code: "nothing_to_replace", message: "Only a panelist who disclosed a conflict is replaced.", rule: .b7_3))
            }
            return out
        case .panelistCertified, .panelistConflict:
            guard let person, members.contains(person) || alternates.contains(person) else {
                return [Refusal(code: "not_on_panel", message: "That person does not sit on this case's panel.", rule: .b7_3)]
            }
        default:
            break
        }
        return []
    }
}
