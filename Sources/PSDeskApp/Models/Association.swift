import Fluent
import Vapor
import StandardsCore

/// A group of associations that share committees and panels (S3 multi-board appendix, a2.36).
final class RegionalAgreement: Model, @unchecked Sendable {
    static let schema = "regional_agreements"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// `YYYY-MM-DD`, the day the agreement took effect (issue 13).
    @OptionalField(key: "effective_on") var effectiveOn: String?
    /// `RegionalAgreementTerms.Administering` raw value: which signatory administers a case (appendix (5)(a)).
    @OptionalField(key: "administering") var administering: String?
    @Children(for: \.$regionalAgreement) var associations: [Association]
    init() {}
    init(id: UUID? = nil, name: String) { self.id = id; self.name = name }
}

/// A REALTOR® association: the tenant. Every association-scoped row carries its id.
final class Association: Model, @unchecked Sendable {
    static let schema = "associations"
    @ID(key: .id) var id: UUID?
    /// Short name used in URLs: `/a/obar/cases`.
    @Field(key: "slug") var slug: String
    @Field(key: "name") var name: String
    /// Rule profile name: `nar` or `obar` (issue 4 loads the profile itself).
    @Field(key: "rule_profile") var ruleProfile: String
    /// IANA zone of the association's calendar; converts instants to civil dates.
    @Field(key: "time_zone") var timeZone: String
    /// Holiday calendar: `us-federal` plus the association's own closure days.
    @Field(key: "holiday_calendar") var holidayCalendar: String
    /// Extra closure days as comma-separated `YYYY-MM-DD`.
    @Field(key: "closure_days") var closureDays: String
    @Field(key: "board_size") var boardSize: Int
    @Field(key: "board_quorum") var boardQuorum: Int
    @OptionalParent(key: "regional_agreement_id") var regionalAgreement: RegionalAgreement?
    /// The address email goes out from (issue 13); nil uses `PSDESK_MAIL_FROM`.
    @OptionalField(key: "sender_email") var senderEmail: String?
    /// The letterhead's postal address, one line per line.
    @OptionalField(key: "letterhead_address") var letterheadAddress: String?
    /// Printed under the signature of every letter ("Oakridge Board of REALTORS®, 12 Main St …").
    @OptionalField(key: "signature_line") var signatureLine: String?
    /// Days before each time frame reminders go out, as staff typed them ("7, 1"; issue 19); nil for the default.
    @OptionalField(key: "reminder_days") var reminderDaysText: String?
    /// The day this signatory gave notice of withdrawal from its regional agreement; it leaves 90 days later
    /// (appendix (6)(b), `RegionalAgreementTerms.withdrawalTakesEffect`).
    @OptionalField(key: "regional_withdrawal_notice_on") var regionalWithdrawalNoticeOn: String?
    init() {}
    init(id: UUID? = nil, slug: String, name: String, ruleProfile: String, timeZone: String, holidayCalendar: String = "us-federal",
         closureDays: String = "", boardSize: Int, boardQuorum: Int, regionalAgreementID: UUID? = nil) {
        self.id = id; self.slug = slug; self.name = name; self.ruleProfile = ruleProfile; self.timeZone = timeZone
        self.holidayCalendar = holidayCalendar; self.closureDays = closureDays; self.boardSize = boardSize
        self.boardQuorum = boardQuorum; self.$regionalAgreement.id = regionalAgreementID
    }
}

extension Association {
    /// The letterhead's address, a line each, blanks dropped.
    var letterheadLines: [String] {
        (letterheadAddress ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension Association {
    /// The rule profile in force for this association on a day (the one place this lookup is made).
    func ruleProfile(on day: CivilDate) -> RuleProfile? { RuleProfiles.profile(named: ruleProfile, on: day) }

    /// Whether its rules adopt a citation program on a day (b9.1).
    func adoptsCitations(on day: CivilDate) -> Bool { ruleProfile(on: day)?.citationsAdopted == true }
}
