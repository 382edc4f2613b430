/// Renders the docket entry catalog and the deadline catalog as Markdown for docs/docket.md, so the
/// document is generated from the one place the types are defined (`psdesk docs docket`).
public enum DocketCatalogDoc {
    public static func markdown() -> String {
        var lines = ["## Entry types", "", "| type | title | rule | case kinds | payload fields |", "|---|---|---|---|---|"]
        for type in DocketEntryType.allCases {
            let kinds = type.kinds.map { $0.map(\.rawValue).sorted().joined(separator: ", ") } ?? "any"
            let fields = type.fields.map { field -> String in
                let kind: String
                switch field.type {
                case .text: kind = "text"
                case .date: kind = "date"
                case .cents: kind = "cents"
                case .uuid: kind = "person id"
                case .timestamp: kind = "timestamp"
                case .choice(let options): kind = options.joined(separator: " / ")
                }
                return "`\(field.name)` (\(kind)\(field.required ? "" : ", optional"))"
            }.joined(separator: "; ")
            lines.append("| `\(type.rawValue)` | \(type.title) | \(type.rule?.id ?? "") | \(kinds) | \(fields.isEmpty ? "—" : fields) |")
        }
        lines += ["", "## Time frames", "", "| key | time frame | nar | obar |", "|---|---|---|---|"]
        func describe(_ rule: WindowRule?) -> String {
            guard let rule else { return "—" }
            return "\(rule.days) \(rule.count == .working ? "working " : "")days from \(rule.basis.rawValue) (\(rule.rule))"
        }
        for key in DeadlineKey.allCases {
            lines.append("| `\(key.rawValue)` | \(key.title) | \(describe(RuleProfiles.nar.window(key))) | \(describe(RuleProfiles.obar.window(key))) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
