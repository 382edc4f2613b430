import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

/// What issue 10 found in real use, checked through the app: bodies that arrive in pieces, steps out of order over
/// the API, hostile numbers and dates, and lists longer than a page.
@Suite("Real use: streamed uploads, steps in order, hostile values, complete lists (issue 10)")
struct RealUseTests {
    /// A multipart body with the form's CSRF token first, a title and one file.
    func upload(_ bytes: Int, csrf: String) -> (HTTPHeaders, ByteBuffer) {
        var pdf = Data("%PDF-1.4\n".utf8)
        pdf.append(Data(repeating: 0x41, count: bytes))
        pdf.append(Data("\n%%EOF\n".utf8))
        let (headers, body) = DocumentTests().multipart(pdf, filename: "survey.pdf", title: "Survey")
        return (headers, PartyPortalTests().withCSRF(body, csrf: csrf, headers: headers))
    }

    /// Staff on a case page, about to send an upload of `bytes` with their session and (unless forged) CSRF token.
    func stagedUpload(_ app: Application, _ fixture: Fixture, bytes: Int, forged: Bool = false) async throws -> (number: String, headers: HTTPHeaders, body: ByteBuffer) {
        let number = try await fixture.openEthicsCase()
        let staff = Browser(app)
        _ = try await staff.signIn("staff@home.test")
        try await staff.get("/a/home/cases/\(number)")
        var (headers, body) = upload(bytes, csrf: forged ? "psd_forged" : staff.csrf ?? "")
        headers.replaceOrAdd(name: .cookie, value: staff.cookie ?? "")
        return (number, headers, body)
    }

    @Test func aFileSentOverARealConnectionArrivesInPiecesAndIsAccepted() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let (number, headers, body) = try await stagedUpload(app, fixture, bytes: 300_000)
            // A live server reads the 300 KB body from the socket in pieces, as it does from a browser (the form used
            // to be refused as "expired" because CSRF read it before it had arrived).
            let live = try await app.testing(method: .running(port: 0)).sendRequest(.POST, "/a/home/cases/\(number)/documents", headers: headers, body: body)
            // The client follows the redirect back to the case page, which lists the paper.
            #expect(live.status == .ok && live.body.string.contains("survey.pdf"), "\(live.body.string.prefix(300))")
            #expect(try await DocumentRecord.query(on: app.db).count() == 1)
            // Without the token it is still refused.
            let forged = try await stagedUpload(app, fixture, bytes: 300_000, forged: true)
            let refused = try await app.testing(method: .running(port: 0)).sendRequest(.POST, "/a/home/cases/\(forged.number)/documents",
                                                                                         headers: forged.headers, body: forged.body)
            #expect(refused.status == .forbidden)
        }
    }

    @Test func anOversizeBodyIsRefusedAt413WithAMessage() async throws {
        try await withTestApp(maxUploadMB: 1) { app in
            let fixture = try await Fixture.make(app)
            let (number, headers, body) = try await stagedUpload(app, fixture, bytes: 3_000_000)
            let response = try await app.testing(method: .running(port: 0)).sendRequest(.POST, "/a/home/cases/\(number)/documents", headers: headers, body: body)
            #expect(response.status == .payloadTooLarge)
            #expect(response.body.string.contains("each file at most 1 MB"))
            // The API says the same in JSON.
            var api = fixture.bearer("staff@home.test")
            api.contentType = headers.contentType
            let json = try await app.testing(method: .running(port: 0)).sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/documents", headers: api, body: body)
            #expect(json.status == .payloadTooLarge)
            #expect(try json.content.decode(ErrorBody.self).error.code == "payload_too_large")
            #expect(try await DocumentRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func stepsOutOfOrderAreRefusedOverTheAPIWithTheirRule() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let base = "/api/v1/associations/home/cases/\(number)"
            func post(_ step: String, as email: String = "staff@home.test", _ json: String = "{}") async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "\(base)/\(step)", headers: fixture.bearer(email)) { $0.json(json) }
            }
            func refusal(_ response: TestingHTTPResponse) throws -> (HTTPStatus, String?, String?) {
                let error = try response.content.decode(ErrorBody.self).error
                return (response.status, error.code, error.rule)
            }
            try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1"}}"#])
            // Filed, not yet taken in: the GC may not decide, staff may not serve.
            #expect(try refusal(try await post("gc-decision", as: "gc@home.test", #"{"decision":"forward"}"#)) == (.unprocessableEntity, "step_out_of_order", "a1.6"))
            #expect(try refusal(try await post("serve")) == (.unprocessableEntity, "step_out_of_order", "a1.11"))
            #expect(try await post("acknowledge").status == .ok)
            #expect(try refusal(try await post("acknowledge")) == (.unprocessableEntity, "step_out_of_order", "a1.5"), "a second intake would reset the case")
            // Under review: serving would show the respondent a complaint the GC has not sent on (S3 5.1.1).
            #expect(try refusal(try await post("serve")) == (.unprocessableEntity, "step_out_of_order", "a1.11"))
            #expect(try refusal(try await post("forward-reply")).2 == "a1.11")
            #expect(try refusal(try await post("distribute")).2 == "a1.13")
            // The generic entry route does not record a step's entry: it sends the caller to the step (issue 11).
            let generic = try await app.testing().sendRequest(.POST, "\(base)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"complaint.acknowledged","effectiveOn":"2026-11-05"}"#)
            }
            #expect(try refusal(generic) == (.unprocessableEntity, "use_the_step", "a1.5"))
            // A date far off is refused, naming the field; nothing was written.
            let far = try await post("gc-decision", as: "gc@home.test", #"{"decision":"forward","effectiveOn":"9999-12-31"}"#)
            #expect(try refusal(far).1 == "date_out_of_range")
            #expect(try await app.testing().sendRequest(.GET, base, headers: fixture.bearer("staff@home.test")).content.decode(APIModel.CaseOut.self).status == "under-review")
        }
    }

    @Test func aDryRunSaysWhatAStepWouldAppendAndWritesNothing() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1, 2"}}"#])
            try await fixture.acknowledge(number, on: "2026-11-03")
            let base = "/api/v1/associations/home/cases/\(number)"
            func count() async throws -> Int { try await DocketEntryRecord.query(on: app.db).count() }
            let before = try await count()
            // A partial decision, tried: the dismissal, the forwarding and both notices, each checked against the one before.
            let tried = try await app.testing().sendRequest(.POST, "\(base)/gc-decision?dryRun=true", headers: fixture.bearer("gc@home.test")) {
                $0.json(#"{"decision":"partial","reason":"unworthy","forwardedArticles":"1","dismissedArticles":"2"}"#)
            }
            #expect(tried.status == .ok)
            let out = try tried.content.decode(DryRun.Out.self)
            #expect(out.dryRun && out.wouldAppend.map(\.type) == ["gc.dismissed", "gc.forwarded", "notice.sent", "notice.sent"])
            #expect(try await count() == before, "nothing was written")
            let stillUnderReview = try await app.testing().sendRequest(.GET, base, headers: fixture.bearer("staff@home.test")).content.decode(APIModel.CaseOut.self)
            #expect(stillUnderReview.status == "under-review")
            // A refused step is refused the same way, dry or not.
            let refused = try await app.testing().sendRequest(.POST, "\(base)/serve?dryRun=true", headers: fixture.bearer("staff@home.test"))
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.content.decode(ErrorBody.self).error.rule == "a1.11")
            // The entry route too.
            let entry = try await app.testing().sendRequest(.POST, "\(base)/entries?dryRun=true", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"note","effectiveOn":"2026-11-04","payload":{"text":"Called the complainant"}}"#)
            }
            #expect(try entry.content.decode(DryRun.Out.self).wouldAppend.first?.type == "note")
            #expect(try await count() == before)
        }
    }

    @Test func anAbsurdComplianceTermIsRefusedAndNeverTakesThePagesDown() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            try await fixture.forward(number)
            try await Fixture.record(app, case: number, [#"{"type":"hearing.held","effectiveOn":"2026-04-20"}"#,
                                              #"{"type":"decision.filed","effectiveOn":"2026-04-21","payload":{"outcome":"violation","discipline":"fine: 500","vote":"3-0"}}"#])
            // The Directors act on a decision the parties have been sent (a1.23, a1.25).
            let sent = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/hearing/transmit-decision",
                                                           headers: fixture.bearer("staff@home.test")) { $0.json(#"{"effectiveOn":"2026-04-22"}"#) }
            #expect(sent.status == .ok)
            let step = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/hearing/directors-action", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"effectiveOn":"2026-05-01","action":"adopted","complianceDays":"9223372036854775807"}"#)
            }
            #expect(step.status == .unprocessableEntity)
            #expect(try step.content.decode(ErrorBody.self).error.message.contains("complianceDays"))
            let penalty = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/hearing/directors-action", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"effectiveOn":"2026-05-01","action":"adopted","automaticPenalty":"suspension: 9223372036854775807 days"}"#)
            }
            #expect(try penalty.content.decode(ErrorBody.self).error.rule == "b8.2")
            // A term already stored (from before this check) still renders: the date saturates, nothing traps.
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first())
            _ = try await DocketStore.append([ProposedEntry(type: .note, effectiveOn: CivilDate("2026-05-01")!, payload: ["text": .text("before the final action")])],
                                             to: record, by: nil, at: Date(), on: app.db)
            let stored = DocketEntryRecord(associationID: record.$association.id, caseID: try record.requireID(), sequence: 99, type: "directors.final-action",
                                           effectiveOn: "2026-05-01", recordedAt: Date(), actorUserID: nil, actorName: "Import",
                                           payload: #"{"action":"adopted","complianceDays":"9223372036854775807"}"#, correctsID: nil)
            try await stored.create(on: app.db)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            #expect(try await staff.get("/a/home").status == .ok)
            #expect(try await staff.get("/a/home/cases/\(number)/hearing").status == .ok)
            // An entry no version of PSDesk can read (written by hand) leaves its case off the worklist, not the page down.
            let other = try await fixture.openEthicsCase(title: "Readable")
            try await DocketEntryRecord(associationID: record.$association.id, caseID: try record.requireID(), sequence: 100, type: "bogus.type",
                                        effectiveOn: "2026-05-02", recordedAt: Date(), actorUserID: nil, actorName: "Hand", payload: "{}", correctsID: nil)
                .create(on: app.db)
            let dashboard = try await staff.get("/a/home")
            #expect(dashboard.status == .ok && dashboard.body.string.contains("open cases"))
            #expect(try await staff.get("/a/home/cases").body.string.contains(other))
        }
    }

    @Test func oneClockDecidesTodayEverywhere() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            // Noon in New York on 2027-02-15: the API's "today", the step-date window and the dashboard all follow.
            app.clock = .fixed(Date(timeIntervalSince1970: 1_802_710_800))
            let deadlines = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/deadlines", headers: fixture.bearer("staff@home.test"))
            #expect(try deadlines.content.decode(APIModel.DeadlinesOut.self).asOf == "2027-02-15")
            func note(on date: String) async throws -> HTTPStatus {
                try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test")) {
                    $0.json(#"{"type":"note","effectiveOn":"\#(date)","payload":{"text":"dated against the clock's today"}}"#)
                }.status
            }
            #expect(try await note(on: "2027-05-16") == .created, "90 days after the clock's today")
            #expect(try await note(on: "2027-05-17") == .unprocessableEntity)
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            #expect(try await staff.get("/a/home/cases/new").body.string.contains("value=\"2027-02-15\""))
        }
    }

    @Test func eachPersonLandsWhereTheirWorkIs() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            // Ines is a member of Other, on the committees of both associations; she sits only on a Home panel.
            let ines = Person(associationID: try fixture.other.requireID(), kind: .member, firstName: "Ines", lastName: "Inland")
            try await ines.create(on: app.db)
            _ = try await Fixture.login(app, email: "ines@other.test", role: .psc, in: fixture.other, person: ines.id)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "ines@other.test").first())
            try await RoleAssignment(userID: user.requireID(), associationID: fixture.home.requireID(), role: Role.psc.rawValue).create(on: app.db)
            let browser = Browser(app)
            _ = try await browser.signIn("ines@other.test")
            #expect(try await browser.get("/").headers.first(name: .location) == "/a/other", "with no panel anywhere, her own association")
            let number = try await fixture.openEthicsCase()
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first())
            try await PanelSeat(associationID: fixture.home.requireID(), caseID: record.requireID(), personID: ines.requireID(), seat: "member").create(on: app.db)
            #expect(try await browser.get("/").headers.first(name: .location) == "/a/home", "her only panel is Home's")
        }
    }

    @Test func listsAndCountsAreCompleteBeyondTwoHundredCases() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            for index in 1...205 { _ = try await fixture.openEthicsCase(title: "Case \(index)") }
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let dashboard = try await staff.get("/a/home").body.string
            #expect(dashboard.contains("<span class=\"num\">205</span><span>open cases</span>"))
            let first = try await staff.get("/a/home/cases").body.string
            #expect(first.contains("Cases 1–100 of 205"))
            // Next, and next again: the third page holds the oldest five.
            func nextLink(_ page: String) -> String? {
                page.range(of: #"<a href="([^"]+)" rel="next">"#, options: .regularExpression).map {
                    String(page[$0]).replacingOccurrences(of: "<a href=\"", with: "").replacingOccurrences(of: "\" rel=\"next\">", with: "")
                        .replacingOccurrences(of: "&amp;", with: "&")
                }
            }
            let second = try await staff.get(try #require(nextLink(first))).body.string
            #expect(second.contains("Cases 101–200 of 205"))
            let last = try await staff.get(try #require(nextLink(second))).body.string
            #expect(last.contains("Cases 201–205 of 205") && last.contains("Case 1<") && nextLink(last) == nil)
            // A hostile position or cursor is a page, never a crash.
            let hostile = try await staff.get(try #require(nextLink(first)).replacingOccurrences(of: "from=101", with: "from=9223372036854775807"))
            #expect(hostile.status == .ok)
            #expect(try await staff.get("/a/home/cases?after=garbage&from=-5").status == .ok)
            // The API pages (issue 12): following the `Link` rel="next" headers reads all 205, each once, newest first.
            let pages = try await Self.allPages(app, "/api/v1/associations/home/cases?limit=60", headers: fixture.bearer("staff@home.test"))
            #expect(pages.map(\.count) == [60, 60, 60, 25])
            let numbers = pages.flatMap { $0.map(\.number) }
            #expect(numbers.count == 205 && Set(numbers).count == 205)
            #expect(pages.first?.first?.title == "Case 205" && pages.last?.last?.title == "Case 1")
        }
    }

    /// Every page of a list, following `Link: <…>; rel="next"` until there is none.
    static func allPages(_ app: Application, _ first: String, headers: HTTPHeaders) async throws -> [[APIModel.CaseOut]] {
        var pages: [[APIModel.CaseOut]] = []
        var url: String? = first
        while let next = url, pages.count < 1_000 {
            let response = try await app.testing().sendRequest(.GET, next, headers: headers)
            #expect(response.status == .ok, "\(next): \(response.body.string)")
            pages.append(try response.content.decode([APIModel.CaseOut].self))
            url = response.headers.first(name: "Link").flatMap { link in
                link.hasSuffix("; rel=\"next\"") ? String(link.dropFirst().prefix { $0 != ">" }) : nil
            }
        }
        return pages
    }
}

/// A page of the API case list holds exactly what a full scan would, for every kind of caller (issue 12).
@Suite("The API case list pages like a full scan")
struct CaseListPagingTests {
    @Test func pagesEqualTheFullListForStaffAPartyAndAPanelist() async throws {
        try await withTestApp { app in
            let (fixture, cast, psc, _) = try await HearingWalkthroughTests.stage(app)
            // Cases the respondent is on at different stages, cases they are not on, one with a panel.
            for index in 0..<9 {
                let number = try await EthicsWalkthroughTests.openComplaint(app, cast, filedOn: "2026-03-0\(index % 9 + 1)")
                if index % 3 == 0 {
                    try await EthicsWalkthroughTests.step(app, cast, number, "acknowledge", as: cast.staff, #"{"effectiveOn":"2026-03-10"}"#)
                }
                _ = try await fixture.openEthicsCase(title: "Unrelated \(index)")
            }
            let named = try await HearingWalkthroughTests.forwardedCase(app, cast)
            try await HearingWalkthroughTests.hearing(app, cast, named, "panel-list", as: cast.staff, #"{"effectiveOn":"2026-05-04"}"#)
            try await HearingWalkthroughTests.hearing(app, cast, named, "name-panel", as: psc.chairLogin,
                                                      #"{"effectiveOn":"2026-05-18","memberIds":"\#(psc.chair),\#(psc.beta),\#(psc.delta)","chairId":"\#(psc.chair)"}"#)
            for (who, headers) in [("staff", cast.staff), ("respondent", cast.respondent), ("complainant", cast.complainant), ("panelist", psc.betaLogin)] {
                let full = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases?limit=500", headers: headers)
                    .content.decode([APIModel.CaseOut].self).map(\.number)
                for limit in [1, 2, 5] {
                    let paged = try await RealUseTests.allPages(app, "/api/v1/associations/home/cases?limit=\(limit)", headers: headers).flatMap { $0.map(\.number) }
                    #expect(paged == full, "\(who), \(limit) a page")
                }
                #expect(!full.isEmpty, "\(who) sees some cases")
                if who == "panelist" { #expect(full == [named]) }
            }
            // Hostile values answer 400 with the reason, never a 500.
            for query in ["limit=0", "limit=501", "limit=abc", "cursor=nonsense", "cursor=" + String(repeating: "A", count: 400)] {
                let response = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases?\(query)", headers: cast.staff)
                #expect(response.status == .badRequest, "\(query): \(response.status)")
            }
        }
    }
}
