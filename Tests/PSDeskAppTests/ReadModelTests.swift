import Foundation
import Testing
import Vapor
import Fluent
import SQLKit
@testable import PSDeskApp
@testable import StandardsCore

/// The read models (issue 12) kept by every append equal what a rebuild from the dockets gives, on both databases.
@Suite("Read models")
struct ReadModelTests {
    /// Every row of every read model as text, without ids, sorted: two states compare equal when they hold the same.
    static func snapshot(_ db: Database) async throws -> [String: [String]] {
        let deadlines = try await CaseDeadlineRow.query(on: db).all().map { r in
            [r.caseNumber, r.caseKind, "\(r.caseClosed)", r.key, r.title, r.rule, r.dueOn ?? "-", r.dueText, r.dueTextForParty, r.explanationHead,
             "\(r.dated)", r.lapseNote ?? "-", "\(r.partyOption)", "\(r.forComplainant)", "\(r.forRespondent)", r.settledStatus ?? "-"].joined(separator: "|")
        }
        let ledgers = try await CaseLedgerRow.query(on: db).all().map { r in
            [r.caseNumber, r.caseKind, r.caseTitle, "\(r.depositsHeld)", "\(r.owed)", "\(r.toTreasury)", "\(r.refunded)"].joined(separator: "|")
        }
        let compliance = try await CaseComplianceRow.query(on: db).all().map { r in
            [r.caseNumber, "\(r.position)", r.sanction, r.rule, r.dueOn ?? "-", r.statusBefore, r.noteBefore, r.statusAfter, r.noteAfter].joined(separator: "|")
        }
        let tallies = try await CaseTally.query(on: db).filter(\.$cases != 0).all().map { r in
            ["\(r.$association.id)", r.kind, r.status, "\(r.directorsMatterPending)", "\(r.cases)"].joined(separator: "|")
        }
        // The reports' events and stages (issue 20).
        let facts = try await CaseFactRow.query(on: db).all().map { r in
            ["\(r.$caseRecord.id)", r.caseKind, r.measure, r.detail, r.happenedOn, "\(r.cents)"].joined(separator: "|")
        }
        let stages = try await CaseStageRow.query(on: db).all().map { r in
            ["\(r.$caseRecord.id)", r.caseKind, r.status, r.enteredOn, r.leftOn ?? "-", r.days.map(String.init) ?? "-"].joined(separator: "|")
        }
        let sql = try #require(db as? SQLDatabase)
        struct Words: Decodable { let number: String; let body: String }
        struct Cited: Decodable { let number: String; let article: Int }
        let words = try await sql.raw("SELECT c.number, s.body FROM case_search s JOIN cases c ON c.id = s.case_id").all(decoding: Words.self)
        let cited = try await sql.raw("SELECT c.number, a.article FROM case_articles a JOIN cases c ON c.id = a.case_id").all(decoding: Cited.self)
        return ["deadlines": deadlines.sorted(), "ledgers": ledgers.sorted(), "compliance": compliance.sorted(), "tallies": tallies.sorted(), "facts": facts.sorted(), "stages": stages.sorted(),
                "search": words.map { "\($0.number)|\($0.body)" }.sorted(), "articles": cited.map { "\($0.number)|\($0.article)" }.sorted()]
    }

    @Test func whatEveryAppendKeptEqualsARebuildFromTheDockets() async throws {
        try await withTestApp { app in
            _ = try await DemoSeed.run(on: app.db, config: app.psdesk)
            _ = try await SyntheticSeed.run(cases: 120, slug: "synthetic", seed: 7, bcryptCost: 4, on: app.db) { _ in }
            let live = try await Self.snapshot(app.db)
            // A rebuild that found nothing to write would also be "equal": the demo has open windows, money and discipline.
            #expect((live["deadlines"]?.count ?? 0) > 50)
            #expect((live["ledgers"]?.count ?? 0) > 5)
            #expect((live["compliance"]?.count ?? 0) > 0)
            #expect(live["deadlines"]?.contains { $0.contains("|met|") || $0.hasSuffix("|met") } == true)
            #expect((live["search"]?.count ?? 0) == (try await CaseRecord.query(on: app.db).count()))
            #expect((live["articles"]?.count ?? 0) > 50)
            #expect((live["facts"]?.count ?? 0) > 100 && (live["stages"]?.count ?? 0) > (live["search"]?.count ?? 0))
            let cases = try await CaseRecord.query(on: app.db).count()
            let counted = try await CaseTally.query(on: app.db).all().reduce(0) { $0 + $1.cases }
            #expect(counted == cases)

            let rebuilt = try await ReadModels.rebuild(now: app.clock.now(), on: app.db, batch: 37)
            #expect(rebuilt == cases)
            let again = try await Self.snapshot(app.db)
            for table in live.keys.sorted() {
                let before = live[table] ?? [], after = again[table] ?? []
                #expect(before == after, "\(table): only live \(Set(before).subtracting(after).prefix(3)); only rebuilt \(Set(after).subtracting(before).prefix(3))")
            }
        }
    }

    @Test func aStepMovesTheCaseInTheTallyAndItsWindows() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first())
            func tally(_ status: CaseStatus) async throws -> Int {
                try await CaseTally.query(on: app.db).filter(\.$status == status.rawValue).all().reduce(0) { $0 + $1.cases }
            }
            let opened = try await tally(.opened)
            #expect(opened == 1)
            try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1","transactionConcludedOn":"2026-10-01"}}"#])
            #expect(try await tally(.opened) == 0)
            #expect(try await tally(.filed) == 1)
            let windows = try await CaseDeadlineRow.query(on: app.db).filter(\.$caseRecord.$id == record.requireID()).all()
            // The filing window is kept settled (a1.2); the Committee's review is open (b6.2).
            #expect(windows.first { $0.key == DeadlineKey.filing.rawValue }?.settledStatus == "met")
            #expect(windows.contains { $0.key == DeadlineKey.gcReview.rawValue && $0.settledStatus == nil })
        }
    }
}

/// Every list read from the read models returns exactly what deriving every docket of the association would (issue 12).
@Suite("Lists from the read models equal a full scan")
struct ReadModelListTests {
    struct Line: Hashable { let number: String; let title: String; let due: String; let explanation: String }

    /// The old way: every case's docket derived as of today.
    static func fullScan(_ app: Application, _ association: Association, today: CivilDate) async throws -> (overdue: [(CivilDate?, Line)], dueSoon: [(CivilDate?, Line)], ledgers: [String: CaseLedger]) {
        let records = try await CaseRecord.query(on: app.db).filter(\.$association.$id == association.requireID()).all()
        var overdue: [(CivilDate?, Line)] = [], dueSoon: [(CivilDate?, Line)] = [], ledgers: [String: CaseLedger] = [:]
        for record in records {
            let kind = try #require(CaseKind(rawValue: record.kind))
            let docket = try await DocketStore.entries(of: record.requireID(), on: app.db)
            let rules = try await CaseRules.load(for: record, in: association, on: app.db, today: today)
            if MoneyReport.kinds.contains(kind) {
                let ledger = CaseLedger.build(docket, profile: rules.profile)
                if !ledger.postings.isEmpty { ledgers[record.number] = ledger }
            }
            guard !(CaseStatus(rawValue: record.status)?.isTerminal ?? false) else { continue }
            for d in rules.deadlines(kind: kind, docket: docket, asOf: today) {
                let line = Line(number: record.number, title: d.title, due: d.dueText, explanation: d.explanation)
                if d.status == .missed, d.satisfiedByEntryId == nil { overdue.append((d.dueOn, line)) }
                if d.status == .pending, let due = d.dueOn, due <= today.adding(days: 7) { dueSoon.append((d.dueOn, line)) }
            }
        }
        return (overdue, dueSoon, ledgers)
    }

    @Test func worklistMoneyAndQueueEqualAFullScan() async throws {
        try await withTestApp { app in
            _ = try await SyntheticSeed.run(cases: 400, slug: "synthetic", seed: 3, bcryptCost: 4, on: app.db) { _ in }
            let association = try #require(try await Association.query(on: app.db).filter(\.$slug == "synthetic").first())
            let today = try app.clock.today(for: association)
            let scope = AssociationScope(association: association, roles: [.staff])
            let actor = Actor(userID: UUID(), displayName: "PSA", email: "psa@synthetic", personID: nil,
                              rolesByAssociation: [try association.requireID(): [.staff]])
            let expected = try await Self.fullScan(app, association, today: today)
            let worklist = try await Worklist.build(in: scope, actor: actor, today: today, on: app.db)
            for (name, section, wanted) in [("overdue", worklist.overdue, expected.overdue), ("due soon", worklist.dueSoon, expected.dueSoon)] {
                #expect(section.total == wanted.count, "\(name)")
                // The same lines, and the first hundred in the same order of due date and case.
                let order = { (a: (CivilDate?, Line), b: (CivilDate?, Line)) in (a.0 ?? today, a.1.number) < (b.0 ?? today, b.1.number) }
                let first = wanted.sorted(by: order).prefix(Worklist.shown)
                #expect(section.lines.map(\.caseNumber) == first.map(\.1.number), "\(name)")
                let shown = Set(section.lines.map { Line(number: $0.caseNumber, title: $0.title, due: $0.dueText, explanation: $0.explanation) })
                #expect(shown.isSubset(of: Set(wanted.map(\.1))), "\(name)")
                if wanted.count <= Worklist.shown { #expect(shown == Set(wanted.map(\.1)), "\(name)") }
            }
            // The synthetic association has work overdue and due: a comparison of two empty lists would prove nothing.
            #expect(expected.overdue.count > 10)

            // Money: the totals over every case, and the pages together list every case with money, once, in order.
            var after: String?
            var listed: [MoneyReport.Line] = []
            repeat {
                let page = try await MoneyReport.load(in: scope, after: after, on: app.db)
                #expect(page.totals.cases == expected.ledgers.count)
                #expect(page.totals.held == expected.ledgers.values.reduce(0) { $0 + $1.balance(.depositsHeld) })
                #expect(page.totals.treasury == expected.ledgers.values.reduce(0) { $0 + $1.balance(.treasury) })
                listed += page.lines
                after = page.next
            } while after != nil
            #expect(listed.map(\.number) == expected.ledgers.keys.sorted())
            #expect(expected.ledgers.count > MoneyReport.pageSize)

            // The escrow register: every arbitration case that held escrow or a review deposit, with the same sums.
            let arbitration = expected.ledgers.filter { $0.key.hasPrefix("A-") }.filter { _, ledger in
                ledger.postings.contains { $0.to == .escrowHeld || $0.to == .reviewDepositHeld } }
            var registered: [String] = []
            after = nil
            repeat {
                let page = try await EscrowRegisterReport.load(in: scope, after: after, on: app.db)
                #expect(page.totals.cases == arbitration.count && page.totals.difference == 0)
                #expect(page.totals.held == arbitration.values.reduce(0) { $0 + $1.balance(.escrowHeld) })
                #expect(page.totals.reviewDeposits == arbitration.values.reduce(0) { $0 + $1.balance(.reviewDepositHeld) })
                registered += page.rows.map(\.caseNumber)
                after = page.next
            } while after != nil
            #expect(registered == arbitration.keys.sorted() && !registered.isEmpty)
        }
    }

    @Test func theQueuePagesThroughEveryComplaintOldestFirst() async throws {
        try await withTestApp { app in
            _ = try await SyntheticSeed.run(cases: 60, slug: "synthetic", seed: 5, bcryptCost: 4, on: app.db) { _ in }
            let association = try #require(try await Association.query(on: app.db).filter(\.$slug == "synthetic").first())
            // More complaints waiting for the Committee than a page holds, each appended as the app appends.
            let people = try await Person.query(on: app.db).filter(\.$association.$id == association.requireID()).limit(2).all()
            for index in 0..<130 {
                let (kind, docket) = SyntheticDockets.docket(index * 6, entries: 6, people: .init(complainant: try people[0].requireID(), respondent: try people[1].requireID()),
                                                             startOn: CivilDate("2026-01-05")!.adding(days: index % 40))
                let record = CaseRecord(associationID: try association.requireID(), kind: kind.rawValue, year: 2026, sequence: 900 + index,
                                        number: CaseNumber(kind: kind, year: 2026, sequence: 900 + index).description, title: "Waiting \(index)", status: "opened")
                try await record.create(on: app.db)
                let proposed = docket.map { ProposedEntry(type: $0.type, effectiveOn: $0.effectiveOn, payload: $0.payload) }
                try await DocketStore.append(proposed, to: record, by: nil, at: app.clock.now(), on: app.db)
            }
            _ = try await Fixture.login(app, email: "gc@synthetic.test", role: .grievance, in: association, person: nil)
            let waiting = try await CaseRecord.query(on: app.db).filter(\.$association.$id == association.requireID())
                .filter(\.$status == CaseStatus.underReview.rawValue).filter(\.$kind == CaseKind.ethics.rawValue).all()
                .sorted { ($0.openedOn ?? "", $0.number) < ($1.openedOn ?? "", $1.number) }.map(\.number)
            #expect(waiting.count > GrievanceController.queuePageSize)
            let browser = Browser(app)
            _ = try await browser.signIn("gc@synthetic.test")
            var url: String? = "/a/synthetic/gc-queue"
            var seen: [String] = []
            while let next = url {
                let page = try await browser.get(next)
                #expect(page.status == .ok)
                let body = page.body.string
                seen += body.matches(of: /<h2><a href="\/a\/synthetic\/cases\/([A-Z0-9-]+)#gc-decision">/).map { String($0.1) }
                url = body.firstMatch(of: /href="(\/a\/synthetic\/gc-queue\?after=[^"]+)">Next complaints/).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") }
            }
            #expect(seen == waiting)
        }
    }

    /// Every filter and every order of the API case list, paged a few at a time, equals filtering and sorting every case.
    @Test func filteredAndSortedPagesEqualAFullScan() async throws {
        try await withTestApp { app in
            _ = try await SyntheticSeed.run(cases: 240, slug: "synthetic", seed: 11, bcryptCost: 4, on: app.db) { _ in }
            let association = try #require(try await Association.query(on: app.db).filter(\.$slug == "synthetic").first())
            let staff = try await Fixture.login(app, email: "psa@synthetic.test", role: .staff, in: association, person: nil)
            let today = try app.clock.today(for: association)
            let records = try await CaseRecord.query(on: app.db).filter(\.$association.$id == association.requireID()).all()
            // Which cases have a window overdue or due this week, by deriving each docket (the old way).
            var overdue: Set<String> = [], week: Set<String> = []
            for record in records where !(CaseStatus(rawValue: record.status)?.isTerminal ?? false) {
                let docket = try await DocketStore.entries(of: record.requireID(), on: app.db)
                let rules = try await CaseRules.load(for: record, in: association, on: app.db, today: today)
                for d in rules.deadlines(kind: CaseKind(rawValue: record.kind)!, docket: docket, asOf: today) {
                    if d.status == .missed, d.satisfiedByEntryId == nil { overdue.insert(record.number) }
                    if d.status == .pending, let due = d.dueOn, due <= today.adding(days: 7) { week.insert(record.number) }
                }
            }
            #expect(!overdue.isEmpty && !week.isEmpty)
            // What the search and the Article and party filters find, read from every docket and every name.
            var dockets: [String: [DocketEntry]] = [:]
            for record in records { dockets[record.number] = try await DocketStore.entries(of: record.requireID(), on: app.db) }
            let people = Dictionary(uniqueKeysWithValues: try await Person.query(on: app.db).all().map { (try $0.requireID(), $0.fullName) })
            func parties(_ record: CaseRecord) -> [UUID] {
                CaseProjection.build(kind: CaseKind(rawValue: record.kind)!, docket: dockets[record.number]!).parties.map(\.personId)
            }
            func found(_ record: CaseRecord, _ query: String) -> Bool {
                let narratives = (dockets[record.number] ?? []).flatMap { e in ["narrative", "articles"].compactMap { e.payload[$0]?.textValue } }
                let words = ([record.number, record.title] + parties(record).compactMap { people[$0] } + narratives).flatMap(CaseSearchText.words)
                let wanted = CaseSearchText.words(query)
                return !wanted.isEmpty && wanted.allSatisfy { w in words.contains { $0.hasPrefix(w) } }
            }
            let someone = try #require(records.map(parties).flatMap { $0 }.reduce(into: [UUID: Int]()) { $0[$1, default: 0] += 1 }.max { $0.value < $1.value }?.key)
            let cited = { (record: CaseRecord, article: Int) in CitedArticles.current(dockets[record.number]!).contains(article) }
            let aNumber = records[records.count / 2].number
            let statuses = Set(records.map(\.status)).sorted()
            var filters: [(String, (CaseRecord) -> Bool)] = [("", { _ in true }), ("kind=ethics", { $0.kind == "ethics" }),
                                                             ("due=overdue", { overdue.contains($0.number) }), ("due=week", { week.contains($0.number) })]
            filters += statuses.prefix(3).map { status in ("status=\(status)", { $0.status == status }) }
            filters.append(("kind=ethics&due=overdue", { $0.kind == "ethics" && overdue.contains($0.number) }))
            filters += [12, 1, 16].map { article in ("article=\(article)", { cited($0, article) }) }
            filters.append(("party=\(someone.uuidString)", { parties($0).contains(someone) }))
            for query in ["roof", "ROOF Damage", "consumer", "no 1", "Flood zone", aNumber, "Rôof", "%%"] {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                filters.append(("q=\(encoded)", { found($0, query) }))
            }
            filters.append(("q=advertisement&article=12", { found($0, "advertisement") && cited($0, 12) }))
            // The search finds what a reader would expect, so the comparisons above compare something.
            #expect(records.filter { found($0, "roof") }.count > 3)
            #expect(records.filter { found($0, aNumber) }.map(\.number) == [aNumber])
            #expect(records.filter { cited($0, 12) }.count > 3 && records.filter { parties($0).contains(someone) }.count > 1)
            for (query, keep) in filters {
                for column in CaseListing.SortColumn.allCases {
                    for descending in [false, true] {
                        let sort = CaseListing.Sort(column: column, descending: descending)
                        let expected = records.filter(keep).sorted { a, b in
                            let (x, y) = (column.value(of: a), column.value(of: b))
                            return x == y ? (descending ? a.number > b.number : a.number < b.number) : (descending ? x > y : x < y)
                        }.map(\.number)
                        let url = "/api/v1/associations/synthetic/cases?limit=23&sort=\(sort.parameter)" + (query.isEmpty ? "" : "&\(query)")
                        let paged = try await RealUseTests.allPages(app, url, headers: staff).flatMap { $0.map(\.number) }
                        // Titles and statuses sort by the database's collation, which PostgreSQL may take from its locale.
                        if isPostgres && [.title, .status].contains(column) {
                            #expect(paged.sorted() == expected.sorted(), "\(url)")
                        } else {
                            #expect(paged == expected, "\(url)")
                        }
                    }
                }
            }
            // A value the list does not take is refused with what it takes.
            for bad in ["kind=dragons", "status=lost", "due=tomorrow", "sort=colour", "sort=--opened"] {
                let response = try await app.testing().sendRequest(.GET, "/api/v1/associations/synthetic/cases?\(bad)", headers: staff)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(response.body.string.contains("must be one of"), "\(bad)")
            }
            for (bad, code) in [("article=18", "bad_article"), ("article=0", "bad_article"), ("article=twelve", "bad_article"),
                                ("article=99999999999999999999", "bad_article"), ("party=someone", "bad_party")] {
                let response = try await app.testing().sendRequest(.GET, "/api/v1/associations/synthetic/cases?\(bad)", headers: staff)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(response.body.string.contains(code), "\(bad)")
            }
        }
    }
}
