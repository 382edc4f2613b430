import Foundation
import StandardsCore

// Deadline derivation benchmark (issue 4, item 12). Run: swift run -c release psdesk-bench [cases]
// 1. derive the deadlines of realistic 30-entry ethics dockets, single core;
// 2. re-derive every open case of a synthetic data set (default 200,000 cases, mixed kinds and stages).

func docket(_ seed: Int, entries count: Int) -> (CaseKind, [DocketEntry]) {
    let kinds: [CaseKind] = [.ethics, .ethics, .ethics, .arbitration, .citation, .mediation]
    let kind = kinds[seed % kinds.count]
    let start = CivilDate("2024-01-01")!.adding(days: seed % 900)
    var list: [DocketEntry] = []
    func add(_ type: DocketEntryType, _ offset: Int, _ payload: Payload = [:]) {
        guard list.count < count else { return }
        list.append(DocketEntry(sequence: list.count + 1, type: type, effectiveOn: start.adding(days: offset),
                                recordedAt: Date(timeIntervalSince1970: 1_700_000_000), actorName: "PSA", payload: payload))
    }
    func notice(_ kind: NoticeKind, _ offset: Int) {
        add(.noticeSent, offset, ["notice": .text(kind.rawValue), "receivedOn": .text(start.adding(days: offset + 3).description)])
    }
    add(.caseOpened, 0)
    add(.partyAdded, 0, ["personId": .text("6F9619FF-8B86-D011-B42D-00C04FC964FF"), "role": .text("complainant")])
    add(.partyAdded, 0, ["personId": .text("7F9619FF-8B86-D011-B42D-00C04FC964FF"), "role": .text("respondent")])
    switch kind {
    case .arbitration:
        add(.arbitrationRequested, 0, ["amountCents": .integer(500_000), "transactionConcludedOn": .text(start.adding(days: -60).description)])
        add(.arbitrationClassified, 20, ["classification": .text("mandatory")])
        notice(.requestServed, 21)
        add(.replyReceived, 30)
        add(.mediationRequested, 31)
        add(.mediationEnded, 60)
        add(.hearingScheduled, 61, ["hearingOn": .text(start.adding(days: 90).description)])
        notice(.papersToPanel, 84)
        add(.hearingHeld, 90)
        add(.awardRendered, 91, ["amountCents": .integer(250_000)])
        notice(.award, 93)
    case .citation:
        add(.citationIssued, 0, ["standard": .text("12-7"), "fineCents": .integer(10_000)])
        notice(.citation, 0)
        add(.citationAccepted, 12)
    default:
        add(.informalProcess, 0, ["process": .text("mediation"), "startedOn": .text(start.adding(days: -40).description),
                                  "endedOn": .text(start.adding(days: -20).description)])
        add(.complaintFiled, 0, ["articles": .text("1, 2"), "transactionConcludedOn": .text(start.adding(days: -100).description)])
        add(.complaintAcknowledged, 2)
        add(.note, 3, ["text": .text("Called the complainant")])
        add(.gcForwarded, 30)
        notice(.gcDecision, 31)
        notice(.complaintServed, 32)
        add(.replyReceived, 45)
        notice(.replyForwarded, 47)
        notice(.distribution, 48)
        notice(.panelList, 50)
        add(.challengeFiled, 55, ["challenged": .text("A. Member"), "reason": .text("same firm")])
        add(.panelNamed, 63, ["members": .text("A, B, C")])
        add(.hearingScheduled, 64, ["hearingOn": .text(start.adding(days: 95).description)])
        notice(.witnessAndCounsel, 78)
        notice(.papersToPanel, 89)
        add(.hearingHeld, 95)
        add(.decisionFiled, 96, ["outcome": .text("violation"), "discipline": .text("reprimand; fine: 500.00")])
        add(.counselReviewed, 99)
        notice(.decision, 100)
        add(.appealFiled, 115, ["basis": .text("discipline"), "appellant": .text("respondent"), "grounds": .text("discipline"),
                                "depositCents": .integer(50_000)])
        add(.appealReviewed, 120, ["outcome": .text("proceed")])
        add(.appealHearingScheduled, 121, ["hearingOn": .text(start.adding(days: 140).description)])
        add(.appealHeard, 140)
        notice(.directorsDecision, 142)
        add(.documentFiled, 143, ["title": .text("Directors' decision")])
        add(.finalAction, 150, ["action": .text("adopted"), "depositDisposition": .text("to-treasury")])
        add(.disciplineCompliance, 151, ["event": .text("fine-paid"), "amountCents": .integer(50_000)])
    }
    while list.count < count { add(.note, 160 + list.count, ["text": .text("Follow-up")]) }
    return (kind, list)
}

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
print(String(format: "peak resident memory: %.0f MB", peakRSSMegabytes()))
