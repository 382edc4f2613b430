import Foundation

/// A Professional Standards Committee member considered for a panel, with what the rules ask of them.
public struct PanelCandidate: Sendable, Equatable, Hashable, Codable {
    public var id: UUID
    public var name: String
    /// Firm identity: at most one person per firm on a tribunal (b7.1). Independently owned franchises are different firms.
    public var firm: String?
    /// A REALTOR member (panels need a majority of REALTORs, a1.14).
    public var isRealtor: Bool
    public var isPrincipal: Bool
    /// Last day the member's tribunal training is current (a2.7: annual training).
    public var trainingCurrentThrough: CivilDate?
    /// Certificate of qualification signed (A-11 / E-10, b7.3).
    public var certificateSigned: Bool
    /// Related to, employer, partner, employee or business associate of a party (b7.2).
    public var relatedToParty: Bool
    /// Sat on another tribunal in this matter or reviewed it in the Grievance Committee (b7.4, S4 (5)).
    public var servedOnOtherTribunal: Bool
    /// A party's challenge for cause against them was upheld (a1.14, b7.2).
    public var successfullyChallenged: Bool
    /// Has disclosed a conflict (b7.3): must be replaced.
    public var disclosedConflict: Bool
    /// The last day of their term on the committee, when it has one (S3 3.2, 3.3).
    public var termEndsOn: CivilDate?
    /// Panels sat on in the last twelve months: the assistant prefers the least loaded (issue 18). Not part of a case
    /// file's committee (`CodingKeys`): it is read fresh each time.
    public var recentAssignments: Int = 0
    /// A party to another pending case that shares a party with this one: a related matter (b7.2). Read fresh, like
    /// `recentAssignments`, not kept in a case file.
    public var partyInRelatedCase: Bool = false

    enum CodingKeys: String, CodingKey {
        case id, name, firm, isRealtor, isPrincipal, trainingCurrentThrough, certificateSigned, relatedToParty, servedOnOtherTribunal
        case successfullyChallenged, disclosedConflict, termEndsOn
    }

    public init(id: UUID = UUID(), name: String, firm: String?, isRealtor: Bool = true, isPrincipal: Bool = false,
                trainingCurrentThrough: CivilDate?, certificateSigned: Bool = true, relatedToParty: Bool = false,
                servedOnOtherTribunal: Bool = false, successfullyChallenged: Bool = false, disclosedConflict: Bool = false) {
        self.id = id; self.name = name; self.firm = firm; self.isRealtor = isRealtor; self.isPrincipal = isPrincipal
        self.trainingCurrentThrough = trainingCurrentThrough; self.certificateSigned = certificateSigned; self.relatedToParty = relatedToParty
        self.servedOnOtherTribunal = servedOnOtherTribunal; self.successfullyChallenged = successfullyChallenged
        self.disclosedConflict = disclosedConflict
    }
}

/// What the rules need to know about the case a panel is for.
public struct PanelContext: Sendable, Codable {
    /// A party is a non-principal REALTOR or a REALTOR-ASSOCIATE: one seat must be a non-principal (a1.14).
    public var partyIsNonPrincipal: Bool
    /// The parties' firms: nobody from a party's firm may sit (b7.2 business associate).
    public var partyFirms: Set<String>
    /// Members of an earlier panel in this matter, who may not sit again (b7.4, a1.25).
    public var originalPanel: Set<UUID>
    /// The hearing date; training must be current through it.
    public var hearingOn: CivilDate
    /// Whether `hearingOn` is the hearing's date or only the day the panel is chosen (no hearing set yet).
    public var hearingSet: Bool = true
    public var minimumSize: Int
    /// The committee members named on the list transmitted to the parties, once it was sent: the panel is chosen
    /// only from these names, those not successfully challenged (a1.14). Nil before a list exists.
    public var transmittedList: Set<UUID>?

    public init(partyIsNonPrincipal: Bool, partyFirms: Set<String> = [], originalPanel: Set<UUID> = [], hearingOn: CivilDate, minimumSize: Int = 3) {
        self.partyIsNonPrincipal = partyIsNonPrincipal; self.partyFirms = partyFirms; self.originalPanel = originalPanel
        self.hearingOn = hearingOn; self.minimumSize = minimumSize
    }
}

public enum PanelComposition {
    /// Every reason one candidate may not sit, for the "why excluded" column of the panel screen.
    public static func exclusions(of candidate: PanelCandidate, context: PanelContext) -> [Refusal] {
        var reasons: [Refusal] = []
        func add(_ code: String, _ message: String, _ rule: RuleID) { reasons.append(Refusal(code: code, message: "\(candidate.name): \(message)", rule: rule)) }
        if let list = context.transmittedList, !list.contains(candidate.id) {
            add("not_on_transmitted_list", "not on the committee list sent to the parties, who could not challenge them", .a1_14)
        }
        if candidate.successfullyChallenged { add("challenged", "successfully challenged by a party", .a1_14) }
        if candidate.relatedToParty { add("related_to_party", "related to or a business associate of a party", .b7_2) }
        if candidate.partyInRelatedCase { add("party_in_related_case", "a party to another pending case with a party to this one", .b7_2) }
        if let firm = candidate.firm, context.partyFirms.contains(firm) { add("party_firm", "licensed with a party's firm (\(firm))", .b7_2) }
        if candidate.servedOnOtherTribunal { add("other_tribunal", "sat on another tribunal in this matter or reviewed it in the Grievance Committee", .b7_4) }
        // Nobody serves on two tribunals in one matter (b7.4): a new hearing needs a new panel (a1.25).
        if context.originalPanel.contains(candidate.id) { add("original_panel", "sat on an earlier panel in this matter", .b7_4) }
        if candidate.disclosedConflict { add("disclosed_conflict", "has disclosed a conflict and must be replaced", .b7_3) }
        if let ends = candidate.termEndsOn, ends < context.hearingOn { add("term_ended", "their term on the committee ended on \(ends)", .a2_7) }
        if !candidate.certificateSigned { add("no_certificate", "has not signed the certificate of qualification", .b7_3) }
        if (candidate.trainingCurrentThrough.map { $0 < context.hearingOn }) ?? true {
            add("training_lapsed", "training is not current through \(context.hearingOn)\(context.hearingSet ? ", the hearing date" : "")", .a2_7)
        }
        return reasons
    }

    /// At most one person of a firm on a tribunal (b7.1).
    public static func sameFirm(_ panel: [PanelCandidate]) -> [Refusal] {
        let byFirm = Dictionary(grouping: panel.filter { $0.firm != nil }, by: { $0.firm! })
        return byFirm.sorted(by: { $0.key < $1.key }).filter { $0.value.count > 1 }.map { firm, members in
            Refusal(code: "panel_same_firm", message: "\(members.map(\.name).joined(separator: " and ")) are both with \(firm): at most one per firm.", rule: .b7_1)
        }
    }

    /// Every reason a proposed panel fails, not just the first.
    public static func check(_ panel: [PanelCandidate], chair: UUID?, context: PanelContext) -> [Refusal] {
        var problems: [Refusal] = []
        if panel.count < context.minimumSize {
            problems.append(Refusal(code: "panel_too_small", message: "A panel needs at least \(context.minimumSize) members; \(panel.count) proposed.", rule: .a1_14))
        }
        if panel.count % 2 == 0 {
            problems.append(Refusal(code: "panel_even", message: "A panel must have an odd number of members; \(panel.count) proposed.", rule: .a1_14))
        }
        let realtors = panel.filter(\.isRealtor).count
        if realtors * 2 <= panel.count {
            problems.append(Refusal(code: "panel_not_majority_realtors", message: "A majority of the panel must be REALTORs; \(realtors) of \(panel.count) are.", rule: .a1_14))
        }
        if context.partyIsNonPrincipal && !panel.contains(where: { $0.isRealtor && !$0.isPrincipal }) {
            problems.append(Refusal(code: "panel_needs_non_principal",
                                    message: "A party is a non-principal or REALTOR-ASSOCIATE, so one panelist must be a non-principal.", rule: .a1_14))
        }
        problems += sameFirm(panel)
        if Set(panel.map(\.id)).count != panel.count {
            problems.append(Refusal(code: "panel_duplicate", message: "The same person is proposed twice.", rule: .a1_14))
        }
        for candidate in panel { problems += exclusions(of: candidate, context: context) }
        if let chair, !panel.contains(where: { $0.id == chair }) {
            problems.append(Refusal(code: "chair_not_on_panel", message: "The chair must be one of the panel's members.", rule: .a1_14))
        } else if chair == nil {
            problems.append(Refusal(code: "chair_missing", message: "The PSC chair names the panel's chair.", rule: .a1_14))
        }
        return problems
    }

    /// Proposes a panel of `size` from eligible candidates that passes `check`, preferring a non-principal
    /// when one is needed and never two from one firm, and among those the members who sat on the fewest panels lately,
    /// so the work is spread (issue 18); nil when none can be formed.
    public static func propose(from candidates: [PanelCandidate], size: Int, context: PanelContext) -> [PanelCandidate]? {
        let eligible = candidates.filter { exclusions(of: $0, context: context).isEmpty }
        var chosen: [PanelCandidate] = []
        var firms: Set<String> = []
        func take(_ candidate: PanelCandidate) {
            chosen.append(candidate)
            if let firm = candidate.firm { firms.insert(firm) }
        }
        let byLoad = eligible.sorted { ($0.recentAssignments, $0.isRealtor ? 0 : 1, $0.name) < ($1.recentAssignments, $1.isRealtor ? 0 : 1, $1.name) }
        if context.partyIsNonPrincipal, let nonPrincipal = byLoad.first(where: { $0.isRealtor && !$0.isPrincipal }) { take(nonPrincipal) }
        for candidate in byLoad where chosen.count < size {
            if chosen.contains(candidate) { continue }
            if let firm = candidate.firm, firms.contains(firm) { continue }
            take(candidate)
        }
        guard chosen.count == size, check(chosen, chair: chosen.first?.id, context: context).isEmpty else { return nil }
        return chosen
    }
}

extension PanelContext {
    /// The context of this case's panel, chosen on `date`: the hearing it is for (not one set before the Directors
    /// ordered a new hearing, a1.25), the earlier panel who may not sit again (b7.4), and once the committee list
    /// went to the parties, the names on it (a1.14). One reading for the app and the offline check.
    public static func forCase(docket: [DocketEntry], partyIsNonPrincipal: Bool, partyFirms: Set<String>, on date: CivilDate,
                               profile: RuleProfile) -> PanelContext {
        let panel = HearingPanel.build(docket)
        let effective = CaseProjection.effectiveEntries(docket)
        let restart = effective.last { $0.type == .finalAction && $0.payload["action"]?.textValue == DirectorsAction.newPanel.rawValue }?.sequence ?? 0
        let hearing = HearingEvents.setting(docket, after: restart)
        var context = PanelContext(partyIsNonPrincipal: partyIsNonPrincipal, partyFirms: partyFirms, originalPanel: panel.priorMembers,
                                   hearingOn: hearing?.parsed.date(.hearingOn) ?? date, minimumSize: profile.hearingPanelMinimum)
        context.hearingSet = hearing != nil
        if panel.listTransmittedOn != nil { context.transmittedList = Set(panel.listed) }
        return context
    }
}

extension PanelCandidate {
    /// The candidate as this case's docket sees them: a successful challenge, a disclosed conflict, or a seat on
    /// another tribunal in the matter (the Grievance Committee's reviewers, b7.4) rule them out.
    public func onCase(_ panel: HearingPanel, gcReviewers: Set<UUID>) -> PanelCandidate {
        var candidate = self
        candidate.servedOnOtherTribunal = candidate.servedOnOtherTribunal || gcReviewers.contains(id)
        candidate.successfullyChallenged = panel.disqualified.contains(id)
        candidate.disclosedConflict = panel.conflicted.contains(id)
        return candidate
    }
}
