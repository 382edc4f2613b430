import Testing
@testable import StandardsCore

@Suite("Association settings")
struct AssociationSettingsTests {
    let profiles: Set<String> = ["nar", "obar"]
    let good = AssociationSettings(name: "Outer Banks", slug: "obar", ruleProfile: "obar", timeZone: "America/New_York",
                                   closureDays: "2026-12-24, 2026-12-31", boardSize: 9, boardQuorum: 5)

    @Test func aGoodAssociationHasNoProblem() {
        #expect(good.problems(knownProfiles: profiles).isEmpty)
        #expect(good.closureDaysText == "2026-12-24,2026-12-31")
    }

    @Test func eachBadFieldIsNamed() {
        let cases: [(WritableKeyPath<AssociationSettings, String>, String, String)] = [
            (\.name, " ", "name"), (\.slug, "Has Space", "slug"), (\.slug, "-lead", "slug"), (\.slug, "api", "slug"),
            (\.ruleProfile, "texas", "ruleProfile"), (\.timeZone, "Mars/Base", "timeZone"), (\.holidayCalendar, "lunar", "holidayCalendar"),
            (\.closureDays, "2026-02-30", "closureDays"), (\.closureDays, "1200-01-01", "closureDays"),
        ]
        for (path, value, field) in cases {
            var settings = good
            settings[keyPath: path] = value
            #expect(Set(settings.problems(knownProfiles: profiles).keys) == [field], "\(value)")
        }
    }

    /// A quorum is a majority of the Board and never more than the Board; the Board's size is bounded.
    @Test func boardSizeAndQuorumAreRangeChecked() {
        for (size, quorum, field) in [(9, 4, "boardQuorum"), (9, 10, "boardQuorum"), (9, nil, "boardQuorum"), (2, 2, "boardSize"),
                                      (101, 60, "boardSize"), (nil, 5, "boardSize"), (Int.max, 5, "boardSize")] as [(Int?, Int?, String)] {
            var settings = good
            settings.boardSize = size; settings.boardQuorum = quorum
            #expect(Set(settings.problems(knownProfiles: profiles).keys) == [field], "\(String(describing: size)) \(String(describing: quorum))")
        }
        var settings = good
        settings.boardSize = 3; settings.boardQuorum = 2
        #expect(settings.problems(knownProfiles: profiles).isEmpty)
    }

    /// The sender must be an address (no header-splitting characters); the letterhead is short; the signature one line.
    @Test func senderAndLetterheadAreChecked() {
        let cases: [(WritableKeyPath<AssociationSettings, String>, String, String)] = [
            (\.senderEmail, "standards@board", "senderEmail"), (\.senderEmail, "a@b.example\r\nBcc: x@y.example", "senderEmail"),
            (\.letterheadAddress, (1...7).map(String.init).joined(separator: "\n"), "letterheadAddress"),
            (\.signatureLine, "line one\nline two", "signatureLine"), (\.signatureLine, String(repeating: "x", count: 201), "signatureLine"),
        ]
        for (path, value, field) in cases {
            var settings = good
            settings[keyPath: path] = value
            #expect(Set(settings.problems(knownProfiles: profiles).keys) == [field], "\(value)")
        }
        var settings = good
        settings.senderEmail = "standards@board.example"; settings.letterheadAddress = "12 Main St\nNags Head, NC"; settings.signatureLine = "OBAR"
        #expect(settings.problems(knownProfiles: profiles).isEmpty)
    }
}

@Suite("Regional agreements: signatories and the 90-day withdrawal (a2.36, appendix (6)(b))")
struct RegionalAgreementTermsTests {
    @Test func aWithdrawalTakesEffectNinetyDaysAfterItsNotice() throws {
        let notice = try #require(CivilDate("2026-11-30"))
        #expect(RegionalAgreementTerms.withdrawalTakesEffect(noticeGivenOn: notice) == CivilDate("2027-02-28"))
        #expect(RegionalAgreementTerms.stillSignatory(noticeGivenOn: notice, on: try #require(CivilDate("2027-02-27"))))
        #expect(!RegionalAgreementTerms.stillSignatory(noticeGivenOn: notice, on: try #require(CivilDate("2027-02-28"))))
        #expect(RegionalAgreementTerms.stillSignatory(noticeGivenOn: nil, on: try #require(CivilDate("2099-01-01"))))
    }

    @Test func termsAreCheckedFieldByField() {
        var terms = RegionalAgreementTerms(name: "Coastal", effectiveOn: "2001-01-01", signatories: ["obar": "", "albemarle": ""])
        #expect(terms.problems().isEmpty)
        terms.signatories = ["obar": ""]
        #expect(Set(terms.problems().keys) == ["signatories"])
        terms.signatories = ["obar": "2000-06-01", "albemarle": "soon"]
        #expect(Set(terms.problems().keys) == ["notice-obar", "notice-albemarle"])
        terms = RegionalAgreementTerms(name: " ", effectiveOn: "2001-02-30", administering: "whoever", signatories: ["a": "", "b": ""])
        #expect(Set(terms.problems().keys) == ["name", "effectiveOn", "administering"])
    }
}
