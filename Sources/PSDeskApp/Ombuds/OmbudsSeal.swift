import Vapor

/// Seals the ombuds' working notes and messages at rest (a3.3): AES-GCM with the key from the configuration, so the
/// database file alone reads as noise. Each sealed text carries its own random nonce and tag; opening a text that was
/// altered, or sealed with another key, fails rather than reading wrong.
struct OmbudsSeal: Sendable {
    private let key: SymmetricKey

    init(key: Data) { self.key = SymmetricKey(data: key) }

    enum Failure: Error { case unreadable }

    func seal(_ text: String) throws -> String {
        guard let combined = try AES.GCM.seal(Data(text.utf8), using: key).combined else { throw Failure.unreadable }
        return combined.base64EncodedString()
    }

    func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed), let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: key), let text = String(data: plain, encoding: .utf8) else { throw Failure.unreadable }
        return text
    }

    /// The configured key, or the key file in the data folder, made once with owner-only permissions.
    static func key(for config: AppConfig) throws -> Data {
        if let key = config.ombudsKey { return key }
        let path = config.dataDirectory + "/ombuds.key"
        if let text = try? String(contentsOfFile: path, encoding: .utf8), let key = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
           key.count == 32 {
            return key
        }
        let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(key.base64EncodedString().utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Abort(.internalServerError, reason: "The ombuds key file could not be written in the data folder.")
        }
        return key
    }
}
