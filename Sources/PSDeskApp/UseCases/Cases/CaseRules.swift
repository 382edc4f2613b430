import Vapor
import Fluent
import StandardsCore

/// What the rules engine needs about a case beyond its docket: the profile version in force on its
/// filing date, its association's calendar and the respondents' membership gaps (a1.4).
struct CaseRules: Sendable {
    let profile: RuleProfile
    let calendar: HolidayCalendar
    let nonMemberPeriods: [SuspensionInterval]

    static func load(for record: CaseRecord, on db: Database, today: CivilDate) async throws -> CaseRules {
        guard let association = try await Association.find(record.$association.id, on: db) else { throw AppError.notFound("association") }
        let filedOn = record.openedOn.flatMap(CivilDate.init) ?? today
        guard let profile = RuleProfiles.profile(named: association.ruleProfile, on: filedOn),
              let calendar = HolidayCalendar(named: association.holidayCalendar, closureDays: association.closureDays.split(separator: ",").map(String.init)) else {
            throw AppError(.internalServerError, code: "bad_association_rules", message: "The association's rule profile or calendar is not known.")
        }
        let respondents = try await CaseParty.query(on: db).filter(\.$caseRecord.$id == record.requireID())
            .filter(\.$role == PartyRole.respondent.rawValue).all(\.$person.$id)
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
