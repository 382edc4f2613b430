import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

@Suite("Spanish: one catalog for the public pages, complete in both languages (issue 19)")
struct SpanishTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func catalog() throws -> Catalog { try Catalog.load(from: root.appendingPathComponent("Resources/Catalog/").path + "/") }

    @Test func noKeyIsMissingInEitherLanguageAndEveryKeyATemplateUsesExists() throws {
        let catalog = try Self.catalog()
        let english = try #require(catalog.strings[.en]), spanish = try #require(catalog.strings[.es])
        #expect(Set(english.keys) == Set(spanish.keys), "missing in Spanish: \(Set(english.keys).subtracting(spanish.keys).sorted()); in English: \(Set(spanish.keys).subtracting(english.keys).sorted())")
        #expect(english.filter { $0.value.trimmingCharacters(in: .whitespaces).isEmpty }.isEmpty && spanish.filter { $0.value.trimmingCharacters(in: .whitespaces).isEmpty }.isEmpty)
        // The same placeholders on both sides: a translation never drops the case number or the association.
        for (key, text) in english {
            let names = { (t: String) in Set(t.matches(of: /\{([a-zA-Z]+)\}/).map { String($0.output.1) }) }
            #expect(names(text) == names(spanish[key] ?? ""), "\(key)")
        }
        // Every `#(t.key)` and `#(layout.t.key)` in the templates is in the catalog.
        let views = Self.root.appendingPathComponent("Resources/Views")
        var used: Set<String> = []
        for case let file as URL in FileManager.default.enumerator(at: views, includingPropertiesForKeys: nil)! where file.pathExtension == "leaf" {
            let text = try String(contentsOf: file, encoding: .utf8)
            used.formUnion(text.matches(of: /[(.]t\.([a-zA-Z0-9_]+)\)/).map { String($0.output.1) })
        }
        #expect(used.count > 60)
        #expect(used.subtracting(english.keys).isEmpty, "used but not in the catalog: \(used.subtracting(english.keys).sorted())")
        // The catalog's English title of each time frame is the rules' own (`DeadlineKey.title`), so the two never drift.
        for key in DeadlineKey.allCases { #expect(english["deadline_" + key.rawValue] == key.title, "\(key)") }
        // Every notice has its standard letter in both languages.
        for kind in NoticeKind.allCases {
            #expect(english["letter_\(kind.rawValue)_subject"] != nil && spanish["letter_\(kind.rawValue)_body"] != nil, "\(kind)")
        }
        // Every problem the filing form can name has its words.
        for code in ["firstName", "lastName", "email", "respondents", "articlesNone", "articlesChoose", "articlesUnknown", "articlesNarrative", "concluded",
                     "future", "factsKnown", "informalProcess", "informalStarted", "informalEnded", "informalOrder", "signature"] {
            #expect(english["file_error_" + code] != nil && spanish["file_error_" + code] != nil, "\(code)")
        }
    }

    @Test func theSpanishFormIsShownRememberedRefusedInSpanishAndFiled() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let filing = PublicFilingTests()
            let browser = Browser(app)
            let chosen = try await browser.get("/file/home?lang=es")
            #expect(chosen.status == .ok && chosen.body.string.contains("<html lang=\"es\">") && chosen.body.string.contains("Presentar una queja ética"))
            #expect(chosen.body.string.contains("Artículo 2 — no tergiversar ni ocultar hechos") && chosen.body.string.contains(">English</a>"))
            let cookie = try #require(chosen.headers.setCookie?[LanguageChoice.cookie])
            #expect(cookie.string == "es" && cookie.isHTTPOnly)
            // Remembered: the next page without `?lang` is in Spanish too.
            #expect(try await browser.get("/track").body.string.contains("Siga su caso"))
            _ = try await browser.get("/file/home")

            // Refused in Spanish, beside each field, with what was typed kept.
            var fields = PublicFilingTests.good
            fields["firstName"] = ""
            fields["article1"] = "19"
            fields["narrative1"] = "La casa estaba en zona inundable y el anuncio decía que no."
            let refused = try await filing.post(browser, "/file/home", fields: fields)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Escriba su nombre.") && refused.body.string.contains("El Artículo 19 no existe"))
            #expect(refused.body.string.contains("Corrija los 2 campos marcados abajo") && refused.body.string.contains("zona inundable"))

            fields["firstName"] = "Pilar"
            fields["article1"] = "2"
            fields["email"] = "pilar@example.com"
            let filed = try await filing.post(browser, "/file/home", fields: fields)
            #expect(filed.status == .seeOther)
            let receipt = try await browser.get("/file/home/received")
            #expect(receipt.body.string.contains("recibida") && receipt.body.string.contains("Su clave de acceso al caso"))
            #expect(receipt.body.string.contains("Cree una cuenta para pilar@example.com"))
            // Following the case with its key: the tracking page names each time frame and its state in Spanish.
            let body = receipt.body.string
            let key = try #require(body.range(of: "<code id=\"access-key\">").map { String(body[$0.upperBound...].prefix { $0 != "<" }) })
            let number = try #require(body.firstMatch(of: /E-\d{4}-\d{4}/).map { String($0.output) })
            #expect(try await browser.post("/track", form: ["number": number, "key": key]).status == .seeOther)
            let tracked = try await browser.get("/track/case/\(try #require(try await CaseRecord.query(on: app.db).filter(\.$number == number).first()?.requireID()).uuidString)")
            #expect(tracked.body.string.contains("Queja presentada dentro de los 180 días") && tracked.body.string.contains(">Plazo<"))
            // The filer's letters will be in Spanish.
            let pilar = try #require(try await Person.query(on: app.db).filter(\.$email == "pilar@example.com").first())
            #expect(pilar.language == "es")
            // Her letters are in Spanish: the acknowledgment (a1.5) is Spanish text, words and date, and its PDF says so.
            try await fixture.acknowledge(number, on: "2026-11-30")
            let letter = try #require(try await LetterRecord.query(on: app.db).filter(\.$language == "es").first())
            let content = try letter.decoded()
            #expect(letter.language == "es" && content.subject == "Acuse de recibo de su queja" && content.date == "30 de noviembre de 2026")
            #expect(LetterText.plain(content).contains("Estimado/a Pilar Public:") && LetterText.plain(content).contains("Atentamente,"))
            let mail = try #require(try await OutboxMessage.query(on: app.db).filter(\.$letterID == letter.id).first())
            #expect(mail.subject.hasPrefix("Acuse de recibo de su queja") && mail.htmlBody.contains("lang=\"es\""))
            let pdf = try await LetterPrinting.document(for: letter, app: app)
            let text = try pdfText(try DocumentStorage(root: app.psdesk.blobDirectory).read(pdf.sha256))
            #expect(text.contains("Acuse de recibo de su queja") && text.contains("Página 1 de 1"))

            // Staff keep the Spanish templates apart: a Spanish edit is version 1 in Spanish only.
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            #expect(try await staff.get("/a/home/letters?in=es").body.string.contains("Acuse de recibo de su queja"))
            let saved = try await staff.post("/a/home/letters/acknowledgment", form: ["subject": "Hemos recibido su queja", "body": "Gracias por escribirnos.", "action": "save", "in": "es"])
            #expect(saved.status == .seeOther)
            #expect(try await LetterTemplates.current(.acknowledgment, language: .es, in: fixture.home.requireID(), on: app.db).subject == "Hemos recibido su queja")
            #expect(try await LetterTemplates.current(.acknowledgment, language: .en, in: fixture.home.requireID(), on: app.db).version == 0)
            // And English again on request.
            #expect(try await browser.get("/file/home?lang=en").body.string.contains("File an ethics complaint"))
        }
    }

    @Test func aPartyChoosesSpanishOnTheAccountPageAndTheNextLetterIsSpanish() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let pat = Browser(app)
            _ = try await pat.signIn("party@home.test")
            #expect(try await pat.get("/account").body.string.contains("Language of your letters"))
            #expect(try await pat.post("/account/language", form: ["language": "xx"]).status == .unprocessableEntity)
            #expect(try await pat.post("/account/language", form: ["language": "es"]).status == .seeOther)
            let chosen = try await Person.find(fixture.complainant.id, on: app.db)
            #expect(chosen?.language == "es")
            // Staff have no person: nothing to choose.
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            #expect(!(try await staff.get("/account")).body.string.contains("Language of your letters"))

            let number = try await fixture.openEthicsCase()
            try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-27","payload":{"articles":"1","transactionConcludedOn":"2026-10-02"}}"#])
            try await fixture.acknowledge(number, on: "2026-11-27")
            let letter = try #require(try await LetterRecord.query(on: app.db).first())
            let subject = try letter.decoded().subject
            #expect(letter.language == "es" && subject == "Acuse de recibo de su queja")
        }
    }
}
