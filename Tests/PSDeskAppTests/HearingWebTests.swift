import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// The hearing screens as people use them: forms with CSRF, refused forms that keep what was typed, the
/// panelist's own cases, the letters, and the refusal to abide by an award.
@Suite("Hearing screens, letters and awards")
struct HearingWebTests {
    typealias Walk = EthicsWalkthroughTests
    typealias Hearing = HearingWalkthroughTests

    @Test func panelSelectionThroughTheForms() async throws {
        try await withTestApp { app in
            let (fixture, cast, psc, number) = try await Hearing.stage(app)
            let page = "/a/home/cases/\(number)/hearing"

            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            #expect(try await staff.get("/a/home/cases/\(number)").body.string.contains(page))
            #expect(try await staff.get(page).body.string.contains("Send the committee list to the parties"))
            #expect(try await staff.post("\(page)/panel-list", form: [:]).status == .seeOther)
            #expect(try await staff.get(page).body.string.contains("Committee list sent to the parties"))

            // The complainant challenges through the portal: CSRF is required; a missing cause comes back with the choice kept.
            let complainant = Browser(app)
            _ = try await complainant.signIn("casey-home@test")
            #expect(try await complainant.get(page).body.string.contains("Challenge a committee member for cause"))
            #expect(try await complainant.post("\(page)/challenge", form: ["personId": psc.gamma.uuidString, "reason": "x"], includeCSRF: false).status == .forbidden)
            let refused = try await complainant.post("\(page)/challenge", form: ["personId": psc.gamma.uuidString, "reason": "  "])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("State the cause of the challenge. (rule a1.14)"))
            #expect(refused.body.string.contains("value=\"\(psc.gamma.uuidString)\" selected"))
            // The reason sits beside the challenge form, which takes focus; the summary at the top points to it.
            #expect(refused.body.string.contains("id=\"challenge-error\" role=\"alert\" tabindex=\"-1\" data-focus"))
            #expect(refused.body.string.contains("href=\"#challenge-error\""))
            #expect(try await complainant.post("\(page)/challenge", form: ["personId": psc.gamma.uuidString, "reason": "Casey Panelist is my neighbour's broker."]).status == .seeOther)
            // A party cannot rule on it.
            #expect(try await complainant.post("\(page)/rule-challenge", form: ["personId": psc.gamma.uuidString, "outcome": "upheld"]).status == .forbidden)

            // The PSC chair rules, sees each member's exclusions and names the panel.
            let chair = Browser(app)
            _ = try await chair.signIn("avery-home@test")
            #expect(try await chair.get(page).body.string.contains(">Uphold</button>"))
            #expect(try await chair.post("\(page)/rule-challenge", form: ["personId": psc.gamma.uuidString, "outcome": "upheld", "reason": "neighbour"]).status == .seeOther)
            let candidates = try await chair.get(page).body.string
            #expect(candidates.contains("successfully challenged by a party (a1.14)"))
            #expect(candidates.contains("training is not current through \(try app.clock.today(for: fixture.home))"))
            #expect(candidates.contains("A panel that passes every rule"))
            let twoFromAlpha = try await chair.post("\(page)/name-panel", form: ["memberIds": "\(psc.chair),\(psc.alphaTwo),\(psc.delta)", "chairId": psc.chair.uuidString])
            #expect(twoFromAlpha.status == .unprocessableEntity)
            #expect(twoFromAlpha.body.string.contains("at most one per firm. (rule b7.1)"))
            // The members ticked before the refusal are ticked again.
            for person in [psc.chair, psc.alphaTwo, psc.delta] {
                #expect(twoFromAlpha.body.string.contains("name=\"members[]\" value=\"\(person)\" aria-label=\"\(["Avery", "Drew", "Finley"][[psc.chair, psc.alphaTwo, psc.delta].firstIndex(of: person)!]) Panelist on the panel\" checked"))
            }
            #expect(!twoFromAlpha.body.string.contains("name=\"members[]\" value=\"\(psc.beta)\" aria-label=\"Blake Panelist on the panel\" checked"))
            let galeBefore = Browser(app)
            _ = try await galeBefore.signIn("gale-home@test")
            #expect(try await galeBefore.get("/a/home/my-panels").body.string.contains("You do not sit on any panel now."))
            #expect(try await galeBefore.get(page).status == .notFound)
            // Ticking three members, the chair and an alternate, as the form does.
            let named = try await chair.post("\(page)/name-panel", fields: [("members[]", psc.chair.uuidString), ("members[]", psc.beta.uuidString),
                                                                           ("members[]", psc.delta.uuidString), ("chairId", psc.chair.uuidString),
                                                                           ("alternates[]", psc.epsilon.uuidString)])
            #expect(named.status == .seeOther)
            let roster = try await chair.get(page).body.string
            #expect(roster.contains("Alternates (may sit in, not in executive session, S3 5.2.2): Gale Panelist"))

            // A panelist's own list holds this case and nothing else; a committee member off the panel sees none.
            let beta = Browser(app)
            _ = try await beta.signIn("blake-home@test")
            let mine = try await beta.get("/a/home/my-panels").body.string
            #expect(mine.contains(number) && mine.contains("member"))
            #expect(try await beta.post("\(page)/certify", form: [:]).status == .seeOther)
            #expect(try await beta.get(page).body.string.contains("signed"))
            let gale = Browser(app)
            _ = try await gale.signIn("gale-home@test")
            // Gale, the alternate, sits in and sees the case; before naming she saw neither it nor any panel.
            let galesPanels = try await gale.get("/a/home/my-panels").body.string
            #expect(galesPanels.contains(number) && galesPanels.contains("alternate"))
            #expect(try await gale.get(page).status == .ok)

            // The notice of hearing lists the panel and encloses the outline of procedure (a1.16).
            // Web steps happen today, so the rest of the walk runs from today on.
            let today = try app.clock.today(for: fixture.home)
            let hearingOn = today.adding(days: 21)
            try await Hearing.hearing(app, cast, number, "schedule", as: cast.staff, #"{"hearingOn":"\#(hearingOn)","time":"10:00","place":"Board room"}"#)
            let entries = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/entries", headers: cast.staff).content.decode([APIModel.EntryOut].self)
            let notice = try #require(entries.first { $0.payload["notice"]?.textValue == "hearing" })
            let letter = try await staff.get(Paths.notice("home", number, notice.id.uuidString) + "/letter").body.string
            #expect(letter.contains("Avery Panelist (chair)") && letter.contains("Blake Panelist") && letter.contains("Finley Panelist"))
            #expect(letter.contains("Outline of procedure") && letter.contains("executive session"))
            #expect(letter.contains("Hearing on \(hearingOn) at 10:00, Board room."))

            // A refused decision keeps everything the chair typed.
            for person in [psc.chair, psc.delta] {
                try await Hearing.hearing(app, cast, number, "certify", as: cast.staff, #"{"personId":"\#(person)"}"#)
            }
            // Not before the day it is set for (a1.16).
            try await Hearing.hearing(app, cast, number, "hold", as: cast.staff, #"{}"#, expect: .unprocessableEntity, rule: "a1.16")
            try await Hearing.hearing(app, cast, number, "hold", as: cast.staff, #"{"effectiveOn":"\#(hearingOn)"}"#)
            // The chair's list says what is due from the panel: the decision within 48 hours (a1.22).
            let due = try await chair.get("/a/home/my-panels").body.string
            #expect(due.contains("Hearing: \(hearingOn) at 10:00, Board room") && due.contains("Panel files its decision"))
            let split = try await chair.post("\(page)/decision", form: ["outcome": "violation", "findings": "Withheld the inspection report.",
                                                                         "conclusions": "Article 1: violation", "vote": "1-2"])
            #expect(split.status == .unprocessableEntity)
            #expect(split.body.string.contains("Withheld the inspection report.") && split.body.string.contains("rule a1.22"), "\(split.body.string)")
        }
    }

    @Test func theRedactedFinalActionLetterNamesNoParty() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Walk.cast(app, fixture, association: fixture.home, staffEmail: "staff@home.test")
            let number = try await Hearing.forwardedCase(app, cast)
            let base = "/api/v1/associations/home/cases/\(number)"
            // The respondent is also a member of the other association: its PSA is told (a1.31).
            let rory = try #require(try await Person.find(cast.respondentID, on: app.db))
            rory.email = "rory@example.com"
            try await rory.save(on: app.db)
            let elsewhere = Person(associationID: try fixture.other.requireID(), kind: .member, firstName: "Rory", lastName: "Respondent", email: "rory@example.com")
            try await elsewhere.create(on: app.db)
            try await Membership(associationID: try fixture.other.requireID(), personID: elsewhere.requireID(), memberNumber: "OT-9", membershipType: "realtor",
                                 isPrincipal: false, firmID: nil, officeID: nil).create(on: app.db)
            try await Fixture.record(app, case: number, [#"{"type":"hearing.held","effectiveOn":"2026-06-10","payload":{}}"#,
                         #"{"type":"decision.filed","effectiveOn":"2026-06-11","payload":{"outcome":"violation","findings":"Rory Respondent told Casey Consumer the roof was new; Mr. Respondent knew it was not.","conclusions":"Article 1: violation","vote":"3-0","discipline":"reprimand"}}"#])
            try await Hearing.hearing(app, cast, number, "transmit-decision", as: cast.staff, #"{"effectiveOn":"2026-06-12"}"#)
            let before = Browser(app)
            _ = try await before.signIn("staff@home.test")
            #expect(try await before.get("/a/home/cases/\(number)/hearing").body.string.contains("<strong>The panel recommended:</strong> reprimand"))
            try await Hearing.hearing(app, cast, number, "directors-action", as: cast.staff,
                                      #"{"effectiveOn":"2026-07-10","action":"adopted","agencies":"Real Estate Commission"}"#)
            let entries = try await app.testing().sendRequest(.GET, "\(base)/entries", headers: cast.staff).content.decode([APIModel.EntryOut].self)
            let redacted = try #require(entries.first { $0.payload["notice"]?.textValue == "final-action-redacted" })
            #expect(entries.contains { $0.payload["notice"]?.textValue == "final-action" && $0.payload["to"]?.textValue == "Professional Standards Administrator, Other Association" })
            let full = try #require(entries.first { $0.payload["notice"]?.textValue == "final-action" && $0.payload["to"]?.textValue == "Respondent" })
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let copy = try await staff.get(Paths.notice("home", number, redacted.id.uuidString) + "/letter").body.string
            #expect(try await staff.get("/a/home/cases/\(number)/hearing").body.string.contains("Adopt the decision"))
            #expect(copy.contains("the Respondent told the Complainant the roof was new"))
            #expect(copy.contains("Article 1: violation") && copy.contains("Adopt the decision"))
            for name in ["Rory", "Casey", "Consumer"] { #expect(!copy.contains(name), "\(name) left in the redacted copy") }
            // The copy is a document of its own, printed from the redacted text: the PDF itself holds no name (S3 1.1.7).
            _ = try await LetterPrinting.printWaiting(app: app, limit: 50)
            let letter = try #require(try await LetterRecord.query(on: app.db).filter(\.$noticeEntryID == redacted.id).first())
            let pdf = try await staff.get(Paths.notice("home", number, redacted.id.uuidString) + "/letters/\(try letter.requireID().uuidString)/pdf")
            #expect(pdf.status == .ok && pdf.headers.contentType?.subType == "pdf")
            let text = try pdfText(Data(buffer: pdf.body))
            #expect(text.contains("the Respondent told the Complainant the roof was new"), "\(text.prefix(600))")
            for name in ["Rory", "Casey", "Consumer", "Respondent told Casey"] { #expect(!text.contains(name), "\(name) left in the redacted PDF") }
            let original = try await staff.get(Paths.notice("home", number, full.id.uuidString) + "/letter").body.string
            #expect(original.contains("Rory Respondent told Casey Consumer"))
        }
    }

    @Test func aSecondRefusalToAbideWarnsOfAPattern() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Walk.cast(app, fixture, association: fixture.home, staffEmail: "staff@home.test")
            func awardedCase() async throws -> String {
                let created = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases", headers: cast.staff) {
                    $0.json(#"{"kind":"arbitration","title":"Commission dispute","openedOn":"2026-03-02","parties":[{"personId":"\#(cast.complainantID)","role":"complainant"},{"personId":"\#(cast.respondentID)","role":"respondent"}]}"#)
                }
                let number = try created.content.decode(APIModel.CaseOut.self).number
                try await Walk.step(app, cast, number, "arbitration-request", as: cast.staff,
                                    #"{"effectiveOn":"2026-03-02","amount":"5000.00","nature":"commission split","firm":"Shore Realty","transactionConcludedOn":"2026-02-01","agreementSigned":"yes"}"#)
                // The award as a stored entry: its own step (`award-render`) is walked in ArbitrationHearingTests.
                try await Fixture.record(app, case: number, [#"{"type":"award.rendered","effectiveOn":"2026-05-01","payload":{"amountCents":250000}}"#])
                return number
            }
            let first = try await awardedCase()
            // Staff record it; a party may not.
            try await Walk.step(app, cast, first, "award-refusal", as: cast.respondent, #"{"text":"refuses"}"#, expect: .forbidden)
            let once = try await Walk.step(app, cast, first, "award-refusal", as: cast.staff, #"{"effectiveOn":"2026-06-01","text":"Will not pay."}"#)
            #expect(try once.content.decode(APIController.StepOut.self).warnings.isEmpty)
            let entries = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(first)/entries", headers: cast.staff).content.decode([APIModel.EntryOut].self)
            #expect(entries.contains { $0.payload["notice"]?.textValue == "enforcement-advice" })
            let second = try await awardedCase()
            let again = try await Walk.step(app, cast, second, "award-refusal", as: cast.staff, #"{"effectiveOn":"2026-07-01"}"#)
            let warnings = try again.content.decode(APIController.StepOut.self).warnings
            #expect(warnings.map(\.rule) == ["a1.35"])
            #expect(warnings.first?.message.contains(first) == true)
            // Only after an award.
            let bare = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases", headers: cast.staff) {
                $0.json(#"{"kind":"arbitration","title":"No award yet","openedOn":"2026-03-02","parties":[{"personId":"\#(cast.respondentID)","role":"respondent"}]}"#)
            }.content.decode(APIModel.CaseOut.self).number
            try await Walk.step(app, cast, bare, "award-refusal", as: cast.staff, #"{}"#, expect: .unprocessableEntity)
        }
    }

    @Test func thePanelSeesPriorViolationsAndOnlySameViolationCitations() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Walk.cast(app, fixture, association: fixture.other, staffEmail: "staff@other.test")
            func open(_ kind: String, _ title: String, _ entries: [String]) async throws -> String {
                let created = try await app.testing().sendRequest(.POST, "/api/v1/associations/other/cases", headers: cast.staff) {
                    $0.json(#"{"kind":"\#(kind)","title":"\#(title)","openedOn":"2025-03-02","parties":[{"personId":"\#(cast.respondentID)","role":"respondent"}]}"#)
                }
                let number = try created.content.decode(APIModel.CaseOut.self).number
                try await Fixture.record(app, association: "other", case: number, entries)
                return number
            }
            let prior = try await open("ethics", "Earlier complaint", [
                #"{"type":"complaint.filed","effectiveOn":"2025-03-02","payload":{"articles":"3","transactionConcludedOn":"2025-02-01"}}"#,
                #"{"type":"hearing.held","effectiveOn":"2025-06-02","payload":{}}"#,
                #"{"type":"decision.filed","effectiveOn":"2025-06-03","payload":{"outcome":"violation","discipline":"reprimand"}}"#,
                #"{"type":"directors.final-action","effectiveOn":"2025-07-10","payload":{"action":"adopted"}}"#])
            // Citations exist only where the association adopted a policy (OBAR's profile, b9.1).
            let sameViolation = try await open("citation", "Citation on Article 1", [
                #"{"type":"citation.issued","effectiveOn":"2025-04-01","payload":{"standard":"Article 1","fineCents":10000}}"#,
                #"{"type":"citation.paid","effectiveOn":"2025-04-20","payload":{"amountCents":10000}}"#])
            let otherViolation = try await open("citation", "Citation on Article 12", [
                #"{"type":"citation.issued","effectiveOn":"2025-05-01","payload":{"standard":"Article 12","fineCents":10000}}"#,
                #"{"type":"citation.paid","effectiveOn":"2025-05-20","payload":{"amountCents":10000}}"#])
            // "1-6" is a Standard of Practice under Article 1: the same violation, never Articles 1 and 6 (S3 9.4.5).
            let standardOfPractice = try await open("citation", "Citation on 1-6", [
                #"{"type":"citation.issued","effectiveOn":"2025-05-03","payload":{"standards":"1-6","fineCents":10000}}"#,
                #"{"type":"citation.accepted","effectiveOn":"2025-05-10","payload":{}}"#])
            let number = try await Hearing.forwardedCase(app, cast)
            try await Fixture.record(app, association: "other", case: number, [#"{"type":"hearing.held","effectiveOn":"2026-06-10","payload":{}}"#])
            let staff = Browser(app)
            _ = try await staff.signIn("staff@other.test")
            let page = try await staff.get("/a/other/cases/\(number)/hearing").body.string
            #expect(page.contains("Prior violations and discipline"))
            #expect(page.contains("\(prior): violation, final action 2025-07-10; discipline: reprimand"))
            #expect(page.contains("\(sameViolation): citation for the same violation (Article 1)"))
            #expect(page.contains("\(standardOfPractice): citation for the same violation (1-6)"))
            #expect(!page.contains(otherViolation))
            // For publication under Policy Statement 45 option 1 only violations count, never citations (S3 9.4.4, b9.7).
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).filter(\.$association.$id == fixture.other.requireID()).first())
            let staffUser = try #require(try await User.query(on: app.db).filter(\.$email == "staff@other.test").first())
            let staffActor = try #require(try await Actor.load(userID: staffUser.requireID(), on: app.db))
            let scope = try await CaseScope.load(number: record.number, in: AssociationScope(association: fixture.other, roles: [.staff]), actor: staffActor, on: app.db)
            let weighed = try await PriorRecord.load(scope, profile: .obar, today: CivilDate("2026-06-10")!, db: app.db)
            #expect(weighed.citations.count == 2 && weighed.violations(inThreeYearsBefore: CivilDate("2026-06-10")!) == 1)
            // Nobody but those deciding sees it: not the respondent, not the complainant (S4 (25), (27)).
            for email in ["rory-other@test", "casey-other@test"] {
                let party = Browser(app)
                _ = try await party.signIn(email)
                let seen = try await party.get("/a/other/cases/\(number)/hearing")
                #expect(seen.status == .ok)
                #expect(!seen.body.string.contains("Prior violations") && !seen.body.string.contains(prior) && !seen.body.string.contains(sameViolation), "\(email)")
            }
        }
    }

    @Test func aMemberOfAnotherAssociationUnderTheAgreementSitsOnThePanel() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            try await fixture.joinInARegionalAgreement(app)
            let cast = try await Walk.cast(app, fixture, association: fixture.home, staffEmail: "staff@home.test")
            let psc = try await Hearing.committee(app, association: fixture.home)
            // Olive sits on the Other Association's committee and holds no role at Home.
            let otherID = try fixture.other.requireID()
            let olive = Person(associationID: otherID, kind: .member, firstName: "Olive", lastName: "Outland")
            try await olive.create(on: app.db)
            let firm = Firm(associationID: otherID, name: "Outland Realty")
            try await firm.create(on: app.db)
            try await Membership(associationID: otherID, personID: olive.requireID(), memberNumber: "OT-1", membershipType: "realtor",
                                 isPrincipal: false, firmID: firm.id, officeID: nil).create(on: app.db)
            try await CommitteeSeat(associationID: otherID, personID: olive.requireID(), trainingThrough: "2027-06-30").create(on: app.db)
            let oliveLogin = try await Fixture.login(app, email: "olive@other.test", role: .psc, in: fixture.other, person: olive.id)
            let unrelated = try await Hearing.forwardedCase(app, cast)
            let number = try await Hearing.forwardedCase(app, cast)
            let base = "/api/v1/associations/home/cases/\(number)"
            // The shared pool lists her; before she is named she cannot enter Home at all.
            let committee = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/committee", headers: cast.staff).content.decode([APIModel.CommitteeSeatOut].self)
            #expect(committee.contains { $0.personId == olive.id && $0.association == "other" })
            #expect(try await app.testing().sendRequest(.GET, base, headers: oliveLogin).status == .notFound)
            try await Hearing.hearing(app, cast, number, "panel-list", as: cast.staff, #"{"effectiveOn":"2026-05-04"}"#)
            try await Hearing.hearing(app, cast, number, "name-panel", as: cast.staff,
                                      #"{"effectiveOn":"2026-05-20","memberIds":"\#(psc.chair),\#(olive.id!),\#(psc.delta)","chairId":"\#(psc.chair)"}"#)
            // Named, she sees that case and signs her certificate; she still sees no other Home case.
            #expect(try await app.testing().sendRequest(.GET, base, headers: oliveLogin).status == .ok)
            try await Hearing.hearing(app, cast, number, "certify", as: oliveLogin, #"{"effectiveOn":"2026-05-21"}"#)
            let cases = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases", headers: oliveLogin).content.decode([APIModel.CaseOut].self)
            #expect(cases.map(\.number) == [number] && number != unrelated)
            #expect(try await app.testing().sendRequest(.GET, "\(base)/hearing", headers: cast.staff).content.decode(APIModel.HearingOut.self).certified.contains(olive.id!))
        }
    }

    @Test func staffKeepTheCommitteeRoster() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let homeID = try fixture.home.requireID()
            let member = Person(associationID: homeID, kind: .member, firstName: "Morgan", lastName: "Member")
            try await member.create(on: app.db)
            try await Membership(associationID: homeID, personID: member.requireID(), memberNumber: "HM-7", membershipType: "realtor",
                                 isPrincipal: false, firmID: nil, officeID: nil).create(on: app.db)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            _ = try await staff.get("/a/home/committee")
            // An unknown member number comes back with what was typed.
            let unknown = try await staff.post("/a/home/committee", form: ["memberNumber": "HM-999", "trainingThrough": "2027-01-31"])
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("No member HM-999 in this association. (rule a1.14)"))
            #expect(unknown.body.string.contains("value=\"HM-999\"") && unknown.body.string.contains("value=\"2027-01-31\""))
            #expect(try await staff.post("/a/home/committee", form: ["memberNumber": "HM-7", "trainingThrough": "2026-01-31", "isChair": "yes"]).status == .seeOther)
            #expect(try await staff.post("/a/home/committee", form: ["memberNumber": "HM-7"]).status == .unprocessableEntity)  // already on it
            var page = try await staff.get("/a/home/committee").body.string
            #expect(page.contains("Morgan Member") && page.contains("lapsed after 2026-01-31"))
            // Renewed training.
            let seat = try #require(try await CommitteeSeat.query(on: app.db).filter(\.$person.$id == member.requireID()).first())
            #expect(try await staff.post("/a/home/committee/\(seat.requireID())", form: ["trainingThrough": "2027-12-31", "isChair": "yes"]).status == .seeOther)
            page = try await staff.get("/a/home/committee").body.string
            #expect(page.contains("current through 2027-12-31"))
            #expect(page.contains("training date and chair were saved"), "the change says what it did")
            #expect(try await staff.post("/a/home/committee/\(seat.requireID())", form: ["trainingThrough": "31/12/2027"]).status == .unprocessableEntity)
            // Another association's staff cannot touch it; a party cannot add to the committee.
            let foreign = Browser(app)
            _ = try await foreign.signIn("staff@other.test")
            _ = try await foreign.get("/a/other/committee")
            #expect(try await foreign.post("/a/other/committee/\(seat.requireID())/remove", form: [:]).status == .notFound)
            let party = Browser(app)
            _ = try await party.signIn("party@home.test")
            _ = try await party.get("/a/home")
            #expect(try await party.post("/a/home/committee", form: ["memberNumber": "HM-7"]).status == .forbidden)
            #expect(try await staff.post("/a/home/committee/\(seat.requireID())/remove", form: [:]).status == .seeOther)
            #expect(try await CommitteeSeat.query(on: app.db).filter(\.$person.$id == member.requireID()).count() == 0)
        }
    }

    @Test func staffAreToldWhenDisciplineShouldBeHeldOrRevived() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let cast = try await Walk.cast(app, fixture, association: fixture.home, staffEmail: "staff@home.test")
            let homeID = try fixture.home.requireID()
            let membership = Membership(associationID: homeID, personID: cast.respondentID, memberNumber: "HM-R", membershipType: "realtor",
                                        isPrincipal: false, firmID: nil, officeID: nil)
            try await membership.create(on: app.db)
            let today = try app.clock.today(for: fixture.home)
            try await MembershipPeriod(associationID: homeID, membershipID: membership.requireID(), startsOn: "2020-01-01",
                                       endsOn: today.adding(days: -10).description).create(on: app.db)
            let number = try await Hearing.forwardedCase(app, cast)
            try await Fixture.record(app, case: number, [#"{"type":"hearing.held","effectiveOn":"2026-06-10","payload":{}}"#,
                         #"{"type":"decision.filed","effectiveOn":"2026-06-11","payload":{"outcome":"violation","findings":"f","conclusions":"Article 1: violation","vote":"3-0","discipline":"fine: 500.00"}}"#])
            try await Hearing.hearing(app, cast, number, "transmit-decision", as: cast.staff, #"{"effectiveOn":"2026-06-12"}"#)
            try await Hearing.hearing(app, cast, number, "directors-action", as: cast.staff, #"{"effectiveOn":"2026-07-10","action":"adopted"}"#)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let page = "/a/home/cases/\(number)/hearing"
            #expect(try await staff.get(page).body.string.contains("holds no membership in any association today"))
            try await Hearing.hearing(app, cast, number, "compliance", as: cast.staff, #"{"event":"abeyance"}"#)
            var body = try await staff.get(page).body.string
            #expect(!body.contains("holds no membership") && body.contains("held in abeyance"))
            // Rejoining: a new membership period from today.
            try await MembershipPeriod(associationID: homeID, membershipID: membership.requireID(), startsOn: today.description, endsOn: nil).create(on: app.db)
            body = try await staff.get(page).body.string
            #expect(body.contains("The respondent is a member again"))
        }
    }

    @Test func aWarningFromAStepIsShownOnceOnTheHearingPage() async throws {
        try await withTestApp { app in
            let (fixture, cast, _, number) = try await Hearing.stage(app)
            let today = try app.clock.today(for: fixture.home)
            try await Fixture.record(app, case: number, [#"{"type":"hearing.held","effectiveOn":"\#(today)","payload":{}}"#,
                         #"{"type":"decision.filed","effectiveOn":"\#(today)","payload":{"outcome":"violation","findings":"f","conclusions":"Article 1: violation","vote":"3-0","discipline":"reprimand"}}"#])
            try await Hearing.hearing(app, cast, number, "transmit-decision", as: cast.staff, #"{}"#)
            try await Hearing.hearing(app, cast, number, "appeal", as: cast.staff, #"{"appellant":"respondent","grounds":"discipline","basis":"Too harsh."}"#)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let page = "/a/home/cases/\(number)/hearing"
            _ = try await staff.get(page)
            // Set 40 days out: allowed, with the a1.27 warning shown on the page the step returns to, once.
            #expect(try await staff.post("\(page)/schedule-appeal", form: ["hearingOn": today.adding(days: 40).description]).status == .seeOther)
            #expect(try await staff.get(page).body.string.contains("30 days after it was received") )
            #expect(!(try await staff.get(page).body.string.contains("30 days after it was received")))
        }
    }
}
