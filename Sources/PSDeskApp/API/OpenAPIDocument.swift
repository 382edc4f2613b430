import Foundation
import StandardsCore

/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`: the hand-written base below, with an
/// operation per registered step made from the step itself (`StepRegistry`, `StepSchema`). A test compares its paths
/// and methods with the registered routes, and CI validates it with openapi-spec-validator.
enum OpenAPIDocument {
    /// The served document: the base with every registered step's operation.
    static let document: String = {
        // The annual report's latest year is this one (the server is restarted more often than once a year).
        let json = Self.json.replacingOccurrences(of: "THIS_YEAR", with: String(Calendar(identifier: .gregorian).component(.year, from: Date())))
        guard var root = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any],
              var paths = root["paths"] as? [String: Any] else { return json }
        for step in StepRegistry.all {
            paths["/api/v1/associations/{association}/cases/{number}/\(step.name)"] = stepPath(step)
        }
        // The case list's filters and orders, with the values the server takes (`CaseListing.ListQuery`).
        change(&paths, at: ["/api/v1/associations/{association}/cases", "get"]) { list in
            guard let parameters = list["parameters"] as? [[String: Any]] else { return }
            func choice(_ name: String, _ values: [String], _ description: String) -> [String: Any] {
                ["name": name, "in": "query", "required": false, "schema": ["type": "string", "enum": values], "description": description]
            }
            list["parameters"] = parameters + [
                choice("kind", CaseKind.allCases.map(\.rawValue), "Only cases of this kind"),
                choice("status", CaseStatus.allCases.map(\.rawValue), "Only cases at this status"),
                choice("due", CaseListing.DueWindow.allCases.map(\.rawValue), "Only cases with a time frame overdue, or due within 7 days"),
                ["name": "article", "in": "query", "required": false, "schema": ["type": "integer", "minimum": CitedArticles.codeArticles.lowerBound, "maximum": CitedArticles.codeArticles.upperBound],
                 "description": "Only cases whose complaint cites this Article of the Code now"],
                ["name": "party", "in": "query", "required": false, "schema": ["type": "string", "format": "uuid"],
                 "description": "Only cases this person (their id) is a party to"],
                choice("sort", CaseListing.SortColumn.allCases.flatMap { [$0.rawValue, "-" + $0.rawValue] },
                       "The order: a column, `-` first for the other way; `-opened` (newest first) by default"),
            ]
        }
        completeAnswers(&paths)
        root["paths"] = paths
        // The entry types a client may name (unknown ones are refused, 400; ones not postable by hand, 422).
        change(&root, at: ["components", "schemas", "NewEntry", "properties", "type"]) { $0["enum"] = DocketEntryType.allCases.map(\.rawValue) }
        addTextPatterns(&root)
        guard let data = try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted]) else { return json }
        return String(decoding: data, as: UTF8.self)
    }()

    /// Changes the object reached from `object` through `keys`, when every step on the way is an object; the document is
    /// built as nested dictionaries, and this is the one way its parts are edited in place.
    static func change(_ object: inout [String: Any], at keys: ArraySlice<String>, _ body: (inout [String: Any]) -> Void) {
        guard let key = keys.first else { return body(&object) }
        guard var inner = object[key] as? [String: Any] else { return }
        change(&inner, at: keys.dropFirst(), body)
        object[key] = inner
    }

    static func change(_ object: inout [String: Any], at keys: [String], _ body: (inout [String: Any]) -> Void) {
        change(&object, at: keys[...], body)
    }

    /// Every operation of every path, with its path.
    static func eachOperation(_ paths: inout [String: Any], _ body: (_ path: String, _ operation: inout [String: Any]) -> Void) {
        for path in Array(paths.keys) {
            for method in ["get", "post", "put", "patch", "delete"] { change(&paths, at: [path, method]) { body(path, &$0) } }
        }
    }

    /// What every operation may answer, said once instead of in each (issue 21): 400 for bad input (a control character,
    /// a repeated parameter), 415 for a body in a type it does not take; the download's real media types; and links from
    /// each list to its items, so a client (or a fuzzer) can follow a listed case, member or document to its own route.
    static func completeAnswers(_ paths: inout [String: Any]) {
        let error: [String: Any] = ["$ref": "#/components/responses/Error"]
        eachOperation(&paths) { path, operation in
            let takesBody = operation["requestBody"] != nil
            change(&operation, at: ["responses"]) { responses in
                if path != "/api/v1/openapi.json" { responses["400"] = responses["400"] ?? error }
                if takesBody { responses["415"] = responses["415"] ?? error }
            }
        }
        func link(_ path: String, _ method: String, _ status: String, _ links: [String: [String: Any]]) {
            change(&paths, at: [path, method, "responses", status]) { $0["links"] = links }
        }
        let association = "$request.path.association"
        link("/api/v1/associations/{association}/cases", "get", "200", [
            "FirstCase": ["operationId": "showCase", "parameters": ["association": association, "number": "$response.body#/0/number"]],
            "FirstCaseEntries": ["operationId": "listEntries", "parameters": ["association": association, "number": "$response.body#/0/number"]],
            "FirstCaseDocuments": ["operationId": "listDocuments", "parameters": ["association": association, "number": "$response.body#/0/number"]],
        ])
        link("/api/v1/associations/{association}/cases", "post", "201", [
            "NewCase": ["operationId": "showCase", "parameters": ["association": association, "number": "$response.body#/number"]],
            "NewCaseDeadlines": ["operationId": "caseDeadlinesByID", "parameters": ["caseID": "$response.body#/id"]],
        ])
        link("/api/v1/associations/{association}/members", "get", "200", [
            "FirstMember": ["operationId": "showMember", "parameters": ["association": association, "memberNumber": "$response.body#/0/memberNumber"]],
        ])
        link("/api/v1/associations", "get", "200", [
            "FirstAssociation": ["operationId": "showAssociation", "parameters": ["association": "$response.body#/0/slug"]],
        ])
        let document = ["association": association, "number": "$request.path.number", "document": "$response.body#/0/id"]
        link("/api/v1/associations/{association}/cases/{number}/documents", "get", "200", [
            "FirstDocument": ["operationId": "showDocument", "parameters": document],
            "FirstDocumentContent": ["operationId": "downloadDocument", "parameters": document],
        ])
        // The bytes come back in the type they were filed as, not as a generic stream.
        change(&paths, at: ["/api/v1/associations/{association}/cases/{number}/documents/{document}/content", "get", "responses", "200"]) { file in
            file["content"] = Dictionary(uniqueKeysWithValues: DocumentType.allCases.map {
                ($0.mediaType, ["schema": ["type": "string", "contentMediaType": $0.mediaType]] as [String: Any])
            })
        }
    }

    /// Text the API takes holds no control character but tab and line breaks (`TextGuard`): every string a request may
    /// carry says so with this pattern, so a client knows before it sends.
    static let textPattern = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*$"

    /// The request side of the document with `textPattern` on every free string: parameters, and request bodies (their
    /// components inlined, so the same components describing responses stay as they are). A body's fields beyond those
    /// described are ignored, but their text is held to the same pattern (`TextOnly`), as `TextGuard` holds it.
    static func addTextPatterns(_ root: inout [String: Any]) {
        let textOnly: [String: Any] = ["$ref": "#/components/schemas/TextOnly"]
        change(&root, at: ["components", "schemas"]) {
            $0["TextOnly"] = ["description": "Any JSON value whose text holds no control character but tab and line breaks",
                              "anyOf": [["type": "string", "pattern": textPattern], ["type": ["number", "integer", "boolean", "null"]],
                                        ["type": "array", "items": textOnly], ["type": "object", "additionalProperties": textOnly]]]
        }
        let schemas = (root["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        func patterned(_ schema: Any) -> Any {
            guard var object = schema as? [String: Any] else { return schema }
            if let ref = object["$ref"] as? String, ref.hasPrefix("#/components/schemas/"), let target = schemas[String(ref.dropFirst(21))] {
                return patterned(target)
            }
            let types = (object["type"] as? [String]) ?? [(object["type"] as? String) ?? ""]
            if types.contains("string"), ["enum", "format", "pattern", "contentMediaType", "const"].allSatisfy({ object[$0] == nil }) {
                object["pattern"] = textPattern
            }
            if let properties = object["properties"] as? [String: Any] { object["properties"] = properties.mapValues(patterned) }
            for key in ["items", "additionalProperties"] where object[key] is [String: Any] { object[key] = patterned(object[key]!) }
            for key in ["oneOf", "anyOf", "allOf"] { if let list = object[key] as? [Any] { object[key] = list.map(patterned) } }
            // Set last: `TextOnly` refers to itself and is not walked.
            if types.contains("object"), object["additionalProperties"] == nil { object["additionalProperties"] = textOnly }
            return object
        }
        func patternParameters(_ holder: inout [String: Any]) {
            guard let list = holder["parameters"] as? [Any] else { return }
            holder["parameters"] = list.map { parameter -> Any in
                guard var parameter = parameter as? [String: Any], let schema = parameter["schema"] else { return parameter }
                parameter["schema"] = patterned(schema)
                return parameter
            }
        }
        change(&root, at: ["components", "parameters"]) { shared in
            for name in Array(shared.keys) { change(&shared, at: [name, "schema"]) { $0 = patterned($0) as? [String: Any] ?? $0 } }
        }
        change(&root, at: ["paths"]) { paths in
            for path in Array(paths.keys) { change(&paths, at: [path], patternParameters) }
            eachOperation(&paths) { _, operation in
                patternParameters(&operation)
                change(&operation, at: ["requestBody", "content"]) { content in
                    for type in Array(content.keys) { change(&content, at: [type, "schema"]) { $0 = patterned($0) as? [String: Any] ?? $0 } }
                }
            }
        }
    }

    /// One step's operation: its request schema read from its input, who may take it, when, and under which rule.
    static func stepPath(_ step: any CaseStep.Type) -> [String: Any] {
        let fields = step.inputFields
        var properties: [String: Any] = ["effectiveOn": ["type": "string", "format": "date", "description": "The day it happened; today if left out."]]
        for field in fields {
            var schema: [String: Any]
            switch field.kind {
            case .text: schema = ["type": "string"]
            case .date: schema = ["type": "string", "format": "date"]
            case .list: schema = ["type": "array", "items": ["type": "string"]]
            case .choice(let values): schema = ["type": "string", "enum": values]
            }
            if !field.aliases.isEmpty { schema["description"] = "Also accepted as " + field.aliases.joined(separator: ", ") + "." }
            properties[field.name] = schema
        }
        var body: [String: Any] = ["type": "object", "properties": properties]
        let required = fields.filter(\.required).map(\.name)
        if !required.isEmpty { body["required"] = required }
        func error() -> [String: Any] { ["$ref": "#/components/responses/Error"] }
        let operationID = step.name.split(whereSeparator: { $0 == "-" || $0 == "/" }).enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined()
        return [
            "parameters": [["$ref": "#/components/parameters/association"], ["$ref": "#/components/parameters/number"],
                           ["name": "dryRun", "in": "query", "required": false, "schema": ["type": "boolean"],
                            "description": "Check everything, write nothing; answers what would be appended."]],
            "post": [
                "summary": "\(step.title) (\(step.rule))", "operationId": operationID, "tags": [step.process.rawValue],
                "description": "Who: \(step.policy.summary). Refused with 422 and its rule when the step is not open on this case now.",
                "requestBody": ["required": !required.isEmpty, "content": ["application/json": ["schema": body]]],
                "responses": ["200": ["description": "The case after the step, with any warnings",
                                      "content": ["application/json": ["schema": ["$ref": "#/components/schemas/StepResult"]]]],
                              "400": error(), "401": error(), "403": error(), "404": error(), "413": error(), "422": error()],
            ] as [String: Any],
        ]
    }

    static func quoted(_ names: [String]) -> String { names.map { "\"\($0)\"" }.joined(separator: ", ") }

    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "PSDesk API",
    "version": "1.0.0",
    "description": "Professional-standards case system for REALTOR associations. Authenticate with `Authorization: Bearer <token>` (create one with `psdesk tokens create --email ...`). Dates are YYYY-MM-DD civil dates; money is integer cents. Errors are {\"error\":{\"code\",\"message\",\"rule\"}} with a 4xx status. Any step route and the entries route take `?dryRun=true`: every check runs as for real and the answer is {\"dryRun\":true,\"wouldAppend\":[…],\"warnings\":[…]} or the refusal; nothing is written."
  },
  "servers": [{ "url": "/" }],
  "security": [{ "bearer": [] }],
  "paths": {
    "/api/v1/openapi.json": {
      "get": { "summary": "This document", "security": [], "operationId": "openapi",
        "responses": { "200": { "description": "The OpenAPI document", "content": { "application/json": { "schema": { "type": "object" } } } } } }
    },
    "/api/v1/entry-types": {
      "get": { "summary": "Catalog of docket entry types and their payload fields", "operationId": "listEntryTypes",
        "responses": { "200": { "description": "Entry types", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/EntryType" } } } } },
                       "401": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations": {
      "get": { "summary": "Associations where the caller holds a role", "operationId": "listAssociations",
        "responses": { "200": { "description": "Associations", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Association" } } } } },
                       "401": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}": {
      "parameters": [{ "$ref": "#/components/parameters/association" }],
      "get": { "summary": "One association", "operationId": "showAssociation",
        "responses": { "200": { "description": "The association", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Association" } } } },
                       "401": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/members": {
      "parameters": [{ "$ref": "#/components/parameters/association" }],
      "get": { "summary": "Member roster, optionally searched", "operationId": "listMembers",
        "parameters": [{ "name": "q", "in": "query", "required": false, "schema": { "type": "string" }, "description": "Name or member number" }],
        "responses": { "200": { "description": "Members", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Member" } } } } },
                       "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/members/{memberNumber}": {
      "parameters": [{ "$ref": "#/components/parameters/association" },
                     { "name": "memberNumber", "in": "path", "required": true, "schema": { "type": "string" } }],
      "get": { "summary": "One member", "operationId": "showMember",
        "responses": { "200": { "description": "The member", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Member" } } } },
                       "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/citations": {
      "parameters": [{ "$ref": "#/components/parameters/association" }],
      "get": { "summary": "The citation schedule in force (a2.35) and, for the Directors and staff, the figures without names (S3 9.4.6)", "operationId": "citations",
        "responses": { "200": { "description": "Schedule and figures", "content": { "application/json": { "schema": { "type": "object", "required": ["schedule"],
          "properties": { "schedule": { "type": "object", "required": ["levels", "terms"], "properties": {
              "effectiveOn": { "type": ["string", "null"], "format": "date" },
              "levels": { "type": "object", "additionalProperties": { "type": "integer", "enum": [1, 2, 3] } },
              "terms": { "type": "object", "additionalProperties": { "type": "object", "required": ["fines", "training"], "properties": {
                "fines": { "type": "array", "items": { "type": "integer" } }, "training": { "type": "array", "items": { "type": "string", "enum": ["none", "instead-of-fine", "in-addition"] } } } } } } },
            "statistics": { "type": ["array", "null"], "items": { "type": "object", "required": ["year", "issued", "paid", "hearingRequested", "finesPaidCents", "byViolation"],
              "properties": { "year": { "type": "integer" }, "issued": { "type": "integer" }, "paid": { "type": "integer" }, "hearingRequested": { "type": "integer" },
                "finesPaidCents": { "type": "integer" }, "byViolation": { "type": "object", "additionalProperties": { "type": "integer" } } } } } } } } } },
                       "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/reports/dashboard": {
      "parameters": [{ "$ref": "#/components/parameters/association" }],
      "get": { "summary": "The staff dashboard's counts without names (issue 20): open cases by stage and age, time frames due this week and overdue, median days per stage, filings and closings of the last twelve months", "operationId": "dashboardReport",
        "responses": { "200": { "description": "The dashboard", "content": { "application/json": { "schema": { "type": "object",
          "required": ["association", "asOf", "ageBands", "open", "openTotal", "dueThisWeek", "overdue", "timeFrames", "stageDays", "months"],
          "properties": { "association": { "type": "string" }, "asOf": { "type": "string", "format": "date" }, "ageBands": { "type": "array", "items": { "type": "string" } },
            "open": { "type": "array", "items": { "type": "object", "required": ["kind", "status", "label", "byAge", "total"], "properties": {
              "kind": { "type": "string" }, "status": { "type": "string" }, "label": { "type": "string" }, "byAge": { "type": "array", "items": { "type": "integer" } }, "total": { "type": "integer" } } } },
            "openTotal": { "type": "integer" }, "dueThisWeek": { "type": "integer" }, "overdue": { "type": "integer" },
            "timeFrames": { "type": "array", "items": { "type": "object", "required": ["key", "title", "dueThisWeek", "overdue"], "properties": {
              "key": { "type": "string" }, "title": { "type": "string" }, "dueThisWeek": { "type": "integer" }, "overdue": { "type": "integer" } } } },
            "stageDays": { "type": "array", "items": { "type": "object", "required": ["kind", "status", "label", "medianDays", "spans"], "properties": {
              "kind": { "type": "string" }, "status": { "type": "string" }, "label": { "type": "string" }, "medianDays": { "type": "integer" }, "spans": { "type": "integer" } } } },
            "months": { "type": "array", "items": { "type": "object", "required": ["month", "opened", "closed"], "properties": {
              "month": { "type": "string" }, "opened": { "type": "integer" }, "closed": { "type": "integer" } } } } } } } } },
                       "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/reports/annual": {
      "parameters": [{ "$ref": "#/components/parameters/association" }],
      "get": { "summary": "The annual professional-standards activity report without names (issue 20): the year's complaints, hearings, violations by Article, sanctions, appeals, arbitrations, awards, mediations, citations and ombuds contacts, for the association or every signatory of its regional agreement", "operationId": "annualReport",
        "parameters": [{ "name": "year", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 2000, "maximum": THIS_YEAR }, "description": "The calendar year, from 2000 through this year; this year when absent" },
          { "name": "scope", "in": "query", "required": false, "schema": { "type": "string", "enum": ["association", "agreement"] }, "description": "agreement: every signatory of the association's regional agreement, side by side" }],
        "responses": { "200": { "description": "The report", "content": { "application/json": { "schema": { "type": "object",
          "required": ["year", "associations", "lines", "ombudsContacts", "ombudsThreshold"],
          "properties": { "year": { "type": "integer" }, "associations": { "type": "array", "items": { "type": "string" } },
            "lines": { "type": "array", "items": { "type": "object", "required": ["section", "measure", "detail", "label", "counts", "total"], "properties": {
              "section": { "type": "string" }, "measure": { "type": "string" }, "detail": { "type": "string" }, "label": { "type": "string" },
              "counts": { "type": "array", "items": { "type": "integer" } }, "total": { "type": "integer" }, "amountCents": { "type": ["integer", "null"] } } } },
            "ombudsContacts": { "type": "array", "items": { "type": "object", "required": ["concern", "label", "counts"], "properties": {
              "concern": { "type": "string" }, "label": { "type": "string" }, "counts": { "type": "array", "items": { "type": ["integer", "null"] } }, "total": { "type": ["integer", "null"] } } } },
            "ombudsThreshold": { "type": "integer" } } } } } },
                       "400": { "$ref": "#/components/responses/Error" }, "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/reports/ombuds": {
      "parameters": [{ "$ref": "#/components/parameters/association" }],
      "get": { "summary": "The ombuds program's trends for the Board, without identities (S0): closed matters by concern, service, outcome and month; a count below the threshold is null", "operationId": "ombudsReport",
        "responses": { "200": { "description": "The trends", "content": { "application/json": { "schema": { "type": "object", "required": ["threshold", "rows"],
          "properties": { "threshold": { "type": "integer" }, "total": { "type": ["integer", "null"] }, "medianDays": { "type": ["integer", "null"] },
            "rows": { "type": "array", "items": { "type": "object", "required": ["dimension", "key", "label"], "properties": {
              "dimension": { "type": "string", "enum": ["concern", "service", "outcome", "month"] }, "key": { "type": "string" }, "label": { "type": "string" }, "count": { "type": ["integer", "null"] } } } } } } } } },
                       "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/cases": {
      "parameters": [{ "$ref": "#/components/parameters/association" }],
      "get": { "summary": "Cases the caller may see, a page at a time; searched by the words of the number, title, parties' names and narratives (each word matches the start of a word), filtered by kind, status, time frame, Article and party, sorted by any column", "operationId": "listCases",
        "parameters": [{ "name": "q", "in": "query", "required": false, "schema": { "type": "string" } },
          { "name": "limit", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 1, "maximum": 500, "default": 100 } },
          { "name": "cursor", "in": "query", "required": false, "schema": { "type": "string" }, "description": "From the `Link: <…>; rel=\"next\"` header of the page before" }],
        "responses": { "200": { "description": "One page of cases; a `Link` header with rel=\"next\" points to the next page, absent on the last",
                                "headers": { "Link": { "schema": { "type": "string" } } },
                                "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Case" } } } } },
                       "400": { "$ref": "#/components/responses/Error" }, "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" } } },
      "post": { "summary": "Open a case; it is numbered per association, kind and year", "operationId": "createCase",
        "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewCase" } } } },
        "responses": { "201": { "description": "The new case", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Case" } } } },
                       "400": { "$ref": "#/components/responses/Error" }, "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" },
                       "404": { "$ref": "#/components/responses/Error" }, "413": { "$ref": "#/components/responses/Error" }, "422": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/cases/{number}": {
      "parameters": [{ "$ref": "#/components/parameters/association" }, { "$ref": "#/components/parameters/number" }],
      "get": { "summary": "One case with its derived status and parties", "operationId": "showCase",
        "responses": { "200": { "description": "The case", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Case" } } } },
                       "401": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/cases/{number}/entries": {
      "parameters": [{ "$ref": "#/components/parameters/association" }, { "$ref": "#/components/parameters/number" }],
      "get": { "summary": "The case's docket, in recording order", "operationId": "listEntries",
        "responses": { "200": { "description": "Docket entries", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Entry" } } } } },
                       "401": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" } } },
      "post": { "summary": "Append a docket entry (entries are never edited; send `corrects` to correct one)", "operationId": "appendEntry",
        "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewEntry" } } } },
        "responses": { "201": { "description": "The appended entry", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Entry" } } } },
                       "400": { "$ref": "#/components/responses/Error" }, "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" },
                       "404": { "$ref": "#/components/responses/Error" }, "413": { "$ref": "#/components/responses/Error" }, "422": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/cases/{number}/deadlines": {
      "parameters": [{ "$ref": "#/components/parameters/association" }, { "$ref": "#/components/parameters/number" }],
      "get": { "summary": "Every deadline of the case, derived from its docket, profile and calendar", "operationId": "caseDeadlines",
        "parameters": [{ "$ref": "#/components/parameters/asOf" }],
        "responses": { "200": { "description": "Deadlines", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Deadlines" } } } },
                       "400": { "$ref": "#/components/responses/Error" }, "401": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/cases/{number}/gc-amend": {
      "parameters": [{ "$ref": "#/components/parameters/association" }, { "$ref": "#/components/parameters/number" }],
      "post": { "summary": "The GC adds or deletes Articles with its rationale; an addition the complainant does not agree to becomes a linked GC complaint (a1.6)", "operationId": "gcAmend",
        "requestBody": { "required": false, "content": { "application/json": { "schema": { "type": "object", "properties": { "effectiveOn": { "type": "string", "format": "date" }, "articles": { "type": "string" }, "rationale": { "type": "string" }, "complainantAgrees": { "type": "boolean" }, "addRespondents": { "type": "string", "description": "Member numbers" }, "removeRespondents": { "type": "string", "description": "Member numbers" } } } } } },
        "responses": { "200": { "description": "The case after the step, with any warnings", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/StepResult" } } } },
                       "400": { "$ref": "#/components/responses/Error" }, "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" },
                       "404": { "$ref": "#/components/responses/Error" }, "422": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/cases/{number}/hearing": {
      "parameters": [{ "$ref": "#/components/parameters/association" }, { "$ref": "#/components/parameters/number" }],
      "get": { "summary": "The hearing panel (list, challenges, members, certificates, conflicts), each committee member's exclusions, the case ledger in cents and compliance with the discipline", "operationId": "hearingState",
        "responses": { "200": { "description": "Panel, ledger and compliance", "content": { "application/json": { "schema": { "type": "object",
          "required": ["listed", "members", "alternates", "challenges", "certified", "conflicted", "candidates", "ledger", "balances", "compliance"],
          "properties": { "listed": { "type": "array", "items": { "type": "string", "format": "uuid" } }, "members": { "type": "array", "items": { "type": "string", "format": "uuid" } },
            "chair": { "type": "string", "format": "uuid" }, "alternates": { "type": "array", "items": { "type": "string", "format": "uuid" } },
            "challenges": { "type": "array", "items": { "type": "object" } }, "certified": { "type": "array", "items": { "type": "string", "format": "uuid" } },
            "conflicted": { "type": "array", "items": { "type": "string", "format": "uuid" } }, "candidates": { "type": "array", "items": { "type": "object" } },
            "ledger": { "type": "array", "items": { "type": "object" } }, "balances": { "type": "object", "additionalProperties": { "type": "integer" }, "description": "Account to cents; the accounts sum to zero" },
            "compliance": { "type": "array", "items": { "type": "object" } } } } } } },
                       "400": { "$ref": "#/components/responses/Error" }, "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" },
                       "404": { "$ref": "#/components/responses/Error" }, "422": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/committee": {
      "parameters": [{ "$ref": "#/components/parameters/association" }],
      "get": { "summary": "One body's roster: the Professional Standards Committee panels are drawn from (a1.14) unless `body` names another; joint bodies are shared across a regional agreement", "operationId": "listCommittee",
        "parameters": [{ "name": "body", "in": "query", "required": false, "schema": { "type": "string", "enum": ["grievance", "psc", "directors", "executive", "citation-panel", "mediators"] } }],
        "responses": { "200": { "description": "Committee seats", "content": { "application/json": { "schema": { "type": "array", "items": { "type": "object",
          "required": ["personId", "name", "association", "body", "isChair", "isViceChair", "certifiedTrainer"], "properties": { "personId": { "type": "string", "format": "uuid" }, "name": { "type": "string" },
          "association": { "type": "string" }, "body": { "type": "string" }, "isChair": { "type": "boolean" }, "isViceChair": { "type": "boolean" },
          "appointedBy": { "type": "string" }, "termStartsOn": { "type": "string", "format": "date" }, "termEndsOn": { "type": "string", "format": "date" },
          "trainingThrough": { "type": "string", "format": "date" }, "certifiedTrainer": { "type": "boolean" }, "subpanel": { "type": "integer" },
          "criteria": { "type": "object", "description": "Appointment criteria (S3 1.3.2), when recorded", "properties": {
            "yearsRealtor": { "type": "integer", "minimum": 0, "maximum": 70 }, "yearsInRealEstate": { "type": "integer", "minimum": 0, "maximum": 70 },
            "primaryField": { "type": "string" }, "secondaryField": { "type": "string" }, "postLicensingEducation": { "type": "boolean" },
            "codeOfEthicsTraining": { "type": "boolean" }, "states": { "type": "array", "items": { "type": "string" } }, "otherTraining": { "type": "string" } } } } } } } } },
                       "400": { "$ref": "#/components/responses/Error" }, "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" },
                       "404": { "$ref": "#/components/responses/Error" }, "422": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/gc-complaints": {
      "parameters": [{ "$ref": "#/components/parameters/association" }],
      "post": { "summary": "A complaint the Grievance Committee brings on its own motion, as complainant (a1.9)", "operationId": "gcOwnMotion",
        "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["respondents", "articles", "text"],
          "properties": { "respondents": { "type": "string", "description": "Member numbers" }, "articles": { "type": "string" }, "text": { "type": "string" },
            "effectiveOn": { "type": "string", "format": "date" } } } } } },
        "responses": { "201": { "description": "The new case", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Case" } } } },
                       "400": { "$ref": "#/components/responses/Error" }, "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" },
                       "404": { "$ref": "#/components/responses/Error" }, "422": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/cases/{caseID}/deadlines": {
      "parameters": [{ "name": "caseID", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } }],
      "get": { "summary": "Every deadline of the case, by case id", "operationId": "caseDeadlinesByID",
        "parameters": [{ "$ref": "#/components/parameters/asOf" }],
        "responses": { "200": { "description": "Deadlines", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Deadlines" } } } },
                       "400": { "$ref": "#/components/responses/Error" }, "401": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/cases/{number}/documents": {
      "parameters": [{ "$ref": "#/components/parameters/association" }, { "$ref": "#/components/parameters/number" }],
      "get": { "summary": "The case's documents", "operationId": "listDocuments",
        "responses": { "200": { "description": "Documents", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Document" } } } } },
                       "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" } } },
      "post": { "summary": "Upload a paper (PDF, Word, image; checked by content; size limit PSDESK_MAX_UPLOAD_MB)", "operationId": "uploadDocument",
        "requestBody": { "required": true, "content": { "multipart/form-data": { "schema": { "type": "object", "required": ["file"],
          "properties": { "file": { "type": "string", "contentMediaType": "application/octet-stream" }, "title": { "type": "string" }, "effectiveOn": { "type": "string", "format": "date" } } } } } },
        "responses": { "201": { "description": "The stored document", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Document" } } } },
                       "400": { "$ref": "#/components/responses/Error" }, "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" },
                       "404": { "$ref": "#/components/responses/Error" }, "413": { "$ref": "#/components/responses/Error" }, "415": { "$ref": "#/components/responses/Error" },
                       "422": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/cases/{number}/documents/{document}": {
      "parameters": [{ "$ref": "#/components/parameters/association" }, { "$ref": "#/components/parameters/number" }, { "$ref": "#/components/parameters/document" }],
      "get": { "summary": "A document's metadata", "operationId": "showDocument",
        "responses": { "200": { "description": "The document", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Document" } } } },
                       "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" } } }
    },
    "/api/v1/associations/{association}/cases/{number}/documents/{document}/content": {
      "parameters": [{ "$ref": "#/components/parameters/association" }, { "$ref": "#/components/parameters/number" }, { "$ref": "#/components/parameters/document" }],
      "get": { "summary": "Download the document's bytes", "operationId": "downloadDocument",
        "responses": { "200": { "description": "The file", "content": { "application/octet-stream": { "schema": { "type": "string", "contentMediaType": "application/octet-stream" } } } },
                       "401": { "$ref": "#/components/responses/Error" }, "403": { "$ref": "#/components/responses/Error" }, "404": { "$ref": "#/components/responses/Error" },
                       "410": { "$ref": "#/components/responses/Error" } } }
    }
  },
  "components": {
    "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
    "parameters": {
      "association": { "name": "association", "in": "path", "required": true, "schema": { "type": "string" }, "description": "Association slug, e.g. obar" },
      "number": { "name": "number", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^[EAMCO]-[0-9]{4}-[0-9]+$" }, "description": "Case number, e.g. E-2026-0007" },
      "document": { "name": "document", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } },
      "asOf": { "name": "asOf", "in": "query", "required": false, "schema": { "type": "string", "format": "date" }, "description": "Evaluate as of this civil date (default: today in the association's zone)" }
    },
    "responses": {
      "Error": { "description": "An error naming its code and, where one applies, the rule id",
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
    },
    "schemas": {
      "Error": { "type": "object", "required": ["error"], "properties": { "error": { "type": "object", "required": ["code", "message"],
        "properties": { "code": { "type": "string" }, "message": { "type": "string" }, "rule": { "type": "string", "description": "Rule id such as a1.16" },
          "details": { "type": "array", "items": { "type": "object", "properties": { "code": { "type": "string" }, "message": { "type": "string" }, "rule": { "type": "string" } } } } } } } },
      "Association": { "type": "object", "required": ["slug", "name", "ruleProfile", "timeZone", "holidayCalendar", "closureDays", "boardSize", "boardQuorum", "yourRoles"],
        "properties": { "slug": { "type": "string" }, "name": { "type": "string" }, "ruleProfile": { "type": "string", "enum": ["nar", "obar"] },
          "timeZone": { "type": "string" }, "holidayCalendar": { "type": "string" }, "closureDays": { "type": "array", "items": { "type": "string", "format": "date" } },
          "boardSize": { "type": "integer" }, "boardQuorum": { "type": "integer" }, "regionalAgreement": { "type": ["string", "null"] },
          "yourRoles": { "type": "array", "items": { "type": "string" } } } },
      "Member": { "type": "object", "required": ["personId", "memberNumber", "firstName", "lastName", "membershipType", "isPrincipal", "periods"],
        "properties": { "personId": { "type": "string", "format": "uuid" }, "memberNumber": { "type": "string" }, "firstName": { "type": "string" },
          "lastName": { "type": "string" }, "email": { "type": ["string", "null"] }, "phone": { "type": ["string", "null"] },
          "membershipType": { "type": "string", "enum": ["realtor", "realtor-associate", "affiliate"] }, "isPrincipal": { "type": "boolean" },
          "firm": { "type": ["string", "null"] }, "office": { "type": ["string", "null"] },
          "periods": { "type": "array", "items": { "type": "object", "required": ["startsOn"], "properties": { "startsOn": { "type": "string", "format": "date" }, "endsOn": { "type": ["string", "null"], "format": "date" } } } },
          "suspension": { "description": "Suspended automatically for an unpaid citation fine (S3 9.3.2.5)", "oneOf": [{ "type": "null" }, { "type": "object", "required": ["caseNumber", "since", "rule"],
            "properties": { "caseNumber": { "type": "string" }, "since": { "type": "string", "format": "date" }, "rule": { "type": "string" } } }] } } },
      "Party": { "type": "object", "required": ["personId", "name", "role"], "properties": { "personId": { "type": "string", "format": "uuid" }, "name": { "type": "string" }, "role": { "type": "string" } } },
      "Case": { "type": "object", "required": ["id", "number", "kind", "title", "status", "statusLabel", "parties"],
        "properties": { "id": { "type": "string", "format": "uuid" }, "number": { "type": "string" },
          "kind": { "type": "string", "enum": ["ethics", "arbitration", "mediation", "citation"] }, "title": { "type": "string" },
          "status": { "type": "string" }, "statusLabel": { "type": "string" }, "openedOn": { "type": ["string", "null"], "format": "date" },
          "lastActivityOn": { "type": ["string", "null"], "format": "date" }, "parties": { "type": "array", "items": { "$ref": "#/components/schemas/Party" } } } },
      "NewCase": { "type": "object", "required": ["kind", "title"],
        "properties": { "kind": { "type": "string", "enum": ["ethics", "arbitration", "mediation", "citation"] }, "title": { "type": "string", "maxLength": 200 },
          "openedOn": { "type": "string", "format": "date" }, "summary": { "type": "string" },
          "parties": { "type": "array", "items": { "type": "object", "required": ["personId", "role"], "properties": { "personId": { "type": "string", "format": "uuid" },
            "role": { "type": "string", "enum": ["complainant", "respondent", "claimant", "inquirer", "principal-of-respondent"] } } } } } },
      "Payload": { "type": "object", "additionalProperties": { "type": ["string", "integer", "boolean"] } },
      "Entry": { "type": "object", "required": ["id", "sequence", "type", "title", "effectiveOn", "recordedAt", "actor", "payload", "documentIds"],
        "properties": { "id": { "type": "string", "format": "uuid" }, "sequence": { "type": "integer" }, "type": { "type": "string" }, "title": { "type": "string" },
          "effectiveOn": { "type": "string", "format": "date" }, "recordedAt": { "type": "string", "format": "date-time" }, "actor": { "type": "string" },
          "payload": { "$ref": "#/components/schemas/Payload" }, "corrects": { "type": ["string", "null"], "format": "uuid" },
          "documentIds": { "type": "array", "items": { "type": "string", "format": "uuid" } },
          "warnings": { "type": "array", "description": "Rules that let the entry through with a note (e.g. a late reply, a1.11)",
            "items": { "type": "object", "properties": { "code": { "type": "string" }, "message": { "type": "string" }, "rule": { "type": "string" } } } } } },
      "StepResult": { "type": "object", "required": ["case", "warnings"],
        "properties": { "case": { "$ref": "#/components/schemas/Case" },
          "warnings": { "type": "array", "items": { "type": "object", "properties": { "code": { "type": "string" }, "message": { "type": "string" }, "rule": { "type": "string" } } } } } },
      "Deadlines": { "type": "object", "required": ["caseNumber", "profile", "asOf", "deadlines"],
        "properties": { "caseNumber": { "type": "string" }, "profile": { "type": "string" }, "asOf": { "type": "string", "format": "date" },
          "deadlines": { "type": "array", "items": { "$ref": "#/components/schemas/Deadline" } } } },
      "Deadline": { "type": "object", "required": ["key", "title", "rule", "basis", "count", "status", "explanation"],
        "properties": { "key": { "type": "string" }, "title": { "type": "string" }, "rule": { "type": "string" },
          "basis": { "type": "string", "enum": ["transmitted", "received", "served", "rendered", "filed", "reviewed"] },
          "count": { "type": "string", "enum": ["calendar", "working"] },
          "dueOn": { "type": ["string", "null"], "format": "date" }, "earliestOn": { "type": ["string", "null"], "format": "date" },
          "status": { "type": "string", "enum": ["pending", "met", "missed", "waived", "suspended", "lapsed", "not-applicable"] },
          "explanation": { "type": "string" }, "closedDayNote": { "type": ["string", "null"] },
          "triggerEntryId": { "type": ["string", "null"], "format": "uuid" }, "satisfiedByEntryId": { "type": ["string", "null"], "format": "uuid" } } },
      "NewEntry": { "type": "object", "required": ["type", "effectiveOn"],
        "properties": { "type": { "type": "string", "description": "See GET /api/v1/entry-types" }, "effectiveOn": { "type": "string", "format": "date" },
          "payload": { "$ref": "#/components/schemas/Payload" }, "corrects": { "type": "string", "format": "uuid" } } },
      "EntryType": { "type": "object", "required": ["type", "title", "kinds", "fields"],
        "properties": { "type": { "type": "string" }, "title": { "type": "string" }, "rule": { "type": ["string", "null"] }, "kinds": { "type": "array", "items": { "type": "string" } },
          "fields": { "type": "array", "items": { "type": "object", "required": ["name", "type", "required", "label"], "properties": { "name": { "type": "string" },
            "type": { "type": "string", "enum": ["text", "date", "cents", "uuid", "timestamp", "choice"] }, "required": { "type": "boolean" }, "label": { "type": "string" },
            "options": { "type": ["array", "null"], "items": { "type": "string" } } } } } } },
      "Document": { "type": "object", "required": ["id", "title", "filename", "mediaType", "byteCount", "sha256"],
        "properties": { "id": { "type": "string", "format": "uuid" }, "title": { "type": "string" }, "filename": { "type": "string" }, "mediaType": { "type": "string" },
          "byteCount": { "type": "integer" }, "sha256": { "type": "string" }, "uploadedAt": { "type": ["string", "null"], "format": "date-time" },
          "docketEntryId": { "type": ["string", "null"], "format": "uuid" } } }
    }
  }
}
"""#
}
