/// Every web URL PSDesk links to, built in one place; templates receive finished strings.
enum Paths {
    static let login = "/login"
    static let logout = "/logout"
    static func dashboard(_ slug: String) -> String { "/a/\(slug)" }
    static func cases(_ slug: String) -> String { "/a/\(slug)/cases" }
    static func newCase(_ slug: String) -> String { "/a/\(slug)/cases/new" }
    static func caseDetail(_ slug: String, _ number: String) -> String { "/a/\(slug)/cases/\(number)" }
    static func caseEntries(_ slug: String, _ number: String) -> String { "/a/\(slug)/cases/\(number)/entries" }
    static func caseMessages(_ slug: String, _ number: String) -> String { "/a/\(slug)/cases/\(number)/messages" }
    static func caseDocuments(_ slug: String, _ number: String) -> String { "/a/\(slug)/cases/\(number)/documents" }
    static func document(_ slug: String, _ number: String, _ id: String) -> String { "/a/\(slug)/cases/\(number)/documents/\(id)" }
    static func members(_ slug: String) -> String { "/a/\(slug)/members" }
    static func notice(_ slug: String, _ number: String, _ entryID: String) -> String { "/a/\(slug)/cases/\(number)/notices/\(entryID)" }
}
