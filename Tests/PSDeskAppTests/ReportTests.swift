import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
@testable import PSDeskApp
@testable import StandardsCore

/// Reports (issue 20 item 6): the annual activity report's numbers equal a count made by hand from the demo's dockets;
/// the dashboard agrees with the cases and the worklist; page, CSV and API give the same numbers; bad input is refused.
@Suite("Reports: the annual activity report and the dashboard")
struct ReportTests {
    /// Counted straight from the stored rows, without `CaseActivity`: per measure, how many in the year and their cents.
    struct HandCount {
        var counts: [CaseActivity.Measure: Int] = [:]
        var cents: [CaseActivity.Measure: Int] = [:]
        var violationsByArticle: [String: Int] = [:]
        var ombudsByConcern: [String: Int] = [:]
        mutating func add(_ measure: CaseActivity.Measure, cents amount: Int = 0) {
            counts[measure, default: 0] += 1
            cents[measure, default: 0] += amount
        }
    }

    static func handCount(year: Int, association slug: String, on db: Database) async throws -> HandCount {
        let association = try #require(try await Association.query(on: db).filter(\.$slug == slug).first())
        let cases = try await CaseRecord.query(on: db).filter(\.$association.$id == association.requireID()).all()
        let stored = try await DocketEntryRecord.query(on: db).filter(\.$association.$id == association.requireID()).sort(\.$sequence).all()
        // Corrections by hand: a struck entry is gone, a corrected one takes its latest correction's day and payload.
        var struck: Set<UUID> = [], latest: [UUID: DocketEntryRecord] = [:]
        for row in stored { if let target = row.correctsID { if row.type == "entry.struck" { struck.insert(target) } else { latest[target] = row } } }
        let rows = stored.filter { $0.correctsID == nil && !struck.contains($0.id!) }.map { row -> DocketEntryRecord in
            guard let correction = latest[row.id!] else { return row }
            row.effectiveOn = correction.effectiveOn
            row.payload = correction.payload
            return row
        }
        let prefix = String(year)
        func inYear(_ row: DocketEntryRecord) -> Bool { row.effectiveOn.hasPrefix(prefix) }
        func payload(_ row: DocketEntryRecord) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(row.payload.utf8))) as? [String: Any] ?? [:]
        }
        func cents(_ row: DocketEntryRecord) -> Int { (payload(row)["amountCents"] as? Int) ?? 0 }
        var count = HandCount()
        for record in cases {
            let docket = rows.filter { $0.$caseRecord.id == record.id }.sorted { ($0.effectiveOn, $0.sequence) < ($1.effectiveOn, $1.sequence) }
            if record.kind == "ethics", let filed = docket.first(where: { $0.type == "complaint.filed" }), inYear(filed) { count.add(.complaintReceived) }
            if let award = docket.last(where: { $0.type == "award.rendered" }), inYear(award) { count.add(.award, cents: cents(award)) }
            if let issued = docket.last(where: { $0.type == "citation.issued" }), inYear(issued) { count.add(.citationIssued) }
            for row in docket where inYear(row) {
                switch row.type {
                case "gc.dismissed": count.add(.complaintDismissed)
                case "gc.forwarded": count.add(.complaintForwarded)
                case "gc.referred-to-arbitration": count.add(.referredToArbitration)
                case "dismissal.appealed": count.add(.dismissalAppealed)
                case "hearing.held": count.add(record.kind == "arbitration" ? .arbitrationHearing : .hearingHeld)
                case "decision.filed": count.add(.decision)
                case "appeal.filed": count.add(.appealFiled)
                case "directors.final-action": count.add(.finalAction)
                case "arbitration.requested": count.add(.arbitrationRequested, cents: cents(row))
                case "award.paid": count.add(.awardPaid, cents: cents(row))
                case "mediation.requested": count.add(.mediationRequested)
                case "mediation.settled": count.add(.mediationSettled)
                case "mediation.ended": count.add(.mediationEnded)
                case "citation.paid": count.add(.citationPaid, cents: cents(row))
                case "citation.hearing-requested": count.add(.citationHearingRequested)
                default: break
                }
            }
            // Violations: the Articles a decision of violation concludes violated ("Article 12: violation"), once the
            // Directors adopt or modify it in the year.
            if let final = docket.first(where: { $0.type == "directors.final-action" && ["adopted", "modified"].contains(payload($0)["action"] as? String) }),
               inYear(final), let decision = docket.last(where: { $0.type == "decision.filed" }), payload(decision)["outcome"] as? String == "violation" {
                let conclusions = (payload(decision)["conclusions"] as? String) ?? ""
                let regex = try Regex("Article (\\d+): violation")
                for match in conclusions.matches(of: regex) {
                    if let article = match.output[1].substring { count.violationsByArticle[String(article), default: 0] += 1 }
                }
            }
        }
        for record in try await OmbudsClosedRecord.query(on: db).filter(\.$association.$id == association.requireID()).all()
        where record.closedOn.hasPrefix(prefix) {
            count.ombudsByConcern[record.concern, default: 0] += 1
        }
        return count
    }

    static func token(_ app: Application, _ email: String) async throws -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: try await APITokens.create(email: email, name: "reports", on: app.db).token)
        return headers
    }

    @Test func theAnnualReportEqualsAHandCountOverTheDemo() async throws {
        try await withTestApp { app in
            _ = try await DemoSeed.run(on: app.db, config: app.psdesk)
            var checked = 0, violations = 0
            for slug in ["obar", "albemarle"] {
                let association = try #require(try await Association.query(on: app.db).filter(\.$slug == slug).first())
                for year in [2025, 2026] {
                    let hand = try await Self.handCount(year: year, association: slug, on: app.db)
                    let report = try await ProgramReports.annual(year: year, of: [association], on: app.db)
                    for measure in CaseActivity.Measure.allCases where measure != .violation && measure != .sanction {
                        #expect(report.total(measure) == hand.counts[measure] ?? 0, "\(slug) \(year) \(measure.rawValue)")
                        if measure.hasAmount && measure != .sanction {
                            let cents = report.lines.filter { $0.key.measure == measure }.reduce(0) { $0 + ($1.cents ?? 0) }
                            #expect(cents == hand.cents[measure] ?? 0, "\(slug) \(year) \(measure.rawValue) cents")
                        }
                        checked += hand.counts[measure] ?? 0
                    }
                    let byArticle = Dictionary(report.lines.filter { $0.key.measure == .violation }.map { ($0.key.detail, $0.total) }, uniquingKeysWith: +)
                    #expect(byArticle.filter { $0.value > 0 } == hand.violationsByArticle, "\(slug) \(year) violations")
                    violations += hand.violationsByArticle.values.reduce(0, +)
                    for line in report.ombuds {
                        let hand = hand.ombudsByConcern[line.concern.rawValue] ?? 0
                        // Shown counts are exact; a suppressed one is under the threshold (or hidden beside one that is).
                        if let shown = line.total.count { #expect(shown == hand, "\(slug) \(year) ombuds \(line.concern.rawValue)") }
                    }
                }
            }
            // A hand count of nothing would agree with a report of nothing: the demo has events to count.
            #expect(checked > 20, "only \(checked) events counted")
            #expect(violations > 0)
        }
    }

    @Test func pageCSVAndAPIGiveTheSameNumbersAndTheAgreementRollsUp() async throws {
        try await withTestApp { app in
            _ = try await DemoSeed.run(on: app.db, config: app.psdesk)
            let obar = try #require(try await Association.query(on: app.db).filter(\.$slug == "obar").first())
            let albemarle = try #require(try await Association.query(on: app.db).filter(\.$slug == "albemarle").first())
            let staff = try await Self.token(app, "psa@obar.example")

            let api = try await app.testing().sendRequest(.GET, "/api/v1/associations/obar/reports/annual?year=2026", headers: staff)
            #expect(api.status == .ok, "\(api.body.string)")
            let out = try api.content.decode(ProgramReports.AnnualOut.self)
            let report = try await ProgramReports.annual(year: 2026, of: [obar], on: app.db)
            #expect(out.associations == [obar.name])
            #expect(out.lines.map(\.total) == report.lines.map(\.total))
            let received = report.total(.complaintReceived)
            #expect(received > 0)

            // Rolled up: each signatory's column and their total.
            let rolled = try await app.testing().sendRequest(.GET, "/api/v1/associations/obar/reports/annual?year=2026&scope=agreement", headers: staff)
            let both = try rolled.content.decode(ProgramReports.AnnualOut.self)
            let alone = try await ProgramReports.annual(year: 2026, of: [albemarle], on: app.db)
            #expect(Set(both.associations) == [obar.name, albemarle.name])
            let line = try #require(both.lines.first { $0.measure == "complaint-received" })
            #expect(line.total == received + alone.total(.complaintReceived))
            #expect(line.counts.reduce(0, +) == line.total)

            // The CSV's line for complaints received carries the same count.
            let csv = try await app.testing().sendRequest(.GET, "/a/obar/reports/annual.csv?year=2026", headers: staff)
            let browser = Browser(app)
            _ = try await browser.signIn("psa@obar.example", password: DemoSeed.password)
            let csvPage = try await browser.get("/a/obar/reports/annual.csv?year=2026")
            #expect(csvPage.status == .ok && csvPage.headers.contentType?.subType == "csv")
            let row = try #require(csvPage.body.string.split(whereSeparator: \.isNewline).first { $0.hasPrefix("Ethics,complaint-received,") })
            #expect(row.split(separator: ",").dropFirst(4).first.map(String.init) == String(received))
            _ = csv

            // The page shows it with its chart; the dashboard too.
            let page = try await browser.get("/a/obar/reports/annual?year=2026&scope=agreement")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Ethics complaints received") && page.body.string.contains("<svg") && page.body.string.contains(albemarle.name))
            let dashboard = try await browser.get("/a/obar/reports")
            #expect(dashboard.status == .ok && dashboard.body.string.contains("Open cases by stage and age"))
        }
    }

    @Test func aBadYearIsRefusedBesideTheFieldAndOthersMayNotSeeReports() async throws {
        try await withTestApp { app in
            _ = try await DemoSeed.run(on: app.db, config: app.psdesk)
            let staff = try await Self.token(app, "psa@obar.example")
            for year in ["1999", "2999", "abc", "-5", "99999999999999999999"] {
                let response = try await app.testing().sendRequest(.GET, "/api/v1/associations/obar/reports/annual?year=\(year)", headers: staff)
                #expect(response.status == .badRequest, "\(year): \(response.status)")
                #expect(response.body.string.contains("report_year_out_of_range"))
            }
            let browser = Browser(app)
            _ = try await browser.signIn("psa@obar.example", password: DemoSeed.password)
            let page = try await browser.get("/a/obar/reports/annual?year=1999")
            #expect(page.status == .badRequest)
            #expect(page.body.string.contains("id=\"year-error\"") && page.body.string.contains("value=\"1999\""))

            // The Board sees the counts; the Grievance Committee and a party do not.
            let director = try await Self.token(app, "director@obar.example")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/obar/reports/dashboard", headers: director).status == .ok)
            for email in ["gc@obar.example", "complainant@example.com", "ombuds@obar.example"] {
                let other = try await Self.token(app, email)
                for path in ["reports/dashboard", "reports/annual"] {
                    let response = try await app.testing().sendRequest(.GET, "/api/v1/associations/obar/\(path)", headers: other)
                    #expect(response.status == .forbidden, "\(email) \(path): \(response.status)")
                }
            }
        }
    }

    @Test func theDashboardAgreesWithTheCasesAndTheWorklistAndMovesWithAnAppend() async throws {
        try await withTestApp { app in
            _ = try await DemoSeed.run(on: app.db, config: app.psdesk)
            let obar = try #require(try await Association.query(on: app.db).filter(\.$slug == "obar").first())
            let today = try #require(AssociationClock(timeZoneIdentifier: obar.timeZone)).civilDate(at: app.clock.now())
            let dashboard = try await ProgramReports.dashboard(of: obar, today: today, on: app.db)
            let cases = try await CaseRecord.query(on: app.db).filter(\.$association.$id == obar.requireID()).all()
            let open = cases.filter { !(CaseStatus(rawValue: $0.status)?.isTerminal ?? false) }
            #expect(dashboard.openTotal == open.count && open.count > 0)
            // Each open case in the band its filing day puts it in.
            for stage in dashboard.open {
                let these = open.filter { $0.kind == stage.kind && $0.status == stage.status }
                let bands = StaffDashboard.AgeBand.allCases.map { band in
                    these.filter { StaffDashboard.AgeBand.of(filed: CivilDate($0.filedOn ?? $0.openedOn ?? "") ?? today, on: today) == band }.count
                }
                #expect(stage.byAge == bands, "\(stage.label)")
            }
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "psa@obar.example").first())
            let actor = try #require(try await Actor.load(userID: user.requireID(), on: app.db))
            let worklist = try await Worklist.build(in: AssociationScope(association: obar, roles: [.staff]), actor: actor, today: today, on: app.db)
            #expect(dashboard.dueThisWeek == worklist.dueSoon.total)
            #expect(dashboard.overdue == worklist.overdue.total)
            let months = Set(StaffDashboard.months(endingOn: today))
            let filed = cases.filter { ($0.filedOn ?? $0.openedOn).map { months.contains(String($0.prefix(7))) && $0 <= today.description } ?? false }.count
            #expect(dashboard.months.reduce(0) { $0 + $1.opened } == filed)
            #expect(dashboard.months.count == 12)

            // A complaint filed today through the API is one more open case, in the youngest band, and one more received.
            let staff = try await Self.token(app, "psa@obar.example")
            let person = try #require(try await Person.query(on: app.db).filter(\.$association.$id == obar.requireID()).first())
            let opened = try await app.testing().sendRequest(.POST, "/api/v1/associations/obar/cases", headers: staff) { req in
                try req.content.encode(APIModel.NewCase(kind: "ethics", title: "Reports check", openedOn: today.description, summary: nil,
                                                        parties: [.init(personId: person.id!, role: "complainant")]))
            }
            #expect(opened.status == .created, "\(opened.body.string)")
            let number = try opened.content.decode(APIModel.CaseOut.self).number
            let filedNow = try await app.testing().sendRequest(.POST, "/api/v1/associations/obar/cases/\(number)/entries", headers: staff) {
                $0.json(#"{"type":"complaint.filed","effectiveOn":"\#(today)","payload":{"articles":"1","narrative":"Reports check."}}"#)
            }
            #expect(filedNow.status == .created, "\(filedNow.body.string)")
            let after = try await ProgramReports.dashboard(of: obar, today: today, on: app.db)
            #expect(after.openTotal == dashboard.openTotal + 1)
            #expect(after.open.reduce(0) { $0 + ($1.byAge.first ?? 0) } == dashboard.open.reduce(0) { $0 + ($1.byAge.first ?? 0) } + 1)
            let year = try await ProgramReports.annual(year: today.year, of: [obar], on: app.db)
            let before = try await Self.handCount(year: today.year, association: "obar", on: app.db)
            #expect(year.total(.complaintReceived) == before.counts[.complaintReceived] ?? 0)
        }
    }

    /// The citation figures (S3 9.4.6) and the ombuds trends (S0) as CSV and through the API, counts only, to whom they
    /// are given.
    @Test func citationFiguresAndOmbudsTrendsComeAsCSVAndThroughTheAPI() async throws {
        try await withTestApp { app in
            _ = try await DemoSeed.run(on: app.db, config: app.psdesk)
            let obar = try #require(try await Association.query(on: app.db).filter(\.$slug == "obar").first())
            let figures = try await CitationStatisticsLoader.load(in: obar.requireID(), on: app.db)
            let issued = figures.years.reduce(0) { $0 + $1.issued }
            #expect(issued > 0)
            let director = Browser(app)
            _ = try await director.signIn("director@obar.example", password: DemoSeed.password)
            let csv = try await director.get("/a/obar/citations/statistics.csv")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            let yearRows = csv.body.string.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
                .filter { $0.count > 1 && !$0[1].isEmpty }
            #expect(yearRows.reduce(0) { $0 + (Int($1[1]) ?? 0) } == issued)
            let page = try await director.get("/a/obar/citations")
            #expect(page.body.string.contains("statistics.csv") && page.body.string.contains("<svg"))
            let party = Browser(app)
            _ = try await party.signIn("complainant@example.com", password: DemoSeed.password)
            #expect(try await party.get("/a/obar/citations/statistics.csv").status == .forbidden)

            let closed = try await OmbudsClosedRecord.query(on: app.db).filter(\.$association.$id == obar.requireID()).all().compactMap(\.record)
            let trends = OmbudsTrends(closed)
            let api = try await app.testing().sendRequest(.GET, "/api/v1/associations/obar/reports/ombuds", headers: try await Self.token(app, "director@obar.example"))
            #expect(api.status == .ok, "\(api.body.string)")
            let out = try api.content.decode(OmbudsController.TrendsOut.self)
            #expect(out.total == trends.total.count && out.total == closed.count)
            #expect(out.rows.filter { $0.dimension == "concern" }.map(\.count) == trends.byConcern.map(\.cell.count))
            #expect(!api.body.string.contains("@"), "no address or name in the trends")
            let gc = try await app.testing().sendRequest(.GET, "/api/v1/associations/obar/reports/ombuds", headers: try await Self.token(app, "gc@obar.example"))
            #expect(gc.status == .forbidden)
        }
    }
}
