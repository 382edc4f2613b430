import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// Issue 6's "done means": a forwarded complaint walked from the panel list to final action and the
/// respondent's compliance, on both profiles, through the API a client would use.
@Suite("Hearing walkthroughs on both profiles")
struct HearingWalkthroughTests {
    /// The Professional Standards Committee of one association: seven members chosen so every composition
    /// rule has something to refuse (a1.14, b7).
    struct Committee {
        let chair: UUID, beta: UUID, gamma: UUID, alphaTwo: UUID, lapsed: UUID, delta: UUID, epsilon: UUID
        let chairLogin: HTTPHeaders, betaLogin: HTTPHeaders, epsilonLogin: HTTPHeaders
    }

    static func committee(_ app: Application, association: Association) async throws -> Committee {
        let id = try association.requireID()
        var firms: [String: UUID] = [:]
        for name in ["Alpha Realty", "Beta Homes", "Gamma Group", "Delta Realty", "Epsilon Estates"] {
            let firm = Firm(associationID: id, name: name)
            try await firm.create(on: app.db)
            firms[name] = try firm.requireID()
        }
        var number = 0
        func member(_ first: String, _ firm: String, principal: Bool, training: String) async throws -> UUID {
            number += 1
            let person = Person(associationID: id, kind: .member, firstName: first, lastName: "Panelist")
            try await person.create(on: app.db)
            try await Membership(associationID: id, personID: person.requireID(), memberNumber: "\(association.slug.uppercased())-P\(number)",
                                 membershipType: "realtor", isPrincipal: principal, firmID: firms[firm], officeID: nil).create(on: app.db)
            try await CommitteeSeat(associationID: id, personID: person.requireID(), isChair: first == "Avery", trainingThrough: training).create(on: app.db)
            return try person.requireID()
        }
        let chair = try await member("Avery", "Alpha Realty", principal: true, training: "2027-06-30")
        let beta = try await member("Blake", "Beta Homes", principal: false, training: "2027-06-30")
        let gamma = try await member("Casey", "Gamma Group", principal: true, training: "2027-06-30")
        let alphaTwo = try await member("Drew", "Alpha Realty", principal: false, training: "2027-06-30")
        let lapsed = try await member("Emery", "Delta Realty", principal: true, training: "2026-01-31")
        let delta = try await member("Finley", "Delta Realty", principal: false, training: "2027-06-30")
        let epsilon = try await member("Gale", "Epsilon Estates", principal: true, training: "2027-06-30")
        func login(_ person: UUID, _ email: String) async throws -> HTTPHeaders {
            try await Fixture.login(app, email: email, role: .psc, in: association, person: person)
        }
        return Committee(chair: chair, beta: beta, gamma: gamma, alphaTwo: alphaTwo, lapsed: lapsed, delta: delta, epsilon: epsilon,
                         chairLogin: try await login(chair, "avery-\(association.slug)@test"),
                         betaLogin: try await login(beta, "blake-\(association.slug)@test"),
                         epsilonLogin: try await login(epsilon, "gale-\(association.slug)@test"))
    }

    typealias Walk = EthicsWalkthroughTests

    /// Five Directors on the Board roster of one association, plus any committee members who also sit on the Board.
    @discardableResult
    static func board(_ app: Application, association: Association, also: [UUID] = []) async throws -> [UUID] {
        let id = try association.requireID()
        var ids: [UUID] = []
        for name in ["Dana", "Eli", "Fran", "Gus", "Hope"] {
            let person = Person(associationID: id, kind: .member, firstName: name, lastName: "Director")
            try await person.create(on: app.db)
            ids.append(try person.requireID())
        }
        for person in ids + also {
            try await CommitteeSeat(associationID: id, personID: person, committee: "directors", trainingThrough: nil).create(on: app.db)
        }
        return ids
    }

    @discardableResult
    static func hearing(_ app: Application, _ cast: Walk.Cast, _ number: String, _ step: String, as headers: HTTPHeaders, _ body: String,
                        expect status: HTTPStatus = .ok, rule: String? = nil) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/\(cast.slug)/cases/\(number)/hearing/\(step)", headers: headers) { $0.json(body) }
        #expect(response.status == status, "\(step): \(response.body.string)")
        if let rule { #expect(response.body.string.contains("\"rule\":\"\(rule)\""), "\(step) cites \(rule): \(response.body.string)") }
        return response
    }

    /// A complaint forwarded, served and replied to: where issue 5 left off.
    static func forwardedCase(_ app: Application, _ cast: Walk.Cast) async throws -> String {
        let number = try await Walk.openComplaint(app, cast, filedOn: "2026-03-02")
        try await Walk.step(app, cast, number, "acknowledge", as: cast.staff, #"{"effectiveOn":"2026-03-04"}"#)
        try await Walk.step(app, cast, number, "gc-decision", as: cast.gc, #"{"effectiveOn":"2026-03-20","decision":"forward"}"#)
        try await Walk.step(app, cast, number, "serve", as: cast.staff, #"{"effectiveOn":"2026-04-01"}"#)
        try await Walk.step(app, cast, number, "reply", as: cast.respondent, #"{"effectiveOn":"2026-04-10","text":"I deny it."}"#)
        try await Walk.step(app, cast, number, "forward-reply", as: cast.staff, #"{"effectiveOn":"2026-04-12"}"#)
        try await Walk.step(app, cast, number, "distribute", as: cast.staff, #"{"effectiveOn":"2026-04-20"}"#)
        return number
    }

    /// The usual stage: the fixture, the cast and the committee of one association, and a forwarded, replied case.
    static func stage(_ app: Application, home: Bool = true) async throws -> (fixture: Fixture, cast: Walk.Cast, psc: Committee, number: String) {
        let fixture = try await Fixture.make(app)
        let association = home ? fixture.home : fixture.other
        let cast = try await Walk.cast(app, fixture, association: association, staffEmail: home ? "staff@home.test" : "staff@other.test")
        let psc = try await committee(app, association: association)
        return (fixture, cast, psc, try await forwardedCase(app, cast))
    }

    @Test(arguments: ["nar", "obar"])
    func fromPanelListToCompliance(profile: String) async throws {
        try await withTestApp { app in
            // setup
            let (fixture, cast, psc, number) = try await Self.stage(app, home: profile == "nar")
            // Avery chairs the hearing panel and also sits on the Board.
            let directors = try await Self.board(app, association: profile == "nar" ? fixture.home : fixture.other, also: [psc.chair])
            let other = try await Self.forwardedCase(app, cast)
            let base = "/api/v1/associations/\(cast.slug)/cases/\(number)"
            func deadlines(_ asOf: String) async throws -> [String: APIModel.DeadlineOut] {
                let all = try await app.testing().sendRequest(.GET, "\(base)/deadlines?asOf=\(asOf)", headers: cast.staff).content.decode(APIModel.DeadlinesOut.self)
                return Dictionary(all.deadlines.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            }
            func state() async throws -> APIModel.HearingOut {
                try await app.testing().sendRequest(.GET, "\(base)/hearing", headers: cast.staff).content.decode(APIModel.HearingOut.self)
            }

            // Panel selection: the list goes out; challenges are due in 10 days, the panel 5 days later (a1.14).
            try await Self.hearing(app, cast, number, "panel-list", as: cast.staff, #"{"effectiveOn":"2026-05-04"}"#)
            var due = try await deadlines("2026-05-05")
            #expect(due["challenges"]?.dueOn == "2026-05-14")
            #expect(due["panel-named"]?.dueOn == "2026-05-19")
            #expect(try await state().listed.count == 7)
            // The PSC chair sees the case waiting for a panel; another panelist does not, yet.
            #expect(try await app.testing().sendRequest(.GET, base, headers: psc.chairLogin).status == .ok)
            #expect(try await app.testing().sendRequest(.GET, base, headers: psc.epsilonLogin).status == .notFound)

            // The respondent challenges Casey for cause; the chair upholds it. A challenge after the 10 days is refused.
            try await Self.hearing(app, cast, number, "challenge", as: cast.respondent,
                                   #"{"effectiveOn":"2026-05-08","personId":"\#(psc.gamma)","reason":"Casey co-lists with my competitor."}"#)
            try await Self.hearing(app, cast, number, "challenge", as: cast.complainant,
                                   #"{"effectiveOn":"2026-05-15","personId":"\#(psc.beta)","reason":"Too late."}"#, expect: .unprocessableEntity, rule: "a1.14")
            // Naming before the ruling is refused; a panelist may not rule.
            try await Self.hearing(app, cast, number, "name-panel", as: psc.chairLogin,
                                   #"{"effectiveOn":"2026-05-15","memberIds":"\#(psc.chair),\#(psc.delta),\#(psc.epsilon)","chairId":"\#(psc.chair)"}"#,
                                   expect: .unprocessableEntity, rule: "a1.14")
            try await Self.hearing(app, cast, number, "rule-challenge", as: psc.epsilonLogin,
                                   #"{"effectiveOn":"2026-05-15","personId":"\#(psc.gamma)","outcome":"upheld"}"#, expect: .notFound)
            try await Self.hearing(app, cast, number, "rule-challenge", as: psc.chairLogin,
                                   #"{"effectiveOn":"2026-05-15","personId":"\#(psc.gamma)","outcome":"upheld","reason":"A business associate of a party's competitor."}"#)
            let excluded = try await state().candidates
            #expect(excluded.first { $0.personId == psc.gamma }?.exclusions.map(\.code) == ["challenged"])
            #expect(excluded.first { $0.personId == psc.lapsed }?.exclusions.map(\.code) == ["training_lapsed"])
            #expect(excluded.first { $0.personId == psc.epsilon }?.exclusions.isEmpty == true)
            // Composition: the upheld challenge, two from one firm, lapsed training are each refused with their rule.
            try await Self.hearing(app, cast, number, "name-panel", as: psc.chairLogin,
                                   #"{"effectiveOn":"2026-05-18","memberIds":"\#(psc.chair),\#(psc.gamma),\#(psc.delta)","chairId":"\#(psc.chair)"}"#,
                                   expect: .unprocessableEntity, rule: "a1.14")
            try await Self.hearing(app, cast, number, "name-panel", as: psc.chairLogin,
                                   #"{"effectiveOn":"2026-05-18","memberIds":"\#(psc.chair),\#(psc.alphaTwo),\#(psc.delta)","chairId":"\#(psc.chair)"}"#,
                                   expect: .unprocessableEntity, rule: "b7.1")
            try await Self.hearing(app, cast, number, "name-panel", as: psc.chairLogin,
                                   #"{"effectiveOn":"2026-05-18","memberIds":"\#(psc.chair),\#(psc.lapsed),\#(psc.beta)","chairId":"\#(psc.chair)"}"#,
                                   expect: .unprocessableEntity, rule: "a2.7")
            try await Self.hearing(app, cast, number, "name-panel", as: psc.chairLogin,
                                   #"{"effectiveOn":"2026-05-18","memberIds":"\#(psc.chair),\#(psc.beta),\#(psc.delta)","chairId":"\#(psc.chair)","alternateIds":"\#(psc.alphaTwo)"}"#)
            due = try await deadlines("2026-05-18")
            #expect(due["challenges"]?.status == "met")
            #expect(due["panel-named"]?.status == "met")

            // Blake discloses a conflict. The alternate, of the chair's firm, cannot take the seat (b7.1), so it stays empty and
            // the hearing cannot be noticed until the chair fills it (b7.3).
            #expect(try await app.testing().sendRequest(.GET, base, headers: psc.betaLogin).status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/\(cast.slug)/cases/\(other)", headers: psc.betaLogin).status == .notFound)
            try await Self.hearing(app, cast, number, "disclose-conflict", as: psc.betaLogin, #"{"effectiveOn":"2026-05-19","disclosure":"I sold a house to the complainant last year."}"#)
            try await Self.hearing(app, cast, number, "schedule", as: cast.staff,
                                   #"{"effectiveOn":"2026-05-20","hearingOn":"2026-06-10","place":"Board room"}"#, expect: .unprocessableEntity, rule: "a1.16")
            try await Self.hearing(app, cast, number, "replace-panelist", as: cast.staff,
                                   #"{"effectiveOn":"2026-05-20","personId":"\#(psc.epsilon)","replaces":"\#(psc.beta)"}"#)
            #expect(Set(try await state().members) == [psc.chair, psc.epsilon, psc.delta])
            #expect(try await app.testing().sendRequest(.GET, base, headers: psc.betaLogin).status == .notFound)

            // Scheduling: 21 days' notice (a1.16); the notice lists the panel.
            try await Self.hearing(app, cast, number, "schedule", as: cast.staff,
                                   #"{"effectiveOn":"2026-05-20","hearingOn":"2026-06-08","place":"Board room"}"#, expect: .unprocessableEntity, rule: "a1.16")
            try await Self.hearing(app, cast, number, "schedule", as: cast.staff,
                                   #"{"effectiveOn":"2026-05-20","hearingOn":"2026-06-10","time":"10:00","place":"Board room"}"#)
            due = try await deadlines("2026-05-21")
            #expect(due["hearing-notice"]?.status == "met")
            #expect(due["witness-notice"]?.dueOn == "2026-05-26")                    // a1.20: 15 days before
            if profile == "obar" { #expect(due["papers-to-panel"]?.dueOn == "2026-06-05") }   // a2.12: 5 days before
            // A continuance needs the parties' agreement or the chair's written finding (a1.15, S3 5.2.4).
            try await Self.hearing(app, cast, number, "continuance", as: cast.staff,
                                   #"{"effectiveOn":"2026-05-22","hearingOn":"2026-06-10","continuanceBasis":"denial-unfair"}"#,
                                   expect: .unprocessableEntity, rule: profile == "nar" ? "a1.15" : "a2.13")
            try await Self.hearing(app, cast, number, "continuance", as: cast.staff,
                                   #"{"effectiveOn":"2026-05-22","hearingOn":"2026-06-10","continuanceBasis":"all-parties-agree","reason":"Both parties confirmed the time change in writing."}"#)
            #expect(try await deadlines("2026-05-23")["witness-notice"]?.dueOn == "2026-05-26")
            try await Self.hearing(app, cast, number, "notice-witnesses", as: cast.staff, #"{"effectiveOn":"2026-05-25"}"#)
            try await Self.hearing(app, cast, number, "papers-to-panel", as: cast.staff, #"{"effectiveOn":"2026-06-01"}"#)

            // Certificates first (b7.3); then the hearing, adjourned for a late witness (a1.19).
            try await Self.hearing(app, cast, number, "hold", as: cast.staff, #"{"effectiveOn":"2026-06-10"}"#, expect: .unprocessableEntity, rule: "b7.3")
            try await Self.hearing(app, cast, number, "certify", as: psc.chairLogin, #"{"effectiveOn":"2026-06-01"}"#)
            try await Self.hearing(app, cast, number, "certify", as: psc.epsilonLogin, #"{"effectiveOn":"2026-06-01"}"#)
            try await Self.hearing(app, cast, number, "certify", as: cast.staff, #"{"effectiveOn":"2026-06-01","personId":"\#(psc.delta)"}"#)
            try await Self.hearing(app, cast, number, "adjourn", as: cast.staff, #"{"effectiveOn":"2026-06-10","lateWitness":"yes"}"#)
            due = try await deadlines("2026-06-11")
            #expect(due["adjourned-hearing"]?.earliestOn == "2026-06-15")
            #expect(due["adjourned-hearing"]?.dueOn == "2026-07-10")
            try await Self.hearing(app, cast, number, "schedule", as: cast.staff,
                                   #"{"effectiveOn":"2026-06-11","hearingOn":"2026-06-12","place":"Board room"}"#, expect: .unprocessableEntity, rule: "a1.19")
            try await Self.hearing(app, cast, number, "schedule", as: cast.staff, #"{"effectiveOn":"2026-06-11","hearingOn":"2026-06-16","place":"Board room"}"#)
            try await Self.hearing(app, cast, number, "hold", as: cast.staff,
                                   #"{"effectiveOn":"2026-06-16","attendance":"both parties, the late witness","recorded":"yes"}"#)

            // Decision by the panel chair, a simple majority (a1.22, S3 5.3.1); discipline within the profile's bounds.
            try await Self.hearing(app, cast, number, "decision", as: psc.epsilonLogin,
                                   #"{"effectiveOn":"2026-06-16","outcome":"violation","findings":"f","conclusions":"Article 1: violation","vote":"3-0"}"#, expect: .forbidden)
            try await Self.hearing(app, cast, number, "decision", as: psc.chairLogin,
                                   #"{"effectiveOn":"2026-06-16","outcome":"violation","findings":"The respondent withheld the inspection report.","conclusions":"Article 1: violation; Article 2: no violation","vote":"1-2"}"#,
                                   expect: .unprocessableEntity, rule: "a1.22")
            try await Self.hearing(app, cast, number, "decision", as: psc.chairLogin,
                                   #"{"effectiveOn":"2026-06-16","outcome":"violation","findings":"The respondent withheld the inspection report.","conclusions":"Article 1: violation; Article 2: no violation","vote":"2-1","dissent":"Drew Panelist would find no violation.","discipline":"fine: 20000.00"}"#,
                                   expect: .unprocessableEntity)
            try await Self.hearing(app, cast, number, "decision", as: psc.chairLogin,
                                   #"{"effectiveOn":"2026-06-17","outcome":"violation","findings":"The respondent withheld the inspection report.","conclusions":"Article 1: violation; Article 2: no violation","vote":"2-1","dissent":"Drew Panelist would find no violation.","discipline":"reprimand; fine: 1500.00"}"#)
            try await Self.hearing(app, cast, number, "counsel-review", as: cast.staff, #"{"effectiveOn":"2026-06-18"}"#)
            try await Self.hearing(app, cast, number, "transmit-decision", as: cast.staff, #"{"effectiveOn":"2026-06-19"}"#)
            due = try await deadlines("2026-06-20")
            #expect(due["decision-filed"]?.status == "met")                          // a1.22: within 48 hours
            #expect(due["decision-transmitted"]?.dueOn == (profile == "nar" ? "2026-06-23" : "2026-06-28"))  // a1.23: 5 days / a2.14: 10 after review
            #expect(due["appeal"]?.dueOn == (profile == "nar" ? "2026-07-09" : "2026-07-07"))                 // a1.24 from transmittal / a2.16 from rendering

            // The complainant's appeal of the sanction is refused: procedural grounds only (a1.24).
            try await Self.hearing(app, cast, number, "appeal", as: cast.complainant,
                                   #"{"effectiveOn":"2026-06-25","grounds":"discipline","basis":"The fine is too low."}"#, expect: .unprocessableEntity, rule: "a1.24")
            // The respondent appeals the discipline with the deposit; over the cap is refused (a1.26).
            try await Self.hearing(app, cast, number, "appeal", as: cast.respondent,
                                   #"{"effectiveOn":"2026-06-26","grounds":"discipline","basis":"A $1,500 fine is out of proportion to a first offense.","deposit":"750.00"}"#,
                                   expect: .unprocessableEntity, rule: profile == "nar" ? "a1.26" : "a1.26")
            try await Self.hearing(app, cast, number, "appeal", as: cast.respondent,
                                   #"{"effectiveOn":"2026-06-26","grounds":"discipline","basis":"A $1,500 fine is out of proportion to a first offense.","deposit":"500.00"}"#)
            #expect(try await state().balances["deposits-held"] == 50_000)
            // The President's preliminary review (a1.27); a Director may not record it.
            let association = profile == "nar" ? fixture.home : fixture.other
            let president = try await Fixture.login(app, email: "president-\(association.slug)@test", role: .president, in: association, person: nil)
            let director = try await Fixture.login(app, email: "director-\(association.slug)@test", role: .director, in: association, person: nil)
            try await Self.hearing(app, cast, number, "review-appeal", as: director, #"{"effectiveOn":"2026-07-01","outcome":"proceed"}"#, expect: .forbidden)
            try await Self.hearing(app, cast, number, "review-appeal", as: president, #"{"effectiveOn":"2026-07-01","outcome":"maybe"}"#,
                                   expect: .unprocessableEntity, rule: "a1.27")
            try await Self.hearing(app, cast, number, "review-appeal", as: president, #"{"effectiveOn":"2026-07-01","outcome":"proceed"}"#)
            try await Self.hearing(app, cast, number, "schedule-appeal", as: cast.staff, #"{"effectiveOn":"2026-07-01","hearingOn":"2026-07-08"}"#,
                                   expect: .unprocessableEntity, rule: "a1.27")
            try await Self.hearing(app, cast, number, "schedule-appeal", as: cast.staff, #"{"effectiveOn":"2026-07-01","hearingOn":"2026-07-15"}"#)
            // The appeal panel: five Directors (a1.27, a2.16), none from the hearing panel (b7.4).
            let four = directors.prefix(4).map(\.uuidString).joined(separator: ",")
            try await Self.hearing(app, cast, number, "appeal-heard", as: cast.staff, #"{"effectiveOn":"2026-07-15","directorIds":"\#(four)"}"#,
                                   expect: .unprocessableEntity, rule: profile == "nar" ? "a1.27" : "a2.16")
            try await Self.hearing(app, cast, number, "appeal-heard", as: cast.staff, #"{"effectiveOn":"2026-07-15","directorIds":"\#(four),\#(psc.chair)"}"#,
                                   expect: .unprocessableEntity, rule: "b7.4")
            try await Self.hearing(app, cast, number, "appeal-heard", as: cast.staff,
                                   #"{"effectiveOn":"2026-07-15","directorIds":"\#(directors.map(\.uuidString).joined(separator: ","))"}"#)
            due = try await deadlines("2026-07-16")
            #expect(due["appeal-review"]?.dueOn == "2026-07-06")                     // a1.27: 10 days from receipt
            #expect(due["appeal-hearing"]?.dueOn == "2026-07-26")                    // a1.27: within 30 days of receipt
            #expect(due["appeal-hearing"]?.status == "met")
            #expect(due["directors-decision"]?.dueOn == "2026-07-20")                // a1.30: 5 days

            // The Directors may not increase the discipline (a1.25); they reduce the fine and refund the deposit (a1.29).
            try await Self.hearing(app, cast, number, "directors-action", as: cast.staff,
                                   #"{"effectiveOn":"2026-07-17","action":"modified","discipline":"reprimand; fine: 3000.00","depositDisposition":"split","refund":"500.00"}"#,
                                   expect: .unprocessableEntity, rule: "a1.25")
            try await Self.hearing(app, cast, number, "directors-action", as: cast.staff,
                                   #"{"effectiveOn":"2026-07-17","action":"adopted","depositDisposition":"refunded"}"#, expect: .unprocessableEntity, rule: "a1.29")
            try await Self.hearing(app, cast, number, "directors-action", as: cast.staff,
                                   #"{"effectiveOn":"2026-07-17","action":"modified","discipline":"reprimand; fine: 500.00","depositDisposition":"refunded","agencies":"Real Estate Commission"}"#)
            let final = try await state()
            let fee = profile == "obar" ? 50_000 : 0                                  // a2.6: OBAR's processing fee
            #expect(final.balances["deposits-held"] == 0)
            #expect(final.balances["respondent-owes"] == 50_000 + fee)
            #expect(final.balances.values.reduce(0, +) == 0)
            #expect(try await deadlines("2026-07-18")["directors-decision"]?.status == "met")
            let entries = try await app.testing().sendRequest(.GET, "\(base)/entries", headers: cast.staff).content.decode([APIModel.EntryOut].self)
            let finalNotices = entries.filter { ["final-action", "final-action-redacted"].contains($0.payload["notice"]?.textValue ?? "") }
            let recipients: [String] = finalNotices.compactMap { $0.payload["to"]?.textValue }
            #expect(recipients.contains("Real Estate Commission"))
            #expect(recipients.contains("Complainant") && recipients.contains("Respondent") && recipients.contains("Board of Directors"))
            #expect(finalNotices.first { $0.payload["to"]?.textValue == "Real Estate Commission" }?.payload["notice"]?.textValue == "final-action-redacted")
            #expect(!recipients.contains { $0.contains("membership") })  // no suspension or expulsion (b11.3)

            // Compliance: the fine is due in 30 days; an overpayment is refused; paying it clears the ledger.
            #expect(final.compliance.first { $0.sanction.hasPrefix("fine") }?.dueOn == "2026-08-16")
            try await Self.hearing(app, cast, number, "compliance", as: cast.staff,
                                   #"{"effectiveOn":"2026-07-30","event":"fine-paid","amount":"5000.00"}"#, expect: .unprocessableEntity, rule: "b8.1")
            try await Self.hearing(app, cast, number, "compliance", as: cast.staff,
                                   #"{"effectiveOn":"2026-07-30","event":"fine-paid","amount":"\#(Money.format(50_000 + fee).dropFirst())"}"#)
            let paid = try await state()
            #expect(paid.balances["respondent-owes"] == 0)
            #expect(paid.balances["treasury"] == 50_000 + fee)
            #expect(paid.compliance.allSatisfy { $0.status == "done" })
            // The money page sums every case's ledger: the fine and fee in the treasury, the deposit refunded.
            let staff = Browser(app)
            _ = try await staff.signIn(profile == "nar" ? "staff@home.test" : "staff@other.test")
            let money = try await staff.get("/a/\(association.slug)/money").body.string
            #expect(money.contains(number) && money.contains("<strong>\(Money.format(50_000 + fee))</strong>") && money.contains("<strong>$500.00</strong>"))
            let party = Browser(app)
            _ = try await party.signIn("rory-\(association.slug)@test")
            #expect(try await party.get("/a/\(association.slug)/money").status == .forbidden)
            // A step out of order is refused and leaves the case where it is.
            let late = try await Self.hearing(app, cast, number, "schedule", as: cast.staff, #"{"effectiveOn":"2026-08-01","hearingOn":"2026-09-01","place":"Board room"}"#,
                                              expect: .unprocessableEntity, rule: "a1.16")
            #expect(late.body.string.contains("step_out_of_order"))
            let shown = try await app.testing().sendRequest(.GET, base, headers: cast.staff).content.decode(APIModel.CaseOut.self)
            #expect(shown.status == "final-action")
        }
    }
}

@Suite("The Directors' prerogatives without an appeal (a1.25)")
struct DirectorsPrerogativeTests {
    typealias Walk = EthicsWalkthroughTests
    typealias Hearing = HearingWalkthroughTests

    @Test func aProceduralConcernSendsTheCaseToANewPanelAndASanctionConcernBackToTheSameOne() async throws {
        try await withTestApp { app in
            let (_, cast, psc, number) = try await Hearing.stage(app)
            let base = "/api/v1/associations/home/cases/\(number)"
            func status() async throws -> String { try await app.testing().sendRequest(.GET, base, headers: cast.staff).content.decode(APIModel.CaseOut.self).status }
            // First hearing: panel Avery (chair), Blake, Finley.
            try await Hearing.hearing(app, cast, number, "panel-list", as: cast.staff, #"{"effectiveOn":"2026-05-04"}"#)
            // The generic docket route cannot name a panel around the composition check (a1.14).
            let bypass = try await app.testing().sendRequest(.POST, "\(base)/entries", headers: cast.staff) {
                $0.json(#"{"type":"panel.named","effectiveOn":"2026-05-20","payload":{"members":"x","memberIds":"\#(psc.chair),\#(psc.alphaTwo),\#(psc.lapsed)","chairId":"\#(psc.chair)"}}"#)
            }
            #expect(bypass.status == .unprocessableEntity && bypass.body.string.contains("use_the_step") && bypass.body.string.contains("name-panel"))
            /// Names the panel, certifies it, holds the hearing and files and transmits the decision, day by day from `start`.
            func hearAndDecide(_ panel: [UUID], from start: String, vote: String, discipline: String) async throws {
                let day = CivilDate(start)!
                try await Hearing.hearing(app, cast, number, "name-panel", as: cast.staff,
                                          #"{"effectiveOn":"\#(day)","memberIds":"\#(panel.map(\.uuidString).joined(separator: ","))","chairId":"\#(panel[0])"}"#)
                for person in panel {
                    try await Hearing.hearing(app, cast, number, "certify", as: cast.staff, #"{"effectiveOn":"\#(day.adding(days: 1))","personId":"\#(person)"}"#)
                }
                try await Hearing.hearing(app, cast, number, "schedule", as: cast.staff,
                                          #"{"effectiveOn":"\#(day.adding(days: 1))","hearingOn":"\#(day.adding(days: 22))","place":"Board room"}"#)
                try await Hearing.hearing(app, cast, number, "hold", as: cast.staff, #"{"effectiveOn":"\#(day.adding(days: 22))"}"#)
                try await Hearing.hearing(app, cast, number, "decision", as: cast.staff,
                                          #"{"effectiveOn":"\#(day.adding(days: 23))","outcome":"violation","findings":"f","conclusions":"Article 1: violation","vote":"\#(vote)","discipline":"\#(discipline)"}"#)
                try await Hearing.hearing(app, cast, number, "transmit-decision", as: cast.staff, #"{"effectiveOn":"\#(day.adding(days: 26))"}"#)
            }
            try await hearAndDecide([psc.chair, psc.beta, psc.delta], from: "2026-05-20", vote: "3-0", discipline: "fine: 1000.00")
            // No appeal: the Directors may not increase (a1.25 (iii)) but may send it to a new panel for a procedural concern (i).
            try await Hearing.hearing(app, cast, number, "directors-action", as: cast.staff,
                                      #"{"effectiveOn":"2026-07-20","action":"modified","discipline":"fine: 1000.00; suspension: 30 days"}"#, expect: .unprocessableEntity, rule: "a1.25")
            try await Hearing.hearing(app, cast, number, "directors-action", as: cast.staff,
                                      #"{"effectiveOn":"2026-07-20","action":"new-panel","rationale":"The respondent was not given the witness list."}"#)
            #expect(try await status() == "forwarded")
            // Selection starts over; the earlier panelists may not sit again (b7.4).
            try await Hearing.hearing(app, cast, number, "panel-list", as: cast.staff, #"{"effectiveOn":"2026-07-21"}"#)
            let state = try await app.testing().sendRequest(.GET, "\(base)/hearing", headers: cast.staff).content.decode(APIModel.HearingOut.self)
            #expect(state.members.isEmpty)
            #expect(state.candidates.first { $0.personId == psc.beta }?.exclusions.map(\.code) == ["original_panel"])
            try await Hearing.hearing(app, cast, number, "name-panel", as: cast.staff,
                                      #"{"effectiveOn":"2026-08-05","memberIds":"\#(psc.beta),\#(psc.epsilon),\#(psc.alphaTwo)","chairId":"\#(psc.epsilon)"}"#,
                                      expect: .unprocessableEntity, rule: "b7.4")
            try await hearAndDecide([psc.epsilon, psc.alphaTwo, psc.gamma], from: "2026-08-05", vote: "2-1", discipline: "fine: 2000.00")
            // A concern about the sanction goes back to the same panel (a1.25 (ii)), which decides it again.
            try await Hearing.hearing(app, cast, number, "directors-action", as: cast.staff, #"{"effectiveOn":"2026-10-01","action":"sanction-to-panel"}"#)
            #expect(try await status() == "heard")
            let panelAfter = try await app.testing().sendRequest(.GET, "\(base)/hearing", headers: cast.staff).content.decode(APIModel.HearingOut.self)
            #expect(Set(panelAfter.members) == [psc.epsilon, psc.alphaTwo, psc.gamma])
            try await Hearing.hearing(app, cast, number, "decision", as: cast.staff,
                                      #"{"effectiveOn":"2026-10-08","outcome":"violation","findings":"f","conclusions":"Article 1: violation","vote":"3-0","discipline":"fine: 750.00"}"#)
            try await Hearing.hearing(app, cast, number, "transmit-decision", as: cast.staff, #"{"effectiveOn":"2026-10-09"}"#)
            // The reduced recommendation is the ceiling now; findings that do not support a violation are dismissed (a1.25 (iv)).
            try await Hearing.hearing(app, cast, number, "directors-action", as: cast.staff,
                                      #"{"effectiveOn":"2026-11-10","action":"modified","discipline":"fine: 1000.00"}"#, expect: .unprocessableEntity, rule: "a1.25")
            try await Hearing.hearing(app, cast, number, "directors-action", as: cast.staff, #"{"effectiveOn":"2026-11-10","action":"dismissed"}"#)
            #expect(try await status() == "final-action")
            let ledger = try await app.testing().sendRequest(.GET, "\(base)/hearing", headers: cast.staff).content.decode(APIModel.HearingOut.self)
            #expect(ledger.balances["respondent-owes"] == 0)
            #expect(ledger.compliance.isEmpty)
        }
    }
}
