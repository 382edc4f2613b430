import Foundation
import NIOCore

/// The SMTP relay from the environment (`PSDESK_SMTP_HOST`, `_PORT`, `_SECURITY`, `_USER`, `_PASSWORD`).
public struct MailRelay: Sendable, CustomStringConvertible {
    public enum Security: String, Sendable {
        /// Plain connection upgraded with STARTTLS (port 587).
        case starttls
        /// TLS from the first byte (port 465).
        case tls
        /// No encryption: only for a relay on the same host or a test server.
        case none
    }
    public var host: String
    public var port: Int
    public var security: Security
    public var user: String?
    public var password: String?
    /// What the log may say: never the password.
    public var description: String { "\(host):\(port) (\(security.rawValue)\(user.map { ", as \($0)" } ?? ""))" }
}

/// Hands one finished message to a relay. Returns normally only when the relay accepted it.
protocol MailTransport: Sendable {
    func deliver(_ message: RenderedMail) async throws
}

struct MailDeliveryError: Error, CustomStringConvertible {
    let description: String
}

/// A message as it goes on the wire: RFC 5322 headers and a multipart/alternative body (plain text and HTML).
struct RenderedMail: Sendable {
    let from: String
    let recipients: [String]
    let data: String

    /// - Parameters:
    ///   - defaultFrom: `PSDESK_MAIL_FROM`, for an association without its own sender address.
    ///   - baseURL: `PSDESK_PUBLIC_URL`, put where the body says `NoticeMail.baseURLMark`.
    /// A file sent with the message: a notice's letter as PDF (issue 19).
    struct Attachment: Sendable {
        let filename: String
        let mediaType: String
        let data: Data
    }

    init(_ message: OutboxMessage, defaultFrom: String, baseURL: String, now: Date, attachments: [Attachment] = []) {
        let fromAddress = message.fromAddress.isEmpty ? defaultFrom : message.fromAddress
        from = fromAddress
        recipients = [message.toAddress] + (message.ccAddress.map { [$0] } ?? [])
        let boundary = "psdesk-" + (message.id?.uuidString.lowercased() ?? UUID().uuidString)
        var headers = [
            "From: \(Self.mailbox(message.fromName, fromAddress))",
            "To: \(Self.mailbox(message.toName, message.toAddress))",
        ]
        if let cc = message.ccAddress { headers.append("Cc: \(cc)") }
        headers += [
            "Subject: \(Self.encodedWord(message.subject))",
            "Date: \(Self.rfc5322Date(message.createdAt ?? now))",
            "Message-ID: \(message.messageID)",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
        ]
        // With attachments: multipart/mixed holding the text-and-HTML alternative, then each file.
        let mixed = "mixed-" + boundary
        var lines = headers
        if !attachments.isEmpty {
            lines += ["Content-Type: multipart/mixed; boundary=\"\(mixed)\"", "", "--\(mixed)"]
        }
        lines += ["Content-Type: multipart/alternative; boundary=\"\(boundary)\"", ""]
        for (type, body) in [("text/plain", message.textBody), ("text/html", message.htmlBody)] {
            lines += ["--\(boundary)", "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""]
            lines += Self.base64Lines(body.replacingOccurrences(of: NoticeMail.baseURLMark, with: baseURL))
        }
        lines.append("--\(boundary)--")
        for attachment in attachments {
            let name = attachment.filename.filter { $0.isASCII && !$0.isNewline && $0 != "\"" && $0 != "\\" }
            lines += ["", "--\(mixed)", "Content-Type: \(attachment.mediaType); name=\"\(name)\"", "Content-Transfer-Encoding: base64",
                      "Content-Disposition: attachment; filename=\"\(name)\"", ""]
            lines += Self.base64Lines(attachment.data)
        }
        if !attachments.isEmpty { lines.append("--\(mixed)--") }
        data = lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `"Name" <address>`, with the name as an encoded word when it is not plain ASCII.
    static func mailbox(_ name: String, _ address: String) -> String {
        let clean = name.filter { !$0.isNewline && $0 != "\"" && $0 != "\\" }
        return clean.isEmpty ? "<\(address)>" : "\(encodedWord(clean, quoted: true)) <\(address)>"
    }

    /// RFC 2047: non-ASCII header text as `=?utf-8?B?…?=`; line breaks never reach a header.
    static func encodedWord(_ text: String, quoted: Bool = false) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if flat.allSatisfy({ $0.isASCII }) { return quoted ? "\"\(flat)\"" : flat }
        return "=?utf-8?B?\(Data(flat.utf8).base64EncodedString())?="
    }

    static func base64Lines(_ text: String) -> [String] { base64Lines(Data(text.utf8)) }

    static func base64Lines(_ bytes: Data) -> [String] {
        let encoded = bytes.base64EncodedString()
        return stride(from: 0, to: encoded.count, by: 76).map { start in
            let from = encoded.index(encoded.startIndex, offsetBy: start)
            return String(encoded[from..<(encoded.index(from, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex)])
        }
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// Delivers through Debian's `msmtp` (README, "Email"): a maintained SMTP client with STARTTLS, TLS and AUTH, run once
/// per message. The password reaches it in its environment (`passwordeval`), never on its command line or on disk.
struct MsmtpTransport: MailTransport {
    let relay: MailRelay
    var executable = "/usr/bin/msmtp"
    /// A relay that neither accepts nor refuses within this is treated as refusing, and tried again later.
    var timeoutSeconds = 60

    func deliver(_ message: RenderedMail) async throws {
        var arguments = ["--host=\(relay.host)", "--port=\(relay.port)", "--timeout=\(timeoutSeconds)",
                         "--tls=\(relay.security == .none ? "off" : "on")", "--tls-starttls=\(relay.security == .starttls ? "on" : "off")",
                         "--from=\(message.from)"]
        var environment = ProcessInfo.processInfo.environment.filter { $0.key == "PATH" || $0.key == "HOME" }
        if let user = relay.user {
            arguments += ["--auth=on", "--user=\(user)", "--passwordeval=printenv PSDESK_SMTP_PASSWORD"]
            environment["PSDESK_SMTP_PASSWORD"] = relay.password ?? ""
        } else {
            arguments.append("--auth=off")
        }
        arguments.append("--")
        arguments += message.recipients
        // msmtp gives up on a silent relay itself (`--timeout`); the process is killed only if it hangs past that.
        let finished = try await Subprocess.run(executable, arguments, environment: environment, input: Data(message.data.utf8),
                                                timeoutSeconds: timeoutSeconds * 2) { [executable] in
            MailDeliveryError(description: "msmtp could not start (\(executable)): install Debian's msmtp")
        }
        guard finished.status == 0 else {
            throw MailDeliveryError(description: "the relay did not accept it (msmtp exit \(finished.status)): " + finished.said)
        }
    }
}
