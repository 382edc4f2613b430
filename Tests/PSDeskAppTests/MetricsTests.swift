import Foundation
import Testing
import Vapor
import Fluent
import VaporTesting
@testable import PSDeskApp

/// Issue 21, item 5: `/metrics` in Prometheus' text format, scraped and parsed.
@Suite("Metrics: Prometheus text at /metrics")
struct MetricsTests {
    struct Sample: Hashable { let name: String; let labels: [String: String]; let value: Double }

    /// Prometheus' text exposition format, line by line: `# HELP`/`# TYPE` comments, and `name{label="value",…} number`.
    /// Anything else fails the test.
    static func parse(_ text: String) throws -> [Sample] {
        var samples: [Sample] = []
        for line in text.split(whereSeparator: \.isNewline).map(String.init) where !line.isEmpty {
            if line.hasPrefix("# TYPE ") || line.hasPrefix("# HELP ") { continue }
            let pattern = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$/
            guard let match = try pattern.wholeMatch(in: line) else { throw AppError.invalid("not Prometheus text: \(line)") }
            var labels: [String: String] = [:]
            if let body = match.3 {
                for pair in String(body).matches(of: /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/) { labels[String(pair.1)] = String(pair.2) }
            }
            let value = match.4 == "+Inf" ? Double.infinity : match.4 == "-Inf" ? -Double.infinity : Double(match.4) ?? .nan
            samples.append(Sample(name: String(match.1), labels: labels, value: value))
        }
        return samples
    }

    @Test func theScrapeParsesAndCountsRequestsAppendsAndOverdueTimeFrames() async throws {
        try await withTestApp { app in
            let fixture = try await Fixture.make(app)
            // The demo's cases, with time frames overdue on the test's day.
            _ = try await DemoSeed.run(on: app.db, config: app.psdesk)
            let psa = try await Fixture.login(app, email: "reports@obar.test", role: .staff,
                                              in: try #require(try await Association.query(on: app.db).filter(\Association.$slug == "obar").first()), person: nil)
            app.psdesk.metricsToken = "scraper-secret"
            var scraper = HTTPHeaders()
            scraper.bearerAuthorization = .init(token: "scraper-secret")
            #expect(try await app.testing().sendRequest(.GET, "/metrics").status == .unauthorized)
            let before = try Self.parse(try await app.testing().sendRequest(.GET, "/metrics", headers: scraper).body.string)
            _ = try await fixture.openEthicsCase()
            let scrape = try await app.testing().sendRequest(.GET, "/metrics", headers: scraper)
            #expect(scrape.status == .ok)
            #expect(scrape.headers.first(name: .contentType) == "text/plain; version=0.0.4; charset=utf-8")
            let samples = try Self.parse(scrape.body.string)
            func total(_ name: String, _ samples: [Sample], where matching: ([String: String]) -> Bool = { _ in true }) -> Double {
                samples.filter { $0.name == name && matching($0.labels) }.reduce(0) { $0 + $1.value }
            }
            // Requests by route, method and status (Vapor's, through swift-metrics).
            let created = { (labels: [String: String]) in labels["path"] == "/api/v1/associations/:association/cases" && labels["method"] == "POST" && labels["status"] == "201" }
            #expect(total("http_requests_total", samples, where: created) >= total("http_requests_total", before, where: created) + 1)
            #expect(samples.contains { $0.name.hasPrefix("http_request_duration_seconds") })
            // The case's opening wrote three docket entries (other tests in this process may add more).
            #expect(total("psdesk_docket_entries_appended_total", samples) >= total("psdesk_docket_entries_appended_total", before) + 3)
            // Overdue time frames in the association, as the dashboard counts them.
            let dashboard = try await app.testing().sendRequest(.GET, "/api/v1/associations/obar/reports/dashboard", headers: psa)
            let overdue = try dashboard.content.decode(ProgramReports.Dashboard.self).overdue
            #expect(overdue > 0)
            #expect(total("psdesk_deadlines_overdue", samples) { $0["association"] == "obar" } == Double(overdue))
            #expect(samples.contains { $0.name == "psdesk_outbox_messages" && $0.labels["status"] == "failed" })
        }
    }
}
