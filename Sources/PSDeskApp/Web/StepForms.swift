import Foundation
import StandardsCore

/// A step's form on the case page, described once in words a user reads and drawn by one template
/// (`step-form.leaf`): the fields' names come from the step's own input (a test holds them to `inputFields`), the form
/// is shown exactly when the runner would take the step, and what was typed comes back beside a refusal.
struct StepForm: Encodable {
    struct Field: Encodable {
        enum Kind: String, Encodable { case text, textarea, money, date, select, checkbox, checkboxes }
        let name: String
        let label: String
        let kind: Kind
        var help: String? = nil
        var options: [Option] = []
        /// Set when drawn: what was typed.
        var value = ""
    }
    /// A choice; one with a note (why it may not be chosen) is drawn disabled.
    struct Option: Encodable { let value: String; let label: String; var selected = false; var note: String? = nil }

    let id: String
    let url: String
    let title: String
    let intro: String
    let button: String
    let confirmation: String?
    let fields: [Field]
    /// What was refused, when this form was the one sent.
    var error: String?
    var rule: String?

    /// The description of a step's form: its words and fields, without values.
    struct Spec {
        let step: any CaseStep.Type
        let intro: String
        let button: String
        let fields: [Field]
        /// Choices known only at run time (the Board's Directors), by field name.
        var dynamicOptions: Set<String> = []
    }

    static func field(_ name: String, _ label: String, _ kind: Field.Kind, help: String? = nil, options: [(String, String)] = []) -> Field {
        Field(name: name, label: label, kind: kind, help: help, options: options.map { Option(value: $0.0, label: $0.1) })
    }

    static let sides = [("respondent", "the respondent"), ("claimant", "the claimant")]

    /// The forms of what may follow an award (issue 15), in the order a case meets them.
    static let afterAward: [Spec] = [
        Spec(step: AfterAward.Motion.self,
             intro: "Within 20 days of service a party may ask the panel to modify or correct the award on one of four grounds; the other party may object within 10 days of receiving it (a2.24).",
             button: "File the motion",
             fields: [field("by", "Filed by", .select, options: sides),
                      field("grounds", "Grounds", .select, options: AfterAward.CorrectionGrounds.allCases.map { ($0.rawValue, $0.label) }),
                      field("explanation", "What should be corrected, and why", .textarea)]),
        Spec(step: AfterAward.Objection.self, intro: "The other party's written objection, within 10 days of receiving the motion (a2.24).",
             button: "File the objection",
             fields: [field("by", "Objection by", .select, options: sides.reversed()), field("text", "The objection", .textarea)]),
        Spec(step: AfterAward.Ruling.self,
             intro: "The panel's ruling is final. A corrected award is served again: the time to pay and to ask for review starts over, and escrow above the corrected amount goes back to the payer (a2.24, b3.6).",
             button: "Record the ruling",
             fields: [field("outcome", "Ruling", .select, options: [("denied", "the motion is denied: the award stands"), ("corrected", "the award is corrected as below")]),
                      field("prevailing", "Prevailing party under the corrected award", .select, options: [("claimant", "the claimant"), ("respondent", "the respondent (nothing awarded)")]),
                      field("amount", "Corrected amount, in dollars", .money),
                      field("reason", "Reasons", .textarea)]),
        Spec(step: AfterAward.ReviewRequest.self,
             intro: "Within 20 days of the award's service, in writing, citing the due-process defect; a review never weighs the merits again. The review deposit is received with it and the escrowed funds stay held until it is decided (a2.27, b3.8).",
             button: "File the request for review",
             fields: [field("by", "Requested by", .select, options: sides),
                      field("defect", "Due-process defect", .select, options: AfterAward.DueProcessDefect.allCases.map { ($0.rawValue, $0.label) }),
                      field("explanation", "How due process was denied", .textarea)]),
        Spec(step: AfterAward.ReviewDecision.self,
             intro: "Five Directors appointed by the President, none who sat on the tribunal, confirm the award or order a new hearing; they never change the amount (b3.9). A confirmation keeps the review deposit and opens 15 days for counsel's notice of a suit (a2.25).",
             button: "Record the decision",
             fields: [field("outcome", "The Directors", .select, options: [("confirmed", "confirmed the award"), ("new-hearing", "ordered a new hearing")]),
                      field("directors", "Directors who heard it", .checkboxes)],
             dynamicOptions: ["directors"]),
        Spec(step: AfterAward.SuitNotice.self,
             intro: "A legal challenge notified within 20 days of the award, or counsel's written notice of a suit within 15 days after a confirmed review: the funds stay in escrow until the court decides (a2.25).",
             button: "Record the notice of suit",
             fields: [field("by", "Noticed by", .select, options: sides), field("court", "Court and case number", .text), field("text", "What counsel wrote", .textarea)]),
        Spec(step: AfterAward.CourtResult.self, intro: "The escrowed funds follow the court: released as confirmed, the upheld amount released and the rest returned, or all returned when vacated (a2.25).",
             button: "Record the court's result",
             fields: [field("outcome", "The court", .select, options: [("confirmed", "confirmed the award"), ("modified", "modified the award"), ("vacated", "vacated the award")]),
                      field("amount", "Amount upheld, in dollars (when modified)", .money), field("text", "The court's order", .textarea)]),
        Spec(step: AfterAward.DepositEquivalentRequest.self,
             intro: "The respondent paid no deposit and the award went against them: on a full award they owe the deposit; on a partial award the panel sets an amount no greater than the claimant's deposit. Due within 10 days of this notice (a2.20).",
             button: "Send the request",
             fields: [field("amount", "Amount the panel set, in dollars (partial award only)", .money)]),
        Spec(step: AfterAward.DepositEquivalentPaid.self, intro: "The respondent's payment of the deposit equivalent (a2.20).", button: "Record the payment",
             fields: [field("amount", "Amount received, in dollars", .money), field("effectiveOn", "Received on", .date)]),
        Spec(step: AfterAward.DisposeDeposits.self,
             intro: "The award is final: the prevailing party's deposit is refunded in full; the other deposits pay the costs of the arbitration and the rest goes to the general operating funds (S3 7.8, b3.4).",
             button: "Refund and apply the deposits",
             fields: [field("costs", "Costs paid from the deposits, in dollars", .money, help: "A stenographer, a visiting panelist's mileage (S3 1.2)."),
                      field("costsNote", "What the costs were", .text)]),
    ]

    /// The citation program's forms (issue 16, S3 §9).
    static let citation: [Spec] = [
        Spec(step: CitationSteps.Issue.self,
             intro: "Only a complaint whose every allegation is on the schedule may get a citation; egregious conduct, or a limit reached (2 in 12 months, 3 in 36, $5,000 in three years), sends it to a hearing. The fine rises only with earlier citations for the same conduct (a2.32–a2.34).",
             button: "Issue the citation",
             fields: [field("standards", "Schedule entries cited", .checkboxes,
                            options: CitationSchedule.model.entries.map { ($0.id, "\($0.id) (Level \($0.level.rawValue))") }),
                      field("complaintFiledOn", "Complaint filed on", .date, help: "The limits' windows start on the day the first complaint was filed (a2.32)."),
                      field("summary", "Staff's summary of the complaint, sent with the citation", .textarea),
                      field("egregious", "The conduct is egregious: it goes to a hearing instead", .checkbox),
                      field("panelistIds", "The citation panel deciding (three; a conflicted member is shown but cannot sit)", .checkboxes)],
             dynamicOptions: ["standards", "panelistIds"]),
        Spec(step: CitationSteps.ToHearing.self,
             intro: "A complaint that alleges any conduct not on the schedule, conduct the panel finds egregious, or one a limit blocks goes to a hearing before the Professional Standards Committee instead (S3 9.2.2, 9.4.1).",
             button: "Send to a hearing",
             fields: [field("reason", "Why", .select, options: CitationSteps.ToHearing.Reason.allCases.map { ($0.rawValue, $0.words) }),
                      field("note", "The panel's note (optional)", .textarea),
                      field("panelistIds", "The citation panel deciding (three; a conflicted member is shown but cannot sit)", .checkboxes)],
             dynamicOptions: ["panelistIds"]),
        Spec(step: CitationSteps.Remind.self, intro: "Ten days after the respondent received the citation without a reply, remind them of the deadline to ask for a hearing (S3 9.3.2.1).",
             button: "Send the reminder", fields: []),
        Spec(step: CitationSteps.Accept.self, intro: "Accepting makes the citation final; it cannot be appealed (S3 9.3.2.2). On a Level 1 first offense the training may replace the fine.",
             button: "Accept the citation", fields: [field("trainingInsteadOfFine", "Take the training instead of paying the fine (Level 1, first offense)", .checkbox)]),
        Spec(step: CitationSteps.RequestHearing.self, intro: "Within 20 days of receiving the citation, ask for a full hearing of the complaint instead (S3 9.3.3).",
             button: "Ask for a full hearing", fields: []),
        Spec(step: CitationSteps.Pay.self, intro: "The fine is a financial obligation of membership; payment closes the case and the complainant is told (S3 9.3.2.3–9.3.2.4).",
             button: "Record the payment", fields: [field("amount", "Amount received, in dollars", .money), field("effectiveOn", "Received on", .date)]),
    ]

    /// Where citations are adopted, the forwarded complaint goes to the citation panel first (S3 9.2.2).
    static let referral: [Spec] = [
        Spec(step: CitationReferral.Refer.self,
             intro: "This association has a citation program: a complaint forwarded for a hearing goes to the citation panel first. If every allegation is on the citation schedule the panel may issue a citation; otherwise it comes back here for a hearing (S3 9.2.2).",
             button: "Send to the citation panel",
             fields: [field("summary", "Staff's written summary of the complaint, sent with any citation (S3 9.3.1.1)", .textarea)]),
    ]

    /// The Directors' panel for a matter before the Board, appointed by the President, and each Director's own vote
    /// (issue 18); the vote's choices are the matter's (`DirectorsMatter.choices`).
    static let directorsPanel: [Spec] = [
        Spec(step: DirectorsPanelSteps.Appoint.self,
             intro: "The President appoints the panel of Directors who decide this: the profile's number, none who sat on another tribunal in the matter (S3 1.3.1, b7.4). Each then records their own vote here.",
             button: "Appoint the panel",
             fields: [field("body", "Who decides", .select, options: [("directors", "a panel of the Directors ticked below"),
                                                                     ("executive", "the Executive Committee, in the Directors' place (dismissal and ethics appeals, S4 (11), (32))")]),
                      field("directorIds", "Directors on the panel", .checkboxes)],
             dynamicOptions: ["directorIds"]),
        Spec(step: DirectorsPanelSteps.Vote.self,
             intro: "Your vote as a Director on this panel. Once a majority of the panel agrees, its decision is recorded as the Directors' own.",
             button: "Record my vote",
             fields: [field("vote", "Your vote", .select), field("reason", "Your reason (optional)", .textarea)],
             dynamicOptions: ["vote"]),
    ]

    /// The respondent left the association mid-case (S4 (14), a1.12): where the complaint goes.
    static let resignation: [Spec] = [
        Spec(step: ResignationSteps.Record.self,
             intro: "A respondent who resigns after the complaint is filed and before final action: the complaint goes to another association where they are still a member, and the complainant is told. With no other membership it goes on here to a final decision, and any discipline waits until they rejoin (S4 (14), a1.12).",
             button: "Record it",
             fields: [field("endedOn", "Membership here ended on", .date),
                      field("disposition", "The complaint", .select, options: [
                        ("transferred", "goes to another association on PSDesk where the respondent is a member"),
                        ("packet", "goes to an association not on PSDesk, by a transfer packet"),
                        ("continues", "goes on here: no other membership is known")]),
                      field("toAssociation", "Association on PSDesk", .select),
                      field("packetTo", "Association not on PSDesk (for a packet)", .text),
                      field("note", "Note (optional)", .textarea)],
             dynamicOptions: ["toAssociation"]),
    ]

    static let all = afterAward + citation + referral + directorsPanel + resignation

    /// The forms of the steps open now, with what was typed before a refusal.
    static func forms(_ specs: [Spec], offered: (any CaseStep.Type) -> String?, failure: CaseStepForm.Failure,
                      options: [String: [Option]] = [:], asParty: Bool = false) -> [StepForm] {
        specs.compactMap { spec in
            guard let url = offered(spec.step) else { return nil }
            let failed = failure.form == spec.step.name
            // A party files for their own side: only staff recording paper say whose filing it is.
            let fields = spec.fields.filter { !(asParty && $0.name == "by") }.map { field -> Field in
                var field = field
                if let dynamic = options[field.name], spec.dynamicOptions.contains(field.name) { field.options = dynamic }
                if failed {
                    let typed = failure.values[field.name] ?? ""
                    let checked = Set(failure.lists[field.name] ?? [typed])
                    field.value = typed
                    field.options = field.options.map { Option(value: $0.value, label: $0.label, selected: checked.contains($0.value), note: $0.note) }
                }
                return field
            }
            return StepForm(id: spec.step.name, url: url, title: spec.step.title, intro: spec.intro, button: spec.button,
                            confirmation: spec.step.confirmation, fields: fields, error: failed ? failure.message : nil, rule: failed ? failure.rule : nil)
        }
    }
}
