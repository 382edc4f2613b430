import Foundation

/// A party as the docket names them.
public struct PartyRef: Hashable, Sendable, Codable {
    public let personId: UUID
    public let role: PartyRole

    public init(personId: UUID, role: PartyRole) {
        self.personId = personId
        self.role = role
    }
}

/// Everything about a case that is derived from its docket. Tables may cache it; `build` must be able
/// to recreate every cached value from the entries alone.
public struct CaseProjection: Sendable, Equatable {
    public var status: CaseStatus
    public var parties: [PartyRef]
    public var openedOn: CivilDate?
    /// The day the complaint or request was filed: the rule profile version in force that day governs the case
    /// (design guide "Rules as data"). A case opened before its complaint arrives takes the complaint's date.
    public var filedOn: CivilDate?
    public var lastActivityOn: CivilDate?
    /// The respondent has been told of the complaint: asked for a response (a1.7), served (a1.11) or told
    /// of the GC's decision. Before that, a respondent party does not see it (S3 5.1.1).
    public var respondentNotified: Bool = false
    /// A matter waits for the Directors (`DirectorsMatter`): an appeal of a dismissal, whole or in part (a1.10), an
    /// ethics appeal (a1.27), a classification challenge (b4.3) or a procedural review (b3.9). Directors reach such a
    /// case whatever its status; the column keeps its first name, `dismissal_appeal_pending`.
    public var directorsMatterPending: Bool = false
    /// Grievance Committee members who helped the complainant and so may not review the complaint (S4 (5)).
    public var excludedReviewers: Set<UUID> = []

    /// The docket as it stands after corrections: each corrected entry is replaced by its latest
    /// correction (keeping its place), struck entries drop out, and the correcting entries themselves are
    /// folded in. Ordered by effective date, then recording order.
    public static func effectiveEntries(_ docket: [DocketEntry]) -> [DocketEntry] {
        // Most dockets hold no corrections and are recorded in date order: nothing to resolve or sort.
        if !docket.contains(where: { $0.corrects != nil }) {
            if zip(docket, docket.dropFirst()).allSatisfy({ ($0.effectiveOn, $0.sequence) < ($1.effectiveOn, $1.sequence) }) { return docket }
            return docket.sorted { ($0.effectiveOn, $0.sequence) < ($1.effectiveOn, $1.sequence) }
        }
        let byID = Dictionary(docket.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func root(of entry: DocketEntry) -> UUID {
            var current = entry
            var seen: Set<UUID> = [current.id]
            while let target = current.corrects, let next = byID[target], !seen.contains(next.id) {
                seen.insert(next.id)
                current = next
            }
            return current.id
        }
        var latest: [UUID: DocketEntry] = [:]
        var struck: Set<UUID> = []
        for entry in docket.sorted(by: { $0.sequence < $1.sequence }) where entry.corrects != nil {
            let target = root(of: entry)
            if entry.type == .entryStruck { struck.insert(target) } else { latest[target] = entry }
        }
        return docket
            .filter { $0.corrects == nil && !struck.contains($0.id) }
            .map { original in
                guard let correction = latest[original.id] else { return original }
                return DocketEntry(id: original.id, sequence: original.sequence, type: original.type,
                                   effectiveOn: correction.effectiveOn, recordedAt: correction.recordedAt,
                                   actorName: correction.actorName, payload: correction.payload, corrects: nil)
            }
            .sorted { ($0.effectiveOn, $0.sequence) < ($1.effectiveOn, $1.sequence) }
    }

    public static func build(kind: CaseKind, docket: [DocketEntry]) -> CaseProjection {
        var projection = CaseProjection(status: .opened, parties: [], openedOn: nil, lastActivityOn: nil)
        for entry in effectiveEntries(docket) {
            if entry.type == .caseOpened, projection.openedOn == nil { projection.openedOn = entry.effectiveOn }
            if [.complaintFiled, .arbitrationRequested].contains(entry.type), projection.filedOn == nil { projection.filedOn = entry.effectiveOn }
            projection.lastActivityOn = max(projection.lastActivityOn ?? entry.effectiveOn, entry.effectiveOn)
            if let status = entry.type.resultingStatus(for: entry.payload, on: kind) { projection.status = status }
            if entry.type == .gcHelperAssigned, let id = entry.payload["personId"]?.textValue.flatMap(UUID.init(uuidString:)) {
                projection.excludedReviewers.insert(id)
            }
            if let notice = entry.parsed.notice, [.responseRequest, .complaintServed, .gcDecision, .requestServed].contains(notice) { projection.respondentNotified = true }
            if entry.type == .partyAdded || entry.type == .partyRemoved,
               let id = entry.payload["personId"]?.textValue.flatMap(UUID.init(uuidString:)),
               let role = entry.payload["role"]?.textValue.flatMap(PartyRole.init(rawValue:)) {
                let party = PartyRef(personId: id, role: role)
                if entry.type == .partyAdded {
                    if !projection.parties.contains(party) { projection.parties.append(party) }
                } else {
                    projection.parties.removeAll { $0 == party }
                }
            }
        }
        projection.directorsMatterPending = DirectorsMatter.pending(kind: kind, docket: docket) != nil
        return projection
    }
}
