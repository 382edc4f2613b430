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
        // Likewise every docket entry's title, every state of a case, party role and kind of case, shown to a party.
        for type in DocketEntryType.allCases { #expect(english["entry_" + type.rawValue] == type.title, "\(type)") }
        for status in CaseStatus.allCases { #expect(english["caseStatus_" + status.rawValue] == status.label, "\(status)") }
        for role in PartyRole.allCases { #expect(english["role_" + role.rawValue] == role.label, "\(role)") }
        for kind in CaseKind.allCases { #expect(english["kind_" + kind.rawValue] == kind.label, "\(kind)") }
        let fields = DocketEntryType.allCases.flatMap(\.fields)
        for field in fields { #expect(english[Wording.fieldKey(field.plainLabel)] == field.plainLabel, "\(field.name)") }
        let stale = Set(english.keys.filter { $0.hasPrefix("field_") }).subtracting(fields.map { Wording.fieldKey($0.plainLabel) })
        #expect(stale.isEmpty, "labels no field has any more: \(stale.sorted())")
        // What a party's step did, in both languages, as the step itself says it in English.
        for step in [PartySteps.Reply.self, PartySteps.Respond.self, PartySteps.AppealDismissal.self, PartySteps.Withdraw.self, PartySteps.Amend.self] as [any CaseStep.Type] {
            #expect(english["done_" + step.name] == step.done, "\(step.name)")
        }
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
            #expect(try await pat.get("/account").body.string.contains("Your language"))
            #expect(try await pat.post("/account/language", form: ["language": "xx"]).status == .unprocessableEntity)
            #expect(try await pat.post("/account/language", form: ["language": "es"]).status == .seeOther)
            let chosen = try await Person.find(fixture.complainant.id, on: app.db)
            #expect(chosen?.language == "es")
            // Staff have no person: nothing to choose.
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            #expect(!(try await staff.get("/account")).body.string.contains("Your language"))

            let number = try await fixture.openEthicsCase()
            try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-27","payload":{"articles":"1","transactionConcludedOn":"2026-10-02"}}"#])
            try await fixture.acknowledge(number, on: "2026-11-27")
            let letter = try #require(try await LetterRecord.query(on: app.db).first())
            let subject = try letter.decoded().subject
            #expect(letter.language == "es" && subject == "Acuse de recibo de su queja")
        }
    }

    @Test func aSpanishSpeakingPartyReadsTheirCaseDashboardAndMessagesInSpanishAndStaffStayInEnglish() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            // The complainant's own language is Spanish (as filing in Spanish or the account page sets it); this browser chose none.
            let person = try #require(try await Person.find(fixture.complainant.id, on: app.db))
            person.language = "es"
            try await person.save(on: app.db)
            let number = try await fixture.openEthicsCase()
            try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1","transactionConcludedOn":"2026-10-01"}}"#])
            try await fixture.acknowledge(number, on: "2026-11-03")
            let casePath = "/a/home/cases/\(number)"
            let gc = Browser(app)
            _ = try await gc.signIn("gc@home.test")
            try await gc.get(casePath)
            #expect(try await gc.post("\(casePath)/gc-decision", form: ["decision": "dismiss", "reason": "unworthy"]).status == .seeOther)

            let pat = Browser(app)
            _ = try await pat.signIn("party@home.test")
            let page = try await pat.get(casePath).body.string
            #expect(page.contains("<html lang=\"es\">") && page.contains("Cerrar sesión") && page.contains(">English</a>"))
            // The step form, the party's time frame and why it falls where it does, the docket's entries, the case's state.
            #expect(page.contains("Apelar la desestimación (formulario E-22)") && page.contains("Apelar ante la Junta Directiva"))
            #expect(page.contains("Lo que le corresponde hacer") && page.contains("El demandante puede apelar la desestimación (Formulario E-22)"))
            #expect(page.contains("20 días desde el envío de la notificación «Desestimación de su queja»") && page.contains("días.</small>"))
            #expect(page.contains("Desestimada por el Comité de Quejas") && page.contains("Queja presentada") && page.contains("Expediente"))
            #expect(page.contains("Demandante") && page.contains("Registrado por"))
            // Each entry's fields and the choices recorded: the reason for the dismissal, the notice and how it was sent.
            #expect(page.contains("Artículos citados") && page.contains("no amerita más consideración") && page.contains("Enviado por"))
            #expect(page.contains("Desestimación de su queja") && page.contains("correo electrónico") && !page.contains("Articles cited"))
            #expect(!page.contains("Recorded by") && !page.contains("What is due from you") && !page.contains("Dismissed by the Grievance Committee"))

            // A refusal in Spanish, beside the form, with nothing typed lost; what the step did, in Spanish.
            let refused = try await pat.post("\(casePath)/appeal-dismissal", form: ["explanation": "  "])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Explique por qué cree que la desestimación fue un error"))
            #expect(try await pat.post("\(casePath)/appeal-dismissal", form: ["explanation": "El Comité leyó mal el anuncio."]).status == .seeOther)
            let after = try await pat.get(casePath).body.string
            #expect(after.contains("Su apelación de la desestimación quedó presentada") && after.contains("Desestimación apelada"))

            // The dashboard: the party's cases, their state and the layout.
            let dashboard = try await pat.get("/a/home").body.string
            #expect(dashboard.contains("Actividad reciente") && dashboard.contains("Desestimación apelada") && dashboard.contains(">Inicio<"))
            let list = try await pat.get("/a/home/cases").body.string
            #expect(list.contains("Buscar por número, título, parte o lo sucedido") && list.contains("Casos 1–1 de 1") && list.contains("Estado, Z–A"))

            // Messages: the page and a refused message in Spanish.
            #expect(try await pat.get("\(casePath)/messages").body.string.contains("Escribir al personal"))
            let me = try await pat.get("\(casePath)/messages").body.string
            let thread = try #require(me.firstMatch(of: /name="partyId" value="([^"]+)"/)?.output.1)
            let empty = try await pat.post("\(casePath)/messages", form: ["partyId": String(thread), "body": " "])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("Escriba su mensaje."))

            // English on request, remembered in this browser; the person's own language is unchanged.
            #expect(try await pat.get("\(casePath)?lang=en").body.string.contains("Dismissal appealed"))
            let english = try await pat.get(casePath).body.string
            #expect(english.contains("<html lang=\"en\">") && english.contains("Docket") && !english.contains("Expediente"))
            #expect(try await Person.find(fixture.complainant.id, on: app.db)?.language == "es")

            // Staff read the same case in English, whatever the party's language.
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            let staffPage = try await staff.get(casePath).body.string
            #expect(staffPage.contains("<html lang=\"en\">") && staffPage.contains("Dismissed by the Grievance Committee") && !staffPage.contains("Expediente"))
        }
    }

    /// Why a time frame falls where it does, worded in Spanish from the same values as the rules' English.
    @Test func theExplanationOfEachKindOfWindowIsWordedInSpanish() throws {
        let words = Wording(.es, catalog: try Self.catalog())
        let due = CivilDate("2026-12-21")!
        let window = DeadlineExplanation.window(days: 20, working: false, start: .receiptOf(notice: "dismissal", on: CivilDate("2026-12-01")!), due: due,
                                                outcome: .pending(daysLeft: 3))
        #expect(words.explanation(window) == "20 días desde la recepción de la notificación «Desestimación de su queja» el 2026-12-01 = 2026-12-21 (lun); quedan 3 días.")
        #expect(words.explanation(.window(days: 5, working: true, start: .entry(basis: .filed, title: "Complaint filed", on: CivilDate("2026-12-01")!), due: due,
                                          outcome: .done(on: CivilDate("2026-12-23")!, daysLate: 2, lateNote: nil)))
                == "5 días hábiles desde la presentación (queja presentada) el 2026-12-01 = 2026-12-21 (lun); cumplido el 2026-12-23, 2 días tarde.")
        #expect(words.explanation(.noticeAhead(sent: CivilDate("2026-12-01")!, days: 21, earliest: CivilDate("2026-12-22")!, hearingOn: due, rule: "a1.16"))
                .hasSuffix("1 días antes de lo debido (a1.16)."))
        #expect(words.explanation(.filing(days: 180, start: CivilDate("2026-06-01")!, factsKnownLater: true, counted: [], due: CivilDate("2026-11-28")!,
                                          received: CivilDate("2026-12-01")!, daysLate: 3, rule: "a1.2")).contains("3 días tarde"))
        #expect(words.explanation(.window(days: 5, working: false, start: .from(label: "the day challenges were due", date: CivilDate("2026-11-26")!),
                                          due: CivilDate("2026-12-01")!, outcome: .pending(daysLeft: nil)))
                == "5 días desde el día en que vencían las recusaciones, 2026-11-26 = 2026-12-01 (mar)")
        // English is the rules' own sentence.
        #expect(Wording(.en).explanation(window) == window.text)
    }

    @Test func aPartyChallengesAPanelMemberOnTheHearingPageInSpanish() async throws {
        try await withTestApp { app in
            let (_, _, psc, number) = try await HearingWalkthroughTests.stage(app)
            let page = "/a/home/cases/\(number)/hearing"
            let staff = Browser(app)
            _ = try await staff.signIn("staff@home.test")
            try await staff.get(page)
            #expect(try await staff.post("\(page)/panel-list", form: [:]).status == .seeOther)

            let complainant = Browser(app)
            complainant.language = "es"
            _ = try await complainant.signIn("casey-home@test")
            let shown = try await complainant.get(page).body.string
            #expect(shown.contains("<html lang=\"es\">") && shown.contains("Lista del comité enviada a las partes el"))
            #expect(shown.contains("Recusar a un miembro del comité por causa justificada") && shown.contains("Presentar la recusación"))
            #expect(shown.contains("Las partes pueden recusar a miembros del panel") && shown.contains("10 días desde el envío"))
            // Refused in Spanish with the rule it cites; the choice kept.
            let refused = try await complainant.post("\(page)/challenge", form: ["personId": psc.gamma.uuidString, "reason": "  "])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Indique la causa de la recusación. (norma a1.14)") && refused.body.string.contains("Este paso no se registró"))
            #expect(refused.body.string.contains("value=\"\(psc.gamma.uuidString)\" selected"))
            #expect(try await complainant.post("\(page)/challenge", form: ["personId": psc.gamma.uuidString, "reason": "Es el corredor de mi vecino."]).status == .seeOther)
            let after = try await complainant.get(page).body.string
            #expect(after.contains("Su recusación quedó presentada") && after.contains("pendiente del presidente") && after.contains("Recusaciones"))
            // Staff's page is English.
            #expect(try await staff.get(page).body.string.contains("awaiting the chair"))
        }
    }
}
