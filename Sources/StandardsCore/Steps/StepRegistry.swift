/// Every step the runner knows, by process. Routes, the case page's forms, OpenAPI operations and docs are made
/// from this list; adding a step is one type in `Steps/<Process>/` and a line here.
public enum StepRegistry {
    public static let ethics: [any CaseStep.Type] = [
        IntakeSteps.Acknowledge.self, IntakeSteps.RequestCompletion.self, IntakeSteps.AssignHelper.self, IntakeSteps.Serve.self,
        IntakeSteps.ForwardReply.self, IntakeSteps.Distribute.self,
        ReviewSteps.Decide.self, ReviewSteps.RequestResponse.self, ReviewSteps.Continue.self, ReviewSteps.DecideDismissalAppeal.self,
        DirectorsPanelSteps.Appoint.self, DirectorsPanelSteps.Vote.self,
        PartySteps.Reply.self, PartySteps.Respond.self, PartySteps.AppealDismissal.self, PartySteps.Withdraw.self, PartySteps.Amend.self,
        ResignationSteps.Record.self,
        ArbitrationHold.Hold.self, CitationReferral.Refer.self,
    ]

    /// The hearing page's steps (`…/hearing/{step}`), in the order a case meets them.
    public static let hearing: [any CaseStep.Type] = [
        PanelSteps.SendList.self, PanelSteps.Challenge.self, PanelSteps.RuleOnChallenge.self, PanelSteps.NamePanel.self, PanelSteps.Certify.self,
        PanelSteps.DiscloseConflict.self, PanelSteps.ReplacePanelist.self,
        HearingDaySteps.Schedule.self, HearingDaySteps.Continuance.self, HearingDaySteps.NoShow.self, HearingDaySteps.GCSubstitute.self,
        HearingDaySteps.NoticeWitnesses.self, HearingDaySteps.PapersToPanel.self, HearingDaySteps.Hold.self, HearingDaySteps.Adjourn.self,
        HearingDaySteps.Amend.self,
        DecisionSteps.Decide.self, DecisionSteps.CounselReview.self, DecisionSteps.Transmit.self, DecisionSteps.PetitionRehearing.self,
        DecisionSteps.DecideRehearing.self,
        AppealSteps.Appeal.self, AppealSteps.Review.self, AppealSteps.AmendAppeal.self, AppealSteps.ScheduleHearing.self, AppealSteps.Heard.self,
        DirectorsSteps.Act.self, DirectorsSteps.Compliance.self,
    ]

    public static let arbitration: [any CaseStep.Type] = [RequestSteps.Record.self, RequestSteps.Classify.self, RequestSteps.Serve.self,
                                                                 RequestSteps.ChallengeClassification.self, RequestSteps.DecideChallenge.self,
                                                                 RequestSteps.Respond.self, MediationSteps.Assign.self, MediationSteps.Session.self,
                                                                 MediationSteps.Conclude.self, ArbitrationHearing.Specialists.self,
                                                                 AwardSteps.Render.self, AwardSteps.Escrow.self, AwardSteps.Satisfied.self,
                                                                 AfterAward.Motion.self, AfterAward.Objection.self, AfterAward.Ruling.self,
                                                                 AfterAward.ReviewRequest.self, AfterAward.ReviewDecision.self,
                                                                 AfterAward.SuitNotice.self, AfterAward.CourtResult.self, AwardSteps.Release.self,
                                                                 AfterAward.DepositEquivalentRequest.self, AfterAward.DepositEquivalentPaid.self,
                                                                 AfterAward.DisposeDeposits.self, AwardSteps.RefuseToAbide.self]

    public static let citation: [any CaseStep.Type] = [CitationSteps.Issue.self, CitationSteps.Remind.self, CitationSteps.Accept.self,
                                                       CitationSteps.RequestHearing.self, CitationSteps.Pay.self, CitationSteps.ToHearing.self]

    public static let all: [any CaseStep.Type] = ethics + hearing + arbitration + citation

    public static func step(named name: String) -> (any CaseStep.Type)? { all.first { $0.name == name } }

    /// The step that records this entry, if one does: such entries go through that step, never the generic entry route.
    /// Only a step serving the case's kind owns an entry: another process may record the same type its own way.
    public static func step(recording proposed: ProposedEntry, kind: CaseKind) -> (any CaseStep.Type)? {
        all.first { step in step.kinds.contains(kind) && step.records.contains { $0.matches(proposed) } }
    }
}
