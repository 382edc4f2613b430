import Foundation
import Testing
import Vapor
import VaporTesting
@testable import PSDeskApp
@testable import StandardsCore

/// Every registered step before the hearing (the hearing's own: `HearingStepMatrixTests`) × every kind of actor × cases at each stage, through the API as dry runs. The oracle below
/// is written from the rules, not read from the steps: who may take each step and at which stages it is open. A step
/// offered to the wrong person or at the wrong stage (serving a complaint still under review, S3 5.1.1) fails here.
@Suite("Every step × role × status through the API (issue 11)")
struct StepMatrixTests {
    /// Who may take each step, by actor name, and the stages (cases below) where it is open.
    struct Expected { let actors: Set<String>; let open: Set<String> }
    static let oracle: [String: Expected] = [
        "acknowledge": .init(actors: ["staff"], open: ["filed"]),                                                  // a1.5
        "request-completion": .init(actors: ["staff"], open: ["filed"]),                                           // a1.18
        "assign-helper": .init(actors: ["staff"], open: ["filed"]),                                                // S4 (5)
        "serve": .init(actors: ["staff"], open: ["forwarded"]),                                                    // a1.11, S3 5.1.1
        "forward-reply": .init(actors: ["staff"], open: ["reply-received"]),                                       // a1.11
        "distribute": .init(actors: ["staff"], open: ["served", "reply-received"]),                                // a1.13
        "gc-decision": .init(actors: ["staff", "gc"], open: ["under-review"]),                                     // a1.6
        "request-response": .init(actors: ["staff", "gc"], open: ["under-review"]),                                // a1.7
        "gc-continue": .init(actors: ["staff", "gc"], open: ["withdrawn-after-forwarding"]),                       // a1.17
        "dismissal-appeal-decision": .init(actors: ["staff"], open: ["dismissal-appealed"]),                       // a1.10
        "directors-panel": .init(actors: ["staff", "president"], open: ["dismissal-appealed"]),                    // a1.10, S3 1.3.1
        // A Director's own vote (issue 18): no panel is appointed in these cases, so it is refused with its rule.
        "directors-vote": .init(actors: ["director"], open: []),
        // S4 (14): before final action; these respondents hold no other membership, so the case goes on here.
        "respondent-resigned": .init(actors: ["staff"], open: ["filed", "under-review", "forwarded", "served", "reply-received", "dismissed", "dismissal-appealed"]),
        "reply": .init(actors: ["staff", "respondent"], open: ["served"]),                                         // a1.11
        "respond": .init(actors: ["staff", "respondent"], open: []),                                               // a1.7: nobody was asked
        "appeal-dismissal": .init(actors: ["staff", "complainant"], open: ["dismissed"]),                          // a1.10
        "withdraw": .init(actors: ["staff", "complainant"], open: ["filed", "under-review", "forwarded", "served", "reply-received"]),  // a1.17
        "amend": .init(actors: ["staff", "complainant"], open: ["filed", "under-review", "forwarded", "served", "reply-received"]),     // a1.18
        // b2.10: staff only; no case here has an arbitration to wait for, so it is refused with its rule everywhere
        // (`ArbitrationHearingTests` walks it).
        "hold-for-arbitration": .init(actors: ["staff"], open: []),
        // S3 9.2.2: the GC (or staff) sends a forwarded complaint to the citation panel; this association has no
        // citation policy (b9.1), so it is refused with its rule everywhere (`CitationReferralTests` walks it in OBAR's).
        "refer-to-citation-panel": .init(actors: ["staff", "gc"], open: []),
    ]

    @Test func eachStepIsAllowedExactlyWhereTheRulesSay() async throws {
        try await withTestApp { app in
            var fixture = try await Fixture.make(app)
            let rita = try await fixture.addRespondentAccount()
            let helper = Person(associationID: fixture.home.id!, kind: .member, firstName: "Gail", lastName: "Grievance")
            try await helper.create(on: app.db)
            let gcWithPerson = try await Fixture.login(app, email: "gail@home.test", role: .grievance, in: fixture.home, person: helper.id)
            let directors = try await HearingWalkthroughTests.board(app, association: fixture.home)
            var actors: [String: HTTPHeaders] = [
                "staff": fixture.bearer("staff@home.test"), "gc": gcWithPerson, "complainant": fixture.bearer("party@home.test"),
                "respondent": rita, "director": fixture.bearer("director@home.test"), "ombuds": fixture.bearer("ombuds@home.test"),
                "stranger": fixture.bearer("stranger@home.test"), "other-staff": fixture.bearer("staff@other.test"),
            ]
            actors["president"] = try await Fixture.login(app, email: "president@home.test", role: .president, in: fixture.home, person: nil)
            actors["psc"] = try await Fixture.login(app, email: "psc@home.test", role: .psc, in: fixture.home, person: nil)
            actors["mediator"] = try await Fixture.login(app, email: "mediator@home.test", role: .mediator, in: fixture.home, person: nil)
            fixture.tokens["rita@home.test"] = rita.bearerAuthorization?.token
            let cases = try await Self.casesAtEachStage(fixture)
            let directorList = directors.map { "\"" + $0.uuidString + "\"" }.joined(separator: ",")
            let bodies: [String: String] = [
                "request-completion": #"{"reason":"Which Article?"}"#, "assign-helper": #"{"personId":"\#(helper.id!)"}"#,
                "gc-decision": #"{"decision":"forward"}"#, "request-response": #"{"note":"When was the listing changed?"}"#,
                "gc-continue": #"{"publicTrust":"misappropriation","rationale":"Public trust."}"#,
                "dismissal-appeal-decision": #"{"outcome":"confirmed","directorIds":["# + directorList + "]}",
                "directors-panel": #"{"directorIds":["# + directorList + "]}", "directors-vote": #"{"vote":"reinstated"}"#,
                "reply": #"{"text":"Denied."}"#, "respondent-resigned": #"{"endedOn":"2026-03-20","disposition":"continues"}"#, "respond": #"{"text":"It was changed on the 3rd."}"#,
                "appeal-dismissal": #"{"explanation":"The Committee misread the listing."}"#, "withdraw": #"{"reason":"Settled."}"#,
                "hold-for-arbitration": #"{"event":"held","arbitrationCase":"A-2026-0001"}"#,
                "amend": #"{"articles":"1, 2"}"#, "refer-to-citation-panel": #"{"summary":"Advertised without the firm name."}"#,
            ]
            // Every step the registry has is in the oracle, and nothing else.
            #expect(Set(StepRegistry.ethics.map { $0.name }) == Set(Self.oracle.keys))
            var cells = 0
            let stepNames = StepRegistry.ethics.map { $0.name }
            for stepName in stepNames {
                let expected = Self.oracle[stepName] ?? Expected(actors: [], open: [])
                let allowedActors = expected.actors, openStages = expected.open
                for (stage, number) in cases {
                    for (actor, headers) in actors {
                        let slug = actor == "other-staff" ? "other" : "home"
                        let response = try await app.testing().sendRequest(.POST, "/api/v1/associations/\(slug)/cases/\(number)/\(stepName)?dryRun=true",
                                                                           headers: headers) { $0.json(bodies[stepName] ?? "{}") }
                        cells += 1
                        let cell = "\(stepName) by \(actor) at \(stage): \(response.status.code) \(response.body.string.prefix(240))"
                        #expect(response.status.code < 500, "\(cell)")
                        // The respondent does not see a complaint before the Committee has sent it on (S3 5.1.1).
                        // Nor a Director a complaint before it is before the Board (a1.10): only the appealed dismissal.
                        let hidden = (actor == "respondent" && ["filed", "under-review"].contains(stage))
                            || (actor == "director" && stage != "dismissal-appealed")
                        if allowedActors.contains(actor) && openStages.contains(stage) {
                            #expect(response.status == .ok, "\(cell)")
                            let wouldAppend = (try? response.content.decode(DryRun.Out.self))?.wouldAppend ?? []
                        #expect(!wouldAppend.isEmpty, "\(cell)")
                        } else if allowedActors.contains(actor) && !hidden {
                            #expect(response.status == .unprocessableEntity, "\(cell)")
                            let rule = (try? response.content.decode(ErrorBody.self))?.error.rule
                            #expect(rule != nil, "a refusal names its rule: \(cell)")
                        } else {
                            #expect(response.status == .forbidden || response.status == .notFound, "\(cell)")
                        }
                    }
                }
            }
            #expect(cells == StepRegistry.ethics.count * cases.count * actors.count)
            // Dry runs wrote nothing: every case still stands where it was built.
            for (stage, number) in cases {
                let shown = try await app.testing().sendRequest(.GET, "/api/v1/associations/home/cases/\(number)", headers: actors["staff"]!)
                    .content.decode(APIModel.CaseOut.self)
                #expect(shown.status == Self.expectedStatus[stage], "\(stage)")
            }
        }
    }

    static let expectedStatus = ["filed": "filed", "under-review": "under-review", "forwarded": "forwarded", "served": "forwarded",
                                 "reply-received": "reply-received", "dismissed": "dismissed", "dismissal-appealed": "dismissal-appealed",
                                 "withdrawn-after-forwarding": "withdrawn"]

    /// One case per stage, built through the steps themselves.
    static func casesAtEachStage(_ fixture: Fixture) async throws -> [String: String] {
        var out: [String: String] = [:]
        for stage in expectedStatus.keys.sorted() {
            let number = try await fixture.openEthicsCase(title: "Matrix \(stage)")
            try await fixture.append(number, [#"{"type":"complaint.filed","effectiveOn":"2026-11-02","payload":{"articles":"1","transactionConcludedOn":"2026-10-01"}}"#])
            out[stage] = number
            if stage == "filed" { continue }
            try await fixture.acknowledge(number, on: "2026-11-02")
            if stage == "under-review" { continue }
            if stage.hasPrefix("dismiss") {
                try await fixture.step(number, "gc-decision", #"{"effectiveOn":"2026-11-20","decision":"dismiss","reason":"unworthy"}"#, as: "gc@home.test")
                if stage == "dismissal-appealed" {
                    try await fixture.step(number, "appeal-dismissal", #"{"effectiveOn":"2026-11-25","explanation":"It was wrong."}"#, as: "party@home.test")
                }
                continue
            }
            try await fixture.step(number, "gc-decision", #"{"effectiveOn":"2026-11-03","decision":"forward"}"#, as: "gc@home.test")
            if stage == "forwarded" { continue }
            if stage == "withdrawn-after-forwarding" {
                try await fixture.step(number, "withdraw", #"{"effectiveOn":"2026-11-05"}"#, as: "party@home.test")
                continue
            }
            try await fixture.step(number, "serve", #"{"effectiveOn":"2026-11-04"}"#)
            if stage == "served" { continue }
            try await fixture.step(number, "reply", #"{"effectiveOn":"2026-11-10","text":"Denied."}"#, as: "rita@home.test")
        }
        return out
    }
}
