import Vapor
import Fluent
import StandardsCore

/// The association's citation schedule (S3 Appendix, a2.35): the version in force, the earlier and coming versions, and
/// for staff a form to record a new version from a day on (b9.4 holds it to the model). Only an association whose
/// profile adopts citations has one (b9.1).
struct CitationScheduleController: RouteCollection {
    let sessions: Middleware
    init(app: Application) { sessions = app.webSessions }

    func boot(routes: RoutesBuilder) throws {
        let citations = routes.grouped(sessions, ErrorRendering(), SessionAuthentication(), CSRFProtection(), RequireActor())
            .grouped("a", ":association", "citations")
        citations.get(use: page)
        citations.post("schedule", use: record)
        citations.get("statistics.csv", use: statisticsCSV)
    }

    /// The Directors' figures as CSV (S3 9.4.6): a row per year and violation cited, counts only.
    func statisticsCSV(req: Request) async throws -> Response {
        let (scope, _) = try await req.associationScope()
        guard AccessPolicy.allows(roles: scope.roles, .viewCitationStatistics) else { throw AppError.forbidden }
        var rows = [["year", "issued", "paid", "hearing_requested", "fines_paid_cents", "violation", "cited"]]
        for year in try await CitationStatisticsLoader.load(in: scope.id, on: req.db).years {
            let counts: [Int] = [year.year, year.issued, year.paid, year.hearingRequested, year.finesPaidCents]
            rows.append(counts.map(String.init) + ["", ""])
            for (violation, cited) in year.byViolation.sorted(by: { $0.key < $1.key }) { rows.append([String(year.year), "", "", "", "", violation, String(cited)]) }
        }
        return CSVText.download(rows, filename: "citation-statistics-\(scope.association.slug).csv")
    }

    /// A schedule as the pages show it (staff's page, the public filing page), in the reader's language.
    struct Shown: Encodable {
        let effective: String
        let entries: [Entry]
        let levels: [Level]
        /// The table's headings (`schedule_…`).
        let t: [String: String]
        struct Entry: Encodable { let id: String; let level: Int }
        struct Level: Encodable { let level: Int; let label: String; let offenses: [Offense] }
        struct Offense: Encodable { let label: String; let terms: String }

        init(_ schedule: CitationSchedule, words: Wording = Wording(.en)) {
            effective = schedule.effectiveOn.map { words("schedule_inForce", ["date": $0.description]) } ?? words("schedule_model")
            entries = schedule.entries.map { .init(id: $0.id, level: $0.level.rawValue) }
            levels = CitationLevel.allCases.map { level in
                .init(level: level.rawValue, label: words("schedule_levelNumber", ["level": String(level.rawValue)]), offenses: (1...3).map { offense in
                    let (fine, training) = schedule.charge(level, offense: offense)
                    return .init(label: words("schedule_offense\(offense)"),
                                 terms: training == .none ? Money.format(fine) : "\(Money.format(fine)) (\(words("schedule_training_" + training.rawValue)))")
                })
            }
            t = words.catalog.page(["schedule"], words.language, ["effective": effective])
        }
    }

    struct Page: Encodable {
        let layout: LayoutContext
        /// The Directors' figures, without names (S3 9.4.6); nil for whoever may not see them.
        let statistics: [StatisticsYear]?
        let schedule: Shown
        let versions: [Version]
        let form: Form?
        let said: [String]
        struct Version: Encodable { let effectiveOn: String; let recordedBy: String; let state: String }
        struct StatisticsYear: Encodable {
            let year: Int; let issued: Int; let paid: Int; let hearingRequested: Int; let finesPaid: String; let violations: String
            /// The chart's bars, in percent of the most issued in a year.
            let issuedWidth: Int; let paidWidth: Int
        }
        struct Form: Encodable {
            let url: String
            let effectiveOn: String
            let entries: String
            let levels: [LevelInputs]
            let errors: [String: String]
            let errorCount: Int
        }
        struct LevelInputs: Encodable {
            let level: Int
            let cells: [Cell]
            let error: String?
            struct Cell: Encodable { let offense: Int; let fine: String; let trainings: [Option] }
            struct Option: Encodable { let value: String; let label: String; let selected: Bool }
        }
    }

    /// What staff typed, kept whole so a refused form loses nothing.
    struct Typed {
        var effectiveOn = ""
        var entries = ""
        /// "1-1" (level-offense) → dollars, and → training.
        var fines: [String: String] = [:]
        var trainings: [String: String] = [:]

        init(_ schedule: CitationSchedule, effectiveOn: String) {
            self.effectiveOn = effectiveOn
            entries = schedule.entries.map { "\($0.id) = \($0.level.rawValue)" }.joined(separator: "\n")
            for level in CitationLevel.allCases {
                let terms = schedule.terms(level)
                for offense in 1...3 {
                    fines["\(level.rawValue)-\(offense)"] = Money.format(terms.fines[offense - 1])
                    trainings["\(level.rawValue)-\(offense)"] = terms.training[offense - 1].rawValue
                }
            }
        }

        /// The form's fields, read from one decode of the body (`FormText`).
        init(_ req: Request) {
            let sent = (try? req.content.decode(FormText.self))?.values ?? [:]
            effectiveOn = sent["effectiveOn"] ?? ""
            entries = sent["entries"] ?? ""
            for level in 1...3 {
                for offense in 1...3 {
                    fines["\(level)-\(offense)"] = sent["fine\(level)-\(offense)"] ?? ""
                    trainings["\(level)-\(offense)"] = sent["training\(level)-\(offense)"] ?? ""
                }
            }
        }
    }

    func page(req: Request) async throws -> View {
        try await render(req, typed: nil, errors: [:], said: Flash.takeSaid(req))
    }

    private func render(_ req: Request, typed: Typed?, errors: [String: String], said: [String]) async throws -> View {
        let (scope, actor) = try await req.associationScope()
        let today = try req.today(for: scope.association)
        guard scope.association.adoptsCitations(on: today) else {
            throw AppError(.notFound, code: "citations_not_adopted", message: "This association has not adopted a citation policy.", rule: .b9_1)
        }
        let versions = try await CitationScheduleVersion.query(on: req.db).filter(\.$association.$id == scope.id).sort(\.$effectiveOn).all()
        let schedules = versions.compactMap(\.schedule)
        let inForce = CitationSchedules.inForce(on: today, versions: schedules)
        let rows = versions.map { version in
            let state = version.effectiveOn > today.description ? "coming" : (version.effectiveOn == inForce.effectiveOn?.description ? "in force" : "earlier")
            return Page.Version(effectiveOn: version.effectiveOn, recordedBy: version.recordedBy, state: state)
        }
        var form: Page.Form?
        if AccessPolicy.allows(roles: scope.roles, .manageCitations) {
            let values = typed ?? Typed(inForce, effectiveOn: today.description)
            form = Page.Form(url: "/a/\(scope.association.slug)/citations/schedule", effectiveOn: values.effectiveOn, entries: values.entries,
                             levels: CitationLevel.allCases.map { level in
                                 .init(level: level.rawValue, cells: (1...3).map { offense in
                                     let key = "\(level.rawValue)-\(offense)"
                                     return .init(offense: offense, fine: values.fines[key] ?? "", trainings: CitationTraining.allCases.map {
                                         .init(value: $0.rawValue, label: $0.label, selected: values.trainings[key] == $0.rawValue)
                                     })
                                 }, error: errors["level\(level.rawValue)"])
                             }, errors: errors, errorCount: errors.count)
        }
        var statistics: [Page.StatisticsYear]?
        if AccessPolicy.allows(roles: scope.roles, .viewCitationStatistics) {
            let years = try await CitationStatisticsLoader.load(in: scope.id, on: req.db).years
            let most = years.map { (year: CitationStatistics.Year) in year.issued }.max() ?? 0
            statistics = years.map { year in
                .init(year: year.year, issued: year.issued, paid: year.paid, hearingRequested: year.hearingRequested, finesPaid: Money.format(year.finesPaidCents),
                      violations: year.byViolation.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key): \($0.value)" }.joined(separator: " · "),
                      issuedWidth: ReportsController.width(year.issued, of: most), paidWidth: ReportsController.width(year.paid, of: most))
            }
        }
        return try await req.view.render("citations/index", Page(
            layout: try await LayoutContext.make(req, "Citations", scope: scope, actor: actor), statistics: statistics,
            schedule: Shown(inForce), versions: rows.reversed(), form: form, said: said))
    }

    func record(req: Request) async throws -> Response {
        let (scope, actor) = try await req.associationScope()
        guard AccessPolicy.allows(roles: scope.roles, .manageCitations) else { throw AppError.forbidden }
        let today = try req.today(for: scope.association)
        let typed = Typed(req)
        var errors: [String: String] = [:]
        let effectiveOn = CivilDate(typed.effectiveOn.trimmingCharacters(in: .whitespaces))
        if let day = effectiveOn {
            if day < today {
                errors["effectiveOn"] = "A new version takes effect today or later: citations already issued keep the schedule they were issued under (a2.35)."
            } else if day > today.adding(months: 24) {
                errors["effectiveOn"] = "Choose a day within two years."
            } else if try await CitationScheduleVersion.query(on: req.db).filter(\.$association.$id == scope.id)
                        .filter(\.$effectiveOn == day.description).first() != nil {
                errors["effectiveOn"] = "A version already takes effect on \(day); choose another day."
            }
        } else {
            errors["effectiveOn"] = "Give the day this version takes effect (YYYY-MM-DD)."
        }
        var levels: [String: CitationLevel] = [:]
        var unreadable: [String] = []
        for line in typed.entries.split(whereSeparator: \.isNewline) {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let level = Int(parts[1]).flatMap(CitationLevel.init(rawValue:)) else {
                unreadable.append(String(text.prefix(40)))
                continue
            }
            levels[parts[0]] = level
        }
        if !unreadable.isEmpty {
            errors["entries"] = "Write each line as \"12-7 = 1\" (the Standard of Practice or Article, then its level 1, 2 or 3): \(unreadable.joined(separator: "; "))."
        }
        var terms: [String: CitationSchedule.Terms] = [:]
        for level in CitationLevel.allCases {
            var fines: [Int] = []
            var training: [CitationTraining] = []
            for offense in 1...3 {
                let key = "\(level.rawValue)-\(offense)"
                let fine = Money.cents(typed.fines[key]?.trimmingCharacters(in: .whitespaces) ?? "")
                if fine == nil { errors["level\(level.rawValue)"] = "Give each fine in dollars, like 250 or 250.00." }
                fines.append(fine ?? 0)
                training.append(CitationTraining(rawValue: typed.trainings[key] ?? "") ?? .none)
            }
            terms[String(level.rawValue)] = .init(fines: fines, training: training)
        }
        let schedule = CitationSchedule(effectiveOn: effectiveOn, levels: levels, terms: terms)
        for (field, refusal) in schedule.problems() where errors[field] == nil { errors[field] = refusal.message }
        guard errors.isEmpty else {
            return try await render(req, typed: typed, errors: errors, said: []).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let version = try CitationScheduleVersion(associationID: scope.id, schedule: schedule, recordedBy: actor.displayName)
        try await version.create(on: req.db)
        req.logger.info("citation schedule recorded", metadata: ["association": .string(scope.association.slug), "effectiveOn": .string(version.effectiveOn)])
        Flash.said(req, "The schedule effective \(version.effectiveOn) was recorded: citations issued from that day use it; earlier ones keep theirs.")
        return req.redirect(to: "/a/\(scope.association.slug)/citations#schedule", redirectType: .normal)
    }
}
