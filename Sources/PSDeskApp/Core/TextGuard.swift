import Vapor
import MultipartKit

/// Refuses text carrying NUL bytes or other control characters (issue 21), in every form field, JSON string and query
/// value, before any handler sees it: such text is never typed, breaks letters and exports, and is how hostile clients
/// probe. Tab, line feed and carriage return are text. A file's bytes are the upload checks' business, not this one's.
///
/// A few forms check their long text themselves and say so beside the field (the ombuds inquiry, case messages); their
/// routes are marked `checksOwnText()` and skipped here.
enum TextGuard {
    static let ownCheckKey = "psdesk.checksOwnText"

    static func isControl(_ byte: UInt8) -> Bool { (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F }

    /// Throws a 400 naming the first field found holding a control character.
    static func check(_ request: Request) throws {
        if request.route?.userInfo[ownCheckKey] as? Bool == true { return }
        if let query = request.url.query, let field = urlEncodedField(Substring(query)) { throw refusal(field) }
        guard let body = request.body.data, let type = request.headers.contentType else { return }
        let field: String?
        if type == .urlEncodedForm {
            field = urlEncodedField(Substring(body.getString(at: body.readerIndex, length: body.readableBytes) ?? ""))
        } else if type == .json {
            field = jsonField(body)
        } else if type.type == "multipart", let boundary = type.parameters["boundary"] {
            field = multipartField(body, boundary: boundary)
        } else {
            field = nil
        }
        if let field { throw refusal(field) }
    }

    static func refusal(_ field: String) -> AppError {
        AppError(.badRequest, code: "control_characters",
                 message: "\(field.hasPrefix("the ") ? field.prefix(1).uppercased() + field.dropFirst() : "The field \u{201C}\(field)\u{201D}") holds a control character (such as a NUL byte), which PSDesk does not accept in text. Go back, remove it and send again.")
    }

    /// The name of the first `name=value` pair whose decoded value holds a control character.
    private static func urlEncodedField(_ text: Substring) -> String? {
        func decode(_ part: Substring) -> String { String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part) }
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            if name.utf8.contains(where: isControl) || (parts.count > 1 && decode(parts[1]).utf8.contains(where: isControl)) { return name }
        }
        return nil
    }

    /// The path (`parties.0.role`) of the first string value holding a control character. Keys are not read: a decoder
    /// ignores the ones it does not know. A body that is not JSON is the decoder's to refuse.
    private static func jsonField(_ body: ByteBuffer) -> String? {
        guard let value = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView), options: [.fragmentsAllowed]) else { return nil }
        func find(_ value: Any, _ path: String) -> String? {
            switch value {
            case let text as String: return text.utf8.contains(where: isControl) ? (path.isEmpty ? "the JSON body" : path) : nil
            case let object as [String: Any]:
                for key in object.keys.sorted() { if let found = find(object[key]!, path.isEmpty ? key : path + "." + key) { return found } }
                return nil
            case let array as [Any]:
                for (index, element) in array.enumerated() { if let found = find(element, path + (path.isEmpty ? "" : ".") + "\(index)") { return found } }
                return nil
            default: return nil
            }
        }
        return find(value, "")
    }

    /// The first text part (no filename) of a multipart body holding a control character.
    private static func multipartField(_ body: ByteBuffer, boundary: String) -> String? {
        let parser = MultipartParser(boundary: boundary)
        var name = "", isFile = false, found: String?
        parser.onHeader = { header, value in
            guard header.lowercased() == "content-disposition" else { return }
            isFile = value.contains("filename=")
            name = value.components(separatedBy: "name=\"").dropFirst().first.flatMap { $0.split(separator: "\"").first.map(String.init) } ?? ""
        }
        parser.onBody = { chunk in
            if found == nil, !isFile, chunk.readableBytesView.contains(where: isControl) { found = name }
        }
        parser.onPartComplete = { isFile = false; name = "" }
        // A body that is not well-formed multipart is the handler's to refuse, with its own message.
        do { try parser.execute(body) } catch { return found }
        return found
    }
}

extension Route {
    /// This route's handler checks its text for control characters itself and answers beside the field (`TextGuard`).
    @discardableResult
    func checksOwnText() -> Route {
        userInfo[TextGuard.ownCheckKey] = true
        return self
    }
}
