import Vapor

/// The API's query strings and methods, held to what the OpenAPI document says (issue 21).
enum APIQuery {
    /// Every query parameter of the API takes one value: `?scope=a&scope=b` is refused rather than read as one of them.
    static func refuseRepeated(_ request: Request) throws {
        guard let query = request.url.query else { return }
        var seen: Set<String> = []
        for pair in query.split(separator: "&") {
            let name = String(pair.split(separator: "=", maxSplits: 1).first ?? "").removingPercentEncoding ?? ""
            guard seen.insert(name).inserted else {
                throw AppError(.badRequest, code: "repeated_parameter", message: "The query parameter \u{201C}\(name)\u{201D} is given more than once; give it once.")
            }
        }
    }
}

/// A method the API does not take on a path it has answers 405 with the methods it does (`Allow`), not 404: the path
/// exists, the method is wrong.
struct MethodNotAllowed: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        guard response.status == .notFound, request.route == nil, request.url.path.hasPrefix("/api/") else { return response }
        let segments = request.url.path.split(separator: "/").map(String.init)
        let allowed = request.application.routes.all.filter { Self.matches($0.path, segments) }.map(\.method.rawValue)
        guard !allowed.isEmpty else { return response }
        let refusal = Response(status: .methodNotAllowed)
        try refusal.content.encode(ErrorBody(error: .init(code: "method_not_allowed", message: "\(request.method.rawValue) is not taken here; this path takes \(Set(allowed).sorted().joined(separator: ", ")).",
                                                          rule: nil, details: nil)), as: .json)
        refusal.headers.replaceOrAdd(name: .allow, value: Set(allowed).sorted().joined(separator: ", "))
        return refusal
    }

    static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        guard pattern.count == segments.count else { return false }
        return zip(pattern, segments).allSatisfy { component, segment in
            switch component {
            case .constant(let value): value == segment
            case .parameter, .anything: true
            case .catchall: true
            }
        }
    }
}
