import Vapor
import StandardsCore

/// `/rules` and `/rules/{id}`: what each rule id PSDesk cites says, in plain words, with where it comes from.
/// Public: a party told "a1.16" by a letter or a page can read it without an account.
struct RulesController: RouteCollection {
    let catalog: RuleCatalog

    /// Reads the rule digests shipped in `Resources/Rules`.
    init(app: Application) throws {
        let folder = app.directory.resourcesDirectory + "Rules/"
        let files = (try FileManager.default.contentsOfDirectory(atPath: folder)).filter { $0.hasSuffix(".md") }.sorted()
        catalog = RuleCatalog(markdown: try files.map { try String(contentsOfFile: folder + $0, encoding: .utf8) })
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let sections: [Section]
        /// The rule asked for, shown first; nil on the index.
        let focus: Row?
        let unknown: String?
        struct Section: Encodable { let title: String; let rules: [Row] }
        struct Row: Encodable { let id: String; let statement: String; let numbers: String; let source: String }
    }

    func boot(routes: RoutesBuilder) throws {
        routes.get("rules", use: index)
        routes.get("rules", ":id", use: one)
    }

    func index(req: Request) async throws -> View {
        try await render(req, focus: nil, unknown: nil)
    }

    func one(req: Request) async throws -> Response {
        let id = req.parameters.get("id") ?? ""
        guard let rule = catalog.rule(id) else {
            return try await render(req, focus: nil, unknown: String(id.prefix(12))).encodeResponse(status: .notFound, for: req)
        }
        return try await render(req, focus: rule, unknown: nil).encodeResponse(for: req)
    }

    private func render(_ req: Request, focus: RuleCatalog.Rule?, unknown: String?) async throws -> View {
        func row(_ rule: RuleCatalog.Rule) -> Page.Row { .init(id: rule.id, statement: rule.statement, numbers: rule.numbers, source: rule.source) }
        var sections: [Page.Section] = []
        for rule in catalog.rules {
            if sections.last?.title != rule.section { sections.append(.init(title: rule.section, rules: [])) }
            sections[sections.count - 1] = .init(title: rule.section, rules: sections[sections.count - 1].rules + [row(rule)])
        }
        let title = focus.map { "Rule \($0.id)" } ?? "The rules PSDesk follows"
        return try await req.view.render("rules", Page(layout: LayoutContext(request: req, title: title), sections: sections,
                                                       focus: focus.map(row), unknown: unknown))
    }
}
