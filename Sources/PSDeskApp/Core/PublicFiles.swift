import Vapor

/// Vapor's file middleware, asked only about paths a file could have. It asks the file system about every request's
/// path, and a path segment longer than the file system allows (255 bytes) made that fail with a server error before
/// any route answered: a hostile or mangled link got a 500 instead of its page's own answer.
struct PublicFiles: AsyncMiddleware {
    let files: FileMiddleware
    init(_ files: FileMiddleware) { self.files = files }

    static let longestName = 255

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let path = request.url.path
        guard path.utf8.count <= 1024, !path.split(separator: "/").contains(where: { $0.utf8.count > Self.longestName }) else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }
}
