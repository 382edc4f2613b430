import Foundation

/// What a case is found by in the case list's search (issue 12): its number, title, parties' names and the narratives
/// on its docket, as words; and a typed query as the words it asks for. Both sides are cut into words here, the same
/// way for SQLite's FTS5 and PostgreSQL's full-text search, so the two engines find the same cases.
public enum CaseSearchText {
    /// Entries whose text is searched; an append of any other type leaves a case's search text as it was.
    public static let sourceTypes: Set<DocketEntryType> = [
        .caseOpened, .partyAdded, .partyRemoved, .complaintFiled, .complaintAmended, .gcAmended, .arbitrationRequested,
    ]
    /// The payload fields holding prose or what is cited.
    static let sourceFields = ["narrative", "summary", "nature", "articles"]
    /// A query's words beyond these are ignored: enough to name a case, never an unbounded match expression.
    public static let maximumQueryWords = 8

    /// The narratives and citations of the case as it stands (a corrected entry's text replaced by its correction).
    public static func narratives(_ docket: [DocketEntry]) -> [String] {
        CaseProjection.effectiveEntries(docket).filter { sourceTypes.contains($0.type) }.flatMap { entry in
            sourceFields.compactMap { entry.payload[$0]?.textValue }
        }
    }

    /// The text as lower-case words without accents, separated by single spaces: what is stored and matched.
    public static func words(_ text: String) -> [String] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init)
    }

    /// The stored search text of a case.
    public static func body(number: String, title: String, partyNames: [String], narratives: [String]) -> String {
        ([number, title] + partyNames + narratives).flatMap(words).joined(separator: " ")
    }

    /// The words of a typed query, each to match the start of a word of the case ("smi" finds "Smith"; "E-2025-00"
    /// finds the cases numbered E-2025-00…). Empty when the query has no letter or digit.
    public static func queryWords(_ query: String) -> [String] {
        Array(words(query).prefix(maximumQueryWords))
    }
}
