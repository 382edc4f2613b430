import Foundation

/// The verdict on a proposed docket entry: refusals stop it; warnings let it through with a note the
/// panel or the PSA must see (a late reply, a1.11).
public struct GuardVerdict: Sendable, Equatable {
    public var refusals: [Refusal] = []
    public var warnings: [Refusal] = []
    public var allowed: Bool { refusals.isEmpty }
}

/// One function decides whether a proposed entry is allowed under the rules, on top of the shape checks of
/// `EntryValidation`. The web form, the API and `psdesk check` all call it.
public enum Guards {
    /// - Parameters:
    ///   - byParty: the entry comes from a party (complainant or respondent), not staff.
    ///   - refiledDocket: for a complaint that refiles a withdrawn case, that case's docket (a1.17).
    public static func check(_ proposed: ProposedEntry, kind: CaseKind, docket: [DocketEntry], profile: RuleProfile,
                             calendar: HolidayCalendar, respondentNonMemberPeriods: [SuspensionInterval] = [],
                             byParty: Bool = false, refiledDocket: [DocketEntry]? = nil) -> GuardVerdict {
        var verdict = GuardVerdict(refusals: EntryValidation.check(proposed, kind: kind, docket: docket))
        guard verdict.allowed, proposed.corrects == nil else { return verdict }  // corrections restate history; no timing guard applies
        verdict = particularRules(proposed, kind: kind, docket: docket, profile: profile, calendar: calendar,
                                  respondentNonMemberPeriods: respondentNonMemberPeriods, byParty: byParty, refiledDocket: refiledDocket)
        // A step out of order is refused with its stage rule, unless a more particular rule already said no.
        if verdict.refusals.isEmpty, kind == .ethics,
           let refusal = EthicsStages.refusal(for: proposed, status: CaseProjection.build(kind: kind, docket: docket).status, docket: docket) {
            return GuardVerdict(refusals: [refusal])
        }
        return verdict
    }

    /// Only a complaint withdrawn after the forwarding decision was transmitted returns to the Committee, which may
    /// then continue as complainant (a1.17); nil when it may.
    public static func continuationRefusal(_ docket: [DocketEntry]) -> Refusal? {
        guard let refusal = refilingRefusal(docket) else {
            return Refusal(code: "withdrawn_before_transmittal",
                           message: "The complaint was withdrawn before the forwarding decision was transmitted: the complainant may refile it instead.", rule: .a1_17)
        }
        return refusal.code == "refiled_case_not_withdrawn" ? Refusal(code: "not_withdrawn", message: "The complaint has not been withdrawn.", rule: .a1_17) : nil
    }

    /// The rules particular to each entry type: time frames, deposits, discipline, votes.
    static func particularRules(_ proposed: ProposedEntry, kind: CaseKind, docket: [DocketEntry], profile: RuleProfile,
                                calendar: HolidayCalendar, respondentNonMemberPeriods: [SuspensionInterval],
                                byParty: Bool, refiledDocket: [DocketEntry]?) -> GuardVerdict {
        var verdict = GuardVerdict()
        // Deadlines as they stood on the day the entry takes effect.
        let deadlines = DeadlineDerivation.derive(DeadlineInput(kind: kind, profile: profile, calendar: calendar, docket: docket,
                                                                asOf: proposed.effectiveOn, respondentNonMemberPeriods: respondentNonMemberPeriods))
        func due(_ key: DeadlineKey) -> Deadline? { deadlines.first { $0.key == key } }
        func isLate(_ key: DeadlineKey) -> Deadline? {
            guard let deadline = due(key), let dueOn = deadline.dueOn, proposed.effectiveOn > dueOn, deadline.status != .waived else { return nil }
            return deadline
        }
        let date = proposed.effectiveOn
        switch proposed.type {
        case .hearingContinued:
            // Continuances only when all parties agree on a date or the chair finds denial unfair (a1.15);
            // OBAR wants every request in writing with its reasons (S3 5.2.4, a2.13).
            let reason = proposed.payload["reason"]?.textValue?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if (proposed.payload["basis"]?.textValue == "denial-unfair" || profile.continuanceReasonsInWriting) && reason.isEmpty {
                verdict.refusals.append(Refusal(code: "continuance_needs_reason",
                    message: profile.continuanceReasonsInWriting ? "A request for a continuance is made in writing with its reasons."
                        : "A continuance on the chair's finding needs that finding in writing: why denial would be unfair.",
                    rule: profile.continuanceReasonsInWriting ? "a2.13" : "a1.15"))
            }
            // An arbitration hearing is postponed no more than 30 days unless the parties agree (a2.21).
            if kind == .arbitration, proposed.payload["basis"]?.textValue != "all-parties-agree",
               let setFor = HearingEvents.setting(docket)?.parsed.date(.hearingOn),
               let hearingOn = proposed.payload["hearingOn"]?.textValue.flatMap(CivilDate.init), hearingOn > setFor.adding(days: 30) {
                verdict.refusals.append(Refusal(code: "postponement_too_long",
                    message: "Unless the parties agree, a postponement is no more than 30 days: not after \(setFor.adding(days: 30)).", rule: .a2_21))
            }
            if let rule = profile.window(kind == .arbitration ? .arbitrationHearingNotice : .hearingNotice),
               let hearingOn = proposed.payload["hearingOn"]?.textValue.flatMap(CivilDate.init),
               proposed.payload["basis"]?.textValue != "all-parties-agree", hearingOn < date.adding(days: rule.days) {
                verdict.refusals.append(Refusal(code: "hearing_notice_too_short",
                    message: "Unless all parties agree on the new date, it needs \(rule.days) days' notice: not before \(date.adding(days: rule.days)).", rule: rule.rule))
            }
        case .hearingHeld:
            // A hearing is held on the day it was set for, not before (a1.16: the parties had notice of that day).
            if let hearingOn = HearingEvents.setting(docket)?.parsed.date(.hearingOn), date < hearingOn {
                verdict.refusals.append(Refusal(code: "hearing_not_yet",
                    message: "The hearing is set for \(hearingOn); it cannot be recorded as held on \(date).", rule: .a1_16))
            }
        case .hearingNoShow:
            // A REALTOR complainant who will not appear is first warned under Article 14 (a1.21).
            if proposed.payload["absent"]?.textValue == "realtor-complainant", proposed.payload["article14Warning"]?.textValue != "given" {
                verdict.refusals.append(Refusal(code: "article14_warning_first",
                    message: "A REALTOR complainant who refuses to appear is first warned that this may violate Article 14.", rule: .a1_21))
            }
        case .hearingScheduled where kind == .ethics && HearingEvents.adjournment(docket) != nil:
            // Resuming an adjourned hearing: 15–30 days after the adjournment, 5 for a late witness (a1.19), not 21 days' notice.
            let adjourned = HearingEvents.adjournment(docket)!
            if let hearingOn = proposed.payload["hearingOn"]?.textValue.flatMap(CivilDate.init), !(adjourned.earliest...adjourned.latest).contains(hearingOn) {
                verdict.refusals.append(Refusal(code: "adjourned_hearing_out_of_window",
                    message: "The hearing adjourned on \(adjourned.on) resumes between \(adjourned.earliest) and \(adjourned.latest)\(adjourned.lateWitness ? " (late witness: 5 days)" : ""); \(hearingOn) is outside.",
                    rule: .a1_19))
            }
        case .appealHearingScheduled where kind == .ethics:
            // No later than 30 days after the appeal is received (a1.27): set later, it goes through with a warning.
            if let latest = due(.appealHearing)?.dueOn, let hearingOn = proposed.payload["hearingOn"]?.textValue.flatMap(CivilDate.init), hearingOn > latest {
                verdict.warnings.append(Refusal(code: "appeal_hearing_after_30_days",
                    message: "The appeal should be heard by \(latest), 30 days after it was received; \(hearingOn) is later.", rule: .a1_27))
            }
            fallthrough
        case .hearingScheduled, .appealHearingScheduled:
            let key: DeadlineKey = proposed.type == .appealHearingScheduled ? .appealHearingNotice : (kind == .arbitration ? .arbitrationHearingNotice : .hearingNotice)
            if let rule = profile.window(key), let hearingOn = proposed.payload["hearingOn"]?.textValue.flatMap(CivilDate.init) {
                let earliest = date.adding(days: rule.days)
                if hearingOn < earliest {
                    verdict.refusals.append(Refusal(code: "hearing_notice_too_short",
                        message: "A hearing noticed on \(date) cannot be held before \(earliest): at least \(rule.days) days' notice is required; \(hearingOn) gives \(date.days(to: hearingOn)).",
                        rule: rule.rule))
                }
            }
        case .appealFiled:
            let appellant = proposed.payload["appellant"]?.textValue
            let grounds = proposed.payload["grounds"]?.textValue
            if appellant == "complainant", let grounds, grounds != "procedural" {
                verdict.refusals.append(Refusal(code: "complainant_appeal_grounds",
                    message: "A complainant may appeal only on procedural or due-process grounds, not on \(grounds == "discipline" ? "the sanction" : "the application of the Articles").",
                    rule: .a1_24))
            }
            let deposit = proposed.payload["depositCents"]?.integerValue ?? 0
            if deposit > profile.appealDepositCapCents {
                verdict.refusals.append(Refusal(code: "appeal_deposit_over_cap",
                    message: "The appeal deposit may not exceed \(dollars(profile.appealDepositCapCents)); \(dollars(deposit)) was entered.", rule: .a1_26))
            } else if profile.appealDepositRequired, deposit != profile.appealDepositCapCents {
                verdict.refusals.append(Refusal(code: "appeal_deposit_required",
                    message: "An appeal must be accompanied by a deposit of \(dollars(profile.appealDepositCapCents)); \(dollars(deposit)) was entered.", rule: .a2_16))
            }
            if RehearingPetition.pending(docket) != nil {
                verdict.refusals.append(Refusal(code: "rehearing_pending",
                    message: "A petition for rehearing is pending: the appeal may be filed once the panel has decided it.", rule: .a2_16))
            }
            if let late = isLate(.appeal) ?? isLate(.appealAfterRehearingDenied) {
                verdict.refusals.append(Refusal(code: "appeal_too_late", message: "The appeal period ended \(late.dueOn!) (\(late.explanation.components(separatedBy: ";").first ?? "")).", rule: late.rule))
            }
        case .rehearingPetitioned:
            if !profile.rehearingPetitions {
                verdict.refusals.append(Refusal(code: "rehearing_not_offered",
                    message: "This association's procedures provide no petition for rehearing; a party may appeal the decision instead.", rule: .a1_24))
            } else if CaseProjection.build(kind: kind, docket: docket).status != .decided {
                verdict.refusals.append(Refusal(code: "step_out_of_order", message: "A petition for rehearing follows the hearing panel's decision.", rule: .a2_16))
            } else if RehearingPetition.pending(docket) != nil {
                verdict.refusals.append(Refusal(code: "rehearing_pending", message: "A petition for rehearing is already pending.", rule: .a2_16))
            } else if let late = isLate(.appeal) {
                verdict.refusals.append(Refusal(code: "rehearing_too_late",
                    message: "A petition for rehearing comes before the appeal period ends (\(late.dueOn!)).", rule: .a2_16))
            }
        case .rehearingDecided:
            if RehearingPetition.pending(docket) == nil {
                verdict.refusals.append(Refusal(code: "no_rehearing_petition", message: "There is no pending petition for rehearing to decide.", rule: .a2_16))
            }
        case .dismissalAppealed:
            if let late = isLate(.dismissalAppeal) {
                verdict.refusals.append(Refusal(code: "dismissal_appeal_too_late", message: "The time to appeal the dismissal ended \(late.dueOn!).", rule: late.rule))
            }
        case .replyReceived where kind == .ethics:
            if let late = isLate(.reply) {
                verdict.warnings.append(Refusal(code: "late_reply",
                    message: "The reply is late (due \(late.dueOn!)); it is recorded and the panel may accept it.", rule: .a1_11))
            }
        case .gcContinues where proposed.payload["complainantAbsent"] != nil:
            // After a complainant's no-show the GC may take over on clear, strong and convincing proof (a1.21).
            if !HearingEvents.complainantAbsent(docket) {
                verdict.refusals.append(Refusal(code: "no_complainant_no_show",
                    message: "The Committee takes the complainant's place only after the complainant would not appear at the hearing.", rule: .a1_21))
            }
        case .gcContinues:
            if proposed.payload["publicTrust"] == nil {
                verdict.refusals.append(Refusal(code: "public_trust_required",
                    message: "After a withdrawal the Committee continues only for a potential public-trust violation: name it.", rule: .a1_17))
            }
            if let refusal = continuationRefusal(docket) { verdict.refusals.append(refusal) }
        case .partyAdded, .partyRemoved:
            // Once the complaint is filed, complainants are added or substituted only by mutual agreement (a1.18).
            let filed = CaseProjection.effectiveEntries(docket).contains { $0.type == .complaintFiled }
            if filed, proposed.payload["role"]?.textValue == PartyRole.complainant.rawValue, proposed.payload["mutualAgreement"]?.textValue != "yes" {
                verdict.refusals.append(Refusal(code: "complainant_change_needs_agreement",
                    message: "After filing, a complainant can be added or substituted only when both parties agree.", rule: .a1_18))
            }
        case .documentFiled where byParty:
            // While a dismissal appeal is before the Directors, they look only at what the GC saw (a1.10).
            if CaseProjection.build(kind: kind, docket: docket).status == .dismissalAppealed {
                verdict.refusals.append(Refusal(code: "dismissal_appeal_no_new_material",
                    message: "The complaint cannot be revised or supplemented on a dismissal appeal; only a written explanation is accepted.", rule: .a1_10))
            }
            // An appeal is decided on the record: no new evidence unless the appeal is about evidence the panel refused (a1.28).
            let effective = CaseProjection.effectiveEntries(docket)
            if [.appealed, .appealHeard].contains(CaseProjection.build(kind: kind, docket: docket).status),
               effective.last(where: { $0.type == .appealFiled })?.payload["refusedEvidence"]?.textValue != "yes" {
                verdict.refusals.append(Refusal(code: "appeal_on_the_record",
                    message: "The appeal is decided on the record; new evidence is accepted only when the appeal is about evidence the panel refused.", rule: .a1_28))
            }
        case .complaintFiled, .arbitrationRequested:
            if proposed.type == .complaintFiled, let prior = refiledDocket, let refusal = refilingRefusal(prior) { verdict.refusals.append(refusal) }
            // A late complaint or request is still received and recorded, and flagged for the Committee (a1.2, a2.18).
            var withEntry = docket
            withEntry.append(DocketEntry(sequence: (docket.map(\.sequence).max() ?? 0) + 1, type: proposed.type, effectiveOn: date,
                                         recordedAt: Date(timeIntervalSince1970: 0), actorName: "", payload: proposed.payload))
            let key: DeadlineKey = proposed.type == .complaintFiled ? .filing : .arbitrationFiling
            let filing = DeadlineDerivation.derive(DeadlineInput(kind: kind, profile: profile, calendar: calendar, docket: withEntry, asOf: date,
                                                                 respondentNonMemberPeriods: respondentNonMemberPeriods)).first { $0.key == key }
            if let filing, filing.status == .missed {
                verdict.warnings.append(Refusal(code: proposed.type == .complaintFiled ? "complaint_untimely" : "request_untimely",
                                                message: "Filed after the 180-day window: \(filing.explanation)", rule: filing.rule))
            }
        case .complaintAmended where kind == .ethics:
            // At the hearing, an Article the GC dismissed comes back only on the panel's own motion (a1.19).
            let status = CaseProjection.build(kind: kind, docket: docket).status
            guard [.hearingScheduled, .heard].contains(status), proposed.payload["panelMotion"]?.textValue != "yes" else { break }
            let effective = CaseProjection.effectiveEntries(docket)
            // A dismissal the Directors reversed on appeal (a1.10) no longer counts.
            let reinstatedAt = effective.last { $0.type == .dismissalAppealDecided && $0.payload["outcome"]?.textValue == "reinstated" }?.sequence ?? 0
            let dismissed = Set(effective.filter { $0.type == .gcDismissed && $0.sequence > reinstatedAt }
                .flatMap { CitedArticles.parse($0.payload["articles"]?.textValue ?? "") })
            let readded = CitedArticles.parse(proposed.payload["articles"]?.textValue ?? "").filter { dismissed.contains($0) }
            if !readded.isEmpty {
                verdict.refusals.append(Refusal(code: "dismissed_article_needs_panel_motion",
                    message: "Article \(CitedArticles.text(readded)) was dismissed by the Grievance Committee; only the panel's own motion brings it back.", rule: .a1_19))
            }
        case .challengeFiled, .challengeRuled, .panelNamed, .panelistCertified, .panelistConflict:
            verdict.refusals += HearingPanel.build(docket).refusals(for: proposed)
            if proposed.type == .challengeFiled, let late = isLate(.challenges) {
                verdict.refusals.append(Refusal(code: "challenge_too_late",
                    message: "Challenges were due by \(late.dueOn!), 10 days after the panel list was transmitted.", rule: late.rule))
            }
        case .disciplineCompliance:
            let effective = CaseProjection.effectiveEntries(docket)
            guard effective.contains(where: { $0.type == .finalAction }) else {
                verdict.refusals.append(Refusal(code: "no_final_action", message: "Discipline is complied with only after the Directors' final action.", rule: .a1_31))
                break
            }
            if proposed.payload["event"]?.textValue == ComplianceEvent.finePaid.rawValue {
                let owed = CaseLedger.build(docket, profile: profile).balance(.respondentOwes)
                let paid = proposed.payload["amountCents"]?.integerValue ?? 0
                if paid <= 0 || paid > owed {
                    verdict.refusals.append(Refusal(code: "payment_not_owed",
                        message: "The respondent owes \(dollars(owed)); a payment of \(dollars(paid)) does not fit.", rule: .b8_1))
                }
            }
            if proposed.payload["event"]?.textValue == ComplianceEvent.referredToDirectors.rawValue,
               !effective.contains(where: { $0.type == .disciplineCompliance && $0.payload["event"]?.textValue == ComplianceEvent.explanationInvited.rawValue }) {
                verdict.refusals.append(Refusal(code: "explanation_first",
                    message: "Before non-compliance goes to the Directors the member is told and may explain.", rule: .a1_32))
            }
        case .decisionFiled, .finalAction:
            if proposed.type == .decisionFiled, let vote = proposed.payload["vote"]?.textValue {
                verdict.refusals += voteRefusals(vote)
            }
            if proposed.type == .finalAction {
                verdict.refusals += depositRefusals(proposed, docket: docket, profile: profile)
                verdict.refusals += complianceTermRefusals(proposed, profile: profile)
            }
            guard let text = proposed.payload["discipline"]?.textValue else { break }
            switch DisciplineText.parse(text) {
            case .failure(let refusal):
                verdict.refusals.append(refusal)
            case .success(let sanctions):
                verdict.refusals += Discipline.check(sanctions, profile: profile)
                if proposed.type == .decisionFiled, proposed.payload["outcome"]?.textValue == "no-violation", !sanctions.isEmpty {
                    verdict.refusals.append(Refusal(code: "discipline_without_violation", message: "Discipline can follow only a finding of violation.", rule: .a1_22))
                }
                if proposed.type == .finalAction, !isNonComplianceReferral(docket),
                   let decision = CaseProjection.effectiveEntries(docket).last(where: { $0.type == .decisionFiled }),
                   let recommendedText = decision.payload["discipline"]?.textValue,
                   case .success(let recommended) = DisciplineText.parse(recommendedText),
                   Discipline.isIncrease(from: recommended, to: sanctions) {
                    verdict.refusals.append(Refusal(code: "directors_increase_discipline",
                        message: "The Directors may adopt or reduce the recommended discipline (\(recommended.map(\.description).joined(separator: ", "))) but never increase it.",
                        rule: .a1_25))
                }
            }
        default:
            break
        }
        return verdict
    }

    /// The longest time to comply the Directors may set: a year, like the longest suspension (b8.2). Checked where the
    /// number enters, so no later date arithmetic ever meets an absurd count (a1.32).
    public static let complianceDaysRange = 1...365

    /// The days to comply must be a whole number in range, and a stated automatic penalty must itself be discipline
    /// NAR allows within its bounds (a1.32, b8).
    static func complianceTermRefusals(_ proposed: ProposedEntry, profile: RuleProfile) -> [Refusal] {
        var refusals: [Refusal] = []
        if let text = proposed.payload["complianceDays"]?.textValue {
            let days = Int(text.trimmingCharacters(in: .whitespaces))
            if days.map({ !complianceDaysRange.contains($0) }) ?? true {
                refusals.append(Refusal(code: "compliance_days_invalid",
                    message: "Days to comply (complianceDays) is a whole number from \(complianceDaysRange.lowerBound) to \(complianceDaysRange.upperBound); \"\(text.prefix(30))\" was entered.",
                    rule: .a1_32))
            }
        }
        if let penalty = proposed.payload["automaticPenalty"]?.textValue, !penalty.trimmingCharacters(in: .whitespaces).isEmpty {
            switch DisciplineText.parse(penalty) {
            case .failure(let refusal):
                refusals.append(Refusal(code: "automatic_penalty_not_understood", message: "Automatic penalty (automaticPenalty): \(refusal.message)", rule: refusal.rule))
            case .success(let sanctions):
                refusals += Discipline.check(sanctions, profile: profile).map {
                    Refusal(code: $0.code, message: "Automatic penalty (automaticPenalty): \($0.message)", rule: $0.rule)
                }
            }
        }
        return refusals
    }

    /// A decision is by simple majority (a1.22, S3 5.3.1): "2-1" passes, "1-1" or "1-2" does not.
    static func voteRefusals(_ vote: String) -> [Refusal] {
        let numbers = vote.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count >= 2, numbers[0] > numbers[1...].reduce(0, +) else {
            return [Refusal(code: "vote_not_majority", message: "Record the vote as for-against (e.g. 2-1); a decision needs a simple majority, and \"\(vote)\" is not one.", rule: .a1_22)]
        }
        return []
    }

    /// The appeal deposit follows the outcome (a1.29): confirmed → treasury, dismissed → returned, modified → the Directors decide.
    static func depositRefusals(_ proposed: ProposedEntry, docket: [DocketEntry], profile: RuleProfile) -> [Refusal] {
        let held = CaseLedger.build(docket, profile: profile).balance(.depositsHeld)
        let disposition = proposed.payload["depositDisposition"]?.textValue.flatMap(DepositDisposition.init(rawValue:))
        let action = proposed.payload["action"]?.textValue.flatMap(DirectorsAction.init(rawValue:))
        guard held > 0 else {
            return disposition == nil ? [] : [Refusal(code: "no_deposit_held", message: "No appeal deposit is held on this case.", rule: .a1_29)]
        }
        guard let disposition else {
            return [Refusal(code: "deposit_disposition_required", message: "Say what happens to the \(dollars(held)) appeal deposit.", rule: .a1_29)]
        }
        switch (action, disposition) {
        case (.adopted?, .toTreasury), (.dismissed?, .refunded), (.modified?, _), (.newPanel?, _), (.sanctionToPanel?, _):
            break
        case (.adopted?, _):
            return [Refusal(code: "deposit_follows_outcome", message: "The decision was confirmed: the deposit goes to the treasury.", rule: .a1_29)]
        case (.dismissed?, _):
            return [Refusal(code: "deposit_follows_outcome", message: "The charge was dismissed: the deposit is returned.", rule: .a1_29)]
        case (nil, _):
            break
        }
        if disposition == .split {
            let refund = proposed.payload["refundCents"]?.integerValue ?? -1
            if refund < 0 || refund > held {
                return [Refusal(code: "refund_out_of_range", message: "A partial refund is between $0 and the \(dollars(held)) held.", rule: .a1_29)]
            }
        }
        return []
    }

    /// The Directors act on non-compliance (a1.32) and may add sanctions then, so "never increase" does not apply.
    static func isNonComplianceReferral(_ docket: [DocketEntry]) -> Bool {
        let effective = CaseProjection.effectiveEntries(docket)
        guard let lastFinal = effective.last(where: { $0.type == .finalAction }) else { return false }
        return effective.contains { $0.sequence > lastFinal.sequence && $0.type == .disciplineCompliance
            && $0.payload["event"]?.textValue == ComplianceEvent.referredToDirectors.rawValue }
    }

    /// a1.17: a complaint withdrawn after the GC's forwarding decision was transmitted may not be refiled.
    public static func refilingRefusal(_ prior: [DocketEntry]) -> Refusal? {
        let entries = CaseProjection.effectiveEntries(prior)
        guard let withdrawn = entries.first(where: { $0.type == .withdrawn }) else {
            return Refusal(code: "refiled_case_not_withdrawn", message: "The case named as refiled was not withdrawn.", rule: .a1_17)
        }
        let forwarded = entries.contains { $0.type == .gcForwarded && $0.effectiveOn <= withdrawn.effectiveOn }
        let transmitted = entries.contains {
            $0.type == .noticeSent && $0.effectiveOn <= withdrawn.effectiveOn
                && ["gc-decision", "complaint-served"].contains($0.payload["notice"]?.textValue ?? "")
        }
        guard forwarded && transmitted else { return nil }
        return Refusal(code: "refiling_after_forwarding",
            message: "That complaint was withdrawn on \(withdrawn.effectiveOn), after the decision to forward it was transmitted: it may not be refiled. The Grievance Committee may continue only where a public-trust violation may have occurred.",
            rule: .a1_17)
    }

    static func dollars(_ cents: Int) -> String { Money.format(cents) }
}
