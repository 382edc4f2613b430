import Vapor
import StandardsCore

/// `?dryRun=true` on a step or the entry route: the step runs with every check as for real, and `DocketStore.append`
/// stops before writing, throwing what it would have appended. The transaction around it rolls back anything else the
/// step did, so nothing is written and the answer is exactly what the real call would have done or refused.
enum DryRun {
    @TaskLocal static var isOn = false

    /// What a step would append, and the warnings it would pass with.
    struct Outcome: Error {
        let entries: [DocketEntry]
        let warnings: [Refusal]
    }

    struct Out: Content {
        let dryRun: Bool
        let wouldAppend: [Entry]
        let warnings: [ErrorBody.Detail]
        struct Entry: Content { let type: String; let title: String; let effectiveOn: String; let payload: Payload }
    }

    /// Runs `work` for real, or, when the request asks for a dry run, runs it checked but unwritten.
    static func respond(_ req: Request, _ work: () async throws -> some AsyncResponseEncodable) async throws -> Response {
        guard (req.query["dryRun"] as String?)?.lowercased() == "true" else { return try await work().encodeResponse(for: req) }
        do {
            _ = try await $isOn.withValue(true) { try await work() }
            throw AppError(.internalServerError, code: "internal", message: "The dry run appended nothing.")
        } catch let outcome as Outcome {
            return try await Out(dryRun: true,
                                 wouldAppend: outcome.entries.map { .init(type: $0.type.rawValue, title: $0.type.title, effectiveOn: $0.effectiveOn.description, payload: $0.payload) },
                                 warnings: outcome.warnings.map { .init(code: $0.code, message: $0.message, rule: $0.rule) }).encodeResponse(for: req)
        }
    }
}
