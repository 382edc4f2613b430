import Vapor

/// A session driver (`StoredSessions`) that writes a session back only when the request changed it. Vapor's sessions middleware
/// saves every session it read at the end of every request: each page view was a database write, and on SQLite all
/// of them queued for the one writer (issue 12). A session's row holds only its data (no last-seen time), so an
/// unchanged session has nothing to write.
struct QuietSessions: SessionDriver {
    let base: any SessionDriver

    /// The session as it was read, to compare with what the request leaves.
    private struct AsRead: StorageKey { typealias Value = SessionData }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        base.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        base.readSession(sessionID, for: request).map { data in
            if let data { request.storage[AsRead.self] = data }
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if request.storage[AsRead.self] == data { return request.eventLoop.makeSucceededFuture(sessionID) }
        return base.updateSession(sessionID, to: data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        base.deleteSession(sessionID, for: request)
    }
}
