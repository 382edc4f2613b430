/// The kinds of file PSDesk accepts, recognised by their content, not their name: case papers, and the recordings the
/// association makes of its hearings (S3 6.2.1, a2.5), which only staff file.
public enum DocumentType: String, Codable, Sendable, CaseIterable {
    case pdf, docx, doc, png, jpeg, gif
    case mp3, m4a, wav

    /// Papers anyone with a case may file.
    public static let papers: Set<DocumentType> = [.pdf, .docx, .doc, .png, .jpeg, .gif]
    /// A hearing's recording: the association records, a party may not (S3 6.2.1).
    public static let recordings: Set<DocumentType> = [.mp3, .m4a, .wav]

    public var isRecording: Bool { Self.recordings.contains(self) }

    /// Whether a stored media type is a recording's.
    public static func isRecording(mediaType: String) -> Bool { recordings.contains { $0.mediaType == mediaType } }

    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .doc: "application/msword"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .mp3: "audio/mpeg"
        case .m4a: "audio/mp4"
        case .wav: "audio/wav"
        }
    }

    public var fileExtensions: [String] {
        switch self {
        case .pdf: ["pdf"]
        case .docx: ["docx"]
        case .doc: ["doc"]
        case .png: ["png"]
        case .jpeg: ["jpg", "jpeg"]
        case .gif: ["gif"]
        case .mp3: ["mp3"]
        case .m4a: ["m4a"]
        case .wav: ["wav"]
        }
    }

    /// Recognises a file from its first bytes. A Word .docx is a ZIP holding a `word/` part; a plain ZIP
    /// is not accepted.
    public static func sniff<Bytes: Collection>(_ bytes: Bytes) -> DocumentType? where Bytes.Element == UInt8 {
        let head = Array(bytes.prefix(12))
        func starts(_ magic: [UInt8]) -> Bool { head.count >= magic.count && Array(head.prefix(magic.count)) == magic }
        if starts([0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf }                      // %PDF-
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x47, 0x49, 0x46, 0x38]) { return .gif }                          // GIF8
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .doc }  // OLE compound file
        if starts([0x50, 0x4B, 0x03, 0x04]), contains(bytes, Array("word/".utf8)) { return .docx }
        if starts(Array("ID3".utf8)) || starts([0xFF, 0xFB]) || starts([0xFF, 0xF3]) || starts([0xFF, 0xF2]) { return .mp3 }  // ID3 tag or MPEG frame
        if starts(Array("RIFF".utf8)), head.count >= 12, Array(head[8..<12]) == Array("WAVE".utf8) { return .wav }
        if head.count >= 12, Array(head[4..<8]) == Array("ftyp".utf8), Array(head[8..<11]) == Array("M4A".utf8) { return .m4a }
        return nil
    }

    private static func contains<Bytes: Collection>(_ haystack: Bytes, _ needle: [UInt8]) -> Bool where Bytes.Element == UInt8 {
        let bytes = Array(haystack)
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if Array(bytes[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }
}

/// Checks an upload against the size limit and the accepted types. The name's extension must agree with
/// the content, so a renamed executable is refused even when called `.pdf`.
public enum UploadCheck {
    public static func check(filename: String, byteCount: Int, head: [UInt8], allowed: Set<DocumentType>, maxBytes: Int) -> Result<DocumentType, Refusal> {
        if byteCount == 0 { return .failure(Refusal(code: "empty_upload", message: "The file is empty.")) }
        if byteCount > maxBytes {
            return .failure(Refusal(code: "upload_too_large", message: "The file is \(byteCount) bytes; the limit is \(maxBytes) bytes."))
        }
        guard let type = DocumentType.sniff(head), allowed.contains(type) else {
            return .failure(Refusal(code: "upload_type_not_accepted",
                                    message: "Only \(allowed.map(\.rawValue).sorted().joined(separator: ", ")) files are accepted; this file's content is none of them."))
        }
        let ext = filename.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard type.fileExtensions.contains(ext) else {
            return .failure(Refusal(code: "upload_name_mismatch",
                                    message: "The file's content is \(type.rawValue) but its name ends in .\(ext)."))
        }
        return .success(type)
    }
}
