import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import PSDeskApp
@testable import StandardsCore

@Suite("Documents: checked by content, stored once by SHA-256, downloaded through the policy")
struct DocumentTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)

    func multipart(_ file: Data, filename: String, title: String = "Exhibit") -> (HTTPHeaders, ByteBuffer) {
        let boundary = "psdesk-test-boundary"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n\(title)\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
        return (headers, body)
    }

    @Test func uploadStoreOnceAndDownload() async throws {
        try await withTestApp { app in
            // setup
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let path = "/api/v1/associations/home/cases/\(number)/documents"
            var (headers, body) = multipart(Self.pdf, filename: "complaint.pdf")
            headers.add(contentsOf: fixture.bearer("staff@home.test"))
            // act: the same file twice
            let first = try await app.testing().sendRequest(.POST, path, headers: headers, body: body)
            let second = try await app.testing().sendRequest(.POST, path, headers: headers, body: body)
            // check
            #expect(first.status == .created)
            let document = try first.content.decode(APIModel.DocumentOut.self)
            #expect(document.mediaType == "application/pdf")
            #expect(try second.content.decode(APIModel.DocumentOut.self).sha256 == document.sha256)
            let blobs = try FileManager.default.subpathsOfDirectory(atPath: app.psdesk.blobDirectory).filter { $0.count > 3 }
            #expect(blobs.count == 1, "stored once by SHA-256")
            // It is on the docket as a document.filed entry.
            let entries = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)/entries", headers: fixture.bearer("staff@home.test"))
                .content.decode([APIModel.EntryOut].self)
            #expect(entries.filter { $0.type == "document.filed" }.count == 2)
            #expect(entries.contains { $0.documentIds.contains(document.id) })
            // Download: the party may, a stranger may not, another association may not.
            let content = "\(path)/\(document.id)/content"
            let download = try await app.testing().sendRequest(.GET, content, headers: fixture.bearer("party@home.test"))
            #expect(download.status == .ok)
            #expect(Data(buffer: download.body) == Self.pdf)
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            #expect(try await app.testing().sendRequest(.GET, content, headers: fixture.bearer("stranger@home.test")).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, content, headers: fixture.bearer("staff@other.test")).status == .notFound)
        }
    }

    @Test func disguisedAndOversizedFilesAreRefused() async throws {
        try await withTestApp(maxUploadMB: 1) { app in
            let fixture = try await Fixture.make(app)
            let number = try await fixture.openEthicsCase()
            let path = "/api/v1/associations/home/cases/\(number)/documents"
            let elf = Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + Array(repeating: 0, count: 100))
            var (headers, body) = multipart(elf, filename: "evidence.pdf")
            headers.add(contentsOf: fixture.bearer("staff@home.test"))
            let disguised = try await app.testing().sendRequest(.POST, path, headers: headers, body: body)
            #expect(disguised.status == .unprocessableEntity)
            #expect(try disguised.content.decode(ErrorBody.self).error.code == "upload_type_not_accepted")

            var (bigHeaders, bigBody) = multipart(Self.pdf + Data(count: 1_100_000), filename: "big.pdf")
            bigHeaders.add(contentsOf: fixture.bearer("staff@home.test"))
            let big = try await app.testing().sendRequest(.POST, path, headers: bigHeaders, body: bigBody)
            #expect(big.status == .unprocessableEntity)
            #expect(try big.content.decode(ErrorBody.self).error.code == "upload_too_large")

            let gc = try await app.testing().sendRequest(.POST, path, headers: fixture.bearer("gc@home.test").merging(multipart(Self.pdf, filename: "a.pdf").0),
                                                         body: multipart(Self.pdf, filename: "a.pdf").1)
            #expect(gc.status == .forbidden)
            #expect(try await DocumentRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func filenamesCannotWalkTheDisk() {
        #expect(UploadDocument.sanitize("../../etc/passwd.pdf") == "passwd.pdf")
        #expect(UploadDocument.sanitize("C:\\Users\\x\\reply \"final\".pdf") == "reply final.pdf")
        #expect(UploadDocument.sanitize("") == "document")
    }

    @Test func moneyTypedByPeopleBecomesCents() {
        #expect(Money.cents("500") == 50_000)
        #expect(Money.cents("$1,250.5") == 125_050)
        #expect(Money.cents("0.07") == 7)
        #expect(Money.cents("12.345") == nil)
        #expect(Money.cents("-5") == nil)
        #expect(Money.cents("ten") == nil)
        #expect(Money.format(1_245_000) == "$12,450.00")
    }
}

extension HTTPHeaders {
    func merging(_ other: HTTPHeaders) -> HTTPHeaders {
        var copy = self
        copy.add(contentsOf: other)
        return copy
    }
}
