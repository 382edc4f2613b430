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
    static func load(for record: CaseRecord, in association: Association, on db: Database, today: CivilDate,
                     filingOn: CivilDate? = nil) async throws -> CaseRules {
        let filedOn = filingOn ?? (record.filedOn ?? record.openedOn).flatMap(CivilDate.init) ?? today
        guard let profile = RuleProfiles.profile(named: association.ruleProfile, on: filedOn),
              let calendar = HolidayCalendar(named: association.holidayCalendar, closureDays: association.closureDays.split(separator: ",").map(String.init)) else {
            throw AppError(.internalServerError, code: "bad_association_rules", message: "The association's rule profile or calendar is not known.")
        }
        let respondents = try await CaseParties.ids(of: record, role: .respondent, on: db)
        var gaps: [SuspensionInterval] = []
        if !respondents.isEmpty {
            let memberships = try await Membership.query(on: db).filter(\.$association.$id == association.requireID())
                .filter(\.$person.$id ~~ respondents).with(\.$periods).all()
            for membership in memberships {
                let periods = membership.periods.compactMap { p in CivilDate(p.startsOn).map { (start: $0, end: p.endsOn.flatMap(CivilDate.init)) } }
                gaps += MembershipGaps.nonMemberPeriods(periods, until: today)
            }
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
    /// docket in one query, the association read once, deadlines derived per case.
    static func load(_ rows: [CaseListing.Row], in association: Association, today: CivilDate, on db: Database) async throws -> [ListedCaseDeadlines] {
        let ids = rows.compactMap(\.record.id)
        guard !ids.isEmpty else { return [] }
        let records = try await DocketEntryRecord.query(on: db).filter(\.$caseRecord.$id ~~ ids).sort(\.$sequence).all()
        let byCase = Dictionary(grouping: records, by: { $0.$caseRecord.id })
        var out: [ListedCaseDeadlines] = []
        for row in rows {
            guard let id = row.record.id else { continue }
            // One unreadable docket (a row written by hand, an entry type a newer version added) leaves its case off the
            // list instead of taking down the whole page; the case's own page still says what is wrong with it.
            guard let docket = try? (byCase[id] ?? []).map(DocketStore.domainEntry) else { continue }
            let rules = try await CaseRules.load(for: row.record, in: association, on: db, today: today)
            out.append(ListedCaseDeadlines(row: row, docket: docket, rules: rules, deadlines: rules.deadlines(kind: row.kind, docket: docket, asOf: today)))
        }
        return out
    }
}
