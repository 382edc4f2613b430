import Vapor
import Fluent
import SQLKit

/// `psdesk backup` and `psdesk restore` (issue 21): the database and the document store together, so a restored server
/// answers for every paper it lists.
///
/// A backup is a folder: `psdesk.sqlite` (SQLite's `VACUUM INTO`, one consistent snapshot taken while the server keeps
/// serving), `documents/` (the store's files, copied after the snapshot: files are written once under their SHA-256 and
/// never changed, so every file the snapshot refers to is there) and `MANIFEST` (each file's SHA-256, size and path).
/// Restoring checks every file against the manifest before anything is written, then checks the restored database
/// (`PRAGMA integrity_check`) and that every document it refers to is in the store with its SHA-256.
/// On PostgreSQL the database is `pg_dump`'s (README, "Backups"); the folder then holds the documents and the manifest.
enum BackupArchive {
    static let databaseFile = "psdesk.sqlite"
    static let manifestFile = "MANIFEST"

    struct Summary: Equatable {
        var documents = 0
        var bytes: Int64 = 0
    }

    /// The result of checking a restored (or a live) installation.
    struct Check: Equatable {
        /// `ok`, or what `PRAGMA integrity_check` found (SQLite; PostgreSQL checks its own pages).
        var integrity: String
        /// Documents the database refers to, each found with its SHA-256.
        var documentsVerified: Int
        /// SHA-256s the database refers to that the store lacks or holds altered.
        var missingOrAltered: [String]
    }

    static func write(to folder: String, config: AppConfig, db: Database, progress: (String) -> Void) async throws -> Summary {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: folder) else { throw AppError.invalid("\(folder) already exists; choose a new folder.") }
        try fm.createDirectory(atPath: folder + "/documents", withIntermediateDirectories: true)
        var manifest: [String] = []
        var summary = Summary()
        if config.databaseURL == nil {
            guard let sql = db as? SQLDatabase else { throw AppError.invalid("Backup needs a SQL database.") }
            try await sql.raw("VACUUM INTO \(bind: folder + "/" + databaseFile)").run()
            let (sha, bytes) = try sha256(ofFile: folder + "/" + databaseFile)
            manifest.append("\(sha) \(bytes) \(databaseFile)")
            progress("Database snapshot: \(bytes / 1_000_000) MB")
        }
        let files = documentFiles(in: config.blobDirectory)
        for (index, name) in files.enumerated() {
            let relative = "documents/\(name.prefix(2))/\(name)"
            try fm.createDirectory(atPath: folder + "/documents/\(name.prefix(2))", withIntermediateDirectories: true)
            try fm.copyItem(atPath: config.blobDirectory + "/\(name.prefix(2))/\(name)", toPath: folder + "/" + relative)
            let (sha, bytes) = try sha256(ofFile: folder + "/" + relative)
            // A file whose bytes no longer match its name is copied as found, and the manifest says what it holds.
            manifest.append("\(sha) \(bytes) \(relative)")
            summary.documents += 1
            summary.bytes += bytes
            if (index + 1) % 500 == 0 || index + 1 == files.count { progress("Documents: \(index + 1) of \(files.count)") }
        }
        try Data((manifest.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/" + manifestFile))
        return summary
    }

    /// Every file of a backup against its manifest; throws naming the first that does not match.
    static func verify(_ folder: String) throws -> Summary {
        guard let text = try? String(contentsOfFile: folder + "/" + manifestFile, encoding: .utf8) else {
            throw AppError.invalid("\(folder) holds no \(manifestFile): it is not a PSDesk backup.")
        }
        var summary = Summary()
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3, let size = Int64(parts[1]), !parts[2].contains("..") else { throw AppError.invalid("\(manifestFile) has a line PSDesk did not write: \(line)") }
            guard let (sha, bytes) = try? sha256(ofFile: folder + "/" + parts[2]), sha == parts[0], bytes == size else {
                throw AppError.invalid("\(parts[2]) in the backup is missing or altered (its SHA-256 does not match the manifest); nothing was restored.")
            }
            if parts[2].hasPrefix("documents/") { summary.documents += 1; summary.bytes += bytes }
        }
        return summary
    }

    /// Puts a verified backup into `config`'s data folder, which must not hold a database yet.
    static func restore(from folder: String, config: AppConfig, progress: (String) -> Void) throws -> Summary {
        let summary = try verify(folder)
        progress("Backup verified: \(summary.documents) documents match the manifest")
        let fm = FileManager.default
        let hasDatabase = fm.fileExists(atPath: folder + "/" + databaseFile)
        if config.databaseURL == nil {
            guard hasDatabase else { throw AppError.invalid("This backup holds no SQLite database (it was made on PostgreSQL: restore it with pg_restore).") }
            for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: config.sqlitePath + suffix) {
                throw AppError.invalid("\(config.sqlitePath)\(suffix) exists: move the current data folder aside first, so nothing is overwritten.")
            }
        }
        for name in documentFiles(in: folder + "/documents") {
            let target = config.blobDirectory + "/\(name.prefix(2))/\(name)"
            guard !fm.fileExists(atPath: target) else { continue }
            try fm.createDirectory(atPath: config.blobDirectory + "/\(name.prefix(2))", withIntermediateDirectories: true)
            try fm.copyItem(atPath: folder + "/documents/\(name.prefix(2))/\(name)", toPath: target)
        }
        if config.databaseURL == nil {
            try fm.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
            try fm.copyItem(atPath: folder + "/" + databaseFile, toPath: config.sqlitePath)
        }
        return summary
    }

    /// The database's own integrity check, and every document it refers to found in the store with its SHA-256.
    static func check(config: AppConfig, db: Database) async throws -> Check {
        var integrity = "ok"
        if let sql = db as? SQLDatabase, sql.dialect.name == "sqlite" {
            let rows = try await sql.raw("PRAGMA integrity_check").all()
            integrity = try rows.map { try $0.decode(column: "integrity_check", as: String.self) }.joined(separator: "; ")
        }
        let documents = try await DocumentRecord.query(on: db).all(\.$sha256)
        let attachments = try await CaseMessage.query(on: db).filter(\.$attachmentSHA256 != nil).all(\.$attachmentSHA256).compactMap { $0 }
        let storage = DocumentStorage(root: config.blobDirectory)
        var verified = 0, missing: [String] = []
        for sha in Set(documents + attachments).sorted() {
            if let (found, _) = try? sha256(ofFile: storage.path(for: sha)), found == sha { verified += 1 } else { missing.append(sha) }
        }
        return Check(integrity: integrity, documentsVerified: verified, missingOrAltered: missing)
    }

    /// The store's files by name (their SHA-256), without half-written ones.
    static func documentFiles(in root: String) -> [String] {
        let fm = FileManager.default
        return ((try? fm.contentsOfDirectory(atPath: root)) ?? []).sorted().flatMap { prefix in
            ((try? fm.contentsOfDirectory(atPath: root + "/" + prefix)) ?? []).filter { $0.count == 64 && $0.hasPrefix(prefix) }.sorted()
        }
    }

    /// A file's SHA-256 and size, read a megabyte at a time (a hearing's recording may be large).
    static func sha256(ofFile path: String) throws -> (String, Int64) {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            bytes += Int64(chunk.count)
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), bytes)
    }
}
