import Vapor
import StandardsCore

/// `psdesk deadlines FILE.json [--as-of DATE] [--json]`: the deadlines of a docket file (docs/docket.md).
struct DeadlinesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Docket JSON (docs/docket.md)") var file: String
        @Option(name: "as-of", help: "Evaluate as of this date (default: the file's asOf, else the last entry's date)") var asOf: String?
        @Flag(name: "json", help: "Print JSON instead of a table") var json: Bool
    }
    var help: String { "Print every deadline of a docket file with its rule and explanation" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let (file, docket, profile, calendar) = try RulesCommandSupport.load(signature.file, console: context.console)
        var asOf = file.asOf ?? docket.map(\.effectiveOn).max() ?? CivilDate(dayNumber: 0)
        if let text = signature.asOf {
            guard let date = CivilDate(text) else { context.console.error("--as-of must be YYYY-MM-DD"); throw CommandFailure(code: 2) }
            asOf = date
        }
        let deadlines = DeadlineDerivation.derive(DeadlineInput(kind: file.kind, profile: profile, calendar: calendar, docket: docket, asOf: asOf,
                                                                respondentNonMemberPeriods: file.respondentNonMemberPeriods ?? []))
        if signature.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            context.console.print(String(decoding: try encoder.encode(deadlines), as: UTF8.self))
            return
        }
        context.console.print("\(file.kind.label) under \(profile.name) (effective \(profile.effectiveFrom)), as of \(asOf)")
        for deadline in deadlines {
            let due = deadline.dueOn.map { "\($0) \($0.weekday.shortName)" } ?? deadline.earliestOn.map { "≥ \($0)" } ?? "—"
            context.console.print("\(due.padding(toLength: 15, withPad: " ", startingAt: 0)) \(deadline.status.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(deadline.rule.padding(toLength: 6, withPad: " ", startingAt: 0)) \(deadline.title)")
            context.console.print("    \(deadline.explanation)")
            if let note = deadline.closedDayNote { context.console.print("    note: \(note)") }
        }
    }
}

/// `psdesk check FILE.json REQUEST.json`: the verdict on a proposed entry, or on a whole step taken by the file's actor.
struct CheckCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Case file JSON (docs/case-file.md)") var file: String
        @Argument(name: "request", help: "An entry {type, effectiveOn, payload, corrects} or a step {step, effectiveOn, input}") var request: String
    }
    var help: String { "Say whether a proposed entry or step is allowed, what it would append, and which rule refuses it" }

    struct StepRequest: Decodable { var step: String; var effectiveOn: CivilDate?; var input: JSONValue? }

    func run(using context: CommandContext, signature: Signature) async throws {
        let (file, docket, profile, calendar) = try RulesCommandSupport.load(signature.file, console: context.console)
        let subject = CaseFileCheck.Case(file: file, docket: docket, profile: profile, calendar: calendar)
        guard let data = FileManager.default.contents(atPath: signature.request) else {
            context.console.error("Cannot read \(signature.request)")
            throw CommandFailure(code: 2)
        }
        let outcome: CaseFileCheck.Outcome
        if let step = try? JSONDecoder().decode(StepRequest.self, from: data) {
            let date = step.effectiveOn ?? file.asOf ?? docket.map(\.effectiveOn).max() ?? CivilDate(dayNumber: 0)
            outcome = CaseFileCheck.step(step.step, input: try JSONEncoder().encode(step.input ?? .object([:])), on: date, case: subject)
        } else {
            guard let raw = try? JSONDecoder().decode(DocketFile.Entry.self, from: data) else {
                context.console.error("\(signature.request) is neither an entry {\"type\":…, \"effectiveOn\":\"YYYY-MM-DD\", \"payload\":{…}} nor a step {\"step\":…, \"input\":{…}}")
                throw CommandFailure(code: 2)
            }
            guard let type = DocketEntryType(rawValue: raw.type) else {
                context.console.error("unknown entry type \"\(raw.type)\" (docs/docket.md lists them)")
                throw CommandFailure(code: 2)
            }
            outcome = CaseFileCheck.entries([ProposedEntry(type: type, effectiveOn: raw.effectiveOn, payload: raw.payload ?? [:], corrects: raw.corrects)],
                                            on: subject)
        }
        for warning in outcome.warnings { context.console.print("warning [\(warning.rule ?? "—")] \(warning.code): \(warning.message)") }
        guard outcome.allowed else {
            for refusal in outcome.refusals {
                context.console.print("\(outcome.forbidden ? "forbidden" : "refused") [\(refusal.rule ?? "—")] \(refusal.code): \(refusal.message)")
            }
            throw CommandFailure(code: 1)
        }
        context.console.print("allowed")
        for entry in outcome.entries {
            let notice = entry.notice.map { " (\($0.rawValue))" } ?? ""
            context.console.print("  would append \(entry.effectiveOn) \(entry.type.rawValue)\(notice)")
        }
    }
}

/// `psdesk profiles show NAME [--on DATE]`, `psdesk profiles validate FILE`.
struct ProfilesCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["show": ProfilesShow(), "validate": ProfilesValidate()] }
    var help: String { "Rule profiles (nar, obar) as JSON" }
}

struct ProfilesShow: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "name", help: "nar or obar") var name: String
        @Option(name: "on", help: "The version in force on this date") var on: String?
    }
    var help: String { "Print a profile as JSON" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let date = signature.on.flatMap(CivilDate.init) ?? CivilDate(year: 9999, month: 12, day: 31)!
        guard let profile = RuleProfiles.profile(named: signature.name, on: date) else {
            context.console.error("No profile \"\(signature.name)\"; known: \(Set(RuleProfiles.builtIn.map(\.name)).sorted().joined(separator: ", "))")
            throw CommandFailure(code: 2)
        }
        context.console.print(String(decoding: try RuleProfiles.encode(profile), as: UTF8.self))
    }
}

struct ProfilesValidate: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Profile JSON") var file: String
    }
    var help: String { "Check a profile file: every window present, numbers within the NAR caps, rule ids cited" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            context.console.error("Cannot read \(signature.file)")
            throw CommandFailure(code: 2)
        }
        do {
            let profile = try RuleProfiles.decode(data)
            context.console.print("\(signature.file): profile \(profile.name) effective \(profile.effectiveFrom) is valid (\(profile.windows.count) windows).")
        } catch let error as ProfileError {
            context.console.error("\(signature.file): \(error)")
            throw CommandFailure(code: 1)
        } catch {
            context.console.error("\(signature.file) is not a profile: \(error)")
            throw CommandFailure(code: 1)
        }
    }
}

enum RulesCommandSupport {
    static func load(_ path: String, console: Console) throws -> (DocketFile, [DocketEntry], RuleProfile, HolidayCalendar) {
        guard let data = FileManager.default.contents(atPath: path) else {
            console.error("Cannot read \(path)")
            throw CommandFailure(code: 2)
        }
        let file: DocketFile
        do {
            file = try JSONDecoder().decode(DocketFile.self, from: data)
        } catch {
            console.error("\(path) is not a docket file (docs/docket.md): \(error)")
            throw CommandFailure(code: 2)
        }
        switch file.resolve() {
        case .success(let (docket, profile, calendar)): return (file, docket, profile, calendar)
        case .failure(let error):
            console.error("\(path): \(error)")
            throw CommandFailure(code: 2)
        }
    }
}

/// `psdesk docs docket`: the entry and time-frame catalogs as Markdown (kept in docs/docket.md).
struct DocsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "topic", help: "docket") var topic: String
    }
    var help: String { "Print generated reference documentation (docket)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.topic == "docket" else { context.console.error("Known topics: docket"); throw CommandFailure(code: 2) }
        context.console.print(DocketCatalogDoc.markdown(), newLine: false)
    }
}
