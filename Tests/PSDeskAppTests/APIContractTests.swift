import Foundation
import Testing
import Vapor
import VaporTesting
@testable import PSDeskApp

/// Issue 21, item 4: what schemathesis found, held in tests of its own.
@Suite("API contract: methods, repeated parameters, bodies, and a document that says all of it")
struct APIContractTests {
    @Test func aWrongMethodOnAnAPIPathIs405WithTheMethodsItTakes() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let response = try await app.testing().sendRequest(.DELETE, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test"))
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers.first(name: .allow) == "GET, POST")
            #expect(try response.content.decode(ErrorBody.self).error.code == "method_not_allowed")
            // A path that does not exist stays 404.
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/nowhere", headers: fixture.bearer("staff@home.test")).status == .notFound)
        }
    }

    @Test func aRepeatedParameterABlankYearAndAnUnknownScopeAreRefused() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let headers = fixture.bearer("staff@home.test")
            let repeated = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/reports/annual?scope=association&scope=agreement", headers: headers)
            #expect(repeated.status == .badRequest)
            #expect(try repeated.content.decode(ErrorBody.self).error.code == "repeated_parameter")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/home/reports/annual?year=", headers: headers).status == .badRequest)
            let scope = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/reports/annual?scope=null", headers: headers)
            #expect(scope.status == .badRequest)
            #expect(try scope.content.decode(ErrorBody.self).error.code == "report_scope_unknown")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/associations/home/reports/annual?scope=association", headers: headers).status == .ok)
        }
    }

    @Test func anEmptyMultipartBodyIsRefusedNotAServerError() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            var headers = fixture.bearer("staff@home.test")
            headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": "b"])
            let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/home/cases/\(number)/documents", headers: headers,
                                                               body: ByteBuffer(string: "--b--\r\n"))
            #expect(response.status.code >= 400 && response.status.code < 500)
        }
    }

    @Test func theDocumentSaysEveryAnswerAndLinksListsToItems() throws {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.document.utf8)) as? [String: Any])
        let paths = try #require(root["paths"] as? [String: [String: Any]])
        for (path, item) in paths where path != "/api/v1/openapi.json" {
            for method in ["get", "post"] {
                guard let operation = item[method] as? [String: Any], let responses = operation["responses"] as? [String: Any] else { continue }
                #expect(responses["400"] != nil, "\(method) \(path)")
                if operation["requestBody"] != nil { #expect(responses["415"] != nil, "\(method) \(path)") }
            }
        }
        let list = try #require((paths["/api/v1/associations/{association}/cases"]?["get"] as? [String: Any])?["responses"] as? [String: Any])
        let links = try #require((list["200"] as? [String: Any])?["links"] as? [String: Any])
        #expect((links["FirstCase"] as? [String: Any])?["operationId"] as? String == "showCase")
        // Text a request carries is described as free of control characters, as `TextGuard` holds it.
        #expect(OpenAPIDocument.document.contains(#""pattern" : "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*$""#))
        let download = try #require((paths["/api/v1/associations/{association}/cases/{number}/documents/{document}/content"]?["get"] as? [String: Any])?["responses"] as? [String: Any])
        #expect(((download["200"] as? [String: Any])?["content"] as? [String: Any])?["application/pdf"] != nil)
    }
}
