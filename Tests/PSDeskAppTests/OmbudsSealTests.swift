import Foundation
import Testing
@testable import PSDeskApp

/// Issue 17: the ombuds' notes and messages are unreadable at rest without the configured key (a3.3).
@Suite("Ombuds notes sealed at rest (a3.3)")
struct OmbudsSealTests {
    @Test func sealedTextOpensOnlyWithItsKeyAndUnaltered() throws {
        let seal = OmbudsSeal(key: Data(repeating: 1, count: 32))
        let sealed = try seal.seal("Call Ms. Example back on Tuesday about the lockbox")
        #expect(!sealed.contains("Example") && !sealed.contains("lockbox"))
        #expect(try seal.open(sealed) == "Call Ms. Example back on Tuesday about the lockbox")
        // A fresh nonce each time: the same text never seals the same way twice.
        #expect(try seal.seal("same") != (try seal.seal("same")))
        #expect(throws: OmbudsSeal.Failure.self) { try OmbudsSeal(key: Data(repeating: 2, count: 32)).open(sealed) }
        var bytes = Data(base64Encoded: sealed)!
        bytes[bytes.count - 1] ^= 1
        #expect(throws: OmbudsSeal.Failure.self) { try seal.open(bytes.base64EncodedString()) }
    }

    @Test func theKeyComesFromTheConfigurationOrAKeyFileOutsideTheDatabase() throws {
        #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(["PSDESK_OMBUDS_KEY": "short"]) }
        let key = Data(repeating: 9, count: 32)
        #expect(try AppConfig.fromEnvironment(["PSDESK_OMBUDS_KEY": key.base64EncodedString()]).ombudsKey == key)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombuds-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try AppConfig.fromEnvironment(["PSDESK_DATA": folder])
        let made = try OmbudsSeal.key(for: config)
        #expect(made.count == 32)
        #expect(try OmbudsSeal.key(for: config) == made)
        let permissions = try FileManager.default.attributesOfItem(atPath: folder + "/ombuds.key")[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }
}
