import Foundation

// (Just over 400 lines: the per-kind derivations share one private `Context` whose flat indexes the benchmark depends
// on; splitting the file would make them internal and cost the inlining measured in BENCHMARKS.md.)

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
        }
    }
}

/// Collects derived deadlines without an intermediate array of optionals.
private struct DeadlineList {
    var items: [Deadline] = []
    init() { items.reserveCapacity(24) }
    mutating func append(_ deadline: Deadline?) { if let deadline { items.append(deadline) } }
}

private struct Context {
    let input: DeadlineInput
    let entries: [DocketEntry]
    /// Waived time frames (almost always none): a list, so no catalog size can overflow it.
    let waived: [DeadlineKey]
    let endedOn: CivilDate?
    /// Each entry's type ordinal, and its notice kind ordinal (-1 when it is not a notice): flat arrays
    /// scanned by every window. A docket is a few dozen entries, so a scan beats building per-type lists.
    let typeOrdinals: [UInt16]
    let noticeOrdinals: [Int16]

    init(_ input: DeadlineInput) {
        self.input = input
        self.entries = CaseProjection.effectiveEntries(input.docket)
        var waived: [DeadlineKey] = []
        var endedOn: CivilDate?
        var types = [UInt16](repeating: 0, count: entries.count)
        var notices = [Int16](repeating: -1, count: entries.count)
        for index in entries.indices {
            let type = entries[index].type
            types[index] = UInt16(type.ordinal)
            switch type {
            case .noticeSent:
                if let kind = entries[index].parsed.notice { notices[index] = Int16(kind.ordinal) }
            case .deadlineWaived:
                if let key = entries[index].payload["deadline"]?.textValue.flatMap(DeadlineKey.init(rawValue:)) { waived.append(key) }
            case .withdrawn, .closed:
                if endedOn == nil { endedOn = entries[index].effectiveOn }
            default:
                break
            }
        }
        self.waived = waived
        self.endedOn = endedOn
        self.typeOrdinals = types
        self.noticeOrdinals = notices
    }

    // MARK: reading the docket

    /// Whether `candidate` comes on or after `trigger` (and is not the trigger itself).
    func follows(_ candidate: DocketEntry, _ trigger: DocketEntry?) -> Bool {
        guard let trigger else { return true }
        return candidate.effectiveOn >= trigger.effectiveOn && candidate.id != trigger.id
    }

    func first(_ type: DocketEntryType, onOrAfter entry: DocketEntry? = nil) -> DocketEntry? {
        let wanted = UInt16(type.ordinal)
        for index in entries.indices where typeOrdinals[index] == wanted && follows(entries[index], entry) { return entries[index] }
        return nil
    }

    func last(_ type: DocketEntryType) -> DocketEntry? {
        let wanted = UInt16(type.ordinal)
        return entries.indices.last { typeOrdinals[$0] == wanted }.map { entries[$0] }
    }

    func isWaived(_ key: DeadlineKey) -> Bool { !waived.isEmpty && waived.contains(key) }

    func notice(_ kind: NoticeKind, onOrAfter entry: DocketEntry? = nil, latest: Bool = false) -> DocketEntry? {
        let wanted = Int16(kind.ordinal)
        let matches = { (index: Int) in self.noticeOrdinals[index] == wanted && self.follows(self.entries[index], entry) }
        return (latest ? entries.indices.last(where: matches) : entries.indices.first(where: matches)).map { entries[$0] }
    }

    func firstOf(_ types: [DocketEntryType], onOrAfter entry: DocketEntry?) -> DocketEntry? {
        for index in entries.indices where types.contains(where: { UInt16($0.ordinal) == typeOrdinals[index] }) && follows(entries[index], entry) {
            return entries[index]
        }
        return nil
    }

    func date(_ entry: DocketEntry, _ field: ParsedPayload.DateField) -> CivilDate? { entry.parsed.date(field) }

    // MARK: the windows of each kind

    func ethics() -> [Deadline] {
        var out = DeadlineList()
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
        let dismissalAppeal = first(.dismissalAppealed, onOrAfter: dismissalNotice)
        out.append(after(.dismissalAppealDecision, trigger: dismissalAppeal, satisfiedBy: first(.dismissalAppealDecided, onOrAfter: dismissalAppeal)))
        let served = notice(.complaintServed)
        let reply = first(.replyReceived, onOrAfter: served)
        out.append(after(.reply, trigger: served, satisfiedBy: reply,
                         lateNote: "a late reply is recorded; the panel may accept it (a1.11)", lapseNote: "notice of no reply goes out (a1.13)"))
        out.append(after(.replyForwarded, trigger: reply, satisfiedBy: notice(.replyForwarded, onOrAfter: reply)))
        out.append(after(.distribution, trigger: served, satisfiedBy: notice(.distribution, onOrAfter: served)))
        panelChoice(&out)
        let hearing = hearingSetting()
        out.append(noticeAhead(.hearingNotice, notice: hearing))
        if let hearing, let hearingOn = date(hearing, .hearingOn) {
            out.append(before(.witnessNotice, hearingOn: hearingOn, trigger: hearing, satisfiedBy: notice(.witnessAndCounsel, onOrAfter: hearing)))
            out.append(before(.papersToPanel, hearingOn: hearingOn, trigger: hearing, satisfiedBy: notice(.papersToPanel, onOrAfter: hearing)))
        }
        out.append(adjournment())
        let held = last(.hearingHeld)
        let decision = first(.decisionFiled, onOrAfter: held)
        out.append(decisionWithin48Hours(held: held, decision: decision))
        let decisionNotice = notice(.decision, onOrAfter: decision)
        if let rule = input.profile.window(.decisionTransmitted) {
            // NAR: 5 days after filing "except if it is necessary to obtain counsel's review" (a1.23);
            // OBAR: 10 days after counsel's review (a2.14).
            let reviewed = first(.counselReviewed, onOrAfter: decision)
            let trigger = rule.basis == .reviewed || reviewed != nil ? reviewed : decision
            out.append(after(.decisionTransmitted, trigger: trigger, satisfiedBy: decisionNotice))
        }
        // Where the profile allows petitions for rehearing (S3 5.4.1, a2.16): while one is pending no appeal window
        // runs; after a denial the appeal is due 10 days later; after a rehearing the new decision starts the usual window.
        let petition = input.profile.rehearingPetitions ? first(.rehearingPetitioned, onOrAfter: decision) : nil
        let ruling = first(.rehearingDecided, onOrAfter: petition)
        if petition != nil, let ruling, ruling.payload["outcome"]?.textValue == "denied" {
            out.append(after(.appealAfterRehearingDenied, trigger: ruling, satisfiedBy: first(.appealFiled, onOrAfter: ruling),
                             lapseNote: "the decision goes to the Directors for action (a1.25)"))
        } else if petition == nil, let rule = input.profile.window(.appeal) {
            let trigger = rule.basis == .rendered ? decision : decisionNotice
            out.append(after(.appeal, trigger: trigger, satisfiedBy: first(.appealFiled, onOrAfter: decision),
                             lapseNote: "the decision goes to the Directors for action (a1.25)"))
        }
        let appeal = first(.appealFiled, onOrAfter: decision)
        let review = first(.appealReviewed, onOrAfter: appeal)
        out.append(after(.appealReview, trigger: appeal, satisfiedBy: review))
        if let review, review.payload["outcome"]?.textValue == "returned-for-detail" {
            out.append(after(.appealAmendment, trigger: review, satisfiedBy: first(.appealAmended, onOrAfter: review),
                             lapseNote: "the appeal goes forward on its original basis or is dismissed (a1.27)"))
        }
        out.append(after(.appealHearing, trigger: appeal, satisfiedBy: first(.appealHeard, onOrAfter: appeal)))
        out.append(noticeAhead(.appealHearingNotice, notice: last(.appealHearingScheduled)))
        let heard = last(.appealHeard)
        out.append(after(.directorsDecision, trigger: heard, satisfiedBy: notice(.directorsDecision, onOrAfter: heard)))
        return out.items
    }

    func arbitration() -> [Deadline] {
        var out = DeadlineList()
        let request = first(.arbitrationRequested)
        out.append(filingWindow(.arbitrationFiling, from: request, requestType: .arbitrationRequested))
        out.append(after(.arbitrability, trigger: request, satisfiedBy: first(.arbitrationClassified, onOrAfter: request)))
        let classified = notice(.classification)
        out.append(after(.classificationChallenge, trigger: classified, satisfiedBy: first(.classificationChallenged, onOrAfter: classified),
                         lapseNote: "the Committee's decision stands; a declined request ends (b4.1)"))
        let challenge = last(.classificationChallenged)
        out.append(after(.classificationChallengeDecision, trigger: challenge, satisfiedBy: first(.classificationChallengeDecided, onOrAfter: challenge)))
        let served = notice(.requestServed)
        out.append(after(.arbitrationResponse, trigger: served, satisfiedBy: first(.replyReceived, onOrAfter: served),
                         lapseNote: "the hearing may go ahead without the respondent (a2.17)"))
        // The panel is chosen as in ethics: the committee list, 10 days to challenge, then the naming (S3 7.3.4, 7.6).
        panelChoice(&out)
        let hearing = hearingSetting()
        out.append(noticeAhead(.arbitrationHearingNotice, notice: hearing))
        if let hearing, let hearingOn = date(hearing, .hearingOn) {
            out.append(before(.arbitrationPapersToPanel, hearingOn: hearingOn, trigger: hearing, satisfiedBy: notice(.papersToPanel, onOrAfter: hearing)))
        }
        let award = last(.awardRendered)
        let awardNotice = notice(.award, onOrAfter: award)
        out.append(after(.awardTransmitted, trigger: award, satisfiedBy: awardNotice))
        // A corrected award served again restarts what depends on it: payment and review (a2.24).
        out.append(after(.awardPayment, trigger: awardNotice, satisfiedBy: firstOf([.awardPaid, .awardEscrowed], onOrAfter: awardNotice),
                         lapseNote: "failure may be a membership-duty violation (b3.7)"))
        out.append(after(.proceduralReview, trigger: awardNotice, satisfiedBy: firstOf([.reviewRequested, .suitNoticed], onOrAfter: awardNotice),
                         lapseNote: "the award is final (b1)"))
        // One motion per award from its first service; a new hearing ordered on review makes a new award (b3.9).
        let rehearing = entries.last { $0.type == .reviewDecided && $0.payload["outcome"]?.textValue == "new-hearing" }
        let firstNotice = notice(.award, onOrAfter: first(.awardRendered, onOrAfter: rehearing))
        out.append(after(.motionToCorrect, trigger: firstNotice, satisfiedBy: first(.motionToCorrect, onOrAfter: firstNotice)))
        let motionNotice = notice(.motionToCorrect, onOrAfter: firstNotice)
        out.append(after(.motionObjection, trigger: motionNotice, satisfiedBy: first(.motionObjection, onOrAfter: motionNotice),
                         lapseNote: "the panel rules on the motion; its ruling is final (a2.24)"))
        if let decided = last(.reviewDecided), decided.payload["outcome"]?.textValue == "confirmed" {
            out.append(after(.suitNotice, trigger: decided, satisfiedBy: first(.suitNoticed, onOrAfter: decided),
                             lapseNote: "funds in escrow are released to the prevailing party (a2.25)"))
        }
        let equivalent = notice(.depositEquivalent)
        out.append(after(.depositEquivalent, trigger: equivalent, satisfiedBy: first(.depositEquivalentPaid, onOrAfter: equivalent),
                         lapseNote: "the amount is an unpaid financial obligation of membership (a2.20)"))
        return out.items
    }

    /// The committee list to the parties, the challenges for cause it opens and the naming after them (a1.14).
    func panelChoice(_ out: inout DeadlineList) {
        let panelList = notice(.panelList, latest: true)
        let challengesDeadline = after(.challenges, trigger: panelList, satisfiedBy: first(.challengeFiled, onOrAfter: panelList),
                                       lapseNote: "no challenge was filed")
        out.append(challengesDeadline)
        out.append(after(.panelNamed, trigger: panelList, from: challengesDeadline?.dueOn, fromLabel: "the day challenges were due",
                         satisfiedBy: first(.panelNamed, onOrAfter: panelList)))
    }

    /// The latest setting of the hearing: a schedule or a continuance (a1.15, a2.21).
    func hearingSetting() -> DocketEntry? {
        [last(.hearingScheduled), last(.hearingContinued)].compactMap { $0 }.max { $0.sequence < $1.sequence }
    }

    func citation() -> [Deadline] {
        let issued = notice(.citation)
        let answer = firstOf([.citationAccepted, .citationHearingRequested, .citationPaid], onOrAfter: issued)
        let reminder = notice(.citationReminder, onOrAfter: issued)
        let hearingRequest = after(.citationHearingRequest, trigger: issued, satisfiedBy: first(.citationHearingRequested, onOrAfter: issued),
                                   lapseNote: "the citation is final and cannot be appealed (a2.31)")
        // Final by acceptance or by silence past the 20 days, the fine is then due as a financial obligation (S3 9.3.2.3).
        let paid = first(.citationPaid, onOrAfter: issued)
        var payment: Deadline?
        let citation = last(.citationIssued)
        let fine = citation?.payload["fineCents"]?.integerValue ?? 0
        if let accepted = first(.citationAccepted, onOrAfter: issued) {
            // Training chosen instead of the whole fine (a2.34) leaves nothing to pay.
            let replaced = accepted.payload["trainingInsteadOfFine"]?.textValue == "yes" ? (citation?.payload["replaceableCents"]?.integerValue ?? 0) : 0
            if fine - replaced > 0 { payment = after(.citationPayment, trigger: accepted, satisfiedBy: paid) }
        } else if let window = hearingRequest, window.satisfiedByEntryId == nil, let finalOn = window.dueOn {
            // Known from the day of receipt, so the kept time frame need not wait for an append on the day it lapses.
            payment = after(.citationPayment, trigger: issued, from: finalOn,
                            fromLabel: "the end of the 20 days to ask for a hearing (final without a request)", satisfiedBy: paid)
        }
        return [after(.citationReminder, trigger: issued, satisfiedBy: answer ?? reminder), hearingRequest, payment].compactMap { $0 }
    }

    // MARK: window shapes

    /// a1.2–a1.4, a2.18: 180 days from the later of the transaction's conclusion and the day the facts
    /// could be known, extended by every suspension (merged, never counted twice).
    func filingWindow(_ key: DeadlineKey, from request: DocketEntry?, requestType: DocketEntryType) -> Deadline? {
        guard let rule = input.profile.window(key) ?? (key == .arbitrationFiling ? input.profile.window(.filing) : nil), let request else { return nil }
        let concluded = date(request, .transactionConcludedOn)
        let known = date(request, .factsKnownOn)
        guard let start = known.map({ k in concluded.map { max($0, k) } ?? k }) ?? concluded else {
            return Deadline(key: key, title: key.title, rule: rule.rule, basis: rule.basis, count: rule.count, dueOn: nil, earliestOn: nil,
                            triggerEntryId: request.id, satisfiedByEntryId: nil, status: .pending,
                            why: .text("Needs the date the transaction concluded or the facts could be known (\(rule.rule))."), closedDay: nil,
                            isOpen: true)
        }
        var suspensions: [SuspensionInterval] = []
        var openProcess: DocketEntry?
        for process in entries where process.type == .informalProcess {
            guard let started = date(process, .startedOn) else { continue }
            let name = process.payload["process"]?.textValue ?? "informal process"
            if let ended = date(process, .endedOn) {
                suspensions.append(SuspensionInterval(start: started, end: ended, reason: name))
            } else {
                openProcess = process
                suspensions.append(SuspensionInterval(start: started, end: max(input.asOf, started), reason: "\(name) (still running)"))
            }
        }
        suspensions += input.respondentNonMemberPeriods
        let (lastDay, counted) = Tolling.extend(start: start, days: rule.days, by: suspensions)
        let (due, closed) = closedDay(lastDay, rule: rule)
        let received = request.effectiveOn
        let status: DeadlineStatus = openProcess != nil && received > input.asOf ? .suspended : (received <= due ? .met : .missed)
        let why = DeadlineExplanation.filing(days: rule.days, start: start, factsKnownLater: known != nil && known == start && known != concluded,
                                             counted: counted.map { CountedSuspension(interval: $0.0, days: $0.1) }, due: due,
                                             received: status == .suspended ? nil : received,
                                             daysLate: status == .missed ? due.days(to: received) : nil, rule: rule.rule)
        return Deadline(key: key, title: key.title, rule: rule.rule, basis: rule.basis, count: rule.count, dueOn: due, earliestOn: nil,
                        triggerEntryId: request.id, satisfiedByEntryId: request.id, status: status, why: why, closedDay: closed)
    }

    /// A window of N days after a trigger: "within N days" is met on day N or earlier (day 0 is the trigger).
    func after(_ key: DeadlineKey, trigger: DocketEntry?, from override: CivilDate? = nil, fromLabel: String? = nil,
               satisfiedBy: DocketEntry?, lateNote: String? = nil, lapseNote: String? = nil) -> Deadline? {
        guard let rule = input.profile.window(key), let trigger else { return nil }
        let start: CivilDate?
        let words: WindowStart?
        if let override {
            start = override
            words = .from(label: fromLabel ?? "the start", date: override)
        } else if rule.basis == .received, trigger.type == .noticeSent {
            start = date(trigger, .receivedOn)
            words = start.map { .receiptOf(notice: noticeKind(trigger), on: $0) }
        } else {
            start = trigger.effectiveOn
            words = trigger.type == .noticeSent
                ? .transmittalOf(notice: noticeKind(trigger), on: trigger.effectiveOn)
                : .entry(basis: rule.basis, title: trigger.type.title, on: trigger.effectiveOn)
        }
        guard let start, let words else {
            let (status, outcome) = standing(key, trigger: trigger, due: nil, satisfiedBy: satisfiedBy, lateNote: lateNote, lapseNote: lapseNote)
            let what = trigger.type == .noticeSent ? "notice" : trigger.type.title.lowercased()
            return deadline(key, rule, trigger: trigger, due: nil, status: status, satisfiedBy: satisfiedBy,
                            why: .receiptUnknown(days: rule.days, what: what, sent: trigger.effectiveOn, rule: rule.rule, outcome: outcome), closed: nil,
                            lapseNote: lapseNote)
        }
        let raw = rule.count == .working ? input.calendar.adding(workingDays: rule.days, to: start) : start.adding(days: rule.days)
        let (due, closed) = closedDay(raw, rule: rule)
        let (status, outcome) = standing(key, trigger: trigger, due: due, satisfiedBy: satisfiedBy, lateNote: lateNote, lapseNote: lapseNote)
        return deadline(key, rule, trigger: trigger, due: due, status: status, satisfiedBy: satisfiedBy,
                        why: .window(days: rule.days, working: rule.count == .working, start: words, due: due, outcome: outcome), closed: closed,
                        lapseNote: lapseNote)
    }

    /// N days before a hearing (witness notice a1.20, papers to the panel a2.12).
    func before(_ key: DeadlineKey, hearingOn: CivilDate, trigger: DocketEntry, satisfiedBy: DocketEntry?) -> Deadline? {
        guard let rule = input.profile.window(key) else { return nil }
        let raw = rule.count == .working ? input.calendar.subtracting(workingDays: rule.days, from: hearingOn) : hearingOn.adding(days: -rule.days)
        // Moving a "before" deadline forward would make it late, so a closed day moves it back to the last working day.
        var due = raw
        var closed: ClosedDay?
        if let reason = closedReason(raw) {
            if rule.rollForward { while !input.calendar.isWorkingDay(due) { due = due.adding(days: -1) } }
            closed = ClosedDay(day: raw, reason: reason, movedTo: rule.rollForward ? due : nil, profile: input.profile.name)
        }
        let (status, outcome) = standing(key, trigger: trigger, due: due, satisfiedBy: satisfiedBy, lateNote: nil, lapseNote: nil)
        return deadline(key, rule, trigger: trigger, due: due, status: status, satisfiedBy: satisfiedBy,
                        why: .before(days: rule.days, hearingOn: hearingOn, due: due, outcome: outcome), closed: closed)
    }

    /// "At least N days' notice": the hearing may not be earlier than the notice date + N (a1.16, a1.27, a2.21).
    func noticeAhead(_ key: DeadlineKey, notice: DocketEntry?) -> Deadline? {
        guard let rule = input.profile.window(key), let notice, let hearingOn = date(notice, .hearingOn) else { return nil }
        let earliest = notice.effectiveOn.adding(days: rule.days)
        let met = hearingOn >= earliest
        // A new date all parties agreed on needs no fresh notice period (a1.15).
        let agreed = notice.type == .hearingContinued && notice.payload["basis"]?.textValue == "all-parties-agree"
        return Deadline(key: key, title: key.title, rule: rule.rule, basis: .transmitted, count: rule.count, dueOn: nil, earliestOn: earliest,
                        triggerEntryId: notice.id, satisfiedByEntryId: met ? notice.id : nil,
                        status: isWaived(key) || (agreed && !met) ? .waived : (met ? .met : .missed),
                        why: .noticeAhead(sent: notice.effectiveOn, days: rule.days, earliest: earliest, hearingOn: hearingOn, rule: rule.rule), closedDay: nil)
    }

    /// a1.19: an adjourned hearing resumes not less than 15 nor more than 30 days later (5 days for a late
    /// witness), unless the respondent waives the adjournment.
    func adjournment() -> Deadline? {
        guard let adjourned = last(.hearingAdjourned) else { return nil }
        let lateWitness = adjourned.payload["lateWitness"]?.textValue == "yes"
        let earliest = adjourned.effectiveOn.adding(days: lateWitness ? 5 : 15)
        let latest = adjourned.effectiveOn.adding(days: 30)
        let next = entries.first { $0.type == .hearingScheduled && $0.sequence > adjourned.sequence }
        let resumesOn = next.flatMap { date($0, .hearingOn) }
        var status: DeadlineStatus = .pending
        var explanation = "Adjourned \(adjourned.effectiveOn): resume between \(earliest) and \(latest)"
            + (lateWitness ? " (late witness: 5 days)" : " (15 to 30 days)")
        if isWaived(.adjournedHearing) {
            status = .waived
        } else if let resumesOn {
            status = (earliest...latest).contains(resumesOn) ? .met : .missed
            explanation += "; set for \(resumesOn)" + (status == .met ? "." : ", outside the window (a1.19).")
        } else if input.asOf > latest {
            status = .missed
        }
        return Deadline(key: .adjournedHearing, title: DeadlineKey.adjournedHearing.title, rule: RuleID.a1_19.id, basis: .transmitted, count: .calendar,
                        dueOn: latest, earliestOn: earliest, triggerEntryId: adjourned.id, satisfiedByEntryId: status == .met ? next?.id : nil,
                        status: status, why: .text(explanation), closedDay: nil, isOpen: status == .pending || (status == .missed && resumesOn == nil))
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
                            why: .text(String(format: "Filed %.1f hours after the hearing adjourned; the limit is 48 hours (%@).", hours, rule.rule)),
                            closedDay: nil)
        }
        return after(.decisionFiled, trigger: held, satisfiedBy: decision)
    }

    // MARK: helpers

    /// Where a window stands as of the case's `asOf`, and the words for it.
    func standing(_ key: DeadlineKey, trigger: DocketEntry, due: CivilDate?, satisfiedBy: DocketEntry?,
                  lateNote: String?, lapseNote: String?) -> (DeadlineStatus, WindowOutcome) {
        if isWaived(key) { return (.waived, .waived) }
        if let done = satisfiedBy {
            if let due, done.effectiveOn > due { return (.missed, .done(on: done.effectiveOn, daysLate: due.days(to: done.effectiveOn), lateNote: lateNote)) }
            return (.met, .done(on: done.effectiveOn, daysLate: 0, lateNote: nil))
        }
        if let ended = endedOn, ended >= trigger.effectiveOn { return (.notApplicable, .caseEnded(ended)) }
        if let due, input.asOf > due {
            return key.isPartyOption ? (.lapsed, .lapsed(note: lapseNote)) : (.missed, .overdue(days: due.days(to: input.asOf)))
        }
        return (.pending, .pending(daysLeft: due.map { input.asOf.days(to: $0) }))
    }

    func deadline(_ key: DeadlineKey, _ rule: WindowRule, trigger: DocketEntry, due: CivilDate?, status: DeadlineStatus,
                  satisfiedBy: DocketEntry?, why: DeadlineExplanation, closed: ClosedDay?, lapseNote: String? = nil) -> Deadline {
        Deadline(key: key, title: key.title, rule: rule.rule, basis: rule.basis, count: rule.count, dueOn: due, earliestOn: nil,
                 triggerEntryId: trigger.id, satisfiedByEntryId: status == .met || status == .missed ? satisfiedBy?.id : nil,
                 status: status, why: why, closedDay: closed, isOpen: why.awaitsCalendar, lapseNote: key.isPartyOption ? lapseNote : nil)
    }

    /// A due date on a weekend or holiday is flagged; it moves to the next working day only where the
    /// profile's window says so (b14.5–b14.6).
    func closedDay(_ day: CivilDate, rule: WindowRule) -> (CivilDate, ClosedDay?) {
        guard let reason = closedReason(day) else { return (day, nil) }
        let moved = rule.rollForward ? input.calendar.nextWorkingDay(onOrAfter: day) : nil
        return (moved ?? day, ClosedDay(day: day, reason: reason, movedTo: moved, profile: input.profile.name))
    }

    func closedReason(_ day: CivilDate) -> ClosedDay.Reason? {
        if day.weekday == .saturday { return .saturday }
        if day.weekday == .sunday { return .sunday }
        if input.calendar.isWorkingDay(day) { return nil }
        return input.calendar.holidayName(day).map { .holiday($0) }
    }

    func noticeKind(_ notice: DocketEntry) -> String { notice.payload["notice"]?.textValue ?? "notice" }

}
