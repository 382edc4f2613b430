import Foundation

/// What the docket says about the hearing itself: when it is set, whether an adjournment waits to resume, and
/// whether the complainant failed to appear. One reading for the guards, the steps and the screens.
public enum HearingEvents {
    static let proceedings: Set<DocketEntryType> = [.hearingScheduled, .hearingContinued, .hearingAdjourned, .hearingHeld]

    /// The latest setting of the hearing (a schedule or a continuance, a1.15), after `sequence` when given.
    public static func setting(_ docket: [DocketEntry], after sequence: Int = 0) -> DocketEntry? {
        CaseProjection.effectiveEntries(docket).last { ($0.type == .hearingScheduled || $0.type == .hearingContinued) && $0.sequence > sequence }
    }

    /// An adjourned hearing waiting to resume (a1.19): the adjournment is the latest hearing event on the docket.
    public static func adjournment(_ docket: [DocketEntry]) -> (on: CivilDate, earliest: CivilDate, latest: CivilDate, lateWitness: Bool)? {
        guard let last = CaseProjection.effectiveEntries(docket).last(where: { proceedings.contains($0.type) }), last.type == .hearingAdjourned else { return nil }
        let lateWitness = last.payload["lateWitness"]?.textValue == "yes"
        return (last.effectiveOn, last.effectiveOn.adding(days: lateWitness ? 5 : 15), last.effectiveOn.adding(days: 30), lateWitness)
    }

    /// The latest hearing event is a complainant who would not appear (a1.21): the GC may take their place.
    public static func complainantAbsent(_ docket: [DocketEntry]) -> Bool {
        guard let last = CaseProjection.effectiveEntries(docket).last(where: { proceedings.contains($0.type) || $0.type == .hearingNoShow }) else { return false }
        return last.type == .hearingNoShow && last.payload["absent"]?.textValue != "respondent"
    }

    /// The respondent did not appear at the hearing now set: it went ahead without them (a1.21, a2.17).
    public static func respondentAbsent(_ docket: [DocketEntry]) -> Bool {
        let effective = CaseProjection.effectiveEntries(docket)
        let set = setting(docket)?.sequence ?? 0
        return effective.contains { $0.type == .hearingNoShow && $0.sequence > set && $0.payload["absent"]?.textValue == "respondent" }
    }
}

/// Petitions for rehearing of a hearing panel's decision (S3 5.4.1, a2.16).
public enum RehearingPetition {
    /// The petition filed after the latest decision that the panel has not yet granted or denied.
    public static func pending(_ docket: [DocketEntry]) -> DocketEntry? {
        let effective = CaseProjection.effectiveEntries(docket)
        let decision = effective.last { $0.type == .decisionFiled }
        guard let petition = effective.last(where: { $0.type == .rehearingPetitioned && $0.sequence > (decision?.sequence ?? 0) }) else { return nil }
        return effective.contains { $0.type == .rehearingDecided && $0.sequence > petition.sequence } ? nil : petition
    }
}
