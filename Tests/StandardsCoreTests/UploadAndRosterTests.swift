import Foundation
import Testing
@testable import StandardsCore

@Suite("Uploads are recognised by content")
struct UploadCheckTests {
    let pdf = Array("%PDF-1.7\n%âãÏÓ\n".utf8)
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
    let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]

    @Test func sniffsKnownTypes() {
        #expect(DocumentType.sniff(pdf) == .pdf)
        #expect(DocumentType.sniff(png) == .png)
        #expect(DocumentType.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(DocumentType.sniff([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) == .doc)
        #expect(DocumentType.sniff([0x50, 0x4B, 0x03, 0x04] + Array("....[Content_Types].xml....word/document.xml".utf8)) == .docx)
        #expect(DocumentType.sniff([0x50, 0x4B, 0x03, 0x04] + Array("plain zip".utf8)) == nil)
        #expect(DocumentType.sniff(elf) == nil)
        // Hearing recordings (S3 6.2.1): an ID3-tagged or bare MPEG frame, a RIFF WAVE, an MPEG-4 audio file.
        #expect(DocumentType.sniff(Array("ID3\u{04}\u{00}\u{00}\u{00}\u{00}\u{00}\u{00}".utf8)) == .mp3)
        #expect(DocumentType.sniff([0xFF, 0xFB, 0x90, 0x64]) == .mp3)
        #expect(DocumentType.sniff(Array("RIFF".utf8) + [0x24, 0x08, 0x00, 0x00] + Array("WAVE".utf8)) == .wav)
        #expect(DocumentType.sniff(Array("RIFF".utf8) + [0x24, 0x08, 0x00, 0x00] + Array("AVI ".utf8)) == nil)
        #expect(DocumentType.sniff([0x00, 0x00, 0x00, 0x20] + Array("ftypM4A ".utf8)) == .m4a)
        #expect(DocumentType.sniff([0x00, 0x00, 0x00, 0x20] + Array("ftypisom".utf8)) == nil)
        #expect(DocumentType.papers.isDisjoint(with: DocumentType.recordings) && DocumentType.papers.union(DocumentType.recordings) == Set(DocumentType.allCases))
    }

    @Test func refusesRenamedExecutablesMismatchedNamesAndOversizedFiles() {
        let all = DocumentType.papers
        #expect(UploadCheck.check(filename: "evidence.pdf", byteCount: 100, head: elf, allowed: all, maxBytes: 1000) == .failure(
            Refusal(code: "upload_type_not_accepted", message: "Only doc, docx, gif, jpeg, pdf, png files are accepted; this file's content is none of them.")))
        if case .failure(let refusal) = UploadCheck.check(filename: "photo.pdf", byteCount: 100, head: png, allowed: all, maxBytes: 1000) {
            #expect(refusal.code == "upload_name_mismatch")
        } else { Issue.record("a PNG named .pdf must be refused") }
        if case .failure(let refusal) = UploadCheck.check(filename: "big.pdf", byteCount: 1001, head: pdf, allowed: all, maxBytes: 1000) {
            #expect(refusal.code == "upload_too_large")
        } else { Issue.record("an oversized file must be refused") }
        if case .failure(let refusal) = UploadCheck.check(filename: "scan.png", byteCount: 100, head: png, allowed: [.pdf], maxBytes: 1000) {
            #expect(refusal.code == "upload_type_not_accepted")
        } else { Issue.record("a type outside the configured list must be refused") }
        #expect(UploadCheck.check(filename: "Reply.PDF", byteCount: 100, head: pdf, allowed: all, maxBytes: 1000) == .success(.pdf))
    }
}

@Suite("Roster validation reports every bad line")
struct RosterTests {
    let header = Roster.columns

    func row(_ line: Int, _ values: [String: String]) -> (line: Int, values: [String: String]) { (line, values) }

    @Test func acceptsGoodRows() {
        let (records, errors) = Roster.validate(header: header, rows: [
            row(2, ["member_id": "M1", "first_name": "Ann", "last_name": "Lee", "membership_type": "realtor", "principal": "yes", "joined_on": "2020-01-01", "firm": "Acme"]),
            row(3, ["member_id": "M2", "first_name": "Bo", "last_name": "Ray", "membership_type": "REALTOR-ASSOCIATE", "joined_on": "2021-05-01", "left_on": "2025-01-01"]),
        ])
        #expect(errors.isEmpty)
        #expect(records.map(\.memberNumber) == ["M1", "M2"])
        #expect(records[0].isPrincipal && records[1].membershipType == .realtorAssociate)
        #expect(records[1].leftOn?.description == "2025-01-01")
    }

    @Test func reportsEachBadRowWithItsLineAndReason() {
        let (_, errors) = Roster.validate(header: header, rows: [
            row(2, ["member_id": "M1", "first_name": "Ann", "last_name": "Lee", "membership_type": "realtor", "joined_on": "2020-01-01"]),
            row(3, ["member_id": "M1", "first_name": "Dup", "last_name": "Lee", "membership_type": "realtor", "joined_on": "2020-01-01"]),
            row(4, ["member_id": "M3", "first_name": "", "last_name": "X", "membership_type": "broker", "joined_on": "2020-02-30"]),
            row(5, ["member_id": "M4", "first_name": "A", "last_name": "B", "membership_type": "affiliate", "principal": "yes", "joined_on": "2020-01-01"]),
            row(6, ["member_id": "M5", "first_name": "A", "last_name": "B", "membership_type": "realtor", "joined_on": "2020-01-01", "left_on": "2019-01-01", "email": "nope"]),
        ])
        #expect(errors.map(\.line) == [3, 4, 5, 6])
        #expect(errors[0].reason.contains("already appears on line 2"))
        #expect(errors[1].reason.contains("first_name is empty") && errors[1].reason.contains("membership_type") && errors[1].reason.contains("joined_on"))
        #expect(errors[2].reason.contains("only a REALTOR member can be a principal"))
        #expect(errors[3].reason.contains("left_on is before joined_on") && errors[3].reason.contains("email"))
    }

    @Test func missingColumnsAreReportedOnTheHeaderLine() {
        let (_, errors) = Roster.validate(header: ["member_id", "first_name"], rows: [])
        #expect(errors == [RosterError(line: 1, reason: "missing column(s): last_name, membership_type, joined_on")])
    }
}
