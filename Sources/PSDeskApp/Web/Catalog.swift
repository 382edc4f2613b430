import Vapor
import StandardsCore

/// Every string of the pages a member of the public or a party reads, in English and Spanish (issue 19): one file per
/// language in `Resources/Catalog/`, the same keys in both (a test holds them so, and holds every key a template uses
/// to be there). Keys are `page_thing` (Leaf reads them as `#(t.page_thing)`); `{name}` marks a value filled in.
struct Catalog: Sendable {
    let strings: [LetterLanguage: [String: String]]
    /// The layout's own strings (`common_…`) per language, picked out once: every page's layout carries them.
    let common: [LetterLanguage: [String: String]]

    init(strings: [LetterLanguage: [String: String]]) {
        self.strings = strings
        common = strings.mapValues { $0.filter { $0.key.hasPrefix("common_") } }
    }

    static func load(from directory: String) throws -> Catalog {
        var strings: [LetterLanguage: [String: String]] = [:]
        for language in LetterLanguage.allCases {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "\(language.rawValue).json"))
            strings[language] = try JSONDecoder().decode([String: String].self, from: data)
        }
        return Catalog(strings: strings)
    }

    /// The text in the language, or the English one if a key were missing there (the test keeps that from happening).
    func text(_ key: String, _ language: LetterLanguage, _ values: [String: String] = [:]) -> String {
        var text = strings[language]?[key] ?? strings[.en]?[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// Every string whose key starts with one of `prefixes`, in the language, with the values filled in: a page's `t`.
    func page(_ prefixes: [String], _ language: LetterLanguage, _ values: [String: String] = [:]) -> [String: String] {
        let english = strings[.en] ?? [:]
        var out: [String: String] = [:]
        for key in english.keys where prefixes.contains(where: { key.hasPrefix($0 + "_") }) {
            out[key] = text(key, language, values)
        }
        return out
    }
}

extension Catalog {
    /// The catalog shipped in `Resources/Catalog/`, read once; letters are composed where no request is at hand (a step's
    /// transaction), so they read it here. `configure` loads it first, so a missing file stops start-up.
    static let shared: Catalog = (try? load(from: DirectoryConfiguration.detect().resourcesDirectory + "Catalog/")) ?? Catalog(strings: [:])

    /// PSDesk's standard text of a notice's letter, in the language (version 0).
    func standardLetter(_ kind: NoticeKind, _ language: LetterLanguage) -> LetterTemplate {
        LetterTemplate(kind: kind, language: language, version: 0, subject: text("letter_\(kind.rawValue)_subject", language),
                       body: text("letter_\(kind.rawValue)_body", language))
    }
}

/// The catalog in one language, for code that words a letter.
struct Wording: Sendable {
    let catalog: Catalog
    let language: LetterLanguage
    init(_ language: LetterLanguage, catalog: Catalog = .shared) { self.catalog = catalog; self.language = language }
    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String { catalog.text(key, language, values) }
}

extension Application {
    var catalog: Catalog { Catalog.shared }
}

/// The language a public page is shown in: `?lang=es` (or `en`) chooses it and a cookie remembers it for a year;
/// English otherwise. The cookie, not a session, so an anonymous visitor leaves nothing on the server. (Letters follow
/// each person's own language, `Person.language`.)
struct LanguageChoice: AsyncMiddleware {
    static let cookie = "psdesk_lang"

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let asked = request.query[String.self, at: "lang"].flatMap(LetterLanguage.init(rawValue:))
        if let asked { request.storage[Key.self] = asked }
        let response = try await next.respond(to: request)
        if let asked { Self.remember(asked, on: response, for: request) }
        return response
    }

    /// Remembers the language in this browser for a year.
    static func remember(_ language: LetterLanguage, on response: Response, for request: Request) {
        response.cookies[cookie] = HTTPCookies.Value(string: language.rawValue, maxAge: 365 * 86_400, path: "/",
                                                     isSecure: request.application.psdesk.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    struct Key: StorageKey { typealias Value = LetterLanguage }
}

extension Request {
    /// The language chosen for this browser: `?lang=` now, or the cookie that remembers it; nil when none was chosen.
    var chosenLanguage: LetterLanguage? {
        if let chosen = storage[LanguageChoice.Key.self] { return chosen }
        return cookies[LanguageChoice.cookie].flatMap { LetterLanguage(rawValue: $0.string) }
    }

    /// The language of a public page (`LanguageChoice`): the one chosen, else English.
    var language: LetterLanguage { chosenLanguage ?? .en }
}

extension CivilDate {
    /// "November 30, 2026" or "30 de noviembre de 2026", as a letter dates itself.
    func written(in language: LetterLanguage) -> String {
        let (y, m, d) = components
        let words = Wording(language)
        return words("date_written", ["month": words("month_\(m)"), "day": String(d), "year": String(y)])
    }
}
