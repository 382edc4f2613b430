import Foundation
import StandardsCore

// Deadline derivation benchmark (issue 4, item 12). Run: swift run -c release psdesk-bench [cases]
// 1. derive the deadlines of realistic 30-entry ethics dockets, single core;
// 2. re-derive every open case of a synthetic data set (default 200,000 cases, mixed kinds and stages).

func docket(_ seed: Int, entries count: Int) -> (CaseKind, [DocketEntry]) { SyntheticDockets.docket(seed, entries: count) }

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports KiB
}

let caseCount = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 200_000
let calendar = HolidayCalendar(name: "us-federal", includesFederalHolidays: true, closureDays: [CivilDate("2026-12-24")!])
let profiles = [RuleProfiles.nar, RuleProfiles.obar]
let asOf = CivilDate("2026-11-23")!

// 1. Thirty-entry ethics dockets, repeated.
let sample = (0..<1_000).map { docket($0 * 6, entries: 30) }  // seed multiple of 6: ethics
var checksum = 0
let rounds = Int(ProcessInfo.processInfo.environment["BENCH_ROUNDS"] ?? "") ?? 100
let clock = ContinuousClock()
let started = clock.now
for round in 0..<rounds {
    for (index, (kind, entries)) in sample.enumerated() {
        let deadlines = DeadlineDerivation.derive(DeadlineInput(kind: kind, profile: profiles[(round + index) & 1], calendar: calendar, docket: entries, asOf: asOf))
        checksum &+= deadlines.count
    }
}
let elapsed = clock.now - started
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let dockets = Double(rounds * sample.count)
print(String(format: "30-entry ethics dockets: %.0f dockets/s on one core (%.2f µs each, %d deadlines derived)", dockets / seconds, seconds / dockets * 1e6, checksum))

// 2. Re-derive every open case of the data set.
let buildStarted = clock.now
let dataset = (0..<caseCount).map { docket($0, entries: 12 + $0 % 25) }
let built = clock.now - buildStarted
let open = dataset.filter { !(CaseProjection.build(kind: $0.0, docket: $0.1).status.isTerminal) }
let sweepStarted = clock.now
var total = 0
for (index, (kind, entries)) in open.enumerated() {
    total &+= DeadlineDerivation.derive(DeadlineInput(kind: kind, profile: profiles[index & 1], calendar: calendar, docket: entries, asOf: asOf)).count
}
let sweep = clock.now - sweepStarted
let sweepSeconds = Double(sweep.components.seconds) + Double(sweep.components.attoseconds) / 1e18
print(String(format: "data set: %d cases (%d entries, built in %.1f s); %d open re-derived in %.2f s = %.0f dockets/s; %d deadlines",
             caseCount, dataset.map(\.1.count).reduce(0, +), Double(built.components.seconds), open.count, sweepSeconds,
             Double(open.count) / sweepSeconds, total))
// 3. The money page and the compliance tracker (issue 6): every ethics case's ledger, discipline and panel.
let ethicsCases = dataset.filter { $0.0 == .ethics }
let moneyStarted = clock.now
var owed = 0, tracked = 0
for (index, (_, entries)) in ethicsCases.enumerated() {
    let profile = profiles[index & 1]
    owed &+= CaseLedger.build(entries, profile: profile).balance(.respondentOwes)
    tracked &+= DisciplineCompliance.items(entries, profile: profile, asOf: asOf).count + HearingPanel.build(entries).members.count
}
let money = clock.now - moneyStarted
let moneySeconds = Double(money.components.seconds) + Double(money.components.attoseconds) / 1e18
print(String(format: "ledger, compliance and panel of %d ethics cases in %.2f s = %.0f cases/s (%d items, %d cents owed)",
             ethicsCases.count, moneySeconds, Double(ethicsCases.count) / moneySeconds, tracked, owed))
// 4. The escrow register (issue 15): each arbitration case's deadlines and escrow position, as an append writes it.
let arbitrationCases = dataset.filter { $0.0 == .arbitration }.prefix(20_000)
let escrowStarted = clock.now
var escrowHeld = 0, escrowLines = 0
for (index, (_, entries)) in arbitrationCases.enumerated() {
    let deadlines = DeadlineDerivation.derive(DeadlineInput(kind: .arbitration, profile: profiles[index & 1], calendar: calendar, docket: entries, asOf: asOf))
    if let position = EscrowRegister.position(docket: entries, deadlines: deadlines, asOf: asOf) {
        escrowLines += 1
        escrowHeld &+= position.held
    }
}
let escrow = clock.now - escrowStarted
let escrowSeconds = Double(escrow.components.seconds) + Double(escrow.components.attoseconds) / 1e18
print(String(format: "escrow register of %d arbitration cases in %.2f s = %.0f cases/s (%d lines, %ld cents held)",
             arbitrationCases.count, escrowSeconds, Double(arbitrationCases.count) / escrowSeconds, escrowLines, escrowHeld))
print(String(format: "peak resident memory: %.0f MB", peakRSSMegabytes()))
