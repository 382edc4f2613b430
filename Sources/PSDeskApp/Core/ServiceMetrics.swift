import Vapor
import Fluent
import SQLKit
import Metrics
import Prometheus

/// Prometheus metrics at `/metrics` (issue 21), through swift-metrics: Vapor reports every request by route, method
/// and status (`http_requests_total`, `http_request_duration_seconds`); PSDesk adds docket appends, outbox delivery
/// failures, password checks and throttle refusals as they happen, and, read from the database at each scrape, the
/// outbox's depth and the time frames overdue in each association (every instance reports the same database figures:
/// take `max` across instances, not `sum`).
enum ServiceMetrics {
    /// One registry per process: swift-metrics can be bootstrapped once, and every application in the process (the
    /// tests make many) reports into it.
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Bootstraps swift-metrics (once) so Vapor's own request metrics are recorded.
    static func start() { _ = registry }

    static func docketAppended(_ count: Int) {
        Counter(label: "psdesk_docket_entries_appended_total").increment(by: count)
    }

    static func outboxRefused(purpose: String) {
        Counter(label: "psdesk_outbox_delivery_failures_total", dimensions: [("purpose", purpose)]).increment()
    }

    static func passwordChecked(decoy: Bool) {
        Counter(label: "psdesk_password_checks_total", dimensions: [("against", decoy ? "decoy" : "account")]).increment()
    }

    static func throttled(_ action: String) {
        Counter(label: "psdesk_throttle_refusals_total", dimensions: [("action", action)]).increment()
    }

    /// The figures read from the database, recorded just before they are written out.
    static func recordDatabaseFigures(app: Application) async throws {
        let db = app.db
        for status in [OutboxStatus.queued, .sending, .failed, .noAddress] {
            let count = try await OutboxMessage.query(on: db).filter(\.$status == status.rawValue).count()
            Gauge(label: "psdesk_outbox_messages", dimensions: [("status", status.rawValue)]).record(count)
        }
        guard let sql = db as? SQLDatabase else { return }
        // "Overdue" as the worklist and the dashboard count it (`KeptWindows`), on each association's own today:
        // one query per time zone, not per association.
        let associations = try await Association.query(on: db).all()
        struct Row: Decodable { let association_id: UUID; let n: Int }
        for members in Dictionary(grouping: associations, by: \.timeZone).values {
            guard let first = members.first else { continue }
            let today = try app.clock.today(for: first)
            let rows = try await sql.raw("""
                SELECT association_id, COUNT(*) AS n FROM \(ident: CaseDeadlineRow.schema)
                WHERE association_id IN (\(binds: members.compactMap(\.id))) AND case_closed = \(bind: false)
                  AND ((\(KeptWindows.pastDue(on: today))) OR (\(KeptWindows.missedUnmet))) GROUP BY association_id
                """).all(decoding: Row.self)
            let counts = Dictionary(rows.map { ($0.association_id, $0.n) }, uniquingKeysWith: +)
            for association in members {
                Gauge(label: "psdesk_deadlines_overdue", dimensions: [("association", association.slug)]).record(counts[association.id ?? UUID()] ?? 0)
            }
        }
    }
}

/// `GET /metrics` in Prometheus' text format. With `PSDESK_METRICS_TOKEN` set, only a scraper sending it as a bearer
/// token is answered; without it, only this machine (association names and counts are not for the world).
struct MetricsController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("metrics") { req async throws -> Response in
            // Plain answers for a scraper (the error pages would send a browser to sign in).
            if let token = req.application.psdesk.metricsToken {
                guard let sent = req.headers.bearerAuthorization?.token, TokenHashing.hash(sent) == TokenHashing.hash(token) else {
                    return Response(status: .unauthorized, body: "Send the metrics token (PSDESK_METRICS_TOKEN) as a bearer token.\n")
                }
            } else if !AppConfig.isLoopback(req.remoteAddress?.ipAddress ?? "127.0.0.1") {
                return Response(status: .forbidden, body: "Metrics are answered to this machine only unless PSDESK_METRICS_TOKEN is set.\n")
            }
            try await ServiceMetrics.recordDatabaseFigures(app: req.application)
            let response = Response(status: .ok, body: .init(string: ServiceMetrics.registry.emitToString()))
            response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
            return response
        }
    }
}
