import Vapor
import StandardsCore

/// The multipart form both the web and the API use to upload a paper.
struct DocumentUploadForm: Content {
    var file: File
    var title: String?
    var effectiveOn: String?

    static func decode(from req: Request) throws -> DocumentUploadForm {
        guard req.headers.contentType?.type == "multipart" else {
            throw AppError(.unsupportedMediaType, code: "multipart_required", message: "Send the file as multipart/form-data with a \"file\" field.")
        }
        do {
            return try req.content.decode(DocumentUploadForm.self)
        } catch {
            throw AppError.invalid("Send the file as multipart/form-data with a \"file\" field (and optionally \"title\", \"effectiveOn\").")
        }
    }
}

/// Streams a stored paper back, after the caller has passed the access policy.
enum DocumentDownload {
    static func response(for document: DocumentRecord, config: AppConfig) throws -> Response {
        let data: Data
        do {
            data = try DocumentStorage(root: config.blobDirectory).read(document.sha256)
        } catch {
            throw AppError(.gone, code: "document_missing", message: "The stored file for this document is missing; tell your administrator.")
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: document.mediaType)
        // Always a download, never rendered inline: an uploaded file must not run as a page of ours.
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(document.filename)\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }
}
