import Vapor
import Fluent
import SQLKit
import StandardsCore

struct PDFRenderError: Error, CustomStringConvertible {
    let description: String
}

/// Prints HTML to PDF with WeasyPrint (Debian's `weasyprint`; README, "Letters"), a maintained renderer that honours
/// CSS paged media: page size, running headers and footers, page counters. Run once per letter, off the event loop,
/// on files in a private temporary folder; a renderer that hangs is stopped after a minute.
enum PDFRenderer {
    static func render(html: String, executable: String, timeoutSeconds: Int = 60) async throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("psdesk-pdf-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("letter.html"), output = folder.appendingPathComponent("letter.pdf")
        try Data(html.utf8).write(to: input)
        // The letter is built from escaped text with no external resources; the base URL keeps relative ones inside the folder.
        let finished = try await Subprocess.run(executable, ["--quiet", "--base-url", folder.path, input.path, output.path],
                                                environment: ProcessInfo.processInfo.environment.filter { ["PATH", "HOME", "LANG"].contains($0.key) },
                                                timeoutSeconds: timeoutSeconds) {
            PDFRenderError(description: "the PDF renderer could not start (\(executable)): install Debian's weasyprint or set PSDESK_WEASYPRINT")
        }
        guard finished.status == 0, let pdf = try? Data(contentsOf: output), pdf.starts(with: Array("%PDF".utf8)) else {
            throw PDFRenderError(description: "the PDF renderer failed (exit \(finished.status)): " + finished.said)
        }
        return pdf
    }
}

/// Prints letters to PDF (issue 19): the background round prints every letter not yet printed, and a letter asked for
/// (its PDF opened, or its email about to go) is printed on the spot. The PDF is stored like any case paper, attached
/// to the notice's docket entry, so it appears on the case with its SHA-256.
enum LetterPrinting {
    /// Attempts before a letter is left for staff to see (its error shows on the letter page).
    static let attempts = 5

    /// Prints up to `limit` letters waiting; returns how many were printed.
    @discardableResult
    static func printWaiting(app: Application, limit: Int = 20) async throws -> Int {
        let waiting = try await LetterRecord.query(on: app.db).filter(\.$documentID == nil).filter(\.$renderAttempts < attempts)
            .sort(\.$createdAt).limit(limit).all()
        var printed = 0
        for letter in waiting where (try? await document(for: letter, app: app)) != nil { printed += 1 }
        return printed
    }

    /// The letter's PDF, printed now if it has not been. Two instances printing the same letter at once store the same
    /// bytes under the same hash; only the first to record it attaches a document.
    static func document(for letter: LetterRecord, app: Application) async throws -> DocumentRecord {
        if let id = letter.documentID, let document = try await DocumentRecord.find(id, on: app.db) { return document }
        let content = try letter.decoded()
        let pdf: Data
        do {
            pdf = try await PDFRenderer.render(html: LetterText.printable(content, fingerprint: letter.textSHA256), executable: app.psdesk.pdfRenderer)
        } catch {
            letter.renderAttempts += 1
            letter.renderError = String(String(describing: error).prefix(500))
            try await letter.save(on: app.db)
            app.logger.warning("letter \(letter.id?.uuidString ?? "?") not printed (attempt \(letter.renderAttempts)): \(error)")
            throw error
        }
        let sha = try DocumentStorage(root: app.psdesk.blobDirectory).store(pdf)
        return try await writeTransaction(on: app.db) { tx in
            if let fresh = try await LetterRecord.find(letter.id, on: tx), let id = fresh.documentID, let document = try await DocumentRecord.find(id, on: tx) {
                return document
            }
            let kind = NoticeKind(rawValue: content.kind)
            let document = DocumentRecord(associationID: letter.$association.id, caseID: letter.$caseRecord.id, docketEntryID: letter.noticeEntryID,
                                          title: "Letter to \(content.recipient): \(content.subject)",
                                          filename: filename(content, kind: kind), mediaType: "application/pdf", byteCount: pdf.count, sha256: sha, uploadedBy: nil)
            try await document.create(on: tx)
            letter.documentID = document.id
            letter.renderError = nil
            try await letter.save(on: tx)
            return document
        }
    }

    /// `E-2026-001-hearing-laura-pender.pdf`.
    static func filename(_ content: LetterContent, kind: NoticeKind?) -> String {
        let number = content.caseLine.split(separator: ":").first.map { $0.replacingOccurrences(of: "Case ", with: "") } ?? "letter"
        let slug = (number + "-" + (kind?.rawValue ?? "letter") + "-" + content.recipient).lowercased()
            .map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce(into: "") { out, c in if !(c == "-" && out.last == "-") { out.append(c) } }
        return UploadDocument.sanitize(String(slug.prefix(120))) + ".pdf"
    }
}
