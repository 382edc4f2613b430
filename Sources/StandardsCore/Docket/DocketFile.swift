import Foundation

/// The documented JSON form of a case for `psdesk deadlines` and `psdesk check` (docs/docket.md, and docs/case-file.md for
/// the optional profile overrides, actor, people and refiled docket):
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

    /// Who asks, for a step checked offline: their roles in the association and on the case.
    public struct Actor: Codable, Sendable {
        public var roles: [Role]
        public var partyRoles: [PartyRole]?
        public var personId: UUID?
        public var sitsOnPanel: Bool?
        public var chairsCommittee: Bool?
    }

    /// The people a step may need: the parties' names, the Board and its quorum, the Grievance Committee, the PSC.
    public struct People: Codable, Sendable {
        public struct Named: Codable, Sendable { public var id: UUID; public var name: String }
        public var complainants: String?
        public var respondents: String?
        public var board: [Named]?
        public var boardQuorum: Int?
        public var grievanceMembers: [Named]?
        /// The Professional Standards Committee the panel is drawn from, each member as the composition rules see
        /// them (firm, REALTOR or not, principal, training); the docket adds challenges and conflicts (a1.14, b7).
        public var committee: [PanelCandidate]?
        /// A party is a non-principal REALTOR, so a seat must be a non-principal's (a1.14).
        public var partyIsNonPrincipal: Bool?
        /// The parties' firms, whose members may not sit (b7.2).
        public var partyFirms: [String]?
    }

    public var profile: String
    /// Options laid over the named profile (`{"windows": {"reply": {"rollForward": true}}}`), checked like a profile file.
    public var profileOverrides: JSONValue?
    public var kind: CaseKind
    public var asOf: CivilDate?
    public var calendar: Calendar?
    public var respondentNonMemberPeriods: [SuspensionInterval]?
    public var actor: Actor?
    public var people: People?
    /// For a complaint that refiles a withdrawn one (a1.17): that case's docket.
    public var refiledEntries: [Entry]?
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
        var profile = RuleProfiles.profile(named: self.profile, on: firstDate)
        if profile == nil { problems.append("profile \"\(self.profile)\" is not known; known: \(Set(RuleProfiles.builtIn.map(\.name)).sorted().joined(separator: ", "))") }
        if let overrides = profileOverrides, let base = profile {
            do { profile = try RuleProfiles.applying(overrides, to: base) } catch let error as ProfileError {
                problems += error.problems.map { "profileOverrides: \($0)" }
            } catch {
                problems.append("profileOverrides do not fit the profile: \(error)")
            }
        }
        let calendar = HolidayCalendar(named: calendar?.name ?? "us-federal", closureDays: calendar?.closureDays ?? [])
        if calendar == nil { problems.append("calendar must be us-federal or none, with closure days as YYYY-MM-DD") }
        let docket = Self.docket(entries, kind: kind, problems: &problems)
        if let refiledEntries {
            var refiledProblems: [String] = []
            _ = Self.docket(refiledEntries, kind: kind, problems: &refiledProblems)
            problems += refiledProblems.map { "refiledEntries: \($0)" }
        }
        guard problems.isEmpty, let profile, let calendar else { return .failure(ProfileError(problems: problems)) }
        return .success((docket, profile, calendar))
    }

    /// The refiled case's docket (a1.17), read like the case's own.
    public func refiledDocket() -> [DocketEntry]? {
        guard let refiledEntries else { return nil }
        var ignored: [String] = []
        return Self.docket(refiledEntries, kind: kind, problems: &ignored)
    }

    static func docket(_ entries: [Entry], kind: CaseKind, problems: inout [String]) -> [DocketEntry] {
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
        return docket
    }
}
