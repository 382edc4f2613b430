/// The rules PSDesk cites, read from the rule digests shipped with it (`Resources/Rules/*.md`): each id with its
/// section, its statement in plain words, the numbers it sets and where it comes from. Every rule id a person sees
/// links to its statement, so a party told "a1.16" can read what a1.16 says.
public struct RuleCatalog: Sendable {
    public struct Rule: Sendable, Equatable {
        public let id: String
        public let section: String
        public let statement: String
        public let numbers: String
        public let source: String
    }

    public let rules: [Rule]
    private let byID: [String: Rule]

    /// Parses the digests' tables (`| id | statement | numbers | source |` under `### section` headings).
    public init(markdown documents: [String]) {
        var rules: [Rule] = []
        for document in documents {
            var section = ""
            for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("### ") {
                    section = String(line.dropFirst(4))
                    // A section ("b.1 Arbitration — administrative time frames") is cited as a whole where no row fits.
                    let parts = section.split(separator: " ", maxSplits: 1).map(String.init)
                    if parts.count == 2, RuleCatalog.looksLikeID(parts[0]) {
                        rules.append(Rule(id: parts[0], section: section, statement: parts[1] + " (the whole section of the digest)", numbers: "", source: ""))
                    }
                    continue
                }
                guard line.hasPrefix("| ") else { continue }
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count >= 2, let id = cells.first, RuleCatalog.looksLikeID(id) else { continue }
                func clean(_ text: String) -> String { text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "") }
                rules.append(Rule(id: id, section: section, statement: clean(cells[1]), numbers: cells.count > 3 ? clean(cells[2]) : "",
                                  source: clean(cells.count > 3 ? cells[3] : cells.count > 2 ? cells[2] : "")))
            }
        }
        self.rules = rules
        self.byID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func rule(_ id: String) -> Rule? { byID[id] }

    /// "a1.16", "b8.2", "b.1": a letter, then digits and dots.
    static func looksLikeID(_ text: String) -> Bool {
        guard let first = text.first, first == "a" || first == "b", text.count <= 8 else { return false }
        let rest = text.dropFirst()
        return !rest.isEmpty && rest.allSatisfy { $0.isNumber || $0 == "." } && rest.contains(where: \.isNumber)
    }
}
