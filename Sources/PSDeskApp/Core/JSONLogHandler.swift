import Foundation
import Logging
import NIOConcurrencyHelpers

/// One JSON object per log line (`PSDESK_LOG_FORMAT=json`, issue 21), for a log collector: time, level, label, message,
/// source and every metadata value (a request's lines carry its `request-id`). Lines are written whole, one at a time.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String
    private static let output = NIOLockedValueBox(FileHandle.standardOutput)

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: String] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { fields[key] = "\(value)" }
        fields["time"] = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date())
        fields["level"] = event.level.rawValue
        fields["label"] = label
        fields["message"] = event.message.description
        fields["source"] = event.source
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard var data = try? encoder.encode(fields) else { return }
        data.append(0x0A)
        Self.output.withLockedValue { $0.write(data) }
    }

    /// Bootstraps JSON lines when `PSDESK_LOG_FORMAT=json`; false when not asked (Vapor's text lines are kept).
    public static func bootstrapIfAsked(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard environment["PSDESK_LOG_FORMAT"]?.lowercased() == "json" else { return false }
        let level = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
        return true
    }
}
