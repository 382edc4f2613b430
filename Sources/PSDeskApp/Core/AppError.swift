import Vapor
import StandardsCore

/// An error a user can act on: a stable code, a sentence and, where one applies, the rule id.
/// The API renders it as `{"error":{"code","message","rule"}}`; the web as a message on the page.
struct AppError: AbortError, Sendable {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    let rule: String?
    /// Every refusal, when a check found more than one.
    let details: [Refusal]

    var reason: String { message }

    init(_ status: HTTPResponseStatus, code: String, message: String, rule: String? = nil, details: [Refusal] = []) {
        self.status = status; self.code = code; self.message = message; self.rule = rule; self.details = details
    }

    /// Citing a rule by its constant (`.a1_16`): an unknown id does not compile.
    init(_ status: HTTPResponseStatus, code: String, message: String, rule: RuleID, details: [Refusal] = []) {
        self.init(status, code: code, message: message, rule: rule.id, details: details)
    }

    /// A domain refusal is a 422: the request was understood, the rules say no.
    init(refusals: [Refusal]) {
        let first = refusals.first ?? Refusal(code: "refused", message: "The request was refused.")
        let message = refusals.count == 1 ? first.message : refusals.map(\.message).joined(separator: " ")
        self.init(.unprocessableEntity, code: first.code, message: message, rule: first.rule, details: refusals.count > 1 ? refusals : [])
    }

    /// Each refusal as a page shows it: the sentence, then the rule it cites.
    var citedMessages: [String] {
        (details.isEmpty ? [Refusal(code: code, message: message, rule: rule)] : details).map { "\($0.message)\($0.rule.map { " (rule \($0))" } ?? "")" }
    }

    static func notFound(_ what: String) -> AppError { AppError(.notFound, code: "not_found", message: "No \(what) here.") }
    static let forbidden = AppError(.forbidden, code: "forbidden", message: "Your role does not allow this.")
    static let unauthenticated = AppError(.unauthorized, code: "unauthenticated", message: "Sign in or send a valid bearer token.")
    static func invalid(_ message: String, code: String = "invalid_request") -> AppError { AppError(.badRequest, code: code, message: message) }
}

/// The JSON shape of every API error.
struct ErrorBody: Content {
    struct Detail: Content { let code: String; let message: String; let rule: String? }
    struct Inner: Content { let code: String; let message: String; let rule: String?; let details: [Detail]? }
    let error: Inner
}
