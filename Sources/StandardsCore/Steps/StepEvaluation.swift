import Foundation

/// The pure core of running a step, shared by the app's runner and the offline `psdesk check`: who may take it
/// (policy), whether it is open now (availability), and what it decides from its input. Appending, with the
/// guards of every entry, comes after.
public enum StepEvaluation {
    /// Why the step may not be taken: `forbidden` for the person (403), otherwise for the case now (422).
    public struct Gate: Error, Sendable, Equatable {
        public let forbidden: Bool
        public let refusal: Refusal
    }

    public static func gate(_ step: any CaseStep.Type, roles: Set<Role>, facts: CaseFacts, actorParties: Set<PartyRole>, view: StepView) -> Gate? {
        if let refusal = step.policy.refusal(roles: roles, facts: facts, actorParties: actorParties) { return Gate(forbidden: true, refusal: refusal) }
        if let refusal = view.wrongProcess(step) ?? heldForArbitration(step, view) ?? step.availability(view) { return Gate(forbidden: false, refusal: refusal) }
        return nil
    }

    /// An ethics complaint held for the arbitration of the same transaction takes no step but the hold's own and a
    /// withdrawal until the arbitration ends (b2.10).
    static func heldForArbitration(_ step: any CaseStep.Type, _ view: StepView) -> Refusal? {
        guard view.kind == .ethics, step != ArbitrationHold.Hold.self, step != PartySteps.Withdraw.self else { return nil }
        if let waiting = ArbitrationHold.waitingFor(view.docket) {
            return Refusal(code: "held_for_arbitration", message: "The complaint waits for arbitration \(waiting) of the same transaction (b2.10): take it up again once that ends.", rule: .b2_10)
        }
        // With the citation panel, the complaint goes no further until the panel sends it back or a citation ends it (S3 9.2.2).
        if let waiting = CitationReferral.waitingFor(view.docket) {
            return Refusal(code: "with_citation_panel", message: "The complaint is with the citation panel (\(waiting)): it comes back here only for a hearing (S3 9.2.2, 9.3.3).", rule: .a2_30)
        }
        return nil
    }

    /// Decodes the JSON input and decides. A missing or malformed field is a refusal naming the field and the step's rule.
    public static func decide<S: CaseStep>(_ step: S.Type, input json: Data, on date: CivilDate, view: StepView, facts: StepFacts)
        -> Result<[ProposedEntry], StepRefusals> {
        let input: S.Input
        do {
            input = try JSONDecoder().decode(S.Input.self, from: json.isEmpty ? Data("{}".utf8) : json)
        } catch let error as DecodingError {
            return .failure(StepRefusals(code: "invalid_input", message: describe(error), rule: S.rule))
        } catch {
            return .failure(StepRefusals(code: "invalid_input", message: "The input is not a JSON object.", rule: S.rule))
        }
        return S.decide(input, on: date, view: view, facts: facts)
    }

    /// A decoding error in a user's words.
    public static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return context.debugDescription.hasSuffix("is required") ? context.debugDescription : "\(key.stringValue) is required."
        case .dataCorrupted(let context): return context.debugDescription
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type."
        @unknown default: return "The request could not be read."
        }
    }

    /// The case facts the access policy reads, from the docket and the actor's ties to the case.
    public static func caseFacts(kind: CaseKind, docket: [DocketEntry], actorParties: Set<PartyRole>, actorPersonID: UUID? = nil,
                                 sitsOnPanel: Bool = false, chairsCommittee: Bool = false, chairsPanel: Bool = false) -> CaseFacts {
        let projection = CaseProjection.build(kind: kind, docket: docket)
        var facts = CaseFacts(kind: kind, status: projection.status, actorIsParty: !actorParties.isEmpty,
                              actorIsOnlyRespondent: CaseFacts.onlyRespondent(actorParties),
                              respondentNotified: projection.respondentNotified, actorSitsOnPanel: sitsOnPanel)
        facts.actorChairsCommittee = chairsCommittee
        facts.actorChairsPanel = chairsPanel
        facts.directorsMatterPending = projection.directorsMatterPending
        facts.actorExcludedFromReview = actorPersonID.map(projection.excludedReviewers.contains) ?? false
        return facts
    }
}
