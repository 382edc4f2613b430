import Vapor
import Fluent
import StandardsCore

/// What the rules engine needs about a case beyond its docket: the profile version in force on its
/// filing date, its association's calendar and the respondents' membership gaps (a1.4).
struct CaseRules: Sendable {
    let profile: RuleProfile
    let calendar: HolidayCalendar
    let nonMemberPeriods: [SuspensionInterval]

    /// - Parameter filingOn: the filing date of a complaint being appended now, before the cached column has it.
    static func load(for record: CaseRecord, on db: Database, today: CivilDate, filingOn: CivilDate? = nil) async throws -> CaseRules {
        guard let association = try await Association.find(record.$association.id, on: db) else { throw AppError.notFound("association") }
        return try await load(for: record, in: association, on: db, today: today, filingOn: filingOn)
    }

    /// As above, for a caller that already holds the case's association.
    /// - Parameter respondents: the respondents' person ids when the caller has the case's parties in hand.
    static func load(for record: CaseRecord, in association: Association, on db: Database, today: CivilDate,
                     filingOn: CivilDate? = nil, respondents known: [UUID]? = nil) async throws -> CaseRules {
        let respondents: [UUID]
        if let known { respondents = known } else { respondents = try await CaseParties.ids(of: record, role: .respondent, on: db) }
        let memberships = try await respondentMemberships(respondents, in: association, on: db)
        return try make(for: record, in: association, today: today, filingOn: filingOn, memberships: memberships)
    }

    /// The rules of many cases of one association in two queries (their respondents, and those people's memberships),
    /// for a rebuild of the read models: not three queries a case.
    static func load(for records: [CaseRecord], in association: Association, on db: Database, today: CivilDate) async throws -> [UUID: CaseRules] {
        let ids = records.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        let respondents = try await CaseParty.query(on: db).filter(\.$caseRecord.$id ~~ ids).filter(\.$role == PartyRole.respondent.rawValue).all()
        let memberships = try await respondentMemberships(Array(Set(respondents.map(\.$person.id))), in: association, on: db)
        let membershipsByPerson = Dictionary(grouping: memberships, by: { $0.$person.id })
        let peopleByCase = Dictionary(grouping: respondents, by: { $0.$caseRecord.id })
        var rules: [UUID: CaseRules] = [:]
        for record in records {
            guard let id = record.id else { continue }
            let theirs = (peopleByCase[id] ?? []).flatMap { membershipsByPerson[$0.$person.id] ?? [] }
            rules[id] = try make(for: record, in: association, today: today, filingOn: nil, memberships: theirs)
        }
        return rules
    }

    private static func respondentMemberships(_ people: [UUID], in association: Association, on db: Database) async throws -> [Membership] {
        guard !people.isEmpty else { return [] }
        return try await Membership.query(on: db).filter(\.$association.$id == association.requireID())
            .filter(\.$person.$id ~~ people).with(\.$periods).all()
    }

    /// The profile in force on the filing day, the association's calendar, and the respondents' gaps in membership
    /// up to today (a1.4).
    private static func make(for record: CaseRecord, in association: Association, today: CivilDate, filingOn: CivilDate?,
                             memberships: [Membership]) throws -> CaseRules {
        let filedOn = filingOn ?? (record.filedOn ?? record.openedOn).flatMap(CivilDate.init) ?? today
        guard let profile = association.ruleProfile(on: filedOn),
              let calendar = HolidayCalendar(named: association.holidayCalendar, closureDays: association.closureDays.split(separator: ",").map(String.init)) else {
            throw AppError(.internalServerError, code: "bad_association_rules", message: "The association's rule profile or calendar is not known.")
        }
        // The window runs until the complaint is filed: a respondent who leaves later (S4 (14)) does not move it (a1.4).
        let windowEnds = (filingOn ?? record.filedOn.flatMap(CivilDate.init)).map { min($0, today) } ?? today
        var gaps: [SuspensionInterval] = []
        for membership in memberships {
            let periods = membership.periods.compactMap { p in CivilDate(p.startsOn).map { (start: $0, end: p.endsOn.flatMap(CivilDate.init)) } }
            gaps += MembershipGaps.nonMemberPeriods(periods, until: windowEnds)
        }
        return CaseRules(profile: profile, calendar: calendar, nonMemberPeriods: gaps)
    }

    func deadlines(kind: CaseKind, docket: [DocketEntry], asOf: CivilDate) -> [Deadline] {
        DeadlineDerivation.derive(DeadlineInput(kind: kind, profile: profile, calendar: calendar, docket: docket, asOf: asOf,
                                                respondentNonMemberPeriods: nonMemberPeriods))
    }
}

/// A listed case with its docket and its deadlines as of a day.
struct ListedCaseDeadlines: Sendable {
    let row: CaseListing.Row
    let docket: [DocketEntry]
    let rules: CaseRules
    let deadlines: [Deadline]

    /// For the worklist, the GC queue, the Directors' page and a party's dashboard: every listed case's
    /// docket in one query, their rules in two, deadlines derived per case.
    static func load(_ rows: [CaseListing.Row], in association: Association, today: CivilDate, on db: Database) async throws -> [ListedCaseDeadlines] {
        let ids = rows.compactMap(\.record.id)
        guard !ids.isEmpty else { return [] }
        let records = try await DocketEntryRecord.query(on: db).filter(\.$caseRecord.$id ~~ ids).sort(\.$sequence).all()
        let byCase = Dictionary(grouping: records, by: { $0.$caseRecord.id })
        let rulesByCase = try await CaseRules.load(for: rows.map(\.record), in: association, on: db, today: today)
        var out: [ListedCaseDeadlines] = []
        for row in rows {
            guard let id = row.record.id, let rules = rulesByCase[id] else { continue }
            // One unreadable docket (a row written by hand, an entry type a newer version added) leaves its case off the
            // list instead of taking down the whole page; the case's own page still says what is wrong with it.
            guard let docket = try? (byCase[id] ?? []).map(DocketStore.domainEntry) else { continue }
            out.append(ListedCaseDeadlines(row: row, docket: docket, rules: rules, deadlines: rules.deadlines(kind: row.kind, docket: docket, asOf: today)))
        }
        return out
    }
}
