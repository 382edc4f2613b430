/// Every step the runner knows, by process. Routes, the case page's forms, OpenAPI operations and docs are made
/// from this list; adding a step is one type in `Steps/<Process>/` and a line here.
public enum StepRegistry {
    public static let ethics: [any CaseStep.Type] = [
        IntakeSteps.Acknowledge.self, IntakeSteps.RequestCompletion.self, IntakeSteps.AssignHelper.self, IntakeSteps.Serve.self,
        IntakeSteps.ForwardReply.self, IntakeSteps.Distribute.self,
        ReviewSteps.Decide.self, ReviewSteps.RequestResponse.self, ReviewSteps.Continue.self, ReviewSteps.DecideDismissalAppeal.self,
        PartySteps.Reply.self, PartySteps.Respond.self, PartySteps.AppealDismissal.self, PartySteps.Withdraw.self, PartySteps.Amend.self,
    ]

    public static let all: [any CaseStep.Type] = ethics

    public static func step(named name: String) -> (any CaseStep.Type)? { all.first { $0.name == name } }

    /// The step that records this entry, if one does: such entries go through that step, never the generic entry route.
    public static func step(recording proposed: ProposedEntry) -> (any CaseStep.Type)? {
        all.first { step in step.records.contains { $0.matches(proposed) } }
    }
}
