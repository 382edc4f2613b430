import Vapor
import StandardsCore

/// The party portal in the party's language (issue 19, item 6): a person who is only a party in the association reads
/// their dashboard, case list, case page, hearing page and messages in the language chosen in the browser (`?lang=`,
/// remembered) or else their own (`Person.language`, set by filing in Spanish or on the account page). Staff's and
/// committees' pages stay English.
extension Request {
    /// The language a party-only reader's page is drawn in, or nil for everyone else (their pages are English).
    func partyLanguage(roles: Set<Role>, actor: Actor) async throws -> LetterLanguage? {
        guard roles.isSubset(of: [.party]) else { return nil }
        if let chosenLanguage { return chosenLanguage }
        guard let personID = actor.personID else { return .en }
        // A refused step asks twice in one request (its words, then the page): the person is read once.
        if let known = storage[PersonLanguageKey.self] { return known }
        let language = try await Person.find(personID, on: db)?.letterLanguage ?? .en
        storage[PersonLanguageKey.self] = language
        return language
    }

    private struct PersonLanguageKey: StorageKey { typealias Value = LetterLanguage }
}

extension LayoutContext {
    /// The layout of a party's page: in their language with the switch to the other, or unchanged (English) for staff.
    func forParty(_ request: Request, _ language: LetterLanguage?) -> LayoutContext {
        language.map { self.in($0, request) } ?? self
    }
}

/// The words of what the rules compute (entry titles, case states, time frames and why they fall where they do) in a
/// reader's language. English is the rules' own text; the catalog's English copies are held equal to it by a test.
extension Wording {
    func entryTitle(_ type: DocketEntryType) -> String { language == .en ? type.title : self("entry_" + type.rawValue) }

    func caseStatus(_ raw: String) -> String {
        guard let status = CaseStatus(rawValue: raw) else { return raw }
        return language == .en ? status.label : self("caseStatus_" + raw)
    }

    func role(_ raw: String) -> String {
        guard let role = PartyRole(rawValue: raw) else { return raw }
        return language == .en ? role.label : self("role_" + raw)
    }

    /// A docket field's label ("Articles cited"), keyed by its English words (`field_articles-cited`).
    func fieldLabel(_ field: PayloadField) -> String {
        guard language != .en else { return field.plainLabel }
        return worded(Self.fieldKey(field.plainLabel)) ?? field.plainLabel
    }

    static func fieldKey(_ label: String) -> String { "field_" + slug(label) }

    /// English words as a catalog key's tail: "Articles cited" is `articles-cited`.
    static func slug(_ words: String) -> String {
        words.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.joined(separator: "-")
    }

    /// A recorded choice ("email", "not-a-code-matter") in words: a notice by its letter's subject, a time frame by
    /// its title, a role by its name, others where the catalog words them (`value_…`); otherwise as recorded.
    func choice(_ raw: String) -> String? {
        guard language != .en else { return nil }
        if let notice = NoticeKind(rawValue: raw) { return self("letter_\(notice.rawValue)_subject") }
        if DeadlineKey(rawValue: raw) != nil { return self("deadline_" + raw) }
        if PartyRole(rawValue: raw) != nil { return role(raw) }
        return worded("value_" + raw)
    }

    /// The key's words in the language, or nil where the catalog has no such key (the caller keeps the rules' words).
    func worded(_ key: String) -> String? { catalog.strings[.en]?[key] == nil ? nil : self(key) }

    func kind(_ kind: CaseKind) -> String { language == .en ? kind.label : self("kind_" + kind.rawValue) }

    /// What a step's refusal says, by its code, where the catalog words it; otherwise the rules' own message.
    func refusal(code: String, otherwise message: String) -> String {
        guard language != .en else { return message }
        return worded("refusal_" + code) ?? message
    }

    /// Each refusal of an error with the rule it cites ("State the cause of the challenge. (rule a1.14)"), in the language.
    func cited(_ error: AppError) -> [String] {
        guard language != .en else { return error.citedMessages }
        let refusals = error.details.isEmpty ? [Refusal(code: error.code, message: error.message, rule: error.rule)] : error.details
        return refusals.map { refusal in
            let message = self.refusal(code: refusal.code, otherwise: refusal.message)
            return refusal.rule.map { self("refusal_ruleCited", ["message": message, "rule": $0]) } ?? message
        }
    }

    /// What a party's step did ("Your reply was received and recorded."), in the language.
    func done(step: String, otherwise message: String) -> String {
        guard language != .en else { return message }
        return worded("done_" + step) ?? message
    }

    /// Why a message cannot be sent (`OmbudsText.check`), in the language; nil when it can, or in English (the rules' words serve).
    func messageProblem(_ body: String) -> String? {
        guard language != .en else { return nil }
        switch OmbudsText.check(body, limit: CaseMessages.bodyLimit, required: true) {
        case nil: return nil
        case .missing: return self("portal_messageMissing")
        case .tooLong(let limit, let count): return self("portal_messageTooLong", ["limit": String(limit), "count": String(count)])
        case .controlCharacters: return self("portal_messageControl")
        }
    }

    func date(_ day: CivilDate) -> String { day.description }

    func weekday(_ day: CivilDate) -> String { language == .en ? day.weekday.shortName : self("weekday_\(day.weekday.rawValue)") }

    /// A time frame's row for a party: its title, due date (or what it counts from), state and why, in the language.
    func deadlineRow(_ d: Deadline, forParty: Bool) -> CasePage.DeadlineRow {
        var row = CasePageBuilder.deadlineRow(d)
        if forParty { row.due = d.dueTextForParty }
        guard language != .en else { return row }
        row.title = self("deadline_" + d.key.rawValue)
        row.status = self("status_" + d.status.rawValue)
        row.explanation = explanation(d.why)
        row.closedDayNote = d.closedDay.map(closedDay)
        if let due = d.dueOn {
            row.due = "\(date(due)) \(weekday(due))"
        } else if let earliest = d.earliestOn {
            row.due = self("explain_notBefore", ["date": date(earliest)])
        } else {
            let days = d.why.days.map(String.init) ?? "—"
            row.due = self(d.basis == .received ? "explain_dueFromReceipt" : "explain_dueFromStep", ["days": days])
        }
        return row
    }

    /// Why a time frame falls where it does, built from the same values the rules' English sentence is made of.
    func explanation(_ why: DeadlineExplanation) -> String {
        guard language != .en else { return why.text }
        switch why {
        case .text(let text):
            return text
        case .window(let days, let working, let start, let due, let outcome):
            return self(working ? "explain_windowWorking" : "explain_window",
                        ["days": String(days), "start": self.start(start), "due": date(due), "weekday": weekday(due)]) + self.outcome(outcome)
        case .receiptUnknown(let days, let what, let sent, let rule, let outcome):
            return self("explain_receiptUnknown", ["days": String(days), "what": notice(what), "sent": date(sent), "rule": rule]) + self.outcome(outcome)
        case .before(let days, let hearingOn, let due, let outcome):
            return self("explain_before", ["days": String(days), "hearing": date(hearingOn), "due": date(due), "weekday": weekday(due)]) + self.outcome(outcome)
        case .noticeAhead(let sent, let days, let earliest, let hearingOn, let rule):
            let values = ["sent": date(sent), "days": String(days), "earliest": date(earliest), "hearing": date(hearingOn)]
            return hearingOn >= earliest ? self("explain_noticeAhead", values)
                : self("explain_noticeTooSoon", values.merging(["short": String(hearingOn.days(to: earliest)), "rule": rule]) { $1 })
        case .filing(let days, let start, let factsKnownLater, let counted, let due, let received, let daysLate, let rule):
            var text = self(factsKnownLater ? "explain_filingFactsLater" : "explain_filing",
                            ["days": String(days), "start": date(start), "due": date(due), "weekday": weekday(due)])
            for item in counted {
                text += ", " + self("explain_filingSuspended", ["days": String(item.days), "reason": item.interval.reason,
                                                               "from": date(item.interval.start), "to": date(item.interval.end)])
            }
            if let received {
                text += daysLate.map { self("explain_filingLate", ["received": date(received), "late": String($0), "rule": rule]) }
                    ?? self("explain_filingInTime", ["received": date(received)])
            }
            return text
        }
    }

    private func start(_ start: WindowStart) -> String {
        switch start {
        case .from(let label, let day): self("explain_startFrom", ["label": startLabel(label), "date": date(day)])
        case .receiptOf(let raw, let day): self("explain_startReceipt", ["notice": noticeName(raw), "date": date(day)])
        case .transmittalOf(let raw, let day): self("explain_startTransmittal", ["notice": noticeName(raw), "date": date(day)])
        case .entry(let basis, let title, let day):
            self("explain_startEntry", ["basis": self("explain_basis_" + basis.rawValue),
                                        "title": (DocketEntryType.allCases.first { $0.title == title }.map(entryTitle) ?? title).lowercased(),
                                        "date": date(day)])
        }
    }

    /// What a window counts from when it is not an entry ("the day challenges were due"), where the catalog words it.
    private func startLabel(_ label: String) -> String {
        worded("explain_from_" + Self.slug(label)) ?? label
    }

    /// A notice by its letter's subject ("Desestimación de su queja"); an unknown kind by its raw name.
    private func noticeName(_ raw: String) -> String {
        NoticeKind(rawValue: raw).map { self("letter_\($0.rawValue)_subject") } ?? raw
    }

    private func notice(_ raw: String) -> String { self("explain_notice", ["notice": noticeName(raw)]) }

    private func outcome(_ outcome: WindowOutcome) -> String {
        switch outcome {
        case .waived: self("explain_waived")
        case .done(let on, let late, _) where late > 0: self("explain_doneLate", ["on": date(on), "late": String(late)])
        case .done(let on, _, _): self("explain_done", ["on": date(on)])
        case .caseEnded(let on): self("explain_caseEnded", ["on": date(on)])
        case .lapsed: self("explain_lapsed")
        case .overdue(let days): self("explain_overdue", ["days": String(days)])
        case .pending(let left): left.map { self("explain_daysLeft", ["days": String($0)]) } ?? ""
        }
    }

    private func closedDay(_ closed: ClosedDay) -> String {
        let name: String
        switch closed.reason {
        case .saturday: name = self("explain_saturday")
        case .sunday: name = self("explain_sunday")
        case .holiday(let holiday): name = self("explain_holiday", ["name": holiday])
        }
        guard let movedTo = closed.movedTo else { return self("explain_closedDay", ["day": date(closed.day), "name": name, "profile": closed.profile]) }
        return self("explain_closedDayMoved", ["day": date(closed.day), "name": name, "to": date(movedTo)])
    }
}
