import Vapor

/// Synchroniser-token CSRF protection for every HTML form: the token lives in the session and each
/// form posts it back as `_csrf`. A POST without the matching token is refused with 403.
///
/// The token is inside the body, and a browser streams a body in pieces, so the body is collected first,
/// up to the route's own limit (`BodyLimits`): reading the form before that finds no `_csrf`.
struct CSRFProtection: AsyncMiddleware {
    static let field = "_csrf"

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if request.method == .POST {
            try await BodyLimits.collect(request)
            let expected = request.session.data["csrf"]
            let sent = Self.sentToken(request)
            guard let expected, let sent, Self.constantTimeEqual(expected, sent) else {
                throw AppError(.forbidden, code: "csrf_failed", message: "The form expired or did not come from PSDesk. Go back, reload the page and try again.")
            }
        }
        return try await next.respond(to: request)
    }

    /// The session's token, created on first use.
    static func token(for request: Request) -> String {
        if let token = request.session.data["csrf"] { return token }
        let token = TokenHashing.newToken()
        request.session.data["csrf"] = token
        return token
    }

    /// The token the form sent. From a multipart body it is read straight from its part, without decoding the files
    /// around it: decoding a multi-megabyte body once per field is what made uploads take minutes.
    static func sentToken(_ request: Request) -> String? {
        guard let contentType = request.content.contentType else { return nil }
        guard contentType.type == "multipart", let body = request.body.data else { return try? request.content.get(String.self, at: field) }
        return multipartField(field, in: body)
    }

    /// A short text field of a multipart body: the bytes after its `name="…"` header block, up to the line break.
    static func multipartField(_ name: String, in body: ByteBuffer) -> String? {
        let bytes = body.readableBytesView
        let marker = Array("name=\"\(name)\"".utf8)
        let blank = Array("\r\n\r\n".utf8)
        guard let at = bytes.firstRange(of: marker),
              let start = bytes[at.upperBound...].firstRange(of: blank)?.upperBound else { return nil }
        let value = bytes[start...].prefix(256).prefix { $0 != UInt8(ascii: "\r") }
        return String(decoding: value, as: UTF8.self)
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
