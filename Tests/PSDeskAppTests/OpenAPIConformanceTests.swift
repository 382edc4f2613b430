import Foundation
import Testing
import Vapor
import VaporTesting
@testable import PSDeskApp
import StandardsCore

/// Real responses against the schemas the OpenAPI document gives for them (issue 11 item 6): an integration generated
/// from `/api/v1/openapi.json` reads what the server actually sends, successes and refusals alike.
@Suite("OpenAPI: real responses match the documented schemas")
struct OpenAPIConformanceTests {
    /// A small JSON Schema reader: type (or types), required, properties, items, enum and `$ref` into components.
    struct Validator {
        let components: [String: Any]

        func problems(_ value: JSONValue, against schema: [String: Any], at path: String) -> [String] {
            if let ref = schema["$ref"] as? String {
                let name = ref.components(separatedBy: "/").last ?? ""
                guard let target = components[name] as? [String: Any] else { return ["\(path): unknown $ref \(ref)"] }
                return problems(value, against: target, at: path)
            }
            var out: [String] = []
            let types: [String] = (schema["type"] as? [String]) ?? ((schema["type"] as? String).map { [$0] } ?? [])
            if !types.isEmpty, !types.contains(where: { Self.matches(value, $0) }) {
                return ["\(path): \(value) is not \(types.joined(separator: " or "))"]
            }
            if let choices = schema["enum"] as? [Any], case .string(let text) = value, !choices.contains(where: { ($0 as? String) == text }) {
                out.append("\(path): \"\(text)\" is not one of the documented values")
            }
            if case .object(let object) = value {
                for key in (schema["required"] as? [String]) ?? [] where object[key] == nil { out.append("\(path).\(key): required but missing") }
                for (key, sub) in (schema["properties"] as? [String: Any]) ?? [:] {
                    if let child = object[key], let sub = sub as? [String: Any] { out += problems(child, against: sub, at: "\(path).\(key)") }
                }
            }
            if case .array(let array) = value, let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { out += problems(item, against: items, at: "\(path)[\(index)]") }
            }
            return out
        }

        static func matches(_ value: JSONValue, _ type: String) -> Bool {
            switch (type, value) {
            case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object): return true
            case ("integer", .number(let n)): return n == n.rounded()
            default: return false
            }
        }
    }

    @Test func everyResponseOfAWalkedCaseMatchesItsSchema() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            try await fixture.forward(number)
            let staff = fixture.bearer("staff@home.test")
            let documentResponse = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: documentResponse.body)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let components = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let errorSchema = try #require(components["Error"] as? [String: Any])
            let validator = Validator(components: components)
            // The reader is not vacuous: an empty object is not a case, a number is not an error.
            #expect(!validator.problems(.object([:]), against: ["$ref": "#/components/schemas/Case"], at: "probe").isEmpty)
            #expect(!validator.problems(.number(1), against: errorSchema, at: "probe").isEmpty)
            let base = "/api/v1/associations/{association}/cases/{number}"
            // (method, documented path, real path, body): successes and a refusal of each kind.
            let calls: [(HTTPMethod, String, String, String?)] = [
                (.GET, "/api/v1/associations", "/api/v1/associations", nil),
                (.GET, "/api/v1/associations/{association}", "/api/v1/associations/home", nil),
                (.GET, "/api/v1/associations/{association}/cases", "/api/v1/associations/home/cases", nil),
                (.GET, base, "/api/v1/associations/home/cases/\(number)", nil),
                (.GET, base + "/entries", "/api/v1/associations/home/cases/\(number)/entries", nil),
                (.GET, base + "/deadlines", "/api/v1/associations/home/cases/\(number)/deadlines", nil),
                (.GET, base + "/hearing", "/api/v1/associations/home/cases/\(number)/hearing", nil),
                (.GET, "/api/v1/entry-types", "/api/v1/entry-types", nil),
                (.POST, base + "/serve", "/api/v1/associations/home/cases/\(number)/serve", #"{"effectiveOn":"2026-03-21"}"#),
                (.POST, base + "/entries", "/api/v1/associations/home/cases/\(number)/entries", #"{"type":"note","effectiveOn":"2026-03-22","payload":{"text":"Called."}}"#),
                (.POST, base + "/serve", "/api/v1/associations/home/cases/\(number)/serve", #"{}"#),                       // served already: 422
                (.POST, base + "/gc-decision", "/api/v1/associations/home/cases/\(number)/gc-decision", #"{"decision":"sideways"}"#),  // 422
                (.GET, base, "/api/v1/associations/home/cases/E-2099-0001", nil),                                           // 404
            ]
            var checked = 0
            for (method, documented, real, body) in calls {
                let response = try await app.testing().sendRequest(method, real, headers: staff) { if let body { $0.json(body) } }
                let operation = try #require(paths[documented]?[method.rawValue.lowercased()] as? [String: Any], "\(method) \(documented) is documented")
                let responses = try #require(operation["responses"] as? [String: Any])
                let code = String(response.status.code)
                #expect(responses[code] != nil, "\(method) \(real) answered \(code), which its operation does not document")
                let value = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
                let schema: [String: Any]
                if response.status.code < 300 {
                    let documentedResponse = try #require(responses[code] as? [String: Any])
                    schema = try #require(((documentedResponse["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any],
                                          "\(method) \(documented) \(code) has a schema")
                } else {
                    schema = errorSchema
                }
                let problems = validator.problems(value, against: schema, at: "\(method) \(real)")
                #expect(problems.isEmpty, "\(problems)")
                checked += 1
            }
            #expect(checked == calls.count)
        }
    }
}
