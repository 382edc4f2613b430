import Foundation
import Testing
import Vapor
import VaporTesting
@testable import PSDeskApp

/// Issue 21, item 7: beyond loopback, cookies are `Secure` and HSTS is sent unless turned off, and an insecure
/// configuration does not start.
@Suite("Secure by default when serving beyond this machine")
struct SecureDefaultsTests {
    static func config(_ env: [String: String]) throws -> AppConfig {
        try AppConfig.fromEnvironment(["PSDESK_BCRYPT_COST": "12"].merging(env) { $1 })
    }

    @Test func loopbackKeepsTheSettingsAsGiven() throws {
        for host in ["127.0.0.1", "localhost", "::1", "[::1]"] {
            let served = try Self.config([:]).servingOn(host: host)
            #expect(!served.secureCookies && !served.hsts, "\(host)")
        }
    }

    @Test func beyondLoopbackCookiesAreSecureAndHSTSIsOnUnlessTurnedOff() throws {
        let https = ["PSDESK_PUBLIC_URL": "https://psdesk.example.org"]
        let served = try Self.config(https).servingOn(host: "0.0.0.0")
        #expect(served.secureCookies && served.hsts)
        let noHSTS = try Self.config(https.merging(["PSDESK_HSTS": "false"]) { $1 }).servingOn(host: "10.0.0.5")
        #expect(noHSTS.secureCookies && !noHSTS.hsts)
    }

    @Test func anInsecureConfigurationIsRefusedWithWhatToChange() throws {
        func refusal(_ env: [String: String], host: String = "0.0.0.0") -> String? {
            do { _ = try Self.config(env).servingOn(host: host); return nil } catch let error as ConfigError { return error.description } catch { return "\(error)" }
        }
        #expect(refusal([:])?.contains("PSDESK_PUBLIC_URL is http://127.0.0.1:8080: passwords and sessions would cross the network in the clear") == true)
        #expect(refusal(["PSDESK_PUBLIC_URL": "https://p.example.org", "PSDESK_SECURE_COOKIES": "false"])?.contains("PSDESK_SECURE_COOKIES=false") == true)
        #expect(refusal(["PSDESK_PUBLIC_URL": "https://p.example.org", "PSDESK_BCRYPT_COST": "4"])?.contains("PSDESK_BCRYPT_COST=4") == true)
        #expect(refusal(["PSDESK_PUBLIC_URL": "https://p.example.org", "PSDESK_SMTP_HOST": "smtp.example.org", "PSDESK_SMTP_SECURITY": "none",
                         "PSDESK_SMTP_USER": "u", "PSDESK_SMTP_PASSWORD": "p"])?.contains("in the clear") == true)
        // A closed network the operator trusts, said explicitly.
        #expect(refusal(["PSDESK_ALLOW_HTTP": "true"]) == nil)
        #expect(refusal(["PSDESK_HSTS": "maybe"], host: "127.0.0.1")?.contains("PSDESK_HSTS=maybe must be true or false") == true)
    }

    @Test func aServerBeyondLoopbackSetsSecureCookiesAndHSTS() async throws {
        try await withTestApp { app in
            _ = try await Fixture.make(app)
            var config = app.psdesk
            config.publicURL = "https://psdesk.example.org"
            config.bcryptCost = 12
            app.psdesk = try config.servingOn(host: "0.0.0.0")
            let browser = Browser(app)
            let page = try await browser.get("/login")
            #expect(page.headers.first(name: "Strict-Transport-Security") == "max-age=31536000; includeSubDomains")
            #expect(page.headers.setCookie?["psdesk_csrf"]?.isSecure == true)
            let signedIn = try await browser.post("/login", form: ["email": "staff@home.test", "password": Fixture.password, "next": ""])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers.setCookie?["psdesk_session"]?.isSecure == true)
        }
    }
}
