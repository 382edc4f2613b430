import Foundation

/// Everything the derivation reads. No clock: `asOf` is passed in.
public struct DeadlineInput: Sendable {
    public var kind: CaseKind
    public var profile: RuleProfile
    public var calendar: HolidayCalendar
    public var docket: [DocketEntry]
    public var asOf: CivilDate
    /// Periods the respondent was not a REALTOR member: they suspend the filing window (a1.4).
    public var respondentNonMemberPeriods: [SuspensionInterval]

    public init(kind: CaseKind, profile: RuleProfile, calendar: HolidayCalendar, docket: [DocketEntry], asOf: CivilDate,
                respondentNonMemberPeriods: [SuspensionInterval] = []) {
        self.kind = kind
        self.profile = profile
        self.calendar = calendar
        self.docket = docket
        self.asOf = asOf
        self.respondentNonMemberPeriods = respondentNonMemberPeriods
    }
}

/// Derives every deadline of a case from its docket, its profile and its association's calendar.
/// Corrections are applied first (`CaseProjection.effectiveEntries`), so a corrected receipt date moves
/// every window that counts from it and nothing else.
public enum DeadlineDerivation {
    public static func derive(_ input: DeadlineInput) -> [Deadline] {
        let context = Context(input)
        switch input.kind {
        case .ethics: return context.ethics()
        case .arbitration: return context.arbitration()
        case .citation: return context.citation()
        case .mediation: return context.filingWindow(.arbitrationFiling, from: context.first(.mediationRequested), requestType: .mediationRequested).map { [$0] } ?? []
        case .ombuds: return []  // no time limits in the ombuds program (b10.6)
        }
    }
}

private struct Context {
    let input: DeadlineInput
    let entries: [DocketEntry]
    let waived: Set<String>
    let endedOn: CivilDate?

    init(_ input: DeadlineInput) {
        self.input = input
        self.entries = CaseProjection.effectiveEntries(input.docket)
        self.waived = Set(entries.filter { $0.type == .deadlineWaived }.compactMap { $0.payload["deadline"]?.textValue })
        self.endedOn = entries.first { $0.type == .withdrawn || $0.type == .closed }?.effectiveOn
    }

    // MARK: reading the docket

    /// Whether `candidate` comes on or after `trigger` (and is not the trigger itself).
    func follows(_ candidate: DocketEntry, _ trigger: DocketEntry?) -> Bool {
        guard let trigger else { return true }
        return candidate.effectiveOn >= trigger.effectiveOn && candidate.id != trigger.id
    }

    func first(_ type: DocketEntryType, onOrAfter entry: DocketEntry? = nil) -> DocketEntry? {
        entries.first { $0.type == type && follows($0, entry) }
    }

    func last(_ type: DocketEntryType) -> DocketEntry? { entries.last { $0.type == type } }

    func notice(_ kind: NoticeKind, onOrAfter entry: DocketEntry? = nil, latest: Bool = false) -> DocketEntry? {
        let matches = entries.filter {
            $0.type == .noticeSent && $0.payload["notice"]?.textValue == kind.rawValue && follows($0, entry)
        }
        return latest ? matches.last : matches.first
    }

    func firstOf(_ types: [DocketEntryType], onOrAfter entry: DocketEntry?) -> DocketEntry? {
        entries.first { types.contains($0.type) && follows($0, entry) }
    }

    func date(_ entry: DocketEntry, _ field: String) -> CivilDate? { entry.payload[field]?.textValue.flatMap(CivilDate.init) }

    // MARK: the windows of each kind

    func ethics() -> [Deadline] {
        var out: [Deadline?] = []
        let complaint = first(.complaintFiled)
        out.append(filingWindow(.filing, from: complaint, requestType: .complaintFiled))
        let gcDecision = firstOf([.gcDismissed, .gcForwarded, .gcReferredToArbitration], onOrAfter: nil)
        out.append(after(.gcReview, trigger: complaint, satisfiedBy: gcDecision))
        out.append(after(.gcDecisionNotice, trigger: gcDecision,
                         satisfiedBy: gcDecision.flatMap { d in notice(.gcDecision, onOrAfter: d) ?? notice(.dismissal, onOrAfter: d) }))
        let request = notice(.responseRequest)
        out.append(after(.responseRequest, trigger: request, satisfiedBy: first(.responseReceived, onOrAfter: request),
                         lapseNote: "the GC may forward the complaint and add an Article 14 allegation (a1.7)"))
        let dismissalNotice = notice(.dismissal, latest: true)
        out.append(after(.dismissalAppeal, trigger: dismissalNotice, satisfiedBy: first(.dismissalAppealed, onOrAfter: dismissalNotice),
                         lapseNote: "the dismissal stands"))
        let served = notice(.complaintServed)
        let reply = first(.replyReceived, onOrAfter: served)
        out.append(after(.reply, trigger: served, satisfiedBy: reply,
                         lateNote: "a late reply is recorded; the panel may accept it (a1.11)", lapseNote: "notice of no reply goes out (a1.13)"))
        out.append(after(.replyForwarded, trigger: reply, satisfiedBy: notice(.replyForwarded, onOrAfter: reply)))
        out.append(after(.distribution, trigger: served, satisfiedBy: notice(.distribution, onOrAfter: served)))
        let panelList = notice(.panelList, latest: true)
        let challengesDeadline = after(.challenges, trigger: panelList, satisfiedBy: first(.challengeFiled, onOrAfter: panelList),
                                       lapseNote: "no challenge was filed")
        out.append(challengesDeadline)
        out.append(after(.panelNamed, trigger: panelList, from: challengesDeadline?.dueOn, fromLabel: "the day challenges were due",
                         satisfiedBy: first(.panelNamed, onOrAfter: panelList)))
        let hearing = last(.hearingScheduled)
        out.append(noticeAhead(.hearingNotice, notice: hearing))
        if let hearing, let hearingOn = date(hearing, "hearingOn") {
            out.append(before(.witnessNotice, hearingOn: hearingOn, trigger: hearing, satisfiedBy: notice(.witnessAndCounsel, onOrAfter: hearing)))
            out.append(before(.papersToPanel, hearingOn: hearingOn, trigger: hearing, satisfiedBy: notice(.papersToPanel, onOrAfter: hearing)))
        }
        out.append(adjournment())
        let held = last(.hearingHeld)
        let decision = first(.decisionFiled, onOrAfter: held)
        out.append(decisionWithin48Hours(held: held, decision: decision))
        let decisionNotice = notice(.decision, onOrAfter: decision)
        if let rule = input.profile.window(.decisionTransmitted) {
            let trigger = rule.basis == .reviewed ? first(.counselReviewed, onOrAfter: decision) : decision
            out.append(after(.decisionTransmitted, trigger: trigger, satisfiedBy: decisionNotice))
        }
        if let rule = input.profile.window(.appeal) {
            let trigger = rule.basis == .rendered ? decision : decisionNotice
            out.append(after(.appeal, trigger: trigger, satisfiedBy: first(.appealFiled, onOrAfter: decision),
                             lapseNote: "the decision goes to the Directors for action (a1.25)"))
        }
        let appeal = first(.appealFiled, onOrAfter: decision)
        out.append(after(.appealReview, trigger: appeal, satisfiedBy: first(.appealReviewed, onOrAfter: appeal)))
        out.append(after(.appealHearing, trigger: appeal, satisfiedBy: first(.appealHeard, onOrAfter: appeal)))
        out.append(noticeAhead(.appealHearingNotice, notice: last(.appealHearingScheduled)))
        let heard = last(.appealHeard)
        out.append(after(.directorsDecision, trigger: heard, satisfiedBy: notice(.directorsDecision, onOrAfter: heard)))
        return out.compactMap { $0 }
    }

    func arbitration() -> [Deadline] {
        var out: [Deadline?] = []
        let request = first(.arbitrationRequested)
        out.append(filingWindow(.arbitrationFiling, from: request, requestType: .arbitrationRequested))
        out.append(after(.arbitrability, trigger: request, satisfiedBy: first(.arbitrationClassified, onOrAfter: request)))
        let served = notice(.requestServed)
        out.append(after(.arbitrationResponse, trigger: served, satisfiedBy: first(.replyReceived, onOrAfter: served),
                         lapseNote: "the hearing may go ahead without the respondent (a2.17)"))
        let hearing = last(.hearingScheduled)
        out.append(noticeAhead(.arbitrationHearingNotice, notice: hearing))
        if let hearing, let hearingOn = date(hearing, "hearingOn") {
            out.append(before(.arbitrationPapersToPanel, hearingOn: hearingOn, trigger: hearing, satisfiedBy: notice(.papersToPanel, onOrAfter: hearing)))
        }
        let award = last(.awardRendered)
        let awardNotice = notice(.award, onOrAfter: award)
        out.append(after(.awardTransmitted, trigger: award, satisfiedBy: awardNotice))
        out.append(after(.awardPayment, trigger: awardNotice, satisfiedBy: firstOf([.awardPaid, .awardEscrowed], onOrAfter: awardNotice),
                         lapseNote: "failure may be a membership-duty violation (b3.7)"))
        out.append(after(.proceduralReview, trigger: awardNotice, satisfiedBy: first(.reviewRequested, onOrAfter: awardNotice),
                         lapseNote: "the award is final (b1)"))
        out.append(after(.motionToCorrect, trigger: awardNotice, satisfiedBy: first(.motionToCorrect, onOrAfter: awardNotice)))
        if let decided = last(.reviewDecided), decided.payload["outcome"]?.textValue == "confirmed" {
            out.append(after(.suitNotice, trigger: decided, satisfiedBy: first(.suitNoticed, onOrAfter: decided),
                             lapseNote: "funds in escrow are released to the prevailing party (a2.25)"))
        }
        return out.compactMap { $0 }
    }

    func citation() -> [Deadline] {
        let issued = notice(.citation)
        let answer = firstOf([.citationAccepted, .citationHearingRequested, .citationPaid], onOrAfter: issued)
        let reminder = notice(.citationReminder, onOrAfter: issued)
        return [
            after(.citationReminder, trigger: issued, satisfiedBy: answer ?? reminder),
            after(.citationHearingRequest, trigger: issued, satisfiedBy: first(.citationHearingRequested, onOrAfter: issued),
                  lapseNote: "the citation is final and cannot be appealed (a2.31)"),
        ].compactMap { $0 }
    }

    // MARK: window shapes

    /// a1.2–a1.4, a2.18: 180 days from the later of the transaction's conclusion and the day the facts
    /// could be known, extended by every suspension (merged, never counted twice).
    func filingWindow(_ key: DeadlineKey, from request: DocketEntry?, requestType: DocketEntryType) -> Deadline? {
        guard let rule = input.profile.window(key) ?? (key == .arbitrationFiling ? input.profile.window(.filing) : nil), let request else { return nil }
        let concluded = date(request, "transactionConcludedOn")
        let known = date(request, "factsKnownOn")
        guard let start = [concluded, known].compactMap({ $0 }).max() else {
            return Deadline(key: key, title: key.title, rule: rule.rule, basis: rule.basis, count: rule.count, dueOn: nil, earliestOn: nil,
                            triggerEntryId: request.id, satisfiedByEntryId: nil, status: .pending,
                            explanation: "Needs the date the transaction concluded or the facts could be known (\(rule.rule)).", closedDayNote: nil)
        }
        let startWords = known != nil && known == start && known != concluded ? "the day the facts could be known, \(start)" : "\(start)"
        var suspensions: [SuspensionInterval] = []
        var openProcess: DocketEntry?
        for process in entries where process.type == .informalProcess {
            guard let started = date(process, "startedOn") else { continue }
            let name = process.payload["process"]?.textValue ?? "informal process"
            if let ended = date(process, "endedOn") {
                suspensions.append(SuspensionInterval(start: started, end: ended, reason: name))
            } else {
                openProcess = process
                suspensions.append(SuspensionInterval(start: started, end: max(input.asOf, started), reason: "\(name) (still running)"))
            }
        }
        suspensions += input.respondentNonMemberPeriods
        let (lastDay, counted) = Tolling.extend(start: start, days: rule.days, by: suspensions)
        var explanation = "\(rule.days) days from \(startWords)"
        for (interval, days) in counted {
            explanation += ", +\(days) days suspended for \(interval.reason) \(interval.start)→\(interval.end)"
        }
        let (due, note) = closedDay(lastDay, rule: rule)
        explanation += " = \(due) (\(due.weekday.shortName))"
        let received = request.effectiveOn
        let status: DeadlineStatus
        if openProcess != nil && received > input.asOf {
            status = .suspended
        } else if received <= due {
            status = .met
            explanation += "; received \(received), in time."
        } else {
            status = .missed
            explanation += "; received \(received), \(due.days(to: received)) days late: still received and recorded, flagged for the Grievance Committee (\(rule.rule))."
        }
        return Deadline(key: key, title: key.title, rule: rule.rule, basis: rule.basis, count: rule.count, dueOn: due, earliestOn: nil,
                        triggerEntryId: request.id, satisfiedByEntryId: request.id, status: status, explanation: explanation, closedDayNote: note)
    }

    /// A window of N days after a trigger: "within N days" is met on day N or earlier (day 0 is the trigger).
    func after(_ key: DeadlineKey, trigger: DocketEntry?, from override: CivilDate? = nil, fromLabel: String? = nil,
               satisfiedBy: DocketEntry?, lateNote: String? = nil, lapseNote: String? = nil) -> Deadline? {
        guard let rule = input.profile.window(key), let trigger else { return nil }
        var start: CivilDate?
        var startWords: String
        if let override {
            start = override
            startWords = "\(fromLabel ?? "the start"), \(override)"
        } else if rule.basis == .received, trigger.type == .noticeSent {
            start = date(trigger, "receivedOn")
            startWords = start.map { "receipt of the \(noticeName(trigger)) on \($0)" } ?? "receipt"
        } else {
            start = trigger.effectiveOn
            startWords = trigger.type == .noticeSent
                ? "transmittal of the \(noticeName(trigger)) on \(trigger.effectiveOn)"
                : "\(basisWord(rule.basis)) (\(trigger.type.title.lowercased())) on \(trigger.effectiveOn)"
        }
        guard let start else {
            return make(key, rule, trigger: trigger, due: nil, earliest: nil, satisfiedBy: satisfiedBy, lateNote: lateNote, lapseNote: lapseNote,
                        explanation: "\(rule.days) days from receipt of the \(trigger.type == .noticeSent ? "notice" : trigger.type.title.lowercased()) sent \(trigger.effectiveOn); the receipt date is not recorded yet (\(rule.rule)).",
                        note: nil)
        }
        let raw = rule.count == .working ? input.calendar.adding(workingDays: rule.days, to: start) : start.adding(days: rule.days)
        let (due, note) = closedDay(raw, rule: rule)
        let explanation = "\(rule.days) \(rule.count == .working ? "working days" : "days") from \(startWords) = \(due) (\(due.weekday.shortName))"
        return make(key, rule, trigger: trigger, due: due, earliest: nil, satisfiedBy: satisfiedBy, lateNote: lateNote, lapseNote: lapseNote,
                    explanation: explanation, note: note)
    }

    /// N days before a hearing (witness notice a1.20, papers to the panel a2.12).
    func before(_ key: DeadlineKey, hearingOn: CivilDate, trigger: DocketEntry, satisfiedBy: DocketEntry?) -> Deadline? {
        guard let rule = input.profile.window(key) else { return nil }
        let raw = rule.count == .working ? input.calendar.subtracting(workingDays: rule.days, from: hearingOn) : hearingOn.adding(days: -rule.days)
        // Moving a "before" deadline forward would make it late, so a closed day moves it back to the last working day.
        var due = raw
        var note: String?
        if !input.calendar.isWorkingDay(raw) {
            note = "\(raw) is a \(closedName(raw))"
            if rule.rollForward {
                while !input.calendar.isWorkingDay(due) { due = due.adding(days: -1) }
                note! += "; moved back to \(due)"
            } else {
                note! += "; not moved under \(input.profile.name)"
            }
        }
        return make(key, rule, trigger: trigger, due: due, earliest: nil, satisfiedBy: satisfiedBy, lateNote: nil, lapseNote: nil,
                    explanation: "\(rule.days) days before the hearing on \(hearingOn) = \(due) (\(due.weekday.shortName))", note: note)
    }

    /// "At least N days' notice": the hearing may not be earlier than the notice date + N (a1.16, a1.27, a2.21).
    func noticeAhead(_ key: DeadlineKey, notice: DocketEntry?) -> Deadline? {
        guard let rule = input.profile.window(key), let notice, let hearingOn = date(notice, "hearingOn") else { return nil }
        let earliest = notice.effectiveOn.adding(days: rule.days)
        let met = hearingOn >= earliest
        let explanation = "Notice sent \(notice.effectiveOn) + \(rule.days) days = hearing no earlier than \(earliest); hearing set for \(hearingOn)"
            + (met ? "." : ": \(hearingOn.days(to: earliest)) days too soon (\(rule.rule)).")
        return Deadline(key: key, title: key.title, rule: rule.rule, basis: .transmitted, count: rule.count, dueOn: nil, earliestOn: earliest,
                        triggerEntryId: notice.id, satisfiedByEntryId: met ? notice.id : nil,
                        status: waived.contains(key.rawValue) ? .waived : (met ? .met : .missed), explanation: explanation, closedDayNote: nil)
    }

    /// a1.19: an adjourned hearing resumes not less than 15 nor more than 30 days later (5 days for a late
    /// witness), unless the respondent waives the adjournment.
    func adjournment() -> Deadline? {
        guard let adjourned = last(.hearingAdjourned) else { return nil }
        let lateWitness = adjourned.payload["lateWitness"]?.textValue == "yes"
        let earliest = adjourned.effectiveOn.adding(days: lateWitness ? 5 : 15)
        let latest = adjourned.effectiveOn.adding(days: 30)
        let next = entries.first { $0.type == .hearingScheduled && $0.sequence > adjourned.sequence }
        let resumesOn = next.flatMap { date($0, "hearingOn") }
        var status: DeadlineStatus = .pending
        var explanation = "Adjourned \(adjourned.effectiveOn): resume between \(earliest) and \(latest)"
            + (lateWitness ? " (late witness: 5 days)" : " (15 to 30 days)")
        if waived.contains(DeadlineKey.adjournedHearing.rawValue) {
            status = .waived
        } else if let resumesOn {
            status = (earliest...latest).contains(resumesOn) ? .met : .missed
            explanation += "; set for \(resumesOn)" + (status == .met ? "." : ", outside the window (a1.19).")
        } else if input.asOf > latest {
            status = .missed
        }
        return Deadline(key: .adjournedHearing, title: DeadlineKey.adjournedHearing.title, rule: "a1.19", basis: .transmitted, count: .calendar,
                        dueOn: latest, earliestOn: earliest, triggerEntryId: adjourned.id, satisfiedByEntryId: status == .met ? next?.id : nil,
                        status: status, explanation: explanation, closedDayNote: nil)
    }

    /// a1.22: the decision on the day of the hearing or within 48 hours. With both timestamps recorded the
    /// hours are compared; otherwise the civil-day window of the profile applies.
    func decisionWithin48Hours(held: DocketEntry?, decision: DocketEntry?) -> Deadline? {
        guard let held, let rule = input.profile.window(.decisionFiled) else { return nil }
        if let decision, let adjournedAt = held.payload["adjournedAt"]?.textValue.flatMap(Timestamps.parse),
           let filedAt = decision.payload["filedAt"]?.textValue.flatMap(Timestamps.parse) {
            let hours = filedAt.timeIntervalSince(adjournedAt) / 3600
            let met = hours <= 48
            return Deadline(key: .decisionFiled, title: DeadlineKey.decisionFiled.title, rule: rule.rule, basis: .rendered, count: .calendar,
                            dueOn: held.effectiveOn.adding(days: rule.days), earliestOn: nil, triggerEntryId: held.id, satisfiedByEntryId: decision.id,
                            status: met ? .met : .missed,
                            explanation: String(format: "Filed %.1f hours after the hearing adjourned; the limit is 48 hours (%@).", hours, rule.rule),
                            closedDayNote: nil)
        }
        return after(.decisionFiled, trigger: held, satisfiedBy: decision)
    }

    // MARK: helpers

    func make(_ key: DeadlineKey, _ rule: WindowRule, trigger: DocketEntry, due: CivilDate?, earliest: CivilDate?, satisfiedBy: DocketEntry?,
              lateNote: String?, lapseNote: String?, explanation: String, note: String?) -> Deadline {
        var status: DeadlineStatus
        var words = explanation
        if waived.contains(key.rawValue) {
            status = .waived
            words += "; waived."
        } else if let done = satisfiedBy {
            if let due, done.effectiveOn > due {
                status = .missed
                words += "; done \(done.effectiveOn), \(due.days(to: done.effectiveOn)) days late" + (lateNote.map { ": \($0)" } ?? "") + "."
            } else {
                status = .met
                words += "; done \(done.effectiveOn)."
            }
        } else if let ended = endedOn, ended >= trigger.effectiveOn {
            status = .notApplicable
            words += "; the case ended \(ended)."
        } else if let due, input.asOf > due {
            status = key.isPartyOption ? .lapsed : .missed
            words += key.isPartyOption ? "; window closed unused" + (lapseNote.map { ": \($0)" } ?? "") + "." : "; overdue by \(due.days(to: input.asOf)) days."
        } else {
            status = .pending
            if let due { words += "; \(input.asOf.days(to: due)) days left." }
        }
        return Deadline(key: key, title: key.title, rule: rule.rule, basis: rule.basis, count: rule.count, dueOn: due, earliestOn: earliest,
                        triggerEntryId: trigger.id, satisfiedByEntryId: status == .met || status == .missed ? satisfiedBy?.id : nil,
                        status: status, explanation: words, closedDayNote: note)
    }

    /// A due date on a weekend or holiday is flagged; it moves to the next working day only where the
    /// profile's window says so (b14.5–b14.6).
    func closedDay(_ day: CivilDate, rule: WindowRule) -> (CivilDate, String?) {
        guard !input.calendar.isWorkingDay(day) else { return (day, nil) }
        if rule.rollForward {
            let moved = input.calendar.nextWorkingDay(onOrAfter: day)
            return (moved, "\(day) is a \(closedName(day)); moved to \(moved)")
        }
        return (day, "\(day) is a \(closedName(day)); not moved under \(input.profile.name)")
    }

    func closedName(_ day: CivilDate) -> String {
        if let holiday = input.calendar.holidayName(day) { return "holiday (\(holiday))" }
        return day.weekday == .saturday ? "Saturday" : "Sunday"
    }

    func basisWord(_ basis: CountBasis) -> String {
        switch basis {
        case .transmitted: "transmittal"
        case .received: "receipt"
        case .served: "service"
        case .rendered: "rendering"
        case .filed: "filing"
        case .reviewed: "counsel's review"
        }
    }

    func noticeName(_ notice: DocketEntry) -> String {
        (notice.payload["notice"]?.textValue ?? "notice").replacingOccurrences(of: "-", with: " ") + " notice"
    }
}
