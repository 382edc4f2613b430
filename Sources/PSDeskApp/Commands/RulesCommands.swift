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

/// `psdesk docs docket|rules`: the entry and time-frame catalogs, or every rule with where the code enforces it and which
/// tests cover it, as Markdown (kept in docs/docket.md and docs/rules.md).
struct DocsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "topic", help: "docket or rules") var topic: String
    }
    var help: String { "Print generated reference documentation (docket, rules)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        switch signature.topic {
        case "docket": context.console.print(DocketCatalogDoc.markdown(), newLine: false)
        case "rules": context.console.print(RuleCitations.markdown(in: FileManager.default.currentDirectoryPath), newLine: false)
        default:
            context.console.error("Known topics: docket, rules")
            throw CommandFailure(code: 2)
        }
    }
}

/// Where each rule is cited: the source files that cite it (by constant, `.a1_16`, or by id) and the test files that
/// name it. Read from a source checkout; a binary run elsewhere lists the rules alone.
enum RuleCitations {
    static func markdown(in root: String) -> String {
        let sources = files(under: root + "/Sources"), tests = files(under: root + "/Tests")
        var lines = ["# Rules and where they are enforced", "",
                     "Generated by `psdesk docs rules` from `RuleID` (the digests in `Resources/Rules/`) and the source tree.",
                     "A rule id in code is a constant (`RuleID.a1_16`); an unknown one does not compile.", "",
                     "| rule | title | enforced in | tests |", "|---|---|---|---|"]
        for rule in RuleID.all {
            func citing(_ files: [(String, String)]) -> String {
                let constant = "." + rule.id.replacingOccurrences(of: ".", with: "_")
                let names = files.filter { _, text in containsToken(text, rule.id) || containsToken(text, constant) }.map(\.0)
                return names.isEmpty ? "—" : names.map { "`\($0)`" }.joined(separator: ", ")
            }
            lines.append("| \(rule.id) | \(rule.title.replacingOccurrences(of: "|", with: "/")) | \(citing(sources)) | \(citing(tests)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` contains `token` standing alone: not inside a longer id (`a1.1` is not `a1.10`, `.a1_1` is not `.a1_16`).
    static func containsToken(_ text: String, _ token: String) -> Bool {
        var search = text[...]
        while let range = search.range(of: token) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let afterNext = after == nil || range.upperBound == text.endIndex ? nil : text.index(after: range.upperBound) == text.endIndex ? nil
                : text[text.index(after: range.upperBound)]
            let joinsBefore = before.map { $0.isLetter || $0.isNumber } ?? false
            let joinsAfter = after.map { $0.isNumber || $0 == "_" } ?? false || (after == "." && (afterNext?.isNumber ?? false))
            if !joinsBefore && !joinsAfter { return true }
            search = text[range.upperBound...]
        }
        return false
    }

    static func files(under folder: String) -> [(String, String)] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var out: [(String, String)] = []
        for case let path as String in walker where path.hasSuffix(".swift") && !path.hasSuffix("RuleIDs.swift") {
            if let text = try? String(contentsOfFile: folder + "/" + path, encoding: .utf8) { out.append(((path as NSString).lastPathComponent, text)) }
        }
        return out.sorted { $0.0 < $1.0 }
    }
}
