import Vapor

/// Synchroniser-token CSRF protection for every HTML form: each form posts the token back as `_csrf`, and a POST
/// without the matching token is refused with 403. A signed-in browser's token lives in its session. An anonymous
/// browser has no session (its pages write no rows, issue 21): its token rides in a cookie signed with a key derived
/// from the installation's key, so no other site can plant one, and the form must send the same token back.
///
/// The token is inside the body, and a browser streams a body in pieces, so the body is collected first,
/// up to the route's own limit (`BodyLimits`): reading the form before that finds no `_csrf`.
struct CSRFProtection: AsyncMiddleware {
    static let field = "_csrf"

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if request.method == .POST {
            try await BodyLimits.collect(request)
            try TextGuard.check(request)
            let expected = (request.hasSession ? request.session.data["csrf"] : nil) ?? Self.cookieToken(request)
            let sent = Self.sentToken(request)
            guard let expected, let sent, Self.constantTimeEqual(expected, sent) else {
                throw AppError(.forbidden, code: "csrf_failed", message: "The form expired or did not come from PSDesk. Go back, reload the page and try again.")
            }
        } else {
            try TextGuard.check(request)
        }
        return try await next.respond(to: request)
    }

    static let cookieName = "psdesk_csrf"

    /// The token a page's forms carry: the session's, or without one the signed cookie's, minted on first use.
    static func token(for request: Request) -> String {
        if request.hasSession, let token = request.session.data["csrf"] { return token }
        if let token = cookieToken(request) { return token }
        let token = TokenHashing.newToken()
        request.storage[Minted.self] = token
        return token
    }

    /// The cookie to set when this request minted an anonymous token (`WebSessions` sets it, error pages included).
    static func mintedCookie(for request: Request) -> HTTPCookies.Value? {
        guard let token = request.storage[Minted.self] else { return nil }
        return HTTPCookies.Value(string: token + "." + signature(token, request), path: "/", isSecure: request.application.psdesk.secureCookies,
                                 isHTTPOnly: true, sameSite: .lax)
    }

    private struct Minted: StorageKey { typealias Value = String }

    /// The anonymous token this request carries (minted earlier in it, or from a cookie whose signature holds).
    private static func cookieToken(_ request: Request) -> String? {
        if let minted = request.storage[Minted.self] { return minted }
        guard let cookie = request.cookies[cookieName]?.string, let dot = cookie.lastIndex(of: ".") else { return nil }
        let token = String(cookie[..<dot])
        return constantTimeEqual(String(cookie[cookie.index(after: dot)...]), signature(token, request)) ? token : nil
    }

    private static func signature(_ token: String, _ request: Request) -> String {
        TokenHashing.base64URL(Data(HMAC<SHA256>.authenticationCode(for: Data(token.utf8), using: request.application.cookieKey)))
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

extension Application {
    private struct CookieKey: StorageKey { typealias Value = SymmetricKey }

    /// The key anonymous CSRF cookies are signed with: derived (HKDF) from the installation's key, which every instance of
    /// a service already shares (`PSDESK_OMBUDS_KEY`), so a cookie signed by one is accepted by all.
    var cookieKey: SymmetricKey {
        get {
            guard let key = storage[CookieKey.self] else { fatalError("configure(_:config:) derives the cookie key") }
            return key
        }
        set { storage[CookieKey.self] = newValue }
    }

    static func deriveCookieKey(from installationKey: Data) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: installationKey), info: Data("psdesk csrf cookie".utf8), outputByteCount: 32)
    }
}
