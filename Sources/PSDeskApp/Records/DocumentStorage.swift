import Vapor
import Fluent
import StandardsCore

/// Case papers on disk: each distinct file is stored once, named by its SHA-256, under
/// `<data>/documents/ab/abcdef…`. Metadata lives in the `documents` table.
struct DocumentStorage: Sendable {
    let root: String

    func path(for sha256: String) -> String { "\(root)/\(sha256.prefix(2))/\(sha256)" }

    /// Writes the bytes unless a file with the same hash is already there; returns the hash.
    func store(_ data: Data) throws -> String {
        let sha = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let target = path(for: sha)
        let fm = FileManager.default
        if !fm.fileExists(atPath: target) {
            try fm.createDirectory(atPath: "\(root)/\(sha.prefix(2))", withIntermediateDirectories: true)
            // Write to a temporary name and move, so a crash never leaves a half file under the hash.
            let temporary = target + ".partial-" + UUID().uuidString
            try data.write(to: URL(fileURLWithPath: temporary))
            if fm.fileExists(atPath: target) { try? fm.removeItem(atPath: temporary) } else { try fm.moveItem(atPath: temporary, toPath: target) }
        }
        return sha
    }

    func read(_ sha256: String) throws -> Data {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else { throw AppError.notFound("document") }
        return try Data(contentsOf: URL(fileURLWithPath: path(for: sha256)))
    }
}

/// Files an uploaded paper on a case: checks it by content and size, stores it, and puts a
/// `document.filed` entry on the docket that the document is attached to.
enum UploadDocument {
    static func run(filename: String, title: String, data: Data, effectiveOn: CivilDate, to caseScope: CaseScope, by actor: Actor,
                    config: AppConfig, now: Date, on db: Database) async throws -> DocumentRecord {
        try caseScope.require(.uploadDocument)
        let cleanName = sanitize(filename)
        let cleanTitle = title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? cleanName : title.trimmingCharacters(in: .whitespacesAndNewlines)
        let type = try check(filename: cleanName, data: data, config: config, allowed: allowed(caseScope, config: config))
        let sha = try DocumentStorage(root: config.blobDirectory).store(data)
        let record = caseScope.record
        return try await writeTransaction(on: db) { tx in
            let entries = try await DocketStore.append([ProposedEntry(type: .documentFiled, effectiveOn: effectiveOn, payload: ["title": .text(cleanTitle)])],
                                                       to: record, by: actor, at: now, on: tx)
            let document = DocumentRecord(associationID: record.$association.id, caseID: try record.requireID(), docketEntryID: entries.records.first?.id,
                                          title: cleanTitle, filename: cleanName, mediaType: type.mediaType, byteCount: data.count,
                                          sha256: sha, uploadedBy: actor.userID)
            try await document.create(on: tx)
            return document
        }
    }

    /// What may be filed on this case: papers; and a hearing's recording by staff on an ethics or arbitration case, since
    /// the association records its hearings and a party may not (S3 6.2.1, a2.5).
    static func allowed(_ caseScope: CaseScope, config: AppConfig) -> Set<DocumentType> {
        let records = caseScope.scope.roles.contains(.staff) && [.ethics, .arbitration].contains(caseScope.kind)
        return records ? config.uploadTypes.union(DocumentType.recordings) : config.uploadTypes
    }

    /// The document's type, recognised by content, or the refusal (type not accepted, too large, empty).
    @discardableResult
    static func check(filename: String, data: Data, config: AppConfig, allowed: Set<DocumentType>? = nil) throws -> DocumentType {
        switch UploadCheck.check(filename: sanitize(filename), byteCount: data.count, head: Array(data.prefix(64 * 1024)),
                                 allowed: allowed ?? config.uploadTypes, maxBytes: config.maxUploadBytes) {
        case .success(let found): return found
        case .failure(let refusal): throw AppError(refusals: [refusal])
        }
    }

    /// Keeps only the last path component and printable characters, so a name can never walk the disk or
    /// break a Content-Disposition header.
    static func sanitize(_ filename: String) -> String {
        let last = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "document"
        let kept = last.filter { $0.isLetter || $0.isNumber || " .-_()".contains($0) }
        return kept.isEmpty ? "document" : String(kept.prefix(200))
    }
}
