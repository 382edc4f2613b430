import Foundation

/// The documented JSON form of a case for `psdesk deadlines` and `psdesk check` (docs/docket.md):
/// ```json
/// { "profile": "obar", "kind": "ethics", "asOf": "2026-08-21",
///   "calendar": { "name": "us-federal", "closureDays": ["2026-12-24"] },
///   "respondentNonMemberPeriods": [{ "start": "2026-03-01", "end": "2026-04-01", "reason": "lapsed" }],
///   "entries": [{ "id": "…optional uuid…", "type": "complaint.filed", "effectiveOn": "2026-08-20",
///                 "payload": { "articles": "1", "transactionConcludedOn": "2026-02-02" }, "corrects": null }] }
/// ```
public struct DocketFile: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var id: UUID?
        public var type: String
        public var effectiveOn: CivilDate
        public var payload: Payload?
        public var corrects: UUID?
    }

    public struct Calendar: Codable, Sendable {
        public var name: String
        public var closureDays: [String]?
    }

    public var profile: String
    public var kind: CaseKind
    public var asOf: CivilDate?
    public var calendar: Calendar?
    public var respondentNonMemberPeriods: [SuspensionInterval]?
    public var entries: [Entry]

    /// The entry ids a file leaves out are made from their position, so corrections can refer to them
    /// as `00000000-0000-0000-0000-000000000003` for the third entry.
    public static func positionalID(_ position: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", position))!
    }

    /// Checks every entry as the app would on append, in order, and returns the docket, the profile in
    /// force on the first entry's date and the calendar; or every problem found.
    public func resolve() -> Result<(docket: [DocketEntry], profile: RuleProfile, calendar: HolidayCalendar), ProfileError> {
        var problems: [String] = []
        let firstDate = entries.first?.effectiveOn ?? CivilDate(dayNumber: 0)
        let profile = RuleProfiles.profile(named: self.profile, on: firstDate)
        if profile == nil { problems.append("profile \"\(self.profile)\" is not known; known: \(Set(RuleProfiles.builtIn.map(\.name)).sorted().joined(separator: ", "))") }
        let calendar = HolidayCalendar(named: calendar?.name ?? "us-federal", closureDays: calendar?.closureDays ?? [])
        if calendar == nil { problems.append("calendar must be us-federal or none, with closure days as YYYY-MM-DD") }
        var docket: [DocketEntry] = []
        for (index, entry) in entries.enumerated() {
            guard let type = DocketEntryType(rawValue: entry.type) else {
                problems.append("entry \(index + 1): unknown type \"\(entry.type)\"")
                continue
            }
            let proposed = ProposedEntry(type: type, effectiveOn: entry.effectiveOn, payload: entry.payload ?? [:], corrects: entry.corrects)
            for refusal in EntryValidation.check(proposed, kind: kind, docket: docket) {
                problems.append("entry \(index + 1) (\(entry.type)): \(refusal.message)")
            }
            docket.append(DocketEntry(id: entry.id ?? Self.positionalID(index + 1), sequence: index + 1, type: type, effectiveOn: entry.effectiveOn,
                                      recordedAt: Date(timeIntervalSince1970: 0), actorName: "file", payload: entry.payload ?? [:], corrects: entry.corrects))
        }
        guard problems.isEmpty, let profile, let calendar else { return .failure(ProfileError(problems: problems)) }
        return .success((docket, profile, calendar))
    }
}
