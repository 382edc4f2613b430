import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
import Logging
@testable import PSDeskApp
@testable import StandardsCore

/// The ombuds program (issue 17; S0, a3.1–a3.5, a1.3, b10): an inquiry on the web and by phone, a conversation only the
/// ombuds reads, working notes, exceptions, the certificate for a later filing, and a close that leaves nothing but the
/// anonymous record.
@Suite("Ombuds program")
struct OmbudsProgramTests {
    /// Every log line the app writes, kept to be searched.
    final class LogLines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
        var all: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
    }

    struct CapturingLog: LogHandler {
        let store: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            let all = self.metadata.merging(metadata ?? [:]) { $1 }
            store.add("\(level) \(message) \(all.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
        }
    }

    /// The text between `prefix` and the next `"` or `<` in a page.
    static func find(_ prefix: String, in page: String) -> String? {
        guard let range = page.range(of: prefix) else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" && $0 != "<" })
    }

    /// A member of the public starts a conversation on the web; returns their browser and follow-up key.
    static func startOnTheWeb(_ app: Application, message: String, contact: String = "") async throws -> (Browser, String) {
        let user = Browser(app)
        let program = try await user.get("/ombuds/home")
        #expect(program.status == .ok && program.body.string.contains("I will never seek to force the ombuds to disclose"))
        let opened = try await user.post("/ombuds/home", form: ["concern": "commission", "text": message, "contact": contact, "conditions": "accepted"])
        #expect(opened.status == .created, "\(opened.body.string.prefix(300))")
        #expect(opened.headers.first(name: .cacheControl) == "no-store")
        let key = try #require(find("<strong>Your follow-up key:</strong> <code>", in: opened.body.string))
        return (user, key)
    }

    /// The ombuds' desk link to the one open matter.
    static func openMatterURL(_ ombuds: Browser) async throws -> String {
        let desk = try await ombuds.get("/a/home/ombuds")
        #expect(desk.status == .ok)
        return "/a/home/ombuds/inquiries/" + (try #require(find("/a/home/ombuds/inquiries/", in: desk.body.string)))
    }

    @Test func afterCloseNoIdentifyingStringRemainsInTheDatabaseFileTheLogsOrTheOutbox() async throws {
        let logs = LogLines()
        try await withTestApp(fileDatabase: true) { app in
            app.logger = Logger(label: "test") { _ in CapturingLog(store: logs) }
            _ = try await Fixture.make(app)
            let name = "Zebulon Quackenbush", email = "zeb.quack@example.org", phone = "505-555-0199"
            let phrase = "the purple lockbox on Calle Jazmin", notePhrase = "ring back about the turquoise gate code"
            let (user, key) = try await Self.startOnTheWeb(app, message: "I am \(name). My agent kept \(phrase) keys.", contact: "\(email) \(phone)")

            let ombuds = Browser(app)
            _ = try await ombuds.signIn("ombuds@home.test")
            let matter = try await Self.openMatterURL(ombuds)
            let page = try await ombuds.get(matter)
            #expect(page.body.string.contains(phrase) && page.body.string.contains(email), "the ombuds reads the sealed texts")
            #expect(try await ombuds.post(matter + "/messages", form: ["reply": "Thank you. One option is a facilitated talk."]).status == .seeOther)
            #expect(try await ombuds.post(matter + "/notes", form: ["note": notePhrase, "noteDays": "14"]).status == .seeOther)
            // The user reads the reply with the key, posted (never in a link), and answers.
            let conversation = try await user.post("/ombuds/home/follow-up", form: ["key": key.lowercased()])
            #expect(conversation.status == .ok && conversation.body.string.contains("facilitated talk"))
            #expect(try await user.post("/ombuds/home/follow-up/reply", form: ["key": key, "text": "Yes please, \(name) agrees."]).status == .ok)
            // The ombuds was told of each of the user's two messages by email, with no word of them (issue 19).
            let told = try await OutboxMessage.query(on: app.db).filter(\.$purpose == "message").all()
            #expect(told.map(\.toAddress) == ["ombuds@home.test", "ombuds@home.test"])
            #expect(!told.contains { $0.textBody.contains("Zebulon") || $0.textBody.contains("lockbox") || $0.textBody.contains(key) })

            // At rest the texts are sealed: the plain words are nowhere in the tables.
            let sealed = try await OmbudsMessage.query(on: app.db).all().map(\.sealedBody) + OmbudsNote.query(on: app.db).all().map(\.sealedBody)
                + OmbudsInquiry.query(on: app.db).all().compactMap(\.sealedContact)
            #expect(sealed.count == 5)
            #expect(!sealed.contains { $0.contains("Zebulon") || $0.contains("lockbox") })

            // Closing asks first; without the confirmation nothing is destroyed.
            let unconfirmed = try await ombuds.post(matter + "/close", fields: [("services[]", "options"), ("services[]", "facilitated-discussion"),
                                                                               ("outcome", "agreed-plan")])
            #expect(unconfirmed.status == .unprocessableEntity && unconfirmed.body.string.contains("Confirm that the conversation"))
            #expect(try await OmbudsMessage.query(on: app.db).count() == 3)
            let closed = try await ombuds.post(matter + "/close", fields: [("services[]", "options"), ("services[]", "facilitated-discussion"),
                                                                          ("outcome", "agreed-plan"), ("confirm", "destroy")])
            #expect(closed.status == .seeOther)

            // What remains: the anonymous record only.
            #expect(try await OmbudsInquiry.query(on: app.db).count() == 0)
            #expect(try await OmbudsMessage.query(on: app.db).count() == 0)
            #expect(try await OmbudsNote.query(on: app.db).count() == 0)
            let record = try #require(try await OmbudsClosedRecord.query(on: app.db).first()?.record)
            #expect(record.concern == .commission && record.outcome == .agreedPlan && record.services == [.options, .facilitatedDiscussion])
            #expect(try await user.post("/ombuds/home/follow-up", form: ["key": key]).status == .notFound, "the key opens nothing any more")
            #expect(try await ombuds.get(matter).status == .notFound)

            let identifying = [name, email, phone, phrase, notePhrase, "Zebulon", "lockbox", "turquoise"]
            let outbox = try await OutboxMessage.query(on: app.db).all().map { "\($0.toAddress) \($0.subject) \($0.textBody)" }.joined()
            let logged = logs.all
            #expect(logged.contains("ombuds matter closed"), "the log was captured")
            for text in identifying {
                #expect(!outbox.contains(text), "outbox: \(text)")
                #expect(!logged.contains(text), "logs: \(text)")
            }
            guard !isPostgres else { return }
            // The SQLite file, its log and shared memory: neither the words nor the sealed texts that held them.
            let path = app.psdesk.sqlitePath
            var bytes = Data()
            for file in [path, path + "-wal", path + "-shm"] { bytes += (FileManager.default.contents(atPath: file) ?? Data()) }
            #expect(bytes.count > 10_000, "the database file was read")
            for text in identifying + sealed.map({ String($0.prefix(40)) }) {
                #expect(bytes.range(of: Data(text.utf8)) == nil, "database file: \(text.prefix(20))")
            }
        }
    }

    @Test func anOpenInquiryIsNotFoundForStaffAnAdministratorOrTheAPI() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            _ = try await Self.startOnTheWeb(app, message: "A question about a commission split.")
            let inquiry = try #require(try await OmbudsInquiry.query(on: app.db).first())
            let path = "/a/home/ombuds/inquiries/\(try inquiry.requireID())"
            // An administrator who is also the association's staff.
            let admin = User(email: "admin@home.test", displayName: "Admin", passwordHash: try Bcrypt.hash(Fixture.password, cost: 4), personID: nil)
            admin.isAdministrator = true
            try await admin.create(on: app.db)
            try await RoleAssignment(userID: admin.requireID(), associationID: fixture.home.requireID(), role: Role.staff.rawValue).create(on: app.db)
            for email in ["staff@home.test", "admin@home.test", "director@home.test", "gc@home.test"] {
                let browser = Browser(app)
                _ = try await browser.signIn(email)
                #expect(try await browser.get(path).status == .notFound, "\(email)")
                #expect(try await browser.get("/a/home/ombuds").status == .notFound, "\(email)")
                #expect(try await browser.post(path + "/close", fields: [("services[]", "information"), ("outcome", "answered"), ("confirm", "destroy")])
                    .status == .notFound, "\(email)")
            }
            var adminToken = HTTPHeaders()
            adminToken.bearerAuthorization = .init(token: try await APITokens.create(email: "admin@home.test", name: "t", on: app.db).token)
            for headers in [fixture.bearer("staff@home.test"), adminToken] {
                for api in ["/api/v1/associations/home/cases/\(try inquiry.requireID())", "/api/v1/cases/\(try inquiry.requireID())",
                            "/api/v1/associations/home/ombuds/inquiries/\(try inquiry.requireID())"] {
                    #expect(try await app.testing().sendRequest(.GET, api, headers: headers).status == .notFound, "\(api)")
                }
            }
            #expect(try await OmbudsInquiry.query(on: app.db).count() == 1, "nobody but the ombuds closed it")
            // The ombuds reads it; the ombuds' nav says where.
            let ombuds = Browser(app)
            _ = try await ombuds.signIn("ombuds@home.test")
            #expect(try await ombuds.get(path).body.string.contains("commission split"))
            let dashboard = try await ombuds.get("/a/home")
            #expect(dashboard.status == .ok && dashboard.body.string.contains("the ombuds' screens") && !dashboard.body.string.contains(">Cases</a>"))
            // The ombuds is no party to any case (a3.5).
            let person = Person(associationID: try fixture.home.requireID(), kind: .member, firstName: "Olga", lastName: "Ombuds")
            try await person.create(on: app.db)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "ombuds@home.test").first())
            user.$person.id = person.id
            try await user.save(on: app.db)
            let opened = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"kind":"ethics","title":"Test"}"#)
            }
            let number = try opened.content.decode(APIModel.CaseOut.self).number
            let named = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test")) {
                $0.json(#"{"type":"party.added","effectiveOn":"2026-11-30","payload":{"personId":"\#(try person.requireID())","role":"complainant"}}"#)
            }
            #expect(named.status == .unprocessableEntity && named.body.string.contains("a3.5"), "\(named.body.string)")
        }
    }

    @Test func theTrendsSuppressSmallCountsOnScreenAndInTheCSV() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let home = try fixture.home.requireID()
            func record(_ concern: OmbudsConcern, _ count: Int, closed: String) async throws {
                for _ in 0..<count {
                    let record = OmbudsRecord(openedOn: CivilDate("2026-10-01")!, closedOn: CivilDate(closed)!, channel: .web, concern: concern,
                                              services: [.information], outcome: .answered)
                    try await OmbudsClosedRecord(associationID: home, record: record, conditionsVersion: OmbudsConditions.version).create(on: app.db)
                }
            }
            try await record(.commission, 6, closed: "2026-10-20")
            try await record(.generalQuestion, 5, closed: "2026-10-21")
            try await record(.conduct, 2, closed: "2026-11-03")
            let director = Browser(app)
            _ = try await director.signIn("director@home.test")
            let page = try await director.get("/a/home/ombuds/trends")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("<span class=\"num\">13</span> matters closed"))
            // Conduct (2) is hidden, and general questions (5) with it, or 13 − 6 − 5 would give the 2 away.
            #expect(html.contains("Commission disputes</th><td class=\"num\" data-label=\"Closed matters\">6</td>"))
            #expect(html.contains("Unprofessional or potentially unethical conduct</th><td class=\"num\" data-label=\"Closed matters\"><span title=\"fewer than 5\">—</span>"))
            #expect(html.contains("General real estate or transactional questions</th><td class=\"num\" data-label=\"Closed matters\"><span title=\"fewer than 5\">—</span>"))
            let csv = try await director.get("/a/home/ombuds/trends.csv").body.string
            #expect(csv.contains("\r\nconcern,commission,Commission disputes,6\r\n"))
            #expect(csv.contains("\r\nconcern,conduct,Unprofessional or potentially unethical conduct,suppressed\r\n"))
            // By month: November's 2 is hidden, and October's 11 with it, since the total would give it away.
            #expect(csv.contains("\r\nmonth,2026-11,2026-11,suppressed\r\n") && csv.contains("\r\nmonth,2026-10,2026-10,suppressed\r\n"))
            #expect(csv.contains("\r\ntotal,all,All closed matters,13\r\n"))
            // A party sees no trends; the ombuds does.
            let party = Browser(app)
            _ = try await party.signIn("party@home.test")
            #expect(try await party.get("/a/home/ombuds/trends").status == .forbidden)
        }
    }

    @Test func aPublicTrustAllegationEndsTheMatterWithAReferral() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let ombuds = Browser(app)
            _ = try await ombuds.signIn("ombuds@home.test")
            _ = try await ombuds.get("/a/home/ombuds")
            // A phone call, logged the same way, with the conditions heard.
            let refused = try await ombuds.post("/a/home/ombuds/contacts", form: ["channel": "phone", "concern": "conduct", "text": "call back Tuesday",
                                                                                  "noteDays": "400"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Confirm the user accepted the program") && refused.body.string.contains("1 to 90 days"))
            #expect(refused.body.string.contains("call back Tuesday"), "nothing typed is lost")
            let logged = try await ombuds.post("/a/home/ombuds/contacts", form: ["channel": "phone", "concern": "conduct", "text": "call back Tuesday",
                                                                                 "noteDays": "7", "conditions": "accepted"])
            #expect(logged.status == .seeOther)
            let matter = try await Self.openMatterURL(ombuds)
            // A phone caller has no conversation page to answer on.
            #expect(try await ombuds.post(matter + "/messages", form: ["reply": "Hello"]).status == .unprocessableEntity)
            let excepted = try await ombuds.post(matter + "/exception", fields: [("exception", "misappropriation"), ("services[]", "information"),
                                                                                ("what", "An allegation that earnest money was kept; the caller was referred to the Grievance Committee."),
                                                                                ("to", "The caller")])
            #expect(excepted.status == .seeOther)
            #expect(try await OmbudsInquiry.query(on: app.db).count() == 0)
            #expect(try await OmbudsNote.query(on: app.db).count() == 0)
            let record = try #require(try await OmbudsClosedRecord.query(on: app.db).first()?.record)
            #expect(record.outcome == .publicTrustReferral && record.services.contains(.referral) && record.channel == .phone)
            let disclosure = try #require(try await OmbudsDisclosureRecord.query(on: app.db).first())
            #expect(disclosure.reason == "misappropriation" && disclosure.$inquiry.id == nil)
            let desk = try await ombuds.get("/a/home/ombuds")
            #expect(desk.body.string.contains("ended with a referral") && desk.body.string.contains("earnest money was kept"))
            // Closing by hand cannot claim a public-trust referral, nor release anything outside an agreed plan (a3.3, a3.4).
            #expect(OmbudsClosing(services: [.referral], outcome: .publicTrustReferral).problems()["outcome"] != nil)
            #expect(OmbudsClosing(services: [.information], outcome: .answered, released: "the address", releasedTo: "the seller").problems()["released"] != nil)
        }
    }

    @Test func theCertificateSuspendsALaterComplaintsWindowByExactlyItsDates() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let (user, key) = try await Self.startOnTheWeb(app, message: "Before I complain, can we talk?")
            // The conversation began on 1 June (set directly: the test clock stands at 30 November).
            let inquiry = try #require(try await OmbudsInquiry.query(on: app.db).first())
            inquiry.openedOn = "2026-06-01"
            try await inquiry.save(on: app.db)
            let issued = try await user.post("/ombuds/home/follow-up/certificate", form: ["key": key])
            let code = try #require(Self.find("<strong>Certificate code:</strong> <code>", in: issued.body.string))
            #expect(code.count == 19)
            let ombuds = Browser(app)
            _ = try await ombuds.signIn("ombuds@home.test")
            let matter = try await Self.openMatterURL(ombuds)
            #expect(try await ombuds.post(matter + "/close", fields: [("services[]", "options"), ("outcome", "user-ended"), ("confirm", "destroy")]).status == .seeOther)
            let certificate = try #require(try await InformalProcessCertificate.query(on: app.db).first())
            #expect(certificate.beganOn == "2026-06-01" && certificate.endedOn == "2026-11-30" && certificate.$inquiry.id == nil)

            // Three complaints about a transaction that closed on 1 April: one with the code, one with the same dates typed,
            // one with neither.
            let filing = PublicFilingTests()
            var base = PublicFilingTests.good
            base["transactionConcludedOn"] = "2026-04-01"
            base["informalProcess"] = ""; base["informalStartedOn"] = ""; base["informalEndedOn"] = ""
            func file(_ extra: [String: String]) async throws -> APIModel.DeadlineOut {
                let filer = Browser(app)
                _ = try await filer.get("/file/home")
                let response = try await filing.post(filer, "/file/home", fields: base.merging(extra) { $1 })
                #expect(response.status == .seeOther, "\(response.body.string.prefix(500))")
                let newest = try #require(try await CaseRecord.query(on: app.db).sort(\.$number, .descending).first())
                let deadlines = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(newest.number)/deadlines",
                                                                    headers: fixture.bearer("staff@home.test"))
                return try #require(try deadlines.content.decode(APIModel.DeadlinesOut.self).deadlines.first { $0.key == "filing" })
            }
            let wrong = Browser(app)
            _ = try await wrong.get("/file/home")
            let refused = try await filing.post(wrong, "/file/home", fields: base.merging(["informalCertificate": "ABCD-EFGH-JKMN-PQRS"]) { $1 })
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("No certificate of this association has this code"))
            let withCode = try await file(["informalCertificate": code.lowercased()])
            let typed = try await file(["informalProcess": "ombuds", "informalStartedOn": "2026-06-01", "informalEndedOn": "2026-11-30"])
            let without = try await file([:])
            #expect(withCode.dueOn != nil && withCode.dueOn == typed.dueOn, "\(withCode.explanation)")
            #expect(withCode.status == "met" && without.status == "missed")
            #expect(withCode.explanation.contains("ombuds"))
            // The window moves by exactly the certificate's span: 1 June to 30 November, 182 days (a1.3: end − start).
            let span = SuspensionInterval(start: CivilDate("2026-06-01")!, end: CivilDate("2026-11-30")!, reason: "ombuds")
            let moved = try #require(CivilDate(without.dueOn ?? "")).days(to: try #require(CivilDate(withCode.dueOn ?? "")))
            #expect(moved == span.days, "moved \(moved)")
        }
    }

    @Test func theArbitrationRequestTakesTheCertificateToo() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            _ = try await ArbitrationHearingTests.cast(app, fixture, fixture.other, staffEmail: "staff@other.test")
            // A certificate of the other association's ombuds: 1 May to 1 July.
            let code = OmbudsCodes.new(groups: 4)
            let certificate = InformalProcessCertificate()
            certificate.$association.id = try fixture.other.requireID()
            certificate.codeHash = OmbudsCodes.hash(code)
            certificate.beganOn = "2026-05-01"
            certificate.endedOn = "2026-07-01"
            try await certificate.create(on: app.db)
            let clara = Browser(app)
            _ = try await clara.signIn("clara-other@arb.test")
            _ = try await clara.get("/a/other/arbitration/request")
            var form = ["respondent": "other-R1", "amount": "2,000", "nature": "Referral fee on 3 Oak Ln", "firm": "Clara Commercial",
                        "transactionConcludedOn": "2026-05-01", "field": "residential", "agreementSigned": "yes", "informalCertificate": "WRNG-CODE-HERE-2345"]
            let refused = try await clara.post("/a/other/arbitration/request", form: form)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("certificate-error"))
            #expect(refused.body.string.contains("value=\"Referral fee on 3 Oak Ln\""), "nothing typed is lost")
            form["informalCertificate"] = code
            let filed = try await clara.post("/a/other/arbitration/request", form: form)
            #expect(filed.status == .seeOther, "\(filed.body.string.prefix(400))")
            let number = String(try #require(filed.headers.first(name: .location)).split(separator: "/").last ?? "")
            let docket = try await ArbitrationHearingTests.docket(app, number)
            let informal = try #require(docket.first { $0.type == .informalProcess })
            #expect(informal.payload["startedOn"]?.textValue == "2026-05-01" && informal.payload["endedOn"]?.textValue == "2026-07-01")
            // 180 days from 1 May end on 28 October, before today; with the 61 days of the certificate the request is in time.
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first())
            let rules = try await CaseRules.load(for: record, on: app.db, today: CivilDate("2026-11-30")!)
            let window = try #require(rules.deadlines(kind: .arbitration, docket: docket, asOf: CivilDate("2026-11-30")!).first { $0.key == .arbitrationFiling })
            #expect(window.status == .met && window.dueOn == CivilDate("2026-10-28")!.adding(days: 61), "\(window.why)")
        }
    }

    @Test func hostileTextIsRefusedBesideItsFieldAndExpiredNotesAreDestroyed() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            let user = Browser(app)
            _ = try await user.get("/ombuds/home")
            let control = try await user.post("/ombuds/home", form: ["concern": "conduct", "text": "hidden\u{0}text\u{1B}[2J", "conditions": "accepted"])
            #expect(control.status == .unprocessableEntity && control.body.string.contains("Remove the control characters"))
            let long = try await user.post("/ombuds/home", form: ["concern": "no-such", "text": String(repeating: "a", count: 5_001), "conditions": "accepted"])
            #expect(long.status == .unprocessableEntity && long.body.string.contains("under 5000 characters") && long.body.string.contains("Choose the kind of concern"))
            #expect(try await OmbudsInquiry.query(on: app.db).count() == 0)
            #expect(try await user.post("/ombuds/home/follow-up", form: ["key": "' OR 1=1 --"]).status == .notFound)
            #expect(try await user.get("/ombuds/nowhere").status == .notFound)
            // Without the form's token the post is refused (CSRF), as on every form.
            #expect(try await user.post("/ombuds/home", form: ["concern": "conduct", "text": "x", "conditions": "accepted"], includeCSRF: false).status == .forbidden)

            // A working note past its day is destroyed before the ombuds' page could show it (a3.3).
            let (_, _) = try await Self.startOnTheWeb(app, message: "When do I hear back?")
            let ombuds = Browser(app)
            _ = try await ombuds.signIn("ombuds@home.test")
            let matter = try await Self.openMatterURL(ombuds)
            #expect(try await ombuds.post(matter + "/notes", form: ["note": "old step", "noteDays": "1"]).status == .seeOther)
            #expect(try await ombuds.post(matter + "/notes", form: ["note": "fresh step", "noteDays": "30"]).status == .seeOther)
            let old = try #require(try await OmbudsNote.query(on: app.db).all().first { $0.expiresOn == "2026-12-01" })
            old.expiresOn = "2026-11-30"
            try await old.save(on: app.db)
            let page = try await ombuds.get(matter)
            #expect(page.body.string.contains("fresh step"))
            #expect(!page.body.string.contains("old step"))
            #expect(try await OmbudsNote.query(on: app.db).count() == 1)
            // An agreed plan may release stated information, recorded with what and to whom (a3.3).
            let closed = try await ombuds.post(matter + "/close", fields: [("services[]", "facilitated-discussion"), ("outcome", "agreed-plan"),
                                                                          ("released", "The agreed repair credit amount"), ("releasedTo", "Both brokers"),
                                                                          ("confirm", "destroy")])
            #expect(closed.status == .seeOther)
            let release = try #require(try await OmbudsDisclosureRecord.query(on: app.db).first())
            #expect(release.reason == OmbudsDisclosureRecord.resolutionPlan && release.what == "The agreed repair credit amount" && release.disclosedTo == "Both brokers")
        }
    }
}
